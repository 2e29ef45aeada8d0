package com.sourceful.commissioner.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.sourceful.commissioner.files.PrivateFolders;

/**
 * The app's log file: everything written to standard error (slf4j-simple logs there) is also appended to
 * {@code zap-commissioner.log} in the folder where the OS keeps an app's logs ({@link #defaultFile()}). When the file
 * would pass {@link #MAX_BYTES}, it becomes {@code zap-commissioner.log.1} (the one before is dropped) and a new file
 * starts: at most about twice that on disk. Every line, on standard error and in the file, passes {@link Redaction}.
 * Cheap at start-up: the file opens with the first line written, and a file that cannot be written is given up
 * quietly (standard error goes on as before).
 */
public final class AppLog {

    public static final String FILE_NAME = "zap-commissioner.log";
    public static final long MAX_BYTES = 1024 * 1024;

    /**
     * Apache HttpClient 5's loggers that print request and response headers ({@code Authorization: Bearer <token>})
     * or the bytes on the wire (the sign-in answer carries the token). Each name exactly: slf4j-simple takes the
     * level of the longest configured prefix, so silencing a parent would not stop a child the user turned on.
     */
    public static final List<String> HTTP_WIRE_LOGGERS = List.of("org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http2.frame",
            "org.apache.hc.client5.http2.frame.payload");

    /** A line longer than this is written (redacted) in parts of about this size. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** The log folder's and the log files' permissions where there are POSIX ones: the user's only. */
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.log.";

    private static volatile Path installed;

    private AppLog() {
    }

    /**
     * Where each OS keeps an app's logs: {@code %LOCALAPPDATA%\ZapCommissioner\logs} on Windows (this computer's
     * only: a roaming profile does not carry logs to every computer the user signs in to), {@code
     * ~/Library/Logs/ZapCommissioner} on macOS (where Console lists them), {@code $XDG_STATE_HOME} or {@code
     * ~/.local/state} plus {@code zap-commissioner/logs} elsewhere (the XDG home of logs); then {@value #FILE_NAME}.
     */
    public static Path defaultFile() {
        return defaultFile(System.getProperty("os.name", ""), System.getProperty("user.home", "."),
                System.getenv("LOCALAPPDATA"), System.getenv("XDG_STATE_HOME"));
    }

    static Path defaultFile(String osName, String home, String localAppData, String xdgStateHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path base = localAppData != null && !localAppData.isBlank() ? Path.of(localAppData)
                    : Path.of(home, "AppData", "Local");
            return base.resolve("ZapCommissioner").resolve("logs").resolve(FILE_NAME);
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return Path.of(home, "Library", "Logs", "ZapCommissioner", FILE_NAME);
        }
        // XDG: a relative XDG_STATE_HOME is invalid and must be ignored.
        Path base = xdgStateHome != null && !xdgStateHome.isBlank() && Path.of(xdgStateHome).isAbsolute()
                ? Path.of(xdgStateHome) : Path.of(home, ".local", "state");
        return base.resolve("zap-commissioner").resolve("logs").resolve(FILE_NAME);
    }

    /**
     * Turns {@link #HTTP_WIRE_LOGGERS} off whatever level is configured (a {@code -D} option, {@code JDK_JAVA_OPTIONS}
     * or simplelogger.properties: a system property set here wins over all of them). slf4j-simple reads a logger's
     * level when the logger is made, so this runs before the first logger is.
     */
    public static void silenceHttpWireLoggers() {
        for (String name : HTTP_WIRE_LOGGERS) {
            System.setProperty(SIMPLE_LOGGER_LEVEL + name, "off");
        }
    }

    /** Tees standard error into {@code file} (capped at {@code maxBytes}, one older file kept). Once per JVM. */
    public static synchronized void teeStandardError(Path file, long maxBytes) {
        if (installed != null) {
            return;
        }
        installed = file;
        PrintStream original = System.err;
        // The stream's charset (the platform's, as System.err's) is the one the tee decodes lines with.
        Charset charset = Charset.defaultCharset();
        Tee tee = new Tee(original, new CappedFile(file, maxBytes), charset);
        System.setErr(new PrintStream(tee, true, charset));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tee.writePending();
            } catch (IOException e) {
                // Standard error is gone: nothing left to tell.
            }
        }, "app-log-pending"));
    }

    /** The log file in use, if {@link #teeStandardError} ran. */
    public static Optional<Path> file() {
        return Optional.ofNullable(installed);
    }

    /** The log's files, older first: {@code x.log.1} and {@code x.log}, those that exist. */
    public static List<Path> files(Path file) {
        List<Path> out = new ArrayList<>();
        Path older = rotated(file);
        if (Files.isRegularFile(older)) {
            out.add(older);
        }
        if (Files.isRegularFile(file)) {
            out.add(file);
        }
        return out;
    }

    static Path rotated(Path file) {
        return file.resolveSibling(file.getFileName() + ".1");
    }

    /**
     * Writes whole lines to both, each passed through {@link Redaction} as the support bundle does, so a secret that
     * reached a log line goes neither to the terminal nor to the file. A line is held until its end (or until it
     * grows to {@link #MAX_LINE_BYTES}), so a secret written in pieces is still seen whole. The file never stops
     * standard error.
     */
    static final class Tee extends OutputStream {
        private final OutputStream first;
        private final CappedFile second;
        private final Charset charset;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        Tee(OutputStream first, CappedFile second, Charset charset) {
            this.first = first;
            this.second = second;
            this.charset = charset;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i + 1 - start);
                    start = i + 1;
                    writeLine();
                }
            }
            line.write(b, start, off + len - start);
            if (line.size() >= MAX_LINE_BYTES) {
                writeLine();
            }
        }

        /** Writes what is held of an unfinished line (at exit: the JVM's last words without a line end). */
        synchronized void writePending() throws IOException {
            if (line.size() > 0) {
                writeLine();
                first.flush();
            }
        }

        private void writeLine() throws IOException {
            byte[] bytes = line.toByteArray();
            line.reset();
            String text = new String(bytes, charset);
            String redacted = Redaction.text(text, List.of());
            if (!redacted.equals(text)) {
                bytes = redacted.getBytes(charset);
            }
            second.write(bytes, 0, bytes.length);
            first.write(bytes, 0, bytes.length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }

    /**
     * An append-only file that rotates once it reaches its cap. A rotation that fails (on Windows, another program
     * holding either file: a scanner, a log viewer) does not stop the log: it goes on in the same file, and the
     * rotation is tried again each time another eighth of the cap is written; only past twice the cap is it given up.
     */
    static final class CappedFile implements AutoCloseable {
        private final Path file;
        private final long maxBytes;
        private OutputStream out;
        private long size;
        private long rotateAt;
        private boolean broken;

        CappedFile(Path file, long maxBytes) {
            this.file = file;
            this.maxBytes = maxBytes;
        }

        synchronized void write(byte[] b, int off, int len) {
            if (broken) {
                return;
            }
            try {
                if (out == null) {
                    PrivateFolders.create(file.toAbsolutePath().getParent());
                    size = Files.isRegularFile(file) ? Files.size(file) : 0;
                    out = openPrivate(file, StandardOpenOption.APPEND);
                    if (PrivateFolders.posix(file) && Files.isRegularFile(rotated(file))) {
                        // The older file, as an earlier version left it (readable by all).
                        Files.setPosixFilePermissions(rotated(file), PRIVATE_FILE);
                    }
                }
                if (size > 0 && size + len > Math.max(maxBytes, rotateAt)) {
                    out.close();
                    out = null;
                    try {
                        Files.move(file, rotated(file), StandardCopyOption.REPLACE_EXISTING);
                        out = openPrivate(file, StandardOpenOption.TRUNCATE_EXISTING);
                        size = 0;
                        rotateAt = 0;
                    } catch (IOException e) {
                        if (size + len > 2 * maxBytes) {
                            throw e;
                        }
                        out = openPrivate(file, StandardOpenOption.APPEND);
                        rotateAt = size + len + maxBytes / 8;
                    }
                }
                out.write(b, off, len);
                out.flush();
                size += len;
            } catch (IOException | RuntimeException e) {
                broken = true;
            }
        }

        /** Lets go of the file (Windows cannot delete or move a file this process holds open); a write reopens it. */
        @Override
        public synchronized void close() throws IOException {
            if (out != null) {
                try {
                    out.close();
                } finally {
                    out = null;
                }
            }
        }

        /** Opens the file for writing, created readable by the user only (0600); a file made before is narrowed. */
        static OutputStream openPrivate(Path file, StandardOpenOption mode) throws IOException {
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
            if (!PrivateFolders.posix(file)) {
                return Channels.newOutputStream(Files.newByteChannel(file, options));
            }
            OutputStream out = Channels.newOutputStream(
                    Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PRIVATE_FILE)));
            try {
                Files.setPosixFilePermissions(file, PRIVATE_FILE);
            } catch (IOException | RuntimeException e) {
                out.close();
                throw e;
            }
            return out;
        }
    }
}
