package com.sourceful.commissioner.control;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.sourceful.commissioner.telemetry.SiteReading;
import com.sourceful.commissioner.zap.TelemetrySnapshot;

/**
 * The whole site at one poll during a control check, in the Zap's signs (pv W &lt; 0 generating, battery W &gt; 0
 * charging, meter W &gt; 0 import, v2x W &gt; 0 charging).
 *
 * @param timestampMs the reading's own time (the device under test's DER block)
 * @param derW        the DER under test (battery or pv of the device)
 * @param soc         the device's battery state of charge 0..1, where it has one
 * @param meterW      the site's grid meter: the device's own meter, else the only meter among the Zap's devices
 * @param otherDersW  every other PV, battery and charger of the site, summed (the device's other DERs included)
 */
public record ControlReading(long timestampMs, double derW, OptionalDouble soc, OptionalDouble meterW,
                             double otherDersW) {

    /**
     * The site from the latest snapshot of every device of the Zap; empty while the device under test has no reading
     * of the DER with W.
     */
    public static Optional<ControlReading> of(String deviceSn, ControlAction action,
                                              Map<String, TelemetrySnapshot> snapshots) {
        TelemetrySnapshot own = snapshots.get(deviceSn);
        if (own == null) {
            return Optional.empty();
        }
        TelemetrySnapshot.Reading der = own.readings().get(action.derType());
        if (der == null || der.watts().isEmpty()) {
            return Optional.empty();
        }
        TelemetrySnapshot.Reading battery = own.readings().get("battery");
        OptionalDouble soc = battery == null ? OptionalDouble.empty() : battery.number("SoC_nom_fract");
        double others = 0;
        OptionalDouble meter = OptionalDouble.empty();
        int meters = 0;
        for (Map.Entry<String, TelemetrySnapshot> e : snapshots.entrySet()) {
            for (String type : SiteReading.DER_TYPES) {
                TelemetrySnapshot.Reading r = e.getValue().readings().get(type);
                boolean underTest = e.getKey().equals(deviceSn) && type.equals(action.derType());
                if (r != null && !underTest) {
                    others += r.watts().orElse(0);
                }
            }
            TelemetrySnapshot.Reading m = e.getValue().readings().get("meter");
            if (m != null && m.watts().isPresent()) {
                meters++;
                if (e.getKey().equals(deviceSn) || meter.isEmpty()) {
                    meter = m.watts();
                }
            }
        }
        // Several meters and none on the device itself: which one is the grid's is not known, so none is used.
        if (meters > 1 && (own.readings().get("meter") == null || own.readings().get("meter").watts().isEmpty())) {
            meter = OptionalDouble.empty();
        }
        return Optional.of(new ControlReading(der.timestampMs(), der.watts().getAsDouble(), soc, meter, others));
    }

    /** The house's consumption: meter minus every DER of the site; empty without a meter. */
    public OptionalDouble houseW() {
        return meterW.isPresent() ? OptionalDouble.of(meterW.getAsDouble() - derW - otherDersW) : OptionalDouble.empty();
    }
}
