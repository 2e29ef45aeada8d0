package com.sourceful.commissioner.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import com.sourceful.commissioner.control.ControlPlan.DerFacts;
import com.sourceful.commissioner.control.ControlPlan.Problem.Kind;

class ControlPlanTest {

    private static final URI ZAP = URI.create("http://127.0.0.1:8080/");

    private static DerFacts battery(double ratedW, double nowW, double soc) {
        return new DerFacts(OptionalDouble.of(ratedW), OptionalDouble.of(nowW), OptionalDouble.of(soc));
    }

    private static DerFacts pv(double ratedW, double nowW) {
        return new DerFacts(OptionalDouble.of(ratedW), OptionalDouble.of(nowW), OptionalDouble.empty());
    }

    private static ControlPlan.Checked check(ControlAction action, String watts, String seconds, DerFacts facts) {
        return ControlPlan.check("zap-0000aaaa", ZAP, "SN1", action, watts, seconds, facts);
    }

    private static Kind[] kinds(ControlPlan.Checked c) {
        return c.problems().stream().map(ControlPlan.Problem::kind).toArray(Kind[]::new);
    }

    @Test
    void aSmallChargeOfAHalfFullBatteryIsAPlanWithItsSign() {
        ControlPlan.Checked c = check(ControlAction.CHARGE, "1000", "30", battery(5000, -200, 0.5));

        assertThat(c.problems()).isEmpty();
        ControlPlan p = c.plan().orElseThrow();
        assertThat(p.setpointW()).isEqualTo(1000);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(check(ControlAction.DISCHARGE, "1 000".replace(" ", ""), "30", battery(5000, 0, 0.5))
                .plan().orElseThrow().setpointW()).isEqualTo(-1000);
    }

    @Test
    void thePowerIsCappedByTheSmallerOfTheRatingAndTheDefaultCap() {
        assertThat(check(ControlAction.CHARGE, "2500", "30", battery(5000, 0, 0.5)).problems())
                .containsExactly(new ControlPlan.Problem(Kind.POWER_TOO_HIGH, 2500, ControlLimits.MAX_POWER_W));
        assertThat(check(ControlAction.CHARGE, "1500", "30", battery(1200, 0, 0.5)).problems())
                .containsExactly(new ControlPlan.Problem(Kind.POWER_TOO_HIGH, 1500, 1200));
        assertThat(kinds(check(ControlAction.CHARGE, "100", "30", battery(5000, 0, 0.5))))
                .containsExactly(Kind.POWER_TOO_LOW);
    }

    @Test
    void theDurationHasAShortestAndALongest() {
        assertThat(kinds(check(ControlAction.CHARGE, "1000", "5", battery(5000, 0, 0.5))))
                .containsExactly(Kind.DURATION_TOO_SHORT);
        assertThat(check(ControlAction.CHARGE, "1000", "600", battery(5000, 0, 0.5)).problems())
                .containsExactly(new ControlPlan.Problem(Kind.DURATION_TOO_LONG, 600,
                        ControlLimits.MAX_DURATION.toSeconds()));
        assertThat(kinds(check(ControlAction.CHARGE, "1000", "30.5", battery(5000, 0, 0.5))))
                .containsExactly(Kind.DURATION_NOT_A_NUMBER);
    }

    @Test
    void whatIsNotANumberIsSaidSoAndACommaIsADecimalPoint() {
        assertThat(kinds(check(ControlAction.CHARGE, "lots", "soon", battery(5000, 0, 0.5))))
                .containsExactly(Kind.POWER_NOT_A_NUMBER, Kind.DURATION_NOT_A_NUMBER);
        assertThat(check(ControlAction.CHARGE, "999,5", "30", battery(5000, 0, 0.5)).plan().orElseThrow().powerW())
                .isEqualTo(999.5);
        assertThat(kinds(check(ControlAction.CHARGE, "NaN", "30", battery(5000, 0, 0.5))))
                .containsExactly(Kind.POWER_NOT_A_NUMBER);
    }

    @Test
    void theCustomersReserveIsNotDischargedAndANearlyFullBatteryNotCharged() {
        assertThat(check(ControlAction.DISCHARGE, "1000", "30", battery(5000, 0, 0.15)).problems())
                .containsExactly(new ControlPlan.Problem(Kind.SOC_TOO_LOW_TO_DISCHARGE, 0.15,
                        ControlLimits.MIN_SOC_TO_DISCHARGE));
        assertThat(kinds(check(ControlAction.CHARGE, "1000", "30", battery(5000, 0, 0.93))))
                .containsExactly(Kind.SOC_TOO_HIGH_TO_CHARGE);
        // charging a low battery and discharging a full one are fine
        assertThat(check(ControlAction.CHARGE, "1000", "30", battery(5000, 0, 0.15)).problems()).isEmpty();
        assertThat(check(ControlAction.DISCHARGE, "1000", "30", battery(5000, 0, 0.93)).problems()).isEmpty();
    }

    @Test
    void withoutAReadingThereIsNoPlan() {
        assertThat(kinds(check(ControlAction.CHARGE, "1000", "30", DerFacts.unknown())))
                .containsExactly(Kind.NO_READING);
        assertThat(kinds(check(ControlAction.CHARGE, "1000", "30",
                new DerFacts(OptionalDouble.of(5000), OptionalDouble.of(0), OptionalDouble.empty()))))
                .containsExactly(Kind.NO_READING);
    }

    @Test
    void aSetpointTooCloseToWhereTheDerIsWouldShowNothing() {
        assertThat(check(ControlAction.CHARGE, "1000", "30", battery(5000, 900, 0.5)).problems())
                .containsExactly(new ControlPlan.Problem(Kind.CHANGE_TOO_SMALL, 900, 1000));
        // a PV making 1200 W limited to 1000 W changes 200 W; limited to 500 W it changes 700 W
        assertThat(kinds(check(ControlAction.LIMIT_PV, "1000", "30", pv(6000, -1200))))
                .containsExactly(Kind.CHANGE_TOO_SMALL);
        assertThat(check(ControlAction.LIMIT_PV, "500", "30", pv(6000, -1200)).plan().orElseThrow().targetW())
                .isEqualTo(-500);
        // a limit above what the PV makes changes nothing at all
        assertThat(kinds(check(ControlAction.LIMIT_PV, "3000", "30", pv(6000, -1200))))
                .containsExactly(Kind.CHANGE_TOO_SMALL);
    }

    @Test
    void aPvLimitMayBeZeroButNotNegativeNorAboveTheRating() {
        assertThat(check(ControlAction.LIMIT_PV, "0", "30", pv(6000, -1200)).problems()).isEmpty();
        assertThat(kinds(check(ControlAction.LIMIT_PV, "-5", "30", pv(6000, -1200))))
                .contains(Kind.POWER_TOO_LOW);
        assertThat(kinds(check(ControlAction.LIMIT_PV, "7000", "30", pv(6000, -1200))))
                .contains(Kind.POWER_TOO_HIGH);
    }
}
