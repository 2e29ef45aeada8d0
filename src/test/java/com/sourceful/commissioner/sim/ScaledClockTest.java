package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;

import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;

class ScaledClockTest {

    @Test
    void runsScaleTimesFasterFromWhenItWasMade() {
        TestClock base = TestClock.atNoon();
        long start = base.millis();
        ScaledClock clock = new ScaledClock(base, 10);
        assertThat(clock.millis()).isEqualTo(start);
        base.advance(Duration.ofMillis(1500));
        assertThat(clock.millis()).isEqualTo(start + 15_000);
        assertThat(clock.instant().toEpochMilli()).isEqualTo(start + 15_000);
        assertThat(clock.withZone(ZoneId.of("Europe/Stockholm")).millis()).as("same time in another zone")
                .isEqualTo(start + 15_000);
        assertThatThrownBy(() -> new ScaledClock(base, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
