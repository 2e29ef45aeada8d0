package com.sourceful.commissioner.ui.wizard;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/** The steps in order, Back/Next, and where "Add another device" goes. */
public final class WizardViewModel {

    public enum Step {
        FIND, PREPARE, ADD, VERIFY, PROVISION, DONE
    }

    private final List<Supplier<? extends WizardStep>> makers;
    /** The steps' view-models made so far (on the JavaFX thread); the others come when the wizard first needs them. */
    private final WizardStep[] made;
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(0);
    private final StepBinding busy;
    private final StepBinding canGoNext;
    private final BooleanBinding canGoBack;
    private long visits;

    public WizardViewModel(List<WizardStep> steps) {
        this(steps.stream().<Supplier<? extends WizardStep>>map(step -> () -> step).toList(), steps.size());
    }

    /**
     * With each step's view-model made the first time the wizard needs it (entering the step, showing its view):
     * the first frame waits only for the first step's.
     */
    public static WizardViewModel madeOnFirstUse(List<Supplier<? extends WizardStep>> steps) {
        return new WizardViewModel(steps, 1);
    }

    private WizardViewModel(List<Supplier<? extends WizardStep>> makers, int madeAtOnce) {
        if (makers.size() != Step.values().length) {
            throw new IllegalArgumentException("one view-model per step");
        }
        this.makers = List.copyOf(makers);
        this.made = new WizardStep[makers.size()];
        // Made before the bindings, which ask the current step as they are made; they depend on these just below.
        for (int i = 0; i < madeAtOnce; i++) {
            made[i] = Objects.requireNonNull(makers.get(i).get(), "step view-model");
        }
        this.busy = new StepBinding(() -> step().busyProperty().get(), current);
        this.canGoNext = new StepBinding(
                () -> current.get() < Step.DONE.ordinal() && step().readyProperty().get() && !busy.get(),
                current, busy);
        // Once provisioned there is no way back into the same request; "Add another device" starts a new one.
        this.canGoBack = Bindings.createBooleanBinding(
                () -> current.get() > 0 && current.get() < Step.DONE.ordinal() && !busy.get(), current, busy);
        for (int i = 0; i < madeAtOnce; i++) {
            dependOn(made[i]);
        }
    }

    /** A binding on the current step that also depends on every step made so far (their busy or ready). */
    private static final class StepBinding extends BooleanBinding {
        private final BooleanSupplier value;

        StepBinding(BooleanSupplier value, Observable... dependencies) {
            this.value = value;
            bind(dependencies);
        }

        void dependOn(Observable another) {
            bind(another);
            invalidate();
        }

        @Override
        protected boolean computeValue() {
            return value.getAsBoolean();
        }
    }

    private WizardStep made(int index) {
        WizardStep step = made[index];
        if (step == null) {
            step = Objects.requireNonNull(makers.get(index).get(), "step view-model");
            made[index] = step;
            dependOn(step);
        }
        return step;
    }

    private void dependOn(WizardStep step) {
        busy.dependOn(step.busyProperty());
        canGoNext.dependOn(step.readyProperty());
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
        return made(current.get());
    }

    /** Every step's secrets, for whatever report is made (a step not made yet has none). */
    public Collection<String> secrets() {
        return Arrays.stream(made).filter(Objects::nonNull).flatMap(s -> s.secrets().stream()).toList();
    }

    /** The step's view-model, made now if it was not yet. */
    public WizardStep step(Step step) {
        return made(step.ordinal());
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

    /**
     * From the site overview: straight to the step that finishes a device's work, forwards or back; the step is
     * entered again when the wizard is on it already (another device is now the session's current one). Not while
     * work runs.
     */
    public void open(Step step) {
        if (!busy.get()) {
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
        made(index);
        current.set(index);
        step().enter();
    }

    public void shutdown() {
        step().leave();
    }
}
