package com.sourceful.commissioner.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sourceful.commissioner.ui.theme.OsColorScheme.Output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What each OS's answer means, and which command is asked on which OS; no process is started here but one. */
class OsColorSchemeTest {

    private static final String KEY = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize";

    @Test
    void windowsRegistry() {
        assertThat(OsColorScheme.windowsIsDark(new Output(0, "\r\n" + KEY + "\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n")))
                .contains(true);
        assertThat(OsColorScheme.windowsIsDark(new Output(0, KEY + "\n    AppsUseLightTheme    REG_DWORD    0x1\n")))
                .contains(false);
        assertThat(OsColorScheme.windowsIsDark(new Output(1,
                "ERROR: The system was unable to find the specified registry key or value."))).isEmpty();
        assertThat(OsColorScheme.windowsIsDark(new Output(0, "    AppsUseLightTheme    REG_DWORD    0xZZ"))).isEmpty();
        assertThat(OsColorScheme.windowsIsDark(new Output(0, ""))).isEmpty();
        assertThat(OsColorScheme.windowsIsDark(Output.FAILED)).isEmpty();
    }

    @Test
    void macDefaults() {
        assertThat(OsColorScheme.macIsDark(new Output(0, "Dark\n"))).contains(true);
        assertThat(OsColorScheme.macIsDark(new Output(1,
                ""))).as("The domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist")
                .contains(false);
        assertThat(OsColorScheme.macIsDark(new Output(0, "Light\n"))).contains(false);
        assertThat(OsColorScheme.macIsDark(Output.FAILED)).isEmpty();
    }

    @Test
    void gnomeSettings() {
        assertThat(OsColorScheme.gnomeColorSchemeIsDark(new Output(0, "'prefer-dark'\n"))).contains(true);
        assertThat(OsColorScheme.gnomeColorSchemeIsDark(new Output(0, "'prefer-light'\n"))).contains(false);
        assertThat(OsColorScheme.gnomeColorSchemeIsDark(new Output(0, "'default'\n"))).isEmpty();
        assertThat(OsColorScheme.gnomeColorSchemeIsDark(new Output(1, "No such key “color-scheme”\n"))).isEmpty();
        assertThat(OsColorScheme.gtkThemeIsDark(new Output(0, "'Adwaita-dark'\n"))).contains(true);
        assertThat(OsColorScheme.gtkThemeIsDark(new Output(0, "'Yaru-Dark'\n"))).contains(true);
        assertThat(OsColorScheme.gtkThemeIsDark(new Output(0, "'Adwaita'\n"))).contains(false);
        assertThat(OsColorScheme.gtkThemeIsDark(Output.FAILED)).isEmpty();
    }

    @Test
    void eachOsIsAskedItsOwnWay() {
        List<List<String>> asked = new ArrayList<>();
        Map<String, Output> answers = Map.of(
                "reg", new Output(0, "    AppsUseLightTheme    REG_DWORD    0x0"),
                "defaults", new Output(0, "Dark"),
                "gsettings color-scheme", new Output(0, "'default'"),
                "gsettings gtk-theme", new Output(0, "'Adwaita-dark'"));
        OsColorScheme.Runner runner = command -> {
            asked.add(command);
            String key = command.get(0).equals("gsettings") ? "gsettings " + command.get(3) : command.get(0);
            return answers.get(key);
        };
        assertThat(OsColorScheme.detect("Windows 11", runner)).isTrue();
        assertThat(asked.get(0)).containsExactly("reg", "query",
                "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme");
        asked.clear();
        assertThat(OsColorScheme.detect("Mac OS X", runner)).isTrue();
        assertThat(asked.get(0)).containsExactly("defaults", "read", "-g", "AppleInterfaceStyle");
        asked.clear();
        assertThat(OsColorScheme.detect("Linux", runner)).as("'default' scheme: the GTK theme decides").isTrue();
        assertThat(asked).hasSize(2);
    }

    @Test
    void anythingThatFailsIsLight() {
        assertThat(OsColorScheme.detect("Windows 10", command -> Output.FAILED)).isFalse();
        assertThat(OsColorScheme.detect("Mac OS X", command -> Output.FAILED)).isFalse();
        assertThat(OsColorScheme.detect("Linux", command -> Output.FAILED)).isFalse();
        assertThat(OsColorScheme.detect("Linux", command -> {
            throw new IllegalStateException("boom");
        })).isFalse();
    }

    @Test
    void aMissingCommandIsLight() {
        assertThat(OsColorScheme.run(List.of("no-such-command-zap-commissioner"))).isEqualTo(Output.FAILED);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs sleep and echo, which Windows has no programs for")
    void aSlowCommandIsKilledAfterASecondAndAQuickOneIsRead() {
        long start = System.nanoTime();
        Output slow = OsColorScheme.run(List.of("sleep", "10"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(slow).isEqualTo(Output.FAILED);
        assertThat(ms).isBetween(OsColorScheme.TIMEOUT_MS - 50, OsColorScheme.TIMEOUT_MS + 1500);
        assertThat(OsColorScheme.run(List.of("echo", "'prefer-dark'")).stdout().trim()).isEqualTo("'prefer-dark'");
    }
}
