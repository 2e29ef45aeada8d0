package com.sourceful.commissioner.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock running {@code scale} times faster than {@code base} from the moment it is made (--time-scale; tests give
 * the same one to a simulator and to the app's side, so a check of 30 clock seconds takes 30 / scale real ones).
 */
public final class ScaledClock extends Clock {

    private final Clock base;
    private final double scale;
    private final long startMs;

    public ScaledClock(Clock base, double scale) {
        this(base, scale, base.millis());
    }

    private ScaledClock(Clock base, double scale, long startMs) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be > 0");
        }
        this.base = base;
        this.scale = scale;
        this.startMs = startMs;
    }

    /** How many times faster than its base this clock runs. */
    public double scale() {
        return scale;
    }

    @Override
    public long millis() {
        return startMs + Math.round((base.millis() - startMs) * scale);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScaledClock(base.withZone(zone), scale, startMs);
    }
}
