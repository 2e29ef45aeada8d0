package com.sourceful.commissioner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.telemetry.LoadTest;

/**
 * A load test's verdict in words, with its numbers, the same on the Verify step and in the report: the verdict, then
 * which DERs were taken into account and what was assumed about their phases.
 */
public final class LoadTestText {

    /** The texts of one language: the app's (Messages::get) or the report's (ReportTexts::get). */
    @FunctionalInterface
    public interface Texts {
        String get(String key, Object... args);
    }

    private LoadTestText() {
    }

    /**
     * The verdict. Its arguments: {0} consumption change kW, {1} phase where it showed, {2} expected kW, {3} expected
     * phase, {4} meter change kW, {5} PV change kW, {6} battery change kW, {7} charger change kW.
     */
    public static String verdict(CommissioningSession.LoadTestResult r, Texts t) {
        return t.get("verify.load.result." + r.outcome().toLowerCase(Locale.ROOT), r.measuredDeltaWatts() / 1000,
                phase(r.measuredPhase(), "–"), r.expectedWatts() / 1000,
                phase(r.expectedPhase(), t.get("verify.load.anyPhase")), r.meterDeltaWatts() / 1000,
                r.pvDeltaWatts() / 1000, r.batteryDeltaWatts() / 1000, r.v2xDeltaWatts() / 1000);
    }

    /** Which DERs the consumption was computed from, and the even-spread assumption where it was made. */
    public static String basis(CommissioningSession.LoadTestResult r, Texts t) {
        String basis;
        if (r.counted().isEmpty()) {
            basis = t.get("verify.load.basisMeterOnly");
        } else {
            List<String> names = new ArrayList<>();
            for (LoadTest.DerId d : r.counted()) {
                String name = t.get("der." + d.type());
                names.add((name.startsWith("!") ? d.type() : name) + " (" + d.deviceSn() + ")");
            }
            basis = t.get("verify.load.basis", String.join(", ", names));
        }
        return r.evenSpreadAssumed() ? basis + " " + t.get("verify.load.evenSpread") : basis;
    }

    private static String phase(int phase, String none) {
        return phase == 0 ? none : "L" + phase;
    }
}
