package com.sourceful.commissioner.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sourceful.commissioner.zap.TelemetrySnapshot;

class ControlReadingTest {

    private static TelemetrySnapshot.Reading block(String type, long t, Map<String, Object> values) {
        return new TelemetrySnapshot.Reading(type, "sim", t, values);
    }

    private static TelemetrySnapshot snapshot(TelemetrySnapshot.Reading... readings) {
        Map<String, TelemetrySnapshot.Reading> m = new LinkedHashMap<>();
        for (TelemetrySnapshot.Reading r : readings) {
            m.put(r.type(), r);
        }
        return new TelemetrySnapshot("zap", m);
    }

    @Test
    void theHybridInvertersOwnMeterAndEveryOtherDerOfTheSiteAreRead() {
        Map<String, TelemetrySnapshot> site = new LinkedHashMap<>();
        site.put("INV", snapshot(block("battery", 5000, Map.of("W", 800.0, "SoC_nom_fract", 0.6)),
                block("pv", 5000, Map.of("W", -2000.0)), block("meter", 5000, Map.of("W", -700.0))));
        site.put("EV", snapshot(block("v2x_charger", 4000, Map.of("W", 1100.0))));

        ControlReading r = ControlReading.of("INV", ControlAction.CHARGE, site).orElseThrow();

        assertThat(r.timestampMs()).isEqualTo(5000);
        assertThat(r.derW()).isEqualTo(800);
        assertThat(r.soc().getAsDouble()).isEqualTo(0.6);
        assertThat(r.meterW().getAsDouble()).isEqualTo(-700);
        assertThat(r.otherDersW()).isEqualTo(-2000 + 1100);
        assertThat(r.houseW().getAsDouble()).isEqualTo(-700 - 800 + 2000 - 1100);

        ControlReading pv = ControlReading.of("INV", ControlAction.LIMIT_PV, site).orElseThrow();
        assertThat(pv.derW()).isEqualTo(-2000);
        assertThat(pv.otherDersW()).isEqualTo(800 + 1100);
    }

    @Test
    void aP1MeterOnAnotherDeviceIsTheGridMeterUnlessThereAreSeveral() {
        Map<String, TelemetrySnapshot> site = new LinkedHashMap<>();
        site.put("BAT", snapshot(block("battery", 1, Map.of("W", 0.0, "SoC_nom_fract", 0.5))));
        site.put("P1", snapshot(block("meter", 1, Map.of("W", 450.0))));

        assertThat(ControlReading.of("BAT", ControlAction.CHARGE, site).orElseThrow().meterW().getAsDouble())
                .isEqualTo(450);

        site.put("P1b", snapshot(block("meter", 1, Map.of("W", 30.0))));
        assertThat(ControlReading.of("BAT", ControlAction.CHARGE, site).orElseThrow().meterW()).isEmpty();
    }

    @Test
    void noReadingOfTheDerUnderTestIsNoReading() {
        Map<String, TelemetrySnapshot> site = Map.of("INV", snapshot(block("pv", 1, Map.of("W", -100.0))));

        assertThat(ControlReading.of("INV", ControlAction.CHARGE, site)).isEmpty();
        assertThat(ControlReading.of("OTHER", ControlAction.LIMIT_PV, site)).isEmpty();
    }
}
