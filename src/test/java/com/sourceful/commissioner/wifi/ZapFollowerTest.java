package com.sourceful.commissioner.wifi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.SimWifi;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.OutputCapture;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapSystem;

import org.junit.jupiter.api.Test;

/**
 * After a join the simulator answers on another loopback port (the field's new IP address); the follower finds it
 * there by its serial, or gives up after its time with what to check. Real time, short: discovery does real I/O.
 */
class ZapFollowerTest {

    static final String KEY = "correct horse";
    static final String WRONG_KEY = "w1fi-wrong-key";

    final Clock clock = Clock.systemUTC();

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Looks on loopback only: no mDNS interfaces, a sweep of 127.0.0.1 on the port the Zap moves to. */
    static ZapFollower follower(int port) {
        ZapDiscovery.Options where = new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.1/32")), port,
                List.of(), Optional.empty(), null, null);
        return new ZapFollower(Clock.systemUTC(), where, Duration.ofMillis(300));
    }

    static ZapSimulator simulator(String serial, int movesTo) throws Exception {
        ZapSimulator sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).serial(serial)
                .addDeviceDelay(Duration.ZERO).start();
        sim.wifi().setMoveDelay(Duration.ofMillis(300));
        sim.wifi().setMovesToPort(movesTo);
        return sim;
    }

    ZapFollower.Target join(ZapSimulator sim, String ssid, String key, int rssi) throws Exception {
        try (ZapClient zap = new ZapClient(sim.baseUri())) {
            ZapSystem before = zap.system();
            zap.joinWifi(ssid, key.toCharArray());
            return new ZapFollower.Target(sim.serial(), sim.baseUri(), before.localIp(), ssid, OptionalInt.of(rssi),
                    false);
        }
    }

    @Test
    void withTheRightKeyTheZapIsFoundBySerialOnItsNewPortAndNetwork() throws Exception {
        int newPort = freePort();
        try (ZapSimulator sim = simulator("zap-0f011047", newPort)) {
            int oldPort = sim.port();
            ZapFollower.Target target = join(sim, "Site-WiFi", KEY, -62);
            ZapFollower.Result r = follower(newPort).follow(target, Duration.ofSeconds(15));
            assertThat(r.arrived()).as("found within the time").isTrue();
            assertThat(r.found().orElseThrow().serial()).isEqualTo("zap-0f011047");
            assertThat(r.found().orElseThrow().baseUri().getPort()).isEqualTo(newPort).isNotEqualTo(oldPort);
            assertThat(r.found().orElseThrow().ssid()).hasValue("Site-WiFi");
            assertThat(r.check()).isEmpty();
        }
        assertThat(OutputCapture.installed()).as("logs are captured").isTrue();
        assertThat(OutputCapture.text()).contains("zap-0f011047").doesNotContain(KEY);
    }

    @Test
    void aZapThatMovesToAPortNobodyKnowsIsFoundByItsNewMdnsAnnouncement() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        // Loopback mDNS is shared by every process on this machine: a serial of our own.
        String serial = String.format("zap-%08x", new SecureRandom().nextInt());
        ZapSimulator sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).serial(serial)
                .announceMdns(true).addDeviceDelay(Duration.ZERO).start();
        try {
            sim.wifi().setMoveDelay(Duration.ofMillis(300)); // to an ephemeral port: neither swept nor reported
            int oldPort = sim.port();
            ZapFollower.Target target = join(sim, "Site-WiFi", KEY, -62);
            ZapDiscovery.Options where = new ZapDiscovery.Options(List.of(InetAddress.getByName("127.0.0.1")),
                    List.of(), freePort(), List.of(), Optional.empty(), null, null);
            ZapFollower.Result r = new ZapFollower(clock, where, Duration.ofMillis(500)).follow(target,
                    Duration.ofSeconds(20));
            assertThat(r.arrived()).as("found by mDNS").isTrue();
            assertThat(r.found().orElseThrow().baseUri().getPort()).isEqualTo(sim.port()).isNotEqualTo(oldPort);
        } finally {
            Thread closer = new Thread(sim::close, "mdns-test-close"); // jmDNS takes seconds to close
            closer.setDaemon(true);
            closer.start();
        }
    }

    @Test
    void aWrongKeyLosesTheZapAndTheFollowerGivesUpSayingCheckThePasswordFirst() throws Exception {
        int newPort = freePort();
        try (ZapSimulator sim = simulator("zap-0f0110aa", newPort)) {
            ZapFollower.Target target = join(sim, "Site-WiFi", WRONG_KEY, -62);
            long start = System.nanoTime();
            ZapFollower.Result r = follower(newPort).follow(target, Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up after its time")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(r.arrived()).isFalse();
            assertThat(r.check()).containsExactly(ZapFollower.Hint.WRONG_PASSWORD, ZapFollower.Hint.OUT_OF_RANGE,
                    ZapFollower.Hint.LAPTOP_ON_OTHER_NETWORK);
            assertThat(r.toString()).doesNotContain(WRONG_KEY);
        }
        assertThat(OutputCapture.installed()).as("logs are captured").isTrue();
        assertThat(OutputCapture.text()).contains("zap-0f0110aa").doesNotContain(WRONG_KEY);
    }

    @Test
    void aNetworkOutOfRangeIsNamedFirst() throws Exception {
        int newPort = freePort();
        try (ZapSimulator sim = simulator("zap-0f0110bb", newPort)) {
            sim.wifi().setNetworks(List.of(new SimWifi.Network("Far-Away", -88, SimWifi.Auth.WPA2_PSK, KEY)));
            ZapFollower.Target target = join(sim, "Far-Away", KEY, -88);
            ZapFollower.Result r = follower(newPort).follow(target, Duration.ofSeconds(2));
            assertThat(r.arrived()).isFalse();
            assertThat(r.check()).first().isEqualTo(ZapFollower.Hint.OUT_OF_RANGE);
        }
    }

    @Test
    void anotherZapAtTheNewAddressIsNotTakenForIt() throws Exception {
        int newPort = freePort();
        try (ZapSimulator sim = simulator("zap-0f0110cc", newPort)) {
            // Asked to join the network the other Zap is on: only the serial tells them apart.
            ZapFollower.Target target = join(sim, SimWifi.START_SSID, WRONG_KEY, -62);
            try (ZapSimulator other = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1"))
                    .port(newPort).serial("zap-0be4e4e4").addDeviceDelay(Duration.ZERO).start()) {
                ZapFollower.Result r = follower(newPort).follow(target, Duration.ofSeconds(2));
                assertThat(r.arrived()).as("a Zap answers there, but not this one").isFalse();
            }
        }
    }

    @Test
    void aZapStillOnItsOldNetworkHasNotArrived() throws Exception {
        try (ZapSimulator sim = simulator("zap-0f0110dd", 0)) {
            ZapFollower.Target target = new ZapFollower.Target(sim.serial(), sim.baseUri(), Optional.of("127.0.0.1"),
                    "Site-WiFi", OptionalInt.of(-62), false);
            ZapFollower.Result r = follower(sim.port()).follow(target, Duration.ofSeconds(1));
            assertThat(r.arrived()).as("it answers, but on " + SimWifi.START_SSID).isFalse();
        }
    }
}
