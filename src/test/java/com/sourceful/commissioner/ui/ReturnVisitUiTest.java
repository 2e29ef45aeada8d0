package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.PopupWindow;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;
import com.sourceful.commissioner.ui.sitevisit.ReturnVisit;
import com.sourceful.commissioner.ui.sitevisit.SiteOverview;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The next visit, as wired: the visits folder holds an earlier visit on the demo Zap (a Sungrow published and
 * provisioned, a P1 meter), and since then the Zap's firmware was updated, the meter taken off, the Sungrow's battery
 * set to publish and Novacore activated the Sungrow. Choosing the Zap on Find brings a notification; its "Show
 * changes" lists each change under its device; Esc closes the list.
 */
class ReturnVisitUiTest extends DemoAppUiTest {

    @Test
    void choosingAZapVisitedBeforeOffersWhatChangedSince() throws Exception {
        String serial = demo.zap().serial();
        fixture.zapClaimed();
        String sungrowSn;
        String meterSn;
        try (ZapClient zap = new ZapClient(demo.zap().baseUri());
             NovacoreClient novacore = new NovacoreClient(demo.novacore().baseUri(), Clock.systemUTC())) {
            CommissioningSession visit1 = new CommissioningSession();
            visit1.selectGateway(new CommissioningSession.Gateway(serial, demo.zap().baseUri(),
                    zap.system().firmwareVersion()));
            visit1.technician("Anna Andersson");
            DeviceConfig sungrowConfig = DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow",
                    "ip", "127.0.0.1", "port", demo.modbus().port(), "unit_id", 1));
            AddedDevice sungrow = zap.addDevice(sungrowConfig);
            sungrowSn = sungrow.sn();
            visit1.deviceAdded(CommissioningSession.Device.of(sungrow, "sungrow", ProfileCatalogue.Group.INVERTER,
                    "Sungrow", sungrowConfig));
            zap.setPublishing(sungrowSn, Map.of("pv", true));
            visit1.publishedDers(List.of("pv"));
            AccessToken token = AccessToken.parse(demo.config().demoToken().orElseThrow());
            ProvisionResult provisioned = novacore.provision(new ProvisionRequest(serial, sungrowSn, "inverter",
                    "sit-7f3a21", "Sungrow", "Sungrow", "SH10RT",
                    List.of(new ProvisionRequest.DerEntry("pv", "solar"))), token);
            visit1.provisioned(provisioned);
            visit1.startNextDevice();
            DeviceConfig meterConfig = DeviceConfig.of("p1_uart", Map.of("profile", "p1_meter"));
            AddedDevice meter = zap.addDevice(meterConfig);
            meterSn = meter.sn();
            visit1.deviceAdded(CommissioningSession.Device.of(meter, "p1_meter", ProfileCatalogue.Group.METER,
                    "P1 meter", meterConfig));
            Path folder = demo.config().visitsFolder().orElseThrow();
            new VisitStore(folder).save(new SiteVisit(UUID.randomUUID().toString(),
                    Instant.parse("2026-11-05T08:30:00Z"), Instant.parse("2026-11-05T10:00:00Z"), true,
                    visit1.snapshot()));

            // Since then, someone else was there.
            demo.zap().setFirmwareVersion("1.5.0");
            zap.removeDevice(meterSn);
            zap.setPublishing(sungrowSn, Map.of("battery", true));
            demo.novacore().setDeviceState(sungrowSn, "active");
        }

        WizardViewModel wizard = app.context().wizard();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.FIND
                && wizard.canGoNextProperty().get());
        robot.clickOn("#nextButton");

        String title = "Zap " + serial + " was visited before";
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> showChanges(title).isPresent());
        assertThat(notifications()).contains(title, "4 changes since the visit on 5 Nov 2026.");
        // Pressed, not clicked at a point: ControlsFX slides a notification in and moves it up for the next one.
        Button show = showChanges(title).orElseThrow();
        Platform.runLater(show::fire); // not waited for: the list opens as a dialog that waits for its closing

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = dialog().orElseThrow();
        assertThat(texts(pane)).containsExactly(
                "Since the visit on 5 Nov 2026 (Anna Andersson)",
                "Zap " + serial, "Firmware 1.4.2 → 1.5.0",
                "Sungrow (" + sungrowSn + ")", "DER battery publishes now (it did not then)",
                "Status in Novacore: pending → active",
                "P1 meter (" + meterSn + ")", "No longer on the Zap");
        Screenshots.takeOne(pane.getScene(), "8-return-visit");
        AppTheme theme = AppTheme.of(scene()).orElseThrow();
        robot.interact(() -> theme.choiceProperty().set(ThemeChoice.DARK));
        Screenshots.takeOne(pane.getScene(), "8-return-visit-dark");
        robot.interact(() -> theme.choiceProperty().set(ThemeChoice.LIGHT));

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isEmpty());
        assertThat(wizard.currentStep()).as("the wizard goes on").isEqualTo(WizardViewModel.Step.PREPARE);

        // The notification goes by itself and its button is out of the keyboard's reach: the overview keeps them.
        robot.closeNotifications(); // it lies over the overview's button
        robot.clickOn("#siteOverviewButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.ID).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.ALT, KeyCode.L).release(KeyCode.L, KeyCode.ALT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(dialog().orElseThrow())).contains("Firmware 1.4.2 → 1.5.0", "No longer on the Zap");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isEmpty());
        robot.clickOn("#closeOverviewButton"); // Monocle gives the focus back to no window after a nested dialog
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.ID).isEmpty());
    }

    private Optional<DialogPane> dialog() {
        return robot.dialogPane(ReturnVisit.ID);
    }

    /**
     * The "Show changes" of the notification titled {@code title}: an earlier class's app may have left one of its
     * own on the primary stage, which every class's app shows again.
     */
    private Optional<Button> showChanges(String title) {
        return FxThreadRobot.onFx(() -> robot.listWindows().stream()
                .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null)
                .map(w -> w.getScene().getRoot())
                .filter(root -> root.lookupAll(".notification-bar .label").stream()
                        .anyMatch(n -> n instanceof Labeled l && title.equals(l.getText())))
                .flatMap(root -> root.lookupAll(".button").stream())
                .filter(n -> n instanceof Button b && "Show changes".equals(b.getText()))
                .map(n -> (Button) n).findFirst());
    }

    private List<String> notifications() {
        return FxThreadRobot.onFx(() -> robot.listWindows().stream()
                .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".notification-bar .label").stream())
                .filter(n -> n instanceof Labeled l && l.getText() != null && !l.getText().isBlank())
                .map(n -> ((Labeled) n).getText()).toList());
    }

    private static List<String> texts(DialogPane pane) {
        return FxThreadRobot.onFx(() -> SceneNodes.descendants(pane).stream()
                .filter(n -> n instanceof Label && !(n.getParent() instanceof Button))
                .map(n -> ((Label) n).getText()).filter(t -> t != null && !t.isBlank()).toList());
    }
}
