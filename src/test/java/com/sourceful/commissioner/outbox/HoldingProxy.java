package com.sourceful.commissioner.outbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback hop in front of Novacore that never answers: it either passes the request on (Novacore has it, the
 * sender never hears back) or holds it (the request never left). Tests kill the sender while it waits.
 */
final class HoldingProxy implements AutoCloseable {

    enum Mode { FORWARD_THEN_HOLD, HOLD }

    private final HttpServer server;
    private final URI target;
    private final Mode mode;
    private final CountDownLatch received = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();

    HoldingProxy(URI target, Mode mode) throws IOException {
        this.target = target;
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "holding-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Waits until a request has arrived (and, forwarding, Novacore has answered it). */
    boolean awaitReceived(long seconds) throws InterruptedException {
        return received.await(seconds, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (mode == Mode.FORWARD_THEN_HOLD) {
                HttpRequest.Builder req = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getPath()))
                        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/json");
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth != null) {
                    req.header("Authorization", auth);
                }
                http.send(req.build(), HttpResponse.BodyHandlers.discarding());
            }
            received.countDown();
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
