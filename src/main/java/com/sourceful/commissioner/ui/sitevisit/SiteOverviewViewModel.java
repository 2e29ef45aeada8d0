package com.sourceful.commissioner.ui.sitevisit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.VisitProgress;
import com.sourceful.commissioner.visit.VisitProgress.DeviceProgress;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;

/**
 * The site overview: per Zap its devices, how far each has come and what is left, and a way to the step that
 * finishes it. Reads the session's snapshot when opened and when told the session changed.
 */
public final class SiteOverviewViewModel {

    private final Supplier<Snapshot> snapshots;
    private final CommissioningSession session;
    private final Function<String, Optional<CommissioningSession.Gateway>> zaps;
    private final Consumer<WizardViewModel.Step> goTo;
    private final ReadOnlyObjectWrapper<List<ZapProgress>> progress = new ReadOnlyObjectWrapper<>(List.of());
    private Snapshot snapshot;

    /**
     * @param snapshots the session's state now ({@code session::snapshot})
     * @param zaps      a Zap's address by serial, for a device on a Zap other than the chosen one (the Find step's
     *                  list); empty when it is not known
     * @param goTo      opens a wizard step (the wizard's {@code open})
     */
    public SiteOverviewViewModel(Supplier<Snapshot> snapshots, CommissioningSession session,
                                 Function<String, Optional<CommissioningSession.Gateway>> zaps,
                                 Consumer<WizardViewModel.Step> goTo) {
        this.snapshots = snapshots;
        this.session = session;
        this.zaps = zaps;
        this.goTo = goTo;
    }

    /** Reads the session again. JavaFX thread (the session's). */
    public void refresh() {
        snapshot = snapshots.get();
        progress.set(VisitProgress.of(snapshot));
    }

    /** Every Zap of the visit with its devices, as of the last {@link #refresh()}. */
    public ReadOnlyObjectProperty<List<ZapProgress>> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Zap ZAP1 · claimed by org-1 · joined Site-WiFi" / "· not claimed". */
    public String zapLine(ZapProgress zap) {
        StringBuilder line = new StringBuilder(Messages.get("visit.overview.zap", zap.serial()));
        line.append(" · ").append(zap.claimedBy().map(org -> Messages.get("visit.overview.claimedBy", org))
                .orElse(Messages.get("visit.left.zap_not_claimed")));
        zap.wifiChanges().forEach(w -> line.append(" · ").append(Messages.get("visit.overview.wifi", w.ssid())));
        if (zap.current()) {
            line.append(" · ").append(Messages.get("visit.overview.chosen"));
        }
        return line.toString();
    }

    /** "Sungrow SH10RT (A2231)". */
    public String deviceName(DeviceProgress device) {
        return device.name().isBlank() || device.name().equals(device.sn()) ? device.sn()
                : Messages.get("visit.overview.device", device.name(), device.sn());
    }

    public String stateText(DeviceProgress device) {
        return Messages.get("visit.state." + device.state().name().toLowerCase(Locale.ROOT));
    }

    /** What is left, e.g. "not verified; no DER publishes; not provisioned"; "nothing left" when done. */
    public String leftText(DeviceProgress device) {
        if (device.state() == VisitProgress.State.REMOVED) {
            return "";
        }
        if (device.left().isEmpty()) {
            return Messages.get("visit.overview.nothingLeft");
        }
        return device.left().stream().map(l -> Messages.get("visit.left." + l.name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining("; "));
    }

    /** What the device's button says ("Verify…"), empty when nothing is left or the device is gone. */
    public Optional<String> actionText(DeviceProgress device) {
        return device.device().flatMap(d -> device.nextStep())
                .map(step -> Messages.get("visit.overview.go." + step.name().toLowerCase(Locale.ROOT)));
    }

    /** The Zap's button ("Claim…"), empty when it is claimed. */
    public Optional<String> actionText(ZapProgress zap) {
        return zap.left().isEmpty() ? Optional.empty() : Optional.of(Messages.get("visit.overview.go.prepare"));
    }

    /** The device's Zap can be reached: the chosen one, or one whose address is known. */
    public boolean canGo(DeviceProgress device) {
        return actionText(device).isPresent() && gatewayOf(device.gatewaySerial()).isPresent();
    }

    public boolean canGo(ZapProgress zap) {
        return actionText(zap).isPresent() && gatewayOf(zap.serial()).isPresent();
    }

    /** The device becomes the one commissioned (on its Zap) and the wizard goes to the step that finishes it. */
    public void go(DeviceProgress device) {
        Optional<WizardViewModel.Step> step = device.nextStep().map(s -> WizardViewModel.Step.valueOf(s.name()));
        Optional<CommissioningSession.Gateway> gateway = gatewayOf(device.gatewaySerial());
        if (step.isEmpty() || gateway.isEmpty() || device.device().isEmpty()) {
            return;
        }
        if (!device.current()) {
            choose(gateway.get());
            // deviceAdded takes the identity and preflight waiting for the form's device; this device has its own.
            session.preflightChecked(null);
            session.identityFound(identityOf(device).orElse(null));
            session.deviceAdded(device.device().get());
        }
        goTo.accept(step.get());
    }

    /** The Zap is chosen and the wizard goes to Prepare, where it is claimed. */
    public void go(ZapProgress zap) {
        gatewayOf(zap.serial()).ifPresent(gateway -> {
            choose(gateway);
            goTo.accept(WizardViewModel.Step.PREPARE);
        });
    }

    private void choose(CommissioningSession.Gateway gateway) {
        if (session.gateway().map(g -> !g.serial().equals(gateway.serial())).orElse(true)) {
            session.selectGateway(gateway);
        }
    }

    private Optional<CommissioningSession.Gateway> gatewayOf(String serial) {
        Optional<CommissioningSession.Gateway> chosen = session.gateway().filter(g -> g.serial().equals(serial));
        return chosen.isPresent() ? chosen : zaps.apply(serial);
    }

    private Optional<CommissioningSession.Identity> identityOf(DeviceProgress device) {
        return snapshot == null ? Optional.empty() : snapshot.visits().stream()
                .filter(v -> v.gatewaySerial().equals(device.gatewaySerial()) && v.device().sn().equals(device.sn()))
                .findFirst().flatMap(CommissioningSession.DeviceVisit::identity);
    }
}
