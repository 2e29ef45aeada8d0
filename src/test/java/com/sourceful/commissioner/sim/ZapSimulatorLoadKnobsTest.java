package com.sourceful.commissioner.sim;

import com.sourceful.commissioner.testsupport.TestClock;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load-test knobs: a constant house load on one phase, and a meter whose CT is mounted the wrong way round. */
class ZapSimulatorLoadKnobsTest {

    TestClock clock;
    ZapSimulator sim;
    URI base;

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.atNoon();
        sim = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO).clock(clock).start();
        base = sim.baseUri();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    String add(String config) {
        return Http.addDevice(base, config);
    }

    JsonObject snapshot(String sn) {
        Http.Reply r = Http.get(base, "/api/devices/" + sn + "/data/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static double num(JsonObject block, String key) {
        return block.get(key).getAsDouble();
    }

    @Test
    void houseLoadRaisesTheMeterAndOnlyThatPhase() {
        String sg = add(ZapSimulatorTest.SUNGROW);
        String p1 = add(ZapSimulatorTest.P1);
        clock.advance(Duration.ofSeconds(5));
        JsonObject before = snapshot(sg);
        JsonObject p1Before = snapshot(p1);

        sim.addHouseLoad(2000, 2);
        JsonObject after = snapshot(sg);
        JsonObject p1After = snapshot(p1);

        for (JsonObject[] pair : new JsonObject[][] {{before, after}, {p1Before, p1After}}) {
            JsonObject m0 = pair[0].getAsJsonObject("meter");
            JsonObject m1 = pair[1].getAsJsonObject("meter");
            assertThat(num(m1, "W") - num(m0, "W")).isEqualTo(2000);
            assertThat(num(m1, "L1_W")).isEqualTo(num(m0, "L1_W"));
            assertThat(num(m1, "L2_W") - num(m0, "L2_W")).isEqualTo(2000);
            assertThat(num(m1, "L3_W")).isEqualTo(num(m0, "L3_W"));
            assertThat(num(m1, "L2_A")).isGreaterThan(num(m0, "L2_A") + 8);
            assertThat(num(m1, "L1_W") + num(m1, "L2_W") + num(m1, "L3_W")).isEqualTo(num(m1, "W"));
        }
        assertThat(after.get("pv")).isEqualTo(before.get("pv"));
        assertThat(after.get("battery")).isEqualTo(before.get("battery"));

        sim.addHouseLoad(0, 2);
        assertThat(snapshot(sg).get("meter")).isEqualTo(before.get("meter"));
        assertThat(snapshot(p1).get("meter")).isEqualTo(p1Before.get("meter"));
    }

    @Test
    void houseLoadReplacesThePhasesPreviousLoad() {
        String p1 = add(ZapSimulatorTest.P1);
        clock.advance(Duration.ofSeconds(3));
        double w0 = num(snapshot(p1).getAsJsonObject("meter"), "W");
        sim.addHouseLoad(1000, 1);
        sim.addHouseLoad(1500, 1);
        sim.addHouseLoad(500, 3);
        assertThat(num(snapshot(p1).getAsJsonObject("meter"), "W") - w0).isEqualTo(2000);
    }

    @Test
    void invertedMeterNegatesPowerAndCurrentButNotTotals() {
        String sg = add(ZapSimulatorTest.SUNGROW);
        clock.advance(Duration.ofSeconds(30));
        JsonObject normal = snapshot(sg);
        sim.invertMeterSign(true);
        JsonObject inverted = snapshot(sg);
        JsonObject m0 = normal.getAsJsonObject("meter");
        JsonObject m1 = inverted.getAsJsonObject("meter");
        for (String k : new String[] {"W", "L1_W", "L2_W", "L3_W", "L1_A", "L2_A", "L3_A"}) {
            assertThat(num(m1, k)).as(k).isEqualTo(-num(m0, k));
        }
        for (String k : new String[] {"Hz", "L1_V", "total_import_Wh", "total_export_Wh", "timestamp"}) {
            assertThat(m1.get(k)).as(k).isEqualTo(m0.get(k));
        }
        assertThat(inverted.get("pv")).isEqualTo(normal.get("pv"));
        assertThat(inverted.get("battery")).isEqualTo(normal.get("battery"));
        sim.invertMeterSign(false);
        assertThat(snapshot(sg)).isEqualTo(normal);
    }

    @Test
    void loadAndInversionCombine() {
        String p1 = add(ZapSimulatorTest.P1);
        clock.advance(Duration.ofSeconds(3));
        double w0 = num(snapshot(p1).getAsJsonObject("meter"), "W");
        sim.invertMeterSign(true);
        sim.addHouseLoad(2000, 3);
        assertThat(num(snapshot(p1).getAsJsonObject("meter"), "W")).isEqualTo(-(w0 + 2000));
    }

    @Test
    void rejectsABadPhaseOrPower() {
        assertThatThrownBy(() -> sim.addHouseLoad(100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.addHouseLoad(100, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.addHouseLoad(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
