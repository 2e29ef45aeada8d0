package com.sourceful.commissioner.telemetry;

import static com.sourceful.commissioner.telemetry.SiteScenario.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.telemetry.LoadTest.DerId;
import com.sourceful.commissioner.telemetry.LoadTest.Outcome;
import com.sourceful.commissioner.telemetry.LoadTest.Verdict;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.TelemetrySnapshot.Reading;
import com.sourceful.commissioner.zap.ZapClient;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The load test judges the house: scenarios from a site whose numbers add up ({@link SiteScenario}), then the same
 * against the simulator.
 */
class LoadTestTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Offset<Double> W = Offset.offset(1.0);

    /** Baseline at -2, -1 and 0 s (load off), started at 0 s, then a reading a second until a verdict. */
    static Verdict run(SiteScenario site, int expectedPhase) {
        LoadTest t = new LoadTest(2000, expectedPhase, TIMEOUT);
        for (int s = -2; s <= 0; s++) {
            t.baseline(site.at(s));
        }
        t.started(Instant.ofEpochMilli(START));
        for (int s = 1; s <= 70; s++) {
            Optional<Verdict> v = t.observe(site.at(s));
            if (v.isPresent()) {
                return v.get();
            }
        }
        throw new AssertionError("no verdict within 70 s");
    }

    static Instant at(int s) {
        return Instant.ofEpochMilli(START + s * 1000L);
    }

    @Test
    void pvRisingWithoutALoadIsNoLoadNeverAMeterVerdict() {
        // The field report: PV rose by 3 kW during the test, nothing was switched on; the meter fell by 3 kW.
        SiteScenario site = new SiteScenario();
        site.pvW = s -> -1000 - 100 * Math.max(0, Math.min(30, s));
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isCloseTo(0, W);
        assertThat(v.meterDeltaW()).isCloseTo(-3000, W);
        assertThat(v.pvDeltaW()).isCloseTo(-3000, W);
        assertThat(v.at()).isEqualTo(at(60));
    }

    @Test
    void aBatteryCompensatingTheLoadIsCountedAndTheLoadPasses() {
        SiteScenario site = new SiteScenario();
        site.selfConsumption = true;
        site.pvW = s -> -1500;
        site.loadW = 2000;
        site.loadPhase = 1;
        site.loadOnAt = 3;
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.consumptionDeltaW()).isCloseTo(2000, W);
        assertThat(v.phase()).isEqualTo(1);
        assertThat(v.meterDeltaW()).as("the battery took the load: the meter barely moved").isCloseTo(0, W);
        assertThat(v.batteryDeltaW()).isCloseTo(-2000, W);
        assertThat(v.counted()).containsExactly(new DerId("pv", "SG1"), new DerId("battery", "SG1"));
        assertThat(v.evenSpreadAssumed()).as("PV and battery have no phase data").isTrue();
        assertThat(v.at()).as("three readings of the step").isEqualTo(at(5));
    }

    @Test
    void nothingSwitchedOnIsNoLoad() {
        Verdict v = run(new SiteScenario(), 2);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isCloseTo(0, W);
        assertThat(v.at()).isEqualTo(at(60));
    }

    @Test
    void aLoadOnAnotherPhaseIsWrongPhase() {
        SiteScenario site = new SiteScenario();
        site.loadW = 2000;
        site.loadPhase = 2;
        site.loadOnAt = 4;
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.WRONG_PHASE);
        assertThat(v.phase()).isEqualTo(2);
        assertThat(v.consumptionDeltaW()).isCloseTo(2000, W);
    }

    @Test
    void aReversedCtWithSteadyPvAndBatteryIsTheMeterReadingBackwards() {
        SiteScenario site = new SiteScenario();
        site.meterReversed = true;
        site.batteryW = s -> 500;
        site.loadW = 2000;
        site.loadOnAt = 3;
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.METER_REVERSED);
        assertThat(v.meterDeltaW()).isCloseTo(-2000, W);
        assertThat(v.consumptionDeltaW()).isCloseTo(-2000, W);
        assertThat(v.pvDeltaW()).isCloseTo(0, W);
        assertThat(v.batteryDeltaW()).isCloseTo(0, W);
        assertThat(v.phase()).isEqualTo(1);
    }

    @Test
    void aReversedCtWhilePvRampsHardGivesNoHardwareVerdictAndNoPass() {
        SiteScenario site = new SiteScenario();
        site.meterReversed = true;
        site.pvW = s -> -1000 - 200 * Math.max(0, Math.min(20, s));
        site.loadW = 2000;
        site.loadOnAt = 3;
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.pvDeltaW()).isCloseTo(-4000, W);

        SiteScenario noLoad = new SiteScenario();
        noLoad.meterReversed = true;
        noLoad.pvW = site.pvW;
        assertThat(run(noLoad, 1).outcome()).as("nothing switched on either").isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    void aSlowDriftIsNotAStep() {
        SiteScenario site = new SiteScenario();
        site.houseDriftW = s -> 50 * Math.max(0, Math.min(30, s));
        Verdict v = run(site, 0);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isCloseTo(1500, W);
    }

    @Test
    void aChargerStepIsCountedAndItsPhaseDataUsed() {
        SiteScenario site = new SiteScenario();
        site.chargerW = 3000;
        site.loadW = 2000;
        site.loadPhase = 3;
        site.loadOnAt = 2;
        Verdict v = run(site, 3);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.counted()).contains(new DerId("v2x_charger", "CH1"));
    }

    @Test
    void aMeterWithoutPhasesJudgesTheTotalAndSaysNoPhase() {
        SiteScenario site = new SiteScenario();
        site.meterHasPhases = false;
        site.loadW = 2000;
        site.loadPhase = 2;
        site.loadOnAt = 2;
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isZero();
        assertThat(v.evenSpreadAssumed()).as("no phases looked at: nothing assumed").isFalse();
    }

    /** A P1 meter's device reports only the meter; PV and battery are another device of the same Zap. */
    @Test
    void aP1MeterIsJudgedWithTheOtherDevicesOfItsZap() {
        SiteScenario site = new SiteScenario();
        site.selfConsumption = true;
        site.pvW = s -> -2500;
        site.loadW = 2000;
        site.loadPhase = 3;
        site.loadOnAt = 3;
        LoadTest wholeSite = new LoadTest(2000, 3, TIMEOUT);
        LoadTest meterAlone = new LoadTest(2000, 3, TIMEOUT);
        for (int s = -2; s <= 0; s++) {
            wholeSite.baseline(SiteReading.of("P1", p1(site, s), Map.of("SG1", hybrid(site, s))).orElseThrow());
            meterAlone.baseline(SiteReading.of("P1", p1(site, s), Map.of()).orElseThrow());
        }
        wholeSite.started(at(0));
        meterAlone.started(at(0));
        Verdict whole = null;
        Verdict alone = null;
        for (int s = 1; s <= 61 && (whole == null || alone == null); s++) {
            Map<String, TelemetrySnapshot> others = Map.of("SG1", hybrid(site, s));
            if (whole == null) {
                whole = wholeSite.observe(SiteReading.of("P1", p1(site, s), others).orElseThrow()).orElse(null);
            }
            if (alone == null) {
                alone = meterAlone.observe(SiteReading.of("P1", p1(site, s), Map.of()).orElseThrow()).orElse(null);
            }
        }
        assertThat(whole).isNotNull();
        assertThat(whole.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(whole.phase()).isEqualTo(3);
        assertThat(whole.consumptionDeltaW()).isCloseTo(2000, W);
        assertThat(whole.counted()).as("the hybrid's own meter is not counted")
                .containsExactly(new DerId("pv", "SG1"), new DerId("battery", "SG1"));
        assertThat(alone.outcome()).as("the meter alone cannot see a load the battery covers")
                .isEqualTo(Outcome.NO_LOAD);
        assertThat(alone.counted()).isEmpty();
    }

    static TelemetrySnapshot p1(SiteScenario site, int s) {
        SiteReading r = site.at(s);
        double[] p = r.meterPhaseW();
        return snapshot(Readings.reading("meter", r.timestampMs(), "W", r.meterW(), "L1_W", p[0], "L2_W", p[1],
                "L3_W", p[2]));
    }

    /** The hybrid inverter's PV and battery, and its own meter (of its own circuit, never counted). */
    static TelemetrySnapshot hybrid(SiteScenario site, int s) {
        long t = START + s * 1000L + 300;
        return snapshot(Readings.reading("pv", t, "W", site.pvW.applyAsDouble(s)),
                Readings.reading("battery", t, "W", site.battery(s), "SoC_nom_fract", 0.5),
                Readings.reading("meter", t, "W", 12345));
    }

    static TelemetrySnapshot snapshot(Reading... readings) {
        Map<String, Reading> m = new LinkedHashMap<>();
        for (Reading r : readings) {
            m.put(r.type(), r);
        }
        return new TelemetrySnapshot("test", m);
    }

    @Test
    void readingsBeforeTheStartOrMissingADerAreSkippedAndTheVerdictStays() {
        SiteScenario site = new SiteScenario();
        site.loadW = 2000;
        site.loadOnAt = 1;
        LoadTest t = new LoadTest(2000, 1, TIMEOUT);
        t.baseline(site.at(-1));
        t.baseline(site.at(0));
        t.started(at(0));
        assertThat(t.observe(site.at(0))).as("not after the start").isEmpty();
        SiteReading full = site.at(1);
        SiteReading withoutBattery = new SiteReading(full.timestampMs(), full.meterW(), full.meterPhaseW(),
                List.of(full.ders().get(0)));
        assertThat(t.observe(withoutBattery)).as("a poll that missed the battery").isEmpty();
        assertThat(t.observe(site.at(1))).isEmpty();
        assertThat(t.observe(site.at(2))).isEmpty();
        Verdict v = t.observe(site.at(3)).orElseThrow();
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(t.observe(new SiteScenario().at(4))).contains(v);
    }

    @Test
    void aDeviceThatStopsAnsweringEndsTheTestInconclusiveAtTheTimeout() {
        SiteScenario site = new SiteScenario();
        LoadTest t = new LoadTest(2000, 1, TIMEOUT);
        t.baseline(site.at(0));
        t.started(at(0));
        for (int s = 1; s < 60; s++) {
            SiteReading full = site.at(s);
            SiteReading pvOnly = new SiteReading(full.timestampMs(), full.meterW(), full.meterPhaseW(),
                    List.of(full.ders().get(0)));
            assertThat(t.observe(pvOnly)).isEmpty();
        }
        SiteReading last = site.at(60);
        Verdict v = t.observe(new SiteReading(last.timestampMs(), last.meterW(), last.meterPhaseW(),
                List.of(last.ders().get(0)))).orElseThrow();
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.batteryDeltaW()).as("taken as unchanged").isZero();
        assertThat(v.consumptionDeltaW()).isCloseTo(0, W);
    }

    @Test
    void misuse() {
        assertThatThrownBy(() -> new LoadTest(0, 1, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(Double.NaN, 1, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(2000, 4, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(2000, -1, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(2000, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        LoadTest noBaseline = new LoadTest(2000, 1, TIMEOUT);
        assertThatThrownBy(() -> noBaseline.started(at(0))).isInstanceOf(IllegalStateException.class);
        LoadTest notStarted = new LoadTest(2000, 1, TIMEOUT);
        notStarted.baseline(new SiteScenario().at(0));
        assertThatThrownBy(() -> notStarted.observe(new SiteScenario().at(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------------ end to end against the simulator

    static final String P1 = "{\"type\":\"p1_uart\",\"baud_rate\":115200,\"data_bits\":8,\"parity\":\"none\"}";
    static final String SUNGROW = "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\",\"port\":502,\"unit_id\":1,"
            + "\"profile\":\"sungrow\"}";

    /**
     * The devices added in order, the first is tested; five whole-site baseline readings a second apart, then the
     * knob (the technician switches the kettle on), then a reading a second until a verdict; all on the test clock.
     * Only the simulator's two knobs (house load, meter sign) are used, so a battery that compensates is fine.
     */
    static Verdict onSimulator(List<String> configs, int expectedPhase, boolean invert, double loadW, int loadPhase)
            throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start();
             ZapClient zap = new ZapClient(sim.baseUri())) {
            String sn = null;
            for (String config : configs) {
                String added = PlausibilityTest.addDevice(sim, config);
                sn = sn == null ? added : sn;
            }
            sim.invertMeterSign(invert);
            SiteReader site = new SiteReader(zap, sn);
            LoadTest test = new LoadTest(2000, expectedPhase, TIMEOUT);
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                test.baseline(site.read().orElseThrow());
            }
            test.started(clock.instant());
            if (loadW != 0) {
                sim.addHouseLoad(loadW, loadPhase);
            }
            for (int i = 0; i < 70; i++) {
                clock.advance(Duration.ofSeconds(1));
                Optional<Verdict> v = test.observe(site.read().orElseThrow());
                if (v.isPresent()) {
                    return v.get();
                }
            }
            throw new AssertionError("no verdict within 70 s of clock time");
        }
    }

    @Test
    void simulatorKettleOnPhaseTwoPasses() throws Exception {
        Verdict v = onSimulator(List.of(P1), 2, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isEqualTo(2);
        assertThat(v.consumptionDeltaW()).isBetween(1700.0, 2300.0);
    }

    @Test
    void simulatorP1WithAHybridInverterOnTheSameZapCountsItsPvAndBattery() throws Exception {
        Verdict v = onSimulator(List.of(P1, SUNGROW), 2, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isEqualTo(2);
        assertThat(v.consumptionDeltaW()).isBetween(1700.0, 2300.0);
        assertThat(v.counted()).extracting(DerId::type).containsExactly("pv", "battery");
    }

    @Test
    void simulatorHybridInverterMeterPassesDespiteBatteryAndPvSwings() throws Exception {
        Verdict v = onSimulator(List.of(SUNGROW), 2, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isEqualTo(2);
    }

    @Test
    void simulatorReversedCtIsTheMeterReadingBackwards() throws Exception {
        Verdict v = onSimulator(List.of(P1), 2, true, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.METER_REVERSED);
        assertThat(v.meterDeltaW()).isBetween(-2300.0, -1700.0);
        assertThat(v.phase()).isEqualTo(2);
    }

    @Test
    void simulatorLoadOnAnotherPhaseIsWrongPhase() throws Exception {
        Verdict v = onSimulator(List.of(P1), 1, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.WRONG_PHASE);
        assertThat(v.phase()).isEqualTo(2);
    }

    @Test
    void simulatorWithoutTheLoadIsNoLoadAfterTheTimeout() throws Exception {
        Verdict v = onSimulator(List.of(P1, SUNGROW), 2, false, 0, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(Math.abs(v.consumptionDeltaW())).isLessThan(1000.0);
    }

    @Test
    void simulatorSmallLoadIsNoLoadWithItsNumbers() throws Exception {
        Verdict v = onSimulator(List.of(P1), 2, false, 600, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isBetween(300.0, 900.0);
    }
}
