package com.sourceful.commissioner.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.RealPeers;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jmDNS (our browser) against a responder that is not jmDNS: python-zeroconf (Debian's {@code python3-zeroconf}, or
 * pip's), announcing a simulated Zap on 127.0.0.1. The simulator itself does not announce, so only the Python
 * responder can make the Zap visible over mDNS. Without python-zeroconf it is skipped with the reason, or fails
 * where {@code ZAP_REQUIRE_PEERS=1} (CI, which installs it); so it is where multicast on loopback does not work.
 */
class ZeroconfInteropTest {

    static final Duration FIND_WITHIN = Duration.ofSeconds(10);

    final TestClock clock = TestClock.atNoon();
    List<String> python;
    InetAddress loopback;
    ZapSimulator sim;
    Process announcer;
    ZapDiscovery discovery;

    @BeforeEach
    void startSimulatorWithoutMdns() throws Exception {
        python = RealPeers.python(RealPeers.PythonPeer.ZEROCONF);
        LoopbackNetwork.assumeMulticast();
        loopback = InetAddress.getByName("127.0.0.1");
        sim = ZapSimulator.builder().bindAddress(loopback).port(0).announceMdns(false).addDeviceDelay(Duration.ZERO)
                .clock(clock).start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (announcer != null) {
            announcer.getOutputStream().close(); // the script leaves (with goodbyes) when stdin closes
            if (!announcer.waitFor(5, TimeUnit.SECONDS)) {
                announcer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (discovery != null) {
            discovery.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aZapAnnouncedByPythonZeroconfBeforeBrowsingIsFoundByMdns() throws Exception {
        announcer = announce(sim.mdnsInstanceName(), sim.port());
        discovery = new ZapDiscovery(clock);
        discovery.start(mdnsOnLoopback(), zap -> { });

        assertFoundByMdns();
    }

    @Test
    void aZapAnnouncedByPythonZeroconfWhileBrowsingIsFoundByMdns() throws Exception {
        discovery = new ZapDiscovery(clock);
        discovery.start(mdnsOnLoopback(), zap -> { });
        Thread.sleep(1500); // let jmDNS settle, so the announcement arrives while it browses
        announcer = announce(sim.mdnsInstanceName(), sim.port());

        assertFoundByMdns();
    }

    ZapDiscovery.Options mdnsOnLoopback() {
        return new ZapDiscovery.Options(List.of(loopback), List.of(), sim.port(), List.of(), Optional.empty(), null,
                Duration.ofSeconds(5));
    }

    void assertFoundByMdns() throws InterruptedException {
        long deadline = System.nanoTime() + FIND_WITHIN.toNanos();
        Optional<FoundZap> zap = Optional.empty();
        while (System.nanoTime() < deadline) {
            zap = discovery.found().stream().filter(z -> z.serial().equals(sim.serial())).findFirst();
            if (zap.isPresent() && zap.get().sources().contains(FoundZap.Source.MDNS)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(zap).as("Zap %s announced by python3-zeroconf as %s at %s, found within %s; report %s",
                sim.serial(), sim.mdnsInstanceName(), sim.baseUri(), FIND_WITHIN, discovery.report()).isPresent();
        // Only MDNS proves the point; ZAP_LOCAL may join it when another responder on loopback (a demo app running
        // beside the tests) answers zap.local with 127.0.0.1.
        assertThat(zap.get().sources()).contains(FoundZap.Source.MDNS);
        assertThat(zap.get().baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(zap.get().baseUri().getPort()).isEqualTo(sim.port());
        assertThat(zap.get().answering()).isTrue();
    }

    /** Starts announce_zap.py and waits for its "ready". */
    Process announce(String name, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(python);
        command.addAll(List.of(script().toString(), name, String.valueOf(port), "127.0.0.1"));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (!"ready".equals(line)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail("announce_zap.py did not say 'ready' (said " + line + ", exit "
                    + (p.isAlive() ? "still running" : p.exitValue()) + ")");
        }
        return p;
    }

    static Path script() {
        try {
            return Path.of(ZeroconfInteropTest.class.getResource("/mdns/announce_zap.py").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("mdns/announce_zap.py is not on the test class path", e);
        }
    }
}
