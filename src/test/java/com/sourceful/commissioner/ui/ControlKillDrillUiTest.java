package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TempFolders;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.common.ThemeChoice;
import com.sourceful.commissioner.ui.sitevisit.ControlReleaseOffer;
import com.sourceful.commissioner.ui.sitevisit.ResumeOffer;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kill drill of issue 20: a control check runs in a JVM of its own ({@link KilledControlCheck}) and is killed
 * (SIGKILL, nothing runs after) while the simulated Zap holds the battery at its setpoint. The next start of the app
 * says which device on which Zap may still be under control, before the resume offer, and releases it on one click;
 * the simulator confirms the release and the visit no longer names the hold.
 */
class ControlKillDrillUiTest extends DemoAppUiTest {

    private ZapSimulator zap;
    private Path folder;
    private String sn;

    @Override
    DemoApp startApp() throws Exception {
        folder = Files.createTempDirectory("control-kill-drill");
        zap = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).start();
        try (ZapClient client = new ZapClient(zap.baseUri())) {
            // a hybrid inverter at an address the simulator answers for without connecting anywhere
            sn = client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("ip", "192.168.1.60", "port", 502,
                    "unit_id", 1, "profile", "sungrow"))).sn();
        }
        killMidCheck();
        assertThat(zap.controlState(sn).underControl()).as("what the kill left: the Zap still steers the battery")
                .isTrue();
        assertThat(zap.controlState(sn).batterySetpointW().getAsDouble()).isEqualTo(1000);
        return DemoApp.start(c -> c.withVisitsIn(folder), AppTuning.defaults());
    }

    private void killMidCheck() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process check = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledControlCheck.class.getName(), zap.baseUri().toString(), zap.serial(), sn, folder.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Boolean> holding = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(check.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("HOLDING")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        try {
            assertThat(holding.get(60, TimeUnit.SECONDS)).as("the check reached its hold").isTrue();
        } finally {
            check.destroyForcibly();
            check.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNextStartSaysWhichDeviceOnWhichZapAndReleasesItOnOneClick() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> dialog().isPresent());
        DialogPane offer = dialog().orElseThrow();
        String said = FxThreadRobot.onFx(offer::getContentText);
        assertThat(said).contains(sn).contains("on Zap " + zap.serial())
                .contains(zap.baseUri().getAuthority());
        assertThat(robot.dialogPane(ResumeOffer.ID)).as("the release comes before the resume offer").isEmpty();
        Screenshots.takeOne(offer.getScene(), "0b-control-release-offer");
        robot.interact(() -> app.context().theme().choiceProperty().set(ThemeChoice.DARK));
        Screenshots.takeOne(offer.getScene(), "0b-control-release-offer-dark");
        robot.interact(() -> app.context().theme().choiceProperty().set(ThemeChoice.LIGHT));

        Button release = (Button) FxThreadRobot.onFx(() -> offer.lookupButton(offer.getButtonTypes().get(0)));
        assertThat(release.getId()).isEqualTo("releaseControlButton");
        Platform.runLater(release::fire);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> zap.controlState(sn).released());
        assertThat(zap.controlState(sn).deinitCalls()).isEqualTo(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isEmpty());
        VisitStore store = new VisitStore(folder);
        assertThat(store.history()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.session().controlHolds()).as("the visit forgets the hold").isEmpty());
        robot.closeNotifications();
    }

    private Optional<DialogPane> dialog() {
        return robot.dialogPane(ControlReleaseOffer.ID);
    }

    @Override
    void afterAppClosed() throws Exception {
        if (zap != null) {
            zap.close();
        }
        TempFolders.deleteTree(folder);
    }
}
