package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.testsupport.ChildApp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (logout, {@code kill}) and SIGINT (Ctrl+C in its terminal) end the app as its close button would: {@code App.stop} runs, the process exits 0
 * and prints no exception. Left to the JVM's default handling it ended with 143, and JavaFX's renderer could be
 * stopped under a running pulse (a RejectedExecutionException, seen in the .deb smoke test).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class MainTerminateTest {

    @Test
    void sigtermClosesTheWindowAndExitsCleanly(@TempDir Path home) throws Exception {
        endsCleanlyOn("TERM", home);
    }

    @Test
    void ctrlCInItsTerminalClosesTheWindowAndExitsCleanly(@TempDir Path home) throws Exception {
        endsCleanlyOn("INT", home);
    }

    private static void endsCleanlyOn(String signal, Path home) throws Exception {
        Process p = ChildApp.main(home, "--demo").redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "child-output");
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!out.toString().contains("App - Started") && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(out.toString()).as("the demo started").contains("App - Started");
            Thread.sleep(1000); // the demo's search runs: there is work to stop
            if (signal.equals("TERM")) {
                // Through the handle: Process.destroy() would also close our end of the output pipe.
                p.toHandle().destroy();
            } else {
                assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor())
                        .isZero();
            }
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("ended within 20 s of SIG" + signal).isTrue();
            reader.join(5000);
            assertThat(p.exitValue()).as(out.toString()).isZero();
            // No stack trace and no uncaught exception (a log line may name an exception class in its message).
            assertThat(out.toString()).doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
                    .doesNotContain("Exception in thread").doesNotContain("Caused by:");
            assertThat(out.toString()).as("App.stop ran").contains("App - Closing");
            // Discovery stops before the demo's simulators do, so it does not report the demo Zap as broken.
            assertThat(out.substring(out.indexOf("App - Closing"))).doesNotContain("is not a usable Zap");
            Path log = home.resolve(".local/state/zap-commissioner/logs/zap-commissioner.log");
            if (System.getProperty("os.name").startsWith("Linux")) {
                assertThat(Files.readString(log)).as("the log file a support bundle carries")
                        .contains("App - Started").contains("App - Closing");
                assertThat(home.resolve(".config/zap-commissioner/instance.door"))
                        .as("the door to the window closes with it").doesNotExist();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
