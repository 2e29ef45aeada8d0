package com.sourceful.commissioner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BenchRunTest {

    private static final String PROBE_LINE = "startup-probe: first frame rendered 1240 ms after JVM start"
            + " (laid out at 1100 ms)";

    @Test
    void aProbeLineIsTheFigure() {
        assertThat(BenchRun.startupMillis("Main", "some log\n" + PROBE_LINE + "\n")).isEqualTo(1240.0);
    }

    @Test
    void aRunWhoseArchiveTheJvmRefusedIsNoFigure() {
        // JDK 17's words when the archive does not match the class path; the JVM then starts without it.
        String out = "[0.263s][warning][cds,dynamic] Unable to use shared archive. The top archive failed to load:"
                + " target/bench-cds/app.jsa\n" + PROBE_LINE + "\n";

        assertThatThrownBy(() -> BenchRun.startupMillis("Main", out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without its class-data archive");
    }

    @Test
    void noProbeLineIsNoFigure() {
        assertThatThrownBy(() -> BenchRun.startupMillis("Main", "Exception in thread \"main\"\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("printed no start-up time");
    }

    /** The variables that would win over user.home for the settings and log folders. */
    private static final List<String> FOLDER_VARIABLES = List.of("APPDATA", "XDG_CONFIG_HOME", "LOCALAPPDATA",
            "XDG_STATE_HOME");

    /** Run in a child JVM whose environment has them all: prints what a benchmark's child would get of them. */
    public static void main(String[] args) {
        System.out.print(BenchRun.inBenchHome(List.of("java")).environment().keySet().stream()
                .filter(FOLDER_VARIABLES::contains).toList());
    }

    @Test
    void aBenchmarksChildKeepsItsSettingsInTheBenchHomeWhateverTheEnvironmentSays() throws Exception {
        ProcessBuilder parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchRunTest.class.getName());
        parent.environment().put("XDG_CONFIG_HOME", "/the/users/own/config");
        parent.environment().put("APPDATA", "C:\\Users\\tech\\AppData\\Roaming");
        parent.environment().put("XDG_STATE_HOME", "/the/users/own/state");
        parent.environment().put("LOCALAPPDATA", "C:\\Users\\tech\\AppData\\Local");
        Process p = parent.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[]");
    }
}
