package com.sourceful.commissioner.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.sourceful.commissioner.telemetry.SiteReading.DerPower;

/**
 * A guided load test that judges the house, not the meter alone: with the load off the technician presses Start
 * (the {@link #baseline} readings), then switches a known load (a kettle) on ({@link #started}); the house's
 * consumption must rise by about the load, on the expected phase.
 * <p>
 * A grid meter reads {@code house + pv + battery + v2x}, so the consumption is the meter minus every DER of the site
 * that is read with it ({@link SiteReading}); per phase where the meter has phases, a DER without phase data is
 * taken as spread evenly over L1–L3 (the verdict says so). A PV ramp or a battery that answers the load is thereby
 * not mistaken for, or hiding, the load.
 * <p>
 * A verdict needs a step: {@link #HOLD_READINGS} consecutive readings after the start whose consumption differs from
 * the baseline by at least {@link #CLEAR_FRACTION} of the load, in the same direction, agree with each other
 * within {@link #HOLD_TOLERANCE} of the load, and whose first one jumped by {@link #STEP_JUMP_FRACTION} of the load
 * from the reading before it (a drift does neither). Then:
 * <ul>
 *   <li>consumption rose: {@link Outcome#PASSED} or {@link Outcome#WRONG_PHASE}; {@link Outcome#INCONCLUSIVE} when
 *       the PV moved by {@link #PV_MOVED_FRACTION} of the load or more (with a meter reading backwards, a PV ramp
 *       looks like a load) or the meter itself fell by half the load or more;</li>
 *   <li>consumption fell: {@link Outcome#METER_REVERSED} only when the meter itself fell by half the load or more while
 *       PV, battery and charger each stayed within {@link #STEADY_FRACTION} of the load; otherwise
 *       {@link Outcome#INCONCLUSIVE}.</li>
 * </ul>
 * No step by the timeout: {@link Outcome#NO_LOAD}, or {@link Outcome#INCONCLUSIVE} when the consumption moved by
 * about the load while the PV moved by {@link #PV_MOVED_FRACTION} of it, or the battery or charger by
 * {@link #STEADY_FRACTION} of it (a battery that answers a load seen by a meter reading backwards turns the
 * consumption's sign over a few readings: the load was there, yet no step). Once decided, the verdict stays.
 * <p>
 * Deterministic: the only clock is the readings' own timestamps (and the instant given to {@link #started}). Not
 * thread-safe: one poller drives it.
 */
public final class LoadTest {

    /** A change of half the load is unmistakable over household noise (a kettle is 2 kW, a fridge 100 W). */
    public static final double CLEAR_FRACTION = 0.5;
    /** Consecutive readings a change must hold to be a step: a kettle stays on for minutes, a spike does not. */
    public static final int HOLD_READINGS = 3;
    /** The readings of a step agree within this share of the load; a drift through the threshold does not. */
    public static final double HOLD_TOLERANCE = 0.2;
    /**
     * A step arrives within one reading: its first reading is at least this share of the load beyond the reading
     * before it (a load coming on slowly, or a drift, never jumps so far).
     */
    public static final double STEP_JUMP_FRACTION = 0.25;
    /** A DER that moved less than this share of the load is steady enough to blame the meter. */
    public static final double STEADY_FRACTION = 0.25;
    /**
     * A PV change this large (share of the load) could fake a load on a meter reading backwards (its consumption
     * would move by twice the PV change), so no verdict on the load is given.
     */
    public static final double PV_MOVED_FRACTION = 0.5;

    public enum Outcome { PASSED, WRONG_PHASE, NO_LOAD, METER_REVERSED, INCONCLUSIVE }

    /** A DER whose power was taken into account: its type id and the device reporting it. */
    public record DerId(String type, String deviceSn) { }

    /**
     * What the test found, with its numbers: each change is the mean of the step's readings (or the last reading at
     * the timeout) minus the baseline's mean, W.
     *
     * @param consumptionDeltaW the house's consumption change: meter minus PV, battery and charger
     * @param phase             1..3 where the consumption changed most, 0 when the meter has no phase data
     * @param counted           the DERs taken into account
     * @param evenSpreadAssumed some counted DER had no phase data and was taken as spread evenly over three phases
     */
    public record Verdict(Outcome outcome, double consumptionDeltaW, int phase, double meterDeltaW, double pvDeltaW,
                          double batteryDeltaW, double v2xDeltaW, List<DerId> counted, boolean evenSpreadAssumed,
                          Instant at) {
        public Verdict {
            counted = List.copyOf(counted);
        }
    }

    /** The site's powers at one reading, or their change against the baseline. */
    private record Balance(double meterW, double pvW, double batteryW, double v2xW, double[] consumptionPhaseW) {

        double consumptionW() {
            return meterW - pvW - batteryW - v2xW;
        }

        Balance minus(Balance b) {
            double[] phases = null;
            if (consumptionPhaseW != null && b.consumptionPhaseW != null) {
                phases = new double[3];
                for (int i = 0; i < 3; i++) {
                    phases[i] = consumptionPhaseW[i] - b.consumptionPhaseW[i];
                }
            }
            return new Balance(meterW - b.meterW, pvW - b.pvW, batteryW - b.batteryW, v2xW - b.v2xW, phases);
        }

        static Balance mean(List<Balance> all) {
            int n = all.size();
            double m = 0;
            double pv = 0;
            double bat = 0;
            double v2x = 0;
            double[] phases = new double[3];
            boolean withPhases = true;
            for (Balance b : all) {
                m += b.meterW / n;
                pv += b.pvW / n;
                bat += b.batteryW / n;
                v2x += b.v2xW / n;
                if (b.consumptionPhaseW == null) {
                    withPhases = false;
                } else {
                    for (int i = 0; i < 3; i++) {
                        phases[i] += b.consumptionPhaseW[i] / n;
                    }
                }
            }
            return new Balance(m, pv, bat, v2x, withPhases ? phases : null);
        }
    }

    private final double expectedWatts;
    private final int expectedPhase;
    private final Duration timeout;

    private final List<SiteReading> baseline = new ArrayList<>();
    /** The DERs in every baseline reading: only these are counted, so a DER read once cannot fake a change. */
    private Set<String> counted;
    private Balance baselineBalance;
    private Instant startedAt;
    private final Deque<Balance> step = new ArrayDeque<>();
    /** The consumption change of the reading just before {@link #step}'s first: the step must jump from it. */
    private double beforeStepW;
    private Verdict verdict;

    /**
     * @param expectedWatts the load's nominal power, &gt; 0
     * @param expectedPhase 1..3, or 0 for "any phase"
     * @param timeout       how long to watch after the load went on, &gt; 0
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

    /** With the load still off: a site reading for the baseline (the mean of those given is used). */
    public void baseline(SiteReading reading) {
        if (startedAt != null) {
            throw new IllegalStateException("the load is already on");
        }
        baseline.add(reading);
        Set<String> keys = reading.derKeys();
        if (counted == null) {
            counted = keys;
        } else {
            counted.retainAll(keys);
        }
        baselineBalance = null;
    }

    public int baselineReadings() {
        return baseline.size();
    }

    /** Marks the moment the technician was told to switch the load on: a step must come after it. */
    public void started(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at must not be null");
        }
        if (baseline.isEmpty()) {
            throw new IllegalStateException("no baseline reading yet");
        }
        this.startedAt = at;
        List<Balance> balances = new ArrayList<>();
        for (SiteReading r : baseline) {
            balances.add(balance(r));
        }
        baselineBalance = Balance.mean(balances);
    }

    /**
     * Each later site reading; a verdict once a step held or the timeout passed. Empty while undecided, and for a
     * reading from before the start or one lacking a DER of the baseline (that poll missed a device); after the
     * timeout, such a reading ends the test as {@link Outcome#INCONCLUSIVE}.
     *
     * @throws IllegalStateException before {@link #started}
     */
    public Optional<Verdict> observe(SiteReading reading) {
        if (verdict != null) {
            return Optional.of(verdict);
        }
        if (startedAt == null) {
            throw new IllegalStateException("load test not started");
        }
        long t = reading.timestampMs();
        long startMs = startedAt.toEpochMilli();
        if (t <= startMs) {
            return Optional.empty();
        }
        if (!hasAllCounted(reading)) {
            if (t - startMs < timeout.toMillis()) {
                return Optional.empty();
            }
            // A device stopped answering for good: its DERs are taken as unchanged, and nothing is concluded.
            verdict = verdict(Outcome.INCONCLUSIVE, balance(withMissingAsBaseline(reading)).minus(baselineBalance),
                    Instant.ofEpochMilli(t));
            return Optional.of(verdict);
        }
        Balance change = balance(reading).minus(baselineBalance);
        double clear = CLEAR_FRACTION * expectedWatts;
        double consumption = change.consumptionW();
        if (Math.abs(consumption) >= clear) {
            if (!step.isEmpty() && Math.signum(step.getLast().consumptionW()) != Math.signum(consumption)) {
                beforeStepW = step.getLast().consumptionW();
                step.clear();
            }
            step.addLast(change);
        } else {
            step.clear();
            beforeStepW = consumption;
        }
        while (step.size() >= HOLD_READINGS && !isStep()) {
            beforeStepW = step.removeFirst().consumptionW();
        }
        Instant at = Instant.ofEpochMilli(t);
        if (step.size() >= HOLD_READINGS) {
            verdict = decide(Balance.mean(List.copyOf(step)), at);
        } else if (t - startMs >= timeout.toMillis()) {
            double steady = STEADY_FRACTION * expectedWatts;
            boolean dersMoved = Math.abs(change.pvW()) >= PV_MOVED_FRACTION * expectedWatts
                    || Math.abs(change.batteryW()) >= steady || Math.abs(change.v2xW()) >= steady;
            verdict = verdict(dersMoved && Math.abs(consumption) >= clear ? Outcome.INCONCLUSIVE : Outcome.NO_LOAD,
                    change, at);
        }
        return Optional.ofNullable(verdict);
    }

    private Verdict decide(Balance change, Instant at) {
        double clear = CLEAR_FRACTION * expectedWatts;
        double steady = STEADY_FRACTION * expectedWatts;
        Outcome outcome;
        if (change.consumptionW() > 0) {
            int phase = changedPhase(change);
            if (Math.abs(change.pvW()) >= PV_MOVED_FRACTION * expectedWatts || change.meterW() <= -clear) {
                outcome = Outcome.INCONCLUSIVE;
            } else if (expectedPhase == 0 || phase == 0 || phase == expectedPhase) {
                outcome = Outcome.PASSED;
            } else {
                outcome = Outcome.WRONG_PHASE;
            }
        } else {
            double ders = change.pvW() + change.batteryW() + change.v2xW();
            boolean steadyDers = Math.abs(change.pvW()) < steady && Math.abs(change.batteryW()) < steady
                    && Math.abs(change.v2xW()) < steady && Math.abs(ders) < steady;
            outcome = change.meterW() <= -clear && steadyDers ? Outcome.METER_REVERSED : Outcome.INCONCLUSIVE;
        }
        return verdict(outcome, change, at);
    }

    private Verdict verdict(Outcome outcome, Balance change, Instant at) {
        List<DerId> ids = new ArrayList<>();
        boolean evenSpread = false;
        for (DerPower d : baseline.get(0).ders()) {
            if (counted.contains(d.key())) {
                ids.add(new DerId(d.type(), d.deviceSn()));
                evenSpread |= d.phaseW() == null;
            }
        }
        return new Verdict(outcome, change.consumptionW(), changedPhase(change), change.meterW(), change.pvW(),
                change.batteryW(), change.v2xW(), ids, evenSpread && change.consumptionPhaseW() != null, at);
    }

    /** Phase 1..3 whose consumption moved most in the direction of the total change; 0 without phase data. */
    private static int changedPhase(Balance change) {
        double[] p = change.consumptionPhaseW();
        if (p == null) {
            return 0;
        }
        double sign = change.consumptionW() >= 0 ? 1 : -1;
        int best = 0;
        for (int i = 1; i < 3; i++) {
            if (sign * p[i] > sign * p[best]) {
                best = i;
            }
        }
        return best + 1;
    }

    /** The readings in {@link #step} agree with each other, and the first jumped from the reading before it. */
    private boolean isStep() {
        double first = step.getFirst().consumptionW();
        double jump = Math.signum(first) * (first - beforeStepW);
        return spread(step) <= HOLD_TOLERANCE * expectedWatts && jump >= STEP_JUMP_FRACTION * expectedWatts;
    }

    private static double spread(Deque<Balance> readings) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Balance b : readings) {
            min = Math.min(min, b.consumptionW());
            max = Math.max(max, b.consumptionW());
        }
        return max - min;
    }

    /** The reading with each counted DER it lacks at that DER's baseline mean (no phase data). */
    private SiteReading withMissingAsBaseline(SiteReading reading) {
        List<DerPower> ders = new ArrayList<>(reading.ders());
        Set<String> present = reading.derKeys();
        for (DerPower d : baseline.get(0).ders()) {
            if (counted.contains(d.key()) && !present.contains(d.key())) {
                double mean = baseline.stream().flatMap(r -> r.ders().stream()).filter(x -> x.key().equals(d.key()))
                        .mapToDouble(DerPower::watts).average().orElse(0);
                ders.add(new DerPower(d.type(), d.deviceSn(), mean, null));
            }
        }
        return new SiteReading(reading.timestampMs(), reading.meterW(), reading.meterPhaseW(), ders);
    }

    private boolean hasAllCounted(SiteReading reading) {
        return reading.derKeys().containsAll(counted);
    }

    /** The counted DERs' sums and, where the meter has phases, the consumption per phase. */
    private Balance balance(SiteReading r) {
        double pv = 0;
        double battery = 0;
        double v2x = 0;
        double[] phases = r.meterPhaseW() == null ? null : r.meterPhaseW().clone();
        for (DerPower d : r.ders()) {
            if (!counted.contains(d.key())) {
                continue;
            }
            switch (d.type()) {
                case "pv" -> pv += d.watts();
                case "battery" -> battery += d.watts();
                default -> v2x += d.watts();
            }
            if (phases != null) {
                for (int i = 0; i < 3; i++) {
                    phases[i] -= d.onPhase(i);
                }
            }
        }
        return new Balance(r.meterW(), pv, battery, v2x, phases);
    }
}
