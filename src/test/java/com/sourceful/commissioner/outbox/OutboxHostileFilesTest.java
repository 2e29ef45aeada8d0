package com.sourceful.commissioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted outbox files (issue 15): entries this app did not write are refused and listed, never sent; files that
 * are not safe to read (a FIFO, a link to a device, a huge file) are skipped without blocking or filling the heap;
 * the valid entries stay visible.
 */
class OutboxHostileFilesTest {

    @TempDir
    Path dir;
    Outbox outbox;
    Outbox.Entry valid;
    String validText;

    @BeforeEach
    void setUp() throws Exception {
        outbox = new Outbox(dir, new TestClock(Instant.parse("2026-06-21T10:00:00Z")));
        valid = outbox.add(OutboxTest.request("SG1A2B3C4D"), URI.create("https://novacore-testnet.sourceful.dev"));
        validText = Files.readString(dir.resolve(valid.id() + ".json"));
    }

    /** A copy of the valid entry under a new id, {@code from} replaced by {@code to}; returns the file name. */
    private String plant(String from, String to) throws Exception {
        String id = "obx-" + UUID.randomUUID();
        String text = validText.replace(valid.id(), id);
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(id + ".json"), text.replace(from, to));
        return id + ".json";
    }

    @Test
    void entriesNotWrittenByThisAppAreRefusedAndListedAndTheValidOneStays() throws Exception {
        String base = "\"novacoreBase\": \"https://novacore-testnet.sourceful.dev\"";
        String http = plant(base, "\"novacoreBase\": \"http://192.0.2.10:8080\"");
        String user = plant(base, "\"novacoreBase\": \"https://novacore-testnet.sourceful.dev@evil.example\"");
        String query = plant(base, "\"novacoreBase\": \"https://evil.example/?to=novacore-testnet.sourceful.dev\"");
        String ftp = plant(base, "\"novacoreBase\": \"ftp://novacore-testnet.sourceful.dev\"");
        String unknownField = plant(base, base + ",\n  \"forwardTo\": \"https://evil.example\"");
        String wrongShape = plant("\"attempts\": 0", "\"attempts\": {\"n\": 0}");
        String noVersion = plant("\"version\": 1,", "");

        Outbox.Listing listing = outbox.load();

        assertThat(listing.entries()).extracting(Outbox.Entry::id).containsExactly(valid.id());
        assertThat(listing.skipped()).extracting(Outbox.Skipped::file)
                .containsExactlyInAnyOrder(http, user, query, ftp, unknownField, wrongShape, noVersion);
        assertThat(listing.skipped()).allSatisfy(s -> assertThat(s.reason()).startsWith("not an entry of this app"));
        // Refused entries cannot be reached one by one either (the sender's marks go through entry()).
        assertThat(outbox.entry(http.replace(".json", ""))).isEmpty();
    }

    @Test
    void deeplyNestedJsonAndAnUnreadableFileAreSkippedAndNothingEscapes() throws Exception {
        String deep = "obx-" + UUID.randomUUID() + ".json";
        Files.writeString(dir.resolve(deep), "[".repeat(200_000));
        String unreadable = "obx-" + UUID.randomUUID() + ".json";
        Files.writeString(dir.resolve(unreadable), validText.replace(valid.id(), unreadable.replace(".json", "")));
        boolean canHide = dir.resolve(unreadable).toFile().setReadable(false, false)
                && !Files.isReadable(dir.resolve(unreadable)); // root reads it anyway

        Outbox.Listing listing = outbox.load();

        assertThat(listing.entries()).extracting(Outbox.Entry::id).contains(valid.id());
        assertThat(listing.skipped()).extracting(Outbox.Skipped::file).contains(deep);
        if (canHide) {
            assertThat(listing.entries()).hasSize(1);
            assertThat(listing.skipped()).contains(new Outbox.Skipped(unreadable, "could not be read"));
        }
    }

    @Test
    void theParentFolderIsSyncedWhenTheOutboxFolderIsCreated() throws Exception {
        List<Path> synced = new ArrayList<>();
        Path folder = dir.resolve("settings").resolve("outbox");
        Outbox fresh = new Outbox(folder, new TestClock(Instant.parse("2026-06-21T10:00:00Z")),
                AtomicFiles.BeforeMove.NONE, synced::add);

        fresh.add(OutboxTest.request("SG1A2B3C4D"), URI.create("https://novacore-testnet.sourceful.dev"));
        fresh.add(OutboxTest.request("SG9Z8Y7X6W"), URI.create("https://novacore-testnet.sourceful.dev"));

        // Once, when it was made; "settings" (made along with it) is not synced into its own parent: best effort.
        assertThat(synced).containsExactly(folder.toAbsolutePath().getParent());
    }

    @Test
    void aFifoIsSkippedWithoutBlocking() throws Exception {
        String name = "obx-" + UUID.randomUUID() + ".json";
        HostileFiles.fifo(dir.resolve(name));

        assertThat(listInSmallJvm())
                .contains("entry " + valid.id(), "skipped " + name + ": not a regular file", "done");
    }

    @Test
    void aLinkToADeviceIsSkippedAndNotFollowed() throws Exception {
        String name = "obx-" + UUID.randomUUID() + ".json";
        HostileFiles.linkToDevZero(dir.resolve(name));

        assertThat(listInSmallJvm())
                .contains("entry " + valid.id(), "skipped " + name + ": a link, not a file", "done");
    }

    @Test
    void aHugeFileIsSkippedWithoutReadingItAtASmallHeap() throws Exception {
        String name = "obx-" + UUID.randomUUID() + ".json";
        HostileFiles.huge(dir.resolve(name)); // 300 MB, sparse: no disk used

        assertThat(listInSmallJvm()).contains("entry " + valid.id(), "done")
                .anyMatch(l -> l.startsWith("skipped " + name + ": too big"));
    }

    /**
     * Lists the outbox in a child JVM with a 64 MiB heap, so a file read whole fills it (OutOfMemoryError) and a
     * blocking open is cut off by the time limit instead of hanging the build.
     */
    private List<String> listInSmallJvm() throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = dir.resolveSibling(dir.getFileName() + "-child.txt");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), OutboxListChild.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(ended).as("the listing ended; output: %s", lines).isTrue();
            assertThat(child.exitValue()).as("exit; output: %s", lines).isZero();
            return lines;
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
