package com.sourceful.commissioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's files: round trip, order, corrupt and leftover files, a crash between write and rename, restarts. */
class OutboxTest {

    static final URI BASE = URI.create("http://127.0.0.1:8089");

    @TempDir
    Path dir;
    TestClock clock;
    Outbox outbox;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        outbox = new Outbox(dir, clock);
    }

    static ProvisionRequest request(String hardwareId) {
        return new ProvisionRequest("zap-04772a97", hardwareId, "inverter", "sit-7f3a21", "Sungrow SH10RT", "Sungrow",
                "SH10RT", List.of(new ProvisionRequest.DerEntry("pv-array", "solar"),
                        new ProvisionRequest.DerEntry("battery_1", "battery")));
    }

    static ProvisionResult result(String hardwareId) {
        return new ProvisionResult(true, "dev-1", hardwareId, "sit-7f3a21", "pending",
                List.of(new ProvisionResult.ProvisionedDer("der-1", "pv-array", "solar")));
    }

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void roundTripKeepsEverythingNeededToSendLater() throws Exception {
        Outbox.Entry added = outbox.add(request("SG1A2B3C4D"), BASE);

        assertThat(added.id()).matches("obx-[0-9a-f-]{36}");
        assertThat(added.state()).isEqualTo(Outbox.State.PENDING);
        assertThat(added.attempts()).isZero();
        assertThat(added.created()).isEqualTo(clock.instant());
        assertThat(files()).containsExactly(dir.resolve(added.id() + ".json"));

        Outbox.Entry read = new Outbox(dir, clock).entry(added.id()).orElseThrow();
        assertThat(read).isEqualTo(added);
        assertThat(read.request()).isEqualTo(request("SG1A2B3C4D"));
        assertThat(read.novacoreBase()).isEqualTo(BASE.toString());
    }

    @Test
    void entriesAreNewestFirst() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        clock.advance(Duration.ofSeconds(1));
        Outbox.Entry b = outbox.add(request("B2"), BASE);
        clock.advance(Duration.ofSeconds(1));
        Outbox.Entry c = outbox.add(request("C3"), BASE);

        assertThat(outbox.entries()).extracting(Outbox.Entry::id).containsExactly(c.id(), b.id(), a.id());
    }

    @Test
    void marksAreKeptAndReasonsNeverHoldAToken() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        Outbox.Entry b = outbox.add(request("B2"), BASE);
        clock.advance(Duration.ofMinutes(1));

        outbox.markAttempt(a.id(), "Novacore not reachable");
        outbox.markSent(a.id(), result("A1"));
        outbox.markFailed(b.id(), "HTTP 422 validation_failed (device_type) eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpZHQtMSJ9.c2lnbmF0dXJlMTIz");

        Outbox again = new Outbox(dir, clock);
        Outbox.Entry sent = again.entry(a.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(Outbox.State.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastAttempt()).contains(clock.instant());
        assertThat(sent.result()).contains(result("A1"));
        assertThat(sent.lastError()).isEmpty();

        Outbox.Entry failed = again.entry(b.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(Outbox.State.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("HTTP 422 validation_failed (device_type)").doesNotContain("eyJ"));

        // A sent entry never goes back.
        outbox.markAttempt(a.id(), "late");
        outbox.markFailed(a.id(), "late");
        assertThat(outbox.entry(a.id()).orElseThrow().state()).isEqualTo(Outbox.State.SENT);

        assertThatThrownBy(() -> outbox.markSent("obx-00000000-0000-0000-0000-000000000000", result("X")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void corruptFilesAndUnknownFieldsAreSkipped() throws Exception {
        Outbox.Entry good = outbox.add(request("A1"), BASE);
        Path file = dir.resolve(good.id() + ".json");
        String json = Files.readString(file);
        // Issue 15: a field this app does not write means the file is not its own (it was tolerated before).
        String other = "obx-66666666-6666-6666-6666-666666666666";
        Files.writeString(dir.resolve(other + ".json"), json.replace(good.id(), other)
                .replaceFirst("\\{", "{\n  \"addedByALaterVersion\": {\"x\": [1, 2]},"));

        Files.writeString(dir.resolve("obx-11111111-1111-1111-1111-111111111111.json"), "{\"id\": \"obx-1111", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("obx-22222222-2222-2222-2222-222222222222.json"), "[]");
        Files.writeString(dir.resolve("obx-33333333-3333-3333-3333-333333333333.json"),
                json.replace(good.id(), "obx-33333333-3333-3333-3333-333333333333").replace("PENDING", "BOGUS"));
        Files.write(dir.resolve("obx-44444444-4444-4444-4444-444444444444.json"), new byte[] {(byte) 0xff, 0, 1});
        // Right shape, wrong file name: not trusted.
        Files.writeString(dir.resolve("obx-55555555-5555-5555-5555-555555555555.json"), json);

        assertThat(outbox.entries()).extracting(Outbox.Entry::id).containsExactly(good.id());
        assertThat(outbox.entry(good.id())).isPresent();
        assertThat(outbox.entry("obx-11111111-1111-1111-1111-111111111111")).isEmpty();
        assertThat(outbox.entry(other)).isEmpty();
        assertThat(outbox.entry("../etc/passwd")).isEmpty();
    }

    @Test
    void missingFolderIsAnEmptyOutboxAndAddCreatesIt() throws Exception {
        Outbox none = new Outbox(dir.resolve("not/yet"), clock);
        assertThat(none.entries()).isEmpty();
        none.add(request("A1"), BASE);
        assertThat(none.entries()).hasSize(1);
    }

    @Test
    void leftoverTempFilesAreIgnoredAndCleanedOnTheNextStart() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        Path leftover = dir.resolve(a.id() + ".json.123456.tmp");
        Files.writeString(leftover, "{\"id\": \"" + a.id() + "\", \"sta");

        assertThat(outbox.entries()).extracting(Outbox.Entry::id).containsExactly(a.id());

        Outbox restarted = new Outbox(dir, clock);
        assertThat(files()).containsExactly(dir.resolve(a.id() + ".json"));
        assertThat(restarted.entry(a.id())).contains(a);
    }

    @Test
    void aCrashBetweenWriteAndRenameLeavesTheOldStateWhole() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        Path[] tempSeen = new Path[1];
        Outbox crashing = new Outbox(dir, clock, (temp, target) -> {
            tempSeen[0] = temp;
            // The new state is complete in the temp file, but the move never happens.
            assertThat(Files.readString(temp)).contains("\"SENT\"");
            throw new IOException("simulated crash before the rename");
        });

        assertThatThrownBy(() -> crashing.markSent(a.id(), result("A1"))).hasMessageContaining("simulated crash");

        assertThat(tempSeen[0].getFileName().toString()).endsWith(".tmp");
        assertThat(new Outbox(dir, clock).entry(a.id())).contains(a);
        assertThat(files()).containsExactly(dir.resolve(a.id() + ".json"));
    }

    @Test
    void aKillBetweenWriteAndRenameLeavesTheOldStateWholeAndTheTempIsCleaned() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        outbox.markAttempt(a.id(), "Novacore not reachable");
        Outbox.Entry before = outbox.entry(a.id()).orElseThrow();
        // What a kill mid-write leaves: a temp file with half the new state, the entry untouched.
        String full = Files.readString(dir.resolve(a.id() + ".json")).replace("PENDING", "SENT");
        Files.writeString(dir.resolve(a.id() + ".json.987.tmp"), full.substring(0, full.length() / 2));

        Outbox restarted = new Outbox(dir, clock);

        assertThat(restarted.entries()).containsExactly(before);
        assertThat(files()).containsExactly(dir.resolve(a.id() + ".json"));
    }

    @Test
    void aNewEntryInterruptedBeforeTheRenameIsAbsentNotBroken() throws Exception {
        Outbox crashing = new Outbox(dir, clock, (temp, target) -> {
            throw new IOException("simulated crash before the rename");
        });
        assertThatThrownBy(() -> crashing.add(request("A1"), BASE)).isInstanceOf(IOException.class);
        assertThat(new Outbox(dir, clock).entries()).isEmpty();
    }

    @Test
    void aRestartSeesTheSameEntries() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        clock.advance(Duration.ofSeconds(5));
        Outbox.Entry b = outbox.add(request("B2"), BASE);
        outbox.markFailed(b.id(), "HTTP 404 site_not_found");
        List<Outbox.Entry> before = outbox.entries();

        Outbox restarted = new Outbox(dir, clock);

        assertThat(restarted.entries()).isEqualTo(before).extracting(Outbox.Entry::id).containsExactly(b.id(), a.id());
    }

    @Test
    void sendingLeftByACrashReadsAsPendingButNotWhileThisInstanceSends() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        outbox.markSending(a.id());
        assertThat(outbox.entry(a.id()).orElseThrow().state()).isEqualTo(Outbox.State.SENDING);
        assertThat(Files.readString(dir.resolve(a.id() + ".json"))).contains("\"SENDING\"");

        // The process dies here; the next start finds SENDING on disk.
        Outbox restarted = new Outbox(dir, clock);
        assertThat(restarted.entry(a.id()).orElseThrow().state()).isEqualTo(Outbox.State.PENDING);
        assertThat(restarted.entries()).extracting(Outbox.Entry::state).containsExactly(Outbox.State.PENDING);
    }

    @Test
    void theTokenIsNeverStored() throws Exception {
        Outbox.Entry a = outbox.add(request("A1"), BASE);
        String text = Files.readString(dir.resolve(a.id() + ".json"));
        assertThat(text).doesNotContain("eyJ").doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("bearer");
        assertThat(Optional.of(Outbox.defaultFolder().getFileName().toString())).contains("outbox");
    }
}
