package com.sourceful.commissioner.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Plants files that would hang or exhaust a careless reader: a FIFO, a link to a device, a huge sparse file. */
public final class HostileFiles {

    /** 300 MB: more than a small heap holds, and far past any size the app reads. */
    public static final long HUGE_BYTES = 300L * 1024 * 1024;

    private HostileFiles() {
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** A named pipe at {@code at}; opening it for reading blocks until a writer comes. Skips the test on Windows. */
    public static Path fifo(Path at) throws IOException, InterruptedException {
        assumeTrue(!isWindows(), "no FIFOs on Windows");
        Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo not available");
        return at;
    }

    /** A link at {@code at} to {@code /dev/zero}, which never ends. Skips the test on Windows. */
    public static Path linkToDevZero(Path at) throws IOException {
        assumeTrue(!isWindows() && Files.exists(Path.of("/dev/zero")), "no /dev/zero");
        return Files.createSymbolicLink(at, Path.of("/dev/zero"));
    }

    /** A sparse file of {@link #HUGE_BYTES} at {@code at}: costs no disk, but reading it whole costs 300 MB. */
    public static Path huge(Path at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(at.toFile(), "rw")) {
            f.setLength(HUGE_BYTES);
        }
        return at;
    }
}
