package com.sourceful.commissioner.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.sourceful.commissioner.zap.TelemetrySnapshot;

/**
 * One guided load test as the technician runs it: Start with the load off, {@link #BASELINE_READINGS} whole-site
 * readings for the baseline, then the technician is told to switch the load on and the house is watched until the
 * {@link LoadTest} decides (a step, or {@link #TIMEOUT}). The site is read with the live poll, one request at a time,
 * through {@link #site()}. The readings' own timestamps are its only clock. Not thread-safe: one poller drives it.
 */
public final class LoadTestRun {

    /** Whole-site readings with the load off, after Start, before the technician is told to switch it on. */
    public static final int BASELINE_READINGS = 2;
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A load the meter sees over household noise (a kettle is 2 kW) and a house can carry. */
    public static final double MIN_WATTS = 100;
    public static final double MAX_WATTS = 20_000;

    /** Where the run is. */
    public enum Stage {
        /** The load is off: taking the baseline. */
        BASELINE,
        /** The baseline is taken: the technician switches the load on now, and the house is watched. */
        SWITCH_ON,
        /** A verdict is in. */
        DONE
    }

    private final double watts;
    private final int phase;
    private final String meterSn;
    private final SiteReader site;
    private final LoadTest test;
    private Stage stage = Stage.BASELINE;
    private LoadTest.Verdict verdict;

    /**
     * @param watts   the load's nominal power, see {@link #watts(String)}
     * @param phase   1..3, or 0 for "any phase"
     * @param site    reads the Zap's other devices with each poll of the meter's device
     */
    public LoadTestRun(double watts, int phase, String meterSn, SiteReader site) {
        this.watts = watts;
        this.phase = phase;
        this.meterSn = meterSn;
        this.site = site;
        this.test = new LoadTest(watts, phase, TIMEOUT);
    }

    /** The load the technician typed, when it is a number of watts a load test can use; empty otherwise. */
    public static OptionalDouble watts(String typed) {
        String w = typed == null ? "" : typed.strip();
        try {
            double watts = Double.parseDouble(w);
            return watts >= MIN_WATTS && watts <= MAX_WATTS ? OptionalDouble.of(watts) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Reads the rest of the site in the same poll as the meter's device. */
    public SiteReader site() {
        return site;
    }

    public double watts() {
        return watts;
    }

    /** The expected phase, 1..3, or 0 for "any phase". */
    public int phase() {
        return phase;
    }

    public Stage stage() {
        return stage;
    }

    /** The verdict, once {@link Stage#DONE}. */
    public Optional<LoadTest.Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    /**
     * One poll of the meter's device and, when they could be read, the Zap's other devices; a poll without a meter
     * reading or without the other devices is left out.
     *
     * @param others null when the other devices could not be read in this poll
     * @return the stage after this poll
     */
    public Stage observe(TelemetrySnapshot own, Map<String, TelemetrySnapshot> others) {
        if (stage == Stage.DONE || others == null) {
            return stage;
        }
        SiteReading.of(meterSn, own, others).ifPresent(this::observe);
        return stage;
    }

    /** A whole-site reading: first the baseline (load off), then watching for the step. */
    public Stage observe(SiteReading reading) {
        switch (stage) {
            case BASELINE -> {
                test.baseline(reading);
                if (test.baselineReadings() >= BASELINE_READINGS) {
                    test.started(Instant.ofEpochMilli(reading.timestampMs()));
                    stage = Stage.SWITCH_ON;
                }
            }
            case SWITCH_ON -> test.observe(reading).ifPresent(v -> {
                verdict = v;
                stage = Stage.DONE;
            });
            case DONE -> { }
        }
        return stage;
    }
}
