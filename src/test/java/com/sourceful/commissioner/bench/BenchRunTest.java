package com.sourceful.commissioner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.sourceful.commissioner.testsupport.ChildApp;

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

    /** Run in a child JVM whose environment has them all: prints what a benchmark's child would get of them. */
    public static void main(String[] args) {
        System.out.print(ChildApp.folderVariablesIn(BenchRun.inBenchHome(List.of("java"))));
    }

    @Test
    void aBenchmarksChildKeepsItsSettingsInTheBenchHomeWhateverTheEnvironmentSays() throws Exception {
        assertThat(ChildApp.runWithFolderVariablesSet(BenchRunTest.class)).isEqualTo("[]");
    }
}
