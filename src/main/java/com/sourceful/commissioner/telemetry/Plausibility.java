package com.sourceful.commissioner.telemetry;

import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.TelemetrySnapshot.Reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Sign and plausibility checks on one snapshot, per the documented conventions (zap-local-api.md "Signs"): pv W &lt; 0
 * generating; battery W, A &gt; 0 charging; meter W &gt; 0 import; v2x W &gt; 0 charging. A field that is missing is
 * not checked. DERs are the snapshot's block types ({@code pv}, {@code battery}, {@code meter}, {@code v2x_charger}).
 */
public final class Plausibility {

    /** PV may draw a little at night (standby, fans); more than this while "generating" is a wrong sign. */
    public static final double PV_STANDBY_W = 50;
    /** Inverters meet their nameplate within a few percent; more than 10 % over it is a wrong rated power or CT. */
    public static final double PV_RATED_MARGIN = 1.1;
    /** SoC is documented as a fraction 0..1; anything outside is a percent mix-up or a bad register. */
    public static final double SOC_MIN = 0;
    public static final double SOC_MAX = 1;
    /** Phases are rounded and sampled a moment apart, so they need not add up to the watt. */
    public static final double PHASE_SUM_TOLERANCE_W = 100;
    /** ... and on a large flow, a small share of it. */
    public static final double PHASE_SUM_TOLERANCE_FRACTION = 0.05;
    /** A 50 Hz grid stays well within ±1 Hz outside of emergencies; outside it is a wrong register or scaling. */
    public static final double HZ_MIN = 49;
    public static final double HZ_MAX = 51;
    /** Idle batteries show a few watts of either sign; below this the sign of W means nothing. */
    public static final double BATTERY_IDLE_W = 50;
    /** DC current sensor noise at idle (0.5 A is 25 W at 48 V, 200 W at 400 V). */
    public static final double BATTERY_IDLE_A = 0.5;
    /** A charger's own consumption and measurement noise; beyond this the power really flows. */
    public static final double CHARGER_IDLE_W = 50;

    /** Charger statuses in which power may flow into the vehicle. */
    private static final Set<String> CHARGER_MAY_CHARGE = Set.of("charging", "preparing");

    public enum Kind {
        /** pv W &gt; +50 W: generating PV must read negative (CT or sign configured the wrong way). value W, limit +50. */
        PV_POSITIVE,
        /**
         * |pv W| &gt; 1.1 × rated power (from the DER's rated power given by the caller, else the block's
         * rated_power_W). value W, limit 1.1 × rated.
         */
        PV_ABOVE_RATED,
        /** battery SoC_nom_fract or v2x vehicle_soc_fract outside 0..1. value the SoC, limit the bound broken. */
        SOC_OUT_OF_RANGE,
        /**
         * meter |L1_W+L2_W+L3_W − W| &gt; max(100 W, 5 % of |W|) (only when all four are present). value the phase
         * sum, limit the meter's W (the expected value).
         */
        PHASES_DO_NOT_ADD_UP,
        /** meter or charger Hz outside 49..51. value Hz, limit the bound broken. */
        FREQUENCY_OUT_OF_RANGE,
        /**
         * battery W and A of opposite signs, |W| &gt; 50 W and |A| &gt; 0.5 A (power and current must agree on
         * charging). value W, limit A (the value it disagrees with).
         */
        BATTERY_SIGN_MISMATCH,
        /**
         * v2x charger whose power flow contradicts its status or its DC side: (a) status "charging" but W &lt; −50 W
         * (value W, limit −50); (b) W &gt; +50 W while the status is neither "charging" nor "preparing" (suspended,
         * available, error: nothing should flow into the car; value W, limit +50); (c) AC W and dc_W of opposite
         * signs, both beyond 50 W (the AC and DC side of one conversion flow the same way; value dc_W, limit W).
         * Note: the documented statuses have no "discharging"; if a V2G discharge is reported under "charging",
         * rule (a) fires on it — check against real Ambibox data.
         */
        CHARGER_SIGN_MISMATCH
    }

    /**
     * @param value the offending value
     * @param limit the bound it broke (or the expected value; see each {@link Kind})
     */
    public record Warning(Kind kind, String der, double value, double limit) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s: %.3f (limit %.3f)", kind, der, value, limit);
        }
    }

    /**
     * One snapshot's warnings and what they mean for publishing: a DER with a reading and no warning is proposed, one
     * with a warning is not; a DER without a reading in this snapshot keeps whatever was proposed before.
     */
    public record Review(List<Warning> warnings, Set<String> reported) {

        public Review {
            warnings = List.copyOf(warnings);
            reported = Set.copyOf(reported);
        }

        /** Some warning names {@code der}. */
        public boolean suspicious(String der) {
            return warnings.stream().anyMatch(w -> w.der().equals(der));
        }

        /** Whether to propose {@code der} for publishing; empty when this snapshot has no reading of it. */
        public Optional<Boolean> proposal(String der) {
            return reported.contains(der) ? Optional.of(!suspicious(der)) : Optional.empty();
        }
    }

    private Plausibility() {
    }

    /** {@link #check} with what it means for publishing each DER. */
    public static Review review(TelemetrySnapshot snapshot, Map<String, Double> ratedPowerW) {
        return new Review(check(snapshot, ratedPowerW), snapshot.readings().keySet());
    }

    /**
     * @param ratedPowerW rated power per DER type, where the technician or the Zap knows it (may be empty; a value
     *                    not above 0 is ignored)
     */
    public static List<Warning> check(TelemetrySnapshot snapshot, Map<String, Double> ratedPowerW) {
        List<Warning> out = new ArrayList<>();
        Map<String, Double> rated = ratedPowerW == null ? Map.of() : ratedPowerW;
        Reading pv = snapshot.readings().get("pv");
        if (pv != null) {
            checkPv(pv, rated.get("pv"), out);
        }
        Reading battery = snapshot.readings().get("battery");
        if (battery != null) {
            checkSoc("battery", battery.number("SoC_nom_fract"), out);
            checkBattery(battery, out);
        }
        Reading meter = snapshot.readings().get("meter");
        if (meter != null) {
            checkPhases(meter, out);
            checkHz("meter", meter, out);
        }
        Reading v2x = snapshot.readings().get("v2x_charger");
        if (v2x != null) {
            checkSoc("v2x_charger", v2x.number("vehicle_soc_fract"), out);
            checkHz("v2x_charger", v2x, out);
            checkCharger(v2x, out);
        }
        return List.copyOf(out);
    }

    private static void checkPv(Reading pv, Double ratedGiven, List<Warning> out) {
        OptionalDouble w = pv.watts();
        if (w.isEmpty()) {
            return;
        }
        double watts = w.getAsDouble();
        if (watts > PV_STANDBY_W) {
            out.add(new Warning(Kind.PV_POSITIVE, "pv", watts, PV_STANDBY_W));
        }
        double rated = ratedGiven != null && ratedGiven > 0 ? ratedGiven : pv.number("rated_power_W").orElse(0);
        if (rated > 0 && Math.abs(watts) > PV_RATED_MARGIN * rated) {
            out.add(new Warning(Kind.PV_ABOVE_RATED, "pv", watts, PV_RATED_MARGIN * rated));
        }
    }

    private static void checkSoc(String der, OptionalDouble soc, List<Warning> out) {
        if (soc.isEmpty()) {
            return;
        }
        double s = soc.getAsDouble();
        if (s < SOC_MIN) {
            out.add(new Warning(Kind.SOC_OUT_OF_RANGE, der, s, SOC_MIN));
        } else if (s > SOC_MAX) {
            out.add(new Warning(Kind.SOC_OUT_OF_RANGE, der, s, SOC_MAX));
        }
    }

    private static void checkBattery(Reading battery, List<Warning> out) {
        OptionalDouble w = battery.watts();
        OptionalDouble a = battery.number("A");
        if (w.isEmpty() || a.isEmpty()) {
            return;
        }
        double watts = w.getAsDouble();
        double amps = a.getAsDouble();
        boolean opposite = (watts > BATTERY_IDLE_W && amps < -BATTERY_IDLE_A)
                || (watts < -BATTERY_IDLE_W && amps > BATTERY_IDLE_A);
        if (opposite) {
            out.add(new Warning(Kind.BATTERY_SIGN_MISMATCH, "battery", watts, amps));
        }
    }

    private static void checkPhases(Reading meter, List<Warning> out) {
        OptionalDouble w = meter.watts();
        OptionalDouble l1 = meter.number("L1_W");
        OptionalDouble l2 = meter.number("L2_W");
        OptionalDouble l3 = meter.number("L3_W");
        if (w.isEmpty() || l1.isEmpty() || l2.isEmpty() || l3.isEmpty()) {
            return;
        }
        double total = w.getAsDouble();
        double sum = l1.getAsDouble() + l2.getAsDouble() + l3.getAsDouble();
        double tolerance = Math.max(PHASE_SUM_TOLERANCE_W, PHASE_SUM_TOLERANCE_FRACTION * Math.abs(total));
        if (Math.abs(sum - total) > tolerance) {
            out.add(new Warning(Kind.PHASES_DO_NOT_ADD_UP, "meter", sum, total));
        }
    }

    private static void checkHz(String der, Reading r, List<Warning> out) {
        OptionalDouble hz = r.number("Hz");
        if (hz.isEmpty()) {
            return;
        }
        double f = hz.getAsDouble();
        if (f < HZ_MIN) {
            out.add(new Warning(Kind.FREQUENCY_OUT_OF_RANGE, der, f, HZ_MIN));
        } else if (f > HZ_MAX) {
            out.add(new Warning(Kind.FREQUENCY_OUT_OF_RANGE, der, f, HZ_MAX));
        }
    }

    private static void checkCharger(Reading v2x, List<Warning> out) {
        OptionalDouble w = v2x.watts();
        if (w.isEmpty()) {
            return;
        }
        double watts = w.getAsDouble();
        Optional<String> status = v2x.text("status").map(s -> s.trim().toLowerCase(Locale.ROOT));
        if (status.isPresent()) {
            if (status.get().equals("charging") && watts < -CHARGER_IDLE_W) {
                out.add(new Warning(Kind.CHARGER_SIGN_MISMATCH, "v2x_charger", watts, -CHARGER_IDLE_W));
                return;
            }
            if (watts > CHARGER_IDLE_W && !CHARGER_MAY_CHARGE.contains(status.get())) {
                out.add(new Warning(Kind.CHARGER_SIGN_MISMATCH, "v2x_charger", watts, CHARGER_IDLE_W));
                return;
            }
        }
        OptionalDouble dc = v2x.number("dc_W");
        if (dc.isPresent()) {
            double dcW = dc.getAsDouble();
            if ((watts > CHARGER_IDLE_W && dcW < -CHARGER_IDLE_W) || (watts < -CHARGER_IDLE_W && dcW > CHARGER_IDLE_W)) {
                out.add(new Warning(Kind.CHARGER_SIGN_MISMATCH, "v2x_charger", dcW, watts));
            }
        }
    }
}
