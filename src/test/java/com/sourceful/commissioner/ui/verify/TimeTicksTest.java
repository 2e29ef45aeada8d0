package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TimeTicksTest {

    @Test
    void aFewSecondsOfDataGetFiveSecondTicks() {
        TimeTicks.Range r = TimeTicks.of(0, 3 / 60.0);
        assertThat(r.step()).isCloseTo(5 / 60.0, within(1e-12));
        assertThat(r.lower()).isZero();
        assertThat(r.upper()).isCloseTo(5 / 60.0, within(1e-12));
    }

    @Test
    void fiveMinutesGetOneMinuteTicksAndAnHourTenMinuteTicks() {
        assertThat(TimeTicks.of(12.3, 17.3)).isEqualTo(new TimeTicks.Range(12, 18, 1));
        assertThat(TimeTicks.of(0, 60)).isEqualTo(new TimeTicks.Range(0, 60, 10));
        assertThat(TimeTicks.of(0, 8 * 60)).isEqualTo(new TimeTicks.Range(0, 480, 60));
    }

    @Test
    void everyRangeCoversItsDataInAtMostEightRoundSteps() {
        Random random = new Random(8);
        for (int i = 0; i < 10_000; i++) {
            double from = random.nextDouble() * 600;
            double to = from + random.nextDouble() * Math.pow(10, random.nextInt(5) - 2);
            TimeTicks.Range r = TimeTicks.of(from, to);
            assertThat(r.lower()).isLessThanOrEqualTo(from + 1e-9);
            assertThat(r.upper()).isGreaterThanOrEqualTo(to - 1e-9);
            assertThat((r.upper() - r.lower()) / r.step()).isLessThanOrEqualTo(8 + 1e-6);
            assertThat(TimeTicks.STEPS).contains(r.step());
            // Every tick falls on a whole second, so no two labels read the same.
            double ticks = (r.upper() - r.lower()) / r.step();
            for (int t = 0; t <= Math.round(ticks); t++) {
                double seconds = (r.lower() + t * r.step()) * 60;
                assertThat(seconds).isCloseTo(Math.rint(seconds), within(1e-6));
            }
        }
    }

    @Test
    void labelsReadAsClockTime() {
        assertThat(TimeTicks.label(0)).isEqualTo("0:00");
        assertThat(TimeTicks.label(5 / 60.0)).isEqualTo("0:05");
        assertThat(TimeTicks.label(12.5)).isEqualTo("12:30");
        assertThat(TimeTicks.label(65)).isEqualTo("1:05:00");
        assertThat(TimeTicks.label(-0.001)).isEqualTo("0:00");
    }
}
