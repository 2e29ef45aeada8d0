package com.sourceful.commissioner.ui.wizard;

import java.util.Collection;
import java.util.List;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;

/** The view-model side of one wizard step, as the wizard drives it. */
public interface WizardStep {

    /** Shown (again): load what the step needs. */
    void enter();

    /** Before the step is shown for a new device of the same Zap ("Add another device"): forget the last one's form. */
    default void startAfresh() {
    }

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
    default ObservableStringValue nextLabelProperty() {
        return null;
    }

    /** Stop the running work, if any (Esc while busy). */
    default void cancel() {
    }

    /**
     * Esc while not busy: stop work this step runs beside the technician (a network scan, a load test) and return
     * true; false when there is none, and Esc goes back.
     */
    default boolean cancelBackgroundWork() {
        return false;
    }

    /** The error the step shows (empty: none); null for a step that shows none. */
    default ObservableStringValue errorProperty() {
        return null;
    }

    /** What the technician typed that no report may contain (tokens, passwords). */
    default Collection<String> secrets() {
        return List.of();
    }

    /** The address of the service this step talks to besides the Zap (Novacore), for a report; null when none. */
    default String serviceAddress() {
        return null;
    }

    /** The failure behind the error shown, when there is one (for "Copy details"); null for a step that has none. */
    default ObservableObjectValue<Throwable> errorCauseProperty() {
        return null;
    }
}
