package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A zap.local query refused with "No route to host" (macOS Local Network privacy) reaches the discovery report. */
class MulticastNoRouteReportTest {

    @Test
    void aRefusedQueryIsToldOnlyForNoRouteToHost() {
        AtomicInteger told = new AtomicInteger();
        ZapLocalLookup.tellIfNoRoute(new NoRouteToHostException("No route to host"), told::incrementAndGet);
        ZapLocalLookup.tellIfNoRoute(new SocketException("No route to host (sendto failed)"), told::incrementAndGet);
        assertThat(told).hasValue(2);
        ZapLocalLookup.tellIfNoRoute(new ConnectException("Connection refused"), told::incrementAndGet);
        ZapLocalLookup.tellIfNoRoute(new SocketException("Network is unreachable"), told::incrementAndGet);
        assertThat(told).hasValue(2);
    }

    @Test
    void theReportSaysAQueryWasRefused() throws InterruptedException {
        List<DiscoveryReport> reports = new CopyOnWriteArrayList<>();
        // No interfaces, no sweep: only the (stand-in) zap.local lookup runs; it is refused at once.
        ZapDiscovery.Options options = new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(), Optional.empty(),
                null, null);
        try (ZapDiscovery refused = new ZapDiscovery(Clock.systemUTC(), (interfaces, timeout, noRoute) -> {
            noRoute.run();
            return List.of();
        })) {
            refused.start(options, new ZapDiscovery.Listener() {
                @Override
                public void zapUpdated(FoundZap zap) {
                }

                @Override
                public void reportChanged(DiscoveryReport report) {
                    reports.add(report);
                }
            });
            ZapDiscoveryScenarioTest.await("the zap.local lookup is over", Duration.ofSeconds(10),
                    () -> reports.stream().anyMatch(r -> r.zapLocalAnswered().isPresent()));
            assertThat(reports.get(reports.size() - 1).multicastNoRoute()).as("as the listener was told").isTrue();
            assertThat(refused.report().multicastNoRoute()).isTrue();
        }
        try (ZapDiscovery answered = new ZapDiscovery(Clock.systemUTC(), (interfaces, timeout, noRoute) -> List.of())) {
            answered.start(options, zap -> { });
            ZapDiscoveryScenarioTest.await("the zap.local lookup is over", Duration.ofSeconds(10),
                    () -> answered.report().zapLocalAnswered().isPresent());
            assertThat(answered.report().multicastNoRoute()).isFalse();
        }
    }
}
