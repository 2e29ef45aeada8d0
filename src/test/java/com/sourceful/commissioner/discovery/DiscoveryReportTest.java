package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When discovery has tried everything, so that an empty list is explained instead of waited on. */
class DiscoveryReportTest {

    private static DiscoveryReport report(Optional<Boolean> zapLocalAnswered, List<String> swept, int probed,
                                          int toProbe, boolean sweepRunning) {
        return new DiscoveryReport(List.of("127.0.0.1"), true, zapLocalAnswered, swept, probed, toProbe,
                sweepRunning, 0);
    }

    @Test
    void withoutASweep_everythingIsTriedOnceZapLocalWasAsked() {
        assertThat(report(Optional.empty(), List.of(), 0, 0, false).triedEverything()).isFalse();
        assertThat(report(Optional.of(false), List.of(), 0, 0, false).triedEverything()).isTrue();
        assertThat(report(Optional.of(true), List.of(), 0, 0, false).triedEverything()).isTrue();
    }

    @Test
    void withASweep_everythingIsTriedOnlyOnceEveryAddressWasProbed() {
        List<String> subnet = List.of("127.0.0.0/24");
        assertThat(report(Optional.of(false), subnet, 0, 0, false).triedEverything()).as("not begun").isFalse();
        assertThat(report(Optional.of(false), subnet, 100, 254, true).triedEverything()).as("running").isFalse();
        assertThat(report(Optional.of(false), subnet, 100, 254, false).triedEverything()).as("cancelled").isFalse();
        assertThat(report(Optional.of(false), subnet, 254, 254, true).triedEverything()).as("finishing").isFalse();
        assertThat(report(Optional.of(false), subnet, 254, 254, false).triedEverything()).isTrue();
        assertThat(report(Optional.empty(), subnet, 254, 254, false).triedEverything()).as("zap.local pending")
                .isFalse();
    }
}
