package com.sourceful.commissioner.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Zap simulator's public port: each connection is relayed byte for byte to the JDK HTTP server on a loopback
 * port, and a fault can take the client's socket over to end an answer its own way.
 * <p>
 * Why: the JDK server hides its sockets, and a TCP reset needs {@code SO_LINGER 0} on the real socket. Reflection
 * into {@code sun.net.httpserver} would need {@code --add-opens} in every launcher (surefire, the jar manifest, the
 * JavaFX plugin, jpackage) and break silently without it; this relay needs no JVM flag and behaves the same
 * everywhere. It costs one loopback hop (well under a millisecond) and two threads per open connection.
 * <p>
 * It also keeps {@link SimLimits}: at most so many connections (beyond, 503 and closed at once, so the threads stay
 * bounded and nothing queues), and only whole requests, read within a time limit, reach the server behind, so a
 * half-sent request (slowloris) holds none of its threads.
 */
final class SocketFront implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketFront.class);

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ThreadFactory threads;
    private final Runnable onClientGone;
    private final SimLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections by the local address of their backend side, which the HTTP handler sees as the remote. */
    private final Map<SocketAddress, Pair> byBackendLocal = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One client connection and its backend connection. */
    private final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean takenOver;
        /** The client closed its side or the connection broke: nobody will read an answer. */
        volatile boolean clientGone;
        /** A whole request went to the server and no answer byte has come back since: waiting is not idling. */
        volatile boolean answerPending;
        private final AtomicBoolean released = new AtomicBoolean();
        private int pumpsDone;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Both directions ended normally: close both sides (a taken-over client is the fault's to close). */
        synchronized void pumpDone() {
            if (++pumpsDone == 2) {
                close();
            }
        }

        void close() {
            release();
            byBackendLocal.remove(server.getLocalSocketAddress());
            closeQuietly(server);
            if (!takenOver) {
                closeQuietly(client);
            }
        }

        void closeAll() {
            release();
            byBackendLocal.remove(server.getLocalSocketAddress());
            closeQuietly(server);
            closeQuietly(client);
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }
    }

    private SocketFront(ServerSocket listener, InetSocketAddress backend, ThreadFactory threads, Runnable onClientGone,
                        SimLimits limits) {
        this.listener = listener;
        this.backend = backend;
        this.threads = threads;
        this.onClientGone = onClientGone;
        this.limits = limits;
    }

    /**
     * Listens on {@code bind} and relays every connection to {@code backend}; {@code onClientGone} runs whenever a
     * client hangs up (a request held for it can then be dropped at once).
     */
    static SocketFront start(InetSocketAddress bind, int backlog, InetSocketAddress backend, String threadPrefix,
                             Runnable onClientGone, SimLimits limits) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(bind, backlog);
        SocketFront front = new SocketFront(listener, backend, SimHttp.daemonThreads(threadPrefix), onClientGone,
                limits);
        front.threads.newThread(front::acceptLoop).start();
        return front;
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * Takes over the client side of the connection whose backend side the HTTP handler sees as {@code remote}:
     * nothing the HTTP server writes reaches the client any more, and the caller writes to and closes the client
     * socket itself. Empty when that connection is unknown or already gone.
     */
    Optional<Socket> takeOver(SocketAddress remote) {
        Pair p = byBackendLocal.get(remote);
        if (p == null) {
            return Optional.empty();
        }
        p.takenOver = true;
        return Optional.of(p.client);
    }

    /** True when the client of that connection has hung up (or the connection is unknown, i.e. already closed). */
    boolean clientGone(SocketAddress remote) {
        Pair p = byBackendLocal.get(remote);
        return p == null || p.clientGone;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("simulator front: accept failed: {}", e.toString());
                }
                return;
            }
            if (open.incrementAndGet() > limits.maxConnections()) {
                open.decrementAndGet();
                refuse(client, 503, "Service Unavailable");
                continue;
            }
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(backend, 2000);
            } catch (IOException e) {
                open.decrementAndGet();
                closeQuietly(server);
                closeQuietly(client);
                continue;
            }
            Pair p = new Pair(client, server);
            byBackendLocal.put(server.getLocalSocketAddress(), p);
            if (closed) {
                p.closeAll();
                return;
            }
            threads.newThread(() -> pumpRequests(p)).start();
            threads.newThread(() -> pumpAnswers(p)).start();
        }
    }

    /** Answers {@code status} with an empty body and closes; the client's socket is fresh, so this cannot block. */
    private static void refuse(Socket client, int status, String reason) {
        try {
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            client.shutdownOutput();
        } catch (IOException ignored) {
            // the client is gone already
        } finally {
            closeQuietly(client);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            default -> "Bad Request";
        };
    }

    /**
     * Passes the client's requests on, each only once it is whole; a connection that is silent too long (no answer
     * pending), or whose request does not arrive whole in time, is closed; a request that cannot be framed is
     * answered here and the connection closed.
     */
    private void pumpRequests(Pair p) {
        try {
            RequestFramer framer = new RequestFramer(p.client, limits);
            OutputStream out = p.server.getOutputStream();
            // the first request must come as fast as any; later ones may wait the idle time
            int firstWait = (int) Math.min(Integer.MAX_VALUE, limits.requestRead().toMillis());
            int idleWait = (int) Math.min(Integer.MAX_VALUE, limits.idle().toMillis());
            boolean first = true;
            while (true) {
                boolean more;
                try {
                    more = framer.awaitRequest(first ? firstWait : idleWait);
                } catch (SocketTimeoutException e) {
                    if (p.answerPending && !closed) {
                        continue; // a slow or held answer: the client is right to wait
                    }
                    throw e;
                }
                if (!more) {
                    break;
                }
                first = false;
                byte[] request;
                try {
                    request = framer.readRequest();
                } catch (RequestFramer.Refused r) {
                    p.takenOver = true; // whatever the server still says must not mix with this answer
                    refuse(p.client, r.status, reason(r.status));
                    p.closeAll();
                    return;
                }
                p.answerPending = true;
                out.write(request);
                out.flush();
            }
            p.clientGone = true;
            onClientGone.run();
            p.server.shutdownOutput();
            p.pumpDone();
        } catch (IOException e) {
            // Timed out, reset or closed: the other side gets the same news.
            broken(p);
        }
    }

    /** A side timed out, reset or closed: the client is gone, and what the fault does not own is closed. */
    private void broken(Pair p) {
        p.clientGone = true;
        onClientGone.run();
        if (p.takenOver) {
            p.close();
        } else {
            p.closeAll();
        }
    }

    /** Copies the server's answers to the client until end of stream, then half-closes; an error closes both. */
    private void pumpAnswers(Pair p) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = p.server.getInputStream();
            OutputStream out = p.client.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                p.answerPending = false;
                if (p.takenOver) {
                    continue; // the fault owns the client's side now
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            if (!p.takenOver) {
                p.client.shutdownOutput();
            }
            p.pumpDone();
        } catch (IOException e) {
            // One side reset or closed: the other side gets the same news.
            broken(p);
        }
    }

    /** Stops listening and closes every open connection at once (held requests included). */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Pair p : List.copyOf(byBackendLocal.values())) {
            p.closeAll();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
