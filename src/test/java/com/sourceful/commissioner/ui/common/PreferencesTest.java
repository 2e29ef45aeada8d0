package com.sourceful.commissioner.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sourceful.commissioner.discovery.RecentZaps;
import com.sourceful.commissioner.testsupport.HostileFiles;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/** The one settings file: language, theme and the OS colour scheme last seen, each kept when another is saved. */
class PreferencesTest {

    @TempDir
    Path dir;

    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void collectProblems() {
        Preferences.problems = problems::add;
    }

    @AfterEach
    void noFile() {
        Preferences.useFile(null);
        Preferences.problems = problem -> { };
    }

    @Test
    void valuesAreKeptSideBySide() throws Exception {
        Path f = dir.resolve("settings").resolve(Preferences.FILE_NAME);
        assertThat(Preferences.load(f)).isEqualTo(Preferences.Values.NONE);
        Preferences.put(f, Preferences.LANGUAGE, "sv");
        Preferences.put(f, Preferences.THEME, "dark");
        Preferences.useFile(f);
        Preferences.store(Preferences.THEME_OS, "dark");
        Preferences.Values v = Preferences.load(f);
        assertThat(v.language()).contains("sv");
        assertThat(v.theme()).contains(ThemeChoice.DARK);
        assertThat(v.osDark()).contains(true);
        Preferences.store(Preferences.LANGUAGE, "en");
        assertThat(Preferences.load(f).theme()).as("saving the language keeps the theme").contains(ThemeChoice.DARK);
        assertThat(Preferences.load(f).language()).contains("en");
    }

    @Test
    void aSavedLanguageIsReadBack() throws Exception {
        Path f = dir.resolve("settings").resolve(Preferences.FILE_NAME);
        assertThat(Preferences.load(f).language()).isEmpty();
        Preferences.put(f, Preferences.LANGUAGE, "sv");
        assertThat(Preferences.load(f).language()).contains("sv");
        Preferences.useFile(f);
        Preferences.store(Preferences.LANGUAGE, "en");
        assertThat(Preferences.load(f).language()).contains("en");
    }

    @Test
    void aBrokenOrUnknownLanguageIsNoPreferenceAndIsNotSaved() throws Exception {
        Path f = dir.resolve(Preferences.FILE_NAME);
        Files.writeString(f, "language=de\n");
        assertThat(Preferences.load(f).language()).isEmpty();
        Files.writeString(f, "language=\\u00");
        assertThat(Preferences.load(f).language()).isEmpty();
        Assertions.assertThatThrownBy(() -> Preferences.put(f, Preferences.LANGUAGE, "de"))
                .isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> Preferences.put(f, Preferences.THEME, "purple"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itLivesNextToTheRecentZaps() {
        assertThat(Preferences.defaultFile().getParent())
                .isEqualTo(RecentZaps.defaultFile().getParent());
    }

    @Test
    void unknownValuesAreNoPreference() throws Exception {
        Path f = dir.resolve(Preferences.FILE_NAME);
        Files.writeString(f, "language=de\ntheme=purple\ntheme.os=grey\n");
        assertThat(Preferences.load(f)).isEqualTo(Preferences.Values.NONE);
        Files.writeString(f, "theme=\\u00");
        assertThat(Preferences.load(f)).isEqualTo(Preferences.Values.NONE);
    }

    @Test
    void theLanguageFileOfBeforeIsStillRead() throws Exception {
        Files.writeString(dir.resolve(Preferences.OLD_LANGUAGE_FILE), "language=sv\n");
        Path f = dir.resolve(Preferences.FILE_NAME);
        assertThat(Preferences.load(f).language()).contains("sv");
        Preferences.put(f, Preferences.THEME, "light");
        assertThat(Preferences.load(f).language()).as("carried over by the first write").contains("sv");
        Files.writeString(dir.resolve(Preferences.OLD_LANGUAGE_FILE), "language=en\n");
        assertThat(Preferences.load(f).language()).as("the new file wins once it is there").contains("sv");
        assertThat(Preferences.load(f).theme()).contains(ThemeChoice.LIGHT);
    }

    @Test
    void themeChoicesParse() {
        assertThat(ThemeChoice.parse(" Dark ")).contains(ThemeChoice.DARK);
        assertThat(ThemeChoice.parse("system")).contains(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.parse("auto")).isEqualTo(Optional.empty());
        assertThat(ThemeChoice.parse(null)).isEmpty();
    }

    @Test
    void aHugeFileIsSkippedWithAMessageAndReplacedByTheNextChoice() throws Exception {
        Path f = HostileFiles.huge(dir.resolve(Preferences.FILE_NAME));
        assertThat(Preferences.load(f)).isEqualTo(Preferences.Values.NONE);
        assertThat(problems).singleElement().asString().contains("larger than");
        Preferences.put(f, Preferences.THEME, "dark");
        assertThat(Files.size(f)).isLessThan(1024);
        assertThat(Preferences.load(f).theme()).contains(ThemeChoice.DARK);
    }

    @Test
    void aFifoIsSkippedWithAMessageWithoutBlocking() throws Exception {
        Path f = HostileFiles.fifo(dir.resolve(Preferences.FILE_NAME));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Preferences.load(f)))
                .isEqualTo(Preferences.Values.NONE);
        assertThat(problems).singleElement().asString().contains("not a regular file");
    }

    @Test
    void aLinkToADeviceIsSkippedWithAMessage() throws Exception {
        Path f = HostileFiles.linkToDevZero(dir.resolve(Preferences.FILE_NAME));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Preferences.load(f)))
                .isEqualTo(Preferences.Values.NONE);
        assertThat(problems).singleElement().asString().contains("not a regular file");
    }
}
