package com.sourceful.commissioner.telemetry;

import static com.sourceful.commissioner.telemetry.SiteScenario.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.StackWalker.StackFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PropertyResourceBundle;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.report.LoadTestText;
import com.sourceful.commissioner.report.ReportTexts;
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
    void aReversedCtWhoseBatteryAnswersTheLoadIsInconclusiveNotNoLoad() {
        // The battery regulates on the true grid: it covers the load with a 2.5 s lag, so the consumption read through
        // a meter reading backwards goes from -2 kW to +2 kW over several readings. The load was there; no step.
        SiteScenario site = new SiteScenario();
        site.meterReversed = true;
        site.loadW = 2000;
        site.loadOnAt = 3;
        site.batteryW = s -> 1950 - (s < 4 ? 0 : 2000 * (1 - Math.exp(-(s - 4) / 2.5)));
        Verdict v = run(site, 1);
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.consumptionDeltaW()).isCloseTo(2000, Offset.offset(5.0));
        assertThat(v.batteryDeltaW()).isCloseTo(-2000, Offset.offset(5.0));
        assertThat(v.at()).isEqualTo(at(60));
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

    /** A knob turned on the simulator at a second of the test: 0 is Start, 1.. the readings after it. */
    @FunctionalInterface
    interface Knob {
        void turn(ZapSimulator sim, int second);
    }

    /**
     * A run on the simulator: the verdict, and the meter's and the batteries' change against the baseline once the
     * site settled ({@link #SETTLE_S} s after the verdict, the knobs left as they were).
     */
    record SimRun(Verdict verdict, double settledMeterDeltaW, double settledBatteryDeltaW) { }

    static final int SETTLE_S = 20;

    /**
     * The devices added in order, the first is tested; {@code before} turns the knobs, the site runs 30 s on the test
     * clock (the battery settles), five whole-site baseline readings a second apart, then Start, then a reading a
     * second until a verdict; {@code during} is turned at Start and before each reading. Deterministic: all on the
     * test clock, no sleeps.
     */
    static SimRun onSimulator(List<String> configs, int expectedPhase, Knob before, Knob during) throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start();
             ZapClient zap = new ZapClient(sim.baseUri())) {
            String sn = null;
            for (String config : configs) {
                String added = PlausibilityTest.addDevice(sim, config);
                sn = sn == null ? added : sn;
            }
            before.turn(sim, -1);
            clock.advance(Duration.ofSeconds(30));
            SiteReader site = new SiteReader(zap, sn);
            LoadTest test = new LoadTest(2000, expectedPhase, TIMEOUT);
            double meter = 0;
            double battery = 0;
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                SiteReading r = site.read().orElseThrow();
                test.baseline(r);
                meter += r.meterW() / 5;
                battery += batteryW(r) / 5;
            }
            test.started(clock.instant());
            during.turn(sim, 0);
            for (int i = 1; i <= 70; i++) {
                clock.advance(Duration.ofSeconds(1));
                during.turn(sim, i);
                Optional<Verdict> v = test.observe(site.read().orElseThrow());
                if (v.isPresent()) {
                    clock.advance(Duration.ofSeconds(SETTLE_S));
                    SiteReading settled = site.read().orElseThrow();
                    SimRun run = new SimRun(v.get(), settled.meterW() - meter, batteryW(settled) - battery);
                    // the verdict as the technician reads it, for the note (which scenario: the test's name)
                    String scenario = StackWalker.getInstance().walk(frames -> frames.map(StackFrame::getMethodName)
                            .filter(name -> name.startsWith("simulator")).findFirst().orElse("?"));
                    System.out.printf(Locale.ROOT, "LOADTEST %s: %s [%d s later: meter %+.0f W, battery %+.0f W]%n",
                            scenario, englishText(run.verdict(), expectedPhase), SETTLE_S, run.settledMeterDeltaW(),
                            run.settledBatteryDeltaW());
                    return run;
                }
            }
            throw new AssertionError("no verdict within 70 s of clock time");
        }
    }

    /** The pre-energy-balance form: a load of {@code loadW} on {@code loadPhase} switched on at Start. */
    static Verdict onSimulator(List<String> configs, int expectedPhase, boolean invert, double loadW, int loadPhase)
            throws Exception {
        return onSimulator(configs, expectedPhase, (sim, s) -> sim.invertMeterSign(invert), (sim, s) -> {
            if (s == 0 && loadW != 0) {
                sim.addHouseLoad(loadW, loadPhase);
            }
        }).verdict();
    }

    static Knob none() {
        return (sim, s) -> { };
    }

    static Knob loadAtStart(double watts, int phase) {
        return (sim, s) -> {
            if (s == 0) {
                sim.addHouseLoad(watts, phase);
            }
        };
    }

    private static double batteryW(SiteReading r) {
        return r.ders().stream().filter(d -> d.type().equals("battery")).mapToDouble(SiteReading.DerPower::watts).sum();
    }

    static final String ENGLISH_MESSAGES = "/com/sourceful/commissioner/ui/messages.properties";

    /** The verdict as the Verify step and the report word it, in English (messages.properties). */
    static String englishText(Verdict v, int expectedPhase) throws IOException {
        ReportTexts texts;
        try (InputStream in = LoadTestTest.class.getResourceAsStream(ENGLISH_MESSAGES);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            texts = new ReportTexts(new PropertyResourceBundle(reader), Locale.ENGLISH);
        }
        CommissioningSession.LoadTestResult result = new CommissioningSession.LoadTestResult("SN", 2000, expectedPhase,
                v.outcome().name(), v.consumptionDeltaW(), v.phase(), v.at(), v.meterDeltaW(), v.pvDeltaW(),
                v.batteryDeltaW(), v.v2xDeltaW(), v.counted(), v.evenSpreadAssumed());
        return LoadTestText.verdict(result, texts) + " " + LoadTestText.basis(result, texts);
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

    // ------------------------------------------------------------------ scenarios against the energy balance

    static final List<String> HYBRID = List.of(SUNGROW);
    static final List<String> P1_AND_HYBRID = List.of(P1, SUNGROW);

    /** The sun from 10 % to 90 % of 10 kW within 20 s of Start: PV output rises by 8 kW, the meter falls by it. */
    static Knob sunRampsHard() {
        return (sim, s) -> {
            if (s == 0) {
                sim.rampSun(0.9, Duration.ofSeconds(20));
            }
        };
    }

    static void assertPvRampWithoutLoadIsNoLoad(List<String> configs) throws Exception {
        Verdict v = onSimulator(configs, 1, (sim, s) -> sim.setSun(0.1), sunRampsHard()).verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isBetween(-300.0, 300.0);
        assertThat(v.pvDeltaW()).isBetween(-8500.0, -7500.0);
        // the battery charges what it can of the surplus; the meter takes the rest: far beyond a 2 kW load
        assertThat(v.batteryDeltaW()).isGreaterThan(2000.0);
        assertThat(v.meterDeltaW()).isLessThan(-2000.0);
        assertThat(v.at()).isEqualTo(TestClock.atNoon().instant().plusSeconds(35 + 60));
    }

    @Test
    void simulatorPvRampingHardWithoutALoadOnAHybridIsNoLoad() throws Exception {
        assertPvRampWithoutLoadIsNoLoad(HYBRID);
    }

    @Test
    void simulatorPvRampingHardWithoutALoadOnAP1MeterBesideAHybridIsNoLoad() throws Exception {
        assertPvRampWithoutLoadIsNoLoad(P1_AND_HYBRID);
    }

    static void assertBatteryCoveringTheLoadPasses(List<String> configs) throws Exception {
        SimRun run = onSimulator(configs, 1, (sim, s) -> sim.setSun(0.3), loadAtStart(2000, 1));
        Verdict v = run.verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isEqualTo(1);
        assertThat(v.consumptionDeltaW()).isBetween(1800.0, 2200.0);
        assertThat(v.counted()).extracting(DerId::type).containsExactly("pv", "battery");
        assertThat(v.batteryDeltaW()).as("the battery had begun to answer the load within the step").isLessThan(-300.0);
        // settled, the battery covers the load and the meter alone shows well under half of it: it would miss it
        assertThat(run.settledBatteryDeltaW()).isBetween(-2200.0, -1800.0);
        assertThat(run.settledMeterDeltaW()).isBetween(-300.0, 300.0);
    }

    @Test
    void simulatorSelfConsumptionBatteryCoveringTheLoadOnAHybridPassesWithItsChangeCounted() throws Exception {
        assertBatteryCoveringTheLoadPasses(HYBRID);
    }

    @Test
    void simulatorSelfConsumptionBatteryCoveringTheLoadBehindAP1MeterPassesWithItsChangeCounted() throws Exception {
        assertBatteryCoveringTheLoadPasses(P1_AND_HYBRID);
    }

    static void assertBatterySwitchedWithoutLoadIsNoLoad(List<String> configs, double fromW, double toW)
            throws Exception {
        Verdict v = onSimulator(configs, 1, (sim, s) -> {
            sim.setSun(0.3);
            sim.batteryFixedPower(fromW);
        }, (sim, s) -> {
            if (s == 5) {
                sim.batteryFixedPower(toW);
            }
        }).verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isBetween(-300.0, 300.0);
        assertThat(v.batteryDeltaW()).isCloseTo(toW - fromW, Offset.offset(50.0));
        assertThat(v.meterDeltaW()).isCloseTo(toW - fromW, Offset.offset(300.0));
    }

    @Test
    void simulatorBatterySwitchedFromDischargingToChargingWithoutALoadIsNoLoad() throws Exception {
        assertBatterySwitchedWithoutLoadIsNoLoad(HYBRID, -1000, 2000);
    }

    @Test
    void simulatorBatterySwitchedFromChargingToDischargingBehindAP1MeterIsNoLoad() throws Exception {
        // the meter falls by 4 kW as a step, as a reversed CT would show a load: the battery explains it
        assertBatterySwitchedWithoutLoadIsNoLoad(P1_AND_HYBRID, 2000, -2000);
    }

    @Test
    void simulatorNoLoadWithTheSunFixedIsNoLoadWithItsNumbers() throws Exception {
        Verdict v = onSimulator(HYBRID, 2, (sim, s) -> sim.setSun(0.5), none()).verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(v.consumptionDeltaW()).isBetween(-300.0, 300.0);
    }

    @Test
    void simulatorLoadOnAnotherPhaseBehindAHybridWithItsBatteryAnsweringIsWrongPhase() throws Exception {
        SimRun run = onSimulator(HYBRID, 1, (sim, s) -> sim.setSun(0.3), loadAtStart(2000, 3));
        Verdict v = run.verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.WRONG_PHASE);
        assertThat(v.phase()).isEqualTo(3);
        assertThat(v.consumptionDeltaW()).isBetween(1800.0, 2200.0);
    }

    @Test
    void simulatorReversedCtWithTheBatteryIdleAndTheSunFixedIsTheMeterReadingBackwards() throws Exception {
        Verdict v = onSimulator(HYBRID, 2, (sim, s) -> {
            sim.invertMeterSign(true);
            sim.batteryIdle();
            sim.setSun(0.3);
        }, loadAtStart(2000, 2)).verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.METER_REVERSED);
        assertThat(v.phase()).isEqualTo(2);
        assertThat(v.meterDeltaW()).isBetween(-2200.0, -1800.0);
        assertThat(v.consumptionDeltaW()).isBetween(-2200.0, -1800.0);
        assertThat(v.pvDeltaW()).isBetween(-200.0, 200.0);
        assertThat(v.batteryDeltaW()).isCloseTo(0, W);
    }

    @Test
    void simulatorReversedP1CtWithTheBatteryAtFixedPowerIsTheMeterReadingBackwards() throws Exception {
        Verdict v = onSimulator(P1_AND_HYBRID, 1, (sim, s) -> {
            sim.invertMeterSign(true);
            sim.batteryFixedPower(-1500);
            sim.setSun(0.2);
        }, loadAtStart(2000, 1)).verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.METER_REVERSED);
        assertThat(v.phase()).isEqualTo(1);
        assertThat(v.meterDeltaW()).isBetween(-2200.0, -1800.0);
        assertThat(v.consumptionDeltaW()).isBetween(-2200.0, -1800.0);
        assertThat(v.batteryDeltaW()).isCloseTo(0, W);
    }

    static void assertReversedCtWhileTheSunRampsIsInconclusive(double loadW) throws Exception {
        Verdict v = onSimulator(HYBRID, 1, (sim, s) -> {
            sim.invertMeterSign(true);
            sim.batteryIdle();
            sim.setSun(0.1);
        }, (sim, s) -> {
            sunRampsHard().turn(sim, s);
            if (s == 0 && loadW > 0) {
                sim.addHouseLoad(loadW, 1);
            }
        }).verdict();
        // a reversed meter turns a PV rise into twice as much "consumption": that is no evidence for either verdict
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.pvDeltaW()).isLessThan(-1000.0);
    }

    @Test
    void simulatorReversedCtWhileTheSunRampsWithoutALoadIsInconclusive() throws Exception {
        assertReversedCtWhileTheSunRampsIsInconclusive(0);
    }

    @Test
    void simulatorReversedCtWhileTheSunRampsWithTheLoadOnIsInconclusive() throws Exception {
        assertReversedCtWhileTheSunRampsIsInconclusive(2000);
    }

    @Test
    void simulatorReversedCtWithASelfConsumptionBatteryIsInconclusiveNeverNoLoad() throws Exception {
        // The battery regulates on the true grid and covers the load: the consumption read through the reversed meter
        // swings from -2 kW to +2 kW as the battery settles. Not "was it switched on?", not blamed on the CT.
        Verdict v = onSimulator(HYBRID, 1, (sim, s) -> {
            sim.invertMeterSign(true);
            sim.setSun(0.3);
        }, loadAtStart(2000, 1)).verdict();
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        // 2 kW, give or take what the simulated house does by itself between the baseline and the step: its fridge
        // (85 W on L1, on 40 % of a 300 s cycle) may switch, each phase's noise is ±12 W and its wander 0–60 W. The
        // bound is their worst case, not what was seen (2211 W and 2307 W were).
        double house = 85 + 3 * 12 * 2 + 3 * 60;
        assertThat(v.consumptionDeltaW()).isBetween(2000 - house, 2000 + house);
        assertThat(v.batteryDeltaW()).isBetween(-2000 - house, -2000 + house);
        assertThat(v.meterDeltaW()).isBetween(-300.0, 300.0);
    }
}
