package com.sourceful.commissioner.ui.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.OutputCapture;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import com.sourceful.commissioner.ui.FxThreadRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Wi-Fi panel on its own, driven through its controls against a simulated Zap on loopback: its network, a scan,
 * a join followed to the Zap's new port (the field's new address), a wrong password's advice, the signal here.
 * The follower looks on loopback only: a sweep of 127.0.0.1 on the port the simulator moves to, which is also the
 * address the Zap reports (its localIP) on that port.
 */
class WifiPanelUiTest {

    static final String KEY = "correct horse";
    static final String WRONG_KEY = "w1fi-panel-wrong-k3y";

    private final FxThreadRobot robot = new FxThreadRobot();
    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients();
    private ZapSimulator sim;
    private WifiViewModel vm;
    private int newPort;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws Exception {
        newPort = freePort();
        sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1"))
                .serial(String.format("zap-%08x", new SecureRandom().nextInt())).addDeviceDelay(Duration.ZERO)
                .start();
        sim.wifi().setScanTime(Duration.ofMillis(300));
        sim.wifi().setMoveDelay(Duration.ofMillis(300));
        sim.wifi().setMovesToPort(newPort);
        session.selectGateway(new CommissioningSession.Gateway(sim.serial(), sim.baseUri(), "1.4.2", true));
    }

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            WaitForAsyncUtils.asyncFx(vm::leave).get(5, TimeUnit.SECONDS);
        }
        FxToolkit.cleanupStages();
        clients.close();
        sim.close();
    }

    /** The panel's fragment, loaded as the step will (bundle, controller factory), shown in a window. */
    private void show(Duration followTimeout) throws Exception {
        show(new WifiViewModel.Tuning(Duration.ofSeconds(5), followTimeout, Duration.ofMillis(300),
                Duration.ofSeconds(1), Duration.ofMillis(250)));
    }

    private void show(WifiViewModel.Tuning tuning) throws Exception {
        ZapDiscovery.Options loopback = new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.1/32")),
                newPort, List.of(), Optional.empty(), null, null);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupSceneRoot(() -> {
            vm = new WifiViewModel(Tasks.fx(), clients, session, Clock.systemUTC(), () -> Optional.of(loopback),
                    tuning);
            FXMLLoader loader = new FXMLLoader(WifiController.class.getResource("wifi.fxml"), Messages.bundle());
            loader.setControllerFactory(type -> new WifiController(vm));
            try {
                Parent root = loader.load();
                root.setStyle("-fx-pref-width: 720; -fx-pref-height: 640;");
                return root;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.asyncFx(vm::enter).get(5, TimeUnit.SECONDS);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<WifiViewModel.NetworkRow> table() {
        return robot.lookup("#networkTable").queryAs(TableView.class);
    }

    /** Scans through the button and picks {@code ssid} in the table. */
    private WifiViewModel.NetworkRow scanAndPick(String ssid) throws Exception {
        robot.clickOn("#scanButton");
        waitFor(10, () -> table().getItems().size() == 3 && !vm.busyProperty().get());
        WifiViewModel.NetworkRow row = table().getItems().stream().filter(r -> r.ssid().equals(ssid)).findFirst()
                .orElseThrow();
        robot.clickOn(row.label());
        waitFor(5, () -> vm.selectedProperty().get() == row);
        return row;
    }

    @Test
    void showsTheNetworkScansStrongestFirstJoinsAndFollowsTheZapToItsNewAddress() throws Exception {
        show(Duration.ofSeconds(15));
        waitFor(10, () -> !text("#currentNetworkLabel").isEmpty());
        assertThat(text("#currentNetworkLabel")).isEqualTo("Simulated-WiFi");
        assertThat(text("#currentSignalLabel")).matches("-5\\d dBm – good");
        assertThat(text("#currentInternetLabel")).isEqualTo("Yes");

        WifiViewModel.NetworkRow site = scanAndPick("Site-WiFi");
        assertThat(table().getItems()).extracting(WifiViewModel.NetworkRow::ssid)
                .containsExactly("Site-WiFi", "Guest", "Neighbour");
        assertThat(table().getItems()).extracting(WifiViewModel.NetworkRow::security)
                .containsExactly("WPA2", "Open", "WPA3");
        assertThat(site.signal()).matches("-6\\d dBm – good");
        assertThat(table().getItems().get(2).signal()).matches("-[78]\\d dBm – weak");

        robot.clickOn("#passwordField").write(KEY);
        assertThat(vm.secrets()).as("held while typed").containsExactly(KEY);
        robot.clickOn("#joinButton");
        waitFor(20, () -> !vm.busyProperty().get() && text("#wifiStatusLabel").contains(Messages.get(
                "prepare.wifi.arrived", sim.serial(), "Site-WiFi", "127.0.0.1:" + newPort)));

        CommissioningSession.Gateway now = session.gateway().orElseThrow();
        assertThat(now.baseUri().getPort()).as("the session's Zap is where it answers now").isEqualTo(newPort);
        assertThat(now.serial()).isEqualTo(sim.serial());
        assertThat(now.firmwareVersion()).isEqualTo("1.4.2");
        assertThat(now.serialConfirmed()).isTrue();
        assertThat(session.wifiChanges()).as("the visit records the change").singleElement()
                .satisfies(change -> {
                    assertThat(change.gatewaySerial()).isEqualTo(sim.serial());
                    assertThat(change.ssid()).isEqualTo("Site-WiFi");
                    assertThat(change.newAddress()).isEqualTo(now.baseUri());
                });
        assertThat(robot.lookup("#passwordField").queryAs(PasswordField.class).getText()).isEmpty();
        assertThat(vm.secrets().isEmpty()).as("nothing held after the join").isTrue();
        waitFor(10, () -> text("#currentNetworkLabel").equals("Site-WiFi"));
        // Say whether, never what: a failure must not print the password into the output again.
        assertThat(OutputCapture.text().contains(KEY)).as("the password in the logs").isFalse();
    }

    @Test
    void aWrongPasswordEndsWithWhatToCheckPasswordFirstAndTheNumbers() throws Exception {
        show(Duration.ofSeconds(2));
        WifiViewModel.NetworkRow site = scanAndPick("Site-WiFi");
        robot.clickOn("#passwordField").write(WRONG_KEY);
        robot.clickOn("#joinButton");
        waitFor(20, () -> !vm.busyProperty().get() && !text("#wifiErrorLabel").isEmpty());

        String[] lines = text("#wifiErrorLabel").split("\n");
        assertThat(lines[0]).isEqualTo(Messages.get("prepare.wifi.notFound", sim.serial(), "Site-WiFi", 2));
        assertThat(lines[1]).as("the password first: the network was heard well")
                .isEqualTo("• " + Messages.get("prepare.wifi.check.password", "Site-WiFi"));
        assertThat(lines[2]).as("with the RSSI the scan heard").contains(site.signal()).contains("-75 dBm");
        assertThat(lines[3]).contains(Messages.get("prepare.wifi.check.laptop", "Site-WiFi"));
        assertThat(session.gateway().orElseThrow().baseUri()).isEqualTo(sim.baseUri());
        assertThat(session.wifiChanges()).as("not found: no change recorded").isEmpty();
        assertThat(robot.lookup("#passwordField").queryAs(PasswordField.class).getText()).isEmpty();
        assertThat(vm.secrets().isEmpty()).as("nothing held after the join").isTrue();
        assertThat(OutputCapture.installed()).as("logs are captured").isTrue();
        assertThat(OutputCapture.text().contains(WRONG_KEY)).as("the password in the logs").isFalse();
    }

    @Test
    void measuresTheSignalHereWithTheWeakestReadingAndTheMedian() throws Exception {
        show(Duration.ofSeconds(2));
        robot.clickOn("#measureButton");
        waitFor(10, () -> !vm.samplingProperty().get() && !text("#signalHereLabel").startsWith("Measuring"));
        assertThat(text("#signalHereLabel")).matches("\\d readings here: weakest -5\\d dBm – good, median -5\\d"
                + "(\\.5)? dBm\\.");
        assertThat(vm.cancelBackgroundWork()).as("nothing left running").isFalse();
    }

    @Test
    void theSamplingStopsWithWhatItReadAndAScanIsCancelled() throws Exception {
        Duration long_ = Duration.ofSeconds(60);
        show(new WifiViewModel.Tuning(long_, long_, Duration.ofMillis(300), long_, Duration.ofMillis(100)));
        robot.clickOn("#measureButton");
        waitFor(10, () -> text("#signalHereLabel").startsWith("Measuring the signal here: 2 of 601"));
        boolean stopped = WaitForAsyncUtils.asyncFx(vm::cancelBackgroundWork).get(5, TimeUnit.SECONDS);
        assertThat(stopped).isTrue();
        waitFor(5, () -> !vm.samplingProperty().get());
        assertThat(text("#signalHereLabel")).matches("Stopped after \\d+ readings: weakest -5\\d dBm – good, .*");

        sim.wifi().setScanTime(Duration.ofHours(1)); // results that never come
        robot.clickOn("#scanButton");
        waitFor(5, () -> vm.scanningProperty().get());
        WaitForAsyncUtils.asyncFx(vm::cancel).get(5, TimeUnit.SECONDS);
        waitFor(5, () -> !vm.busyProperty().get());
        assertThat(text("#wifiStatusLabel")).isEqualTo(Messages.get("prepare.wifi.cancelled"));
    }

    @Test
    void followingTheZapIsCancelled() throws Exception {
        show(Duration.ofSeconds(60));
        scanAndPick("Site-WiFi");
        robot.clickOn("#passwordField").write(WRONG_KEY);
        robot.clickOn("#joinButton");
        waitFor(10, () -> text("#wifiStatusLabel").startsWith("Zap " + sim.serial() + " is joining"));
        WaitForAsyncUtils.asyncFx(vm::cancel).get(5, TimeUnit.SECONDS);
        waitFor(5, () -> !vm.busyProperty().get());
        assertThat(text("#wifiStatusLabel")).isEqualTo(Messages.get("prepare.wifi.cancelled"));
        assertThat(text("#wifiErrorLabel")).as("no advice for a following cancelled").isEmpty();
        assertThat(vm.secrets().isEmpty()).isTrue();
    }
}
