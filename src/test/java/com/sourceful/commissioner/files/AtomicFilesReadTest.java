package com.sourceful.commissioner.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import com.sourceful.commissioner.files.AtomicFiles.RefusedFileException;
import com.sourceful.commissioner.testsupport.HostileFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AtomicFilesReadTest {

    /** A bound on a hang, not a timing claim: a refused file is answered in milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void readsASmallRegularFile() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "hello", StandardCharsets.UTF_8);
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), AtomicFiles.readSmallRegularFile(f, 5));
    }

    @Test
    void followsALinkToARegularFile() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "hello", StandardCharsets.UTF_8);
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link"), f);
        } catch (UnsupportedOperationException | IOException e) {
            return; // Windows without the privilege to make links
        }
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), AtomicFiles.readSmallRegularFile(link, 64));
    }

    @Test
    void refusesAFileOneByteTooLarge() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "hello!", StandardCharsets.UTF_8);
        RefusedFileException e = assertThrows(RefusedFileException.class,
                () -> AtomicFiles.readSmallRegularFile(f, 5));
        assertEquals(RefusedFileException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void refusesAHugeSparseFileWithoutReadingIt() throws Exception {
        Path f = HostileFiles.huge(dir.resolve("huge"));
        RefusedFileException e = assertThrows(RefusedFileException.class,
                () -> AtomicFiles.readSmallRegularFile(f, 64 * 1024));
        assertEquals(RefusedFileException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void refusesAFifoWithoutBlocking() throws Exception {
        Path f = HostileFiles.fifo(dir.resolve("fifo"));
        RefusedFileException e = assertTimeoutPreemptively(HANG, () -> assertThrows(RefusedFileException.class,
                () -> AtomicFiles.readSmallRegularFile(f, 64 * 1024)));
        assertEquals(RefusedFileException.Reason.NOT_A_REGULAR_FILE, e.reason());
    }

    @Test
    void refusesALinkToADevice() throws Exception {
        Path f = HostileFiles.linkToDevZero(dir.resolve("zero"));
        RefusedFileException e = assertTimeoutPreemptively(HANG, () -> assertThrows(RefusedFileException.class,
                () -> AtomicFiles.readSmallRegularFile(f, 64 * 1024)));
        assertEquals(RefusedFileException.Reason.NOT_A_REGULAR_FILE, e.reason());
    }

    @Test
    void refusesAFolder() {
        RefusedFileException e = assertThrows(RefusedFileException.class,
                () -> AtomicFiles.readSmallRegularFile(dir, 64 * 1024));
        assertEquals(RefusedFileException.Reason.NOT_A_REGULAR_FILE, e.reason());
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class,
                () -> AtomicFiles.readSmallRegularFile(dir.resolve("missing"), 64));
    }
}
