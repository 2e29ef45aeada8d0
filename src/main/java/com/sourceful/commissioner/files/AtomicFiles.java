package com.sourceful.commissioner.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file so that a crash or a failure leaves either the old or the new content, never half of either: a
 * temp file ({@code <name>.<n>.tmp}) in the same folder, written, forced to disk, closed, then moved over the target
 * atomically. The one way the app writes its files: the outbox, the settings, the remembered Zaps, reports and
 * support bundles. The folder must exist (a missing one is a {@link java.nio.file.NoSuchFileException}).
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

    private AtomicFiles() {
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
