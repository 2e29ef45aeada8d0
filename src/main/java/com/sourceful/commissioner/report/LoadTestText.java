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

    private LoadTestText() {
    }

    /**
     * The verdict. Its arguments: {0} consumption change kW, {1} phase where it showed, {2} expected kW, {3} expected
     * phase, {4} meter change kW, {5} PV change kW, {6} battery change kW, {7} charger change kW.
     */
    public static String verdict(CommissioningSession.LoadTestResult r, ReportTexts t) {
        return t.get("verify.load.result." + r.outcome().toLowerCase(Locale.ROOT), r.measuredDeltaWatts() / 1000,
                phase(r.measuredPhase()), r.expectedWatts() / 1000,
                r.expectedPhase() == 0 ? t.get("verify.load.anyPhase") : phase(r.expectedPhase()),
                r.meterDeltaWatts() / 1000,
                r.pvDeltaWatts() / 1000, r.batteryDeltaWatts() / 1000, r.v2xDeltaWatts() / 1000);
    }

    /** Which DERs the consumption was computed from, and the even-spread assumption where it was made. */
    public static String basis(CommissioningSession.LoadTestResult r, ReportTexts t) {
        String basis;
        if (r.counted().isEmpty()) {
            basis = t.get("verify.load.basisMeterOnly");
        } else {
            List<String> names = new ArrayList<>();
            for (LoadTest.DerId d : r.counted()) {
                names.add(t.getOr("der." + d.type(), d.type()) + " (" + d.deviceSn() + ")");
            }
            basis = t.get("verify.load.basis", String.join(", ", names));
        }
        return r.evenSpreadAssumed() ? basis + " " + t.get("verify.load.evenSpread") : basis;
    }

    /** "L1".."L3", or "–" for 0 (no phase data, or any phase). */
    static String phase(int phase) {
        return phase == 0 ? "–" : "L" + phase;
    }
}
