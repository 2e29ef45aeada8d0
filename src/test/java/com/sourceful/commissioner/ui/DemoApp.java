package com.sourceful.commissioner.ui;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Window;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.common.AppConfig;

/** The app in demo mode in a headless window, for the UI tests of one step. */
final class DemoApp implements AutoCloseable {

    final DemoEnvironment demo;
    final App app;

    private DemoApp(DemoEnvironment demo, App app) {
        this.demo = demo;
        this.app = app;
    }

    static DemoApp start() throws Exception {
        DemoEnvironment demo = DemoEnvironment.start();
        try {
            FxToolkit.registerPrimaryStage();
            App app = (App) FxToolkit.setupApplication(() -> new App(demo.config(), () -> { }));
            return new DemoApp(demo, app);
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    /**
     * With the demo's configuration adjusted (e.g. discovery) and other client timeouts or poll period; the simulated
     * Zap is not announced over mDNS (the adjusted configuration finds it at its known address).
     */
    static DemoApp start(UnaryOperator<AppConfig> adjust, AppTuning tuning) throws Exception {
        DemoEnvironment demo = DemoEnvironment.start(false);
        try {
            AppConfig config = adjust.apply(demo.config());
            FxToolkit.registerPrimaryStage();
            App app = (App) FxToolkit.setupApplication(() -> new App(config, () -> { }, tuning));
            return new DemoApp(demo, app);
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    Scene scene(FxRobot robot) {
        // On the JavaFX thread: the window list changes there as notifications come and go (listed from the test's
        // thread it once threw IndexOutOfBoundsException mid-iteration).
        return FxThreadRobot.onFx(() -> List.copyOf(Window.getWindows())).stream().map(Window::getScene)
                .filter(s -> s != null && FxThreadRobot.onFx(() -> s.lookup("#nextButton") != null)).findFirst()
                .orElseThrow();
    }

    /**
     * The demo Zap as one prepared before: claimed by the demo sites' organisation (demo Zaps start new), for tests
     * whose subject is not the claim; Provision is ready only for a claimed Zap.
     */
    void zapClaimed() {
        demo.novacore().claimGateway(demo.zap().serial(), NovacoreStandIn.DEMO_ORG);
    }

    /**
     * Next on Find (a Zap chosen), then Next on Prepare, whose panels are not the calling test's subject: the wizard
     * on "Add a device".
     */
    void nextFromFindToAdd(FxRobot robot) throws TimeoutException {
        WizardViewModel wizard = app.context().wizard();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.FIND
                && wizard.canGoNextProperty().get());
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.PREPARE
                && wizard.canGoNextProperty().get());
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.ADD);
    }

    /**
     * A Sungrow on the demo Zap (at the Modbus stand-in), chosen in the session, the Zap claimed, and the wizard at
     * {@code step}.
     */
    AddedDevice sungrowAt(FxRobot robot, WizardViewModel.Step step, List<String> published) throws Exception {
        zapClaimed();
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
            session.publishedDers(published);
            app.context().wizard().skipTo(step);
        });
        return added;
    }

    @Override
    public void close() throws Exception {
        // A notification's popup hidden only with its window (the primary stage, which every class's app reuses) is
        // shown again with it, over the next class's window: hidden first, it stays hidden.
        FxToolkit.setupFixture(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w instanceof PopupWindow)
                .forEach(Window::hide));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        demo.close();
    }
}
