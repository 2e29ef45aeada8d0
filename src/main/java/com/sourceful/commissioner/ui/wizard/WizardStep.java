package com.sourceful.commissioner.ui.wizard;

import javafx.beans.value.ObservableBooleanValue;

/** The view-model side of one wizard step, as the wizard drives it. */
public interface WizardStep {

    /** Shown (again): load what the step needs. */
    void enter();

    /** Left by Back or Next: stop what runs for this step (polling, searches). */
    default void leave() {
    }

    /** Next may be pressed. */
    ObservableBooleanValue readyProperty();

    /** Work for this step is running; Back and Next wait. */
    ObservableBooleanValue busyProperty();

    /** Does what Next means for this step (add, publish, provision); calls {@code proceed} when the wizard may move on. */
    void next(Runnable proceed);

    /** What Next says on this step, when it is not plain "Next" (e.g. "Add anyway"); null for the default. */
    default javafx.beans.value.ObservableStringValue nextLabelProperty() {
        return null;
    }

    /** Stop the running work, if any (Esc while busy). */
    default void cancel() {
    }
}
