package com.sourceful.commissioner.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.TelemetrySnapshot.Reading;

/**
 * The whole site at one reading of the grid meter: the meter's W (and L1–L3 W where it has them) and every PV,
 * battery and charger of the Zap, whichever device reports it. Signs as the Zap documents them (meter W &gt; 0 import,
 * pv W &lt; 0 generating, battery W &gt; 0 charging, v2x W &gt; 0 charging), so at every instant
 * {@code meter = house + pv + battery + v2x}: the house's consumption is what the meter sees minus the DERs.
 *
 * @param meterPhaseW L1–L3 W, or null when the meter has no phase data
 * @param ders        the site's PV, batteries and chargers at this reading
 */
public record SiteReading(long timestampMs, double meterW, double[] meterPhaseW, List<DerPower> ders) {

    /** DER types whose power flows through the grid meter besides the house. */
    public static final List<String> DER_TYPES = List.of("pv", "battery", "v2x_charger");

    public SiteReading {
        ders = List.copyOf(ders);
        if (meterPhaseW != null && meterPhaseW.length != 3) {
            throw new IllegalArgumentException("meterPhaseW must have 3 phases");
        }
    }

    /** The {@link DerPower#key() keys} of the DERs in this reading. */
    public Set<String> derKeys() {
        Set<String> keys = new LinkedHashSet<>();
        ders.forEach(d -> keys.add(d.key()));
        return keys;
    }

    /**
     * One DER's power.
     *
     * @param deviceSn the Zap device that reports it (a hybrid inverter reports pv and battery)
     * @param phaseW   L1–L3 W, or null when the DER has no phase data (then it is taken as spread evenly)
     */
    public record DerPower(String type, String deviceSn, double watts, double[] phaseW) {

        /** Identifies the DER across readings. */
        public String key() {
            return type + "@" + deviceSn;
        }

        /** Its W on phase index 0..2: the phase's own W, or a third of the total without phase data. */
        double onPhase(int index) {
            return phaseW == null ? watts / 3 : phaseW[index];
        }
    }

    /**
     * The site as the meter's device and the Zap's other devices reported it in one poll; empty when the meter's
     * device has no meter reading with W. Other devices' meters are not counted (they measure part of the house).
     *
     * @param meterSn the device whose meter is tested
     * @param others  the latest snapshot of every other device of the Zap, by serial number
     */
    public static Optional<SiteReading> of(String meterSn, TelemetrySnapshot own,
                                           Map<String, TelemetrySnapshot> others) {
        Reading meter = own.readings().get("meter");
        if (meter == null || meter.watts().isEmpty()) {
            return Optional.empty();
        }
        List<DerPower> ders = new ArrayList<>();
        addDers(meterSn, own, ders);
        others.forEach((sn, snapshot) -> {
            if (!sn.equals(meterSn)) {
                addDers(sn, snapshot, ders);
            }
        });
        return Optional.of(new SiteReading(meter.timestampMs(), meter.watts().getAsDouble(), phases(meter), ders));
    }

    private static void addDers(String sn, TelemetrySnapshot snapshot, List<DerPower> into) {
        for (String type : DER_TYPES) {
            Reading r = snapshot.readings().get(type);
            if (r != null && r.watts().isPresent()) {
                into.add(new DerPower(type, sn, r.watts().getAsDouble(), phases(r)));
            }
        }
    }

    /** L1_W, L2_W and L3_W, or null unless all three are there. */
    static double[] phases(Reading r) {
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            OptionalDouble v = r.number("L" + (i + 1) + "_W");
            if (v.isEmpty()) {
                return null;
            }
            p[i] = v.getAsDouble();
        }
        return p;
    }
}
