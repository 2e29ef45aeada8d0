package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.sourceful.commissioner.testsupport.HostileFiles;

/** Loopback peers for the preflight tests, each started by the test itself. */
final class Peers {

    static final String LOOPBACK = "127.0.0.1";

    private Peers() {
    }

    /** A loopback port nothing listens on (bound, then released: the kernel answers a connect with RST). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The timeout for a probe of {@link #closedPort()}: Windows reports a refused loopback connect only after
     * retrying the SYN twice (about 1.5 s), so a shorter timeout would be "no answer" there; {@code elsewhere} as
     * given (Linux and macOS refuse at once).
     */
    static Duration refusedWithin(Duration elsewhere) {
        return HostileFiles.isWindows() ? Duration.ofSeconds(3) : elsewhere;
    }

    /** A TCP server that accepts, reads what comes, and answers each connection with {@code answer(request)}. */
    static final class TcpServer implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> clients = new ArrayList<>();
        final List<byte[]> requests = new ArrayList<>();
        private final Thread thread;

        /**
         * {@code answer} gets the first bytes received (one read) and returns what to send, null for silence, or
         * an empty array to hang up.
         */
        TcpServer(Function<byte[], byte[]> answer) throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket c = server.accept();
                        synchronized (clients) {
                            clients.add(c);
                        }
                        byte[] buffer = new byte[4096];
                        int n = c.getInputStream().read(buffer);
                        byte[] request = Arrays.copyOf(buffer, Math.max(0, n));
                        synchronized (requests) {
                            requests.add(request);
                        }
                        byte[] reply = answer.apply(request);
                        if (reply != null && reply.length == 0) {
                            c.close(); // hang up
                        } else if (reply != null) {
                            c.getOutputStream().write(reply);
                            c.getOutputStream().flush();
                        }
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "test-tcp-server");
            thread.setDaemon(true);
            thread.start();
        }

        /** Accepts and says nothing. */
        static TcpServer silent() throws IOException {
            return new TcpServer(request -> null);
        }

        int port() {
            return server.getLocalPort();
        }

        byte[] lastRequest() {
            synchronized (requests) {
                return requests.isEmpty() ? null : requests.get(requests.size() - 1);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (clients) {
                for (Socket c : clients) {
                    c.close();
                }
            }
        }
    }

    /** The first line the process prints, within {@code timeout}; fails with its log otherwise. */
    static String firstLine(Process process, Duration timeout, Path log) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first = null;
        try {
            first = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // reported below
        }
        if (first == null) {
            process.destroyForcibly();
            fail("no output within " + timeout + "; log:\n" + Files.readString(log));
        }
        return first;
    }

    /** Waits until {@code port} on loopback accepts TCP connections, or fails. */
    static void awaitListening(int port, Process process, Duration timeout, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("exited with " + process.exitValue() + " before listening on " + port + "; log:\n"
                        + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        fail("not listening on " + port + " within " + timeout + "; log:\n" + Files.readString(log));
    }

    static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Peers.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name + " is not on the test class path", e);
        }
    }
}
