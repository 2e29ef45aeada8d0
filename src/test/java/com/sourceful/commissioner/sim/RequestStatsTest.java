package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * In flight is what reached the simulated Zap and is not answered yet — also a request waiting while its one thread
 * serves another, which is what a second concurrent client causes on a real ESP32.
 */
class RequestStatsTest {

    @Test
    void aRequestWaitingBehindASlowOneCountsAsInFlight() throws Exception {
        try (ZapSimulator sim = ZapSimulator.builder().addDeviceDelay(Duration.ofMillis(600)).start()) {
            RequestStats stats = sim.requestStats();
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                    () -> Http.addDevice(sim.baseUri(), ZapSimulatorTest.SUNGROW));
            Thread.sleep(200); // the add is being served, for 600 ms
            assertThat(Http.get(sim.baseUri(), "/api/system").status()).isEqualTo(200);
            slow.get();
            assertThat(stats.total()).isEqualTo(2);
            assertThat(stats.maxInFlight()).as("the GET waited behind the add").isEqualTo(2);

            stats.reset();
            Http.get(sim.baseUri(), "/api/system");
            Http.get(sim.baseUri(), "/api/crypto");
            assertThat(stats.maxInFlight()).as("one after the other").isEqualTo(1);
        }
    }
}
