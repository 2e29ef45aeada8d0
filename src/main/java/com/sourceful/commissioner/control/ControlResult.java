package com.sourceful.commissioner.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One control check as it went: what was asked, what the site did, the verdict with its numbers, and whether control
 * was given back. Powers in W in the Zap's signs; SoC 0..1.
 *
 * @param setpointW       what was sent: battery W (+ charge, − discharge) or the PV limit W
 * @param plannedSeconds  how long the setpoint was to be held at most
 * @param baselineW       the DER's mean W before control was taken (NaN when no baseline was read)
 * @param reachedW        the DER's mean W over the last readings under the setpoint
 * @param secondsToFollow from the Zap's acceptance of the setpoint to the first of the readings that held it
 * @param meterDeltaW     the grid meter's change, reached minus baseline; empty without a meter
 * @param houseDeltaW     the house's consumption change (meter minus every DER); empty without a meter
 * @param readings        whole-site readings under the setpoint
 * @param problem         what failed (a Zap call, saving), in technical words without secrets
 * @param released        both {@code curtail/disable} and {@code deinit} were accepted after the check
 * @param releaseProblem  why control may not be back, when {@code released} is false
 */
public record ControlResult(String zapSerial, String deviceSn, ControlAction action, double setpointW,
                            long plannedSeconds, Outcome outcome, Stop stop, Limited limitedBy, double baselineW,
                            OptionalDouble reachedW, OptionalDouble secondsToFollow, OptionalDouble meterDeltaW,
                            OptionalDouble houseDeltaW, OptionalDouble socStart, OptionalDouble socEnd, int readings,
                            Instant startedAt, Instant endedAt, Optional<String> problem, boolean released,
                            Optional<String> releaseProblem) {

    public ControlResult {
        Objects.requireNonNull(zapSerial);
        Objects.requireNonNull(deviceSn);
        Objects.requireNonNull(action);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(stop);
        Objects.requireNonNull(limitedBy);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(endedAt);
    }

    /** The verdict. */
    public enum Outcome {
        /** The DER reached the setpoint (within {@link ControlLimits#tolerance}) and held it; the meter agrees. */
        FOLLOWED,
        /** It moved towards the setpoint by at least {@link ControlLimits#MOVED_FRACTION} of the change, not all. */
        FOLLOWED_PARTLY,
        /** It moved less than that, and the meter confirms nothing changed. */
        IGNORED,
        /** The DER's reading and the grid meter disagree (or the house changed meanwhile): no verdict on the DER. */
        READINGS_DISAGREE,
        /** Too few readings, or the DER was already at the setpoint: nothing to judge. */
        NO_VERDICT,
        /** Control was not taken, or the setpoint was not accepted: the device was not tested. */
        NOT_RUN,
        /** The technician stopped the check before a verdict. */
        CANCELLED
    }

    /** Why the check ended. */
    public enum Stop {
        /** The setpoint was reached and held: no need to keep the customer's installation longer. */
        HELD,
        /** The planned time was up. */
        DURATION,
        /** The grid meter showed more import than {@link ControlLimits#MAX_IMPORT_W}. */
        IMPORT_LIMIT,
        /** The battery's SoC left the check's bounds. */
        SOC_LIMIT,
        CANCELLED,
        /** A Zap call failed, or the visit could not be saved. */
        ERROR
    }

    /** For {@link Outcome#FOLLOWED_PARTLY}: what the readings show held it back. */
    public enum Limited {
        NONE,
        /** The battery's SoC reached the check's bound. */
        SOC,
        /** The DER held steady at a lower power than asked (a power or current limit set in the device). */
        HELD_LOWER,
        /** The DER was still moving towards the setpoint when the time was up (a slow ramp). */
        STILL_MOVING
    }
}
