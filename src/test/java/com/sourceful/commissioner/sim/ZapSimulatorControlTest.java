package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated Zap's control calls ({@code POST /api/control/{sn}/…}) on the wire, and what the site does with them:
 * a battery that ramps to its setpoint within its rating and SoC, a PV capped at its limit, control given back, and
 * the devices that ignore control or follow it only partly. The clock moves only when the test says so, and every
 * number goes through the meter: meter = house + pv + battery, per phase.
 */
class ZapSimulatorControlTest {

    static final String SERIAL = "zap-04772a97";
    static final String FRONIUS = "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.61\",\"port\":502,\"unit_id\":1,"
            + "\"profile\":\"fronius\"}";

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

    static Http.Reply control(ZapSimulator s, String sn, String action, String body) {
        return Http.send(s.baseUri(), "POST", "/api/control/" + sn + "/" + action, body, null);
    }

    Http.Reply control(String sn, String action, String body) {
        return control(sim, sn, action, body);
    }

    static void accepted(Http.Reply r, String sn, String action) {
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonObject o = r.json();
        assertThat(o.get("status").getAsString()).isEqualTo("queued");
        assertThat(o.get("sn").getAsString()).isEqualTo(sn);
        assertThat(o.get("action").getAsString()).isEqualTo(action);
    }

    void battery(String sn, double w) {
        accepted(control(sn, "init", "{}"), sn, "init");
        accepted(control(sn, "battery", "{\"power_w\":" + w + "}"), sn, "battery");
    }

    JsonObject snapshot(String sn) {
        return ZapSimulatorEnergyBalanceTest.snapshot(sim, sn);
    }

    static double num(JsonObject snap, String block, String key) {
        return ZapSimulatorEnergyBalanceTest.num(snap, block, key);
    }

    /** The meter is the house plus the PV and the battery, per phase (whole watts) — with control as without. */
    void assertBalance(JsonObject s) {
        long t = s.getAsJsonObject("meter").get("timestamp").getAsLong();
        double[] house = sim.site().houseW(t);
        for (int ph = 1; ph <= 3; ph++) {
            double expected = house[ph - 1] + num(s, "pv", "W") / 3 + num(s, "battery", "W") / 3;
            assertThat(num(s, "meter", "L" + ph + "_W")).as("L%d at %d", ph, t).isCloseTo(expected, within(0.5 + 1e-9));
        }
    }

    double houseW(JsonObject s) {
        long t = s.getAsJsonObject("meter").get("timestamp").getAsLong();
        double[] h = sim.site().houseW(t);
        return h[0] + h[1] + h[2];
    }

    /** Readings of the device every second for {@code seconds}, each checked against the meter. */
    List<JsonObject> watch(String sn, int seconds) {
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            JsonObject s = snapshot(sn);
            assertBalance(s);
            out.add(s);
        }
        return out;
    }

    // ---------------------------------------------------------------- the calls

    @Test
    void eachCallIsQueuedWith202AndTheStateShowsWhatTheZapHolds() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        assertThat(sim.controlState(sg)).isEqualTo(new ZapSimulator.ControlState(false, OptionalDouble.empty(),
                OptionalDouble.empty(), 0, 0));
        accepted(control(sg, "init", null), sg, "init");
        Http.Reply bat = control(sg, "battery", "{\"power_w\":-1500,\"command_id\":\"abc-1\"}");
        accepted(bat, sg, "battery");
        assertThat(bat.json().get("command_id").getAsString()).as("echoed").isEqualTo("abc-1");
        accepted(control(sg, "curtail", "{\"power_w\":2500}"), sg, "curtail");
        assertThat(sim.controlState(sg)).isEqualTo(new ZapSimulator.ControlState(true, OptionalDouble.of(-1500),
                OptionalDouble.of(2500), 1, 0));
        assertThat(sim.controlState(sg).released()).isFalse();
        accepted(control(sg, "curtail/disable", "{}"), sg, "curtail/disable");
        assertThat(sim.controlState(sg).pvLimitW()).isEmpty();
        assertThat(sim.controlState(sg).underControl()).isTrue();
        accepted(control(sg, "deinit", "{}"), sg, "deinit");
        assertThat(sim.controlState(sg)).isEqualTo(new ZapSimulator.ControlState(false, OptionalDouble.empty(),
                OptionalDouble.empty(), 1, 1));
        assertThat(sim.controlState(sg).released()).isTrue();
    }

    @Test
    void givingControlBackIsAlwaysAcceptedEvenWithoutInit() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String p1 = Http.addDevice(base, ZapSimulatorTest.P1);
        for (String sn : List.of(sg, p1)) {
            accepted(control(sn, "curtail/disable", "{}"), sn, "curtail/disable");
            accepted(control(sn, "deinit", null), sn, "deinit");
            assertThat(sim.controlState(sn).released()).isTrue();
            assertThat(sim.controlState(sn).deinitCalls()).isEqualTo(1);
        }
    }

    @Test
    void aSetpointOrLimitBeforeInitIsRefusedWith409() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        for (String action : List.of("battery", "curtail")) {
            Http.Reply r = control(sg, action, "{\"power_w\":1000}");
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.json().get("error").getAsString()).isEqualTo("not under control");
            assertThat(r.json().get("message").getAsString()).contains("/init");
        }
        accepted(control(sg, "init", "{}"), sg, "init");
        accepted(control(sg, "deinit", "{}"), sg, "deinit");
        assertThat(control(sg, "battery", "{\"power_w\":1000}").status()).as("not after deinit either").isEqualTo(409);
        assertThat(sim.controlState(sg).batterySetpointW()).isEmpty();
    }

    @Test
    void unknownDeviceWrongMethodAndUnknownActionAnswerAsTheOtherEndpoints() {
        Http.Reply r = control("NOPE123", "init", "{}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").getAsString()).isEqualTo("device not found");
        assertThat(r.json().get("sn").getAsString()).isEqualTo("NOPE123");
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        Http.Reply get = Http.get(base, "/api/control/" + sg + "/battery");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.raw().headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.json().get("error").getAsString()).isEqualTo("method not allowed");
        assertThat(control(sg, "explode", "{}").status()).isEqualTo(404);
        assertThat(Http.post(base, "/api/control/" + sg, "{}").status()).isEqualTo(404);
        assertThat(sim.controlState(sg).initCalls()).isZero();
    }

    @Test
    void aBadPowerIsRefusedWith400AndChangesNothing() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        accepted(control(sg, "init", "{}"), sg, "init");
        for (String body : new String[] {null, "", "[]", "{}", "{\"power_w\":\"1000\"}", "{\"power_w\":null}",
                "{\"power_w\":true}", "{\"power\":1000}", "not json"}) {
            for (String action : List.of("battery", "curtail")) {
                Http.Reply r = control(sg, action, body);
                assertThat(r.status()).as(action + " " + body + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().get("error").getAsString()).contains("power_w");
            }
        }
        Http.Reply negative = control(sg, "curtail", "{\"power_w\":-5}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("field").getAsString()).isEqualTo("power_w");
        assertThat(sim.controlState(sg)).isEqualTo(new ZapSimulator.ControlState(true, OptionalDouble.empty(),
                OptionalDouble.empty(), 1, 0));
    }

    @Test
    void aDeviceWithoutTheDerIsRefusedWith400() {
        String fronius = Http.addDevice(base, FRONIUS);
        accepted(control(fronius, "init", "{}"), fronius, "init");
        Http.Reply r = control(fronius, "battery", "{\"power_w\":1000}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").getAsString()).isEqualTo("no battery");
        assertThat(r.json().get("message").getAsString()).contains("pv, meter");
        accepted(control(fronius, "curtail", "{\"power_w\":1000}"), fronius, "curtail");

        String p1 = Http.addDevice(base, ZapSimulatorTest.P1);
        Http.Reply init = control(p1, "init", "{}");
        assertThat(init.status()).isEqualTo(400);
        assertThat(init.json().get("error").getAsString()).isEqualTo("nothing to control");
        assertThat(sim.controlState(p1).initCalls()).isZero();
    }

    @Test
    void faultsOnTheControlEndpointsWorkAsOnTheOthers() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setFault("/api/control/{sn}/battery", new ZapFault.Status(503));
        accepted(control(sg, "init", "{}"), sg, "init");
        assertThat(control(sg, "battery", "{\"power_w\":1000}").status()).isEqualTo(503);
        assertThat(sim.controlState(sg).batterySetpointW()).as("not carried out").isEmpty();
        sim.setFault("POST /api/control/{sn}/deinit", new ZapFault.Status(500));
        assertThat(control(sg, "deinit", "{}").status()).isEqualTo(500);
        assertThat(sim.controlState(sg).underControl()).isTrue();
        sim.clearFaults();
        accepted(control(sg, "battery", "{\"power_w\":1000}"), sg, "battery");
        assertThat(ZapSimulator.templateOf("/api/control/" + sg + "/curtail/disable"))
                .isEqualTo("/api/control/{sn}/curtail/disable");
        assertThat(ZapSimulator.templateOf("/api/control/" + sg + "/init")).isEqualTo("/api/control/{sn}/init");
        assertThat(ZapSimulator.templateOf("/api/control/" + sg + "/nope")).isNull();
    }

    @Test
    void theKnobsRefuseUnknownDevicesAndBadValues() {
        String fronius = Http.addDevice(base, FRONIUS);
        assertThatThrownBy(() -> sim.controlState("NOPE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.ignoreControl("NOPE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.partialControl(fronius, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.partialControlW(fronius, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.setBatterySoc(fronius, 0.5)).as("no battery")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- the site

    @Test
    void aBatterySetpointTakesEffectAfterTheQueueDelayAndRampsToIt() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0);
        watch(sg, 30);
        JsonObject before = snapshot(sg);
        double b0 = num(before, "battery", "W");
        assertThat(b0).as("self-consumption: covers the house").isCloseTo(-houseW(before), within(150.0));
        clock.advance(Duration.ofMillis(500));
        battery(sg, 1000);
        // In force 1 s after it was accepted, so from the step after next: the reading 0.5 s later does not show it.
        List<JsonObject> after = watch(sg, 20);
        assertThat(num(after.get(0), "battery", "W")).as("queued: not in force yet").isCloseTo(b0, within(100.0));
        double alpha = 1 - Math.exp(-1 / SimSite.BATTERY_TAU_S);
        double prev = num(after.get(0), "battery", "W");
        double w1 = num(after.get(1), "battery", "W");
        assertThat(w1).as("first step of the lag").isCloseTo(prev + alpha * (1000 - prev), within(1.0));
        for (JsonObject s : after.subList(1, after.size())) {
            double w = num(s, "battery", "W");
            assertThat(w).as("on its way up, never past").isGreaterThanOrEqualTo(prev).isLessThanOrEqualTo(1000);
            prev = w;
        }
        JsonObject last = after.get(after.size() - 1);
        assertThat(num(last, "battery", "W")).as("settled on the setpoint").isEqualTo(1000);
        assertThat(num(last, "meter", "W")).as("the meter sees it: the house and the battery both imported")
                .isCloseTo(houseW(last) + 1000, within(1.5));
    }

    @Test
    void aSetpointBeyondTheRatingIsHeldAtTheRating() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0);
        watch(sg, 5);
        battery(sg, 20_000);
        JsonObject s = watch(sg, 30).get(29);
        assertThat(num(s, "battery", "W")).isEqualTo(num(s, "battery", "upper_limit_W")).isEqualTo(5000);
        accepted(control(sg, "battery", "{\"power_w\":-20000}"), sg, "battery");
        s = watch(sg, 30).get(29);
        assertThat(num(s, "battery", "W")).isEqualTo(-5000);
        assertThat(num(s, "meter", "W")).as("exports what the house does not use").isCloseTo(houseW(s) - 5000,
                within(1.5));
    }

    @Test
    void theSocBoundsStopChargeAndDischargeUnderControl() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0);
        watch(sg, 2);
        sim.setBatterySoc(sg, 0.94);
        battery(sg, 5000);
        double socMax = 0;
        for (JsonObject s : watch(sg, 120)) {
            socMax = Math.max(socMax, num(s, "battery", "SoC_nom_fract"));
            assertThat(num(s, "battery", "SoC_nom_fract")).isLessThanOrEqualTo(SimSite.SOC_MAX);
        }
        assertThat(socMax).isEqualTo(SimSite.SOC_MAX);
        assertThat(num(snapshot(sg), "battery", "W")).as("full: stops charging, setpoint or not").isZero();
        sim.setBatterySoc(sg, 0.11);
        accepted(control(sg, "battery", "{\"power_w\":-5000}"), sg, "battery");
        double socMin = 1;
        for (JsonObject s : watch(sg, 120)) {
            socMin = Math.min(socMin, num(s, "battery", "SoC_nom_fract"));
            assertThat(num(s, "battery", "SoC_nom_fract")).isGreaterThanOrEqualTo(SimSite.SOC_MIN);
        }
        assertThat(socMin).isEqualTo(SimSite.SOC_MIN);
        assertThat(num(snapshot(sg), "battery", "W")).as("empty: stops discharging").isZero();
    }

    @Test
    void setBatterySocMovesTheSocFromTheNextStep() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        watch(sg, 3);
        sim.setBatterySoc(sg, 0.2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(num(snapshot(sg), "battery", "SoC_nom_fract")).isCloseTo(0.2, within(0.0005));
    }

    @Test
    void aPvLimitCapsThePvRampingDownAndDisableLiftsIt() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0.6);
        JsonObject before = watch(sg, 5).get(4);
        double rated = num(before, "pv", "rated_power_W");
        double ramp = SimSite.PV_RAMP_FRACTION_PER_S * rated;
        assertThat(-num(before, "pv", "W")).isGreaterThan(5500);
        accepted(control(sg, "init", "{}"), sg, "init");
        accepted(control(sg, "curtail", "{\"power_w\":2000}"), sg, "curtail");
        double prev = -num(before, "pv", "W");
        List<JsonObject> down = watch(sg, 15);
        for (JsonObject s : down) {
            double gen = -num(s, "pv", "W");
            assertThat(prev - gen).as("ramps down at most %s W a second", ramp).isLessThanOrEqualTo(ramp + 200);
            prev = gen;
        }
        double start = -num(before, "pv", "W");
        assertThat(down).as("on its way down for a few seconds, not at once").filteredOn(s -> -num(s, "pv", "W") > 2100
                && -num(s, "pv", "W") < start - 500).hasSizeGreaterThanOrEqualTo(2);
        assertThat(down.subList(8, 15)).allSatisfy(s -> assertThat(num(s, "pv", "W")).isEqualTo(-2000));
        JsonObject capped = down.get(14);
        assertThat(num(capped, "battery", "W")).as("the battery charges less: less surplus")
                .isCloseTo(2000 - houseW(capped), within(250.0));

        accepted(control(sg, "curtail/disable", "{}"), sg, "curtail/disable");
        List<JsonObject> up = watch(sg, 10);
        prev = 2000;
        for (JsonObject s : up) {
            double gen = -num(s, "pv", "W");
            assertThat(gen - prev).as("ramps up at most %s W a second", ramp).isLessThanOrEqualTo(ramp + 200);
            prev = gen;
        }
        assertThat(-num(up.get(9), "pv", "W")).as("uncapped again").isGreaterThan(5500);
    }

    @Test
    void aLiftedCapIsGoneWithinSecondsEvenUnderALowSun() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0.3);
        watch(sg, 5);
        accepted(control(sg, "init", "{}"), sg, "init");
        accepted(control(sg, "curtail", "{\"power_w\":1000}"), sg, "curtail");
        assertThat(num(watch(sg, 10).get(9), "pv", "W")).isEqualTo(-1000);
        accepted(control(sg, "deinit", "{}"), sg, "deinit");
        watch(sg, 11); // (rated − limit) / ramp = 9 s after the queue delay
        sim.setSun(1);
        assertThat(num(watch(sg, 1).get(0), "pv", "W")).as("the full sun at once, as on a device never capped")
                .isEqualTo(-10_000);
    }

    @Test
    void deinitReturnsTheDeviceToSelfConsumptionAndLiftsTheCap() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0.4); // a surplus the battery can take whole: self-consumption brings the grid to zero
        watch(sg, 5);
        battery(sg, -1500);
        accepted(control(sg, "curtail", "{\"power_w\":1000}"), sg, "curtail");
        JsonObject held = watch(sg, 20).get(19);
        assertThat(num(held, "battery", "W")).isEqualTo(-1500);
        assertThat(num(held, "pv", "W")).isEqualTo(-1000);
        accepted(control(sg, "deinit", "{}"), sg, "deinit");
        JsonObject back = watch(sg, 30).get(29);
        assertThat(-num(back, "pv", "W")).as("uncapped").isGreaterThan(3500);
        assertThat(Math.abs(num(back, "meter", "W"))).as("self-consumption: grid near zero").isLessThan(150);
        assertThat(sim.controlState(sg).released()).isTrue();
    }

    @Test
    void anIgnoringDeviceAcceptsEverythingAndChangesNothing() throws Exception {
        ZapSimulator twin = newSim();
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String twinSg = Http.addDevice(twin.baseUri(), ZapSimulatorTest.SUNGROW);
        sim.setSun(0.4);
        twin.setSun(0.4);
        sim.ignoreControl(sg);
        battery(sg, 2000);
        accepted(control(sg, "curtail", "{\"power_w\":500}"), sg, "curtail");
        assertThat(sim.controlState(sg).underControl()).as("the Zap holds it").isTrue();
        for (int i = 0; i < 30; i++) {
            JsonObject s = watch(sg, 1).get(0);
            JsonObject t = ZapSimulatorEnergyBalanceTest.snapshot(twin, twinSg);
            assertThat(s.get("battery")).as("as if nothing was asked").isEqualTo(t.get("battery"));
            assertThat(s.get("pv")).isEqualTo(t.get("pv"));
            assertThat(s.get("meter")).isEqualTo(t.get("meter"));
        }
    }

    @Test
    void aPartlyFollowingDeviceGoesOnlyPartOfTheWay() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0);
        watch(sg, 5);
        sim.partialControl(sg, 0.4);
        battery(sg, 1000);
        assertThat(num(watch(sg, 20).get(19), "battery", "W")).as("40 % of the setpoint").isEqualTo(400);
        sim.partialControlW(sg, 300);
        accepted(control(sg, "battery", "{\"power_w\":-1500}"), sg, "battery");
        JsonObject s = watch(sg, 20).get(19);
        assertThat(num(s, "battery", "W")).as("at most 300 W").isEqualTo(-300);
        assertThat(num(s, "meter", "W")).isCloseTo(houseW(s) - 300, within(1.5));
        sim.followControl(sg);
        assertThat(num(watch(sg, 20).get(19), "battery", "W")).as("all of it again").isEqualTo(-1500);
    }

    @Test
    void aPartlyFollowingPvStopsAboveTheLimit() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        sim.setSun(0.6);
        double output = -num(watch(sg, 5).get(4), "pv", "W");
        sim.partialControl(sg, 0.5);
        accepted(control(sg, "init", "{}"), sg, "init");
        accepted(control(sg, "curtail", "{\"power_w\":2000}"), sg, "curtail");
        double gen = -num(watch(sg, 20).get(19), "pv", "W");
        assertThat(gen).as("half the way from ~%s W down to 2000 W", output)
                .isCloseTo(output - 0.5 * (output - 2000), within(200.0));
    }

    @Test
    void anotherBatteryInSelfConsumptionCompensates() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String fa = Http.addDevice(base, ZapSimulatorTest.FERROAMP);
        sim.setSun(0);
        clock.advance(Duration.ofSeconds(30));
        battery(sg, 1500);
        clock.advance(Duration.ofSeconds(40));
        JsonObject s = snapshot(sg);
        JsonObject other = snapshot(fa);
        assertThat(num(s, "battery", "W")).isEqualTo(1500);
        assertThat(num(other, "battery", "W")).as("the other battery discharges for both")
                .isCloseTo(-1500 - houseW(s), within(150.0));
        assertThat(Math.abs(num(s, "meter", "W"))).as("and the grid stays near zero").isLessThan(150);
    }

    @Test
    void controlIsReplayedLikeTheKnobs() throws Exception {
        ZapSimulator twin = newSim();
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        String twinSg = Http.addDevice(twin.baseUri(), ZapSimulatorTest.SUNGROW);
        sim.setSun(0.5);
        twin.setSun(0.5);
        clock.advance(Duration.ofSeconds(5));
        sim.partialControl(sg, 0.7);
        twin.partialControl(twinSg, 0.7);
        for (ZapSimulator s : List.of(sim, twin)) {
            String sn = s == sim ? sg : twinSg;
            accepted(control(s, sn, "init", "{}"), sn, "init");
            accepted(control(s, sn, "battery", "{\"power_w\":-800}"), sn, "battery");
            accepted(control(s, sn, "curtail", "{\"power_w\":1500}"), sn, "curtail");
        }
        sim.setBatterySoc(sg, 0.3);
        twin.setBatterySoc(twinSg, 0.3);
        watch(sg, 25); // the memo walks along in one, not in the twin
        sim.addHouseLoad(0, 1); // a knob change at the memo's step: the next reading replays from the start
        clock.advance(Duration.ofSeconds(1));
        JsonObject replayed = snapshot(sg);
        JsonObject once = ZapSimulatorEnergyBalanceTest.snapshot(twin, twinSg);
        assertThat(replayed.get("battery")).isEqualTo(once.get("battery"));
        assertThat(replayed.get("pv")).isEqualTo(once.get("pv"));
        assertThat(replayed.get("meter")).isEqualTo(once.get("meter"));
        assertThat(num(replayed, "battery", "W")).isEqualTo(-560);
    }
}
