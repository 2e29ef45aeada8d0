package com.sourceful.commissioner.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import java.util.Arrays;

/**
 * Writes a whole file so that a crash or a failure leaves either the old or the new content, never half of either: a
 * temp file ({@code <name>.<n>.tmp}) in the same folder, written, forced to disk, closed, then moved over the target
 * atomically. The one way the app writes its files: the outbox, the settings, the remembered Zaps, reports and
 * support bundles. The folder must exist (a missing one is a {@link java.nio.file.NoSuchFileException}).
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
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            // Also when the "folder" is a file: the message names the folder, not a failed temp file.
            throw new NoSuchFileException(String.valueOf(dir), null, "folder does not exist");
        }
        Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
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
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
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
