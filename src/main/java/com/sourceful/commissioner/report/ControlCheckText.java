package com.sourceful.commissioner.report;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlJudge;
import com.sourceful.commissioner.control.ControlLimits;
import com.sourceful.commissioner.control.ControlPlan;
import com.sourceful.commissioner.control.ControlResult;

/**
 * A control check in words, the same on the Verify step and in the report: what will happen (before the technician
 * confirms), the verdict with its numbers, and whether control was given back.
 */
public final class ControlCheckText {

    private ControlCheckText() {
    }

    /**
     * What the check will do to the customer's installation, and the limits that keep it safe. Arguments of
     * {@code control.plan.<action>}: {0} power W, {1} seconds; of {@code control.plan.now.*}: {0} the DER's W now,
     * {1} the grid's change W; of {@code control.plan.limits}: {0} import limit kW, {1} and {2} the SoC the check stops
     * at when discharging and charging, %.
     *
     * @param nowW the DER's W at the latest reading, where known: the grid's change is said from it
     */
    public static String plan(ControlPlan p, OptionalDouble nowW, ReportTexts t) {
        String text = t.get("control.plan." + key(p.action()), p.powerW(), p.duration().toSeconds());
        if (nowW.isPresent()) {
            // The grid sees the DER's change: more charging (or less generating) is more import, and the reverse.
            double change = p.targetW() - nowW.getAsDouble();
            text += " " + t.get(change >= 0 ? "control.plan.now.more" : "control.plan.now.less", nowW.getAsDouble(),
                    Math.abs(change));
        }
        return text + " " + t.get("control.plan.limits", ControlLimits.MAX_IMPORT_W / 1000,
                (ControlLimits.MIN_SOC_TO_DISCHARGE - ControlJudge.SOC_STOP_MARGIN) * 100,
                (ControlLimits.MAX_SOC_TO_CHARGE + ControlJudge.SOC_STOP_MARGIN) * 100);
    }

    /** {@link #plan(ControlPlan, OptionalDouble, ReportTexts)} without the DER's present value. */
    public static String plan(ControlPlan p, ReportTexts t) {
        return plan(p, OptionalDouble.empty(), t);
    }

    /** The setpoint as asked, e.g. "charge +1000 W for 30 s". */
    public static String asked(ControlResult r, ReportTexts t) {
        return t.get("control.asked." + key(r.action()), Math.abs(r.setpointW()), r.plannedSeconds());
    }

    /**
     * The verdict. Arguments: {0} the DER ("the battery"), {1} setpoint W, {2} baseline W, {3} reached W, {4} seconds to
     * follow, {5} meter change W, {6} house change W, {7} SoC at the start %, {8} SoC at the end %, {9} readings.
     */
    public static String verdict(ControlResult r, ReportTexts t) {
        String der = t.get("control.der." + r.action().derType());
        String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
        String text = t.get("control.result." + outcome, der, target(r), r.baselineW(), or(r.reachedW()),
                or(r.secondsToFollow()), or(r.meterDeltaW()), or(r.houseDeltaW()), percent(r.socStart()),
                percent(r.socEnd()), r.readings());
        // {@code control.limited.<limit>}: {0} reached W, {1} SoC at the end %; {@code control.stop.<stop>}: {0} SoC at
        // the end %, {1} the import limit kW.
        if (r.outcome() == ControlResult.Outcome.FOLLOWED && r.secondsToFollow().isPresent()) {
            text += " " + t.get("control.toFollow", r.secondsToFollow().getAsDouble());
        }
        if (r.outcome() == ControlResult.Outcome.FOLLOWED_PARTLY && r.limitedBy() != ControlResult.Limited.NONE) {
            text += " " + t.get("control.limited." + r.limitedBy().name().toLowerCase(Locale.ROOT),
                    or(r.reachedW()), percent(r.socEnd()));
        }
        if (judged(r) && r.outcome() != ControlResult.Outcome.READINGS_DISAGREE && r.meterDeltaW().isPresent()) {
            // The whole balance, so a meter that moved less than the DER (the sun rose, another battery answered)
            // reads as what it is: meter = DER + other DERs + house.
            double meter = r.meterDeltaW().getAsDouble();
            if (r.houseDeltaW().isPresent() && r.reachedW().isPresent() && Double.isFinite(r.baselineW())) {
                double house = r.houseDeltaW().getAsDouble();
                double others = meter - (r.reachedW().getAsDouble() - r.baselineW()) - house;
                text += " " + t.get("control.meter", meter, others, house);
            } else {
                text += " " + t.get("control.meterOnly", meter);
            }
        }
        if (r.outcome() == ControlResult.Outcome.IGNORED) {
            text += " " + t.get("control.ignoredAdvice");
        }
        if (r.stop() == ControlResult.Stop.IMPORT_LIMIT || r.stop() == ControlResult.Stop.SOC_LIMIT) {
            text += " " + t.get("control.stop." + r.stop().name().toLowerCase(Locale.ROOT), percent(r.socEnd()),
                    ControlLimits.MAX_IMPORT_W / 1000);
        }
        if (r.meterDeltaW().isEmpty() && judged(r)) {
            text += " " + t.get("control.noMeter");
        }
        if (r.problem().isPresent()) {
            text += " " + t.get("control.problem", r.problem().get());
        }
        return text;
    }

    /**
     * For a check the device ignored or followed only partly: what its vendor documents say makes it follow an
     * external controller ({@link ProfileCatalogue#controlHintKey}); empty for other verdicts and where none is known.
     * Shown as written (no arguments).
     */
    public static Optional<String> hint(ControlResult r, String profile, ReportTexts t) {
        if (r.outcome() != ControlResult.Outcome.IGNORED && r.outcome() != ControlResult.Outcome.FOLLOWED_PARTLY) {
            return Optional.empty();
        }
        return ProfileCatalogue.controlHintKey(profile).map(key -> t.getOr(key, ""))
                .filter(text -> !text.isBlank());
    }

    /** Whether control was given back, and if not, what to do. */
    public static String release(ControlResult r, ReportTexts t) {
        return r.released() ? t.get("control.released")
                : t.get("control.notReleased", r.releaseProblem().orElse(""));
    }

    /** A verdict on the DER was given (followed, partly, ignored, disagreeing readings). */
    private static boolean judged(ControlResult r) {
        return switch (r.outcome()) {
            case FOLLOWED, FOLLOWED_PARTLY, IGNORED, READINGS_DISAGREE -> true;
            default -> false;
        };
    }

    /** The DER's W the setpoint means: the battery's setpoint, or the PV's generation at its limit (negative). */
    private static double target(ControlResult r) {
        return r.action().battery() ? r.setpointW() : -r.setpointW();
    }

    private static String key(ControlAction a) {
        return switch (a) {
            case CHARGE -> "charge";
            case DISCHARGE -> "discharge";
            case LIMIT_PV -> "limitPv";
        };
    }

    private static double or(OptionalDouble v) {
        return v.orElse(Double.NaN);
    }

    private static double percent(OptionalDouble soc) {
        return soc.isPresent() ? soc.getAsDouble() * 100 : Double.NaN;
    }
}
