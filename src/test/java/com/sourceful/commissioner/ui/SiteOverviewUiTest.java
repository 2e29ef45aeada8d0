package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;
import com.sourceful.commissioner.ui.sitevisit.SiteOverview;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The site overview from the frame's "Site overview (Alt+X)": per Zap its devices, their state and what is left; a
 * row's button goes to the step that finishes it (back from Provision to Verify here); Esc closes it and stays.
 */
class SiteOverviewUiTest extends DemoAppUiTest {

    @Test
    void showsTheVisitAndARowGoesToTheStepThatFinishesIt() throws Exception {
        AddedDevice sungrow = fixture.sungrowAt(robot, WizardViewModel.Step.PROVISION, List.of("pv"));
        WizardViewModel wizard = app.context().wizard();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.PROVISION
                && !wizard.busyProperty().get());
        // More of a site: a meter whose DERs do not publish, a charger waiting in the outbox, an old device removed.
        robot.interact(() -> {
            CommissioningSession session = app.context().session();
            CommissioningSession.Device current = session.device().orElseThrow();
            session.startNextDevice();
            session.deviceAdded(new CommissioningSession.Device("P1-0042", "p1_meter", "meters", "P1 meter",
                    DeviceConfig.of("p1_meter", Map.of()), List.of(new Der("meter", false))));
            session.startNextDevice();
            session.deviceAdded(new CommissioningSession.Device("EVC-7", "ambibox", "ev_chargers", "Ambibox",
                    DeviceConfig.of("mqtt", Map.of()), List.of(new Der("v2x_charger", false))));
            session.publishedDers(List.of("v2x_charger"));
            session.provisionQueued("obx-demo-1");
            session.deviceRemoved("OLD-1", "solis", Instant.EPOCH);
            session.deviceAdded(current);
        });

        robot.press(KeyCode.ALT, KeyCode.X).release(KeyCode.X, KeyCode.ALT);
        DialogPane overview = awaitOverview();
        String serial = demo.zap().serial();
        assertThat(texts(overview)).contains(
                "Zap " + serial + " · claimed by " + NovacoreStandIn.DEMO_ORG + " · chosen now",
                "Sungrow (" + sungrow.sn() + ")", "Publishing", "not verified; not provisioned",
                "P1 meter (P1-0042)", "Added", "not verified; its DERs do not publish; not provisioned",
                "Ambibox (EVC-7)", "Waiting in the outbox", "solis (OLD-1)", "Removed");
        Screenshots.takeOne(overview.getScene(), "7-site-overview");
        robot.interact(() -> theme().choiceProperty().set(ThemeChoice.DARK));
        Screenshots.takeOne(overview.getScene(), "7-site-overview-dark");
        robot.interact(() -> theme().choiceProperty().set(ThemeChoice.LIGHT));

        // Esc closes it and the wizard stays.
        robot.type(KeyCode.ESCAPE);
        awaitClosed();
        assertThat(wizard.currentStep()).isEqualTo(WizardViewModel.Step.PROVISION);

        // The Sungrow's "Verify…" goes back to Verify, with it still the device commissioned.
        robot.clickOn("#siteOverviewButton");
        awaitOverview();
        robot.clickOn(robot.visibleNode("#go-" + sungrow.sn()));
        awaitClosed();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.VERIFY);
        assertThat(app.context().session().device().map(CommissioningSession.Device::sn)).contains(sungrow.sn());
    }

    private AppTheme theme() {
        return AppTheme.of(scene()).orElseThrow();
    }

    private static List<String> texts(DialogPane pane) {
        return FxThreadRobot.onFx(() -> SceneNodes.descendants(pane).stream()
                .filter(n -> n instanceof Label && !(n.getParent() instanceof Button))
                .map(n -> ((Label) n).getText()).toList());
    }

    private DialogPane awaitOverview() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> overview().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return overview().orElseThrow();
    }

    private Optional<DialogPane> overview() {
        return robot.dialogPane(SiteOverview.ID);
    }

    private void awaitClosed() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> overview().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
