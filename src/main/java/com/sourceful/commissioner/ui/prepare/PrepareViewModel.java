package com.sourceful.commissioner.ui.prepare;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.wizard.StepViewModel;

/**
 * Step 2: a Zap ready for work — claimed for the organisation, on the site's Wi-Fi, healthy. Each panel is its own
 * view-model; this step shows them together and tells the wizard when one of them runs. Nothing here is required to
 * go on: a Zap prepared before goes straight to "Add a device", and provisioning says when a claim is missing.
 */
public final class PrepareViewModel extends StepViewModel {

    private final CommissioningSession session;
    private final NovacoreSignIn signIn;
    private final ClaimViewModel claim;
    private final WifiViewModel wifi;
    private final HealthViewModel health;
    private final List<PreparePanel> panels;
    private final ReadOnlyStringWrapper zap = new ReadOnlyStringWrapper("");

    public PrepareViewModel(CommissioningSession session, NovacoreSignIn signIn, ClaimViewModel claim,
                            WifiViewModel wifi, HealthViewModel health) {
        this.session = session;
        this.signIn = signIn;
        this.claim = claim;
        this.wifi = wifi;
        this.health = health;
        this.panels = List.of(claim, wifi, health);
        BooleanBinding busy = Bindings.createBooleanBinding(
                () -> panels.stream().anyMatch(p -> p.busyProperty().get()),
                panels.stream().map(PreparePanel::busyProperty).toArray(ObservableValue[]::new));
        busyWhen(busy);
        readyWhen(busy.not());
        // After a join the Zap answers elsewhere: the header names it there, and its health is read there.
        wifi.onZapMoved(() -> {
            showZap();
            health.refresh();
        });
    }

    @Override
    public void enter() {
        clearError();
        showZap();
        panels.forEach(PreparePanel::enter);
    }

    /** The header names the Zap at its address now (a Wi-Fi join moves it). */
    void showZap() {
        zap.set(session.gateway().map(g -> Messages.get("prepare.zap", g.serial(), g.baseUri().getAuthority()))
                .orElse(""));
    }

    @Override
    public void leave() {
        panels.forEach(PreparePanel::leave);
    }

    @Override
    public void next(Runnable proceed) {
        proceed.run();
    }

    @Override
    public void cancel() {
        panels.forEach(PreparePanel::cancel);
    }

    @Override
    public boolean cancelBackgroundWork() {
        return panels.stream().map(PreparePanel::cancelBackgroundWork).reduce(false, Boolean::logicalOr);
    }

    @Override
    public Collection<String> secrets() {
        return panels.stream().flatMap(p -> p.secrets().stream()).distinct().toList();
    }

    @Override
    public String serviceAddress() {
        return signIn.serviceAddress();
    }

    /** Which Zap the step prepares, as the step's header says. */
    public ReadOnlyStringProperty zapProperty() {
        return zap.getReadOnlyProperty();
    }

    public ClaimViewModel claim() {
        return claim;
    }

    public WifiViewModel wifi() {
        return wifi;
    }

    public HealthViewModel health() {
        return health;
    }

    /** The session's Zap, if one is chosen. */
    Optional<CommissioningSession.Gateway> gateway() {
        return session.gateway();
    }
}
