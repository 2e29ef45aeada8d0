package com.sourceful.commissioner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    StubServer stub;
    HttpTransport http;

    @BeforeEach
    void start() throws IOException {
        stub = StubServer.start();
        http = new HttpTransport(Duration.ofSeconds(1), Duration.ofMillis(500), 1000);
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        stub.close();
    }

    URI uri(String path) {
        return stub.baseUri().resolve(path);
    }

    @Test
    void getDecodesUtf8AndExposesHeadersCaseInsensitively() throws Exception {
        AtomicReference<String> accept = new AtomicReference<>();
        AtomicReference<String> agent = new AtomicReference<>();
        AtomicReference<String> custom = new AtomicReference<>();
        stub.on("/x", ex -> {
            accept.set(ex.getRequestHeaders().getFirst("Accept"));
            agent.set(ex.getRequestHeaders().getFirst("User-Agent"));
            custom.set(ex.getRequestHeaders().getFirst("X-Test"));
            ex.getResponseHeaders().set("Retry-After", "3");
            StubServer.send(ex, 200, "application/json; charset=utf-8", "{\"name\":\"Saltsjö-Boo ⚡\"}");
        });
        HttpTransport.Response r = http.get(uri("x"), Map.of("X-Test", "1"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"name\":\"Saltsjö-Boo ⚡\"}");
        assertThat(r.contentType()).hasValue("application/json; charset=utf-8");
        assertThat(r.header("retry-after")).hasValue("3");
        assertThat(r.header("RETRY-AFTER")).hasValue("3");
        assertThat(r.header("X-Missing")).isEmpty();
        assertThat(accept.get()).isEqualTo("application/json");
        assertThat(agent.get()).isEqualTo("ZapCommissioner");
        assertThat(custom.get()).isEqualTo("1");
    }

    @Test
    void postSendsJsonAndDeleteWorks() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> type = new AtomicReference<>();
        stub.on("/p", ex -> {
            body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            type.set(ex.getRequestHeaders().getFirst("Content-Type"));
            StubServer.send(ex, 201, "application/json", "{}");
        });
        stub.on("/d", 204, null, "");
        assertThat(http.postJson(uri("p"), "{\"å\":1}", Map.of()).status()).isEqualTo(201);
        assertThat(body.get()).isEqualTo("{\"å\":1}");
        assertThat(type.get()).startsWith("application/json");
        HttpTransport.Response deleted = http.delete(uri("d"), Map.of());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(stub.requests()).containsExactly("POST /p", "DELETE /d");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        stub.on("/old", ex -> {
            ex.getResponseHeaders().set("Location", "/new");
            StubServer.send(ex, 302, "text/plain", "moved");
        });
        HttpTransport.Response r = http.get(uri("old"), Map.of());
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).hasValue("/new");
        assertThat(stub.requests()).containsExactly("GET /old");
    }

    @Test
    void bodyCapIsExact() throws Exception {
        stub.json("/ok", 200, "x".repeat(1000));
        stub.json("/big", 200, "x".repeat(1001));
        assertThat(http.get(uri("ok"), Map.of()).body()).hasSize(1000);
        assertThatThrownBy(() -> http.get(uri("big"), Map.of()))
                .isInstanceOf(HttpTransport.BodyTooLargeException.class)
                .hasMessage("response body of 1001 bytes, more than the 1000 allowed");
        // The transport is still usable afterwards.
        assertThat(http.get(uri("ok"), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void slowAnswerTimesOutUnlessThePostAllowsMore() throws Exception {
        stub.on("/slow", ex -> {
            try {
                Thread.sleep(900);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StubServer.send(ex, 201, "application/json", "{\"sn\":\"SG1\"}");
        });
        assertThatThrownBy(() -> http.get(uri("slow"), Map.of())).isInstanceOf(SocketTimeoutException.class);
        HttpTransport.Response r = http.postJson(uri("slow"), "{}", Map.of(), Duration.ofSeconds(3));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{\"sn\":\"SG1\"}");
    }

    @Test
    void aDroppedConnectionIsNotRetried() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket rude = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket s = rude.accept()) {
                            accepted.incrementAndGet();
                            InputStream in = s.getInputStream();
                            in.read(new byte[4096]); // read the request, then hang up without answering
                        }
                    }
                } catch (IOException closed) {
                    // test over
                }
            }, "rude-server");
            t.setDaemon(true);
            t.start();
            assertThatThrownBy(() -> http.postJson(URI.create("http://127.0.0.1:" + rude.getLocalPort() + "/api/devices"),
                    "{}", Map.of())).isInstanceOf(IOException.class);
            Thread.sleep(200);
            assertThat(accepted.get()).as("one attempt, no automatic retry of a POST").isEqualTo(1);
        }
    }

    @Test
    void aPeerThatTricklesItsAnswerCannotHoldTheCallForever() throws Exception {
        // Each byte arrives well within the 500 ms read timeout, but the answer never completes.
        stub.on("/trickle", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (var out = ex.getResponseBody()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // expected
            }
        });
        long t0 = System.nanoTime();
        Throwable thrown = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(8),
                () -> org.assertj.core.api.Assertions.catchThrowable(() -> http.get(uri("trickle"), Map.of())));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
        assertThat(ms).as("connect + response timeout bound the whole exchange").isLessThan(3_000);
    }
}
