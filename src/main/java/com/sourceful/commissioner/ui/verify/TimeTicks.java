package com.sourceful.commissioner.ui.verify;

import java.util.List;
import java.util.Locale;

/**
 * The chart's time axis: minutes since the first reading, labelled as clock time (1:30, not 1.5) with a round tick
 * step. JavaFX's auto-ranging axis picked steps like 0.0025 min and printed "0.0025", which no one reads as 0.15 s.
 */
public final class TimeTicks {

    /** Tick steps in minutes: 5 s, 10 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 4, 8 h. */
    static final List<Double> STEPS = List.of(5 / 60.0, 10 / 60.0, 15 / 60.0, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0,
            60.0, 120.0, 240.0, 480.0);
    /** At most this many steps between the axis' ends, so that the labels never crowd. */
    static final int MAX_STEPS = 8;

    /** Axis bounds and tick step, all in minutes since the first reading. */
    public record Range(double lower, double upper, double step) {
    }

    private TimeTicks() {
    }

    /** The smallest round step that spans {@code from..to} in at most {@link #MAX_STEPS} steps, bounds on steps. */
    public static Range of(double from, double to) {
        double lo = Math.max(0, Math.min(from, to));
        double hi = Math.max(from, to);
        for (double step : STEPS) {
            double lower = Math.floor(lo / step + 1e-9) * step;
            double upper = Math.max(lower + step, Math.ceil(hi / step - 1e-9) * step);
            if ((upper - lower) / step <= MAX_STEPS + 1e-9) {
                return new Range(lower, upper, step);
            }
        }
        double step = STEPS.get(STEPS.size() - 1);
        double lower = Math.floor(lo / step) * step;
        return new Range(lower, Math.max(lower + step, Math.ceil(hi / step) * step), (hi - lower) / MAX_STEPS);
    }

    /** "0:05", "12:30", "1:05:00": minutes as clock time, rounded to the second. */
    public static String label(double minutes) {
        long seconds = Math.round(Math.max(0, minutes) * 60);
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
