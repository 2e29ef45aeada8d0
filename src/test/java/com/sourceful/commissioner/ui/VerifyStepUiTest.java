package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Window;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Verify step in a real window with a live Sungrow: the load test finds a load on another phase than expected. */
class VerifyStepUiTest {

    private static DemoEnvironment demo;
    private static App app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        demo = DemoEnvironment.start();
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(demo.config(), () -> { }));
    }

    @AfterAll
    static void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        demo.close();
    }

    private Scene scene() {
        return robot.listTargetWindows().stream().map(Window::getScene)
                .filter(s -> s != null && s.lookup("#nextButton") != null).findFirst().orElseThrow();
    }

    @Test
    void theLoadTestSaysOnWhichPhaseTheLoadShowedUp() throws Exception {
        AddedDevice added;
        try (ZapClient client = new ZapClient(demo.zap().baseUri())) {
            added = client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "127.0.0.1",
                    "port", demo.modbus().port(), "unit_id", 1)));
        }
        robot.interact(() -> {
            CommissioningSession session = app.context().session();
            session.selectGateway(new CommissioningSession.Gateway(demo.zap().serial(), demo.zap().baseUri(), "1"));
            session.deviceAdded(CommissioningSession.Device.of(added, "sungrow", ProfileCatalogue.Group.INVERTER,
                    "Sungrow", DeviceConfig.of("modbus_tcp", Map.of())));
            app.context().wizard().skipTo(WizardViewModel.Step.VERIFY);
        });
        var verify = app.context().verify();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> verify.loadTestPossibleProperty().get());
        robot.interact(() -> {
            verify.loadWattsProperty().set("2000");
            verify.loadPhaseProperty().set(1);
            verify.startLoadTest();
        });
        demo.zap().addHouseLoad(2000, 3);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !verify.loadTestRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Wrong phase").contains("L3").contains("not on L1");
        assertThat(app.context().session().loadTests()).extracting(CommissioningSession.LoadTestResult::outcome)
                .containsExactly("WRONG_PHASE");
        Node loadBox = robot.lookup("#loadResultLabel").query();
        robot.interact(() -> {
            Node n = loadBox;
            while (!(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ((ScrollPane) n).setVvalue(1.0);
        });
        Screenshots.take(scene(), "3b-verify-load-test");
    }
}
