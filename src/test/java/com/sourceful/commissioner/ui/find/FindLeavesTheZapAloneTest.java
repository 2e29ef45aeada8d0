package com.sourceful.commissioner.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.RequestStats;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;

import org.junit.jupiter.api.Test;

/**
 * Once the technician moves on from the Find step, the Zaps listed there are not asked again until they come back:
 * the chosen Zap's gateway serves one request at a time, and the next steps poll it themselves.
 */
class FindLeavesTheZapAloneTest {

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void leavingTheStepPausesTheRechecksAndComingBackResumesThem() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        try (ZapSimulator sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            RequestStats stats = sim.requestStats();
            AppConfig config = new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(), sim.port(),
                    List.of(sim.baseUri()), Optional.empty(), null, Duration.ofMillis(50)), Optional.empty(),
                    Optional.empty());
            FindViewModel find = new FindViewModel(Tasks.currentThread(), config, new CommissioningSession(),
                    () -> new ZapDiscovery(clock));
            find.enter();
            waitUntil(() -> find.zaps().size() == 1 && stats.total() >= 6);

            find.leave();
            Thread.sleep(200);
            stats.reset();
            Thread.sleep(400);
            assertThat(stats.total()).as("nothing asked from the other steps").isZero();

            find.enter();
            waitUntil(() -> stats.total() >= 2);
            find.shutdown();
        }
    }
}
