package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The Verify step in a real window with a live Sungrow: the load test finds a load on another phase than expected. */
class VerifyStepUiTest extends DemoAppUiTest {

    @Test
    void theLoadTestSaysOnWhichPhaseTheLoadShowedUp() throws Exception {
        AddedDevice added = fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        var verify = app.context().verify();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> verify.loadTestPossibleProperty().get());
        robot.interact(() -> {
            verify.loadWattsProperty().set("2000");
            verify.loadPhaseProperty().set(1);
            verify.startLoadTest();
        });
        // As after a click on Start: Start is disabled while the test runs, so the focus is on Cancel.
        Node cancel = robot.lookup("#loadCancelButton").query();
        robot.interact(cancel::requestFocus);
        // The load goes on only once the whole site's baseline is taken, as the technician is told.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> verify.loadTestSwitchOnProperty().get());
        demo.zap().addHouseLoad(2000, 3);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !verify.loadTestRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Wrong phase: the load was seen on L3, expected on L1");
        assertThat(app.context().session().loadTests()).extracting(CommissioningSession.LoadTestResult::outcome)
                .containsExactly("WRONG_PHASE");
        // Cancel went away with the test: the focus stays with the load test, not on Back (where Enter goes back).
        Node focused = scene().getFocusOwner();
        assertThat(focused.getId()).as("focus after the verdict").isIn("loadStartButton", "loadWattsField");
        assertThat(app.context().wizard().currentStep()).isEqualTo(WizardViewModel.Step.VERIFY);
        Node loadBox = robot.lookup("#loadResultLabel").query();
        robot.interact(() -> {
            Node n = loadBox;
            while (!(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ((ScrollPane) n).setVvalue(1.0);
        });
        Screenshots.take(scene(), "4b-verify-load-test");
    }
}
