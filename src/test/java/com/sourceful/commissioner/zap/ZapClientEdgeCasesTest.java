package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.http.StubServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ZapClient against hand-made HTTP stubs on 127.0.0.1: older shapes, extra fields, and misbehaving peers. */
class ZapClientEdgeCasesTest {

    static final String SYSTEM = "{\"zap\":{\"deviceId\":\"zap-0011aabb\",\"firmwareVersion\":\"1.2.0\",\"sdkVersion\":\"v5.1\","
            + "\"network\":{\"wifiStatus\":\"connected\",\"wifiConnected\":true,\"localIP\":\"192.168.1.23\","
            + "\"ssid\":\"Home\",\"rssi\":-61,\"internetConnected\":false}},\"uptime_seconds\":3600,"
            + "\"time_utc_sec\":1781000000,\"memory_kb\":{\"free\":120,\"total\":320}}";

    StubServer stub;
    ZapClient zap;

    @BeforeEach
    void start() throws IOException {
        stub = StubServer.start();
        zap = new ZapClient(stub.baseUri());
    }

    @AfterEach
    void stop() {
        zap.close();
        stub.close();
    }

    interface Call {
        void run() throws Exception;
    }

    static ZapException failure(Call call) {
        ZapException e = catchThrowableOfType(ZapException.class, call::run);
        assertThat(e).as("a ZapException").isNotNull();
        return e;
    }

    @Test
    void olderFirmwareBareListWithSerialNumber() throws Exception {
        stub.json("/api/devices", 200, "[{\"serial_number\":\"SG1234ABCD\",\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\","
                + "\"port\":502,\"profile\":\"sungrow\",\"connected\":false,"
                + "\"ders\":[{\"type\":\"pv\",\"enabled\":true,\"rated_power\":10200},{\"type\":\"battery\"}]},"
                + "\"not an object\",{\"sn\":\"P1ABCDEF01\",\"type\":\"p1_uart\",\"last_harvest\":1781000000123}]");
        List<ZapDevice> devices = zap.devices();
        assertThat(devices).extracting(ZapDevice::sn).containsExactly("SG1234ABCD", "P1ABCDEF01");
        ZapDevice sg = devices.get(0);
        assertThat(sg.config()).containsEntry("ip", "192.168.1.60").containsEntry("profile", "sungrow")
                .doesNotContainKeys("serial_number", "connected", "ders");
        assertThat(sg.connected()).isFalse();
        assertThat(sg.ders()).extracting(Der::type).containsExactly("pv", "battery");
        assertThat(sg.ders().get(0).enabled()).isTrue();
        assertThat(sg.ders().get(0).ratedPowerW()).hasValue(10200);
        assertThat(sg.ders().get(1).enabled()).as("missing enabled reads as disabled").isFalse();
        assertThat(sg.lastHarvestMs()).isEmpty();
        assertThat(devices.get(1).lastHarvestMs()).hasValue(1781000000123L);
        assertThat(devices.get(1).ders()).isEmpty();
    }

    @Test
    void deviceWithoutAnySerialIsABadResponse() {
        stub.json("/api/devices", 200, "{\"count\":1,\"devices\":[{\"type\":\"modbus_tcp\"}]}");
        ZapException e = failure(zap::devices);
        assertThat(e.kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("sn");
    }

    @Test
    void extraUnknownFieldsAreTolerated() throws Exception {
        stub.json("/api/system", 200, SYSTEM.replace("{\"zap\":{", "{\"future\":{\"x\":[1,2]},\"zap\":{\"newField\":42,"));
        stub.json("/api/crypto", 200, "{\"deviceName\":\"zap\",\"serialNumber\":\"zap-0011aabbccddeeff\","
                + "\"publicKey\":\"ab12\",\"algorithm\":\"ed25519\",\"extra\":{\"a\":null}}");
        stub.json("/api/devices/supported", 200, "{\"count\":3,\"firmware_note\":\"x\","
                + "\"inverters\":[{\"display_name\":\"Sungrow\",\"profile\":\"sungrow\",\"connection_types\":[\"modbus_tcp\"],"
                + "\"icon\":\"sun.png\"}],\"heat_pumps\":[{\"profile\":\"nibe\",\"connection_types\":[\"modbus_tcp\",7]}],"
                + "\"meters\":[]}");
        stub.json("/api/devices", 200, "{\"count\":1,\"page\":1,\"devices\":[{\"sn\":\"SG1\",\"type\":\"modbus_tcp\","
                + "\"profile\":\"sungrow\",\"health\":{\"errors\":0},\"ders\":[{\"type\":\"pv\",\"enabled\":false,"
                + "\"phase\":\"L1\"},{\"type\":\"heat_pump\",\"enabled\":true}]}]}");

        ZapSystem s = zap.system();
        assertThat(s.deviceId()).isEqualTo("zap-0011aabb");
        assertThat(s.firmwareVersion()).isEqualTo("1.2.0");
        assertThat(s.rssi()).hasValue(-61);
        assertThat(s.internetConnected()).hasValue(false);
        assertThat(s.uptimeSeconds()).hasValue(3600);

        assertThat(zap.identity()).isEqualTo(new ZapIdentity("zap-0011aabbccddeeff", "zap", "ab12"));

        List<SupportedProfile> profiles = zap.supportedProfiles();
        assertThat(profiles).containsExactlyInAnyOrder(
                new SupportedProfile("inverters", "Sungrow", "sungrow", List.of("modbus_tcp")),
                new SupportedProfile("heat_pumps", "nibe", "nibe", List.of("modbus_tcp", "7")));

        ZapDevice d = zap.devices().get(0);
        assertThat(d.config()).containsOnlyKeys("type", "profile");
        assertThat(d.ders()).extracting(Der::type).containsExactly("pv", "heat_pump");
        assertThat(d.ders().get(1).knownType()).isEmpty();
    }

    @Test
    void systemWithoutAZapObjectIsNotAZap() {
        stub.json("/api/system", 200, "{\"uptime_seconds\":12,\"hostname\":\"printer\"}");
        ZapException e = failure(zap::system);
        assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
        assertThat(e.operation()).isEqualTo("GET /api/system");

        stub.json("/api/system", 200, "{\"zap\":\"yes\"}");
        assertThat(failure(zap::system).kind()).as("zap must be an object").isEqualTo(ZapException.Kind.NOT_A_ZAP);
    }

    @Test
    void nonJsonBodyIsABadResponse() throws Exception {
        stub.on("/api/system", 200, "text/html", "<html><body>Router login</body></html>");
        ZapException e = failure(zap::system);
        assertThat(e.kind()).as("a web page is told apart from garbled JSON").isEqualTo(ZapException.Kind.NOT_JSON);
        assertThat(e.serverMessage()).hasValue("text/html");

        stub.on("/api/system", 200, "text/html", SYSTEM);
        assertThat(zap.system().deviceId()).as("good JSON mislabelled text/html still works").isEqualTo("zap-0011aabb");

        stub.json("/api/system", 200, "{\"zap\":{\"deviceId\":");
        ZapException garbled = failure(zap::system);
        assertThat(garbled.kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
        assertThat(garbled.getMessage()).contains("not valid JSON");

        stub.json("/api/crypto", 200, "[1,2,3]");
        assertThat(failure(zap::identity).kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);

        stub.json("/api/crypto", 200, "{\"deviceName\":\"zap\"}");
        ZapException missing = failure(zap::identity);
        assertThat(missing.kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
        assertThat(missing.getMessage()).contains("serialNumber");

        stub.json("/api/devices/types", 200, "{\"types\":[]}");
        assertThat(failure(zap::connectionTypes).kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
    }

    @Test
    void bodyLargerThanTheCapIsTooLarge() throws Exception {
        String big = "{\"zap\":{\"deviceId\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        stub.json("/api/system", 200, big);
        ZapException e = failure(zap::system);
        assertThat(e.kind()).isEqualTo(ZapException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("answer too large").contains("3.0 MB").contains("at most 2 MB");

        // Just under the cap is fine, and the client is still usable after the failure.
        String almost = "{\"zap\":{\"deviceId\":\"" + "y".repeat(2 * 1024 * 1024 - 100) + "\"}}";
        stub.json("/api/system", 200, almost);
        assertThat(zap.system().deviceId()).hasSize(2 * 1024 * 1024 - 100);
    }

    @Test
    void endlessBodyFailsFastInsteadOfBeingDrained() throws Exception {
        // A peer that streams forever must not hang the client: the cap stops reading, and nothing drains the rest.
        stub.on("/api/system", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = ex.getResponseBody()) {
                out.write('[');
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // expected: the client closed the connection
            }
        });
        ZapException e = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> failure(zap::system));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("at most 2 MB");
    }

    @Test
    void connectionRefusedIsUnreachable() throws Exception {
        int port = StubServer.closedPort();
        try (ZapClient closed = new ZapClient(URI.create("http://127.0.0.1:" + port))) {
            ZapException e = failure(closed::system);
            assertThat(e.kind()).isEqualTo(ZapException.Kind.UNREACHABLE);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("not reachable");
        }
    }

    @Test
    void serverThatNeverAnswersIsATimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
             HttpTransport shortTimeouts = new HttpTransport(Duration.ofSeconds(1), Duration.ofMillis(600), 2 * 1024 * 1024)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // test over
                }
            }, "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            ZapClient slow = new ZapClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()), shortTimeouts);
            long t0 = System.nanoTime();
            ZapException e = failure(slow::system);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e.kind()).isEqualTo(ZapException.Kind.TIMEOUT);
            assertThat(ms).isBetween(500L, 5_000L);
            slow.close();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void wrongMethodIsRejected405() {
        stub.on("/api/devices", ex -> {
            ex.getResponseHeaders().set("Allow", "GET");
            StubServer.send(ex, 405, "application/json", "{\"error\":\"method not allowed\"}");
        });
        ZapException e = failure(() -> zap.addDevice(DeviceConfig.of("p1_uart", Map.of())));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(405);
        assertThat(e.serverMessage()).hasValue("method not allowed");
        assertThat(stub.requests()).containsExactly("POST /api/devices");
    }

    @Test
    void errorPageThatIsNotJsonKeepsTheStatus() {
        stub.on("/api/devices/SG1/ders", 500, "text/html", "<h1>Internal Server Error</h1>");
        ZapException e = failure(() -> zap.ders("SG1"));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.serverMessage()).isEmpty();
        assertThat(e.field()).isEmpty();
    }

    @Test
    void conflictWithAnExplicitFieldKeepsIt() {
        stub.json("/api/devices", 409, "{\"error\":\"endpoint conflict\",\"field\":\"ip\",\"sn\":\"SG1\"}");
        ZapException e = failure(() -> zap.addDevice(DeviceConfig.of("p1_uart", Map.of())));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.field()).hasValue("ip");
        assertThat(e.serverMessage()).hasValue("endpoint conflict");
    }

    @Test
    void telemetryBlocksAreKeyedByTheirTypeAndNonObjectsSkipped() throws Exception {
        stub.json("/api/devices/SG1/data/json", 200, "{\"version\":\"v0\",\"format\":\"sungrow\","
                + "\"pv\":{\"type\":\"pv\",\"make\":\"Sungrow\",\"timestamp\":1781000000000,\"W\":-4200,\"status\":\"ok\"},"
                + "\"batt\":{\"W\":1500,\"SoC_nom_fract\":0.5},\"meter\":{\"type\":\"meter\",\"W\":\"n/a\"}}");
        TelemetrySnapshot s = zap.telemetry("SG1").orElseThrow();
        assertThat(s.format()).isEqualTo("sungrow");
        assertThat(s.readings().keySet()).containsExactlyInAnyOrder("pv", "batt", "meter");
        TelemetrySnapshot.Reading pv = s.reading(DerType.PV).orElseThrow();
        assertThat(pv.watts()).hasValue(-4200);
        assertThat(pv.timestampMs()).isEqualTo(1781000000000L);
        assertThat(pv.text("status")).hasValue("ok");
        assertThat(s.readings().get("batt").timestampMs()).isZero();
        assertThat(s.reading(DerType.METER).orElseThrow().watts()).as("a non-number W").isEmpty();

        stub.on("/api/devices/SG1/data/json", 204, null, "");
        assertThat(zap.telemetry("SG1")).isEmpty();
    }

    @Test
    void deviceSerialIsEncodedInThePath() {
        ZapException e = failure(() -> zap.telemetry("a b/../c"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(stub.requests()).containsExactly("GET /api/devices/a%20b%2F..%2Fc/data/json");
    }

    @Test
    void answerThatTricklesInIsATimeout() throws Exception {
        stub.on("/api/system", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // expected
            }
        });
        try (HttpTransport shortTimeouts = new HttpTransport(Duration.ofMillis(500), Duration.ofMillis(600), 2 * 1024 * 1024);
             ZapClient slow = new ZapClient(stub.baseUri(), shortTimeouts)) {
            ZapException e = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> failure(slow::system));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.TIMEOUT);
        }
    }

    @Test
    void requestsFromManyThreadsReachTheZapOneAtATime() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        stub.on("/api/system", ex -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            StubServer.send(ex, 200, "application/json", SYSTEM);
        });
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try {
                    assertThat(zap.system().deviceId()).isEqualTo("zap-0011aabb");
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(errors).isEmpty();
        assertThat(stub.requests()).hasSize(6);
        assertThat(maxInFlight.get()).as("the ESP32 gets one request at a time").isEqualTo(1);
    }
}
