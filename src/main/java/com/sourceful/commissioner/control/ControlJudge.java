package com.sourceful.commissioner.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

import com.sourceful.commissioner.control.ControlResult.Limited;
import com.sourceful.commissioner.control.ControlResult.Outcome;
import com.sourceful.commissioner.control.ControlResult.Stop;

/**
 * Judges a control check from the whole site's readings: {@link #baseline} readings before control is taken, then
 * {@link #observe} under the setpoint. The DER under test must move from its baseline to the setpoint; the house's
 * consumption (meter minus every DER of the site) must meanwhile stay within {@link
 * ControlLimits#HOUSE_STEADY_FRACTION} of the change, or the meter and the DER's reading tell different stories and
 * no verdict is given on the DER. A PV limit is followed when the PV makes at most the limit (the sun may take it
 * lower still); a battery setpoint when the battery is within the tolerance of it.
 * <p>
 * Deterministic: times are given by the caller (milliseconds on one clock). Not thread-safe: one run drives it.
 */
public final class ControlJudge {

    /**
     * The SoC may pass the plan's bounds by this much before the check stops (it was checked before the start): 0.94
     * when charging, below the 95 % many batteries stop at by themselves, so a full battery is seen as one.
     */
    public static final double SOC_STOP_MARGIN = 0.04;
    /** The readings (about seconds) over which a DER that did not reach the setpoint is seen still moving or held. */
    public static final int TREND_READINGS = 5;

    /** The verdict's numbers, for {@link ControlResult}. */
    public record Verdict(Outcome outcome, Limited limitedBy, double baselineW, OptionalDouble reachedW,
                          OptionalDouble secondsToFollow, OptionalDouble meterDeltaW, OptionalDouble houseDeltaW,
                          OptionalDouble socStart, OptionalDouble socEnd, int readings) {
    }

    private record Observed(ControlReading reading, long atMs) {
    }

    private final ControlPlan plan;
    private final List<ControlReading> baseline = new ArrayList<>();
    private final List<Observed> under = new ArrayList<>();
    private long commandedAtMs = Long.MIN_VALUE;
    /** Index in {@link #under} of the first reading of the hold that followed, or -1. */
    private int heldFrom = -1;

    public ControlJudge(ControlPlan plan) {
        this.plan = plan;
    }

    public void baseline(ControlReading r) {
        baseline.add(r);
    }

    public int baselineReadings() {
        return baseline.size();
    }

    /** The Zap accepted the setpoint at {@code atMs}. */
    public void commanded(long atMs) {
        commandedAtMs = atMs;
    }

    /** The DER's baseline W: the mean before control was taken (NaN without one). */
    public double baselineW() {
        return baseline.stream().mapToDouble(ControlReading::derW).average().orElse(Double.NaN);
    }

    /**
     * A reading under the setpoint, received at {@code atMs}.
     *
     * @return why the check should stop now: the setpoint held, the import limit, the SoC bound; empty to go on
     */
    public Optional<Stop> observe(ControlReading r, long atMs) {
        under.add(new Observed(r, atMs));
        if (r.meterW().isPresent() && r.meterW().getAsDouble() > ControlLimits.MAX_IMPORT_W) {
            return Optional.of(Stop.IMPORT_LIMIT);
        }
        if (socOutOfBounds(r)) {
            return Optional.of(Stop.SOC_LIMIT);
        }
        if (heldFrom < 0 && under.size() >= ControlLimits.HOLD_READINGS) {
            int from = under.size() - ControlLimits.HOLD_READINGS;
            boolean all = true;
            for (int i = from; i < under.size(); i++) {
                all &= followed(under.get(i).reading().derW());
            }
            if (all) {
                heldFrom = from;
                return Optional.of(Stop.HELD);
            }
        }
        return Optional.empty();
    }

    private boolean socOutOfBounds(ControlReading r) {
        if (r.soc().isEmpty()) {
            return false;
        }
        double soc = r.soc().getAsDouble();
        return switch (plan.action()) {
            case CHARGE -> soc >= ControlLimits.MAX_SOC_TO_CHARGE + SOC_STOP_MARGIN;
            case DISCHARGE -> soc <= ControlLimits.MIN_SOC_TO_DISCHARGE - SOC_STOP_MARGIN;
            case LIMIT_PV -> false;
        };
    }

    /** A battery past the plan's bounds in the direction it was asked to go: full when charged, low when discharged. */
    private boolean atSocBound(OptionalDouble soc) {
        if (soc.isEmpty()) {
            return false;
        }
        return switch (plan.action()) {
            case CHARGE -> soc.getAsDouble() >= ControlLimits.MAX_SOC_TO_CHARGE;
            case DISCHARGE -> soc.getAsDouble() <= ControlLimits.MIN_SOC_TO_DISCHARGE;
            case LIMIT_PV -> false;
        };
    }

    /** Within tolerance of the setpoint; for a PV limit, at most the limit. */
    private boolean followed(double derW) {
        double target = plan.targetW();
        double tol = ControlLimits.tolerance(target);
        return plan.action().battery() ? Math.abs(derW - target) <= tol : derW >= target - tol;
    }

    /** The verdict when the check ended for {@code stop}. */
    public Verdict verdict(Stop stop) {
        double base = baselineW();
        OptionalDouble socStart = baseline.isEmpty() ? OptionalDouble.empty() : baseline.get(0).soc();
        OptionalDouble socEnd = under.isEmpty() ? OptionalDouble.empty() : under.get(under.size() - 1).reading().soc();
        if (baseline.isEmpty() || under.isEmpty()) {
            Outcome o = stop == Stop.CANCELLED ? Outcome.CANCELLED : Outcome.NO_VERDICT;
            return new Verdict(o, Limited.NONE, base, OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), socStart, socEnd, under.size());
        }
        // The readings the verdict rests on: the hold, else the last few.
        int from = heldFrom >= 0 ? heldFrom : Math.max(0, under.size() - ControlLimits.HOLD_READINGS);
        List<ControlReading> last = under.subList(from, Math.min(under.size(), from + ControlLimits.HOLD_READINGS))
                .stream().map(Observed::reading).toList();
        double reached = last.stream().mapToDouble(ControlReading::derW).average().orElseThrow();
        OptionalDouble meterDelta = delta(baseline, last, ControlReading::meterW);
        OptionalDouble houseDelta = delta(baseline, last, ControlReading::houseW);
        OptionalDouble toFollow = OptionalDouble.empty();
        if (heldFrom >= 0 && commandedAtMs != Long.MIN_VALUE) {
            toFollow = OptionalDouble.of(Math.max(0, under.get(heldFrom).atMs() - commandedAtMs) / 1000.0);
        }
        double requested = plan.targetW() - base;
        boolean followedNow = heldFrom >= 0 || last.stream().allMatch(r -> followed(r.derW()));
        Outcome outcome;
        Limited limited = Limited.NONE;
        // A PV already at or under its limit, a battery already near its setpoint: there is nothing to see.
        boolean nothingToSee = plan.action().battery() ? Math.abs(requested) < ControlLimits.MIN_CHANGE_W / 2
                : requested <= 0;
        if (stop == Stop.CANCELLED) {
            outcome = Outcome.CANCELLED;
        } else if (nothingToSee) {
            outcome = Outcome.NO_VERDICT;
        } else {
            double moved = (reached - base) / requested;
            boolean atSocBound = atSocBound(socEnd);
            if (atSocBound) {
                // A battery that went towards the setpoint until it was full (or empty) and stopped did follow.
                for (Observed o : under) {
                    moved = Math.max(moved, (o.reading().derW() - base) / requested);
                }
            }
            boolean houseSteady = houseDelta.isEmpty()
                    || Math.abs(houseDelta.getAsDouble()) <= ControlLimits.HOUSE_STEADY_FRACTION * Math.abs(requested);
            if (!houseSteady) {
                outcome = Outcome.READINGS_DISAGREE;
            } else if (followedNow) {
                outcome = Outcome.FOLLOWED;
            } else if (moved >= ControlLimits.MOVED_FRACTION) {
                outcome = Outcome.FOLLOWED_PARTLY;
                limited = stop == Stop.SOC_LIMIT || atSocBound ? Limited.SOC
                        : stillMoving(requested) ? Limited.STILL_MOVING : Limited.HELD_LOWER;
            } else {
                outcome = Outcome.IGNORED;
            }
        }
        return new Verdict(outcome, limited, base, OptionalDouble.of(reached), toFollow, meterDelta, houseDelta,
                socStart, socEnd, under.size());
    }

    /**
     * Still on its way: over the last {@link #TREND_READINGS} readings the DER moved towards the setpoint by more than
     * half the tolerance (a held power wanders by a few watts; a slow ramp keeps going one way).
     */
    private boolean stillMoving(double requested) {
        int n = Math.min(TREND_READINGS, under.size());
        if (n < 2) {
            return false;
        }
        double first = under.get(under.size() - n).reading().derW();
        double last = under.get(under.size() - 1).reading().derW();
        return (last - first) * Math.signum(requested) > ControlLimits.tolerance(plan.targetW()) / 2;
    }

    /** Mean over {@code after} minus mean over {@code before}; empty unless every reading has the value. */
    private static OptionalDouble delta(List<ControlReading> before, List<ControlReading> after,
                                        Function<ControlReading, OptionalDouble> value) {
        OptionalDouble a = mean(before, value);
        OptionalDouble b = mean(after, value);
        return a.isPresent() && b.isPresent() ? OptionalDouble.of(b.getAsDouble() - a.getAsDouble())
                : OptionalDouble.empty();
    }

    private static OptionalDouble mean(List<ControlReading> readings,
                                       Function<ControlReading, OptionalDouble> value) {
        double sum = 0;
        for (ControlReading r : readings) {
            OptionalDouble v = value.apply(r);
            if (v.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += v.getAsDouble();
        }
        return readings.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sum / readings.size());
    }
}
