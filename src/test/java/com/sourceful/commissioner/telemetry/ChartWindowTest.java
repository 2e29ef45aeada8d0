package com.sourceful.commissioner.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.sourceful.commissioner.testsupport.TestClock;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** What span of a session's readings the chart shows, for each window and pan. */
class ChartWindowTest {

    private final TestClock clock = TestClock.atNoon();
    private final SeriesStore store = new SeriesStore();

    /** A reading a second for {@code seconds} seconds, starting now on the test clock. */
    private long readEverySecondFor(int seconds) {
        long first = clock.millis();
        for (int i = 0; i < seconds; i++) {
            store.add("pv", clock.millis(), -2500);
            clock.advance(Duration.ofSeconds(1));
        }
        return first;
    }

    @Test
    void nothingToShowBeforeTheFirstReading() {
        assertThat(ChartWindow.LAST_5_MIN.range(store, 0)).isEmpty();
    }

    @Test
    void theLastFiveMinutesEndAtTheNewestReadingAndTheAxisCountsFromTheFirst() {
        long first = readEverySecondFor(600);
        ChartWindow.Range range = ChartWindow.LAST_5_MIN.range(store, 0).orElseThrow();
        assertThat(range.firstMs()).isEqualTo(first);
        assertThat(range.toMs()).isEqualTo(range.lastMs()).isEqualTo(first + 599_000);
        assertThat(range.toMs() - range.fromMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(range.minutes(range.toMs())).isCloseTo(599 / 60.0, Offset.offset(1e-9));
        assertThat(range.segments(store, "pv")).singleElement().satisfies(run -> {
            assertThat(run.get(0).timestampMs()).isGreaterThanOrEqualTo(range.fromMs());
            assertThat(run.get(run.size() - 1).timestampMs()).isEqualTo(range.lastMs());
        });
    }

    @Test
    void aWindowLongerThanTheSessionStartsAtTheFirstReading() {
        long first = readEverySecondFor(60);
        assertThat(ChartWindow.LAST_HOUR.range(store, 0).orElseThrow().fromMs()).isEqualTo(first);
        assertThat(ChartWindow.LAST_5_MIN.range(store, 0).orElseThrow().fromMs()).isEqualTo(first);
    }

    @Test
    void theSessionWindowShowsEverything() {
        long first = readEverySecondFor(2 * 3600);
        ChartWindow.Range range = ChartWindow.SESSION.range(store, 0).orElseThrow();
        assertThat(range.fromMs()).isEqualTo(first);
        assertThat(range.toMs()).isEqualTo(range.lastMs());
        List<List<SeriesStore.Point>> segments = range.segments(store, "pv");
        assertThat(segments.stream().mapToInt(List::size).sum()).as("decimated for the chart")
                .isLessThanOrEqualTo(ChartWindow.CHART_POINTS);
    }

    @Test
    void panningMovesTheWindowsEndBackByThatManyMinutes() {
        readEverySecondFor(600);
        ChartWindow.Range following = ChartWindow.LAST_5_MIN.range(store, 0).orElseThrow();
        ChartWindow.Range panned = ChartWindow.LAST_5_MIN.range(store, 1.5).orElseThrow();
        assertThat(following.toMs() - panned.toMs()).isEqualTo(90_000);
        assertThat(following.fromMs() - panned.fromMs()).isEqualTo(90_000);
        assertThat(panned.lastMs()).as("the newest reading stays where it is").isEqualTo(following.lastMs());
    }
}
