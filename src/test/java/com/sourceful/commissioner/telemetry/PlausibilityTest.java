package com.sourceful.commissioner.telemetry;

import static com.sourceful.commissioner.telemetry.Readings.reading;
import static com.sourceful.commissioner.telemetry.Readings.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonParser;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.telemetry.Plausibility.Kind;
import com.sourceful.commissioner.telemetry.Plausibility.Warning;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;

class PlausibilityTest {

    static List<Warning> check(TelemetrySnapshot s) {
        return Plausibility.check(s, Map.of());
    }

    static List<Kind> kinds(List<Warning> w) {
        return w.stream().map(Warning::kind).toList();
    }

    @Test
    void pvPositive() {
        assertThat(check(snapshot(reading("pv", 1, "W", -3000)))).isEmpty();
        assertThat(check(snapshot(reading("pv", 1, "W", 50)))).as("standby draw at the limit").isEmpty();
        assertThat(check(snapshot(reading("pv", 1, "W", 50.5))))
                .containsExactly(new Warning(Kind.PV_POSITIVE, "pv", 50.5, 50));
        assertThat(check(snapshot(reading("pv", 1, "W", 2500, "rated_power_W", 10_000))))
                .containsExactly(new Warning(Kind.PV_POSITIVE, "pv", 2500, 50));
    }

    @Test
    void pvAboveRatedFromTheBlockOrTheCaller() {
        assertThat(check(snapshot(reading("pv", 1, "W", -5500, "rated_power_W", 5000)))).isEmpty();
        List<Warning> w = check(snapshot(reading("pv", 1, "W", -5501, "rated_power_W", 5000)));
        assertThat(kinds(w)).containsExactly(Kind.PV_ABOVE_RATED);
        assertThat(w.get(0).value()).isEqualTo(-5501);
        assertThat(w.get(0).limit()).isCloseTo(5500, within(1e-6));
        // the caller's rated power wins over the block's
        List<Warning> given = Plausibility.check(snapshot(reading("pv", 1, "W", -4401, "rated_power_W", 5000)),
                Map.of("pv", 4000.0));
        assertThat(kinds(given)).containsExactly(Kind.PV_ABOVE_RATED);
        assertThat(given.get(0).limit()).isCloseTo(4400, within(1e-6));
        assertThat(Plausibility.check(snapshot(reading("pv", 1, "W", -4400, "rated_power_W", 5000)),
                Map.of("pv", 4000.0))).isEmpty();
        // a non-positive given value is ignored; no rated power at all: not checked
        assertThat(Plausibility.check(snapshot(reading("pv", 1, "W", -5400, "rated_power_W", 5000)),
                Map.of("pv", 0.0))).isEmpty();
        assertThat(check(snapshot(reading("pv", 1, "W", -999_999)))).isEmpty();
        // positive and above rated: both
        assertThat(kinds(check(snapshot(reading("pv", 1, "W", 6000, "rated_power_W", 5000)))))
                .containsExactly(Kind.PV_POSITIVE, Kind.PV_ABOVE_RATED);
    }

    @Test
    void socOutOfRange() {
        assertThat(check(snapshot(reading("battery", 1, "SoC_nom_fract", 0)))).isEmpty();
        assertThat(check(snapshot(reading("battery", 1, "SoC_nom_fract", 1)))).isEmpty();
        assertThat(check(snapshot(reading("battery", 1, "SoC_nom_fract", 1.01))))
                .containsExactly(new Warning(Kind.SOC_OUT_OF_RANGE, "battery", 1.01, 1));
        assertThat(check(snapshot(reading("battery", 1, "SoC_nom_fract", -0.01))))
                .containsExactly(new Warning(Kind.SOC_OUT_OF_RANGE, "battery", -0.01, 0));
        assertThat(check(snapshot(reading("battery", 1, "SoC_nom_fract", 55))))
                .as("percent instead of fraction").containsExactly(new Warning(Kind.SOC_OUT_OF_RANGE, "battery", 55, 1));
        assertThat(check(snapshot(reading("v2x_charger", 1, "vehicle_soc_fract", 1)))).isEmpty();
        assertThat(check(snapshot(reading("v2x_charger", 1, "vehicle_soc_fract", 1.2))))
                .containsExactly(new Warning(Kind.SOC_OUT_OF_RANGE, "v2x_charger", 1.2, 1));
    }

    @Test
    void phasesDoNotAddUp() {
        assertThat(check(snapshot(Readings.meter(1, 1000, 300, 400, 400)))).as("off by exactly 100 W").isEmpty();
        assertThat(check(snapshot(Readings.meter(1, 1000, 300, 400, 400.5))))
                .containsExactly(new Warning(Kind.PHASES_DO_NOT_ADD_UP, "meter", 1100.5, 1000));
        assertThat(check(snapshot(Readings.meter(1, 1000, 300, 400, 200)))).as("100 W short").isEmpty();
        assertThat(kinds(check(snapshot(Readings.meter(1, 1000, 300, 400, 199))))).containsExactly(Kind.PHASES_DO_NOT_ADD_UP);
        // a large flow: 5 %
        assertThat(check(snapshot(Readings.meter(1, -10_000, -3500, -3500, -2500)))).as("500 W of 10 kW").isEmpty();
        assertThat(kinds(check(snapshot(Readings.meter(1, -10_000, -3500, -3500, -2499)))))
                .containsExactly(Kind.PHASES_DO_NOT_ADD_UP);
        // only when all are present
        assertThat(check(snapshot(reading("meter", 1, "W", 5000, "L1_W", 1, "L2_W", 1)))).isEmpty();
    }

    @Test
    void frequencyOutOfRange() {
        assertThat(check(snapshot(reading("meter", 1, "Hz", 49), reading("v2x_charger", 1, "Hz", 51)))).isEmpty();
        assertThat(check(snapshot(reading("meter", 1, "Hz", 48.99))))
                .containsExactly(new Warning(Kind.FREQUENCY_OUT_OF_RANGE, "meter", 48.99, 49));
        assertThat(check(snapshot(reading("v2x_charger", 1, "Hz", 51.01))))
                .containsExactly(new Warning(Kind.FREQUENCY_OUT_OF_RANGE, "v2x_charger", 51.01, 51));
        assertThat(kinds(check(snapshot(reading("meter", 1, "Hz", 60))))).containsExactly(Kind.FREQUENCY_OUT_OF_RANGE);
    }

    @Test
    void batterySignMismatch() {
        assertThat(check(snapshot(reading("battery", 1, "W", 2000, "A", 5)))).isEmpty();
        assertThat(check(snapshot(reading("battery", 1, "W", -2000, "A", -5)))).isEmpty();
        assertThat(check(snapshot(reading("battery", 1, "W", 2000, "A", -5))))
                .containsExactly(new Warning(Kind.BATTERY_SIGN_MISMATCH, "battery", 2000, -5));
        assertThat(check(snapshot(reading("battery", 1, "W", -51, "A", 0.51))))
                .containsExactly(new Warning(Kind.BATTERY_SIGN_MISMATCH, "battery", -51, 0.51));
        assertThat(check(snapshot(reading("battery", 1, "W", 50, "A", -5)))).as("idle W").isEmpty();
        assertThat(check(snapshot(reading("battery", 1, "W", 2000, "A", -0.5)))).as("idle A").isEmpty();
        assertThat(check(snapshot(reading("battery", 1, "W", 2000)))).as("no A").isEmpty();
    }

    @Test
    void chargerSignMismatch() {
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "charging", "W", 7360, "dc_W", 7066)))).isEmpty();
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "charging", "W", -50)))).isEmpty();
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "charging", "W", -51))))
                .containsExactly(new Warning(Kind.CHARGER_SIGN_MISMATCH, "v2x_charger", -51, -50));
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "suspended", "W", 50)))).isEmpty();
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "preparing", "W", 800)))).isEmpty();
        for (String status : List.of("suspended", "available", "error", "Suspended")) {
            assertThat(check(snapshot(reading("v2x_charger", 1, "status", status, "W", 51))))
                    .as(status).containsExactly(new Warning(Kind.CHARGER_SIGN_MISMATCH, "v2x_charger", 51, 50));
        }
        // AC and DC sides flowing opposite ways
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "charging", "W", 7000, "dc_W", -6700))))
                .containsExactly(new Warning(Kind.CHARGER_SIGN_MISMATCH, "v2x_charger", -6700, 7000));
        assertThat(kinds(check(snapshot(reading("v2x_charger", 1, "W", -3000, "dc_W", 2900)))))
                .containsExactly(Kind.CHARGER_SIGN_MISMATCH);
        assertThat(check(snapshot(reading("v2x_charger", 1, "W", 3000, "dc_W", -50)))).as("idle DC").isEmpty();
        assertThat(check(snapshot(reading("v2x_charger", 1, "status", "charging")))).as("no W").isEmpty();
    }

    @Test
    void emptySnapshotAndUnknownBlocks() {
        assertThat(check(snapshot())).isEmpty();
        assertThat(check(snapshot(reading("heat_pump", 1, "W", 1e9, "Hz", 0)))).isEmpty();
        assertThat(Plausibility.check(snapshot(reading("pv", 1, "W", -100)), null)).isEmpty();
    }

    // ------------------------------------------------------------------ against the simulator

    static final List<String> CONFIGS = List.of(
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\",\"port\":502,\"unit_id\":1,\"profile\":\"sungrow\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.61\",\"port\":502,\"unit_id\":1,\"profile\":\"solis\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.62\",\"port\":502,\"unit_id\":1,\"profile\":\"deye\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.63\",\"port\":502,\"unit_id\":1,\"profile\":\"sma\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.64\",\"port\":502,\"unit_id\":1,\"profile\":\"huawei\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.65\",\"port\":502,\"unit_id\":1,\"profile\":\"fronius\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.66\",\"port\":502,\"unit_id\":1,\"profile\":\"solaredge\"}",
            "{\"type\":\"p1_uart\",\"baud_rate\":115200,\"data_bits\":8,\"parity\":\"none\"}",
            "{\"type\":\"mqtt\",\"profile\":\"ferroamp\",\"broker_host\":\"192.168.1.70\",\"broker_port\":1883,\"username\":\"extapi\",\"password\":\"pw\"}",
            "{\"type\":\"mqtt\",\"profile\":\"ambibox\",\"broker_host\":\"192.168.1.71\",\"broker_port\":1884,\"username\":\"external-ems\"}");

    static String addDevice(ZapSimulator sim, String config) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.baseUri().resolve("/api/devices"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(config)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JsonParser.parseString(r.body()).getAsJsonObject().get("sn").getAsString();
    }

    @Test
    void cleanSimulatorSnapshotsRaiseNoWarningAtManyClockTimes() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            List<String> sns = new ArrayList<>();
            for (String c : CONFIGS) {
                sns.add(addDevice(sim, c));
            }
            ZapClient zap = new ZapClient(sim.baseUri());
            int checked = 0;
            Set<String> seen = new TreeSet<>();
            // 6 h in steps of 97 s: several sun, battery and load periods, and the EV reaching 95 %
            for (long s = 1; s <= 6 * 3600; s += 97) {
                clock.set(Instant.parse("2026-06-21T10:00:00Z").plusSeconds(s));
                for (String sn : sns) {
                    TelemetrySnapshot snap = zap.telemetry(sn).orElseThrow();
                    seen.addAll(snap.readings().keySet());
                    assertThat(Plausibility.check(snap, Map.of())).as("%s at +%d s", sn, s).isEmpty();
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(2000);
            assertThat(seen).containsExactlyInAnyOrder("pv", "battery", "meter", "v2x_charger");
        }
    }

    @Test
    void simulatorWithAWrongRatedPowerIsFlagged() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            String sn = addDevice(sim, CONFIGS.get(0));
            ZapClient zap = new ZapClient(sim.baseUri());
            boolean flagged = false;
            for (long s = 1; s <= 240; s += 7) {
                clock.set(Instant.parse("2026-06-21T10:00:00Z").plusSeconds(s));
                TelemetrySnapshot snap = zap.telemetry(sn).orElseThrow();
                // the technician typed 3 kW for a 10 kW inverter: around the sun's peak it produces more than 3.3 kW
                flagged |= kinds(Plausibility.check(snap, Map.of("pv", 3000.0))).contains(Kind.PV_ABOVE_RATED);
            }
            assertThat(flagged).isTrue();
        }
    }

    @Test
    void aReviewProposesTheDersThatReadPlausiblyAndLeavesTheUnreadAlone() {
        Plausibility.Review review = Plausibility.review(snapshot(reading("pv", 1000, "W", 2500),
                reading("battery", 1000, "W", 500, "A", 1.2, "SoC_nom_fract", 0.5)), Map.of());
        assertThat(kinds(review.warnings())).containsExactly(Kind.PV_POSITIVE);
        assertThat(review.suspicious("pv")).isTrue();
        assertThat(review.proposal("pv")).as("a wrong sign: not proposed").hasValue(false);
        assertThat(review.suspicious("battery")).isFalse();
        assertThat(review.proposal("battery")).hasValue(true);
        assertThat(review.suspicious("meter")).isFalse();
        assertThat(review.proposal("meter")).as("no reading: the last proposal stands").isEmpty();
    }
}
