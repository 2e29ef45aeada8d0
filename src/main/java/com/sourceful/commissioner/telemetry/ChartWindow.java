package com.sourceful.commissioner.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What span of the readings a live chart shows: the last minutes before the window's end, or the whole session. */
public enum ChartWindow {
    LAST_5_MIN(Duration.ofMinutes(5)), LAST_HOUR(Duration.ofHours(1)), SESSION(null);

    /** Points per series handed to a chart, whatever the window: the store decimates, peaks survive. */
    public static final int CHART_POINTS = 600;

    private final Duration span;

    ChartWindow(Duration span) {
        this.span = span;
    }

    public Optional<Duration> span() {
        return Optional.ofNullable(span);
    }

    /**
     * The part of a session a chart shows, in ms since the epoch (the readings' own timestamps).
     *
     * @param firstMs the session's first reading, where its time axis starts
     * @param lastMs  the session's newest reading
     * @param fromMs  the window's start, never before {@code firstMs}
     * @param toMs    the window's end
     */
    public record Range(long firstMs, long lastMs, long fromMs, long toMs) {

        /** Minutes since the session's first reading, as a chart's time axis counts. */
        public double minutes(long timestampMs) {
            return (timestampMs - firstMs) / 60_000.0;
        }

        /** The store's readings of {@code der} in this range, at most {@link #CHART_POINTS}, split at gaps. */
        public List<List<SeriesStore.Point>> segments(SeriesStore store, String der) {
            return store.segments(der, fromMs, toMs, CHART_POINTS);
        }
    }

    /**
     * The range to show of what {@code store} holds, with the window's end {@code panMinutes} before the newest
     * reading (0 follows the data); empty while the store holds nothing.
     */
    public Optional<Range> range(SeriesStore store, double panMinutes) {
        if (store.lastTimestamp().isEmpty()) {
            return Optional.empty();
        }
        long first = store.firstTimestamp().getAsLong();
        long last = store.lastTimestamp().getAsLong();
        long end = last - Math.round(panMinutes * 60_000);
        long from = span().map(s -> end - s.toMillis()).orElse(first);
        return Optional.of(new Range(first, last, Math.max(first, from), end));
    }
}
