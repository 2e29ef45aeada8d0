package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language chosen in the app, kept in the settings folder for the next start. */
class LanguagePreferenceTest {

    @TempDir
    Path dir;

    @AfterEach
    void noFile() {
        LanguagePreference.useFile(null);
    }

    @Test
    void aSavedChoiceIsReadBack() throws Exception {
        Path f = dir.resolve("settings").resolve(LanguagePreference.FILE_NAME);
        assertThat(LanguagePreference.load(f)).isEmpty();
        LanguagePreference.save(f, "sv");
        assertThat(LanguagePreference.load(f)).contains("sv");
        LanguagePreference.useFile(f);
        LanguagePreference.store("en");
        assertThat(LanguagePreference.load(f)).contains("en");
    }

    @Test
    void aBrokenOrUnknownFileIsNoPreference() throws Exception {
        Path f = dir.resolve(LanguagePreference.FILE_NAME);
        Files.writeString(f, "language=de\n");
        assertThat(LanguagePreference.load(f)).isEmpty();
        Files.writeString(f, "language=\\u00");
        assertThat(LanguagePreference.load(f)).isEmpty();
        assertThatThrownBy(() -> LanguagePreference.save(f, "de")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itLivesNextToTheRecentZaps() {
        assertThat(LanguagePreference.defaultFile().getParent())
                .isEqualTo(com.sourceful.commissioner.discovery.RecentZaps.defaultFile().getParent());
    }
}
