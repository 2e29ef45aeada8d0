package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.stage.Window;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.outbox.Outbox;
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

/** Provisioning with Novacore down, then up: the request waits in the outbox and is delivered once, nothing lost. */
class ProvisionStepUiTest {

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
    void aRequestMadeWhileNovacoreIsDownIsDeliveredOnceWhenItIsBack() throws Exception {
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
            session.publishedDers(List.of("pv", "battery"));
            app.context().wizard().skipTo(WizardViewModel.Step.PROVISION);
        });
        var provision = app.context().provision();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().canGoNextProperty().get());

        demo.novacore().setAvailable(false);
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().wizard().currentStep() == WizardViewModel.Step.DONE);
        assertThat(app.context().session().queuedOutboxId()).isPresent();
        assertThat(demo.novacore().devices()).isEmpty();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> provision.outboxEntries().size() == 1);
        assertThat(provision.outboxEntries().get(0).state()).isEqualTo(Outbox.State.PENDING);
        Screenshots.take(scene(), "5b-done-queued");

        // Novacore answers again: the outbox goes out by itself (here: the watch's tick, fired by the test).
        demo.novacore().setAvailable(true);
        robot.interact(provision::sendOutbox);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> provision.outboxEntries().size() == 1
                && provision.outboxEntries().get(0).state() == Outbox.State.SENT);
        assertThat(demo.novacore().devices()).hasSize(1);
        assertThat(demo.novacore().devices().get(0).get("hardware_id").getAsString()).isEqualTo(added.sn());
        robot.interact(provision::sendOutbox);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(demo.novacore().provisionRequests()).as("sent once").hasSize(1);
        assertThat(provision.outboxNoticeProperty().get()).contains("1 sent");
    }
}
