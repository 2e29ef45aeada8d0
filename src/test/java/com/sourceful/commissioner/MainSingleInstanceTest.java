package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sourceful.commissioner.files.SingleInstance;
import com.sourceful.commissioner.testsupport.ChildApp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second start while the app is open brings the open window forward (or, when the open app does not answer, shows
 * a notice) and exits without touching the settings folder: before the lock, it cleared the first app's outbox files
 * in progress and wrote into its log.
 */
@EnabledOnOs(OS.LINUX) // the settings folder's path below is Linux's
class MainSingleInstanceTest {

    @TempDir
    Path home;
    Path settings;
    Path inProgress;

    @BeforeEach
    void aFirstAppWritingItsOutbox() throws Exception {
        settings = home.resolve(".config").resolve("zap-commissioner");
        inProgress = Files.createDirectories(settings.resolve("outbox")).resolve("entry.json.123.tmp");
        Files.writeString(inProgress, "{half written");
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.walk(settings)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aSecondStartBringsTheOpenWindowForwardAndLeavesTheFirstOnesFilesAlone() throws Exception {
        Semaphore shown = new Semaphore(0);
        // This JVM plays the first app: it holds the lock and answers, as Main does.
        try (SingleInstance first = SingleInstance.tryAcquire(settings).orElseThrow()) {
            first.answerShowRequests(shown::release);
            List<Path> before = files();
            Process second = ChildApp.main(home, "--demo").redirectErrorStream(true).start();
            try {
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second start ends by itself").isTrue();
                String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(second.exitValue()).as(out).isEqualTo(Main.ALREADY_OPEN);
                assertThat(out).contains("already open", "brought to the front");
            } finally {
                second.destroyForcibly();
            }
            assertThat(shown.availablePermits()).as("the first app was asked to show its window").isEqualTo(1);
            assertThat(files()).as("nothing added or removed").isEqualTo(before);
        }
        assertThat(inProgress).hasContent("{half written");
    }

    @Test
    void whenTheOpenAppDoesNotAnswerTheSecondStartSaysItIsOpen() throws Exception {
        // A first app that holds the lock but has no door (still starting, or hung before opening it).
        try (SingleInstance first = SingleInstance.tryAcquire(settings).orElseThrow()) {
            List<Path> before = files();
            Process second = ChildApp.main(home, "--demo").redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(),
                        StandardCharsets.UTF_8));
                CompletableFuture<String> said = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.contains("already open")) {
                                return line;
                            }
                        }
                        return "ended without a word";
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
                assertThat(said.get(60, TimeUnit.SECONDS)).contains("did not answer", "NO_DOOR");
                // The notice waits for the technician: the process does not end by itself.
                assertThat(second.waitFor(3, TimeUnit.SECONDS)).as("still showing its notice").isFalse();
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(files()).as("nothing added or removed").isEqualTo(before);
        }
        assertThat(inProgress).hasContent("{half written");
    }
}
