package com.sourceful.commissioner.sim;

import org.junit.jupiter.api.Test;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The mDNS announcement is resolvable by a separate jmDNS instance on the loopback interface. */
class ZapSimulatorMdnsTest {

    @Test
    void announcementIsResolvable() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ZapSimulator sim = ZapSimulator.builder().bindAddress(loopback).serial("zap-0a1b2c3d")
                .announceMdns(true).addDeviceDelay(Duration.ZERO).start();
        JmDNS browser = JmDNS.create(loopback, "commissioner-test");
        try {
            assertThat(sim.mdnsInstanceName()).isEqualTo("zap-0a1b2c3d");
            ServiceInfo found = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            // SRV and TXT answers may arrive separately: wait until both are resolved.
            while (System.nanoTime() < deadline
                    && (found == null || found.getPort() <= 0 || found.getPropertyString("path") == null)) {
                ServiceInfo info = browser.getServiceInfo("_http._tcp.local.", "zap-0a1b2c3d", 500);
                if (info != null) {
                    found = info;
                }
            }
            assertThat(found).as("zap-0a1b2c3d._http._tcp.local. resolved").isNotNull();
            assertThat(found.getPort()).isEqualTo(sim.port());
            assertThat(found.getName()).isEqualTo("zap-0a1b2c3d");
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
