package com.sourceful.commissioner.control;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One control check the technician confirmed: which device on which Zap, what it is asked, and for how long.
 *
 * @param powerW   for {@link ControlAction#CHARGE} and {@link ControlAction#DISCHARGE} the battery's power, W &gt; 0;
 *                 for {@link ControlAction#LIMIT_PV} the PV's limit, W ≥ 0
 * @param duration how long the setpoint is held at most, from the Zap's acceptance of it
 */
public record ControlPlan(String zapSerial, URI zapUri, String deviceSn, ControlAction action, double powerW,
                          Duration duration) {

    public ControlPlan {
        Objects.requireNonNull(zapSerial);
        Objects.requireNonNull(zapUri);
        Objects.requireNonNull(deviceSn);
        Objects.requireNonNull(action);
        Objects.requireNonNull(duration);
        if (!Double.isFinite(powerW) || powerW < 0) {
            throw new IllegalArgumentException("power must be a finite number ≥ 0");
        }
    }

    /** What is sent: battery W (+ charge, − discharge), or the PV limit W. */
    public double setpointW() {
        return switch (action) {
            case CHARGE -> powerW;
            case DISCHARGE -> -powerW;
            case LIMIT_PV -> powerW;
        };
    }

    /**
     * The DER's W the setpoint means in the Zap's signs: the battery's setpoint, or for a PV limit the PV W at the
     * limit (negative: generating).
     */
    public double targetW() {
        return action.battery() ? setpointW() : -powerW;
    }

    /** What the device is now, as far as the plan needs it. Empty where unknown. */
    public record DerFacts(OptionalDouble ratedW, OptionalDouble currentW, OptionalDouble soc) {
        public static DerFacts unknown() {
            return new DerFacts(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    /** Why a typed check cannot run; {@code value} and {@code limit} carry its numbers (W, seconds or SoC 0..1). */
    public record Problem(Kind kind, double value, double limit) {
        public enum Kind {
            /** The power is not a number of watts. */
            POWER_NOT_A_NUMBER,
            /** More than {@code limit}: the smaller of the DER's rating and {@link ControlLimits#MAX_POWER_W}. */
            POWER_TOO_HIGH,
            /** Less than {@code limit} ({@link ControlLimits#MIN_CHANGE_W} for a battery; 0 for a PV limit). */
            POWER_TOO_LOW,
            /** The duration is not a whole number of seconds. */
            DURATION_NOT_A_NUMBER,
            DURATION_TOO_SHORT,
            DURATION_TOO_LONG,
            /** SoC {@code value} is below {@link ControlLimits#MIN_SOC_TO_DISCHARGE}. */
            SOC_TOO_LOW_TO_DISCHARGE,
            /** SoC {@code value} is above {@link ControlLimits#MAX_SOC_TO_CHARGE}. */
            SOC_TOO_HIGH_TO_CHARGE,
            /** No reading of the DER yet (or no SoC for a battery): the check needs to know where it starts. */
            NO_READING,
            /**
             * The DER is at {@code value} W, within {@link ControlLimits#MIN_CHANGE_W} of the setpoint's {@code limit}
             * W: following it would show nothing.
             */
            CHANGE_TOO_SMALL
        }
    }

    /** A plan, or why there is none. */
    public record Checked(Optional<ControlPlan> plan, List<Problem> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The check the technician typed, tested against the limits and the DER's latest reading.
     *
     * @param typedWatts  the battery's power (charge or discharge, without sign) or the PV limit, W
     * @param typedSeconds how long, s
     */
    public static Checked check(String zapSerial, URI zapUri, String deviceSn, ControlAction action, String typedWatts,
                                String typedSeconds, DerFacts facts) {
        List<Problem> problems = new ArrayList<>();
        OptionalDouble watts = number(typedWatts);
        if (watts.isEmpty()) {
            problems.add(new Problem(Problem.Kind.POWER_NOT_A_NUMBER, Double.NaN, Double.NaN));
        }
        OptionalDouble seconds = number(typedSeconds);
        if (seconds.isEmpty() || seconds.getAsDouble() != Math.rint(seconds.getAsDouble())) {
            problems.add(new Problem(Problem.Kind.DURATION_NOT_A_NUMBER, Double.NaN, Double.NaN));
            seconds = OptionalDouble.empty();
        } else if (seconds.getAsDouble() < ControlLimits.MIN_DURATION.toSeconds()) {
            problems.add(new Problem(Problem.Kind.DURATION_TOO_SHORT, seconds.getAsDouble(),
                    ControlLimits.MIN_DURATION.toSeconds()));
        } else if (seconds.getAsDouble() > ControlLimits.MAX_DURATION.toSeconds()) {
            problems.add(new Problem(Problem.Kind.DURATION_TOO_LONG, seconds.getAsDouble(),
                    ControlLimits.MAX_DURATION.toSeconds()));
        }
        if (watts.isPresent()) {
            double w = watts.getAsDouble();
            if (action.battery()) {
                double cap = Math.min(ControlLimits.MAX_POWER_W, facts.ratedW().orElse(ControlLimits.MAX_POWER_W));
                if (w > cap) {
                    problems.add(new Problem(Problem.Kind.POWER_TOO_HIGH, w, cap));
                } else if (w < ControlLimits.MIN_CHANGE_W) {
                    problems.add(new Problem(Problem.Kind.POWER_TOO_LOW, w, ControlLimits.MIN_CHANGE_W));
                }
            } else if (w < 0) {
                problems.add(new Problem(Problem.Kind.POWER_TOO_LOW, w, 0));
            } else if (facts.ratedW().isPresent() && w > facts.ratedW().getAsDouble()) {
                problems.add(new Problem(Problem.Kind.POWER_TOO_HIGH, w, facts.ratedW().getAsDouble()));
            }
        }
        if (facts.currentW().isEmpty() || (action.battery() && facts.soc().isEmpty())) {
            problems.add(new Problem(Problem.Kind.NO_READING, Double.NaN, Double.NaN));
        } else {
            double soc = facts.soc().orElse(Double.NaN);
            if (action == ControlAction.DISCHARGE && soc < ControlLimits.MIN_SOC_TO_DISCHARGE) {
                problems.add(new Problem(Problem.Kind.SOC_TOO_LOW_TO_DISCHARGE, soc, ControlLimits.MIN_SOC_TO_DISCHARGE));
            }
            if (action == ControlAction.CHARGE && soc > ControlLimits.MAX_SOC_TO_CHARGE) {
                problems.add(new Problem(Problem.Kind.SOC_TOO_HIGH_TO_CHARGE, soc, ControlLimits.MAX_SOC_TO_CHARGE));
            }
            if (watts.isPresent() && problems.isEmpty()) {
                double target = action == ControlAction.CHARGE ? watts.getAsDouble()
                        : action == ControlAction.DISCHARGE ? -watts.getAsDouble() : -watts.getAsDouble();
                double now = facts.currentW().getAsDouble();
                // A PV limit above what the PV makes now changes nothing; a battery already near the setpoint neither.
                double change = action.battery() ? Math.abs(target - now) : target - now;
                if (change < ControlLimits.MIN_CHANGE_W) {
                    problems.add(new Problem(Problem.Kind.CHANGE_TOO_SMALL, now, target));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(Optional.empty(), problems);
        }
        return new Checked(Optional.of(new ControlPlan(zapSerial, zapUri, deviceSn, action, watts.getAsDouble(),
                Duration.ofSeconds((long) seconds.getAsDouble()))), List.of());
    }

    private static OptionalDouble number(String typed) {
        String t = typed == null ? "" : typed.strip().replace(',', '.');
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
