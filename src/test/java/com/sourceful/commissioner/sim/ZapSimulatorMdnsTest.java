package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

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
            closeLater(sim, browser);
        }
    }

    /** A rebooting Zap's responder restarts with it: its record goes while it is down and comes back after. */
    @Test
    void aRebootWithdrawsTheAnnouncementAndAnnouncesAgain() throws Exception {
        LoopbackNetwork.assumeMulticast();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        String serial = String.format("zap-%08x", new SecureRandom().nextInt());
        ZapSimulator sim = ZapSimulator.builder().bindAddress(loopback).serial(serial).announceMdns(true)
                .rebootTimes(Duration.ofMillis(200), Duration.ofSeconds(4)).start();
        JmDNS browser = JmDNS.create(loopback, "commissioner-test");
        CountDownLatch resolved = new CountDownLatch(1);
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch resolvedAgain = new CountDownLatch(1);
        AtomicBoolean wasRemoved = new AtomicBoolean();
        try {
            browser.addServiceListener(ZapSimulator.MDNS_TYPE, new ServiceListener() {
                @Override
                public void serviceAdded(ServiceEvent event) {
                    if (event.getName().equals(serial)) {
                        event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1000);
                    }
                }

                @Override
                public void serviceRemoved(ServiceEvent event) {
                    if (event.getName().equals(serial)) {
                        wasRemoved.set(true);
                        removed.countDown();
                    }
                }

                @Override
                public void serviceResolved(ServiceEvent event) {
                    if (event.getName().equals(serial)) {
                        (wasRemoved.get() ? resolvedAgain : resolved).countDown();
                    }
                }
            });
            assertThat(resolved.await(15, TimeUnit.SECONDS)).as("announced").isTrue();

            assertThat(Http.post(sim.baseUri(), "/api/system/reboot", null).status()).isEqualTo(200);

            assertThat(removed.await(8, TimeUnit.SECONDS)).as("withdrawn while it reboots").isTrue();
            assertThat(resolvedAgain.await(15, TimeUnit.SECONDS)).as("announced again once back").isTrue();
        } finally {
            closeLater(sim, browser);
        }
    }

    /** jmDNS close takes seconds (goodbye packets): done off the test thread. */
    private static void closeLater(ZapSimulator sim, JmDNS browser) {
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
