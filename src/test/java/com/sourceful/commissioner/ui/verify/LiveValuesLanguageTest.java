package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import com.sourceful.commissioner.ui.Messages;

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
}
