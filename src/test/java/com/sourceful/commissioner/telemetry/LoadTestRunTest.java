package com.sourceful.commissioner.telemetry;

import static com.sourceful.commissioner.telemetry.Readings.meter;
import static com.sourceful.commissioner.telemetry.Readings.reading;
import static com.sourceful.commissioner.telemetry.Readings.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.sourceful.commissioner.telemetry.LoadTest.Outcome;
import com.sourceful.commissioner.telemetry.LoadTestRun.Stage;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.TelemetrySnapshot;

import org.junit.jupiter.api.Test;

/** A load test as the technician runs it: the baseline with the load off, "switch it on", then the verdict. */
class LoadTestRunTest {

    /** The site is read by the live poll in these tests, not by the run. */
    private static LoadTestRun run(double watts, int phase) {
        return new LoadTestRun(watts, phase, "SG1", null);
    }

    @Test
    void theBaselineTakesTwoReadingsThenTheLoadIsSwitchedOnAndJudged() {
        SiteScenario site = new SiteScenario();
        site.loadW = 2000;
        site.loadPhase = 2;
        site.loadOnAt = 5;
        LoadTestRun run = run(2000, 2);
        assertThat(run.observe(site.at(-1))).isEqualTo(Stage.BASELINE);
        assertThat(run.observe(site.at(0))).as("told to switch on").isEqualTo(Stage.SWITCH_ON);
        int s = 1;
        while (run.observe(site.at(s)) != Stage.DONE) {
            assertThat(s).as("a verdict within the timeout").isLessThan(70);
            s++;
        }
        assertThat(s).as("the load held for its readings").isEqualTo(5 + LoadTest.HOLD_READINGS - 1);
        assertThat(run.verdict()).hasValueSatisfying(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(v.phase()).isEqualTo(2);
        });
        assertThat(run.observe(site.at(s + 1))).as("decided stays decided").isEqualTo(Stage.DONE);
    }

    @Test
    void nothingSwitchedOnIsNoLoadAfterTheTimeoutCountedFromTheBaselinesLastReading() {
        SiteScenario site = new SiteScenario();
        LoadTestRun run = run(2000, 1);
        run.observe(site.at(-1));
        run.observe(site.at(0));
        long timeout = LoadTestRun.TIMEOUT.toSeconds();
        for (int s = 1; s < timeout; s++) {
            assertThat(run.observe(site.at(s))).isEqualTo(Stage.SWITCH_ON);
        }
        assertThat(run.observe(site.at(timeout))).isEqualTo(Stage.DONE);
        assertThat(run.verdict().orElseThrow().outcome()).isEqualTo(Outcome.NO_LOAD);
        assertThat(run.verdict().orElseThrow().at()).isEqualTo(Instant.ofEpochMilli(SiteScenario.START)
                .plus(LoadTestRun.TIMEOUT));
    }

    @Test
    void aPollWithoutTheOtherDevicesOrWithoutAMeterReadingIsLeftOut() {
        TestClock clock = new TestClock(Instant.ofEpochMilli(SiteScenario.START));
        LoadTestRun run = run(2000, 0);
        TelemetrySnapshot withMeter = snapshot(meter(clock.millis(), 500));
        assertThat(run.observe(withMeter, null)).as("the other devices could not be read").isEqualTo(Stage.BASELINE);
        clock.advance(Duration.ofSeconds(1));
        TelemetrySnapshot noMeter = snapshot(reading("pv", clock.millis(), "W", -3000));
        assertThat(run.observe(noMeter, Map.of())).isEqualTo(Stage.BASELINE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(run.observe(snapshot(meter(clock.millis(), 500)), Map.of())).isEqualTo(Stage.BASELINE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(run.observe(snapshot(meter(clock.millis(), 510)), Map.of())).isEqualTo(Stage.SWITCH_ON);
    }

    @Test
    void theOtherDevicesPvAndBatteryAreCounted() {
        TestClock clock = new TestClock(Instant.ofEpochMilli(SiteScenario.START));
        LoadTestRun run = run(2000, 0);
        for (int s = 0; s < 2; s++) {
            run.observe(snapshot(meter(clock.millis(), 500)), Map.of("HY1", snapshot(reading("pv", clock.millis(),
                    "W", -3000), reading("battery", clock.millis(), "W", 0))));
            clock.advance(Duration.ofSeconds(1));
        }
        // The battery answers the kettle: the meter stays put, the house's consumption rose by 2 kW.
        for (int s = 0; s < LoadTest.HOLD_READINGS; s++) {
            run.observe(snapshot(meter(clock.millis(), 500)), Map.of("HY1", snapshot(reading("pv", clock.millis(),
                    "W", -3000), reading("battery", clock.millis(), "W", -2000))));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(run.stage()).isEqualTo(Stage.DONE);
        assertThat(run.verdict().orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(run.verdict().orElseThrow().counted()).containsExactly(new LoadTest.DerId("pv", "HY1"),
                new LoadTest.DerId("battery", "HY1"));
    }

    @Test
    void aLoadTestNeedsAPlausibleNumberOfWatts() {
        assertThat(LoadTestRun.watts(" 2000 ")).hasValue(2000);
        assertThat(LoadTestRun.watts("100")).hasValue(100);
        assertThat(LoadTestRun.watts("20000")).hasValue(20_000);
        assertThat(LoadTestRun.watts("99.9")).isEmpty();
        assertThat(LoadTestRun.watts("20001")).isEmpty();
        assertThat(LoadTestRun.watts("abc")).isEmpty();
        assertThat(LoadTestRun.watts("")).isEmpty();
        assertThat(LoadTestRun.watts(null)).isEmpty();
    }
}
