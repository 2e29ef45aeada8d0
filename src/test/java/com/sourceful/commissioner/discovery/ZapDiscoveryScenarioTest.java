package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.DeadMdnsRecord;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.ZapException;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-show of issue 3, on loopback only: Zaps on 127.0.0.1 (announced over mDNS), 127.0.0.3 (found only by
 * the sweep of 127.0.0.0/24) and 127.0.0.4 (typed), all on one port so a sweep on that port covers them; HTTP
 * services that are not Zaps: one announced over mDNS as {@code zap-deadbeef} (127.0.0.1, another port), one on
 * 127.0.0.5 on the Zaps' port for the sweep to meet; and a Zap-looking mDNS record (random serial) pointing at a
 * 127.0.0.1 port where nothing listens.
 * <p>
 * mDNS runs on 127.0.0.1 only: Linux answers 127.0.0.2 but lists it on no interface, and jmDNS bound to such an
 * address joins and sends on the default interface, which is not loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZapDiscoveryScenarioTest {

    /** Announced over loopback mDNS, which every process here shares (other runs of this test too): random. */
    static final String MDNS_SERIAL = String.format("zap-%08x", new SecureRandom().nextInt());
    static final String SWEEP_SERIAL = "zap-0000a003";
    static final String TYPED_SERIAL = "zap-0000a004";
    static final List<String> OURS = List.of(MDNS_SERIAL, SWEEP_SERIAL, TYPED_SERIAL, "zap-deadbeef");

    @TempDir
    static Path dir;

    TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
    int port;
    InetAddress loopback;
    ZapSimulator announced;
    ZapSimulator swept;
    ZapSimulator typed;
    HttpServer printer;
    StubServer impostor;
    JmDNS printerMdns;
    DeadMdnsRecord dead;
    ZapDiscovery discovery;
    long startedNanos;
    final List<FoundZap> updates = new CopyOnWriteArrayList<>();
    final List<SubnetSweep.Progress> progress = new CopyOnWriteArrayList<>();
    final List<DiscoveryReport> reports = new CopyOnWriteArrayList<>();
    final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        // macOS holds only 127.0.0.1 (these skip there); the mDNS Zap needs multicast on loopback.
        LoopbackNetwork.assumeBindable("127.0.0.3", "127.0.0.4", "127.0.0.5");
        LoopbackNetwork.assumeMulticast();
        loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            port = s.getLocalPort();
        }
        announced = sim("127.0.0.1", MDNS_SERIAL, true);
        swept = sim("127.0.0.3", SWEEP_SERIAL, false);
        typed = sim("127.0.0.4", TYPED_SERIAL, false);
        printer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), port), 8);
        printer.createContext("/", ex -> {
            try (ex) {
                StubServer.send(ex, 200, "application/json", ex.getRequestURI().getPath().equals("/api/crypto")
                        ? "{\"serialNumber\":\"zap-deadbeef\"}" : "{\"uptime_seconds\":5,\"model\":\"LaserJet\"}");
            }
        });
        printer.start();
        impostor = StubServer.start();
        impostor.json("/api/system", 200, "{\"uptime_seconds\":5,\"model\":\"zap-like camera\"}");
        impostor.json("/api/crypto", 200, "{\"serialNumber\":\"zap-deadbeef\"}");
        toClose.add(impostor);
        printerMdns = JmDNS.create(loopback, "camera");
        printerMdns.registerService(ServiceInfo.create("_http._tcp.local.", "zap-deadbeef", impostor.baseUri().getPort(),
                "path=/"));
        dead = DeadMdnsRecord.announce(); // random serial: other processes share loopback mDNS
        toClose.add(dead);

        // Measure discovery against a Zap that has been up for a while: jmDNS answers queries only once its
        // announcing is over (about 5 s after start), and it answers zap.local from then on.
        long announcedBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ZapLocalLookup.lookup(List.of(loopback), Duration.ofMillis(300)).isEmpty()
                && System.nanoTime() < announcedBy) {
            Thread.sleep(10);
        }
        discovery = new ZapDiscovery(clock);
        startedNanos = System.nanoTime();
        discovery.start(new ZapDiscovery.Options(List.of(loopback), List.of(Subnet.parse("127.0.0.0/24")), port,
                List.of(), Optional.of(new RecentZaps(dir.resolve("recent-zaps.json"))), null,
                Duration.ofMillis(300)), listener(updates, progress, reports));
    }

    ZapSimulator sim(String address, String serial, boolean mdns) throws IOException {
        ZapSimulator s = ZapSimulator.builder().bindAddress(InetAddress.getByName(address)).port(port).serial(serial)
                .announceMdns(mdns).addDeviceDelay(Duration.ZERO).clock(clock).start();
        toClose.add(s);
        return s;
    }

    static ZapDiscovery.Listener listener(List<FoundZap> updates, List<SubnetSweep.Progress> progress,
                                          List<DiscoveryReport> reports) {
        return new ZapDiscovery.Listener() {
            @Override
            public void zapUpdated(FoundZap zap) {
                updates.add(zap);
            }

            @Override
            public void sweepProgress(SubnetSweep.Progress p) {
                progress.add(p);
            }

            @Override
            public void reportChanged(DiscoveryReport report) {
                reports.add(report);
            }
        };
    }

    @AfterAll
    void stop() throws Exception {
        // jmDNS closes slowly: close everything at once.
        List<Thread> closers = new ArrayList<>();
        List<AutoCloseable> all = new ArrayList<>(toClose);
        all.add(discovery);
        all.add(printerMdns);
        all.add(() -> printer.stop(0));
        for (AutoCloseable c : all) {
            if (c != null) {
                Thread t = new Thread(() -> {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // Best effort.
                    }
                });
                t.start();
                closers.add(t);
            }
        }
        for (Thread t : closers) {
            t.join(15_000);
        }
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }

    Optional<FoundZap> row(ZapDiscovery d, String serial) {
        return d.found().stream().filter(f -> f.serial().equals(serial)).findFirst();
    }

    URI uri(String address) {
        return URI.create("http://" + address + ":" + port + "/");
    }

    @Test
    @Order(1)
    void theAnnouncedZapIsFoundByMdnsAndTheAnnouncedNonZapIsRejected() throws Exception {
        // zap.local (asked at start) may confirm the same Zap first: wait for the mDNS source itself.
        await("mDNS finds 127.0.0.1", Duration.ofSeconds(12), () -> row(discovery, MDNS_SERIAL)
                .filter(f -> f.sources().contains(FoundZap.Source.MDNS)).isPresent());
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        System.out.println("[measure] first Zap confirmed through mDNS after " + ms + " ms");
        FoundZap z = row(discovery, MDNS_SERIAL).orElseThrow();
        assertThat(z.baseUri()).isEqualTo(uri("127.0.0.1"));
        assertThat(z.sources()).contains(FoundZap.Source.MDNS);
        assertThat(z.answering()).isTrue();

        await("the zap-deadbeef service is rejected", Duration.ofSeconds(12),
                () -> discovery.report().candidatesRejected() >= 1);
        assertThat(discovery.found()).extracting(FoundZap::serial).doesNotContain("zap-deadbeef");
        assertThat(updates).extracting(FoundZap::serial).doesNotContain("zap-deadbeef");
        DiscoveryReport r = discovery.report();
        assertThat(r.mdnsInterfaces()).containsExactly("127.0.0.1");
        assertThat(r.multicastSent()).isTrue();
        assertThat(r.sweepRunning()).isFalse();
        assertThat(r.sweptSubnets()).as("no automatic sweep configured").isEmpty();
        // The sweep-only Zap is not announced: nothing found it yet.
        assertThat(row(discovery, SWEEP_SERIAL)).isEmpty();
    }

    Optional<DiscoveryReport.UnansweredMdns> deadRecord(DiscoveryReport r) {
        return r.unansweredMdns().stream().filter(u -> u.instanceName().equals(dead.instanceName())).findFirst();
    }

    @Test
    @Order(1)
    void aZapLookingMdnsRecordWithNothingBehindItIsReportedNotDroppedAndFoundOnceItAnswers() throws Exception {
        // What the listener (the Find step) is told, not only what report() would say.
        await("the dead record is reported", Duration.ofSeconds(12),
                () -> reports.stream().anyMatch(r -> deadRecord(r).isPresent()));
        DiscoveryReport.UnansweredMdns record = deadRecord(discovery.report()).orElseThrow();
        assertThat(record.address()).isEqualTo("127.0.0.1:" + dead.port());
        assertThat(record.problem()).isEqualTo(ZapException.Kind.UNREACHABLE);
        assertThat(discovery.found()).extracting(FoundZap::serial).doesNotContain(dead.serial());
        assertThat(discovery.report().candidatesRejected()).as("nothing answered: not a rejection")
                .isLessThanOrEqualTo(2);

        // The Zap comes up at that address: a re-check finds it under its mDNS name, and the report forgets the record.
        try (ZapSimulator late = ZapSimulator.builder().bindAddress(loopback).port(dead.port()).serial(dead.serial())
                .addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            await("found once something answers", Duration.ofSeconds(5), () -> row(discovery, dead.serial())
                    .filter(f -> f.sources().contains(FoundZap.Source.MDNS)).isPresent());
            assertThat(row(discovery, dead.serial()).orElseThrow().baseUri()).isEqualTo(late.baseUri().resolve("/"));
            assertThat(deadRecord(discovery.report())).isEmpty();
        }
    }

    @Test
    @Order(2)
    void aTypedZapIsListedAndTheSameZapTypedAgainIsOneRowWithBothSources() throws Exception {
        FoundZap t = discovery.confirm(uri("127.0.0.4"), FoundZap.Source.TYPED);
        assertThat(t.serial()).isEqualTo(TYPED_SERIAL);
        assertThat(t.sources()).containsExactly(FoundZap.Source.TYPED);

        FoundZap both = discovery.confirm(uri("127.0.0.1"), FoundZap.Source.TYPED);
        assertThat(both.serial()).isEqualTo(MDNS_SERIAL);
        assertThat(both.sources()).contains(FoundZap.Source.MDNS, FoundZap.Source.TYPED);
        assertThat(discovery.found()).filteredOn(f -> f.serial().equals(MDNS_SERIAL)).containsExactly(both);

        ZapException e = catchThrowableOfType(ZapException.class,
                () -> discovery.confirm(uri("127.0.0.5"), FoundZap.Source.TYPED));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
        assertThat(discovery.report().candidatesRejected()).as("the impostor and the printer").isEqualTo(2);
        catchThrowableOfType(ZapException.class, () -> discovery.confirm(uri("127.0.0.5"), FoundZap.Source.TYPED));
        assertThat(discovery.report().candidatesRejected()).as("an address counts once").isEqualTo(2);
    }

    @Test
    @Order(3)
    void theSweepOfTheLoopbackSlash24FindsTheUnannouncedZap() throws Exception {
        long t0 = System.nanoTime();
        discovery.sweepNow();
        discovery.sweepNow(); // no-op while running
        assertThat(discovery.report().sweepRunning()).isTrue();
        assertThat(discovery.report().addressesToProbe()).isEqualTo(254);
        await("the sweep ends", Duration.ofSeconds(20), () -> !discovery.report().sweepRunning());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // The discovery's state changes before its listener is told: the last report may still be on its way (a CI
        // run once asserted while it was).
        await("the listener hears the sweep end", Duration.ofSeconds(5),
                () -> !reports.isEmpty() && !reports.get(reports.size() - 1).sweepRunning());
        System.out.println("[measure] sweep of 127.0.0.0/24 took " + ms + " ms");
        DiscoveryReport r = discovery.report();
        assertThat(r.sweptSubnets()).containsExactly("127.0.0.0/24");
        assertThat(r.addressesProbed()).isEqualTo(254);
        assertThat(r.candidatesRejected()).as("the sweep met the printer again").isEqualTo(2);
        assertThat(progress).last().isEqualTo(new SubnetSweep.Progress(254, 254));
        assertThat(progress).extracting(SubnetSweep.Progress::probed).isSorted();
        assertThat(reports).last().satisfies(last -> {
            assertThat(last.sweepRunning()).isFalse();
            assertThat(last.addressesProbed()).isEqualTo(254);
        });

        FoundZap s = row(discovery, SWEEP_SERIAL).orElseThrow();
        assertThat(s.baseUri()).isEqualTo(uri("127.0.0.3"));
        assertThat(s.sources()).containsExactly(FoundZap.Source.SWEEP);
        // A confirmed Zap is not asked again by the sweep (a gateway serves one request at a time): one row each,
        // found as before.
        assertThat(row(discovery, MDNS_SERIAL).orElseThrow().sources())
                .contains(FoundZap.Source.MDNS, FoundZap.Source.TYPED).doesNotContain(FoundZap.Source.SWEEP);
        assertThat(row(discovery, TYPED_SERIAL).orElseThrow().sources())
                .containsExactly(FoundZap.Source.TYPED);
        assertThat(discovery.found()).extracting(FoundZap::serial).filteredOn(OURS::contains)
                .containsExactlyInAnyOrder(MDNS_SERIAL, SWEEP_SERIAL, TYPED_SERIAL);
    }

    @Test
    @Order(4)
    void aZapThatGoesSilentGreysOutAndComesBack() throws Exception {
        swept.close();
        await("the silent Zap is reported as not answering", Duration.ofSeconds(5),
                () -> updates.stream().anyMatch(u -> u.serial().equals(SWEEP_SERIAL) && !u.answering()));
        FoundZap silent = row(discovery, SWEEP_SERIAL).orElseThrow();
        assertThat(silent.answering()).isFalse();
        assertThat(row(discovery, MDNS_SERIAL).orElseThrow().answering()).isTrue();

        swept = sim("127.0.0.3", SWEEP_SERIAL, false);
        // The listener hears of it just after the row changes: wait for what the listener heard.
        await("it answers again", Duration.ofSeconds(5), () -> updates.stream()
                .filter(u -> u.serial().equals(SWEEP_SERIAL)).reduce((a, b) -> b).map(FoundZap::answering).orElse(false));
        assertThat(row(discovery, SWEEP_SERIAL).orElseThrow().answering()).isTrue();
        assertThat(updates).filteredOn(u -> u.serial().equals(SWEEP_SERIAL)).last()
                .extracting(FoundZap::answering).isEqualTo(true);
    }

    @Test
    @Order(5)
    void aSweepCanBeCancelled() throws Exception {
        discovery.sweepNow();
        discovery.cancelSweep();
        await("the cancelled sweep stops", Duration.ofSeconds(3), () -> !discovery.report().sweepRunning());
        assertThat(discovery.report().addressesProbed()).isLessThanOrEqualTo(254);
    }

    @Test
    @Order(6)
    void withoutMdnsTheAutomaticSweepFindsThemAndTheyAreRememberedForNextTime() throws Exception {
        List<FoundZap> seen = new CopyOnWriteArrayList<>();
        List<DiscoveryReport> seenReports = new CopyOnWriteArrayList<>();
        RecentZaps recent = new RecentZaps(dir.resolve("recent-zaps.json"));
        assertThat(recent.load()).extracting(RecentZaps.Entry::serial)
                .contains(MDNS_SERIAL, SWEEP_SERIAL, TYPED_SERIAL).doesNotContain("zap-deadbeef");
        try (ZapDiscovery noMulticast = new ZapDiscovery(clock)) {
            noMulticast.start(new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.0/24")), port,
                    List.of(), Optional.empty(), Duration.ofMillis(200), null),
                    listener(seen, new ArrayList<>(), seenReports));
            await("the automatic sweep finds all three", Duration.ofSeconds(20),
                    () -> List.of(MDNS_SERIAL, SWEEP_SERIAL, TYPED_SERIAL).stream()
                            .allMatch(s -> row(noMulticast, s).isPresent()));
            assertThat(noMulticast.found()).filteredOn(f -> OURS.contains(f.serial()))
                    .allMatch(f -> f.sources().equals(Set.of(FoundZap.Source.SWEEP)));
            await("the sweep ends", Duration.ofSeconds(20), () -> !noMulticast.report().sweepRunning());
            DiscoveryReport r = noMulticast.report();
            assertThat(r.multicastSent()).isFalse();
            assertThat(r.mdnsInterfaces()).isEmpty();
            assertThat(r.sweptSubnets()).containsExactly("127.0.0.0/24");
            assertThat(r.candidatesRejected()).isEqualTo(1);
        }

        List<FoundZap> again = new CopyOnWriteArrayList<>();
        try (ZapDiscovery remembered = new ZapDiscovery(clock)) {
            remembered.start(new ZapDiscovery.Options(List.of(), List.of(), port, List.of(), Optional.of(recent), null,
                    null), listener(again, new ArrayList<>(), new ArrayList<>()));
            await("remembered Zaps are re-checked at start", Duration.ofSeconds(10),
                    () -> row(remembered, TYPED_SERIAL).isPresent() && row(remembered, SWEEP_SERIAL).isPresent());
            assertThat(row(remembered, TYPED_SERIAL).orElseThrow().sources()).containsExactly(FoundZap.Source.RECENT);
        }
    }

    @Test
    @Order(7)
    void nothingFoundSaysWhatWasTried() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            closed = s.getLocalPort();
        }
        List<DiscoveryReport> seenReports = new CopyOnWriteArrayList<>();
        long threadsBefore = discoveryThreads();
        try (ZapDiscovery empty = new ZapDiscovery(clock)) {
            empty.start(new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.8/30")), closed,
                    List.of(), Optional.empty(), Duration.ZERO, null), listener(new ArrayList<>(), new ArrayList<>(),
                    seenReports));
            await("the sweep and zap.local are done", Duration.ofSeconds(10), () -> {
                DiscoveryReport r = empty.report();
                return r.zapLocalAnswered().isPresent() && r.addressesProbed() == 2 && !r.sweepRunning();
            });
            DiscoveryReport r = empty.report();
            assertThat(empty.found()).isEmpty();
            assertThat(r.sweptSubnets()).containsExactly("127.0.0.8/30");
            assertThat(r.addressesToProbe()).isEqualTo(2);
            assertThat(r.multicastSent()).isFalse();
            assertThat(r.candidatesRejected()).isZero();
            assertThat(seenReports).isNotEmpty();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (discoveryThreads() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(discoveryThreads()).as("threads left by a closed discovery").isLessThanOrEqualTo(threadsBefore);
    }

    /** Threads of this package's executors (the scenario's own discovery is still open and holds some). */
    static long discoveryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("zap-sweep") || t.getName().startsWith("zap-confirm")
                        || t.getName().startsWith("zap-discovery-timer"))
                .count();
    }
}
