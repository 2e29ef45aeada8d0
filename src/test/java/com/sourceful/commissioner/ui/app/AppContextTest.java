package com.sourceful.commissioner.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.wizard.WizardViewModel.Step;

import org.junit.jupiter.api.Test;

/** What the composition makes before the first frame, and what it leaves for first use. */
class AppContextTest {

    /** A configuration still being made (as demo mode's, while its simulators start): nothing searches. */
    private final AppContext context = new AppContext(new CompletableFuture<AppConfig>(), false,
            Tasks.currentThread(), Clock.systemUTC(), AppTuning.defaults());

    @Test
    void theFirstStepIsTheOnlyStepWhoseViewModelIsMadeAtStart() {
        context.wizard().start();

        assertThat(context.stepsMade()).containsExactly(Step.FIND);
    }

    @Test
    void aLaterStepsViewModelIsMadeOnceOnFirstUseAndTheWizardDrivesThatOne() {
        var add = context.add();

        assertThat(context.stepsMade()).containsExactly(Step.FIND, Step.ADD);
        assertThat(context.add()).isSameAs(add);
        assertThat(context.wizard().step(Step.ADD)).isSameAs(add);
    }

    @Test
    void listenersWaitingForVerifyGetTheOneMade() {
        Object[] heard = new Object[1];
        context.whenVerifyMade(verify -> heard[0] = verify);
        assertThat(heard[0]).as("not made by asking to hear of it").isNull();

        assertThat(context.wizard().step(Step.VERIFY)).isSameAs(heard[0]).isSameAs(context.verify());
    }
}
