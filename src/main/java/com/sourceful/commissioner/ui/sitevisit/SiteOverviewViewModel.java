package com.sourceful.commissioner.ui.sitevisit;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitProgress;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.visit.ZapSeen;
import com.sourceful.commissioner.visit.VisitProgress.DeviceProgress;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;

/**
 * The site overview: per Zap its devices, how far each has come and what is left, and a way to the step that
 * finishes it. Reads the session's snapshot when opened and when told the session changed.
 */
public final class SiteOverviewViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final Supplier<Snapshot> snapshots;
    private final CommissioningSession session;
    private final Function<String, Optional<CommissioningSession.Gateway>> zaps;
    private final Consumer<WizardViewModel.Step> goTo;
    private final Function<String, Optional<FoundZap>> found;
    private final VisitActions actions;
    private final Tasks tasks;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<List<ZapProgress>> progress = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> statusTone = new ReadOnlyObjectWrapper<>(Tone.NONE);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSwitch = new ReadOnlyBooleanWrapper(false);
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
        this(snapshots, session, zaps, goTo, serial -> Optional.empty(), null, null, ZoneId.systemDefault(),
                new SimpleBooleanProperty(false));
    }

    /**
     * With the visit's actions (export, open a file, finish) and each Zap's health.
     *
     * @param found   the Find step's row of a Zap by serial (what its search and re-checks know), empty when none
     * @param actions what is done with whole visits; null: no such buttons (tests of the rows alone)
     * @param zone    where the technician is, for the times shown
     * @param busy    the wizard's step is working: opening or finishing a visit waits for it
     */
    public SiteOverviewViewModel(Supplier<Snapshot> snapshots, CommissioningSession session,
                                 Function<String, Optional<CommissioningSession.Gateway>> zaps,
                                 Consumer<WizardViewModel.Step> goTo, Function<String, Optional<FoundZap>> found,
                                 VisitActions actions, Tasks tasks, ZoneId zone, ObservableBooleanValue busy) {
        this.snapshots = snapshots;
        this.session = session;
        this.zaps = zaps;
        this.goTo = goTo;
        this.found = found;
        this.actions = actions;
        this.tasks = tasks;
        this.zone = zone;
        this.canSwitch.bind(Bindings.createBooleanBinding(() -> !busy.getValue() && !working.get(), busy, working));
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
        return leftWords(device.left());
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

    // ---- the Zap's health ---------------------------------------------------------------------------------

    /** "at 192.168.1.20 · firmware 1.4.2 · answered the search at 10:42 · 3 devices at the last check". */
    public String healthLine(ZapProgress zap) {
        Optional<CommissioningSession.Gateway> known = snapshot == null ? Optional.empty()
                : snapshot.gatewayOf(zap.serial());
        ZapSeen seen = ZapSeen.of(found.apply(zap.serial()), known);
        List<String> parts = new ArrayList<>();
        seen.address().ifPresent(a -> parts.add(Messages.get("visit.health.address", a)));
        seen.firmware().ifPresent(f -> parts.add(Messages.get("visit.health.firmware", f)));
        String at = seen.foundAt().map(t -> TIME.format(t.atZone(zone))).orElse("?");
        parts.add(switch (seen.answer()) {
            case ANSWERING -> Messages.get("visit.health.answered", at);
            case SILENT -> Messages.get("visit.health.silent", at);
            case NOT_SEEN -> Messages.get("visit.health.notSeen");
        });
        seen.devices().ifPresent(n -> parts.add(Messages.get("visit.health.devices", n)));
        return String.join(" · ", parts);
    }

    // ---- the visit as a whole: export, open a file, finish ------------------------------------------------

    /** Whether the overview offers export, open and finish (the app wired them). */
    public boolean hasActions() {
        return actions != null;
    }

    /** What the overview says after an export or a failed open (empty: nothing). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> statusToneProperty() {
        return statusTone.getReadOnlyProperty();
    }

    /** An export or a file's reading runs. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** Another visit can be opened or this one finished now: nothing runs (the wizard's step included). */
    public ReadOnlyBooleanProperty canSwitchProperty() {
        return canSwitch.getReadOnlyProperty();
    }

    /** The file name offered for the export: {@code visit-<site>-<yyyyMMdd-HHmm>.zapvisit.json}. */
    public String exportName() {
        return VisitStore.exportName(actions.current(), zone);
    }

    /** Writes the visit as it is now to {@code target} (in the background); the status line says how it went. */
    public void export(Path target) {
        SiteVisit visit = actions.current(); // the session is read here, on its thread
        working.set(true);
        say(Messages.get("visit.export.writing"), Tone.NONE);
        tasks.job(() -> {
            actions.export(visit, target);
            return target;
        }).andFinally(() -> working.set(false))
                .onSuccess(saved -> say(Messages.get("visit.export.saved", saved), Tone.OK))
                .onFailure(e -> say(Messages.get("visit.export.failed", target, ErrorMessages.fileNotWritten(e)),
                        Tone.ERROR))
                .start();
    }

    /**
     * Reads {@code file} (in the background) and, when it is a visit, goes on with it: stored here as a new visit,
     * the session becomes it and the wizard goes to the step that fits it; {@code opened} gets the line that says
     * what happened (to the visit open until now, too). A file that is not one: the status line says why, nothing
     * changes.
     */
    public void open(Path file, Consumer<String> opened) {
        working.set(true);
        say(Messages.get("visit.open.reading"), Tone.NONE);
        tasks.job(() -> actions.importFile(file)).andFinally(() -> working.set(false)).onSuccess(imported -> {
            Snapshot before = snapshots.get();
            actions.open(imported);
            goTo.accept(WizardViewModel.Step.valueOf(VisitProgress.resumeAt(imported.session()).name()));
            refresh();
            say("", Tone.NONE);
            String line = Messages.get("visit.open.opened", summaryLine(imported.session()), fileName(file));
            if (VisitProgress.worthResuming(before)) {
                line += " " + Messages.get("visit.open.keptCurrent", summaryLine(before));
            }
            opened.accept(line);
        }).onFailure(e -> say(Messages.get("visit.open.failed", fileName(file), VisitFileTexts.whyNotOpened(e)),
                Tone.ERROR)).start();
    }

    /** What is left in the visit, a line per Zap or device: the finish confirmation lists it. Empty: nothing. */
    public List<String> leftLines() {
        List<String> lines = new ArrayList<>();
        for (ZapProgress zap : progress.get()) {
            if (!zap.left().isEmpty()) {
                lines.add(Messages.get("visit.finish.leftZap", zap.serial(), leftWords(zap.left())));
            }
            for (DeviceProgress device : zap.devices()) {
                if (device.state() != VisitProgress.State.REMOVED && !device.left().isEmpty()) {
                    lines.add(Messages.get("visit.finish.leftDevice", deviceName(device), leftWords(device.left())));
                }
            }
        }
        return lines;
    }

    /**
     * Ends this visit (kept in the history, finished) and begins a new one: the session starts empty and the wizard
     * goes to Find. When the old visit cannot be marked finished (found out later, in the background), the status
     * line and {@code notFinished} say so (the overview may be closed by then).
     */
    public void finish(Consumer<String> notFinished) {
        actions.finishAndStartNew(e -> {
            String text = Messages.get("visit.finish.notFinished");
            say(text, Tone.WARNING);
            notFinished.accept(text);
        });
        goTo.accept(WizardViewModel.Step.FIND);
        refresh();
    }

    private static String summaryLine(Snapshot s) {
        VisitProgress.Summary summary = VisitProgress.summary(s);
        return Messages.get("visit.resume.summary", summary.site(), summary.devices(), summary.waitingInOutbox());
    }

    private static String fileName(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static String leftWords(List<VisitProgress.Left> left) {
        return left.stream().map(l -> Messages.get("visit.left." + l.name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining("; "));
    }

    private void say(String text, Tone tone) {
        status.set(text);
        statusTone.set(tone);
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
