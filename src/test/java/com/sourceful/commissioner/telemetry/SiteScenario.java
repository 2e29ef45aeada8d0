package com.sourceful.commissioner.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import com.sourceful.commissioner.telemetry.SiteReading.DerPower;

/**
 * A test site whose numbers add up: a house load per phase, PV, a battery (fixed, or following self-consumption
 * within its power limit), a charger and a switchable load; the grid meter reads house + load + PV + battery +
 * charger per phase, PV and battery spread evenly over three phases (they report no phase data), the charger with
 * its own L1–L3 W. Times are seconds after the load test's start; one reading a second.
 */
final class SiteScenario {

    static final long START = 1_750_000_000_000L;

    double[] houseW = {300, 400, 350};
    /** Extra house consumption over time, spread evenly (a heat pump ramping up, say). */
    DoubleUnaryOperator houseDriftW = s -> 0;
    DoubleUnaryOperator pvW = s -> -3000;
    DoubleUnaryOperator batteryW = s -> 0;
    /** The battery keeps the meter at 0 W within ±{@link #batteryMaxW}, after {@link #batteryW}. */
    boolean selfConsumption;
    double batteryMaxW = 5000;
    double chargerW;
    double loadW;
    int loadPhase = 1;
    double loadOnAt = Double.POSITIVE_INFINITY;
    boolean meterReversed;
    boolean meterHasPhases = true;
    /** The device reporting PV and battery: the meter's own (a hybrid inverter) or another one on the Zap. */
    String derDeviceSn = "SG1";

    private double[] housePhases(double s) {
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            p[i] = houseW[i] + houseDriftW.applyAsDouble(s) / 3 + (s >= loadOnAt && loadPhase == i + 1 ? loadW : 0);
        }
        return p;
    }

    double battery(double s) {
        if (!selfConsumption) {
            return batteryW.applyAsDouble(s);
        }
        double[] h = housePhases(s);
        double rest = h[0] + h[1] + h[2] + pvW.applyAsDouble(s) + chargerW;
        return Math.max(-batteryMaxW, Math.min(batteryMaxW, -rest));
    }

    SiteReading at(double s) {
        double pv = pvW.applyAsDouble(s);
        double battery = battery(s);
        double[] house = housePhases(s);
        double[] meter = new double[3];
        double total = 0;
        for (int i = 0; i < 3; i++) {
            meter[i] = (meterReversed ? -1 : 1) * (house[i] + (pv + battery + chargerW) / 3);
            total += meter[i];
        }
        List<DerPower> ders = new ArrayList<>();
        ders.add(new DerPower("pv", derDeviceSn, pv, null));
        ders.add(new DerPower("battery", derDeviceSn, battery, null));
        if (chargerW != 0) {
            double third = chargerW / 3;
            ders.add(new DerPower("v2x_charger", "CH1", chargerW, new double[] {third, third, third}));
        }
        return new SiteReading(START + Math.round(s * 1000), total, meterHasPhases ? meter : null, ders);
    }
}
