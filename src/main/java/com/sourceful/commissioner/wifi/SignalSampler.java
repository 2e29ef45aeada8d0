package com.sourceful.commissioner.wifi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.sourceful.commissioner.zap.ZapException;

/**
 * "Signal at the mounting spot": the Zap's RSSI ({@code /api/system} network.rssi) read every {@code every} for
 * {@code duration}, summed up as the weakest reading and the median, so the technician can move the Zap before
 * fixing it to the wall. The weakest reading is what the verdict goes by: a Zap lives with its dips.
 */
public final class SignalSampler {

    /** Reads the Zap's RSSI once; empty when it reports none. */
    @FunctionalInterface
    public interface RssiSource {
        OptionalInt read() throws ZapException;
    }

    /** What the sampling saw; {@code count} 0 means no reading at all (min and median are then meaningless). */
    public record Summary(int count, int min, double median, int failed, boolean cancelled) {

        /** The verdict on the weakest reading; empty without readings. */
        public Optional<RssiVerdict> verdict() {
            return count == 0 ? Optional.empty() : Optional.of(RssiVerdict.of(min));
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private volatile boolean cancelled;

    public SignalSampler(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Stops a sampling under way after its current reading; it returns what it has. */
    public void cancel() {
        cancelled = true;
    }

    /** Samples now, then every {@code every} until {@code duration} has passed (or it is cancelled). */
    public Summary sample(RssiSource source, Duration duration, Duration every) throws InterruptedException {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        Instant end = clock.instant().plus(duration);
        List<Integer> readings = new ArrayList<>();
        int failed = 0;
        while (!cancelled) {
            try {
                OptionalInt rssi = source.read();
                if (rssi.isPresent()) {
                    readings.add(rssi.getAsInt());
                } else {
                    failed++;
                }
            } catch (ZapException e) {
                failed++; // a missed reading on weak Wi-Fi is itself news: counted, not fatal
            }
            if (cancelled || !clock.instant().plus(every).isBefore(end.plusMillis(1))) {
                break;
            }
            sleeper.sleep(every);
        }
        return summary(readings, failed, cancelled);
    }

    static Summary summary(List<Integer> readings, int failed, boolean cancelled) {
        if (readings.isEmpty()) {
            return new Summary(0, 0, Double.NaN, failed, cancelled);
        }
        List<Integer> sorted = new ArrayList<>(readings);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return new Summary(n, sorted.get(0), median, failed, cancelled);
    }
}
