package com.sourceful.commissioner.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import com.sourceful.commissioner.control.ControlResult.Limited;
import com.sourceful.commissioner.control.ControlResult.Outcome;
import com.sourceful.commissioner.control.ControlResult.Stop;

/**
 * Verdicts from a site whose physics add up: at every reading meter = house + pv + battery + other DERs, with the
 * house wandering by a few tens of watts. Each test says what the hardware did; the judge must say the same.
 */
class ControlJudgeTest {

    private static final URI ZAP = URI.create("http://127.0.0.1:8080/");

    /** One site: per reading index, the house W, the PV W, the battery under test W, another battery W, the SoC. */
    private record Site(IntToDoubleFunction house, IntToDoubleFunction pv, IntToDoubleFunction battery,
                        IntToDoubleFunction otherBattery, IntToDoubleFunction soc, boolean withMeter) {

        static Site steady() {
            return new Site(i -> 500 + 20 * Math.sin(i), i -> -300, i -> -200, i -> 0, i -> 0.5, true);
        }

        Site battery(IntToDoubleFunction b) {
            return new Site(house, pv, b, otherBattery, soc, withMeter);
        }

        Site house(IntToDoubleFunction h) {
            return new Site(h, pv, battery, otherBattery, soc, withMeter);
        }

        Site pv(IntToDoubleFunction p) {
            return new Site(house, p, battery, otherBattery, soc, withMeter);
        }

        Site other(IntToDoubleFunction o) {
            return new Site(house, pv, battery, o, soc, withMeter);
        }

        Site soc(IntToDoubleFunction s) {
            return new Site(house, pv, battery, otherBattery, s, withMeter);
        }

        Site withoutMeter() {
            return new Site(house, pv, battery, otherBattery, soc, false);
        }

        /** The reading at index i (i &lt; 0: the baseline), as the battery's or the PV's check sees it. */
        ControlReading at(int i, ControlAction action) {
            double h = house.applyAsDouble(i);
            double p = pv.applyAsDouble(i);
            double b = battery.applyAsDouble(i);
            double o = otherBattery.applyAsDouble(i);
            double meter = Math.round(h + p + b + o);
            double der = action.battery() ? b : p;
            double others = action.battery() ? p + o : b + o;
            return new ControlReading(1_000L * (i + 10), der, OptionalDouble.of(soc.applyAsDouble(i)),
                    withMeter ? OptionalDouble.of(meter) : OptionalDouble.empty(), others);
        }
    }

    private static ControlPlan plan(ControlAction action, double watts) {
        return new ControlPlan("zap-0000aaaa", ZAP, "SN1", action, watts, Duration.ofSeconds(30));
    }

    /** Three baseline readings, the command at 0 s, then one reading a second until a stop or {@code readings}. */
    private static ControlJudge.Verdict judge(Site site, ControlPlan plan, int readings, Stop[] stopped) {
        ControlJudge judge = new ControlJudge(plan);
        for (int i = -3; i < 0; i++) {
            judge.baseline(site.at(i, plan.action()));
        }
        judge.commanded(0);
        Stop stop = Stop.DURATION;
        for (int i = 0; i < readings; i++) {
            Optional<Stop> early = judge.observe(site.at(i, plan.action()), 1_000L * (i + 1));
            if (early.isPresent()) {
                stop = early.get();
                break;
            }
        }
        stopped[0] = stop;
        return judge.verdict(stop);
    }

    /** A first-order approach from {@code from} to {@code to} with a 2.5 s time constant, as inverters ramp. */
    private static IntToDoubleFunction ramp(double from, double to) {
        return i -> i < 0 ? from : to + (from - to) * Math.exp(-(i + 1) / 2.5);
    }

    @Test
    void aBatteryThatRampsToTheSetpointFollowedItAndTheMeterAgrees() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(ramp(-200, 1000)), plan(ControlAction.CHARGE, 1000), 30,
                stop);

        assertThat(stop[0]).isEqualTo(Stop.HELD);
        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED);
        assertThat(v.baselineW()).isEqualTo(-200);
        assertThat(v.reachedW().getAsDouble()).isCloseTo(1000, within(100.0));
        // within 100 W of 1000 W from e^(-t/2.5) · 1200 ≤ 100: t ≥ 6.2 s, so the 7th reading (7 s) starts the hold
        assertThat(v.secondsToFollow().getAsDouble()).isEqualTo(7.0);
        assertThat(v.meterDeltaW().getAsDouble()).isCloseTo(1200, within(120.0));
        assertThat(Math.abs(v.houseDeltaW().getAsDouble())).isLessThan(60);
    }

    @Test
    void aDischargeThatIsFollowedIsFollowed() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(ramp(-200, -1500)), plan(ControlAction.DISCHARGE, 1500),
                30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED);
        assertThat(v.meterDeltaW().getAsDouble()).isCloseTo(-1300, within(150.0));
    }

    @Test
    void aBatteryThatStaysInSelfConsumptionIgnoredTheCommandAndTheMeterConfirmsIt() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady(), plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(stop[0]).isEqualTo(Stop.DURATION);
        assertThat(v.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(v.reachedW().getAsDouble()).isEqualTo(-200);
        assertThat(Math.abs(v.meterDeltaW().getAsDouble())).isLessThan(60);
        assertThat(v.secondsToFollow()).isEmpty();
    }

    @Test
    void aBatteryHeldSteadyBelowTheSetpointFollowedPartlyHeldLower() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(ramp(-200, 400)), plan(ControlAction.CHARGE, 1000), 30,
                stop);

        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(v.limitedBy()).isEqualTo(Limited.HELD_LOWER);
        assertThat(v.reachedW().getAsDouble()).isCloseTo(400, within(5.0));
    }

    @Test
    void aBatteryStillRampingWhenTheTimeIsUpFollowedPartlyStillMoving() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(i -> i < 0 ? -200 : -200 + 25 * (i + 1)),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(v.limitedBy()).isEqualTo(Limited.STILL_MOVING);
    }

    @Test
    void aBatteryReadingThatFollowsWhileTheMeterDoesNotMoveIsNoVerdict() {
        // The battery reports +1000 W; the grid did not see it (a reading that lies, or the house dropped 1200 W).
        Site site = new Site(i -> 500, i -> -300, ramp(-200, 1000), i -> 0, i -> 0.5, true);
        ControlJudge judge = new ControlJudge(plan(ControlAction.CHARGE, 1000));
        for (int i = -3; i < 0; i++) {
            judge.baseline(site.at(i, ControlAction.CHARGE));
        }
        judge.commanded(0);
        for (int i = 0; i < 30; i++) {
            ControlReading r = site.at(i, ControlAction.CHARGE);
            // the meter stays where it was
            ControlReading lying = new ControlReading(r.timestampMs(), r.derW(), r.soc(), OptionalDouble.of(0),
                    r.otherDersW());
            if (judge.observe(lying, 1_000L * (i + 1)).isPresent()) {
                break;
            }
        }
        ControlJudge.Verdict v = judge.verdict(Stop.HELD);

        assertThat(v.outcome()).isEqualTo(Outcome.READINGS_DISAGREE);
        assertThat(v.houseDeltaW().getAsDouble()).isCloseTo(-1200, within(100.0));
    }

    @Test
    void aMeterThatMovesWhileTheBatteryReadingStaysIsNoVerdictNeverIgnored() {
        // The battery charged (the meter saw +1200 W) but its reading stayed at -200 W: not "ignored".
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().house(i -> i < 0 ? 500 : 500 + 1200 * (1 - Math.exp(-(i + 1) / 2.5))),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.READINGS_DISAGREE);
    }

    @Test
    void aKettleDuringTheCheckIsNoVerdictEvenThoughTheBatteryFollowed() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(ramp(-200, 1000)).house(i -> i < 2 ? 500 : 2500),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.READINGS_DISAGREE);
        assertThat(v.houseDeltaW().getAsDouble()).isCloseTo(2000, within(1.0));
    }

    @Test
    void anotherBatteryAnsweringTheChangeDoesNotHideThatTheBatteryFollowed() {
        // The second battery runs self-consumption: it discharges what the first one charges, so the meter barely moves.
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(ramp(-200, 1000)).other(i -> i < 0 ? 0
                        : -(ramp(-200, 1000).applyAsDouble(i) + 200)),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED);
        assertThat(Math.abs(v.meterDeltaW().getAsDouble())).isLessThan(60);
    }

    @Test
    void aPvLimitIsFollowedWhenThePvMakesAtMostTheLimitEvenIfTheSunTakesItLower() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().pv(i -> i < 0 ? -3000 : i < 8 ? -1000 : -600),
                plan(ControlAction.LIMIT_PV, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED);
        assertThat(v.meterDeltaW().getAsDouble()).isCloseTo(2000, within(60.0));
    }

    @Test
    void aPvThatKeepsGeneratingIgnoredTheLimit() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().pv(i -> -3000), plan(ControlAction.LIMIT_PV, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void anImportBeyondTheLimitStopsTheCheckAtOnce() {
        Stop[] stop = new Stop[1];
        judge(Site.steady().battery(ramp(-200, 2000)).house(i -> i < 3 ? 500 : 9000), plan(ControlAction.CHARGE, 2000),
                30, stop);

        assertThat(stop[0]).isEqualTo(Stop.IMPORT_LIMIT);
    }

    @Test
    void aBatteryFillingUpStopsTheCheckAndIsPartlyFollowedForItsStateOfCharge() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(i -> i < 0 ? -200 : 400)
                        .soc(i -> i < 0 ? 0.9 : 0.9 + 0.01 * (i + 1)),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(stop[0]).isEqualTo(Stop.SOC_LIMIT);
        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(v.limitedBy()).isEqualTo(Limited.SOC);
        assertThat(v.socEnd().getAsDouble()).isCloseTo(0.94, within(1e-9));
    }

    @Test
    void aBatteryThatStopsAtItsOwnFullChargeIsPartlyFollowedForItsStateOfCharge() {
        // It charged at 600 W to 93 % and stopped there by itself (below the check's stop at 94 %): it did follow,
        // partly; neither ignored nor a held-lower power.
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(i -> i < 0 ? -200 : i < 5 ? 600 : 0)
                        .soc(i -> i < 0 ? 0.9 : Math.min(0.93, 0.9 + 0.01 * (i + 1))),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(stop[0]).isEqualTo(Stop.DURATION);
        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED_PARTLY);
        assertThat(v.limitedBy()).isEqualTo(Limited.SOC);
    }

    @Test
    void withoutAMeterTheBatteryIsJudgedByItsOwnReading() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(ramp(-200, 1000)).withoutMeter(),
                plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.FOLLOWED);
        assertThat(v.meterDeltaW()).isEmpty();
        assertThat(v.houseDeltaW()).isEmpty();
    }

    @Test
    void aBatteryAlreadyAtTheSetpointGivesNoVerdict() {
        Stop[] stop = new Stop[1];
        ControlJudge.Verdict v = judge(Site.steady().battery(i -> 950), plan(ControlAction.CHARGE, 1000), 30, stop);

        assertThat(v.outcome()).isEqualTo(Outcome.NO_VERDICT);
    }

    @Test
    void noReadingUnderTheSetpointGivesNoVerdictAndCancelIsCancelled() {
        ControlJudge judge = new ControlJudge(plan(ControlAction.CHARGE, 1000));
        judge.baseline(Site.steady().at(-1, ControlAction.CHARGE));

        assertThat(judge.verdict(Stop.DURATION).outcome()).isEqualTo(Outcome.NO_VERDICT);
        assertThat(judge.verdict(Stop.CANCELLED).outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void aPassThroughTheSetpointIsNotAHold() {
        // Overshoots through 1000 W on its way to 2000 W: two readings near 1000 W are not three.
        Stop[] stop = new Stop[1];
        double[] path = {100, 500, 950, 1050, 1500, 2000, 2000, 2000, 2000, 2000, 2000, 2000};
        ControlJudge.Verdict v = judge(Site.steady().battery(i -> i < 0 ? -200 : path[Math.min(i, path.length - 1)]),
                plan(ControlAction.CHARGE, 1000), 12, stop);

        assertThat(stop[0]).isEqualTo(Stop.DURATION);
        assertThat(v.outcome()).isNotEqualTo(Outcome.FOLLOWED);
    }
}
