package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.sourceful.commissioner.sim.RequestStats;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;

/** Rechecks of confirmed Zaps stop while paused (the Zap is being worked with) and start again at once on resume. */
class ZapDiscoveryRecheckPauseTest {

    static void waitUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within " + limit).isTrue();
    }

    @Test
    void pausedRechecksLeaveTheZapAlone() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        try (ZapSimulator sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
             ZapDiscovery discovery = new ZapDiscovery(clock)) {
            RequestStats stats = sim.requestStats();
            discovery.start(new ZapDiscovery.Options(List.of(), List.of(), sim.port(), List.of(sim.baseUri()),
                    Optional.empty(), null, Duration.ofMillis(50)), zap -> { });
            waitUntil(() -> stats.total() >= 6, Duration.ofSeconds(10)); // confirmed, then rechecked

            discovery.pauseRechecks(true);
            Thread.sleep(200); // a recheck already running ends
            stats.reset();
            Thread.sleep(400); // eight recheck periods
            assertThat(stats.total()).as("nothing asked while paused").isZero();

            discovery.pauseRechecks(false);
            waitUntil(() -> stats.total() >= 2, Duration.ofSeconds(2));
        }
    }
}
