package com.sourceful.commissioner.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a whole file so that a crash or a failure leaves either the old or the new content, never half of either: a
 * temp file ({@code <name>.<n>.tmp}) in the same folder, written, forced to disk, closed, then moved over the target
 * atomically. The one way the app writes its files: the outbox, the settings, the remembered Zaps, reports and
 * support bundles. The folder must exist (a missing one is a {@link java.nio.file.NoSuchFileException}).
 * <p>
 * On Windows a file another program holds open (an antivirus scanner reading the new file or the old one) cannot be
 * replaced or deleted for a moment: the move is tried again for about 1.5 s, and then a {@link FileInUseException}
 * says so (see {@link #HELD_FILE_WAITS}).
 * <p>
 * And the one way it reads a small file it did not necessarily write itself: {@link #readSmallRegularFile}, which
 * refuses a device, a FIFO, a folder or a file too large before reading it whole.
 */
public final class AtomicFiles {

    /** What goes into the file, written to a stream; may throw, and may close the stream (a zip does). */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Called after the temp file is on disk and before the move; tests use it to simulate a crash there. */
    public interface BeforeMove {
        BeforeMove NONE = (temp, target) -> { };

        void run(Path temp, Path target) throws IOException;
    }

    /** A file {@link #readSmallRegularFile} would not read; the message says why, in plain English. */
    public static final class RefusedFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        /** Why the file was refused. */
        public enum Reason { NOT_A_REGULAR_FILE, LINK, TOO_LARGE }

        private final Reason reason;

        RefusedFileException(Path file, Reason reason, String why) {
            super(String.valueOf(file), null, why);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * The target could not be replaced because another program held it (or the new file) open the whole time the
     * replace was retried: on Windows an antivirus scan or a backup tool, mostly. The message names the file.
     */
    public static final class FileInUseException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        public FileInUseException(Path file, IOException last) {
            super(String.valueOf(file), null,
                    "held open by another program (an antivirus scan?), so it could not be replaced; try again");
            initCause(last);
        }
    }

    /**
     * The waits between tries of a replace (or of deleting the temp file) that another program blocks: six tries over
     * about 1.5 s, longer than a scanner usually holds a small file, short enough for a technician to wait.
     */
    static final List<Duration> HELD_FILE_WAITS = List.of(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

    /** The file operations a write ends with; a seam so tests on every OS can fail them as Windows does. */
    interface FileOps {
        FileOps SYSTEM = new FileOps() {
            @Override
            public void replace(Path temp, Path target) throws IOException {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }

            @Override
            public void deleteIfExists(Path file) throws IOException {
                Files.deleteIfExists(file);
            }
        };

        void replace(Path temp, Path target) throws IOException;

        void deleteIfExists(Path file) throws IOException;
    }

    /** Waits between tries; tests pass one that records the waits and returns at once. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper SYSTEM = wait -> Thread.sleep(wait.toMillis());

        void sleep(Duration wait) throws InterruptedException;
    }

    /**
     * When a failed replace or delete is tried again: only where another program's open file blocks them (Windows;
     * elsewhere a file is replaced even while open, and a failure is not one a retry cures).
     */
    record HeldFileRetry(boolean openFilesBlock, List<Duration> waits, Sleeper sleeper) {
        static final HeldFileRetry SYSTEM = new HeldFileRetry(
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"), HELD_FILE_WAITS,
                Sleeper.SYSTEM);

        /**
         * What Windows reports for a file another program holds: ERROR_ACCESS_DENIED (the target open without
         * FILE_SHARE_DELETE) as {@link AccessDeniedException}, ERROR_SHARING_VIOLATION as a plain
         * {@link FileSystemException} whose reason is in the Windows display language (so its class is what counts:
         * a missing file or folder, or a file in the way, is a subclass and is not retried).
         */
        boolean heldByAnotherProgram(IOException e) {
            return openFilesBlock && (e instanceof AccessDeniedException || e.getClass() == FileSystemException.class);
        }
    }

    @FunctionalInterface
    private interface FileAction {
        void run() throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * The whole content of {@code file} when it is a regular file of at most {@code maxBytes}; anything else is
     * refused without opening it, so a FIFO (whose open blocks until someone writes), a device such as
     * {@code /dev/zero} (endless), a folder or a huge file can neither hang nor exhaust the app. A link is followed
     * (a key file may be one) and its target must be a regular file; the type is taken from the file's attributes
     * (stat, which does not open it). A file that grows past the limit after that check is still refused: at most
     * {@code maxBytes + 1} bytes are ever read.
     *
     * @throws RefusedFileException          not a regular file, or larger than {@code maxBytes}
     * @throws java.nio.file.NoSuchFileException the file does not exist
     * @throws IOException                   it cannot be read (e.g. {@link java.nio.file.AccessDeniedException})
     */
    public static byte[] readSmallRegularFile(Path file, int maxBytes) throws IOException {
        return readSmallRegularFile(file, maxBytes, new LinkOption[0]);
    }

    /**
     * As {@link #readSmallRegularFile(Path, int)}; with {@link LinkOption#NOFOLLOW_LINKS} a link is refused
     * ({@link RefusedFileException.Reason#LINK}) and not followed on opening either, so a link swapped in after the
     * check is not followed (files the app wrote itself, such as the outbox's, are never links).
     */
    public static byte[] readSmallRegularFile(Path file, int maxBytes, LinkOption... options) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, options);
        if (attributes.isSymbolicLink()) {
            throw new RefusedFileException(file, RefusedFileException.Reason.LINK, "a link, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new RefusedFileException(file, RefusedFileException.Reason.NOT_A_REGULAR_FILE,
                    "not a regular file (a folder, device, pipe or socket)");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(file, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, openOptions(options))) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            Arrays.fill(bytes, (byte) 0);
            throw tooLarge(file, maxBytes);
        }
        return bytes;
    }

    private static OpenOption[] openOptions(LinkOption... options) {
        OpenOption[] open = Arrays.copyOf(options, options.length + 1, OpenOption[].class);
        open[options.length] = StandardOpenOption.READ;
        return open;
    }

    private static RefusedFileException tooLarge(Path file, int maxBytes) {
        return new RefusedFileException(file, RefusedFileException.Reason.TOO_LARGE,
                "larger than " + maxBytes + " bytes");
    }

    /** {@code text} in UTF-8. */
    public static void write(Path target, String text) throws IOException {
        write(target, text, BeforeMove.NONE);
    }

    public static void write(Path target, String text, BeforeMove hook) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes), hook);
    }

    public static void write(Path target, Content content) throws IOException {
        write(target, content, BeforeMove.NONE);
    }

    public static void write(Path target, Content content, BeforeMove hook) throws IOException {
        write(target, content, hook, FileOps.SYSTEM, HeldFileRetry.SYSTEM);
    }

    static void write(Path target, Content content, BeforeMove hook, FileOps ops, HeldFileRetry retry)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            // Also when the "folder" is a file: the message names the folder, not a failed temp file.
            throw new NoSuchFileException(String.valueOf(dir), null, "folder does not exist");
        }
        Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        Throwable failure = null;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024)) {
                // The content may close what it is given: the file stays open until it is forced to disk.
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                ch.force(true);
            }
            hook.run(temp, target);
            retrying(target, retry, () -> ops.replace(temp, target));
            forceDirectory(dir);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            removeTemp(temp, failure, ops, retry);
        }
    }

    /**
     * Deletes the temp file (gone already after a replace); a scanner may hold it too. A delete that still fails does
     * not hide why the write failed: it is added to that failure (the outbox removes leftover temp files at start).
     */
    private static void removeTemp(Path temp, Throwable failure, FileOps ops, HeldFileRetry retry)
            throws IOException {
        try {
            retrying(temp, retry, () -> ops.deleteIfExists(temp));
        } catch (IOException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * Runs {@code action}, and again after each of the retry's waits while another program holds {@code file};
     * then a {@link FileInUseException}. Any other failure is thrown at once. Interrupted while waiting: gives up
     * (the interrupt is kept).
     */
    private static void retrying(Path file, HeldFileRetry retry, FileAction action) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                action.run();
                return;
            } catch (IOException e) {
                if (!retry.heldByAnotherProgram(e)) {
                    throw e;
                }
                if (attempt == retry.waits().size()) {
                    throw new FileInUseException(file, e);
                }
                try {
                    retry.sleeper().sleep(retry.waits().get(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new FileInUseException(file, e);
                }
            }
        }
    }

    /** Makes the rename itself durable where the OS allows opening a directory (not on Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort.
        }
    }
}
