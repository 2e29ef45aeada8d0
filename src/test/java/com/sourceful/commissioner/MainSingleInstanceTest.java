package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sourceful.commissioner.files.SingleInstance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second start while the app is open says so and exits without touching the settings folder: before the lock,
 * it cleared the first app's outbox files in progress and wrote into its log.
 */
@EnabledOnOs(OS.LINUX) // the settings folder's path below is Linux's
class MainSingleInstanceTest {

    @Test
    void aSecondStartSaysTheAppIsOpenAndLeavesTheFirstOnesFilesAlone(@TempDir Path home) throws Exception {
        Path settings = home.resolve(".config").resolve("zap-commissioner");
        Path inProgress = Files.createDirectories(settings.resolve("outbox")).resolve("entry.json.123.tmp");
        Files.writeString(inProgress, "{half written");
        List<Path> before;
        try (Stream<Path> files = Files.walk(settings)) {
            before = files.sorted().toList();
        }
        // This JVM plays the first app: it holds the lock, as Main does.
        try (SingleInstance first = SingleInstance.tryAcquire(settings).orElseThrow()) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-Duser.home=" + home,
                    "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Djava.awt.headless=true",
                    "-Djdk.net.hosts.file=" + Path.of("src/test/resources/test-hosts").toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--demo"))
                    .redirectErrorStream(true);
            // The settings folder follows user.home only without these.
            pb.environment().remove("XDG_CONFIG_HOME");
            pb.environment().remove("APPDATA");
            Process second = pb.start();
            try {
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second start ends by itself").isTrue();
                String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(second.exitValue()).as(out).isEqualTo(Main.ALREADY_OPEN);
                assertThat(out).contains("already open");
            } finally {
                second.destroyForcibly();
            }
        }
        assertThat(inProgress).hasContent("{half written");
        try (Stream<Path> files = Files.walk(settings)) {
            assertThat(files.sorted().toList()).as("nothing added or removed but the lock file")
                    .containsExactlyInAnyOrderElementsOf(
                            Stream.concat(before.stream(), Stream.of(settings.resolve(SingleInstance.FILE_NAME)))
                                    .toList());
        }
    }
}
