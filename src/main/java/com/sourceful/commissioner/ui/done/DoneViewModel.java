package com.sourceful.commissioner.ui.done;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import java.util.List;

import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.ui.wizard.WizardStep;

/** Step 5: what was created, and the way to add another device to the same Zap. */
public final class DoneViewModel implements WizardStep {

    /** A line of the summary: a label and its value. */
    public record Line(String label, String value) {
    }

    private final CommissioningSession session;
    private final StringProperty headline = new SimpleStringProperty("");
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final BooleanBinding never = Bindings.createBooleanBinding(() -> false);

    public DoneViewModel(CommissioningSession session) {
        this.session = session;
    }

    @Override
    public void enter() {
        CommissioningSession.Device device = session.device().orElseThrow();
        if (session.provisionResult().isEmpty()) {
            // Saved in the outbox: nothing is lost, it is sent when Novacore can be reached.
            headline.set(Messages.get("done.headline.queued", device.displayName()));
            lines.setAll(List.of(new Line(Messages.get("done.gateway"), session.gateway().orElseThrow().serial()),
                    new Line(Messages.get("done.hardwareId"), device.sn()),
                    new Line(Messages.get("done.outbox"), session.queuedOutboxId().orElse("?"))));
            return;
        }
        ProvisionResult result = session.provisionResult().orElseThrow();
        headline.set(result.created() ? Messages.get("done.headline.created", device.displayName())
                : Messages.get("done.headline.existing", device.displayName()));
        lines.clear();
        lines.add(new Line(Messages.get("done.gateway"), session.gateway().orElseThrow().serial()));
        lines.add(new Line(Messages.get("done.hardwareId"), result.hardwareId()));
        lines.add(new Line(Messages.get("done.deviceId"), result.deviceId()));
        lines.add(new Line(Messages.get("done.site"), result.siteId()));
        lines.add(new Line(Messages.get("done.state"), result.state()));
        for (ProvisionResult.ProvisionedDer der : result.ders()) {
            lines.add(new Line(Messages.get("done.der", der.name(), der.type()), der.id()));
        }
        lines.add(new Line(Messages.get("done.session"), Messages.get("done.sessionCount", session.history().size())));
    }

    /** Same Zap, next device. */
    public void prepareAnotherDevice() {
        session.startNextDevice();
    }

    public StringProperty headlineProperty() {
        return headline;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    @Override
    public ObservableBooleanValue readyProperty() {
        return never;
    }

    @Override
    public ObservableBooleanValue busyProperty() {
        return never;
    }

    @Override
    public void next(Runnable proceed) {
        // Done is the last step; "Add another device" is its way on.
    }
}
