package com.sourceful.commissioner.telemetry;

import java.util.List;
import java.util.Map;

import com.sourceful.commissioner.zap.TelemetrySnapshot;

/** TEMPORARY stand-in of the issue 5 contract; replaced by the telemetry branch on merge. */
public final class Plausibility {
    public enum Kind {
        PV_POSITIVE, PV_ABOVE_RATED, SOC_OUT_OF_RANGE, PHASES_DO_NOT_ADD_UP, FREQUENCY_OUT_OF_RANGE,
        BATTERY_SIGN_MISMATCH, CHARGER_SIGN_MISMATCH
    }

    public record Warning(Kind kind, String der, double value, double limit) {
    }

    private Plausibility() {
    }

    public static List<Warning> check(TelemetrySnapshot snapshot, Map<String, Double> ratedPowerW) {
        return List.of();
    }
}
