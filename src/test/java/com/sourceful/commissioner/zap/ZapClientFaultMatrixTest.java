package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.common.ErrorMessages;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every simulated fault against every Zap call the app makes: a {@link ZapException} of one specific kind (never an
 * unchecked exception), a message that names the problem, an end within the client's deadline, and the same
 * client working again once the fault is cleared. Timeouts are short so the whole matrix runs in seconds; a 15 s
 * latency is cut off by them without waiting 15 s.
 */
class ZapClientFaultMatrixTest {

    static final Duration CONNECT = Duration.ofMillis(300);
    static final Duration RESPONSE = Duration.ofMillis(400);
    /** The transport's whole-call deadline is connect + response; allow scheduling slack on a busy 2-core CI box. */
    static final long LIMIT_MS = CONNECT.plus(RESPONSE).toMillis() + 1500;
    static final int MAX_BODY = 2 * 1024 * 1024; // as the app's own ZapClient
    static final AtomicInteger HOST = new AtomicInteger(10);

    /** The calls the app makes, and the endpoint each one asks. */
    enum Call {
        SYSTEM("GET /api/system"),
        IDENTITY("GET /api/crypto"),
        SUPPORTED("GET /api/devices/supported"),
        TYPES("GET /api/devices/types"),
        DEVICES("GET /api/devices"),
        ADD_DEVICE("POST /api/devices"),
        DATA("GET /api/devices/{sn}/data/json"),
        DERS_GET("GET /api/devices/{sn}/ders"),
        DERS_SET("POST /api/devices/{sn}/ders");

        final String endpoint;

        Call(String endpoint) {
            this.endpoint = endpoint;
        }
    }

    enum Fault {
        SHORT_LATENCY(ZapFault.Latency.fixed(Duration.ofMillis(100))),
        LONG_LATENCY(ZapFault.Latency.fixed(Duration.ofSeconds(15))),
        STATUS_500(new ZapFault.Status(500)),
        STATUS_404(new ZapFault.Status(404)),
        LOW_MEMORY(new ZapFault.LowMemory()),
        NO_CONTENT(new ZapFault.NoContent()),
        MALFORMED_JSON(new ZapFault.MalformedJson()),
        TRUNCATED(new ZapFault.TruncatedBody()),
        WRONG_CONTENT_TYPE(new ZapFault.WrongContentType()),
        HUGE_BODY(new ZapFault.HugeBody()),
        RESET(new ZapFault.ResetMidBody()),
        NEVER_ANSWERS(new ZapFault.NeverAnswers());

        final ZapFault fault;

        Fault(ZapFault fault) {
            this.fault = fault;
        }
    }

    /** What a call under a fault must end in: success, or this kind with these words in detail and in the UI text. */
    record Expected(ZapException.Kind kind, int status, String detail, String text) {
        static final Expected OK = new Expected(null, 0, null, null);
    }

    static Expected expected(Fault f, Call c) {
        return switch (f) {
            case SHORT_LATENCY -> Expected.OK;
            case LONG_LATENCY, NEVER_ANSWERS -> new Expected(ZapException.Kind.TIMEOUT, 0, null, "did not answer in time");
            case STATUS_500 -> new Expected(ZapException.Kind.REJECTED, 500, "simulated 500", "HTTP 500");
            case STATUS_404 -> new Expected(ZapException.Kind.REJECTED, 404, "simulated 404", "HTTP 404");
            case LOW_MEMORY -> new Expected(ZapException.Kind.REJECTED, 503, "low memory", "low on memory");
            // 204 is "no reading yet" for live data, and an answer missing everywhere else.
            case NO_CONTENT -> c == Call.DATA ? Expected.OK
                    : new Expected(ZapException.Kind.BAD_RESPONSE, 0, "no content (HTTP 204)", "not understood");
            case MALFORMED_JSON -> new Expected(ZapException.Kind.BAD_RESPONSE, 0, "not valid JSON", "not valid JSON");
            case TRUNCATED -> new Expected(ZapException.Kind.CONNECTION_LOST, 0, "cut short", "broke in the middle");
            case WRONG_CONTENT_TYPE -> new Expected(ZapException.Kind.NOT_JSON, 0, "text/html", "web page");
            case HUGE_BODY -> new Expected(ZapException.Kind.TOO_LARGE, 0, "50 MB", "too large");
            case RESET -> new Expected(ZapException.Kind.CONNECTION_LOST, 0, "reset", "broke in the middle");
        };
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Fault.values()).flatMap(f -> Stream.of(Call.values()).map(c -> Arguments.of(f, c)));
    }

    TestClock clock;
    ZapSimulator sim;
    HttpTransport http;
    ZapClient zap;
    String sn;

    /**
     * Loads and warms up the simulator and client code once with the app's own timeouts, so the short timeouts of
     * the first case measure the fault and not class loading on a cold JVM.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (ZapSimulator warm = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).start();
             ZapClient client = new ZapClient(warm.baseUri())) {
            String device = client.addDevice(sungrow()).sn();
            for (int i = 0; i < 3; i++) {
                client.system();
                client.identity();
                client.supportedProfiles();
                client.connectionTypes();
                client.devices();
                client.telemetry(device);
                client.ders(device);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.atNoon();
        sim = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).clock(clock).start();
        http = new HttpTransport(CONNECT, RESPONSE, MAX_BODY);
        zap = new ZapClient(sim.baseUri(), http, RESPONSE);
        try (ZapClient setup = new ZapClient(sim.baseUri())) { // the app's own timeouts: set-up is not under test
            sn = setup.addDevice(sungrow()).sn();
        }
        clock.advance(Duration.ofSeconds(5)); // the first reading exists
    }

    @AfterEach
    void stop() throws Exception {
        zap.close();
        http.close();
        sim.close();
    }

    static DeviceConfig sungrow() {
        return DeviceConfig.of("modbus_tcp", Map.of("ip", "192.168.1." + HOST.incrementAndGet(), "port", 502,
                "unit_id", 1, "profile", "sungrow"));
    }

    Object run(Call c) throws ZapException {
        return switch (c) {
            case SYSTEM -> zap.system();
            case IDENTITY -> zap.identity();
            case SUPPORTED -> zap.supportedProfiles();
            case TYPES -> zap.connectionTypes();
            case DEVICES -> zap.devices();
            case ADD_DEVICE -> zap.addDevice(sungrow());
            case DATA -> zap.telemetry(sn);
            case DERS_GET -> zap.ders(sn);
            case DERS_SET -> {
                zap.updateDers(sn, List.of(new Der("pv", true, OptionalDouble.of(10200),
                        OptionalDouble.empty(), OptionalDouble.empty())));
                yield "done";
            }
        };
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("matrix")
    void faultGivesASpecificErrorInTimeAndTheClientRecovers(Fault f, Call c) throws Exception {
        sim.setFault(c.endpoint, f.fault);
        Expected want = expected(f, c);

        long t0 = System.nanoTime();
        Throwable thrown = null;
        Object result = null;
        try {
            result = run(c);
        } catch (Throwable t) {
            thrown = t;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ms).as("ends within the client's deadline").isLessThan(LIMIT_MS);
        if (want.kind() == null) {
            assertThat(thrown).as("no failure").isNull();
            if (f == Fault.NO_CONTENT) {
                assertThat(result).as("204 on live data is no reading yet").isEqualTo(Optional.empty());
            }
        } else {
            assertThat(thrown).as("a ZapException, never an unchecked one").isInstanceOf(ZapException.class);
            ZapException e = (ZapException) thrown;
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(want.kind());
            assertThat(e.operation()).startsWith(c.endpoint.substring(0, c.endpoint.indexOf(' ')));
            if (want.status() != 0) {
                assertThat(e.status()).isEqualTo(want.status());
            }
            if (want.detail() != null) {
                assertThat(e.getMessage()).containsIgnoringCase(want.detail());
            }
            String text = ErrorMessages.zap(e);
            assertThat(text).as("what the technician reads").containsIgnoringCase(want.text())
                    .doesNotContain("{", "null", "Exception")
                    .doesNotContain("does not answer"); // the words for "nothing there", which is not this
        }

        // The fault is per endpoint: another call is untouched meanwhile.
        Call other = c == Call.SYSTEM ? Call.IDENTITY : Call.SYSTEM;
        assertThat(run(other)).isNotNull();

        sim.clearFaults();
        Object again = run(c);
        assertThat(again).as("works again once the fault is cleared").isNotNull();
        if (c == Call.DATA) {
            assertThat(again).isNotEqualTo(Optional.empty());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"SHORT_LATENCY", "NO_CONTENT", "STATUS_500", "TRUNCATED", "RESET",
            "HUGE_BODY", "WRONG_CONTENT_TYPE", "NEVER_ANSWERS"})
    void aFaultOnEveryEndpointStopsTheWholeSessionAndClearingIt(Fault f) throws Exception {
        sim.setFault("*", f.fault);
        for (Call c : List.of(Call.SYSTEM, Call.DEVICES, Call.DATA)) {
            Expected want = expected(f, c);
            long t0 = System.nanoTime();
            try {
                run(c);
                assertThat(want.kind()).as(f + " on " + c).isNull();
            } catch (ZapException e) {
                assertThat(e.kind()).as(f + " on " + c).isEqualTo(want.kind());
            }
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(LIMIT_MS);
        }
        sim.clearFaults();
        assertThat(zap.system().deviceId()).isEqualTo(sim.serial());
        assertThat(zap.telemetry(sn)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 199, 201, 204, 301, 302, 304, 400, 418, 502, 599})
    void anyStatusIsAZapExceptionInTime(int code) throws Exception {
        sim.setFault("GET /api/system", new ZapFault.Status(code));
        long t0 = System.nanoTime();
        Throwable thrown = null;
        try {
            zap.system();
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(LIMIT_MS);
        assertThat(thrown).as("status " + code).isInstanceOf(ZapException.class);
        ZapException e = (ZapException) thrown;
        String text = ErrorMessages.zap(e);
        assertThat(text).doesNotContain("{", "null", "Exception").doesNotContain("does not answer");
        // 1xx is no final answer (the client waits for one), a 2xx or 3xx other than 200 is not the Zap's answer,
        // 4xx and 5xx are refusals with their status.
        ZapException.Kind kind = code < 200 && code != 101 ? ZapException.Kind.TIMEOUT
                : code < 400 ? ZapException.Kind.BAD_RESPONSE : ZapException.Kind.REJECTED;
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        if (kind == ZapException.Kind.REJECTED) {
            assertThat(e.status()).isEqualTo(code);
            assertThat(text).contains("HTTP " + code);
        } else if (code >= 300) {
            assertThat(text).contains("HTTP " + code).contains("a Zap never");
        }
        sim.clearFaults();
        assertThat(zap.system().deviceId()).isEqualTo(sim.serial());
    }

    @Test
    void theAppsOwnLimitsRefuseFiftyMegabytesWithoutReadingThem() throws Exception {
        sim.setFault("GET /api/devices/{sn}/data/json", new ZapFault.HugeBody());
        try (ZapClient production = new ZapClient(sim.baseUri())) {
            long t0 = System.nanoTime();
            ZapException e = Assertions.catchThrowableOfType(ZapException.class,
                    () -> production.telemetry(sn));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.TOO_LARGE);
            assertThat(e.getMessage()).contains("50 MB", "at most 2 MB");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
            sim.clearFaults();
            assertThat(production.telemetry(sn)).isPresent();
        }
    }

    @Test
    void aNeverAnsweringZapGetsOneRequestPerCallAndDropsItWhenTheClientGivesUp() throws Exception {
        sim.setFault("GET /api/devices/{sn}/data/json", new ZapFault.NeverAnswers());
        sim.requestStats().reset();
        for (int i = 0; i < 3; i++) {
            ZapException e = Assertions.catchThrowableOfType(ZapException.class,
                    () -> zap.telemetry(sn));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.TIMEOUT);
        }
        // One request each (no retries behind the app's back); each is dropped once the client gives up on it.
        assertThat(sim.requestStats().total()).isEqualTo(3);
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (sim.requestStats().inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sim.requestStats().inFlight()).isZero();
        sim.clearFaults();
        assertThat(zap.telemetry(sn)).isPresent();
    }
}
