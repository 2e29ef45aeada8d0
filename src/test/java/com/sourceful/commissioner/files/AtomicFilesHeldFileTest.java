package com.sourceful.commissioner.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sourceful.commissioner.files.AtomicFiles.FileInUseException;
import com.sourceful.commissioner.files.AtomicFiles.FileOps;
import com.sourceful.commissioner.files.AtomicFiles.HeldFileRetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file another program holds open (an antivirus scan of the outbox or the settings) cannot be replaced on Windows
 * for a moment: the write tries again and then says so. Through the seam on every OS, with no real waiting; with a
 * really held file on Windows.
 */
class AtomicFilesHeldFileTest {

    @TempDir
    Path dir;

    private final List<Duration> waited = new ArrayList<>();
    /** As on Windows, but the waits are only recorded. */
    private final HeldFileRetry windows = new HeldFileRetry(true, AtomicFiles.HELD_FILE_WAITS, waited::add);

    /** Fails the first {@code replaceFailures} replaces and {@code deleteFailures} deletes with {@code failure}. */
    private static final class HeldOps implements FileOps {
        final List<IOException> failures = new ArrayList<>();
        int replaceFailures;
        int deleteFailures;
        int replaces;
        int deletes;
        private final IOException failure;

        HeldOps(int replaceFailures, int deleteFailures, IOException failure) {
            this.replaceFailures = replaceFailures;
            this.deleteFailures = deleteFailures;
            this.failure = failure;
        }

        @Override
        public void replace(Path temp, Path target) throws IOException {
            replaces++;
            if (replaceFailures-- > 0) {
                failures.add(failure);
                throw failure;
            }
            FileOps.SYSTEM.replace(temp, target);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            deletes++;
            if (deleteFailures-- > 0) {
                throw new FileSystemException(file.toString(), null, "in use");
            }
            FileOps.SYSTEM.deleteIfExists(file);
        }
    }

    private static AccessDeniedException denied(Path target) {
        return new AccessDeniedException(target.toString());
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private void write(Path target, String text, FileOps ops, HeldFileRetry retry) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes()), AtomicFiles.BeforeMove.NONE, ops, retry);
    }

    @Test
    void theRetriesTakeAboutASecondAndAHalf() {
        Duration total = AtomicFiles.HELD_FILE_WAITS.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aTargetHeldForAMomentIsReplacedOnceReleased() throws IOException {
        Path target = Files.writeString(dir.resolve("settings.properties"), "old");
        HeldOps ops = new HeldOps(3, 0, denied(target));
        write(target, "new", ops, windows);
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(ops.replaces).isEqualTo(4);
        assertThat(waited).containsExactlyElementsOf(AtomicFiles.HELD_FILE_WAITS.subList(0, 3));
        assertThat(temps()).isEmpty();
    }

    @Test
    void aSharingViolationInAnyLanguageIsRetriedToo() throws IOException {
        Path target = Files.writeString(dir.resolve("obx-1.json"), "old");
        // ERROR_SHARING_VIOLATION in the Windows display language: a plain FileSystemException.
        HeldOps ops = new HeldOps(1, 0, new FileSystemException(target.toString(), null,
                "Processen kan inte komma åt filen eftersom den används av en annan process"));
        write(target, "new", ops, windows);
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(waited).hasSize(1);
    }

    @Test
    void aTargetHeldTheWholeTimeIsReportedClearlyAndTheOldContentStays() throws IOException {
        Path target = Files.writeString(dir.resolve("settings.properties"), "old");
        HeldOps ops = new HeldOps(Integer.MAX_VALUE, 0, denied(target));
        assertThatThrownBy(() -> write(target, "new", ops, windows))
                .isInstanceOf(FileInUseException.class)
                .hasMessageStartingWith(target + ": ")
                .hasMessageContaining("held open by another program")
                .hasCause(ops.failures.get(ops.failures.size() - 1));
        assertThat(ops.replaces).isEqualTo(AtomicFiles.HELD_FILE_WAITS.size() + 1);
        assertThat(waited).containsExactlyElementsOf(AtomicFiles.HELD_FILE_WAITS);
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(temps()).as("the temp file is deleted").isEmpty();
    }

    @Test
    void whereOpenFilesDoNotBlockAFailureIsThrownAtOnce() throws IOException {
        Path target = Files.writeString(dir.resolve("settings.properties"), "old");
        AccessDeniedException denied = denied(target);
        HeldOps ops = new HeldOps(1, 0, denied);
        assertThatThrownBy(() -> write(target, "new", ops, new HeldFileRetry(false, AtomicFiles.HELD_FILE_WAITS,
                waited::add))).isSameAs(denied);
        assertThat(waited).isEmpty();
        assertThat(temps()).isEmpty();
    }

    @Test
    void otherFailuresAreNotRetried() throws IOException {
        Path target = dir.resolve("report.pdf");
        NoSuchFileException gone = new NoSuchFileException(target.toString());
        HeldOps ops = new HeldOps(1, 0, gone);
        assertThatThrownBy(() -> write(target, "new", ops, windows)).isSameAs(gone);
        assertThat(ops.replaces).isEqualTo(1);
        assertThat(waited).isEmpty();
    }

    @Test
    void aTempFileHeldAfterAFailedReplaceIsStillDeleted() throws IOException {
        Path target = Files.writeString(dir.resolve("obx-1.json"), "old");
        HeldOps ops = new HeldOps(Integer.MAX_VALUE, 2, denied(target));
        assertThatThrownBy(() -> write(target, "new", ops, windows)).isInstanceOf(FileInUseException.class);
        assertThat(ops.deletes).isEqualTo(3);
        assertThat(temps()).isEmpty();
    }

    @Test
    void aTempFileThatCannotBeDeletedDoesNotHideWhyTheWriteFailed() throws IOException {
        Path target = Files.writeString(dir.resolve("obx-1.json"), "old");
        HeldOps ops = new HeldOps(Integer.MAX_VALUE, Integer.MAX_VALUE, denied(target));
        assertThatThrownBy(() -> write(target, "new", ops, windows))
                .isInstanceOf(FileInUseException.class)
                .hasMessageStartingWith(target + ": ")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(FileInUseException.class)
                        .extracting(Throwable::getMessage).asString().endsWith(".tmp: held open by another program "
                                + "(an antivirus scan?), so it could not be replaced; try again"));
    }

    @Test
    void interruptedWhileWaitingItGivesUpAndKeepsTheInterrupt() throws IOException {
        Path target = Files.writeString(dir.resolve("settings.properties"), "old");
        HeldOps ops = new HeldOps(Integer.MAX_VALUE, 0, denied(target));
        HeldFileRetry interrupting = new HeldFileRetry(true, AtomicFiles.HELD_FILE_WAITS, wait -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> write(target, "new", ops, interrupting)).isInstanceOf(FileInUseException.class);
            assertThat(ops.replaces).isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(temps()).isEmpty();
    }

    // ---- a really held file (Windows only: elsewhere an open file does not stop a replace) ------------------------

    /**
     * Holds {@code file} open as a scanner does: java.io opens without FILE_SHARE_DELETE on Windows (NIO's
     * FileChannel would share delete by default, and then a replace may go through).
     */
    private static Thread holdOpen(Path file, CountDownLatch opened, CountDownLatch release) {
        Thread holder = new Thread(() -> {
            try (FileInputStream in = new FileInputStream(file.toFile())) {
                opened.countDown();
                release.await();
            } catch (IOException | InterruptedException e) {
                opened.countDown();
            }
        }, "scanner");
        holder.start();
        return holder;
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsAFileReleasedAfterAMomentIsReplaced() throws Exception {
        Path target = Files.writeString(dir.resolve("settings.properties"), "old");
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdOpen(target, opened, release);
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
        // Released 200 ms after the write starts: within the first tries (about 1.5 s in all).
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        }, "release");
        releaser.start();
        AtomicFiles.write(target, "new");
        holder.join(10_000);
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(temps()).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsAFileHeldThroughoutIsReportedAsHeld() throws Exception {
        Path target = Files.writeString(dir.resolve("settings.properties"), "old");
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdOpen(target, opened, release);
        try {
            assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> AtomicFiles.write(target, "new"))
                    .isInstanceOf(FileInUseException.class)
                    .hasMessageContaining(target.toString())
                    .hasMessageContaining("held open by another program");
        } finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(temps()).isEmpty();
    }
}
