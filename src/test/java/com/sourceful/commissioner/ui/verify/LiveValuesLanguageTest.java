package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import com.sourceful.commissioner.ui.common.Messages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live values are written in the app's language, not the computer's: Swedish numbers in a Swedish app. */
class LiveValuesLanguageTest {

    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
        Messages.setLanguage(null);
    }

    @Test
    void swedishOnAnEnglishComputerWritesSwedishNumbers() {
        Locale.setDefault(Locale.US);
        Messages.setLanguage("sv");
        assertThat(LiveValues.kwh(12_345_670)).isEqualTo("12\u00a0345,7 kWh");
        assertThat(LiveValues.kw(-3210)).isEqualTo("\u22123,21 kW");
        assertThat(LiveValues.kw(125)).as("rounded half up, as before").isEqualTo("0,13 kW");
    }

    @Test
    void englishOnAGermanComputerHasNoDecimalComma() {
        Locale.setDefault(Locale.GERMANY);
        Messages.setLanguage("en");
        assertThat(LiveValues.kw(-3210)).isEqualTo("-3.21 kW");
        assertThat(LiveValues.kwh(12_345_670)).isEqualTo("12,345.7 kWh");
    }

    @Test
    void thePowerAxisWritesTheAppsLanguageWithTheDecimalsItsStepNeedsAndNoMinusZero() {
        Locale.setDefault(Locale.US);
        Messages.setLanguage("sv");
        // A tick that lands a rounding error below zero was drawn as "−0,00".
        assertThat(VerifyController.powerLabel(-1.3877787807814457E-17, 0.05)).isEqualTo("0,00");
        assertThat(VerifyController.powerLabel(-0.25, 0.05)).isEqualTo("\u22120,25");
        assertThat(VerifyController.powerLabel(1.5, 0.25)).isEqualTo("1,50");
        assertThat(VerifyController.powerLabel(2, 1)).isEqualTo("2");
        assertThat(VerifyController.powerLabel(-2.5, 2.5)).isEqualTo("\u22122,5");
        Locale.setDefault(Locale.GERMANY);
        Messages.setLanguage("en");
        assertThat(VerifyController.powerLabel(0.75, 0.25)).isEqualTo("0.75");
    }
}
