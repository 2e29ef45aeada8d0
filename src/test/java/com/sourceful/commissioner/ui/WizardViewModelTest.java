package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;

import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel.Step;

import org.junit.jupiter.api.Test;

class WizardViewModelTest {

    /** A step whose readiness, busyness and completion the test controls. */
    static final class FakeStep implements WizardStep {
        final SimpleBooleanProperty ready = new SimpleBooleanProperty(true);
        final SimpleBooleanProperty busy = new SimpleBooleanProperty();
        final List<String> calls = new ArrayList<>();
        Runnable pending;

        @Override
        public void enter() {
            calls.add("enter");
        }

        @Override
        public void leave() {
            calls.add("leave");
        }

        @Override
        public void startAfresh() {
            calls.add("startAfresh");
        }

        @Override
        public ObservableBooleanValue readyProperty() {
            return ready;
        }

        @Override
        public ObservableBooleanValue busyProperty() {
            return busy;
        }

        @Override
        public void next(Runnable proceed) {
            calls.add("next");
            pending = proceed;
        }

        @Override
        public void cancel() {
            calls.add("cancel");
        }
    }

    /** One per step, in the wizard's order. */
    private final List<FakeStep> steps = Stream.generate(FakeStep::new).limit(Step.values().length).toList();
    private final WizardViewModel wizard = new WizardViewModel(List.copyOf(steps));

    @Test
    void nextWaitsForTheStepToFinishItsWork() {
        wizard.start();
        wizard.next();
        assertThat(wizard.currentStep()).as("the step has not called proceed yet").isEqualTo(Step.FIND);
        steps.get(0).pending.run();
        assertThat(wizard.currentStep()).isEqualTo(Step.PREPARE);
        assertThat(steps.get(0).calls).containsExactly("enter", "next", "leave");
        assertThat(steps.get(1).calls).containsExactly("enter");
    }

    @Test
    void nextIsRefusedWhileTheStepIsNotReady() {
        wizard.start();
        steps.get(0).ready.set(false);
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        wizard.next();
        assertThat(steps.get(0).calls).containsExactly("enter");
    }

    @Test
    void escapeCancelsBusyWorkInsteadOfGoingBack() {
        wizard.start();
        wizard.next();
        steps.get(0).pending.run();
        steps.get(1).busy.set(true);
        assertThat(wizard.canGoBackProperty().get()).isFalse();
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        wizard.back();
        assertThat(steps.get(1).calls).containsExactly("enter", "cancel");
        assertThat(wizard.currentStep()).isEqualTo(Step.PREPARE);
        steps.get(1).busy.set(false);
        wizard.back();
        assertThat(wizard.currentStep()).isEqualTo(Step.FIND);
    }

    @Test
    void aLateCompletionDoesNotMoveAWizardThatWentElsewhere() {
        wizard.start();
        wizard.next();
        Runnable late = steps.get(0).pending;
        steps.get(0).pending.run();
        wizard.back();
        late.run();
        assertThat(wizard.currentStep()).isEqualTo(Step.FIND);
    }

    @Test
    void theOverviewOpensAnyStepBackOrForthAndEntersTheCurrentOneAgainButNotWhileBusy() {
        wizard.start();
        wizard.open(Step.DONE);
        assertThat(wizard.currentStep()).isEqualTo(Step.DONE);
        wizard.open(Step.VERIFY);
        assertThat(wizard.currentStep()).as("back from Done").isEqualTo(Step.VERIFY);
        wizard.open(Step.VERIFY);
        assertThat(steps.get(Step.VERIFY.ordinal()).calls).as("entered again for another device")
                .containsExactly("enter", "leave", "enter");
        steps.get(Step.VERIFY.ordinal()).busy.set(true);
        wizard.open(Step.PROVISION);
        assertThat(wizard.currentStep()).as("work runs").isEqualTo(Step.VERIFY);
    }

    @Test
    void doneHasNoBackAndAddAnotherGoesToTheAddStep() {
        wizard.start();
        for (int i = 0; i < Step.DONE.ordinal(); i++) {
            wizard.next();
            steps.get(i).pending.run();
        }
        assertThat(wizard.currentStep()).isEqualTo(Step.DONE);
        assertThat(wizard.canGoBackProperty().get()).isFalse();
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        wizard.addAnotherDevice();
        assertThat(wizard.currentStep()).isEqualTo(Step.ADD);
        assertThat(steps.get(Step.ADD.ordinal()).calls).as("a fresh form, then shown").endsWith("startAfresh", "enter");
    }

    @Test
    void aStepMadeOnFirstUseIsMadeWhenTheWizardGoesThereAndThenDrivesBackAndNext() {
        List<Integer> made = new ArrayList<>();
        List<Supplier<? extends WizardStep>> makers = IntStream.range(0, steps.size())
                .<Supplier<? extends WizardStep>>mapToObj(i -> () -> {
                    made.add(i);
                    return steps.get(i);
                }).toList();
        WizardViewModel lazy = WizardViewModel.madeOnFirstUse(makers);
        List<Boolean> busySeen = new ArrayList<>();
        lazy.busyProperty().addListener((o, was, now) -> busySeen.add(now));
        assertThat(made).as("only the first step, for the first frame").containsExactly(0);

        lazy.start();
        lazy.next();
        steps.get(0).pending.run();
        assertThat(made).containsExactly(0, 1);
        assertThat(lazy.step()).isSameAs(steps.get(1));

        steps.get(1).busy.set(true);
        assertThat(busySeen).as("a listener bound before the step was made hears it").containsExactly(true);
        assertThat(lazy.canGoNextProperty().get()).isFalse();
        steps.get(1).busy.set(false);
        steps.get(1).ready.set(false);
        assertThat(lazy.canGoNextProperty().get()).isFalse();
        steps.get(1).ready.set(true);
        assertThat(lazy.canGoNextProperty().get()).isTrue();
        assertThat(made).as("each made once").containsExactly(0, 1);
    }
}
