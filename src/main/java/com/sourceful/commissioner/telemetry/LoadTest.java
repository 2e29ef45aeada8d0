package com.sourceful.commissioner.telemetry;

import com.sourceful.commissioner.zap.TelemetrySnapshot.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A guided load test: switch on a known load (kettle) and see the meter import rise on the right phase.
 * <p>
 * Deterministic: the only clock is the readings' own timestamps (and the instant given to {@link #started}).
 * The baseline is the mean meter W (and per-phase W) of the readings given to {@link #baseline}. Every meter
 * reading after the start is compared with it: a change of at least {@link #CLEAR_FRACTION} of the expected watts
 * decides — import rose: {@link Outcome#PASSED} (or {@link Outcome#WRONG_PHASE} when it rose most on another phase
 * than expected); import fell: {@link Outcome#WRONG_SIGN} (the meter reads export where import was expected). A
 * reading at or after the timeout without such a change decides {@link Outcome#TOO_SMALL} (at least {@link
 * #SMALL_FRACTION} of expected) or {@link Outcome#NO_CHANGE}. Once decided, the verdict stays.
 * <p>
 * Phase data is used only when every baseline reading and the observed reading have L1_W, L2_W and L3_W; otherwise
 * the verdict's phase is 0 and the phase is not checked. Not thread-safe: one poller drives it.
 */
public final class LoadTest {

    /** A change of half the load is unmistakable over household noise (a kettle is 2 kW, a fridge 100 W). */
    public static final double CLEAR_FRACTION = 0.5;
    /** Below this share of the load the meter saw nothing of it (noise); above, it saw part of it. */
    public static final double SMALL_FRACTION = 0.15;

    public enum Outcome { PASSED, WRONG_SIGN, WRONG_PHASE, TOO_SMALL, NO_CHANGE }

    /** @param phase 1..3 of the detected change (the phase whose W changed most), 0 when the meter has no phase data */
    public record Verdict(Outcome outcome, double deltaW, int phase, Instant at) { }

    private final double expectedWatts;
    private final int expectedPhase;
    private final Duration timeout;

    private int baselineCount;
    private double baselineSumW;
    private final double[] baselineSumPhaseW = new double[3];
    private boolean baselinePhases = true;
    private Instant startedAt;
    private Verdict verdict;

    /**
     * @param expectedWatts the load's nominal power, &gt; 0
     * @param expectedPhase 1..3, or 0 for "any phase"
     * @param timeout       how long to watch, &gt; 0
     */
    public LoadTest(double expectedWatts, int expectedPhase, Duration timeout) {
        if (!(expectedWatts > 0) || !Double.isFinite(expectedWatts)) {
            throw new IllegalArgumentException("expectedWatts must be > 0, was " + expectedWatts);
        }
        if (expectedPhase < 0 || expectedPhase > 3) {
            throw new IllegalArgumentException("expectedPhase must be 0..3, was " + expectedPhase);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.expectedWatts = expectedWatts;
        this.expectedPhase = expectedPhase;
        this.timeout = timeout;
    }

    /**
     * Before the technician switches the load on: meter readings that set the baseline (uses the mean of those
     * given). A reading without W is ignored.
     */
    public void baseline(Reading meter) {
        OptionalDouble w = meter.watts();
        if (w.isEmpty()) {
            return;
        }
        double[] phases = phases(meter);
        baselineCount++;
        baselineSumW += w.getAsDouble();
        if (phases == null) {
            baselinePhases = false;
        } else {
            for (int i = 0; i < 3; i++) {
                baselineSumPhaseW[i] += phases[i];
            }
        }
    }

    /** Marks the moment the technician says the load is on. */
    public void started(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at must not be null");
        }
        this.startedAt = at;
    }

    /**
     * Each later meter reading; a verdict once the change is clear (≥ 50 % of expected, either sign) or the timeout
     * passed. Empty while undecided, and for a reading without W or older than the start (the load was not on yet).
     *
     * @throws IllegalStateException before a baseline reading with W was given or before {@link #started}
     */
    public Optional<Verdict> observe(Reading meter) {
        if (verdict != null) {
            return Optional.of(verdict);
        }
        if (baselineCount == 0) {
            throw new IllegalStateException("no baseline reading yet");
        }
        if (startedAt == null) {
            throw new IllegalStateException("load test not started");
        }
        OptionalDouble w = meter.watts();
        long t = meter.timestampMs();
        long startMs = startedAt.toEpochMilli();
        if (w.isEmpty() || t < startMs) {
            return Optional.empty();
        }
        double delta = w.getAsDouble() - baselineSumW / baselineCount;
        int phase = changedPhase(meter, delta);
        Instant at = Instant.ofEpochMilli(t);
        if (Math.abs(delta) >= CLEAR_FRACTION * expectedWatts) {
            Outcome o;
            if (delta < 0) {
                o = Outcome.WRONG_SIGN;
            } else if (expectedPhase == 0 || phase == 0 || phase == expectedPhase) {
                o = Outcome.PASSED;
            } else {
                o = Outcome.WRONG_PHASE;
            }
            verdict = new Verdict(o, delta, phase, at);
        } else if (t - startMs >= timeout.toMillis()) {
            verdict = new Verdict(Math.abs(delta) >= SMALL_FRACTION * expectedWatts ? Outcome.TOO_SMALL : Outcome.NO_CHANGE,
                    delta, phase, at);
        }
        return Optional.ofNullable(verdict);
    }

    /** Phase 1..3 whose W moved most in the direction of the total change (largest rise, or largest fall); 0 without phase data. */
    private int changedPhase(Reading meter, double delta) {
        double[] p = phases(meter);
        if (p == null || !baselinePhases) {
            return 0;
        }
        int best = 0;
        double bestChange = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            double d = p[i] - baselineSumPhaseW[i] / baselineCount;
            double change = delta >= 0 ? d : -d;
            if (change > bestChange) {
                bestChange = change;
                best = i + 1;
            }
        }
        return best;
    }

    private static double[] phases(Reading meter) {
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            OptionalDouble v = meter.number("L" + (i + 1) + "_W");
            if (v.isEmpty()) {
                return null;
            }
            p[i] = v.getAsDouble();
        }
        return p;
    }
}
