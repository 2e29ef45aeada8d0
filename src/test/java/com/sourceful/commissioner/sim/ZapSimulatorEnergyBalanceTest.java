package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One energy balance per simulated site: meters, PV, battery, charger and counters add up at every reading. */
class ZapSimulatorEnergyBalanceTest {

    static final String SERIAL = "zap-04772a97";
    /** Wh per (W × 1 s). */
    static final double WH_PER_WS = 1 / 3600.0;

    TestClock clock;
    final List<ZapSimulator> sims = new ArrayList<>();
    ZapSimulator sim;
    URI base;

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.atNoon();
        sim = newSim();
        base = sim.baseUri();
    }

    ZapSimulator newSim() throws Exception {
        ZapSimulator s = ZapSimulator.builder().serial(SERIAL).addDeviceDelay(Duration.ZERO).clock(clock).start();
        sims.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        sims.forEach(ZapSimulator::close);
    }

    static JsonObject snapshot(ZapSimulator s, String sn) {
        Http.Reply r = Http.get(s.baseUri(), "/api/devices/" + sn + "/data/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    JsonObject snapshot(String sn) {
        return snapshot(sim, sn);
    }

    static double num(JsonObject snap, String block, String key) {
        return snap.getAsJsonObject(block).get(key).getAsDouble();
    }

    @Test
    void everyMeterOnTheSiteIsHousePlusPvPlusBatteryPlusChargerPerPhase() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String p1 = Http.addDevice(base, ZapSimulatorTest.P1);
        String ev = Http.addDevice(base, ZapSimulatorTest.AMBIBOX);
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofSeconds(1));
            if (i == 100) {
                sim.addHouseLoad(2000, 2);
            }
            JsonObject s = snapshot(sg);
            JsonObject p = snapshot(p1);
            JsonObject e = snapshot(ev);
            long t = s.getAsJsonObject("meter").get("timestamp").getAsLong();
            double[] house = sim.site().houseW(t);
            double pv = num(s, "pv", "W");
            double bat = num(s, "battery", "W");
            for (int ph = 1; ph <= 3; ph++) {
                String key = "L" + ph + "_W";
                double expected = house[ph - 1] + pv / 3 + bat / 3 + num(e, "v2x_charger", key);
                assertThat(num(s, "meter", key)).as("%s at %d s", key, i).isCloseTo(expected, within(0.5 + 1e-9));
                assertThat(num(p, "meter", key)).as("the P1 meter reads the same grid point").isEqualTo(
                        num(s, "meter", key));
            }
            assertThat(house[0] + house[1] + house[2] - (i >= 100 ? 2000 : 0)).isBetween(350.0, 1000.0);
        }
    }

    @Test
    void socIntegratesBatteryPowerAndCountersIntegratePowerOverTime() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        clock.advance(Duration.ofSeconds(1));
        JsonObject first = snapshot(sg);
        JsonObject prev = first;
        double chargeWh = 0;
        double dischargeWh = 0;
        double generationWh = 0;
        double importWh = 0;
        double exportWh = 0;
        double batteryWh = 0;
        for (int i = 0; i < 600; i++) {
            if (i == 200) {
                sim.addHouseLoad(3000, 1);
                prev = snapshot(sg); // the load counts from now: the meter shows it at once
            }
            clock.advance(Duration.ofSeconds(1));
            JsonObject now = snapshot(sg);
            // the readings are 1 s apart on the site's steps: power held over a step is what the counters integrate
            double batW = num(prev, "battery", "W");
            double meterW = num(prev, "meter", "W");
            batteryWh += batW * WH_PER_WS;
            chargeWh += Math.max(0, batW) * WH_PER_WS;
            dischargeWh += Math.max(0, -batW) * WH_PER_WS;
            generationWh += -num(prev, "pv", "W") * WH_PER_WS;
            importWh += Math.max(0, meterW) * WH_PER_WS;
            exportWh += Math.max(0, -meterW) * WH_PER_WS;
            for (String[] c : new String[][]{{"pv", "total_generation_Wh"}, {"battery", "total_charge_Wh"},
                    {"battery", "total_discharge_Wh"}, {"meter", "total_import_Wh"}, {"meter", "total_export_Wh"}}) {
                assertThat(num(now, c[0], c[1])).as(c[1]).isGreaterThanOrEqualTo(num(prev, c[0], c[1]));
            }
            assertThat(num(now, "pv", "total_generation_Wh")).as("advances every reading")
                    .isGreaterThan(num(prev, "pv", "total_generation_Wh"));
            prev = now;
        }
        double capacity = num(first, "battery", "capacity_Wh");
        double socChange = num(prev, "battery", "SoC_nom_fract") - num(first, "battery", "SoC_nom_fract");
        assertThat(socChange * capacity).as("SoC change × capacity = ∫ battery W dt")
                .isCloseTo(batteryWh, within(1e-4 * capacity));
        assertThat(Math.abs(socChange)).as("something happened").isGreaterThan(0.001);
        double rounding = 0.011;
        assertThat(delta(first, prev, "battery", "total_charge_Wh")).isCloseTo(chargeWh, within(rounding));
        assertThat(delta(first, prev, "battery", "total_discharge_Wh")).isCloseTo(dischargeWh, within(rounding));
        assertThat(delta(first, prev, "pv", "total_generation_Wh")).isCloseTo(generationWh, within(rounding));
        assertThat(delta(first, prev, "meter", "total_import_Wh")).isCloseTo(importWh, within(rounding));
        assertThat(delta(first, prev, "meter", "total_export_Wh")).isCloseTo(exportWh, within(rounding));
        assertThat(chargeWh).isPositive();
        assertThat(dischargeWh).isPositive();
    }

    static double delta(JsonObject a, JsonObject b, String block, String key) {
        return num(b, block, key) - num(a, block, key);
    }

    @Test
    void batteryStaysWithinItsPowerAndSocLimits() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        clock.advance(Duration.ofSeconds(1));
        double rated = num(snapshot(sg), "battery", "upper_limit_W");
        sim.batteryFixedPower(20_000);
        double maxSoc = 0;
        for (int i = 0; i < 150; i++) {
            clock.advance(Duration.ofSeconds(30));
            JsonObject s = snapshot(sg);
            assertThat(num(s, "battery", "W")).isBetween(0.0, rated);
            maxSoc = Math.max(maxSoc, num(s, "battery", "SoC_nom_fract"));
            assertThat(num(s, "battery", "SoC_nom_fract")).isLessThanOrEqualTo(SimSite.SOC_MAX);
        }
        assertThat(maxSoc).as("full after 75 min at its rated power").isEqualTo(SimSite.SOC_MAX);
        assertThat(num(snapshot(sg), "battery", "W")).as("full: stops charging").isZero();
        sim.batteryFixedPower(-20_000);
        double minSoc = 1;
        for (int i = 0; i < 240; i++) {
            clock.advance(Duration.ofSeconds(30));
            JsonObject s = snapshot(sg);
            assertThat(num(s, "battery", "W")).isBetween(-rated, 0.0);
            minSoc = Math.min(minSoc, num(s, "battery", "SoC_nom_fract"));
            assertThat(num(s, "battery", "SoC_nom_fract")).isGreaterThanOrEqualTo(SimSite.SOC_MIN);
        }
        assertThat(minSoc).isEqualTo(SimSite.SOC_MIN);
        assertThat(num(snapshot(sg), "battery", "W")).as("empty: stops discharging").isZero();
        // self-consumption under a bright sun: surplus > rated, so it charges at its limit and the rest is exported
        sim.batterySelfConsumption();
        sim.setSun(1);
        clock.advance(Duration.ofSeconds(30));
        JsonObject s = snapshot(sg);
        assertThat(num(s, "battery", "W")).isEqualTo(rated);
        assertThat(num(s, "meter", "W")).isNegative();
    }

    @Test
    void batteryFollowsSelfConsumptionWithinSeconds() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0.1);
        clock.advance(Duration.ofSeconds(30));
        JsonObject settled = snapshot(sg);
        assertThat(Math.abs(num(settled, "meter", "W"))).as("self-consumption: grid near zero").isLessThan(150);

        sim.addHouseLoad(2000, 2);
        JsonObject atOnce = snapshot(sg);
        assertThat(atOnce.get("battery")).as("the battery has not measured it yet").isEqualTo(settled.get("battery"));
        assertThat(num(atOnce, "meter", "W") - num(settled, "meter", "W")).isEqualTo(2000);

        clock.advance(Duration.ofSeconds(1));
        double afterOne = num(snapshot(sg), "battery", "W") - num(settled, "battery", "W");
        assertThat(afterOne).as("reacts, but not at once").isBetween(-1500.0, -100.0);

        clock.advance(Duration.ofSeconds(14));
        JsonObject later = snapshot(sg);
        assertThat(num(later, "battery", "W") - num(settled, "battery", "W")).as("discharges ~2 kW more")
                .isBetween(-2250.0, -1750.0);
        assertThat(Math.abs(num(later, "meter", "W"))).as("grid back near zero").isLessThan(150);

        sim.batteryIdle();
        clock.advance(Duration.ofSeconds(15));
        JsonObject idle = snapshot(sg);
        assertThat(num(idle, "battery", "W")).isZero();
        assertThat(num(idle, "meter", "W")).as("now the grid carries the load").isGreaterThan(1500);
    }

    @Test
    void fortyFiveSecondsOfDemoChangeSocByWellUnderOnePercent() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        List<Double> soc = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            clock.advance(Duration.ofSeconds(1));
            soc.add(num(snapshot(sg), "battery", "SoC_nom_fract"));
        }
        double worst = 0;
        for (int i = 45; i < soc.size(); i++) {
            worst = Math.max(worst, Math.abs(soc.get(i) - soc.get(i - 45)));
        }
        assertThat(worst).isLessThan(0.007).isPositive();
    }

    @Test
    void reversedCtNegatesOnlyWhatTheMeterReportsAndTheBatteryStillSeesTheTrueGrid() throws Exception {
        ZapSimulator twin = newSim();
        String sn = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String twinSn = Http.addDevice(twin.baseUri(), ZapSimulatorTest.SUNGROW);
        twin.invertMeterSign(true);
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(1));
            if (i == 20) {
                sim.addHouseLoad(2000, 3);
                twin.addHouseLoad(2000, 3);
            }
            JsonObject normal = snapshot(sn);
            JsonObject reversed = snapshot(twin, twinSn);
            assertThat(reversed.get("pv")).isEqualTo(normal.get("pv"));
            assertThat(reversed.get("battery")).as("regulates on the true grid").isEqualTo(normal.get("battery"));
            for (String k : new String[]{"W", "L1_W", "L2_W", "L3_W", "L1_A", "L2_A", "L3_A"}) {
                assertThat(num(reversed, "meter", k)).as(k).isEqualTo(-num(normal, "meter", k));
            }
            for (String k : new String[]{"total_import_Wh", "total_export_Wh", "Hz", "L1_V"}) {
                assertThat(num(reversed, "meter", k)).as(k).isEqualTo(num(normal, "meter", k));
            }
        }
    }

    @Test
    void theSameKnobsAtTheSameTimesGiveTheSameNumbersHoweverOftenItIsRead() throws Exception {
        ZapSimulator lazy = newSim();
        String sn = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String lazySn = Http.addDevice(lazy.baseUri(), ZapSimulatorTest.SUNGROW);
        for (int i = 0; i < 120; i++) {
            clock.advance(Duration.ofMillis(700));
            if (i == 30) {
                sim.addHouseLoad(1500, 1);
                lazy.addHouseLoad(1500, 1);
            }
            if (i == 60) {
                sim.rampSun(0.2, Duration.ofSeconds(20));
                lazy.rampSun(0.2, Duration.ofSeconds(20));
            }
            if (i == 90) {
                sim.batteryFixedPower(-1000);
                lazy.batteryFixedPower(-1000);
            }
            if (i >= 2) {
                snapshot(sn); // read often (from the first reading on); the lazy twin only at the end
            }
        }
        assertThat(snapshot(lazy, lazySn)).isEqualTo(snapshot(sn));
    }

    @Test
    void theSunCanBeFixedAndRampedWithoutJumps() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0.1);
        clock.advance(Duration.ofSeconds(2));
        double rated = num(snapshot(sg), "pv", "rated_power_W");
        assertThat(-num(snapshot(sg), "pv", "W")).isCloseTo(0.1 * rated, within(0.03 * rated));
        sim.rampSun(0.7, Duration.ofSeconds(60));
        double last = num(snapshot(sg), "pv", "W");
        for (int i = 1; i <= 70; i++) {
            clock.advance(Duration.ofSeconds(1));
            double w = num(snapshot(sg), "pv", "W");
            assertThat(Math.abs(w - last)).as("no jump at %d s", i).isLessThan(0.6 * rated / 60 + 0.02 * rated);
            if (i == 30) {
                assertThat(-w).isCloseTo(0.4 * rated, within(0.03 * rated));
            }
            last = w;
        }
        assertThat(-last).isCloseTo(0.7 * rated, within(0.03 * rated));
    }
}
