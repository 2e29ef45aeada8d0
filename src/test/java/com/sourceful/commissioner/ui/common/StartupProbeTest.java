package com.sourceful.commissioner.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sourceful.commissioner.Main;
import com.sourceful.commissioner.bench.BareStartup;
import com.sourceful.commissioner.testsupport.ChildApp;

import org.junit.jupiter.api.Test;

/**
 * {@code --startup-probe} in a fresh, headless JVM, as the start-up benchmark runs it: it prints the first rendered
 * frame's time and exits; it refuses to run outside demo mode (it must never browse the real network).
 */
class StartupProbeTest {

    static final Pattern LINE = Pattern.compile(
            "startup-probe: first frame rendered (\\d+) ms after JVM start \\(laid out at (\\d+) ms\\)");

    record Run(int exit, String out, String err) {
    }

    static Run fork(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        // A home of its own: the app writes its settings and log file there, never into the user's.
        Path home = Files.createTempDirectory("probe-home");
        Path out = Files.createTempFile("probe", ".out");
        Path err = Files.createTempFile("probe", ".err");
        try {
            Process p = ChildApp.command(home, List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"), mainClass,
                    args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the probe did not exit within 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void theAppInDemoModePrintsItsFirstRenderedFrameAndExits() throws Exception {
        Run run = fork(Main.class, "--demo", "--startup-probe");
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher m = LINE.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        long rendered = Long.parseLong(m.group(1));
        long laidOut = Long.parseLong(m.group(2));
        assertThat(laidOut).isPositive();
        assertThat(rendered).isGreaterThanOrEqualTo(laidOut);
    }

    @Test
    void theBareWindowIsMeasuredTheSameWay() throws Exception {
        Run run = fork(BareStartup.class);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(LINE.matcher(run.out()).find()).as(run.out()).isTrue();
    }

    @Test
    void theProbeRefusesToRunOutsideDemoMode() throws Exception {
        Run run = fork(Main.class, "--startup-probe");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("demo mode only");
        assertThat(run.out()).doesNotContain("startup-probe:");
    }
}
