package com.sourceful.commissioner.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.sourceful.commissioner.control.ControlResult.Limited;
import com.sourceful.commissioner.control.ControlResult.Outcome;
import com.sourceful.commissioner.control.ControlResult.Stop;
import com.sourceful.commissioner.sim.ScaledClock;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control check run against a real simulated Zap on loopback, for every verdict and every way a check ends: the
 * simulator's clock runs {@link #SCALE} times faster and the run reads it too, so a 30 s check takes a few real
 * seconds. After every run the simulator itself says control was given back (deinit received, no setpoint or limit
 * held), whatever the verdict.
 */
class ControlCheckRunSimTest {

    /** Simulated seconds per real second: a reading every 100 ms, polled every {@link #POLL}. */
    static final double SCALE = 10;
    static final Duration POLL = Duration.ofMillis(20);
    /** The app-side wait for a run: far beyond its planned time (the baseline, 120 s at most, the release). */
    static final long RUN_TIMEOUT_S = 60;
    static final String SUNGROW = "sungrow";

    Clock clock;
    ZapSimulator sim;
    ZapClient client;
    final RecordingLedger ledger = new RecordingLedger();

    @BeforeEach
    void start() throws Exception {
        clock = new ScaledClock(Clock.systemUTC(), SCALE);
        sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start();
        client = new ZapClient(sim.baseUri());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    /** A hybrid inverter (pv, battery, meter) at an address the simulator answers for without connecting. */
    String add(String profile, int unit) throws Exception {
        return client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("ip", "192.168.1.60", "port", 502,
                "unit_id", unit, "profile", profile))).sn();
    }

    ControlPlan plan(String sn, ControlAction action, double powerW, int seconds) {
        return new ControlPlan(sim.serial(), sim.baseUri(), sn, action, powerW, Duration.ofSeconds(seconds));
    }

    ControlResult run(ControlPlan plan) {
        return run(plan, p -> { });
    }

    ControlResult run(ControlPlan plan, Consumer<ControlCheckRun.Progress> progress) {
        return new ControlCheckRun(plan, client, ledger, clock, POLL).run(progress);
    }

    /** Lets the site settle (self-consumption) for {@code simSeconds} of the simulator's clock. */
    void settle(double simSeconds) throws InterruptedException {
        Thread.sleep(Math.round(simSeconds * 1000 / SCALE));
    }

    /** The simulator says control is back, and the run and the ledger agree. */
    void assertReleased(ControlResult r, String sn) {
        ZapSimulator.ControlState state = sim.controlState(sn);
        assertThat(state.released()).as("the simulator holds no control of %s: %s", sn, state).isTrue();
        assertThat(state.deinitCalls()).as("deinit received").isEqualTo(1);
        assertThat(r.released()).isTrue();
        assertThat(r.releaseProblem()).isEmpty();
        assertThat(ledger.taken).hasSize(1);
        assertThat(ledger.released).as("the hold is removed from the record").isEqualTo(ledger.taken);
        assertThat(ledger.finished).containsExactly(r);
    }

    /**
     * The grid meter moved as much as the battery did (the only DER that changed; the house wanders by a few hundred
     * W at most): the battery's own reading is confirmed by the meter.
     */
    static void assertMeterAgrees(ControlResult r) {
        double derDelta = r.reachedW().getAsDouble() - r.baselineW();
        assertThat(r.meterDeltaW()).isPresent();
        assertThat(r.meterDeltaW().getAsDouble()).as("meter Δ = battery Δ: %s", r).isCloseTo(derDelta, within(250.0));
        assertThat(Math.abs(r.houseDeltaW().getAsDouble())).as("the house held still").isLessThan(250);
    }

    // ---------------------------------------------------------------- followed

    @Test
    void aChargeIsFollowed() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED);
        assertThat(r.stop()).isEqualTo(Stop.HELD);
        assertThat(r.baselineW()).as("self-consumption: discharging for the house").isNegative();
        assertThat(r.reachedW().getAsDouble()).isCloseTo(1000, within(ControlLimits.tolerance(1000)));
        assertThat(r.secondsToFollow().getAsDouble()).as("queue delay and ramp").isBetween(1.0, 15.0);
        assertMeterAgrees(r);
        assertReleased(r, sn);
    }

    @Test
    void aDischargeIsFollowed() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0.3);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.DISCHARGE, 1500, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED);
        assertThat(r.baselineW()).as("self-consumption: charging from the surplus").isPositive();
        assertThat(r.reachedW().getAsDouble()).isCloseTo(-1500, within(ControlLimits.tolerance(1500)));
        assertThat(r.meterDeltaW().getAsDouble()).as("the surplus and the battery are exported").isLessThan(-2500);
        assertMeterAgrees(r);
        assertReleased(r, sn);
    }

    @Test
    void aPvLimitIsFollowedWhileTheBatteryTakesLess() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0.5);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.LIMIT_PV, 2000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED);
        assertThat(r.baselineW()).isLessThan(-4500);
        assertThat(r.reachedW().getAsDouble()).isGreaterThanOrEqualTo(-2000 - ControlLimits.tolerance(2000));
        // The battery (self-consumption) charged from the surplus; with less PV it charges less, so the grid barely
        // moves: the house's consumption from meter minus every DER stays put.
        assertThat(Math.abs(r.houseDeltaW().getAsDouble())).isLessThan(300);
        assertReleased(r, sn);
        assertThat(sim.controlState(sn).pvLimitW()).isEmpty();
    }

    @Test
    void aDischargeIsFollowedUnderTheDemosMovingSun() throws Exception {
        // The demo's site as it starts: the natural sun (up to ~100 W/s of PV change) and the battery where it is.
        String sn = add(SUNGROW, 1);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.DISCHARGE, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED);
        assertThat(r.reachedW().getAsDouble()).isCloseTo(-1000, within(ControlLimits.tolerance(1000)));
        assertThat(Math.abs(r.houseDeltaW().getAsDouble())).as("the PV's change is not the house's").isLessThan(250);
        assertReleased(r, sn);
    }

    @Test
    void anotherBatteryInSelfConsumptionCompensatesAndTheVerdictStillHolds() throws Exception {
        String sn = add(SUNGROW, 1);
        String other = client.addDevice(DeviceConfig.of("mqtt", Map.of("profile", "ferroamp", "broker_host",
                "192.168.1.70", "broker_port", 1883, "username", "extapi"))).sn();
        sim.setSun(0);
        settle(20);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1500, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED);
        // The other battery discharged for both: the meter moved far less than the battery under test did.
        assertThat(Math.abs(r.meterDeltaW().getAsDouble())).as("%s", r)
                .isLessThan(0.5 * (r.reachedW().getAsDouble() - r.baselineW()));
        assertThat(Math.abs(r.houseDeltaW().getAsDouble())).isLessThan(300);
        assertReleased(r, sn);
        assertThat(sim.controlState(other)).isEqualTo(new ZapSimulator.ControlState(false, OptionalDouble.empty(),
                OptionalDouble.empty(), 0, 0));
    }

    // ---------------------------------------------------------------- followed partly, ignored

    @Test
    void aDeviceHoldingLowerIsFollowedPartly() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        sim.partialControl(sn, 0.4);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 15));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(r.limitedBy()).isEqualTo(Limited.HELD_LOWER);
        assertThat(r.stop()).isEqualTo(Stop.DURATION);
        assertThat(r.reachedW().getAsDouble()).as("40 %% of the setpoint").isCloseTo(400, within(50.0));
        assertMeterAgrees(r);
        assertReleased(r, sn);
    }

    @Test
    void aPvCurtailedOnlyHalfWayIsFollowedPartly() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0.5);
        sim.partialControl(sn, 0.5);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.LIMIT_PV, 2000, 15));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(r.limitedBy()).isEqualTo(Limited.HELD_LOWER);
        assertThat(r.reachedW().getAsDouble()).as("half way from ~5000 W to 2000 W").isCloseTo(-3500, within(250.0));
        assertReleased(r, sn);
    }

    /** A small battery (10 Wh: the bound comes within seconds) at {@code soc}, the other batteries idle. */
    String smallBatteryAt(double soc) throws Exception {
        String sn = add(SUNGROW, 1);
        client.updateDers(sn, List.of(new Der("battery", true, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(10))));
        sim.setSun(0);
        sim.batteryIdle(); // the SoC stands still during the baseline, once the battery is at 0 W
        settle(25);
        sim.setBatterySoc(sn, soc);
        settle(2);
        return sn;
    }

    @Test
    void aBatteryReachingItsSocBoundWhileDischargingIsFollowedPartly() throws Exception {
        String sn = smallBatteryAt(ControlLimits.MIN_SOC_TO_DISCHARGE);
        ControlResult r = run(plan(sn, ControlAction.DISCHARGE, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(r.limitedBy()).isEqualTo(Limited.SOC);
        assertThat(r.stop()).isEqualTo(Stop.SOC_LIMIT);
        assertThat(r.socStart().getAsDouble()).isCloseTo(0.20, within(0.001));
        assertThat(r.socEnd().getAsDouble())
                .isLessThanOrEqualTo(ControlLimits.MIN_SOC_TO_DISCHARGE - ControlJudge.SOC_STOP_MARGIN + 1e-9);
        assertReleased(r, sn);
    }

    /**
     * The same when charging: the check stops at {@code MAX_SOC_TO_CHARGE + SOC_STOP_MARGIN} (94 %), before the
     * simulated battery's own full 95 % (at 0.90 + 0.05 it never stopped, and a battery back at 0 W was "ignored").
     */
    @Test
    void aBatteryReachingItsSocBoundWhileChargingIsFollowedPartly() throws Exception {
        String sn = smallBatteryAt(ControlLimits.MAX_SOC_TO_CHARGE);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(r.limitedBy()).isEqualTo(Limited.SOC);
        assertThat(r.stop()).isEqualTo(Stop.SOC_LIMIT);
        assertThat(r.socEnd().getAsDouble()).as("stopped at the check's bound, before the battery's own 95 %")
                .isBetween(ControlLimits.MAX_SOC_TO_CHARGE + ControlJudge.SOC_STOP_MARGIN, 0.95);
        assertReleased(r, sn);
    }

    @Test
    void aDeviceIgnoringControlIsIgnored() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        sim.ignoreControl(sn);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 15));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.IGNORED);
        assertThat(r.stop()).isEqualTo(Stop.DURATION);
        assertThat(r.reachedW().getAsDouble()).isCloseTo(r.baselineW(), within(150.0));
        assertThat(Math.abs(r.meterDeltaW().getAsDouble())).as("the meter confirms nothing changed").isLessThan(150);
        assertReleased(r, sn);
    }

    @Test
    void aPvIgnoringItsLimitIsIgnored() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0.5);
        sim.ignoreControl(sn);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.LIMIT_PV, 2000, 15));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.IGNORED);
        assertReleased(r, sn);
    }

    // ---------------------------------------------------------------- the house moved meanwhile

    @Test
    void aHouseLoadSteppingDuringTheCheckGivesNoVerdictOnAFollowingBattery() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 30), stepTheHouseOnceHolding());
        assertThat(r.outcome()).as("not FOLLOWED: %s", r).isEqualTo(Outcome.READINGS_DISAGREE);
        assertThat(r.houseDeltaW().getAsDouble()).isCloseTo(2000, within(200.0));
        assertReleased(r, sn);
    }

    @Test
    void aHouseLoadSteppingDuringTheCheckGivesNoVerdictOnAnIgnoringBattery() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        sim.ignoreControl(sn);
        settle(15);
        // The ignoring battery (self-consumption) discharges for the new load: away from the setpoint, yet the house
        // changed, so it is not called IGNORED either.
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 15), stepTheHouseOnceHolding());
        assertThat(r.outcome()).as("not IGNORED: %s", r).isEqualTo(Outcome.READINGS_DISAGREE);
        assertReleased(r, sn);
    }

    Consumer<ControlCheckRun.Progress> stepTheHouseOnceHolding() {
        return onceHolding(() -> sim.addHouseLoad(2000, 2));
    }

    static Consumer<ControlCheckRun.Progress> onceHolding(Runnable action) {
        boolean[] done = {false};
        return p -> {
            if (p.stage() == ControlCheckRun.Stage.HOLDING && !done[0]) {
                done[0] = true;
                action.run();
            }
        };
    }

    @Test
    void anImportBeyondTheLimitStopsTheCheckAndGivesControlBack() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 60),
                onceHolding(() -> sim.addHouseLoad(ControlLimits.MAX_IMPORT_W, 1)));
        assertThat(r.stop()).as("%s", r).isEqualTo(Stop.IMPORT_LIMIT);
        assertThat(r.outcome()).as("the house changed: no verdict on the battery").isEqualTo(Outcome.READINGS_DISAGREE);
        assertReleased(r, sn);
    }

    @Test
    void readingsStoppingWhileHoldingEndTheCheckAndGiveControlBack() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        settle(15);
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 60), onceHolding(() ->
                sim.setFault("GET /api/devices/{sn}/data/json", new ZapFault.Status(503))));
        assertThat(r.stop()).as("%s", r).isEqualTo(Stop.ERROR);
        assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p).contains("no new reading"));
        assertReleased(r, sn);
    }

    // ---------------------------------------------------------------- not run, cancelled, errors

    @Test
    void anInitRefusedLeavesTheDeviceUntestedAndStillSendsTheRelease() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setFault("/api/control/{sn}/init", new ZapFault.Status(503));
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.NOT_RUN);
        assertThat(r.stop()).isEqualTo(Stop.ERROR);
        assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p).contains("503"));
        assertThat(sim.controlState(sn).initCalls()).isZero();
        assertReleased(r, sn);
    }

    @Test
    void aSetpointRefusedAfterInitIsReleasedAnyway() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setFault("POST /api/control/{sn}/battery", new ZapFault.Status(500));
        ControlResult r = run(plan(sn, ControlAction.DISCHARGE, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.NOT_RUN);
        assertThat(r.stop()).isEqualTo(Stop.ERROR);
        assertThat(sim.controlState(sn).initCalls()).as("control was taken").isEqualTo(1);
        assertReleased(r, sn);
    }

    @Test
    void aLimitRefusedAfterInitIsReleasedAnyway() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setFault("/api/control/{sn}/curtail", new ZapFault.ResetMidBody());
        ControlResult r = run(plan(sn, ControlAction.LIMIT_PV, 1000, 30));
        assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.NOT_RUN);
        // The limit was carried out before the answer was cut: curtail/disable takes it away again.
        assertThat(sim.controlState(sn).initCalls()).isEqualTo(1);
        assertReleased(r, sn);
    }

    @Test
    void aCheckCancelledWhileHoldingGivesControlBack() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        settle(15);
        ControlCheckRun run = new ControlCheckRun(plan(sn, ControlAction.CHARGE, 1000, 60), client, ledger, clock,
                POLL);
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<ControlResult> result = CompletableFuture.supplyAsync(() -> run.run(p -> {
            if (p.stage() == ControlCheckRun.Stage.HOLDING) {
                holding.countDown();
            }
        }));
        assertThat(holding.await(RUN_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.controlState(sn).underControl()).as("held while the check runs").isTrue();
        run.cancel();
        ControlResult r = result.get(RUN_TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(r.stop()).isEqualTo(Stop.CANCELLED);
        assertReleased(r, sn);
    }

    @Test
    void closingTheAppCancelsEveryRunningCheckAndWaitsForTheRelease() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        sim.ignoreControl(sn); // it would run its whole minute
        settle(15);
        ControlChecks checks = new ControlChecks();
        ControlCheckRun run = new ControlCheckRun(plan(sn, ControlAction.CHARGE, 1000, 60), client, ledger, clock,
                POLL);
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<ControlResult> result = CompletableFuture.supplyAsync(() -> checks.run(run, p -> {
            if (p.stage() == ControlCheckRun.Stage.HOLDING) {
                holding.countDown();
            }
        }));
        assertThat(holding.await(RUN_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(checks.cancelAll(Duration.ofSeconds(RUN_TIMEOUT_S))).isTrue();
        assertThat(sim.controlState(sn).released()).as("back before cancelAll returns").isTrue();
        ControlResult r = result.get(RUN_TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        assertReleased(r, sn);
    }

    @Test
    void aDeinitRefusedIsReportedAsNotReleased() throws Exception {
        String sn = add(SUNGROW, 1);
        sim.setSun(0);
        settle(15);
        sim.setFault("/api/control/{sn}/deinit", new ZapFault.Status(503));
        ControlResult r = run(plan(sn, ControlAction.CHARGE, 1000, 30));
        assertThat(r.outcome()).as("the verdict stands: %s", r).isEqualTo(Outcome.FOLLOWED);
        assertThat(r.released()).isFalse();
        assertThat(r.releaseProblem()).hasValueSatisfying(p -> assertThat(p).contains("503"));
        assertThat(sim.controlState(sn).underControl()).as("the simulator agrees: still held").isTrue();
        assertThat(ledger.released).as("the hold stays in the record for a later release").isEmpty();
        sim.clearFaults();
        assertThat(ControlRelease.release(client, sn)).isEmpty();
        assertThat(sim.controlState(sn).released()).isTrue();
    }

    /** What the run wrote down, in order. */
    static final class RecordingLedger implements ControlLedger {
        final List<ControlHold> taken = new ArrayList<>();
        final List<ControlHold> released = new ArrayList<>();
        final List<ControlResult> finished = new ArrayList<>();

        @Override
        public synchronized void taken(ControlHold hold) {
            taken.add(hold);
        }

        @Override
        public synchronized void released(ControlHold hold) {
            released.add(hold);
        }

        @Override
        public synchronized void finished(ControlResult result) {
            finished.add(result);
        }
    }
}
