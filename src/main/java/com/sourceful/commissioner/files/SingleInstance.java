package com.sourceful.commissioner.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One app per user: an OS lock on {@code instance.lock} in the settings folder, held for the life of the process.
 * The OS drops the lock when the process ends however it ends (a crash, {@code kill -9}, a power cut), so a lock is
 * never stale; the file itself stays and means nothing. {@link FileChannel#tryLock()} is an advisory
 * {@code fcntl} lock on Linux and macOS and a mandatory one on Windows; both make a second process's tryLock fail.
 * The file's content is never read, so a planted file cannot fool it.
 */
public final class SingleInstance implements AutoCloseable {

    public static final String FILE_NAME = "instance.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SingleInstance(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock in {@code folder} (created if missing), or empty when another process (or this one) holds it.
     *
     * @throws IOException the folder or the lock file cannot be created or opened (the caller decides whether
     *                     to run without the lock)
     */
    public static Optional<SingleInstance> tryAcquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new SingleInstance(channel, lock));
        } catch (OverlappingFileLockException e) {
            // This JVM holds it already (a test starting the app twice).
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Lets a next instance start; the process's end does the same. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
