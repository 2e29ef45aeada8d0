package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import com.sourceful.commissioner.testsupport.LoopbackNetwork;

import org.junit.jupiter.api.Test;

/** The mDNS announcement is resolvable by a separate jmDNS instance on the loopback interface. */
class ZapSimulatorMdnsTest {

    @Test
    void announcementIsResolvable() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // Loopback mDNS is shared by every process on this machine (other test runs too): a name of our own.
        String serial = String.format("zap-%08x", new SecureRandom().nextInt());
        String name = serial;
        ZapSimulator sim = ZapSimulator.builder().bindAddress(loopback).serial(serial)
                .announceMdns(true).addDeviceDelay(Duration.ZERO).start();
        JmDNS browser = JmDNS.create(loopback, "commissioner-test");
        try {
            assertThat(sim.mdnsInstanceName()).isEqualTo(name);
            ServiceInfo found = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            // SRV and TXT answers may arrive separately: wait until both are resolved.
            while (System.nanoTime() < deadline
                    && (found == null || found.getPort() <= 0 || found.getPropertyString("path") == null)) {
                ServiceInfo info = browser.getServiceInfo("_http._tcp.local.", name, 500);
                if (info != null) {
                    found = info;
                }
            }
            assertThat(found).as(name + "._http._tcp.local. resolved").isNotNull();
            assertThat(found.getPort()).isEqualTo(sim.port());
            assertThat(found.getName()).isEqualTo(name);
            assertThat(found.getPropertyString("path")).isEqualTo("/api/");
        } finally {
            // jmDNS close takes seconds (goodbye packets); do it off the test thread.
            Thread closer = new Thread(() -> {
                sim.close();
                try {
                    browser.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }, "mdns-test-close");
            closer.setDaemon(true);
            closer.start();
        }
    }
}
