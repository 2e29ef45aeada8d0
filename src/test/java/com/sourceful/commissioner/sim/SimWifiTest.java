package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.WifiNetwork;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's Wi-Fi: a scan that takes clock time, readings that wander, and a join that moves or loses it. */
class SimWifiTest {

    final TestClock clock = TestClock.atNoon();
    ZapSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).serial("zap-00f1f1f1")
                .addDeviceDelay(Duration.ZERO).clock(clock).start();
        sim.wifi().setMoveDelay(Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    ZapClient client() {
        return new ZapClient(sim.baseUri());
    }

    @Test
    void scanResultsAppearOnlyAfterTheScanTime() throws Exception {
        sim.wifi().setScanTime(Duration.ofSeconds(4));
        try (ZapClient zap = client()) {
            assertThat(zap.wifi().networks()).as("no scan yet").isEmpty();
            assertThat(zap.wifi().connectedSsid()).hasValue(SimWifi.START_SSID);
            zap.startWifiScan();
            clock.advance(Duration.ofMillis(3999));
            assertThat(zap.wifi().networks()).as("still scanning").isEmpty();
            clock.advance(Duration.ofMillis(1));
            List<WifiNetwork> heard = zap.wifi().networks();
            assertThat(heard).extracting(WifiNetwork::ssid).containsExactlyInAnyOrder("Site-WiFi", "Neighbour", "Guest");
            assertThat(heard).filteredOn(n -> n.ssid().equals("Site-WiFi")).singleElement()
                    .satisfies(n -> assertThat(n.rssi()).isBetween(-64, -60))
                    .satisfies(n -> assertThat(n.auth()).isEqualTo("WPA2_PSK"));
            assertThat(heard).filteredOn(n -> n.ssid().equals("Guest")).singleElement()
                    .satisfies(n -> assertThat(n.open()).isTrue());
            assertThat(zap.wifi().networks()).as("kept until the next scan").isEqualTo(heard);
        }
    }

    @Test
    void theSignalWandersALittleFromReadToRead() throws Exception {
        Set<Integer> seen = new HashSet<>();
        try (ZapClient zap = client()) {
            for (int i = 0; i < 20; i++) {
                ZapSystem s = zap.system();
                int rssi = s.rssi().orElseThrow();
                assertThat(rssi).isBetween(-56, -52);
                seen.add(rssi);
            }
        }
        assertThat(seen).as("readings differ").hasSizeGreaterThan(1);
    }

    @Test
    void theRightKeyMovesTheZapToAnotherPortOnTheNewNetwork() throws Exception {
        int before = sim.port();
        URI old = sim.baseUri();
        try (ZapClient zap = client()) {
            zap.joinWifi("Site-WiFi", "correct horse".toCharArray());
            assertThat(zap.system().ssid()).as("still on the old network for a moment").hasValue(SimWifi.START_SSID);
        }
        waitUntil(() -> sim.port() != before);
        try (ZapClient moved = client()) {
            ZapSystem s = moved.system();
            assertThat(s.deviceId()).isEqualTo("zap-00f1f1f1");
            assertThat(s.ssid()).hasValue("Site-WiFi");
            assertThat(s.wifiConnected()).hasValue(true);
            assertThat(s.rssi().orElseThrow()).isBetween(-64, -60);
            assertThat(s.localIp()).hasValue("127.0.0.1");
            assertThat(moved.wifi().connectedSsid()).hasValue("Site-WiFi");
        }
        try (ZapClient gone = new ZapClient(old)) {
            assertThatThrownBy(gone::system).isInstanceOfSatisfying(ZapException.class,
                    e -> assertThat(e.kind()).isEqualTo(ZapException.Kind.UNREACHABLE));
        }
    }

    @Test
    void aWrongKeyIsAcceptedThenTheZapAnswersNowhere() throws Exception {
        assertLost("Site-WiFi", "w1fi-wrong-key");
    }

    @Test
    void aNetworkOutOfRangeIsNeverJoined() throws Exception {
        sim.wifi().setNetworks(List.of(new SimWifi.Network("Far-Away", -88, SimWifi.Auth.WPA2_PSK, "far-key-1")));
        assertLost("Far-Away", "far-key-1");
    }

    /** Polls (the move happens on the simulator's own thread); fails after 5 s. */
    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s for the simulator").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private void assertLost(String ssid, String key) throws Exception {
        int before = sim.port();
        try (ZapClient zap = client()) {
            zap.joinWifi(ssid, key.toCharArray()); // 200: the Zap finds out later
        }
        waitUntil(() -> sim.wifi().connectedSsid() == null);
        try (ZapClient zap = client()) {
            assertThatThrownBy(zap::system).isInstanceOf(ZapException.class);
        }
        assertThat(sim.port()).as("not moved anywhere").isEqualTo(before);
        assertThat(sim.wifi().connectedSsid()).isNull();
    }

    @Test
    void forgettingTheNetworkLeavesItSoonAfterTheAnswer() throws Exception {
        try (ZapClient zap = client()) {
            zap.forgetWifi();
        }
        waitUntil(() -> sim.wifi().connectedSsid() == null);
        try (ZapClient zap = client()) {
            assertThatThrownBy(zap::system).isInstanceOf(ZapException.class);
        }
    }

    @Test
    void aJoinWithoutANetworkNameIsRefused() throws Exception {
        try (ZapClient zap = client()) {
            assertThatThrownBy(() -> zap.joinWifi("", new char[0])).isInstanceOfSatisfying(ZapException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void aNetworksKeyIsNeverPrinted() {
        SimWifi.Network n = new SimWifi.Network("Site-WiFi", -62, SimWifi.Auth.WPA2_PSK, "correct horse");
        assertThat(n.toString()).contains("Site-WiFi").doesNotContain("correct horse");
    }
}
