package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import com.sourceful.commissioner.ui.common.ThemeChoice;

import org.junit.jupiter.api.Test;

/** {@code --theme system|light|dark}: validated like {@code --lang}, and the other options still parse around it. */
class MainThemeTest {

    @Test
    void themeIsReadAndValidated() {
        assertThat(Main.theme(new String[] {"--demo"})).isEmpty();
        assertThat(Main.theme(new String[] {"--demo", "--theme", "dark"})).contains(ThemeChoice.DARK);
        assertThat(Main.theme(new String[] {"--theme", "LIGHT", "--lang", "sv"})).contains(ThemeChoice.LIGHT);
        assertThatThrownBy(() -> Main.theme(new String[] {"--theme", "blue"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use system, light or dark");
        assertThatThrownBy(() -> Main.theme(new String[] {"--theme"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--theme needs a value");
    }

    @Test
    void theOtherOptionsSkipTheme() {
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        assertThat(Main.parse(new String[] {"--theme", "dark", "--zap", "127.0.0.1:8080"}, err).discovery()
                .knownAddresses()).hasSize(1);
        assertThat(Main.USAGE).contains("--theme system|light|dark");
    }
}
