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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The Zap simulator's public port: each connection is relayed byte for byte to the JDK HTTP server on a loopback
 * port, and a fault can take the client's socket over to end an answer its own way.
 * <p>
 * Why: the JDK server hides its sockets, and a TCP reset needs {@code SO_LINGER 0} on the real socket. Reflection
 * into {@code sun.net.httpserver} would need {@code --add-opens} in every launcher (surefire, the jar manifest, the
 * JavaFX plugin, jpackage) and break silently without it; this relay needs no JVM flag and behaves the same
 * everywhere. It costs one loopback hop (well under a millisecond) and two threads per open connection.
 */
final class SocketFront implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketFront.class);

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ThreadFactory threads;
    private final Runnable onClientGone;
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
            byBackendLocal.remove(server.getLocalSocketAddress());
            closeQuietly(server);
            if (!takenOver) {
                closeQuietly(client);
            }
        }

        void closeAll() {
            byBackendLocal.remove(server.getLocalSocketAddress());
            closeQuietly(server);
            closeQuietly(client);
        }
    }

    private SocketFront(ServerSocket listener, InetSocketAddress backend, ThreadFactory threads, Runnable onClientGone) {
        this.listener = listener;
        this.backend = backend;
        this.threads = threads;
        this.onClientGone = onClientGone;
    }

    /**
     * Listens on {@code bind} and relays every connection to {@code backend}; {@code onClientGone} runs whenever a
     * client hangs up (a request held for it can then be dropped at once).
     */
    static SocketFront start(InetSocketAddress bind, int backlog, InetSocketAddress backend, String threadPrefix,
                             Runnable onClientGone) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(bind, backlog);
        SocketFront front = new SocketFront(listener, backend, SimHttp.daemonThreads(threadPrefix), onClientGone);
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
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(backend, 2000);
            } catch (IOException e) {
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
            threads.newThread(() -> pump(p, true)).start();
            threads.newThread(() -> pump(p, false)).start();
        }
    }

    /** Copies one direction until end of stream, then half-closes the other side; any error closes both sides. */
    private void pump(Pair p, boolean upstream) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = upstream ? p.client.getInputStream() : p.server.getInputStream();
            OutputStream out = upstream ? p.server.getOutputStream() : p.client.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!upstream && p.takenOver) {
                    continue; // the fault owns the client's side now
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            if (upstream) {
                p.clientGone = true;
                onClientGone.run();
                p.server.shutdownOutput();
            } else if (!p.takenOver) {
                p.client.shutdownOutput();
            }
            p.pumpDone();
        } catch (IOException e) {
            // One side reset or closed: the other side gets the same news.
            p.clientGone = true;
            onClientGone.run();
            if (p.takenOver) {
                p.close();
            } else {
                p.closeAll();
            }
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
