package com.sourceful.commissioner.ui.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Gateway;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.Screenshots;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import com.sourceful.commissioner.ui.FxThreadRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The health panel on its own (health.fxml, its controller, the view-model with real background tasks) against a
 * Zap simulator on 127.0.0.1, driven through its buttons: the lines with the simulator's values, a low-memory
 * warning with its numbers, a restart confirmed in the panel's own bar that waits for the Zap to come back, and a
 * wait cancelled.
 */
class HealthPanelUiTest {

    static final String SERIAL = "zap-04772a97";
    static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private final FxThreadRobot robot = new FxThreadRobot();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ZapClients clients = new ZapClients();
    private final CommissioningSession session = new CommissioningSession();
    /** The simulator's clock: its uptime counts on it, so a test can make the Zap up for hours before a restart. */
    private final TestClock zapClock = TestClock.atNoon();
    private ZapSimulator sim;
    private HealthViewModel vm;
    private Scene scene;

    @AfterEach
    void close() throws Exception {
        try {
            if (vm != null) {
                WaitForAsyncUtils.asyncFx(vm::leave).get(5, TimeUnit.SECONDS);
            }
            FxToolkit.cleanupStages();
        } finally {
            Messages.setLanguage(null);
            clients.close();
            for (AutoCloseable c : toClose) {
                c.close();
            }
        }
    }

    /** The simulator goes down {@code delay} after a reboot request and stays down {@code down}. */
    private void startZap(Duration delay, Duration down) throws IOException {
        sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0).serial(SERIAL)
                .announceMdns(false).addDeviceDelay(Duration.ofMillis(20)).rebootTimes(delay, down).clock(zapClock)
                .start();
        toClose.add(sim);
        session.selectGateway(new Gateway(SERIAL, sim.baseUri(), "1.4.2"));
    }

    /** The panel in a window of its own, its view-model entered as the step would. */
    private void showPanel() throws Exception {
        vm = new HealthViewModel(Tasks.fx(), clients, session, Clock.systemUTC(),
                new HealthViewModel.Tuning(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(200)));
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(AppTheme.userAgentStylesheet(false));
            FXMLLoader loader = new FXMLLoader(HealthController.class.getResource(
                    "/com/sourceful/commissioner/ui/prepare/health.fxml"), Messages.bundle());
            loader.setControllerFactory(type -> new HealthController(vm));
            Parent root;
            try {
                root = loader.load();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            scene = new Scene(root, 760, 640);
            scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("app.css")).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        assertThat(stage.isShowing()).isTrue();
        WaitForAsyncUtils.asyncFx(vm::enter).get(5, TimeUnit.SECONDS);
        try {
            waitUntil(() -> !lines().isEmpty() && !vm.loadingProperty().get());
        } catch (TimeoutException e) {
            // What the view-model holds against what the panel draws: a listener lost tells from a read that hangs.
            throw new AssertionError("lines " + lines().size() + " loading " + vm.loadingProperty().get() + " status "
                    + vm.statusProperty().get() + " error " + vm.errorProperty().get() + " rows " + vm.rows(), e);
        }
    }

    /** The wizard's dark theme on the panel alone: Primer Dark, and the app's dark tokens (the wizard's root's). */
    private void dark(boolean dark) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(AppTheme.userAgentStylesheet(dark));
            if (dark) {
                scene.getRoot().getStyleClass().addAll("wizard", "dark");
            } else {
                scene.getRoot().getStyleClass().removeAll("wizard", "dark");
            }
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<VBox> lines() {
        return robot.lookup(".health-line").queryAllAs(VBox.class).stream().toList();
    }

    /** A line's texts: what, value and, where there is one, the reason under them. */
    private Map<String, List<String>> shownLines() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (VBox line : lines()) {
                List<String> texts = new ArrayList<>();
                line.lookupAll(".label").forEach(n -> texts.add(((Label) n).getText()));
                out.put(texts.get(0), texts.subList(1, texts.size()));
            }
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    private VBox line(String what) {
        return lines().stream().filter(l -> ((Label) l.lookup(".health-what")).getText().equals(what))
                .findFirst().orElseThrow();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private boolean shown(String id) {
        Node n = robot.lookup(id).query();
        return n.isVisible() && n.isManaged();
    }

    @Test
    void theLinesShowTheSimulatorsValues_andLowMemoryIsAWarningWithItsNumbers() throws Exception {
        Messages.setLanguage("en");
        startZap(Duration.ofHours(1), Duration.ZERO);
        ServerSocket inverter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        toClose.add(inverter);
        String sn;
        String firmware;
        try (ZapClient zap = new ZapClient(sim.baseUri())) {
            sn = zap.addDevice(DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", inverter.getLocalPort(),
                    "unit_id", 1, "profile", "sungrow"))).sn();
            firmware = zap.system().firmwareVersion();
        }
        sim.setLowMemory(true);

        showPanel();

        Map<String, List<String>> shown = shownLines();
        assertThat(shown.keySet()).containsExactly("Firmware", "Uptime", "Free memory", "Temperature", "Internet",
                "Device sungrow " + sn);
        assertThat(shown.get("Firmware")).containsExactly(firmware);
        assertThat(shown.get("Free memory").get(0)).startsWith("48 KB free of ");
        assertThat(shown.get("Free memory").get(1)).startsWith("48 KB free, under the 55 KB a new device needs");
        assertThat(shown.get("Temperature").get(0)).matches("\\d+\\.\\d °C");
        assertThat(shown.get("Device sungrow " + sn)).containsExactly("Connected");
        assertThat(line("Free memory").getPseudoClassStates()).contains(WARNING);
        assertThat(line("Firmware").getPseudoClassStates()).doesNotContain(WARNING);
        assertThat(line("Free memory").getAccessibleText()).contains("Warning").contains("under the 55 KB");
        assertThat(text("#summaryLabel")).isEqualTo("One warning: see below.");
        assertThat(text("#healthStatusLabel")).startsWith("Zap " + SERIAL + " at 127.0.0.1:" + sim.port());
        assertThat(shown("#emptyLabel")).isFalse();
        assertThat(shown("#healthErrorLabel")).isFalse();
        assertThat(shown("#confirmBar")).isFalse();
        Screenshots.take(scene, "prepare-health");
        dark(true);
        Screenshots.take(scene, "prepare-health-dark");
        dark(false);

        // Refresh reads again: the warning goes once the Zap has memory to spare.
        sim.setLowMemory(false);
        robot.clickOn("#refreshButton");
        waitUntil(() -> !line("Free memory").getPseudoClassStates().contains(WARNING));
        assertThat(shownLines().get("Free memory")).hasSize(1);
    }

    @Test
    void swedish_theWarningIsWordedInSwedish() throws Exception {
        Messages.setLanguage("sv");
        startZap(Duration.ofHours(1), Duration.ZERO);
        sim.setLowMemory(true);

        showPanel();

        Map<String, List<String>> shown = shownLines();
        assertThat(shown.get("Ledigt minne").get(1)).startsWith("48\u00a0KB ledigt, under de 55\u00a0KB");
        assertThat(shown.get("Temperatur").get(0)).matches("\\d+,\\d\u00a0°C");
        assertThat(shown.get("Enheter")).containsExactly("Inga än");
        // By keyboard: Alt+Z is "Starta om _Zappen…" (a letter the step leaves to this panel).
        robot.press(KeyCode.ALT, KeyCode.Z).release(KeyCode.Z, KeyCode.ALT);
        waitUntil(() -> shown("#confirmBar"));
        assertThat(robot.lookup("#keepButton").query().isFocused()).as("the safe answer has the focus").isTrue();
        assertThat(text("#confirmLabel")).startsWith("Starta om Zap " + SERIAL + " på 127.0.0.1:" + sim.port() + "?");
        Screenshots.take(scene, "prepare-health-confirm-sv");
        robot.clickOn("#keepButton");
        waitUntil(() -> !shown("#confirmBar"));
        assertThat(sim.requestStats().byRequest()).doesNotContainKey("POST /api/system/reboot");
    }

    @Test
    void restartConfirmedInThePanel_waitsBusy_showsThePhases_andSaysTheZapIsBack() throws Exception {
        Messages.setLanguage("en");
        startZap(Duration.ofMillis(300), Duration.ofMillis(1500));
        zapClock.advance(Duration.ofHours(3));
        showPanel();
        assertThat(shownLines().get("Uptime")).containsExactly("3 h 0 min");
        List<String> statuses = new CopyOnWriteArrayList<>();
        List<Boolean> busy = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            vm.restartStatusProperty().addListener((o, was, now) -> statuses.add(now));
            vm.busyProperty().addListener((o, was, now) -> busy.add(now));
        }).get(5, TimeUnit.SECONDS);

        robot.clickOn("#restartButton");
        waitUntil(() -> shown("#confirmBar"));
        assertThat(text("#confirmLabel")).isEqualTo("Restart Zap " + SERIAL + " at 127.0.0.1:" + sim.port()
                + "? Its devices stop reporting for about a minute.");
        assertThat(robot.lookup("#restartButton").query().isDisabled()).isTrue();
        assertThat(sim.requestStats().byRequest()).as("nothing asked before the confirmation")
                .doesNotContainKey("POST /api/system/reboot");

        robot.clickOn("#confirmButton");
        waitUntil(() -> text("#restartStatusLabel").contains("is back after"));

        assertThat(text("#restartStatusLabel")).matches("Zap " + SERIAL + " is back after \\d+ s\\.");
        assertThat(busy).as("busy while waiting (the wizard's Back and Next wait), then not").containsExactly(true,
                false);
        assertThat(statuses).anyMatch(s -> s.matches("Zap " + SERIAL + " is going down to restart… \\d+ s"))
                .anyMatch(s -> s.matches("Zap " + SERIAL + " is down, restarting… \\d+ s"));
        assertThat(sim.requestStats().byRequest()).containsKey("POST /api/system/reboot");
        assertThat(shown("#confirmBar")).isFalse();
        assertThat(shown("#restartWarningLabel")).isFalse();
        // The list is read again after the restart: its uptime says so.
        waitUntil(() -> shownLines().get("Uptime").size() == 2);
        assertThat(shownLines().get("Uptime").get(1)).startsWith("Restarted less than 10 min ago");
        Screenshots.take(scene, "prepare-health-back");
    }

    @Test
    void cancellingTheWait_stopsWaiting_andSaysTheZapMayStillBeRestarting() throws Exception {
        Messages.setLanguage("en");
        // Answers the reboot and never goes down: the wait goes on until cancelled.
        startZap(Duration.ofHours(1), Duration.ZERO);
        showPanel();

        robot.clickOn("#restartButton");
        waitUntil(() -> shown("#confirmBar"));
        robot.clickOn("#confirmButton");
        waitUntil(() -> text("#restartStatusLabel").contains("is going down"));
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(robot.lookup("#refreshButton").query().isDisabled()).isTrue();

        WaitForAsyncUtils.asyncFx(vm::cancel).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(text("#restartStatusLabel")).isEmpty();
        assertThat(shown("#restartWarningLabel")).isTrue();
        assertThat(text("#restartWarningLabel")).isEqualTo("Stopped waiting for Zap " + SERIAL
                + ". It may still be restarting: give it a minute, then press Refresh.");
        assertThat(robot.lookup("#restartButton").query().isDisabled()).isFalse();
        assertThat(robot.lookup("#refreshButton").query().isDisabled()).isFalse();
    }
}
