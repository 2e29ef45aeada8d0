package com.sourceful.commissioner.wifi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.sourceful.commissioner.sim.SimWifi;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.WifiNetwork;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;

/** A scan against the simulator (its clock moved by the scan's own waiting), and the sort and merge of results. */
class WifiScanTest {

    final TestClock clock = TestClock.atNoon();

    ZapSimulator simulator() throws Exception {
        return ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).serial("zap-005ca115")
                .addDeviceDelay(Duration.ZERO).clock(clock).start();
    }

    @Test
    void theResultsAreReadOnlyOnceTheScanHasTakenItsTimeStrongestFirst() throws Exception {
        try (ZapSimulator sim = simulator(); ZapClient zap = new ZapClient(sim.baseUri())) {
            sim.wifi().setScanTime(Duration.ofSeconds(5));
            Instant start = clock.instant();
            WifiScan.Result r = new WifiScan(clock, clock::advance).run(zap, Duration.ofSeconds(15));
            assertThat(r.fresh()).isTrue();
            assertThat(Duration.between(start, clock.instant())).as("waited for the scan").isEqualTo(Duration.ofSeconds(5));
            assertThat(r.networks()).extracting(WifiNetwork::ssid).containsExactly("Site-WiFi", "Guest", "Neighbour");
            assertThat(r.connectedSsid()).hasValue(SimWifi.START_SSID);
        }
    }

    @Test
    void aScanWhoseResultsNeverComeGivesBackTheOldOnesMarkedNotFresh() throws Exception {
        try (ZapSimulator sim = simulator(); ZapClient zap = new ZapClient(sim.baseUri())) {
            sim.wifi().setScanTime(Duration.ofMinutes(5));
            Instant start = clock.instant();
            WifiScan.Result r = new WifiScan(clock, clock::advance).run(zap, Duration.ofSeconds(15));
            assertThat(r.fresh()).isFalse();
            assertThat(r.networks()).isEmpty();
            assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(15));
        }
    }

    @Test
    void aNameHeardTwiceIsListedOnceWithItsStrongestSignal() {
        List<WifiNetwork> heard = List.of(new WifiNetwork("Office", -78, "WPA2_PSK"),
                new WifiNetwork("Guest", -70, "OPEN"), new WifiNetwork("Office", -61, "WPA3_PSK"),
                new WifiNetwork("office", -50, "WPA2_PSK"), new WifiNetwork("Office", -66, "WPA2_PSK"));
        assertThat(WifiScan.strongestFirst(heard)).containsExactly(new WifiNetwork("office", -50, "WPA2_PSK"),
                new WifiNetwork("Office", -61, "WPA3_PSK"), new WifiNetwork("Guest", -70, "OPEN"));
    }
}
