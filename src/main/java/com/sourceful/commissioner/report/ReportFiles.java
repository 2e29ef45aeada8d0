package com.sourceful.commissioner.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report or a bundle whole or not at all: into a temp file beside the target, forced to disk, then moved
 * over the target. A failure leaves no half-written file behind (the temp file is removed).
 */
public final class ReportFiles {

    /** Writes the content to a stream; may throw. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private ReportFiles() {
    }

    public static void writeAtomically(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null, "folder does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024)) {
                // The content may close what it is given (a zip does): the file stays open until forced to disk.
                content.writeTo(new java.io.FilterOutputStream(out) {
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
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
