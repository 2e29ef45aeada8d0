package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.prepare.ClaimViewModel;
import com.sourceful.commissioner.ui.prepare.WifiViewModel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

/**
 * The whole first visit, headless, in demo mode: find the simulated Zap, which is new; claim it for the demo sites'
 * organisation; add a Sungrow inverter, watch live data, switch one DER off, provision in the Novacore stand-in, and
 * check on the simulators' side what arrived.
 */
class CommissioningFlowTest {

    private static DemoEnvironment demo;
    private static App app;
    private static Stage stage;
    private final FxThreadRobot robot = new FxThreadRobot();

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoEnvironment.start();
        stage = FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(demo.config(), () -> { }));
    }

    @AfterAll
    static void stopDemo() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        demo.close();
    }

    @Test
    void commissionsASungrowInverterEndToEnd() throws Exception {
        WizardViewModel wizard = app.context().wizard();
        Scene scene = robot.listTargetWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().lookup("#nextButton") != null).findFirst().orElseThrow().getScene();

        // 1. Find: the simulated Zap is listed, identified by its /api/crypto serial, and preselected.
        TableView<?> table = (TableView<?>) robot.visibleNode("#zapTable");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && app.context().find().selectedProperty().get() != null);
        assertThat(app.context().find().selectedProperty().get().serial()).isEqualTo(demo.zap().serial());
        Screenshots.take(scene, "1-find");
        robot.clickOn("#nextButton");

        // 2. Prepare: the demo Zap is new. Signed in with the demo token, the panel finds the organisation from the
        // demo sites and says the Zap is not among its gateways; "Claim this Zap" claims it.
        waitForStep(WizardViewModel.Step.PREPARE);
        ClaimViewModel claim = app.context().prepare().claim();
        String serial = demo.zap().serial();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> claim.standingProperty().get()
                .equals(Messages.get("prepare.claim.notOurs", serial, NovacoreStandIn.DEMO_ORG)));
        assertThat(demo.novacore().claimedBy(serial)).as("nothing claimed before the technician asks").isEmpty();
        robot.clickOn("#claimButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> claim.resultToneProperty().get()
                == Tone.OK);
        assertThat(claim.resultProperty().get()).isEqualTo(Messages.get("prepare.claim.outcome.CLAIMED", serial,
                NovacoreStandIn.DEMO_ORG, ""));
        assertThat(demo.novacore().claimedBy(serial)).contains(NovacoreStandIn.DEMO_ORG);
        Screenshots.take(scene, "2-prepare");

        // The Zap goes on the site's Wi-Fi: scan, pick "Site-WiFi", join with its password; the Zap answers at a
        // new address (the demo moves it to another loopback port and announces it again over mDNS), which the app
        // follows by its serial; everything after works at the new address.
        URI before = app.context().session().gateway().orElseThrow().baseUri();
        WifiViewModel wifi = app.context().prepare().wifi();
        scrollIntoView(robot.visibleNode("#scanButton"));
        robot.clickOn("#scanButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> wifi.networks().size() == 3 && !wifi.busyProperty().get());
        WifiViewModel.NetworkRow site = wifi.networks().stream().filter(r -> r.ssid().equals("Site-WiFi"))
                .findFirst().orElseThrow();
        robot.interact(() -> wifi.selectedProperty().set(site));
        scrollIntoView(robot.visibleNode("#passwordField"));
        robot.clickOn("#passwordField").write("correct horse");
        Screenshots.take(scene, "2b-prepare-wifi");
        robot.clickOn("#joinButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !wifi.busyProperty().get()
                && !app.context().session().gateway().orElseThrow().baseUri().equals(before));
        URI after = app.context().session().gateway().orElseThrow().baseUri();
        assertThat(after.getPort()).as("the Zap's new address").isEqualTo(demo.zap().port()).isNotEqualTo(before.getPort());
        assertThat(app.context().prepare().zapProperty().get()).as("the step names it there")
                .contains(after.getAuthority());
        assertThat(wifi.secrets()).as("the password is not kept").isEmpty();
        robot.clickOn("#nextButton");

        // 3. Add device: Sungrow over Modbus TCP; Esc is Back, Enter is Next.
        waitForStep(WizardViewModel.Step.ADD);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.context().add().profiles().isEmpty());
        robot.type(KeyCode.ESCAPE);
        waitForStep(WizardViewModel.Step.PREPARE);
        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.ADD);
        assertThat(app.context().add().profiles()).extracting(AddDeviceViewModelAccess::profileId)
                .contains("sungrow", "solis", "deye", "sma", "huawei", "fronius", "solaredge", "p1_meter",
                        "ambibox", "ferroamp");
        robot.interact(() -> app.context().add().profileProperty().set(app.context().add().profileNamed("sungrow").orElseThrow()));
        assertThat(app.context().add().connectionTypeProperty().get()).isEqualTo("modbus_tcp");
        // Demo mode starts the form at its Modbus stand-in; the laptop-side preflight then reaches it.
        assertThat(app.context().add().field("port").orElseThrow().textProperty().get())
                .isEqualTo(String.valueOf(demo.modbus().port()));
        robot.interact(() -> app.context().add().field("ip").orElseThrow().textProperty().set(""));
        assertThat(robot.visibleNode("#nextButton").isDisabled()).as("ip is required").isTrue();
        robot.clickOn("#field-ip").write("127.0.0.1");
        Screenshots.take(scene, "3-add-device");
        robot.type(KeyCode.ENTER);

        // 4. Verify: live readings arrive; publish PV and battery, not the meter.
        waitForStep(WizardViewModel.Step.VERIFY);
        assertThat(app.context().add().preflightProperty().get()).as("the preflight passed before adding")
                .contains("answers Modbus at 127.0.0.1:" + demo.modbus().port());
        String sn = app.context().session().device().orElseThrow().sn();
        assertThat(demo.zap().device(sn)).as("the Zap holds the device").isPresent();
        // Typed by hand, not found by a scan: the Zap reads the device's identity registers, and the step says what
        // the device is (the demo's stand-in is a Sungrow); Provision takes the model from it.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().verify().identityCheck().textProperty()
                .get().equals(Messages.get("verify.identity.READ",
                        "Sungrow SH10RT, serial " + DemoEnvironment.DEMO_INVERTER.serial())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.context().verify().der("pv").orElseThrow().tiles().isEmpty()
                && app.context().verify().der("pv").orElseThrow().series().getData().size() >= 2);
        assertThat(app.context().verify().der("pv").orElseThrow().valuesProperty().get()).contains("kW");
        assertThat(app.context().verify().der("meter").orElseThrow().publishProperty().get())
                .as("plausible data is proposed for publishing").isTrue();
        Node meterSwitch = robot.visibleNode("#publish-meter .thumb-area");
        scrollIntoView(meterSwitch);
        robot.clickOn(meterSwitch, MouseButton.PRIMARY);
        assertThat(app.context().verify().der("meter").orElseThrow().publishProperty().get()).isFalse();
        assertThat(demo.zap().enabledDers(sn)).as("nothing is sent before Next").isEmpty();
        robot.interact(() -> ((ScrollPane) robot.lookup(".step-scroll").queryAll().stream()
                .filter(Node::isVisible).filter(n -> n.getScene() != null && ((ScrollPane) n)
                        .getContent().lookup("#derList") != null).findFirst().orElseThrow()).setVvalue(0));
        Screenshots.take(scene, "4-verify");
        robot.clickOn("#nextButton");

        // 5. Provision: gateway serial, hardware id and DERs are pre-filled; the demo token is valid.
        waitForStep(WizardViewModel.Step.PROVISION);
        assertThat(demo.zap().enabledDers(sn)).containsExactlyInAnyOrder("pv", "battery");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.context().provision().sites().isEmpty());
        assertThat(app.context().provision().modelProperty().get()).as("read through the Zap").isEqualTo("SH10RT");
        Screenshots.take(scene, "5-provision");
        robot.clickOn("#nextButton");

        // 6. Done: what Novacore created, and what it received.
        waitForStep(WizardViewModel.Step.DONE);
        Screenshots.take(scene, "6-done");
        List<JsonObject> requests = demo.novacore().provisionRequests();
        assertThat(requests).hasSize(1);
        JsonObject sent = requests.get(0);
        assertThat(sent.get("gateway_serial").getAsString()).isEqualTo(demo.zap().serial());
        assertThat(sent.get("hardware_id").getAsString()).isEqualTo(sn);
        assertThat(sent.get("device_type").getAsString()).isEqualTo("inverter");
        assertThat(sent.get("manufacturer").getAsString()).isEqualTo("Sungrow");
        assertThat(sent.get("model").getAsString()).isEqualTo("SH10RT");
        assertThat(sent.getAsJsonArray("ders").asList()).map(e -> e.getAsJsonObject().get("name").getAsString()
                + ":" + e.getAsJsonObject().get("type").getAsString())
                .containsExactly("pv-array:solar", "battery_1:battery");
        assertThat(app.context().session().provisionResult().orElseThrow().created()).isTrue();
        assertThat(demo.novacore().devices()).hasSize(1);

        // "Add another device" goes back to step 2 on the same Zap.
        robot.clickOn("#addAnotherButton");
        waitForStep(WizardViewModel.Step.ADD);
        assertThat(app.context().session().gateway().orElseThrow().serial()).isEqualTo(demo.zap().serial());
        assertThat(app.context().session().device()).isEmpty();
        assertThat(Set.of(wizard.currentStep())).containsExactly(WizardViewModel.Step.ADD);
    }

    private void scrollIntoView(Node node) {
        SceneNodes.scrollIntoView(robot, node);
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void waitForStep(WizardViewModel.Step step) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().wizard().currentStep() == step);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Keeps the assertion above readable. */
    private static final class AddDeviceViewModelAccess {
        static String profileId(AddDeviceViewModel.ProfileChoice c) {
            return c.profile();
        }
    }
}
