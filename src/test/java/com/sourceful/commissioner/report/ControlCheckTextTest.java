package com.sourceful.commissioner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlPlan;

class ControlCheckTextTest {

    private static final ReportTexts EN = new ReportTexts(
            ResourceBundle.getBundle("com.sourceful.commissioner.ui.messages", Locale.ROOT), Locale.ENGLISH);

    private static ControlPlan plan(ControlAction action, double watts) {
        return new ControlPlan("zap-0000aaaa", URI.create("http://127.0.0.1:8080/"), "SN1", action, watts,
                Duration.ofSeconds(30));
    }

    @Test
    void aChargeSmallerThanWhatTheBatteryChargesNowIsSaidToDrawLessFromTheGrid() {
        // Charging 4.4 kW from the PV's surplus, told to charge at 1 kW: the site exports 3.4 kW more, not less.
        String said = ControlCheckText.plan(plan(ControlAction.CHARGE, 1000), OptionalDouble.of(4370), EN);

        assertThat(said).startsWith("The battery will be told to charge at 1,000 W for up to 30 s")
                .contains("It is at 4,370 W now, so the site draws about 3,370 W less from the grid");
    }

    @Test
    void aDischargeAndAPvLimitSayTheGridsChangeFromWhereTheDerIs() {
        assertThat(ControlCheckText.plan(plan(ControlAction.DISCHARGE, 1500), OptionalDouble.of(-200), EN))
                .contains("It is at -200 W now, so the site draws about 1,300 W less from the grid");
        // PV making 3 kW limited to 1 kW: 2 kW more from the grid
        assertThat(ControlCheckText.plan(plan(ControlAction.LIMIT_PV, 1000), OptionalDouble.of(-3000), EN))
                .contains("It is at -3,000 W now, so the site draws about 2,000 W more from the grid");
    }

    @Test
    void theLimitsAreTheOnesTheCheckStopsAt() {
        assertThat(ControlCheckText.plan(plan(ControlAction.CHARGE, 1000), EN))
                .doesNotContain("It is at")
                .contains("if the grid import passes 10 kW, if the battery's state of charge falls to 16 % or rises"
                        + " to 94 %");
    }
}
