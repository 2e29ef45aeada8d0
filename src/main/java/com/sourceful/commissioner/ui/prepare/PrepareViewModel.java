package com.sourceful.commissioner.ui.prepare;

import java.util.Collection;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.wizard.StepViewModel;

/**
 * Step 2: a Zap ready for work — claimed for the organisation, on the site's Wi-Fi, healthy. Each panel is its own
 * view-model; this step shows them together and tells the wizard when one of them runs. Nothing here is required to
 * go on: a Zap prepared before goes straight to "Add a device", and provisioning says when a claim is missing.
 */
public final class PrepareViewModel extends StepViewModel {

    private final CommissioningSession session;
    private final ClaimViewModel claim;
    private final ReadOnlyStringWrapper zap = new ReadOnlyStringWrapper("");

    public PrepareViewModel(CommissioningSession session, ClaimViewModel claim) {
        this.session = session;
        this.claim = claim;
        BooleanBinding busy = claim.claimingProperty().or(new SimpleBooleanProperty());
        busyWhen(busy);
        readyWhen(busy.not());
    }

    @Override
    public void enter() {
        clearError();
        session.gateway().ifPresent(g -> zap.set(Messages.get("prepare.zap", g.serial(), g.baseUri().getAuthority())));
        claim.enter();
    }

    @Override
    public void leave() {
        claim.leave();
    }

    @Override
    public void next(Runnable proceed) {
        proceed.run();
    }

    @Override
    public void cancel() {
        claim.cancel();
    }

    @Override
    public boolean cancelBackgroundWork() {
        return claim.signIn().cancelSigningIn();
    }

    @Override
    public Collection<String> secrets() {
        return claim.signIn().secrets();
    }

    @Override
    public String serviceAddress() {
        return claim.signIn().serviceAddress();
    }

    /** Which Zap the step prepares, as the step's header says. */
    public ReadOnlyStringProperty zapProperty() {
        return zap.getReadOnlyProperty();
    }

    public ClaimViewModel claim() {
        return claim;
    }
}
