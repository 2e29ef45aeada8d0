package com.sourceful.commissioner.sim;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault of the simulated Zap, seen on the wire: per endpoint, for "*", and gone again once cleared. */
class ZapSimulatorFaultsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    ZapSimulator sim;
    int port;
    String sn;

    @BeforeEach
    void start() throws Exception {
        sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(TestClock.atNoon()).start();
        port = sim.port();
        sn = Http.addDevice(sim.baseUri(), ZapSimulatorTest.SUNGROW);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    RawHttp.Reply get(String path) {
        return RawHttp.get(port, path, WAIT);
    }

    /** One concrete request for every endpoint template (GET where the endpoint has one). */
    Stream<String[]> requests() {
        String ders = "{\"ders\":[{\"type\":\"pv\",\"enabled\":true}]}";
        return Stream.of(
                new String[] {"GET", "/api/system", null},
                new String[] {"GET", "/api/crypto", null},
                new String[] {"GET", "/api/name", null},
                new String[] {"GET", "/api/wifi", null},
                new String[] {"GET", "/api/wifi/scan", null},
                new String[] {"GET", "/api/devices", null},
                new String[] {"GET", "/api/devices/supported", null},
                new String[] {"GET", "/api/devices/types", null},
                new String[] {"DELETE", "/api/devices/NOPE123", null},
                new String[] {"GET", "/api/devices/" + sn + "/data/json", null},
                new String[] {"POST", "/api/devices/" + sn + "/types", ders},
                new String[] {"GET", "/api/devices/" + sn + "/ders", null},
                new String[] {"GET", "/api/devices/" + sn + "/registers/4989", null},
                new String[] {"POST", "/api/control/" + sn + "/init", "{}"},
                new String[] {"POST", "/api/control/" + sn + "/battery", "{\"power_w\":500}"},
                new String[] {"POST", "/api/control/" + sn + "/curtail", "{\"power_w\":500}"},
                new String[] {"POST", "/api/control/" + sn + "/curtail/disable", "{}"},
                new String[] {"POST", "/api/control/" + sn + "/deinit", "{}"});
    }

    static Stream<String> templates() {
        return ZapSimulator.FAULT_ENDPOINTS.stream();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void aFaultOnOneEndpointTouchesOnlyThatEndpoint(String template) {
        sim.setFault(template, new ZapFault.Status(418));
        for (String[] r : requests().toList()) {
            RawHttp.Reply reply = RawHttp.send(port, r[0], r[1], r[2], WAIT);
            boolean faulted = ZapSimulator.templateOf(r[1]).equals(template);
            if (faulted) {
                assertThat(reply.status()).as(r[0] + " " + r[1]).isEqualTo(418);
                assertThat(reply.text()).isEqualTo("{\"error\":\"simulated 418\"}");
            } else {
                assertThat(reply.status()).as(r[0] + " " + r[1]).isNotEqualTo(418);
            }
        }
        sim.clearFault(template);
        requests().forEach(r -> assertThat(RawHttp.send(port, r[0], r[1], r[2], WAIT).status())
                .as(r[0] + " " + r[1]).isNotEqualTo(418));
    }

    @Test
    void theMostSpecificFaultWins() {
        String path = "/api/devices/" + sn + "/ders";
        sim.setFault("*", new ZapFault.Status(500));
        sim.setFault("/api/devices/{sn}/ders", new ZapFault.Status(502));
        sim.setFault("GET /api/devices/{sn}/ders", new ZapFault.Status(503));
        assertThat(get(path).status()).isEqualTo(503);
        assertThat(RawHttp.send(port, "POST", path, "{}", WAIT).status()).isEqualTo(502);
        assertThat(get("/api/system").status()).isEqualTo(500);
        assertThat(get("/no/such/path").status()).isEqualTo(500);
        sim.clearFault("get /api/devices/{sn}/ders/");
        assertThat(get(path).status()).isEqualTo(502);
        assertThat(sim.faults()).containsOnlyKeys("*", "/api/devices/{sn}/ders");
        sim.clearFaults();
        assertThat(get(path).status()).isEqualTo(200);
        assertThat(get("/no/such/path").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/nope", "/api/devices/{serial}", "GRAB /api/system", "GET", "", "api/system"})
    void unknownEndpointsAreRefused(String endpoint) {
        assertThatThrownBy(() -> sim.setFault(endpoint, new ZapFault.NoContent()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- each fault, on "*"

    @ParameterizedTest
    @ValueSource(ints = {200, 301, 400, 401, 404, 418, 500, 503, 599})
    void anyStatus(int code) {
        sim.setFault("*", new ZapFault.Status(code));
        RawHttp.Reply r = get("/api/crypto");
        assertThat(r.status()).isEqualTo(code);
        assertThat(r.ending()).isEqualTo(RawHttp.Ending.COMPLETE);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"error\":\"simulated " + code + "\"}");
        assertRecovers("/api/crypto");
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void statusesWithoutABody(int code) {
        sim.setFault("GET /api/system", new ZapFault.Status(code));
        RawHttp.Reply r = get("/api/system");
        assertThat(r.status()).isEqualTo(code);
        assertThat(r.body()).isEmpty();
        assertRecovers("/api/system");
    }

    @Test
    void lowMemory() {
        sim.setFault("*", new ZapFault.LowMemory());
        RawHttp.Reply r = get("/api/devices");
        assertThat(r.status()).isEqualTo(503);
        var o = JsonParser.parseString(r.text()).getAsJsonObject();
        assertThat(o.get("error").getAsString()).isEqualTo("low memory");
        assertThat(o.get("free_heap").getAsInt()).isLessThan(55 * 1024);
        assertRecovers("/api/devices");
    }

    @Test
    void noContentForAsLongAsItIsSet() {
        sim.setFault("/api/system", new ZapFault.NoContent());
        for (int i = 0; i < 3; i++) {
            RawHttp.Reply r = get("/api/system");
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.body()).isEmpty();
            assertThat(r.ending()).isEqualTo(RawHttp.Ending.COMPLETE);
        }
        assertRecovers("/api/system");
    }

    @Test
    void malformedJsonIsTheNormalAnswerCut() {
        String normal = get("/api/system").text();
        sim.setFault("*", new ZapFault.MalformedJson());
        RawHttp.Reply r = get("/api/system");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.ending()).isEqualTo(RawHttp.Ending.COMPLETE);
        // Numbers aside: RSSI wanders and the clock moves between two reads.
        assertThat(normal.replaceAll("-?\\d+", "0")).startsWith(r.text().replaceAll("-?\\d+", "0"));
        assertThatThrownBy(() -> JsonParser.parseString(r.text()).getAsJsonObject())
                .isInstanceOfAny(JsonParseException.class, IllegalStateException.class);
        // An answer that would have been empty (no reading yet) is malformed too.
        sim.setFault("*", new ZapFault.MalformedJson());
        assertThat(get("/api/devices/NOPE/data/json").text()).startsWith("{\"error\"");
        assertRecovers("/api/system");
    }

    @Test
    void truncatedBodyEndsWithAFinAfterHalf() {
        sim.setFault("GET /api/devices/supported", new ZapFault.TruncatedBody());
        RawHttp.Reply r = get("/api/devices/supported");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.ending()).as(r.error()).isEqualTo(RawHttp.Ending.EOF_EARLY);
        assertThat(r.contentLength()).isGreaterThan(100);
        assertThat((long) r.body().length).isEqualTo(r.contentLength() / 2);
        assertRecovers("/api/devices/supported");
    }

    @Test
    void resetMidBodyIsARealTcpReset() {
        sim.setFault("GET /api/devices/types", new ZapFault.ResetMidBody());
        RawHttp.Reply r = get("/api/devices/types");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.ending()).as(r.error()).isEqualTo(RawHttp.Ending.RESET);
        assertThat(r.error()).containsIgnoringCase("connection reset");
        assertThat(r.body().length).isLessThan((int) r.contentLength());
        assertRecovers("/api/devices/types");
    }

    @Test
    void javaHttpClientAlsoSeesTheReset() {
        sim.setFault("*", new ZapFault.ResetMidBody());
        assertThatThrownBy(() -> Http.get(sim.baseUri(), "/api/system"))
                .hasRootCauseMessage("Connection reset");
        sim.clearFaults();
        assertThat(Http.get(sim.baseUri(), "/api/system").status()).isEqualTo(200);
    }

    @Test
    void damagedAnswersStillCarryOutTheRequest() {
        sim.setFault("POST /api/devices", new ZapFault.ResetMidBody());
        RawHttp.Reply r = RawHttp.send(port, "POST", "/api/devices", ZapSimulatorTest.P1, WAIT);
        assertThat(r.ending()).isEqualTo(RawHttp.Ending.RESET);
        assertThat(sim.devices()).hasSize(2);
    }

    @Test
    void wrongContentTypeIsAWebPage() {
        sim.setFault("*", new ZapFault.WrongContentType());
        RawHttp.Reply r = get("/api/crypto");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("text/html");
        assertThat(r.text()).startsWith("<!DOCTYPE html>");
        assertRecovers("/api/crypto");
    }

    @Test
    void hugeBodyIsExactlyThatLongAndValidJson() {
        sim.setFault("*", new ZapFault.HugeBody(3L * 1024 * 1024 + 7));
        RawHttp.Reply r = get("/api/system");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.ending()).isEqualTo(RawHttp.Ending.COMPLETE);
        assertThat(r.contentLength()).isEqualTo(3L * 1024 * 1024 + 7);
        assertThat(r.body()).hasSize(3 * 1024 * 1024 + 7);
        assertThat(JsonParser.parseString(r.text()).getAsJsonObject().has("padding")).isTrue();
        assertRecovers("/api/system");
    }

    @Test
    void fiftyMegabytesStreamAndStopWhenTheClientHangsUp() throws Exception {
        sim.setFault("/api/system", new ZapFault.HugeBody());
        long before = usedHeap();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /api/system HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            String head = null;
            while (read < 4 * 1024 * 1024) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                if (head == null) {
                    head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                }
                read += n;
            }
            assertThat(head).containsIgnoringCase("Content-Length: " + 50L * 1024 * 1024);
            // The simulator holds a 64 KB buffer, not the body.
            assertThat(usedHeap() - before).isLessThan(40L * 1024 * 1024);
            assertThat(sim.requestStats().inFlight()).isEqualTo(1);
        }
        awaitNoneInFlight();
        assertRecovers("/api/system");
    }

    // ---------------------------------------------------------------- latency

    @Test
    void fixedLatency() {
        sim.setFault("GET /api/system", ZapFault.Latency.fixed(Duration.ofMillis(1000)));
        long t0 = System.nanoTime();
        RawHttp.Reply r = get("/api/system");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).isEqualTo(200);
        assertThat(ms).isBetween(990L, 4000L);
        // Another endpoint is not delayed (the margin is wide so a busy CI machine cannot fail it).
        long t1 = System.nanoTime();
        assertThat(get("/api/crypto").status()).isEqualTo(200);
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(800);
    }

    @Test
    void randomLatencyStaysInItsRange() {
        sim.setFault("*", new ZapFault.Latency(Duration.ofMillis(50), Duration.ofMillis(150)));
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            assertThat(get("/api/name").status()).isEqualTo(200);
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(45L, 1500L);
        }
    }

    @Test
    void aLongLatencyEndsWhenTheFaultIsCleared() throws Exception {
        sim.setFault("*", ZapFault.Latency.fixed(Duration.ofSeconds(15)));
        long t0 = System.nanoTime();
        CompletableFuture<RawHttp.Reply> held = CompletableFuture.supplyAsync(() -> RawHttp.get(port, "/api/system",
                Duration.ofSeconds(20)));
        awaitInFlight(1);
        sim.clearFaults();
        assertThat(held.get().status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
    }

    // ---------------------------------------------------------------- never answers

    @Test
    void neverAnswersHoldsTheRequestAndCountsItInFlight() {
        sim.setFault("GET /api/system", new ZapFault.NeverAnswers());
        RawHttp.Reply r = RawHttp.get(port, "/api/system", Duration.ofMillis(400));
        assertThat(r.ending()).isEqualTo(RawHttp.Ending.TIMEOUT);
        assertThat(r.status()).isEqualTo(-1);
        // The timed-out request is dropped once its client hangs up; until then it would count as the held one below.
        awaitNoneInFlight();
        // Other endpoints still answer while it holds.
        CompletableFuture<RawHttp.Reply> held = CompletableFuture.supplyAsync(() -> RawHttp.get(port, "/api/system",
                Duration.ofSeconds(10)));
        awaitInFlight(1);
        assertThat(get("/api/crypto").status()).isEqualTo(200);
        assertThat(sim.requestStats().maxInFlight()).isGreaterThanOrEqualTo(2);
        // Clearing it releases the held request with the normal answer.
        sim.clearFault("GET /api/system");
        RawHttp.Reply released = held.join();
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text()).contains("\"zap\"");
        awaitNoneInFlight();
    }

    @Test
    void aHeldRequestIsDroppedWhenItsClientHangsUp() {
        sim.setFault("*", new ZapFault.NeverAnswers());
        for (int i = 0; i < 40; i++) { // more than the simulator's pool: none may stay held
            assertThat(RawHttp.get(port, "/api/system", Duration.ofMillis(30)).ending()).isEqualTo(RawHttp.Ending.TIMEOUT);
        }
        awaitNoneInFlight();
        sim.setFault("*", ZapFault.Latency.fixed(Duration.ofMillis(10)));
        assertThat(get("/api/crypto").status()).as("still answering").isEqualTo(200);
    }

    @Test
    void aReleasedPostStillHasItsBody() {
        sim.setFault("POST /api/devices", new ZapFault.NeverAnswers());
        CompletableFuture<RawHttp.Reply> held = CompletableFuture.supplyAsync(() -> RawHttp.send(port, "POST",
                "/api/devices", ZapSimulatorTest.P1, Duration.ofSeconds(10)));
        awaitInFlight(1);
        assertThat(sim.devices()).hasSize(1);
        sim.setFault("POST /api/devices", new ZapFault.Status(500)); // replacing the fault releases it too
        assertThat(held.join().status()).isEqualTo(500);
        sim.clearFaults();
        assertThat(RawHttp.send(port, "POST", "/api/devices", ZapSimulatorTest.P1, WAIT).status()).isEqualTo(201);
    }

    @Test
    void closeReturnsPromptlyWithHeldConnections() {
        sim.setFault("*", new ZapFault.NeverAnswers());
        List<CompletableFuture<RawHttp.Reply>> held = Stream.of("/api/system", "/api/crypto", "/api/devices")
                .map(p -> CompletableFuture.supplyAsync(() -> RawHttp.get(port, p, Duration.ofSeconds(20))))
                .toList();
        awaitInFlight(3);
        long t0 = System.nanoTime();
        sim.close();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        for (CompletableFuture<RawHttp.Reply> h : held) {
            RawHttp.Reply r = h.join();
            assertThat(r.ending()).isIn(RawHttp.Ending.EOF_EARLY, RawHttp.Ending.RESET);
            assertThat(r.status()).isEqualTo(-1);
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    }

    @Test
    void closeStopsAHugeBodyMidStream() throws Exception {
        sim.setFault("*", new ZapFault.HugeBody(1L << 40));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /api/name HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().readNBytes(1024 * 1024)).hasSize(1024 * 1024);
            long t0 = System.nanoTime();
            sim.close();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        }
    }

    // ---------------------------------------------------------------- helpers

    void assertRecovers(String path) {
        sim.clearFaults();
        RawHttp.Reply r = get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.ending()).isEqualTo(RawHttp.Ending.COMPLETE);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonParser.parseString(r.text());
    }

    void awaitInFlight(int n) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sim.requestStats().inFlight() < n) {
            assertThat(System.nanoTime()).as("%d requests in flight", n).isLessThan(deadline);
            pause();
        }
    }

    void awaitNoneInFlight() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sim.requestStats().inFlight() > 0) {
            assertThat(System.nanoTime()).as("no request in flight").isLessThan(deadline);
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
