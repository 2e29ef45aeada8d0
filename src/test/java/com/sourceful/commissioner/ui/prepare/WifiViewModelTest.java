package com.sourceful.commissioner.ui.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.SimWifi;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Mnemonics;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.wifi.SignalSampler;
import com.sourceful.commissioner.wifi.ZapFollower;
import com.sourceful.commissioner.zap.WifiNetwork;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Wi-Fi panel's view-model with work run inline (no toolkit), against a simulated Zap on loopback. */
class WifiViewModelTest {

    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients();
    private ZapSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).serial("zap-0f01a1f1")
                .addDeviceDelay(Duration.ZERO).start();
        sim.wifi().setScanTime(Duration.ZERO);
        session.selectGateway(new CommissioningSession.Gateway(sim.serial(), sim.baseUri(), "1.4.2", true));
    }

    @AfterEach
    void stop() {
        clients.close();
        sim.close();
    }

    private WifiViewModel vm(Duration scanTimeout) {
        WifiViewModel.Tuning tuning = new WifiViewModel.Tuning(scanTimeout, Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ZERO, Duration.ofMillis(100));
        return new WifiViewModel(Tasks.currentThread(), clients, session, Clock.systemUTC(), Optional::empty,
                tuning);
    }

    @Test
    void theZapsNetworkIsShownAndMarkedInTheScan() {
        List<SimWifi.Network> around = new ArrayList<>(SimWifi.defaultNetworks());
        around.add(new SimWifi.Network(SimWifi.START_SSID, -54, SimWifi.Auth.WPA2_PSK, "sim-key-1"));
        sim.wifi().setNetworks(around);
        WifiViewModel vm = vm(Duration.ofSeconds(5));
        vm.enter();
        assertThat(vm.currentNetworkProperty().get()).isEqualTo(SimWifi.START_SSID);
        assertThat(vm.currentSignalProperty().get()).matches("-5\\d dBm – good");
        assertThat(vm.currentInternetProperty().get()).isEqualTo(Messages.get("common.yes"));

        vm.scan();
        assertThat(vm.networks()).extracting(WifiViewModel.NetworkRow::ssid)
                .containsExactly(SimWifi.START_SSID, "Site-WiFi", "Guest", "Neighbour");
        assertThat(vm.networks()).extracting(WifiViewModel.NetworkRow::current)
                .containsExactly(true, false, false, false);
        assertThat(vm.networks().get(0).label())
                .isEqualTo(Messages.get("prepare.wifi.network.current", SimWifi.START_SSID));
        assertThat(vm.statusProperty().get()).isEqualTo(Messages.get("prepare.wifi.scanned", 4));
        assertThat(vm.warningProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aScanWithoutResultsInItsTimeSaysSo() {
        sim.wifi().setScanTime(Duration.ofHours(1));
        WifiViewModel vm = vm(Duration.ZERO);
        vm.scan();
        assertThat(vm.networks()).isEmpty();
        assertThat(vm.warningProperty().get()).isEqualTo(Messages.get("prepare.wifi.scan.nothing", 0));
    }

    @Test
    void aZapThatRefusesToScanOrToJoinIsExplainedInThePanel() {
        sim.setFault("GET /api/wifi/scan", new ZapFault.Status(500));
        WifiViewModel vm = vm(Duration.ofSeconds(5));
        vm.scan();
        assertThat(vm.networks()).isEmpty();
        assertThat(vm.errorProperty().get()).startsWith(Messages.get("prepare.wifi.scan.failed", "").strip());
        assertThat(vm.busyProperty().get()).isFalse();

        sim.clearFaults();
        vm.scan();
        vm.selectedProperty().set(vm.networks().get(0));
        sim.setFault("POST /api/wifi", new ZapFault.Status(503));
        vm.passwordProperty().set("w1fi-vm-secret");
        vm.join();
        assertThat(vm.errorProperty().get()).startsWith(Messages.get("prepare.wifi.join.failed", "Site-WiFi", ""))
                .doesNotContain("w1fi-vm-secret");
        assertThat(session.gateway().orElseThrow().baseUri()).as("the Zap did not move").isEqualTo(sim.baseUri());
    }

    @Test
    void aProtectedNetworkNeedsAPasswordAnOpenOneNone() {
        WifiViewModel vm = vm(Duration.ofSeconds(5));
        vm.scan();
        WifiViewModel.NetworkRow site = vm.networks().get(0);
        WifiViewModel.NetworkRow guest = vm.networks().get(1);
        assertThat(guest.open()).isTrue();
        vm.selectedProperty().set(site);
        assertThat(vm.canJoinProperty().get()).isFalse();
        vm.passwordProperty().set("typed");
        assertThat(vm.canJoinProperty().get()).isTrue();
        vm.passwordProperty().set("");
        vm.selectedProperty().set(guest);
        assertThat(vm.canJoinProperty().get()).isTrue();
    }

    @Test
    void aJoinTheZapCannotBeAskedForSaysWhyAndDropsThePassword() throws Exception {
        WifiViewModel vm = vm(Duration.ofSeconds(5));
        vm.scan();
        vm.selectedProperty().set(vm.networks().get(0));
        session.selectGateway(new CommissioningSession.Gateway(sim.serial(),
                URI.create("http://127.0.0.1:" + StubServer.closedPort() + "/"), "1.4.2", true));
        vm.passwordProperty().set("w1fi-vm-secret");
        assertThat(vm.secrets()).containsExactly("w1fi-vm-secret");
        vm.join();
        assertThat(vm.errorProperty().get()).startsWith(Messages.get("prepare.wifi.join.failed", "Site-WiFi", ""))
                .doesNotContain("w1fi-vm-secret");
        // Say whether, never what: a failure must not print the password.
        assertThat(vm.passwordProperty().get().isEmpty()).as("the field cleared").isTrue();
        assertThat(vm.secrets().isEmpty()).as("nothing held after the attempt").isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void leavingDropsTheTypedPasswordAndTheListOfAnotherZapIsNotKept() {
        WifiViewModel vm = vm(Duration.ofSeconds(5));
        vm.enter();
        vm.scan();
        vm.passwordProperty().set("w1fi-vm-typed");
        vm.leave();
        assertThat(vm.secrets().isEmpty()).as("nothing held after leaving").isTrue();
        assertThat(vm.networks()).hasSize(3);
        vm.enter();
        assertThat(vm.networks()).as("the same Zap: its list stays").hasSize(3);
        session.selectGateway(new CommissioningSession.Gateway("zap-0f0c0ffe", sim.baseUri(), "1.4.2", true));
        vm.enter();
        assertThat(vm.networks()).as("another Zap's").isEmpty();
    }

    @Test
    void theSignalHereIsSampledAndSummedUp() {
        WifiViewModel vm = vm(Duration.ofSeconds(5));
        assertThat(vm.cancelBackgroundWork()).as("nothing runs").isFalse();
        vm.measure();
        assertThat(vm.signalHereProperty().get()).matches("One reading here: weakest -5\\d dBm – good, median -5\\d "
                + "dBm\\.");
        assertThat(vm.samplingProperty().get()).isFalse();
    }

    @Test
    void aSummaryNamesItsNumbersAndWhatWasMissedOrStopped() {
        assertThat(WifiViewModel.describe(new SignalSampler.Summary(4, -80, -78.5, 1, true)))
                .isEqualTo("Stopped after 4 readings: weakest -80 dBm – weak, median -78.5 dBm. "
                        + "(One reading missed: the Zap did not answer.)");
        assertThat(WifiViewModel.describe(new SignalSampler.Summary(21, -70, -66, 0, false)))
                .isEqualTo("21 readings here: weakest -70 dBm – fair, median -66 dBm.");
        assertThat(WifiViewModel.describe(new SignalSampler.Summary(0, 0, Double.NaN, 3, false)))
                .isEqualTo(Messages.get("prepare.wifi.measure.none") + " "
                        + Messages.get("prepare.wifi.measure.missed", 3));
    }

    @Test
    void outOfRangeAdviceNamesTheScannedSignalOrThatItWasNotHeard() {
        ZapFollower.Target far = new ZapFollower.Target("zap-1", URI.create("http://127.0.0.1:1/"), Optional.empty(),
                "Far-Away", OptionalInt.of(-88), false);
        assertThat(WifiViewModel.hint(ZapFollower.Hint.OUT_OF_RANGE, far)).contains("\"Far-Away\"")
                .contains("-88 dBm – weak").contains("-75 dBm");
        ZapFollower.Target unheard = new ZapFollower.Target("zap-1", URI.create("http://127.0.0.1:1/"),
                Optional.empty(), "Typed-Name", OptionalInt.empty(), false);
        assertThat(WifiViewModel.hint(ZapFollower.Hint.OUT_OF_RANGE, unheard))
                .isEqualTo(Messages.get("prepare.wifi.check.range.unheard", "Typed-Name"));
    }

    @Test
    void swedishWritesTheSignalWithARealMinusAndTheUnitKeptToItsNumber() {
        Messages.setLanguage("sv");
        try {
            assertThat(WifiViewModel.signal(-62)).isEqualTo("\u221262\u00a0dBm – bra");
            assertThat(WifiViewModel.signal(-80)).isEqualTo("\u221280\u00a0dBm – svag");
        } finally {
            Messages.setLanguage(null);
        }
    }

    /** The step shares the keyboard with the footer and two more panels: this panel has these letters only. */
    @Test
    void theMnemonicsAreThePanelsOwnLettersOnePerControl() {
        List<String> keys = List.of("mnemonic.prepare.wifi.scan", "mnemonic.prepare.wifi.networks",
                "mnemonic.prepare.wifi.password", "mnemonic.prepare.wifi.join", "mnemonic.prepare.wifi.measure");
        for (String language : List.of("en", "sv")) {
            Messages.setLanguage(language);
            try {
                Set<Character> allowed = language.equals("en") ? Set.of('A', 'P', 'J', 'M', 'W', 'S')
                        : Set.of('R', 'J', 'M', 'I', 'P', 'Ö');
                List<Character> used = keys.stream().map(k -> Mnemonics.of(Messages.get(k)).orElseThrow()).toList();
                assertThat(used).as(language).doesNotHaveDuplicates().allMatch(allowed::contains);
            } finally {
                Messages.setLanguage(null);
            }
        }
    }

    @Test
    void securityIsOpenOrTheZapsWordWithoutPsk() {
        assertThat(WifiViewModel.security(new WifiNetwork("a", -50, "WPA2_PSK"))).isEqualTo("WPA2");
        assertThat(WifiViewModel.security(new WifiNetwork("a", -50, "WPA2_ENTERPRISE"))).isEqualTo("WPA2_ENTERPRISE");
        assertThat(WifiViewModel.security(new WifiNetwork("a", -50, "OPEN")))
                .isEqualTo(Messages.get("prepare.wifi.security.open"));
    }
}
