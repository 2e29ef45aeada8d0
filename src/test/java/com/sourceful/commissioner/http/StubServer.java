package com.sourceful.commissioner.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server on 127.0.0.1 with canned answers per path, for the shapes and faults the simulators do not
 * produce. Records the method and raw path of each request it received.
 */
public final class StubServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            try (ex) {
                requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
                HttpHandler h = routes.get(ex.getRequestURI().getPath());
                if (h == null) {
                    send(ex, 404, "application/json", "{\"error\":\"not found\"}");
                } else {
                    h.handle(ex);
                }
            }
        });
        server.start();
    }

    public static StubServer start() throws IOException {
        // Without it the JDK server holds every response ~40 ms (Nagle + delayed ACK); the simulators set it too.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        return new StubServer();
    }

    /** Answers {@code path} (any method) with a fixed status, content type and body. */
    public StubServer on(String path, int status, String contentType, String body) {
        return on(path, ex -> send(ex, status, contentType, body));
    }

    public StubServer json(String path, int status, String body) {
        return on(path, status, "application/json", body);
    }

    public StubServer on(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    public static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (status == 204 || status == 304) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** A loopback port nobody listens on (bound, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
