package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** ZapDiscovery on the loopback interface: mDNS, typed addresses, merging by serial, and what is not a Zap. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZapDiscoveryTest {

    static final String SERIAL = "zap-5e1f0c3a";

    TestClock clock;
    InetAddress loopback;
    ZapSimulator sim;
    ZapDiscovery discovery;
    final List<FoundZap> reported = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        loopback = InetAddress.getByName("127.0.0.1");
        sim = ZapSimulator.builder().bindAddress(loopback).port(0).serial(SERIAL).announceMdns(true)
                .addDeviceDelay(Duration.ZERO).clock(clock).start();
        discovery = new ZapDiscovery(clock);
        discovery.start(mdnsOnly(List.of(loopback)), reported::add);
    }

    @AfterAll
    void stop() throws Exception {
        // jmDNS sends goodbyes on close, which takes seconds: close both at once.
        Thread a = new Thread(discovery::close, "close-discovery");
        Thread b = new Thread(sim::close, "close-sim");
        a.start();
        b.start();
        a.join(15_000);
        b.join(15_000);
    }

    List<FoundZap> mine() {
        return discovery.found().stream().filter(f -> f.serial().equals(SERIAL)).toList();
    }

    static ZapException failure(ZapDiscoveryTest.Call call) {
        ZapException e = catchThrowableOfType(ZapException.class, call::run);
        assertThat(e).as("a ZapException").isNotNull();
        return e;
    }

    interface Call {
        void run() throws Exception;
    }

    @Test
    @Order(1)
    void theSimulatorIsFoundThroughMdns() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < deadline && !discovery.report().multicastSent()) {
            Thread.sleep(20);
        }
        assertThat(discovery.report().mdnsInterfaces()).containsExactly("127.0.0.1");
        assertThat(discovery.report().multicastSent()).isTrue();
        while (System.nanoTime() < deadline && mine().isEmpty()) {
            Thread.sleep(100);
        }
        // Other processes on this machine may announce Zaps on loopback too: look only at ours.
        assertThat(mine()).as("found through mDNS within 12 s").hasSize(1);
        FoundZap z = mine().get(0);
        assertThat(z.serial()).isEqualTo(SERIAL);
        assertThat(z.sources()).as("ZAP_LOCAL may join when another process answers zap.local on loopback")
                .contains(FoundZap.Source.MDNS);
        assertThat(z.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + sim.port() + "/"));
        assertThat(z.address()).isEqualTo("127.0.0.1:" + sim.port());
        assertThat(z.firmwareVersion()).isEqualTo("1.4.2");
        assertThat(z.ssid()).hasValue("Simulated-WiFi");
        assertThat(z.internetConnected()).hasValue(true);
        assertThat(z.deviceCount()).isZero();
        assertThat(z.lastSeen()).isEqualTo(clock.instant());
        assertThat(reported).filteredOn(f -> f.serial().equals(SERIAL)).isNotEmpty();
    }

    @Test
    @Order(2)
    void theSameZapTypedInIsOneEntryWithBothSources() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        try (ZapClient zap = new ZapClient(sim.baseUri())) {
            zap.addDevice(DeviceConfig.of("p1_uart", Map.of()));
        }
        clock.advance(Duration.ofMinutes(1));
        FoundZap typed = discovery.confirm(sim.baseUri(), FoundZap.Source.TYPED);
        assertThat(typed.serial()).isEqualTo(SERIAL);
        assertThat(typed.sources()).containsExactlyInAnyOrder(FoundZap.Source.MDNS, FoundZap.Source.TYPED);
        assertThat(typed.deviceCount()).as("newest facts").isEqualTo(1);
        assertThat(typed.lastSeen()).isEqualTo(clock.instant());
        assertThat(mine()).containsExactly(typed);
        assertThat(reported).last().isEqualTo(typed);
    }

    @Test
    @Order(3)
    void theSameSerialAtAnotherAddressIsStillOneZap() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        // Two simulators claiming one serial stand for one Zap that moved (new DHCP lease): keyed by serial.
        try (ZapSimulator moved = ZapSimulator.builder().bindAddress(loopback).port(0).serial(SERIAL)
                .addDeviceDelay(Duration.ZERO).clock(clock).start();
             ZapSimulator other = ZapSimulator.builder().bindAddress(loopback).port(0).serial("zap-00ff00ff")
                     .addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            FoundZap z = discovery.confirm(moved.baseUri(), FoundZap.Source.RECENT);
            assertThat(z.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + moved.port() + "/"));
            assertThat(z.sources()).containsExactlyInAnyOrder(FoundZap.Source.MDNS, FoundZap.Source.TYPED,
                    FoundZap.Source.RECENT);
            FoundZap second = discovery.confirm(other.baseUri(), FoundZap.Source.TYPED);
            assertThat(second.sources()).containsExactly(FoundZap.Source.TYPED);
            assertThat(discovery.found()).extracting(FoundZap::serial)
                    .containsOnlyOnce(SERIAL, "zap-00ff00ff");
        }
    }

    @Test
    @Order(4)
    void anHttpServerThatIsNotAZapIsRejected() throws Exception {
        try (StubServer printer = StubServer.start()) {
            printer.json("/api/system", 200, "{\"uptime_seconds\":5,\"model\":\"LaserJet\"}");
            printer.json("/api/crypto", 200, "{\"serialNumber\":\"zap-deadbeef\"}");
            ZapException e = failure(() -> ZapDiscovery.check(printer.baseUri(), FoundZap.Source.TYPED, clock));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
            assertThat(printer.requests()).containsExactly("GET /api/system");

            printer.on("/api/system", 200, "text/html", "<html>router</html>");
            assertThat(failure(() -> discovery.confirm(printer.baseUri(), FoundZap.Source.TYPED)).kind())
                    .isEqualTo(ZapException.Kind.NOT_A_ZAP);

            printer.json("/api/system", 404, "{\"error\":\"not found\"}");
            ZapException notFound = failure(() -> ZapDiscovery.check(printer.baseUri(), FoundZap.Source.SWEEP, clock));
            assertThat(notFound.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
            assertThat(notFound.status()).isEqualTo(404);
        }
        assertThat(discovery.found()).extracting(FoundZap::serial).doesNotContain("zap-deadbeef");
    }

    @Test
    @Order(5)
    void aClosedPortIsUnreachable() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + StubServer.closedPort() + "/");
        ZapException e = failure(() -> ZapDiscovery.check(nowhere, FoundZap.Source.TYPED, clock));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.UNREACHABLE);
        assertThat(failure(() -> discovery.confirm(nowhere, FoundZap.Source.TYPED)).kind())
                .isEqualTo(ZapException.Kind.UNREACHABLE);
    }

    @Test
    @Order(6)
    void aZapThatCannotListItsDevicesIsStillAZap() throws Exception {
        try (StubServer oldZap = StubServer.start()) {
            oldZap.json("/api/system", 200, "{\"zap\":{\"firmwareVersion\":\"0.9.0\"}}");
            oldZap.json("/api/crypto", 200, "{\"serialNumber\":\"zap-0123456789abcdef\"}");
            oldZap.on("/api/devices", 500, "text/plain", "boom");
            FoundZap z = ZapDiscovery.check(oldZap.baseUri(), FoundZap.Source.SWEEP, clock);
            assertThat(z.serial()).isEqualTo("zap-0123456789abcdef");
            assertThat(z.deviceCount()).isEqualTo(-1);
            assertThat(z.firmwareVersion()).isEqualTo("0.9.0");
            assertThat(z.ssid()).isEmpty();
            assertThat(z.sources()).containsExactly(FoundZap.Source.SWEEP);
        }
    }

    @Test
    @Order(7)
    void confirmLaterReportsInTheBackgroundAndIsHarmlessAfterClose() throws Exception {
        List<FoundZap> seen = new CopyOnWriteArrayList<>();
        ZapDiscovery quiet = new ZapDiscovery(clock);
        quiet.start(mdnsOnly(List.of()), seen::add); // no mDNS: only the listener
        assertThat(quiet.report().multicastSent()).isFalse();
        quiet.confirmLater(sim.baseUri(), FoundZap.Source.TYPED);
        quiet.confirmLater(URI.create("http://127.0.0.1:" + StubServer.closedPort() + "/"), FoundZap.Source.TYPED);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && seen.isEmpty()) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertThat(seen).extracting(FoundZap::serial).containsExactly(SERIAL);
        assertThat(quiet.found()).extracting(FoundZap::sources).containsExactly(Set.of(FoundZap.Source.TYPED));
        quiet.close();
        quiet.confirmLater(sim.baseUri(), FoundZap.Source.RECENT); // rejected quietly
        Thread.sleep(100);
        assertThat(seen).hasSize(1);
    }

    @Test
    void zapInstanceNames() {
        assertThat(MdnsBrowser.isZapName("zap-5e1f0c3a")).isTrue();
        assertThat(MdnsBrowser.isZapName("Zap Garage")).isTrue();
        assertThat(MdnsBrowser.isZapName("printer")).isFalse();
        assertThat(MdnsBrowser.isZapName("my-zap")).isFalse();
        assertThat(MdnsBrowser.isZapName(null)).isFalse();
    }

    private static ZapDiscovery.Options mdnsOnly(List<InetAddress> interfaces) {
        return new ZapDiscovery.Options(interfaces, List.of(), 80, List.of(), Optional.empty(), null, null);
    }
}
