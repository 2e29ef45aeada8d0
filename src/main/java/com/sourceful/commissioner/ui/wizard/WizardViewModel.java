package com.sourceful.commissioner.ui.wizard;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/** The five steps in order, Back/Next, and where "Add another device" goes. */
public final class WizardViewModel {

    public enum Step {
        FIND, ADD, VERIFY, PROVISION, DONE
    }

    private final List<WizardStep> steps;
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(0);
    private final BooleanBinding busy;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private long visits;

    public WizardViewModel(List<WizardStep> steps) {
        if (steps.size() != Step.values().length) {
            throw new IllegalArgumentException("one view-model per step");
        }
        this.steps = List.copyOf(steps);
        Observable[] busyness = steps.stream().map(WizardStep::busyProperty).toArray(Observable[]::new);
        this.busy = Bindings.createBooleanBinding(() -> step().busyProperty().get(), concat(busyness, current));
        Observable[] readiness = steps.stream().map(WizardStep::readyProperty).toArray(Observable[]::new);
        this.canGoNext = Bindings.createBooleanBinding(
                () -> current.get() < Step.DONE.ordinal() && step().readyProperty().get() && !busy.get(),
                concat(readiness, current, busy));
        // Once provisioned there is no way back into the same request; "Add another device" starts a new one.
        this.canGoBack = Bindings.createBooleanBinding(
                () -> current.get() > 0 && current.get() < Step.DONE.ordinal() && !busy.get(), current, busy);
    }

    private static Observable[] concat(Observable[] a, Observable... b) {
        Observable[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public void start() {
        step().enter();
    }

    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Step currentStep() {
        return Step.values()[current.get()];
    }

    public WizardStep step() {
        return steps.get(current.get());
    }

    /** Every step's secrets, for whatever report is made. */
    public Collection<String> secrets() {
        return steps.stream().flatMap(s -> s.secrets().stream()).toList();
    }

    public WizardStep step(Step step) {
        return steps.get(step.ordinal());
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public BooleanBinding busyProperty() {
        return busy;
    }

    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        int from = current.get();
        long visit = visits;
        step().next(() -> {
            // The step may finish after the user moved on and came back; only the visit that asked may advance.
            if (visits == visit && current.get() == from) {
                go(from + 1);
            }
        });
    }

    /**
     * Esc: cancel what runs, else stop what the step runs beside the technician (a scan, a load test), else go back;
     * on the first step, stop what it runs in the background (a sweep).
     */
    public void back() {
        if (busy.get() || current.get() == 0) {
            step().cancel();
            return;
        }
        if (step().cancelBackgroundWork()) {
            return;
        }
        if (canGoBack.get()) {
            go(current.get() - 1);
        }
    }

    /** Straight to a later step whose prerequisites the current step has just put in the session. */
    public void skipTo(Step step) {
        if (step.ordinal() > current.get() && !busy.get()) {
            go(step.ordinal());
        }
    }

    /** From Done: the same Zap, a new device. */
    public void addAnotherDevice() {
        step(Step.ADD).startAfresh();
        go(Step.ADD.ordinal());
    }

    private void go(int index) {
        visits++;
        step().leave();
        current.set(index);
        step().enter();
    }

    public void shutdown() {
        step().leave();
    }
}
