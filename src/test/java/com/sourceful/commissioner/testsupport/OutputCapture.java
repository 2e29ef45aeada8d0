package com.sourceful.commissioner.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps a copy of everything the test JVM writes to stdout and stderr (slf4j-simple logs to stderr) for
 * {@code SecretsLeakTest}, which runs last. Registered through META-INF/services, so it sees the whole suite.
 */
public final class OutputCapture implements LauncherSessionListener {

    /** Enough for the whole suite's logs; beyond it the copy stops growing (and the leak test says so). */
    static final int LIMIT = 64 * 1024 * 1024;
    private static final ByteArrayOutputStream COPY = new ByteArrayOutputStream(1 << 20);
    private static volatile boolean truncated;
    private static volatile boolean installed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
    }

    public static boolean installed() {
        return installed;
    }

    public static boolean truncated() {
        return truncated;
    }

    /** Everything written so far. */
    public static String text() {
        synchronized (COPY) {
            return COPY.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            original.write(b);
            synchronized (COPY) {
                if (COPY.size() < LIMIT) {
                    COPY.write(b);
                } else {
                    truncated = true;
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            original.write(b, off, len);
            synchronized (COPY) {
                if (COPY.size() + len <= LIMIT) {
                    COPY.write(b, off, len);
                } else {
                    truncated = true;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
