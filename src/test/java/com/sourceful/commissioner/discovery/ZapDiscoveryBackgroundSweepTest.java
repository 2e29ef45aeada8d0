package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;

/**
 * A site with several Zaps where one does not announce itself: once some Zap is confirmed, the subnet is still swept
 * once, without asking a confirmed Zap again; re-checks carry a changed device count into the list. Loopback only:
 * the Zaps listen on 127.0.0.9 and 127.0.0.10, and the sweep covers 127.0.0.8/29 on their port.
 */
class ZapDiscoveryBackgroundSweepTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));

    private ZapSimulator sim(String address, String serial, int port) throws Exception {
        return ZapSimulator.builder().bindAddress(InetAddress.getByName(address)).port(port).serial(serial)
                .addDeviceDelay(Duration.ZERO).clock(clock).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void afterAZapIsFoundTheSubnetIsStillSweptOnceAndTheFoundZapIsNotAskedAgain() throws Exception {
        LoopbackNetwork.assumeBindable("127.0.0.9", "127.0.0.10");
        int port = freePort();
        try (ZapSimulator known = sim("127.0.0.9", "zap-0000a009", port);
             ZapSimulator silent = sim("127.0.0.10", "zap-0000a010", port)) {
            ZapDiscovery discovery = new ZapDiscovery(clock);
            List<DiscoveryReport> reports = new CopyOnWriteArrayList<>();
            try {
                discovery.start(new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.8/29")), port,
                        List.of(known.baseUri()), Optional.empty(), Duration.ofMillis(300), null),
                        new ZapDiscovery.Listener() {
                            @Override
                            public void zapUpdated(FoundZap zap) {
                            }

                            @Override
                            public void reportChanged(DiscoveryReport report) {
                                reports.add(report);
                            }
                        });
                ZapDiscoveryScenarioTest.await("the unannounced Zap is found by the background sweep",
                        Duration.ofSeconds(20), () -> discovery.found().size() == 2);
                ZapDiscoveryScenarioTest.await("the sweep ends", Duration.ofSeconds(20),
                        () -> !discovery.report().sweepRunning() && discovery.report().addressesProbed() > 0);
                assertThat(discovery.found()).extracting(FoundZap::serial)
                        .containsExactlyInAnyOrder("zap-0000a009", "zap-0000a010");
                assertThat(discovery.report().sweptSubnets()).containsExactly("127.0.0.8/29");
                assertThat(reports).as("swept once").filteredOn(DiscoveryReport::sweepRunning).isNotEmpty();
                Map<String, Long> asked = known.requestStats().byRequest();
                assertThat(asked.get("GET /api/system")).as("the known Zap is confirmed once, not swept again")
                        .isEqualTo(1L);
            } finally {
                discovery.stop();
            }
        }
    }

    @Test
    void aRecheckCarriesTheNewDeviceCountIntoTheList() throws Exception {
        LoopbackNetwork.assumeBindable("127.0.0.11");
        int port = freePort();
        try (ZapSimulator zap = sim("127.0.0.11", "zap-0000a011", port)) {
            ZapDiscovery discovery = new ZapDiscovery(clock);
            List<FoundZap> updates = new CopyOnWriteArrayList<>();
            try {
                discovery.start(new ZapDiscovery.Options(List.of(), List.of(), port, List.of(zap.baseUri()),
                        Optional.empty(), null, null), updates::add);
                ZapDiscoveryScenarioTest.await("the Zap is confirmed", Duration.ofSeconds(10),
                        () -> discovery.found().size() == 1);
                assertThat(discovery.found().get(0).deviceCount()).isZero();
                try (ZapClient client = new ZapClient(zap.baseUri())) {
                    client.addDevice(DeviceConfig.of("p1_uart", Map.of()));
                }
                discovery.pauseRechecks(false); // what entering Find again does: re-check every listed Zap now
                // The list changes before the listener hears of it: wait for the listener, then look at the list.
                ZapDiscoveryScenarioTest.await("the listener hears of one device", Duration.ofSeconds(10),
                        () -> !updates.isEmpty() && updates.get(updates.size() - 1).deviceCount() == 1);
                assertThat(discovery.found()).singleElement().extracting(FoundZap::deviceCount).isEqualTo(1);
            } finally {
                discovery.stop();
            }
        }
    }
}
