package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Label;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;

/**
 * Demo mode as {@code Main} starts it: the window first, showing that the simulators are starting; the simulators
 * after its first frame; then the search finds the simulated Zap, and the Add step (loaded only when first shown)
 * starts its form at the demo's Modbus stand-in.
 */
class DeferredStartUiTest {

    private final FxThreadRobot robot = new FxThreadRobot();
    private final CountDownLatch simulatorsMayStart = new CountDownLatch(1);
    private final AtomicReference<DemoEnvironment> demo = new AtomicReference<>();
    private App app;

    @AfterEach
    void close() throws Exception {
        simulatorsMayStart.countDown();
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (demo.get() != null) {
            demo.get().close();
        }
    }

    @Test
    void theWindowShowsFirstAndTheDemoStartsBehindIt() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(true, () -> {
            // Held until the test has seen the window without them.
            if (!simulatorsMayStart.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the simulators start");
            }
            demo.set(DemoEnvironment.start());
            return demo.get().config();
        }, () -> { }));
        WaitForAsyncUtils.waitForFxEvents();

        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        assertThat(status.getText()).startsWith("Starting the demo");
        assertThat(app.context().find().searchingProperty().get()).as("the spinner turns").isTrue();
        assertThat(robot.lookup("#demoBadge").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#profileBox").tryQuery()).as("the Add step is not loaded yet").isEmpty();

        simulatorsMayStart.countDown();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> demo.get() != null && app.context().find().zaps()
                .stream().anyMatch(z -> z.serial().equals(demo.get().zap().serial()) && z.answering()));
        FoundZap ours = app.context().find().zaps().stream()
                .filter(z -> z.serial().equals(demo.get().zap().serial())).findFirst().orElseThrow();
        robot.interact(() -> app.context().find().selectedProperty().set(ours));
        robot.clickOn("#nextButton");
        // Through "Prepare the Zap" (not this test's subject) to Add.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().currentStep()
                == WizardViewModel.Step.PREPARE && app.context().wizard().canGoNextProperty().get());
        assertThat(robot.lookup("#profileBox").tryQuery()).as("the Add step is still not loaded").isEmpty();
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().currentStep()
                == WizardViewModel.Step.ADD && !app.context().add().profiles().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#profileBox").tryQuery()).as("loaded when first shown").isPresent();
        robot.interact(() -> app.context().add().profileProperty()
                .set(app.context().add().profileNamed("sungrow").orElseThrow()));
        assertThat(app.context().add().field("port").orElseThrow().textProperty().get())
                .as("the form starts at the demo's Modbus stand-in")
                .isEqualTo(String.valueOf(demo.get().modbus().port()));
    }
}
