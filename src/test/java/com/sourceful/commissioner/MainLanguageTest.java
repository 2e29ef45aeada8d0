package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

/** {@code --lang en|sv}: validated, and the GUI's other options still parse around it. */
class MainLanguageTest {

    @Test
    void langIsReadAndValidated() {
        assertThat(Main.language(new String[] {"--demo"})).isEmpty();
        assertThat(Main.language(new String[] {"--demo", "--lang", "sv"})).contains("sv");
        assertThat(Main.language(new String[] {"--lang", "EN", "--zap", "127.0.0.1"})).contains("en");
        assertThatThrownBy(() -> Main.language(new String[] {"--lang", "de"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("en (English) or sv (Swedish)");
        assertThatThrownBy(() -> Main.language(new String[] {"--lang"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--lang needs a value");
    }

    @Test
    void theOtherOptionsSkipLang() {
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        assertThat(Main.parse(new String[] {"--lang", "sv", "--zap", "127.0.0.1:8080"}, err).discovery().knownAddresses())
                .hasSize(1);
    }

    @Test
    void usageNamesLang() {
        assertThat(Main.USAGE).contains("--lang en|sv");
    }
}
