package com.sourceful.commissioner.telemetry;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.telemetry.LoadTest.Outcome;
import com.sourceful.commissioner.telemetry.LoadTest.Verdict;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.TelemetrySnapshot.Reading;
import com.sourceful.commissioner.zap.ZapClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static com.sourceful.commissioner.telemetry.Readings.meter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadTestTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final long START = 1_750_000_000_000L;

    /** Baseline W 1100 (L1 350, L2 400, L3 350), started at START; expects 2000 W. */
    static LoadTest test(int expectedPhase) {
        LoadTest t = new LoadTest(2000, expectedPhase, TIMEOUT);
        t.baseline(meter(START - 2000, 1000, 300, 400, 300));
        t.baseline(meter(START - 1000, 1200, 400, 400, 400));
        t.started(Instant.ofEpochMilli(START));
        return t;
    }

    @Test
    void passedWhenImportRisesOnTheExpectedPhase() {
        LoadTest t = test(2);
        assertThat(t.observe(meter(START + 1000, 1150, 360, 440, 350))).isEmpty();
        assertThat(t.observe(meter(START + 2000, 3100, 350, 2400, 350)))
                .contains(new Verdict(Outcome.PASSED, 2000, 2, Instant.ofEpochMilli(START + 2000)));
    }

    @Test
    void halfTheExpectedLoadIsClearAndJustBelowIsNot() {
        LoadTest t = test(3);
        assertThat(t.observe(meter(START + 1000, 1100 + 999, 350, 400, 1349))).isEmpty();
        Optional<Verdict> v = t.observe(meter(START + 2000, 1100 + 1000, 350, 400, 1350));
        assertThat(v).map(Verdict::outcome).contains(Outcome.PASSED);
        assertThat(v.orElseThrow().deltaW()).isEqualTo(1000);
        assertThat(v.orElseThrow().phase()).isEqualTo(3);
    }

    @Test
    void anyPhaseAcceptsTheRiseWherever() {
        LoadTest t = test(0);
        assertThat(t.observe(meter(START + 1000, 3100, 2350, 400, 350)))
                .contains(new Verdict(Outcome.PASSED, 2000, 1, Instant.ofEpochMilli(START + 1000)));
    }

    @Test
    void wrongPhase() {
        LoadTest t = test(1);
        assertThat(t.observe(meter(START + 1000, 3100, 350, 2400, 350)))
                .contains(new Verdict(Outcome.WRONG_PHASE, 2000, 2, Instant.ofEpochMilli(START + 1000)));
    }

    @Test
    void wrongSignWhenTheMeterReadsExport() {
        LoadTest t = test(2);
        assertThat(t.observe(meter(START + 1000, 1100 - 2000, 350, 400 - 2000, 350)))
                .contains(new Verdict(Outcome.WRONG_SIGN, -2000, 2, Instant.ofEpochMilli(START + 1000)));
        LoadTest half = test(2);
        assertThat(half.observe(meter(START + 1000, 1100 - 1000, 350, -600, 350))).map(Verdict::outcome)
                .contains(Outcome.WRONG_SIGN);
    }

    @Test
    void tooSmallAtTheTimeout() {
        LoadTest t = test(2);
        assertThat(t.observe(meter(START + 29_999, 1100 + 300, 350, 700, 350))).as("before the timeout").isEmpty();
        assertThat(t.observe(meter(START + 30_000, 1100 + 300, 350, 700, 350)))
                .contains(new Verdict(Outcome.TOO_SMALL, 300, 2, Instant.ofEpochMilli(START + 30_000)));
        LoadTest negative = test(2);
        assertThat(negative.observe(meter(START + 45_000, 1100 - 400, 350, 0, 350))).map(Verdict::outcome)
                .contains(Outcome.TOO_SMALL);
    }

    @Test
    void noChangeAtTheTimeout() {
        LoadTest t = test(2);
        assertThat(t.observe(meter(START + 30_000, 1100 + 299, 350, 699, 350))).map(Verdict::outcome)
                .contains(Outcome.NO_CHANGE);
        LoadTest still = test(2);
        Verdict v = still.observe(meter(START + 31_000, 1100, 350, 400, 350)).orElseThrow();
        assertThat(v.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(v.deltaW()).isZero();
        assertThat(v.at()).isEqualTo(Instant.ofEpochMilli(START + 31_000));
    }

    @Test
    void aClearChangeAtTheTimeoutStillCounts() {
        LoadTest t = test(2);
        assertThat(t.observe(meter(START + 60_000, 3100, 350, 2400, 350))).map(Verdict::outcome).contains(Outcome.PASSED);
    }

    @Test
    void meterWithoutPhasesReportsPhaseZeroAndSkipsThePhaseCheck() {
        LoadTest t = new LoadTest(2000, 2, TIMEOUT);
        t.baseline(meter(START - 1000, 500));
        t.started(Instant.ofEpochMilli(START));
        assertThat(t.observe(meter(START + 1000, 2600)))
                .contains(new Verdict(Outcome.PASSED, 2100, 0, Instant.ofEpochMilli(START + 1000)));
        // phases in the reading but not in the baseline: still no phase check
        LoadTest mixed = new LoadTest(2000, 1, TIMEOUT);
        mixed.baseline(meter(START - 1000, 500));
        mixed.started(Instant.ofEpochMilli(START));
        assertThat(mixed.observe(meter(START + 1000, 2500, 100, 2300, 100)))
                .contains(new Verdict(Outcome.PASSED, 2000, 0, Instant.ofEpochMilli(START + 1000)));
    }

    @Test
    void ignoresReadingsBeforeTheStartOrWithoutWattsAndKeepsTheVerdict() {
        LoadTest t = test(2);
        assertThat(t.observe(meter(START - 1, 9999, 0, 9999, 0))).as("taken before the load was on").isEmpty();
        assertThat(t.observe(Readings.reading("meter", START + 40_000, "Hz", 50))).as("no W").isEmpty();
        Verdict v = t.observe(meter(START + 1000, 3100, 350, 2400, 350)).orElseThrow();
        assertThat(t.observe(meter(START + 2000, 1100, 350, 400, 350))).contains(v);
    }

    @Test
    void misuse() {
        assertThatThrownBy(() -> new LoadTest(0, 1, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(Double.NaN, 1, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(2000, 4, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(2000, -1, TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadTest(2000, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        LoadTest noBaseline = new LoadTest(2000, 1, TIMEOUT);
        noBaseline.started(Instant.ofEpochMilli(START));
        assertThatThrownBy(() -> noBaseline.observe(meter(START + 1, 1))).isInstanceOf(IllegalStateException.class);
        LoadTest notStarted = new LoadTest(2000, 1, TIMEOUT);
        notStarted.baseline(meter(START, 1));
        assertThatThrownBy(() -> notStarted.observe(meter(START + 1, 1))).isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------------ end to end against the simulator

    static final String P1 = "{\"type\":\"p1_uart\",\"baud_rate\":115200,\"data_bits\":8,\"parity\":\"none\"}";
    static final String SUNGROW = "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\",\"port\":502,\"unit_id\":1,\"profile\":\"sungrow\"}";

    static Reading meterOf(ZapClient zap, String sn) throws Exception {
        return zap.telemetry(sn).orElseThrow().readings().get("meter");
    }

    /**
     * Five baseline readings a second apart, then the knob (the technician switches the kettle on), then a reading a
     * second until a verdict; all on the test clock.
     */
    static Verdict run(String config, int expectedPhase, boolean invert, double loadW, int loadPhase) throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            String sn = PlausibilityTest.addDevice(sim, config);
            sim.invertMeterSign(invert);
            ZapClient zap = new ZapClient(sim.baseUri());
            LoadTest test = new LoadTest(2000, expectedPhase, TIMEOUT);
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                test.baseline(meterOf(zap, sn));
            }
            test.started(clock.instant());
            if (loadW != 0) {
                sim.addHouseLoad(loadW, loadPhase);
            }
            for (int i = 0; i < 40; i++) {
                clock.advance(Duration.ofSeconds(1));
                Optional<Verdict> v = test.observe(meterOf(zap, sn));
                if (v.isPresent()) {
                    return v.get();
                }
            }
            throw new AssertionError("no verdict within 40 s of clock time");
        }
    }

    @Test
    void simulatorKettleOnPhaseTwoPasses() throws Exception {
        Verdict v = run(P1, 2, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isEqualTo(2);
        assertThat(v.deltaW()).isBetween(1800.0, 2200.0);
        assertThat(v.at()).isEqualTo(Instant.parse("2026-06-21T10:00:06Z"));
    }

    @Test
    void simulatorHybridInverterMeterPassesDespiteBatteryAndPvSwings() throws Exception {
        Verdict v = run(SUNGROW, 2, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(v.phase()).isEqualTo(2);
    }

    @Test
    void simulatorInvertedCtIsWrongSign() throws Exception {
        Verdict v = run(P1, 2, true, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.WRONG_SIGN);
        assertThat(v.deltaW()).isBetween(-2200.0, -1800.0);
        assertThat(v.phase()).isEqualTo(2);
    }

    @Test
    void simulatorLoadOnAnotherPhaseIsWrongPhase() throws Exception {
        Verdict v = run(P1, 1, false, 2000, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.WRONG_PHASE);
        assertThat(v.phase()).isEqualTo(2);
    }

    @Test
    void simulatorWithoutTheLoadIsNoChangeAfterTheTimeout() throws Exception {
        Verdict v = run(P1, 2, false, 0, 2);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(v.at()).isEqualTo(Instant.parse("2026-06-21T10:00:35Z"));
    }

    @Test
    void simulatorSmallLoadIsTooSmall() throws Exception {
        assertThat(run(P1, 2, false, 600, 2).outcome()).isEqualTo(Outcome.TOO_SMALL);
    }
}
