package com.sourceful.commissioner.telemetry;

import com.sourceful.commissioner.telemetry.SeriesStore.Point;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesStoreTest {

    @Test
    void emptyStore() {
        SeriesStore s = new SeriesStore();
        assertThat(s.ders()).isEmpty();
        assertThat(s.size("pv")).isZero();
        assertThat(s.firstTimestamp()).isEqualTo(OptionalLong.empty());
        assertThat(s.lastTimestamp()).isEqualTo(OptionalLong.empty());
        assertThat(s.window("pv", 0, Long.MAX_VALUE, 100)).isEmpty();
    }

    @Test
    void ignoresRepeatedAndOlderTimestampsAndNonFiniteValues() {
        SeriesStore s = new SeriesStore();
        assertThat(s.add("meter", 1000, 10)).isTrue();
        assertThat(s.add("meter", 1000, 99)).isFalse();
        assertThat(s.add("meter", 999, 99)).isFalse();
        assertThat(s.add("meter", 2000, Double.NaN)).isFalse();
        assertThat(s.add("meter", 2000, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(s.add("meter", 2000, 20)).isTrue();
        assertThat(s.size("meter")).isEqualTo(2);
        assertThat(s.window("meter", 0, 5000, 10)).containsExactly(new Point(1000, 10), new Point(2000, 20));
        // another DER has its own last timestamp
        assertThat(s.add("pv", 1000, -300.5)).isTrue();
        assertThat(s.window("pv", 1000, 1000, 10)).containsExactly(new Point(1000, -300.5));
    }

    @Test
    void dersAndFirstLastOverAllDers() {
        SeriesStore s = new SeriesStore();
        s.add("pv", 5000, 1);
        s.add("meter", 3000, 1);
        s.add("meter", 9000, 1);
        s.add("battery", 4000, 1);
        assertThat(s.ders()).containsExactly("pv", "meter", "battery");
        assertThat(s.firstTimestamp()).hasValue(3000);
        assertThat(s.lastTimestamp()).hasValue(9000);
        s.clear();
        assertThat(s.ders()).isEmpty();
        assertThat(s.lastTimestamp()).isEmpty();
        assertThat(s.add("pv", 1, 1)).as("after clear, older timestamps are accepted again").isTrue();
    }

    @Test
    void windowBoundsAreInclusive() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < 100; i++) {
            s.add("pv", i * 1000L, i);
        }
        List<Point> w = s.window("pv", 10_000, 20_000, 1000);
        assertThat(w).hasSize(11);
        assertThat(w.get(0)).isEqualTo(new Point(10_000, 10));
        assertThat(w.get(10)).isEqualTo(new Point(20_000, 20));
        // bounds between points
        assertThat(s.window("pv", 9_500, 10_500, 10)).containsExactly(new Point(10_000, 10));
        assertThat(s.window("pv", 10_100, 10_900, 10)).isEmpty();
        // before, after, reversed, whole
        assertThat(s.window("pv", -5000, -1, 10)).isEmpty();
        assertThat(s.window("pv", 99_001, 200_000, 10)).isEmpty();
        assertThat(s.window("pv", 20_000, 10_000, 10)).isEmpty();
        assertThat(s.window("pv", Long.MIN_VALUE, Long.MAX_VALUE, 100)).hasSize(100);
        assertThat(s.window("battery", 0, 100_000, 10)).isEmpty();
        assertThatThrownBy(() -> s.window("pv", 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimationKeepsMinAndMaxOfEachBucketInTimeOrder() {
        SeriesStore s = new SeriesStore();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            double v = Math.sin(i / 50.0) * 1000;
            if (i == 4321) {
                v = 9000; // a one-second spike
            }
            if (i == 7777) {
                v = -7000; // a one-second dip
            }
            s.add("meter", i * 1000L, v);
        }
        int maxPoints = 200;
        List<Point> w = s.window("meter", 0, (n - 1) * 1000L, maxPoints);
        assertThat(w.size()).isLessThanOrEqualTo(maxPoints).isGreaterThan(maxPoints / 2);
        for (int i = 1; i < w.size(); i++) {
            assertThat(w.get(i).timestampMs()).isGreaterThan(w.get(i - 1).timestampMs());
        }
        assertThat(w).contains(new Point(4321_000L, 9000), new Point(7777_000L, -7000));
        // every bucket's min and max is present: check against a brute-force computation
        int buckets = maxPoints / 2;
        for (int b = 0; b < buckets; b++) {
            int start = (int) ((long) n * b / buckets);
            int end = (int) ((long) n * (b + 1) / buckets);
            List<Point> bucket = s.window("meter", start * 1000L, (end - 1) * 1000L, Integer.MAX_VALUE);
            Point min = bucket.stream().min((x, y) -> Double.compare(x.value(), y.value())).orElseThrow();
            Point max = bucket.stream().max((x, y) -> Double.compare(x.value(), y.value())).orElseThrow();
            assertThat(w).as("bucket %d", b).contains(min, max);
        }
    }

    @Test
    void neverMoreThanMaxPointsForAnyRangeAndLimit() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < 3000; i++) {
            s.add("v2x_charger", i * 1000L, (i * 7919) % 101);
        }
        for (int max : new int[] {2, 3, 5, 10, 99, 100, 1199, 1200, 2999, 3000, 3001}) {
            for (long[] r : new long[][] {{0, 2_999_000}, {500_000, 1_700_000}, {1_000, 1_000}, {123_456, 2_345_678}}) {
                List<Point> w = s.window("v2x_charger", r[0], r[1], max);
                assertThat(w.size()).as("max %d range %d..%d", max, r[0], r[1]).isLessThanOrEqualTo(max);
                assertThat(w).allSatisfy(p -> assertThat(p.timestampMs()).isBetween(r[0], r[1]));
                int inRange = s.window("v2x_charger", r[0], r[1], Integer.MAX_VALUE).size();
                if (inRange <= max) {
                    assertThat(w).hasSize(inRange);
                }
            }
        }
    }

    @Test
    void eightHoursOfFourDersAtOneHertz() {
        SeriesStore s = new SeriesStore();
        for (String der : List.of("pv", "battery", "meter", "v2x_charger")) {
            for (int i = 0; i < 8 * 3600; i++) {
                assertThat(s.add(der, 1_700_000_000_000L + i * 1000L, i)).isTrue();
            }
        }
        assertThat(s.size("meter")).isEqualTo(28_800);
        assertThat(s.window("meter", s.firstTimestamp().orElseThrow(), s.lastTimestamp().orElseThrow(), 1200))
                .hasSizeLessThanOrEqualTo(1200);
    }

    @Test
    void aSilenceIsAGapAndAMissedReadingIsNot() {
        SeriesStore s = new SeriesStore();
        long t = 0;
        for (int i = 0; i < 60; i++) {
            // a reading a second, one missed now and then (the poll saw the same snapshot twice): a break of 2 s
            t += i % 7 == 3 ? 2000 : 1000;
            s.add("meter", t, i);
        }
        long beforeSilence = t;
        t += 12_000; // the Zap was silent for 11 polls
        for (int i = 60; i < 90; i++) {
            s.add("meter", t, i);
            t += 1000;
        }
        List<List<Point>> runs = s.segments("meter", 0, t, 600);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)).hasSize(60).last().extracting(Point::timestampMs).isEqualTo(beforeSilence);
        assertThat(runs.get(1)).hasSize(30).first().extracting(Point::timestampMs)
                .isEqualTo(beforeSilence + 12_000);
        assertThat(s.window("meter", 0, t, 600)).as("the same points as the window, only cut")
                .isEqualTo(runs.stream().flatMap(List::stream).toList());
    }

    @Test
    void oneFailedPollIsAGapBecauseTheAppWaitsTwiceThePollPeriod() {
        SeriesStore s = new SeriesStore();
        for (long t : new long[] {1000, 2000, 3000, 6000, 7000, 8000}) {
            s.add("pv", t, -500);
        }
        assertThat(s.segments("pv", 0, 10_000, 600)).extracting(List::size).containsExactly(3, 3);
    }

    @Test
    void theGapFollowsTheReadingsOwnSpacing() {
        SeriesStore s = new SeriesStore();
        // a Zap that reads the device every 5 s: 10 s (one reading missed) is still a line, 20 s is a gap
        long[] times = {0, 5000, 10_000, 20_000, 25_000, 30_000, 35_000, 55_000, 60_000, 65_000};
        for (long t : times) {
            s.add("battery", t, 100);
        }
        assertThat(s.segments("battery", 0, 65_000, 600)).extracting(List::size).containsExactly(7, 3);
    }

    @Test
    void aBreakTooShortToSeeAtThisZoomIsNoGap() {
        SeriesStore s = new SeriesStore();
        long t = 0;
        for (int i = 0; i < 8 * 3600; i++) {
            t += i == 4 * 3600 ? 6000 : 1000; // six seconds of silence in eight hours
            s.add("pv", t, -1000);
        }
        assertThat(s.segments("pv", 0, t, 600)).as("8 h on 600 points: 6 s is under a pixel").hasSize(1);
        long silence = 1000L * 4 * 3600 + 6000;
        assertThat(s.segments("pv", silence - 150_000, silence + 150_000, 600)).as("5 minutes around it").hasSize(2);
    }

    @Test
    void segmentsNeverHoldMoreThanMaxPointsEvenWhenTheZapFlaps() {
        SeriesStore s = new SeriesStore();
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            // a Zap that answers three polls, then is silent for ten seconds, over and over
            t += i % 3 == 0 ? 10_000 : 1000;
            s.add("meter", t, (i * 7919) % 101);
        }
        for (int max : new int[] {2, 3, 4, 5, 10, 99, 600, 1200, 30_000}) {
            for (long[] r : new long[][] {{0, t}, {500_000, 1_700_000}, {1_000, 1_000}, {123_456, 345_678}}) {
                List<List<Point>> runs = s.segments("meter", r[0], r[1], max);
                int points = runs.stream().mapToInt(List::size).sum();
                assertThat(points).as("max %d range %d..%d", max, r[0], r[1]).isLessThanOrEqualTo(max);
                assertThat(runs.size()).isLessThanOrEqualTo(max / 4 + 1);
                assertThat(runs).allSatisfy(run -> assertThat(run).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.timestampMs()).isBetween(r[0], r[1])));
            }
        }
        assertThat(s.segments("meter", 0, 300_000, 600)).as("silences of 10 s in 5 minutes are drawn").hasSize(25);
        assertThat(s.segments("nothing", 0, t, 600)).isEmpty();
        assertThat(s.segments("meter", t, 0, 600)).isEmpty();
        assertThatThrownBy(() -> s.segments("meter", 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
