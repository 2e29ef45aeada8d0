package com.sourceful.commissioner.ui.wizard;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * What every step shows besides its own fields: a status line, an error with the failure behind it (for "Copy
 * details"), busy and ready. A step says once, in its constructor, what makes it busy and ready ({@link #busyWhen},
 * {@link #readyWhen}); its work sets its own flags, and the wizard reads these.
 */
public abstract class StepViewModel implements WizardStep {

    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<Throwable> errorCause = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();

    /** Busy while {@code condition} holds (e.g. loading or adding or checking). */
    protected final void busyWhen(ObservableBooleanValue condition) {
        busy.bind(condition);
    }

    /** Next may be pressed while {@code condition} holds. */
    protected final void readyWhen(ObservableBooleanValue condition) {
        ready.bind(condition);
    }

    /** Shows {@code text} as the step's error, with the failure behind it (null when there is none). */
    protected final void showError(String text, Throwable cause) {
        errorCause.set(cause);
        error.set(text);
    }

    /** No error shown, and no failure kept for "Copy details". */
    protected final void clearError() {
        error.set("");
        errorCause.set(null);
    }

    public StringProperty statusProperty() {
        return status;
    }

    @Override
    public StringProperty errorProperty() {
        return error;
    }

    @Override
    public ObjectProperty<Throwable> errorCauseProperty() {
        return errorCause;
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }
}
