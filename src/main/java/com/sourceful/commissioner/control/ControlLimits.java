package com.sourceful.commissioner.control;

import java.time.Duration;

/**
 * The limits that keep the customer's installation safe during a control check, and the tolerances of its verdict.
 * Each is shown to the technician before the check starts.
 */
public final class ControlLimits {

    /**
     * The most a check may ask of a battery, W, whatever its rating: enough to stand clear of household noise (a fridge
     * is 100 W, the house wanders by a few hundred) and small enough for any home's main fuse and battery.
     */
    public static final double MAX_POWER_W = 2_000;
    public static final double DEFAULT_POWER_W = 1_000;
    /** Smaller changes drown in the house's own wandering: the verdict would be a guess. */
    public static final double MIN_CHANGE_W = 300;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final Duration MIN_DURATION = Duration.ofSeconds(15);
    /** A check is a check, not a service: the customer's own control is back within two minutes at most. */
    public static final Duration MAX_DURATION = Duration.ofSeconds(120);
    /** No discharge test below this state of charge: the customer keeps a reserve (backup, tomorrow morning). */
    public static final double MIN_SOC_TO_DISCHARGE = 0.20;
    /** No charge test above this state of charge: a nearly full battery cannot show it follows. */
    public static final double MAX_SOC_TO_CHARGE = 0.90;
    /**
     * The check stops at once when the grid meter shows more import than this, W: below a 16 A three-phase main fuse
     * (3 × 230 V × 16 A ≈ 11 kW), the smallest common in Nordic homes.
     */
    public static final double MAX_IMPORT_W = 10_000;

    /** A setpoint is followed when the DER is within this share of the setpoint of it ... */
    public static final double FOLLOW_TOLERANCE_FRACTION = 0.10;
    /** ... or within this many watts, whichever is larger (an inverter's step, a meter's rounding). */
    public static final double FOLLOW_TOLERANCE_MIN_W = 50;
    /** Consecutive readings within tolerance before the setpoint counts as followed (a pass through it does not). */
    public static final int HOLD_READINGS = 3;
    /** A DER that moved less than this share of the change asked for ignored the command. */
    public static final double MOVED_FRACTION = 0.20;
    /**
     * The house's consumption (meter minus every DER) may change by at most this share of the change asked for; more,
     * and the meter and the DER's reading tell different stories (or the house changed): no verdict on the DER.
     */
    public static final double HOUSE_STEADY_FRACTION = 0.50;
    /** Whole-site readings before control is taken, for the baseline. */
    public static final int BASELINE_READINGS = 3;

    private ControlLimits() {
    }

    /** The tolerance around a setpoint, W. */
    public static double tolerance(double setpointW) {
        return Math.max(FOLLOW_TOLERANCE_MIN_W, FOLLOW_TOLERANCE_FRACTION * Math.abs(setpointW));
    }
}
