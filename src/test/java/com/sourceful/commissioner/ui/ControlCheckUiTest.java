package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;

import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.verify.ControlCheckViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Verify's control check in a real window on the demo Zap: "Check control…" opens a confirmation owned by the window
 * that says what will happen to which device on which Zap, and nothing reaches the Zap unless it is confirmed; a
 * confirmed check runs to its verdict. Buttons are fired on the JavaFX thread (Monocle's clicks into a dialog are
 * unreliable).
 */
class ControlCheckUiTest extends DemoAppUiTest {

    private static final String CONFIRM = "controlCheckConfirm";

    private AddedDevice added;

    @Test
    void theConfirmationSaysWhatWillHappenAndOnlyStartStarts() throws Exception {
        AddedDevice added = atVerify();
        ControlCheckViewModel control = app.context().verify().controlCheck();

        DialogPane dialog = openConfirmation();
        assertThat(dialog.getHeaderText()).isEqualTo("Sungrow (serial " + added.sn() + ") on Zap "
                + demo.zap().serial() + " at " + demo.zap().baseUri().getAuthority());
        assertThat(dialog.getContentText()).startsWith("The battery will be told to charge at 1,000 W for up to 30 s")
                .contains("It stops at once if the grid import passes 10 kW")
                .contains("never steers the installation longer than 120 s.");
        Button start = (Button) dialog.lookup("#controlConfirmStartButton");
        Button keep = (Button) dialog.lookup("#controlConfirmKeepButton");
        assertThat(start.getText()).isEqualTo("_Start the check");
        assertThat(start.isDefaultButton()).as("Enter does not start").isFalse();
        assertThat(keep.isDefaultButton()).isTrue();
        assertThat(((Stage) dialog.getScene().getWindow()).getOwner()).as("owned by the window")
                .isSameAs(scene().getWindow());
        Screenshots.takeOne(dialog.getScene(), "4c-verify-control-confirm");
        assertThat(controlCalls()).as("nothing sent while the confirmation shows").isEmpty();

        Platform.runLater(keep::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(CONFIRM).isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(control.runningProperty().get()).isFalse();
        assertThat(controlCalls()).as("nothing sent when not confirmed").isEmpty();
        scrollToTheControlCheck();
        Screenshots.take(scene(), "4c-verify-control");
    }

    @Test
    void aConfirmedCheckRunsToItsVerdict() throws Exception {
        AddedDevice device = atVerify();
        ControlCheckViewModel control = app.context().verify().controlCheck();
        DialogPane dialog = openConfirmation();
        Button start = (Button) dialog.lookup("#controlConfirmStartButton");
        Platform.runLater(start::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> control.liveTextProperty().get()
                .startsWith("Live: the battery at ")
                && control.progressTextProperty().get().startsWith("Under control"));
        scrollToTheControlCheck();
        Screenshots.take(scene(), "4c-verify-control-running");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !control.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(control.verdictTextProperty().get()).startsWith("Followed: the battery went from ")
                .endsWith("Control given back: the device is in its own mode again (and any PV limit lifted).");
        assertThat(controlCalls()).anyMatch(c -> c.endsWith("/deinit"));
        assertThat(demo.zap().controlState(device.sn()).released()).as("the Zap says so too").isTrue();
        // The visit record has the result, and no longer the hold the check wrote before it took control.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> FxThreadRobot.onFx(() -> app.context().session().controlHolds().isEmpty()));
        assertThat(FxThreadRobot.onFx(() -> app.context().session().controlChecks()))
                .anySatisfy(r -> assertThat(r.outcome()).isEqualTo(ControlResult.Outcome.FOLLOWED))
                .allSatisfy(r -> assertThat(r.released()).isTrue());
        scrollToTheControlCheck();
        Screenshots.take(scene(), "4d-verify-control-verdict");
    }

    /**
     * The demo's Sungrow on Verify, its battery at 0 W from the start (a battery that ramps from self-consumption to
     * idle may pass near the setpoint: no check for a moment), and a check that can start.
     */
    private AddedDevice atVerify() throws Exception {
        demo.zap().batteryIdle();
        if (added == null) {
            // Once per class: the demo Zap has the device from then on.
            added = fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        }
        ControlCheckViewModel control = app.context().verify().controlCheck();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> control.canStartProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return added;
    }

    private DialogPane openConfirmation() throws Exception {
        scrollToTheControlCheck();
        Node startButton = robot.lookup("#controlStartButton").query();
        assertThat(SceneNodes.visible(startButton)).isTrue();
        Platform.runLater(() -> ((Button) startButton).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(CONFIRM).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Optional<DialogPane> pane = robot.dialogPane(CONFIRM);
        return pane.orElseThrow();
    }

    private void scrollToTheControlCheck() {
        Node box = robot.lookup("#controlBox").query();
        robot.interact(() -> Reveal.scrollTo(box));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> controlCalls() {
        return demo.zap().requestStats().byRequest().keySet().stream().filter(r -> r.contains("/api/control/"))
                .toList();
    }
}
