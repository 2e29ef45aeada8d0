package com.sourceful.commissioner.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import org.junit.jupiter.api.Test;

/** {@link StepViewModel}: busy and ready follow what the step says they are; an error keeps its cause until cleared. */
class StepViewModelTest {

    private static final class Step extends StepViewModel {
        final BooleanProperty loading = new SimpleBooleanProperty();
        final BooleanProperty sending = new SimpleBooleanProperty();
        final BooleanProperty valid = new SimpleBooleanProperty();

        Step() {
            busyWhen(loading.or(sending));
            readyWhen(valid.and(busyProperty().not()));
        }

        void fail(IOException e) {
            showError("could not send", e);
        }

        void retry() {
            clearError();
        }

        @Override
        public void enter() {
        }

        @Override
        public void next(Runnable proceed) {
            proceed.run();
        }
    }

    @Test
    void busyAndReady_followTheStepsOwnConditions() {
        Step step = new Step();
        assertFalse(step.busyProperty().get());
        step.valid.set(true);
        assertTrue(step.readyProperty().get());
        step.sending.set(true);
        assertTrue(step.busyProperty().get());
        assertFalse(step.readyProperty().get(), "not ready while busy");
        step.sending.set(false);
        assertTrue(step.readyProperty().get());
    }

    @Test
    void anError_keepsItsCause_untilCleared() {
        Step step = new Step();
        IOException cause = new IOException("refused");
        step.fail(cause);
        assertEquals("could not send", step.errorProperty().get());
        assertSame(cause, step.errorCauseProperty().get());
        step.retry();
        assertEquals("", step.errorProperty().get());
        assertNull(step.errorCauseProperty().get());
    }
}
