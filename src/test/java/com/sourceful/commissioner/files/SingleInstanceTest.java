package com.sourceful.commissioner.files;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SingleInstanceTest {

    @TempDir
    Path dir;

    /** Run in a second JVM: prints "acquired" or "held" for the folder in args[0]. */
    public static void main(String[] args) throws Exception {
        Optional<SingleInstance> lock = SingleInstance.tryAcquire(Path.of(args[0]));
        System.out.print(lock.isPresent() ? "acquired" : "held");
    }

    private String secondProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SingleInstanceTest.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the second JVM ends").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aSecondProcessDoesNotGetTheLockWhileTheFirstHoldsIt() throws Exception {
        try (SingleInstance first = SingleInstance.tryAcquire(dir).orElseThrow()) {
            assertThat(secondProcess()).isEqualTo("held");
            assertThat(SingleInstance.tryAcquire(dir)).as("nor this JVM a second time").isEmpty();
        }
        assertThat(secondProcess()).as("released on close").isEqualTo("acquired");
    }

    @Test
    void aLeftoverLockFileFromACrashDoesNotStopTheNextStart() throws Exception {
        // The crashed process's lock died with it; its file stays, with whatever content.
        Files.writeString(dir.resolve(SingleInstance.FILE_NAME), "12345 stale");
        assertThat(secondProcess()).isEqualTo("acquired");
    }

    @Test
    void aMissingFolderIsCreated() throws Exception {
        Path folder = dir.resolve("new").resolve("settings");
        try (SingleInstance lock = SingleInstance.tryAcquire(folder).orElseThrow()) {
            assertThat(new File(folder.toFile(), SingleInstance.FILE_NAME)).exists();
        }
    }
}
