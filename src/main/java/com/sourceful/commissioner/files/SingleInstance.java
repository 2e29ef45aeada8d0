package com.sourceful.commissioner.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One app per user: an OS lock on {@code instance.lock} in the settings folder, held for the life of the process.
 * The OS drops the lock when the process ends however it ends (a crash, {@code kill -9}, a power cut), so a lock is
 * never stale; the file itself stays and means nothing. {@link FileChannel#tryLock()} is an advisory
 * {@code fcntl} lock on Linux and macOS and a mandatory one on Windows; both make a second process's tryLock fail.
 * The file's content is never read, so a planted file cannot fool it.
 *
 * <p>The holder also answers a second start's request to show its window (a technician who double-clicks the icon
 * again sees the open window, not nothing): a loopback socket whose port and a random key are in
 * {@code instance.door}, readable by the user only. The key keeps other users' processes on the same machine from
 * raising the window; loopback only, so no firewall asks about it.
 */
public final class SingleInstance implements AutoCloseable {

    public static final String FILE_NAME = "instance.lock";
    public static final String DOOR_FILE_NAME = "instance.door";

    /** How long the door waits for one request: a peer that sends nothing holds it up no longer. */
    static final Duration DOOR_TIMEOUT = Duration.ofSeconds(2);
    /** How long a second start waits for the answer: past one such silent peer, short enough to feel prompt. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final String SHOW = "show ";
    private static final String SHOWN = "shown";
    private static final int MAX_REQUEST_BYTES = 128;

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private volatile ServerSocket door;

    private SingleInstance(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock in {@code folder} (created if missing, and made readable by the user only: it holds the outbox, the
     * log and the door's key), or empty when another process (or this one) holds it.
     *
     * @throws IOException the folder or the lock file cannot be created or opened (the caller decides whether
     *                     to run without the lock)
     */
    public static Optional<SingleInstance> tryAcquire(Path folder) throws IOException {
        PrivateFolders.create(folder);
        FileChannel channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new SingleInstance(folder, channel, lock));
        } catch (OverlappingFileLockException e) {
            // This JVM holds it already (a test starting the app twice).
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens the door: from now on a {@link #askToShow} with the key from the door file runs {@code show} (on the
     * door's own thread: the caller hands it to its UI thread). Requests are answered one at a time, each given at
     * most {@link #DOOR_TIMEOUT}, so a connection that sends nothing holds no one up for long.
     */
    public void answerShowRequests(Runnable show) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String keyText = HexFormat.of().formatHex(key);
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            // Temp files are created readable by the user only (0600 where POSIX applies), and moved in whole.
            AtomicFiles.write(folder.resolve(DOOR_FILE_NAME), server.getLocalPort() + " " + keyText + "\n");
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        door = server;
        byte[] expected = (SHOW + keyText).getBytes(StandardCharsets.US_ASCII);
        Thread thread = new Thread(() -> answer(server, expected, show), "instance-door");
        thread.setDaemon(true);
        thread.start();
    }

    private static void answer(ServerSocket server, byte[] expected, Runnable show) {
        while (!server.isClosed()) {
            try (Socket peer = server.accept()) {
                String line = readLine(peer, DOOR_TIMEOUT);
                if (line != null && MessageDigest.isEqual(line.getBytes(StandardCharsets.US_ASCII), expected)) {
                    show.run();
                    OutputStream out = peer.getOutputStream();
                    out.write((SHOWN + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // A peer that timed out, hung up or sent nonsense: the next one is answered all the same.
            }
        }
    }

    /**
     * One line of at most {@link #MAX_REQUEST_BYTES}, or null when longer, unfinished or not whole within
     * {@code timeout} (in all: a peer sending a byte now and then is cut off too).
     */
    private static String readLine(Socket peer, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = peer.getInputStream();
        byte[] buffer = new byte[MAX_REQUEST_BYTES];
        int length = 0;
        try {
            while (length < buffer.length) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                peer.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    return new String(buffer, 0, length, StandardCharsets.US_ASCII);
                }
                buffer[length++] = (byte) b;
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        return null;
    }

    /** What a second start's request to show the open window came to. */
    public enum ShowAnswer {
        /** The open app raised its window. */
        SHOWN,
        /** No door to knock on: the open app is still starting, is older than the door, or its file is unreadable. */
        NO_DOOR,
        /** The door is there but nobody answered in time: the open app hangs, or it has just ended. */
        NO_ANSWER
    }

    /** Asks the app that holds the lock in {@code folder} to show its window. Loopback only; never throws. */
    public static ShowAnswer askToShow(Path folder) {
        String[] door;
        try {
            door = new String(AtomicFiles.readSmallRegularFile(folder.resolve(DOOR_FILE_NAME), 256,
                    LinkOption.NOFOLLOW_LINKS), StandardCharsets.US_ASCII).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            // Missing (the open app is older or still starting), refused (a link, a FIFO) or unreadable.
            return ShowAnswer.NO_DOOR;
        }
        int port;
        try {
            port = door.length == 2 ? Integer.parseInt(door[0]) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            return ShowAnswer.NO_DOOR;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) DOOR_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((SHOW + door[1] + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return SHOWN.equals(readLine(socket, ANSWER_TIMEOUT)) ? ShowAnswer.SHOWN : ShowAnswer.NO_ANSWER;
        } catch (IOException | RuntimeException e) {
            return ShowAnswer.NO_ANSWER;
        }
    }

    /** Lets a next instance start; the process's end does the same. */
    @Override
    public void close() throws IOException {
        try {
            ServerSocket server = door;
            if (server != null) {
                server.close();
                Files.deleteIfExists(folder.resolve(DOOR_FILE_NAME));
            }
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
