package com.sourceful.commissioner.sim;

import com.sourceful.commissioner.testsupport.TestClock;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZapSimulatorTest {

    static final String SUNGROW = "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\",\"port\":502,\"unit_id\":1,\"profile\":\"sungrow\"}";
    static final String P1 = "{\"type\":\"p1_uart\",\"baud_rate\":115200,\"data_bits\":8,\"parity\":\"none\"}";
    static final String FERROAMP = "{\"type\":\"mqtt\",\"profile\":\"ferroamp\",\"broker_host\":\"192.168.1.70\",\"broker_port\":1883,\"username\":\"extapi\",\"password\":\"s3cret-pw\"}";
    static final String AMBIBOX = "{\"type\":\"mqtt\",\"profile\":\"ambibox\",\"broker_host\":\"ambibox.local\",\"broker_port\":1884,\"username\":\"external-ems\"}";

    TestClock clock;
    ZapSimulator sim;
    URI base;

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.atNoon();
        sim = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO).clock(clock).start();
        base = sim.baseUri();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    String add(String config) {
        return Http.addDevice(base, config);
    }

    // ------------------------------------------------------------------ identity

    @Test
    void accessorsAndDefaults() throws Exception {
        assertThat(sim.baseUri().toString()).isEqualTo("http://127.0.0.1:" + sim.port());
        assertThat(sim.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(sim.serial()).isEqualTo("zap-04772a97");
        try (ZapSimulator other = ZapSimulator.builder().addDeviceDelay(Duration.ZERO).start()) {
            assertThat(other.serial()).matches("zap-[0-9a-f]{8}");
            assertThat(other.port()).isNotEqualTo(sim.port());
        }
        assertThatThrownBy(() -> ZapSimulator.builder().serial("ZAP-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsRequestsAndTheMostInFlight() {
        Http.get(base, "/api/system");
        Http.get(base, "/api/system");
        Http.get(base, "/api/crypto");
        RequestStats stats = sim.requestStats();
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.byRequest()).containsEntry("GET /api/system", 2L).containsEntry("GET /api/crypto", 1L);
        assertThat(stats.maxInFlight()).isEqualTo(1);
        stats.reset();
        assertThat(stats.total()).isZero();
        assertThat(stats.byRequest()).isEmpty();
        assertThat(stats.maxInFlight()).isZero();
    }

    @Test
    void system() {
        Http.Reply r = Http.get(base, "/api/system");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject o = r.json();
        JsonObject zap = o.getAsJsonObject("zap");
        assertThat(zap.get("deviceId").getAsString()).isEqualTo("zap-04772a97");
        assertThat(zap.get("firmwareVersion").getAsString()).matches("1\\.\\d+\\.\\d+");
        assertThat(zap.get("sdkVersion").getAsString()).startsWith("v5.");
        JsonObject net = zap.getAsJsonObject("network");
        assertThat(net.get("wifiStatus").getAsString()).isEqualTo("connected");
        assertThat(net.get("wifiConnected").getAsBoolean()).isTrue();
        assertThat(net.get("localIP").getAsString()).isEqualTo("127.0.0.1");
        assertThat(net.get("ssid").getAsString()).isNotBlank();
        assertThat(net.get("rssi").getAsInt()).isBetween(-59, -50);
        assertThat(net.get("internetConnected").getAsBoolean()).isTrue();
        assertThat(o.get("time_utc_sec").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
        clock.advance(Duration.ofSeconds(42));
        assertThat(Http.get(base, "/api/system").json().get("uptime_seconds").getAsLong()).isEqualTo(42);
        JsonObject mem = o.getAsJsonObject("memory_kb");
        assertThat(mem.get("free").getAsInt()).isPositive().isLessThan(mem.get("total").getAsInt());
        assertThat(mem.has("min_free")).isTrue();
    }

    @Test
    void cryptoAndName() {
        JsonObject c = Http.get(base, "/api/crypto").json();
        assertThat(c.get("deviceName").getAsString()).isEqualTo("zap");
        assertThat(c.get("serialNumber").getAsString()).isEqualTo("zap-04772a97");
        assertThat(c.get("publicKey").getAsString()).matches("04[0-9a-f]{128}").isEqualTo(sim.publicKeyHex());
        Http.Reply n = Http.get(base, "/api/name");
        assertThat(n.status()).isEqualTo(200);
        assertThat(n.json().get("name").getAsString()).isNotBlank();
    }

    // ------------------------------------------------------------------ catalogue

    @Test
    void supported() {
        JsonObject o = Http.get(base, "/api/devices/supported").json();
        assertThat(o.get("count").getAsInt()).isEqualTo(10);
        assertThat(profiles(o, "inverters")).containsExactly("sungrow", "solis", "deye", "sma", "huawei", "fronius", "solaredge");
        assertThat(profiles(o, "meters")).containsExactly("p1_meter");
        assertThat(profiles(o, "ev_chargers")).containsExactly("ambibox");
        assertThat(profiles(o, "batteries")).containsExactly("ferroamp");
        assertThat(connectionTypes(o, "inverters", "sungrow")).containsExactly("modbus_tcp", "modbus_rtu");
        assertThat(connectionTypes(o, "inverters", "fronius")).containsExactly("modbus_tcp");
        assertThat(connectionTypes(o, "inverters", "sma")).containsExactly("modbus_tcp");
        assertThat(connectionTypes(o, "inverters", "solaredge")).containsExactly("modbus_tcp");
        assertThat(connectionTypes(o, "meters", "p1_meter")).containsExactly("p1_uart");
        assertThat(connectionTypes(o, "ev_chargers", "ambibox")).containsExactly("mqtt");
        assertThat(connectionTypes(o, "batteries", "ferroamp")).containsExactly("mqtt");
        assertThat(entry(o, "ev_chargers", "ambibox").get("display_name").getAsString()).isEqualTo("Ambibox V2X");
    }

    private static JsonObject entry(JsonObject o, String group, String profile) {
        for (JsonElement e : o.getAsJsonArray(group)) {
            if (e.getAsJsonObject().get("profile").getAsString().equals(profile)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError(profile + " not in " + group);
    }

    private static List<String> profiles(JsonObject o, String group) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(group).forEach(e -> out.add(e.getAsJsonObject().get("profile").getAsString()));
        return out;
    }

    private static List<String> connectionTypes(JsonObject o, String group, String profile) {
        List<String> out = new ArrayList<>();
        entry(o, group, profile).getAsJsonArray("connection_types").forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @Test
    void types() {
        JsonArray types = Http.get(base, "/api/devices/types").json().getAsJsonArray("connection_types");
        assertThat(types).hasSize(4);
        JsonObject tcp = types.get(0).getAsJsonObject();
        assertThat(tcp.get("type").getAsString()).isEqualTo("modbus_tcp");
        assertThat(tcp.get("description").getAsString()).isNotBlank();
        JsonObject ip = param(tcp, "ip");
        assertThat(ip.get("type").getAsString()).isEqualTo("string");
        assertThat(ip.get("required").getAsBoolean()).isTrue();
        assertThat(param(tcp, "port").get("default").getAsInt()).isEqualTo(502);
        assertThat(param(tcp, "unit_id").get("default").getAsInt()).isEqualTo(1);
        JsonObject rtu = types.get(1).getAsJsonObject();
        assertThat(param(rtu, "baud_rate").get("default").getAsInt()).isEqualTo(9600);
        assertThat(param(rtu, "parity").get("description").getAsString()).contains("0 none", "1 odd", "2 even");
        JsonObject p1 = types.get(2).getAsJsonObject();
        assertThat(param(p1, "manufacturer").get("required").getAsBoolean()).isFalse();
        assertThat(param(p1, "baud_rate").get("default").getAsInt()).isEqualTo(115200);
        assertThat(param(p1, "parity").get("default").getAsString()).isEqualTo("none");
        JsonObject mqtt = types.get(3).getAsJsonObject();
        assertThat(param(mqtt, "broker_host").get("required").getAsBoolean()).isTrue();
        assertThat(param(mqtt, "broker_port").get("default").getAsInt()).isEqualTo(1883);
        assertThat(param(mqtt, "client_id").get("required").getAsBoolean()).isFalse();
    }

    private static JsonObject param(JsonObject type, String name) {
        for (JsonElement e : type.getAsJsonArray("parameters")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError(name);
    }

    // ------------------------------------------------------------------ adding devices

    @Test
    void addModbusTcpAndList() {
        Http.Reply r = Http.post(base, "/api/devices", SUNGROW);
        assertThat(r.status()).isEqualTo(201);
        JsonObject o = r.json();
        assertThat(o.get("message").getAsString()).isEqualTo("Device added");
        String sn = o.get("sn").getAsString();
        assertThat(sn).matches("SG[0-9A-F]{8}");
        assertThat(o.getAsJsonArray("ders").toString())
                .isEqualTo("[{\"type\":\"pv\",\"enabled\":false},{\"type\":\"battery\",\"enabled\":false},{\"type\":\"meter\",\"enabled\":false}]");

        JsonObject list = Http.get(base, "/api/devices").json();
        assertThat(list.get("count").getAsInt()).isEqualTo(1);
        JsonObject d = list.getAsJsonArray("devices").get(0).getAsJsonObject();
        assertThat(d.get("sn").getAsString()).isEqualTo(sn);
        assertThat(d.get("type").getAsString()).isEqualTo("modbus_tcp");
        assertThat(d.get("ip").getAsString()).isEqualTo("192.168.1.60");
        assertThat(d.get("port").getAsInt()).isEqualTo(502);
        assertThat(d.get("unit_id").getAsInt()).isEqualTo(1);
        assertThat(d.get("profile").getAsString()).isEqualTo("sungrow");
        assertThat(d.get("connected").getAsBoolean()).isTrue();
        assertThat(d.get("path").getAsString()).isEqualTo("/api/devices/" + sn);
        assertThat(d.has("last_harvest")).isFalse();
        assertThat(d.getAsJsonArray("ders")).hasSize(3);

        clock.advance(Duration.ofMillis(2500));
        JsonObject later = Http.get(base, "/api/devices").json().getAsJsonArray("devices").get(0).getAsJsonObject();
        assertThat(later.get("last_harvest").getAsLong()).isEqualTo(clock.millis() - 500);
        assertThat(sim.devices()).hasSize(1);
        assertThat(sim.device(sn)).isPresent();
        assertThat(sim.device("nope")).isEmpty();
    }

    @Test
    void defaultsAreAppliedAndSerialIsDeterministic() throws Exception {
        String sn = add("{\"type\":\"modbus_tcp\",\"ip\":\"inverter.local\",\"profile\":\"solaredge\"}");
        JsonObject d = sim.device(sn).orElseThrow();
        assertThat(d.get("port").getAsInt()).isEqualTo(502);
        assertThat(d.get("unit_id").getAsInt()).isEqualTo(1);
        assertThat(sn).matches("SE[0-9A-F]{8}");
        try (ZapSimulator twin = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO).start();
             ZapSimulator other = ZapSimulator.builder().serial("zap-0000beef").addDeviceDelay(Duration.ZERO).start()) {
            String config = "{\"type\":\"modbus_tcp\",\"ip\":\"inverter.local\",\"profile\":\"solaredge\"}";
            assertThat(Http.post(twin.baseUri(), "/api/devices", config).json().get("sn").getAsString()).isEqualTo(sn);
            assertThat(Http.post(other.baseUri(), "/api/devices", config).json().get("sn").getAsString()).isNotEqualTo(sn);
        }
    }

    @Test
    void addEveryKindOfDevice() {
        String p1 = add(P1);
        String fa = add(FERROAMP);
        String amb = add(AMBIBOX);
        String rtu = add("{\"type\":\"modbus_rtu\",\"profile\":\"huawei\",\"unit_id\":2,\"parity\":2,\"stop_bits\":2}");
        String sma = add("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.5\",\"unit_id\":3,\"profile\":\"sma\"}");
        String fro = add("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.6\",\"profile\":\"fronius\"}");
        assertThat(p1).matches("P1[0-9A-F]{8}");
        assertThat(fa).matches("FA[0-9A-F]{8}");
        assertThat(amb).matches("AMB[0-9A-F]{8}");
        assertThat(rtu).matches("HW[0-9A-F]{8}");
        assertThat(derTypes(p1)).containsExactly("meter");
        assertThat(derTypes(fa)).containsExactly("pv", "battery", "meter");
        assertThat(derTypes(amb)).containsExactly("v2x_charger");
        assertThat(derTypes(rtu)).containsExactly("pv", "battery", "meter");
        assertThat(derTypes(sma)).containsExactly("pv");
        assertThat(derTypes(fro)).containsExactly("pv", "meter");
        assertThat(sim.device(p1).orElseThrow().get("profile").getAsString()).isEqualTo("p1_meter");
        // the password is saved but never listed
        JsonObject ferro = sim.device(fa).orElseThrow();
        assertThat(ferro.get("username").getAsString()).isEqualTo("extapi");
        assertThat(ferro.has("password")).isFalse();
        assertThat(Http.get(base, "/api/devices").body()).doesNotContain("s3cret-pw");
        assertThat(Http.get(base, "/api/devices").json().get("count").getAsInt()).isEqualTo(6);
    }

    private List<String> derTypes(String sn) {
        List<String> out = new ArrayList<>();
        Http.get(base, "/api/devices/" + sn + "/ders").json().getAsJsonArray("ders")
                .forEach(e -> out.add(e.getAsJsonObject().get("type").getAsString()));
        return out;
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("{\"ip\":\"10.0.0.1\",\"profile\":\"sungrow\"}", "type"),
                Arguments.of("{\"type\":\"zigbee\",\"profile\":\"sungrow\"}", "type"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\"}", "profile"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"profile\":\"tesla\"}", "profile"),
                Arguments.of("{\"type\":\"modbus_rtu\",\"profile\":\"fronius\"}", "profile"),
                Arguments.of("{\"type\":\"mqtt\",\"profile\":\"sungrow\",\"broker_host\":\"10.0.0.1\"}", "profile"),
                Arguments.of("{\"type\":\"p1_uart\",\"profile\":\"sungrow\"}", "profile"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"profile\":\"sungrow\"}", "ip"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.300\",\"profile\":\"sungrow\"}", "ip"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"bad host!\",\"profile\":\"sungrow\"}", "ip"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"port\":0,\"profile\":\"sungrow\"}", "port"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"port\":65536,\"profile\":\"sungrow\"}", "port"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"port\":\"502\",\"profile\":\"sungrow\"}", "port"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"unit_id\":248,\"profile\":\"sungrow\"}", "unit_id"),
                Arguments.of("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"unit_id\":-1,\"profile\":\"sungrow\"}", "unit_id"),
                Arguments.of("{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"baud_rate\":9601}", "baud_rate"),
                Arguments.of("{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"data_bits\":9}", "data_bits"),
                Arguments.of("{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"parity\":3}", "parity"),
                Arguments.of("{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"stop_bits\":3}", "stop_bits"),
                Arguments.of("{\"type\":\"p1_uart\",\"parity\":\"mark\"}", "parity"),
                Arguments.of("{\"type\":\"p1_uart\",\"data_bits\":4}", "data_bits"),
                Arguments.of("{\"type\":\"p1_uart\",\"baud_rate\":12345}", "baud_rate"),
                Arguments.of("{\"type\":\"p1_uart\",\"stop_bits\":\"3\"}", "stop_bits"),
                Arguments.of("{\"type\":\"mqtt\",\"profile\":\"ferroamp\"}", "broker_host"),
                Arguments.of("{\"type\":\"mqtt\",\"profile\":\"ferroamp\",\"broker_host\":\"10.0.0.1\",\"broker_port\":70000}", "broker_port"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void invalidConfigIs400WithField(String config, String field) {
        Http.Reply r = Http.post(base, "/api/devices", config);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").getAsString()).isEqualTo(field);
        assertThat(r.json().get("error").getAsString()).isNotBlank();
        assertThat(sim.devices()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"text\"", "null"})
    void bodyNotAnObjectIs400(String body) {
        Http.Reply r = Http.post(base, "/api/devices", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").getAsString()).contains("JSON object");
    }

    @Test
    void validEdgeValuesAccepted() {
        add("{\"type\":\"p1_uart\",\"manufacturer\":\"Kaifa\",\"data_bits\":7,\"parity\":\"even\",\"stop_bits\":\"1.5\"}");
        add("{\"type\":\"modbus_rtu\",\"profile\":\"solis\",\"baud_rate\":19200,\"unit_id\":0,\"data_bits\":5,\"parity\":1,\"stop_bits\":1}");
        add("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.1\",\"port\":65535,\"unit_id\":247,\"profile\":\"deye\"}");
    }

    @Test
    void sameEndpointTwiceIs409() {
        String sn = add(SUNGROW);
        Http.Reply r = Http.post(base, "/api/devices",
                "{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\",\"profile\":\"solis\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").getAsString()).isEqualTo("device already exists");
        assertThat(r.json().get("sn").getAsString()).isEqualTo(sn);
        // another unit id behind the same gateway is another device
        add("{\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\",\"unit_id\":2,\"profile\":\"sungrow\"}");

        String p1 = add(P1);
        Http.Reply p1again = Http.post(base, "/api/devices", "{\"type\":\"p1_uart\",\"baud_rate\":9600}");
        assertThat(p1again.status()).isEqualTo(409);
        assertThat(p1again.json().get("sn").getAsString()).isEqualTo(p1);

        String rtu = add("{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"unit_id\":5}");
        Http.Reply rtuAgain = Http.post(base, "/api/devices", "{\"type\":\"modbus_rtu\",\"profile\":\"deye\",\"unit_id\":5}");
        assertThat(rtuAgain.status()).isEqualTo(409);
        assertThat(rtuAgain.json().get("sn").getAsString()).isEqualTo(rtu);

        String fa = add(FERROAMP);
        assertThat(Http.post(base, "/api/devices", FERROAMP).status()).isEqualTo(409);
        // same broker, other profile: another device
        add("{\"type\":\"mqtt\",\"profile\":\"ambibox\",\"broker_host\":\"192.168.1.70\",\"broker_port\":1883}");
        assertThat(sim.devices()).hasSize(6);
        assertThat(fa).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"modbus_tcp\",\"ip\":\"192.0.2.10\",\"profile\":\"sungrow\"}",
            "{\"type\":\"modbus_tcp\",\"ip\":\"198.51.100.7\",\"port\":1502,\"profile\":\"solaredge\"}",
            "{\"type\":\"mqtt\",\"profile\":\"ferroamp\",\"broker_host\":\"203.0.113.99\"}"})
    void documentationAddressesNeverAnswer(String config) {
        Http.Reply r = Http.post(base, "/api/devices", config);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").getAsString()).isEqualTo("connection failed");
        assertThat(r.json().get("message").getAsString()).contains("no answer");
        assertThat(sim.devices()).isEmpty();
    }

    @Test
    void aFullZapAnswersAsOneLowOnMemory() {
        for (int unit = 1; unit <= ZapSimulator.MAX_DEVICES; unit++) {
            add(SUNGROW.replace("\"unit_id\":1", "\"unit_id\":" + unit));
        }
        Http.Reply r = Http.post(base, "/api/devices", SUNGROW.replace("\"unit_id\":1", "\"unit_id\":200"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").getAsString()).isEqualTo("low memory");
        assertThat(sim.devices()).hasSize(ZapSimulator.MAX_DEVICES);
    }

    @Test
    void lowMemoryIs503() {
        sim.setLowMemory(true);
        Http.Reply r = Http.post(base, "/api/devices", SUNGROW);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").getAsString()).isEqualTo("low memory");
        assertThat(Http.get(base, "/api/system").json().getAsJsonObject("memory_kb").get("free").getAsInt()).isLessThan(55);
        assertThat(sim.devices()).isEmpty();
        sim.setLowMemory(false);
        add(SUNGROW);
    }

    @Test
    void addDeviceTakesTheConfiguredTime() throws Exception {
        try (ZapSimulator slow = ZapSimulator.builder().addDeviceDelay(Duration.ofMillis(200)).start()) {
            long t0 = System.nanoTime();
            assertThat(Http.post(slow.baseUri(), "/api/devices", SUNGROW).status()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void servesOneRequestAtATime() throws Exception {
        try (ZapSimulator slow = ZapSimulator.builder().addDeviceDelay(Duration.ofMillis(400)).start()) {
            Thread adder = new Thread(() -> Http.post(slow.baseUri(), "/api/devices", SUNGROW));
            adder.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (slow.requestStats().inFlight() == 0) {
                assertThat(System.nanoTime()).as("the add arrived").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(Http.get(slow.baseUri(), "/api/system").status()).isEqualTo(200);
            // The device is stored only at the end of the add's delay: seeing it now means the GET waited its turn.
            assertThat(slow.devices()).as("waited for the add to finish").hasSize(1);
            adder.join(5000);
            assertThat(slow.devices()).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ routing errors

    @Test
    void unknownPathIs404() {
        for (String p : List.of("/", "/api", "/api/nothing", "/api/devices/SG1/foo", "/api/devices/SG1/data")) {
            Http.Reply r = Http.get(base, p);
            assertThat(r.status()).as(p).isEqualTo(404);
            assertThat(r.json().get("error").getAsString()).isEqualTo("not found");
        }
    }

    @Test
    void unknownDeviceIs404() {
        assertThat(Http.get(base, "/api/devices/SG00000000/data/json").status()).isEqualTo(404);
        assertThat(Http.delete(base, "/api/devices/SG00000000").status()).isEqualTo(404);
        assertThat(Http.get(base, "/api/devices/SG00000000/ders").status()).isEqualTo(404);
        assertThat(Http.post(base, "/api/devices/SG00000000/types", "{\"ders\":[]}").status()).isEqualTo(404);
        assertThat(Http.post(base, "/api/devices/SG00000000/ders", "{\"ders\":[]}").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Http.Reply r = Http.send(base, "PUT", "/api/system", "{}", null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.raw().headers().firstValue("Allow")).hasValue("GET");
        assertThat(r.json().get("error").getAsString()).isNotBlank();
        Http.Reply d = Http.delete(base, "/api/devices");
        assertThat(d.status()).isEqualTo(405);
        assertThat(d.raw().headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(Http.get(base, "/api/devices/SG1/types").raw().headers().firstValue("Allow")).hasValue("POST");
        assertThat(Http.get(base, "/api/devices/SG1").raw().headers().firstValue("Allow")).hasValue("DELETE");
        assertThat(Http.post(base, "/api/devices/supported", "{}").status()).isEqualTo(405);
    }

    // ------------------------------------------------------------------ delete, types, ders

    @Test
    void deleteDevice() {
        String sn = add(SUNGROW);
        Http.Reply r = Http.delete(base, "/api/devices/" + sn);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").getAsString()).isEqualTo("Device removed");
        assertThat(r.json().get("sn").getAsString()).isEqualTo(sn);
        assertThat(sim.devices()).isEmpty();
        assertThat(Http.delete(base, "/api/devices/" + sn).status()).isEqualTo(404);
        // the endpoint is free again
        assertThat(add(SUNGROW)).isEqualTo(sn);
    }

    @Test
    void typesEnableOnlyListedDers() {
        String sn = add(SUNGROW);
        assertThat(sim.enabledDers(sn)).isEmpty();
        Http.Reply r = Http.post(base, "/api/devices/" + sn + "/types", "{\"ders\":[{\"type\":\"pv\",\"enabled\":true}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").getAsString()).isEqualTo("DER types updated");
        assertThat(r.json().get("sn").getAsString()).isEqualTo(sn);
        assertThat(sim.enabledDers(sn)).containsExactly("pv");
        Http.post(base, "/api/devices/" + sn + "/types",
                "{\"ders\":[{\"type\":\"battery\",\"enabled\":true},{\"type\":\"meter\",\"enabled\":false}]}");
        assertThat(sim.enabledDers(sn)).containsExactly("pv", "battery");
        Http.post(base, "/api/devices/" + sn + "/types", "{\"ders\":[{\"type\":\"pv\",\"enabled\":false}]}");
        assertThat(sim.enabledDers(sn)).containsExactly("battery");
        assertThat(sim.device(sn).orElseThrow().getAsJsonArray("ders").get(1).getAsJsonObject().get("enabled").getAsBoolean()).isTrue();
    }

    @Test
    void typesErrors() {
        String sn = add(SUNGROW);
        String path = "/api/devices/" + sn + "/types";
        assertThat(Http.post(base, path, "{}").json().get("field").getAsString()).isEqualTo("ders");
        assertThat(Http.post(base, path, "{}").status()).isEqualTo(400);
        assertThat(Http.post(base, path, "{\"ders\":{\"type\":\"pv\"}}").status()).isEqualTo(400);
        Http.Reply wrongType = Http.post(base, path, "{\"ders\":[{\"type\":\"pv\",\"enabled\":true},{\"type\":\"v2x_charger\",\"enabled\":true}]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("field").getAsString()).isEqualTo("ders[1].type");
        assertThat(sim.enabledDers(sn)).as("nothing changes on a rejected request").isEmpty();
        assertThat(Http.post(base, path, "no json").status()).isEqualTo(400);
    }

    @Test
    void dersMetadata() {
        String sn = add(SUNGROW);
        Http.Reply r = Http.post(base, "/api/devices/" + sn + "/ders",
                "{\"ders\":[{\"type\":\"pv\",\"rated_power\":10200,\"installed_power\":11000},"
                        + "{\"type\":\"battery\",\"enabled\":true,\"rated_power\":5000,\"capacity\":12800}]}");
        assertThat(r.status()).isEqualTo(200);
        JsonObject g = Http.get(base, "/api/devices/" + sn + "/ders").json();
        assertThat(g.get("sn").getAsString()).isEqualTo(sn);
        JsonArray ders = g.getAsJsonArray("ders");
        JsonObject pv = ders.get(0).getAsJsonObject();
        assertThat(pv.get("rated_power").getAsDouble()).isEqualTo(10200);
        assertThat(pv.get("installed_power").getAsDouble()).isEqualTo(11000);
        assertThat(pv.get("enabled").getAsBoolean()).isFalse();
        JsonObject bat = ders.get(1).getAsJsonObject();
        assertThat(bat.get("capacity").getAsDouble()).isEqualTo(12800);
        assertThat(bat.get("enabled").getAsBoolean()).isTrue();
        assertThat(ders.get(2).getAsJsonObject().has("rated_power")).isFalse();
        assertThat(sim.enabledDers(sn)).containsExactly("battery");
        // telemetry follows the metadata
        clock.advance(Duration.ofSeconds(5));
        JsonObject data = Http.get(base, "/api/devices/" + sn + "/data/json").json();
        assertThat(data.getAsJsonObject("pv").get("rated_power_W").getAsLong()).isEqualTo(10200);
        assertThat(data.getAsJsonObject("battery").get("capacity_Wh").getAsLong()).isEqualTo(12800);

        Http.Reply neg = Http.post(base, "/api/devices/" + sn + "/ders", "{\"ders\":[{\"type\":\"pv\",\"rated_power\":-1}]}");
        assertThat(neg.status()).isEqualTo(400);
        assertThat(neg.json().get("field").getAsString()).isEqualTo("ders[0].rated_power");
        Http.Reply text = Http.post(base, "/api/devices/" + sn + "/ders", "{\"ders\":[{\"type\":\"battery\",\"capacity\":\"big\"}]}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(Http.post(base, "/api/devices/" + sn + "/ders", "{\"ders\":[{\"type\":\"v2x_charger\"}]}").status()).isEqualTo(400);
        assertThat(Http.post(base, "/api/devices/" + sn + "/ders", "{}").status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ telemetry

    @Test
    void noDataUntilFirstReading() {
        String sn = add(SUNGROW);
        Http.Reply r = Http.get(base, "/api/devices/" + sn + "/data/json");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        clock.advance(Duration.ofMillis(999));
        assertThat(Http.get(base, "/api/devices/" + sn + "/data/json").status()).isEqualTo(204);
        clock.advance(Duration.ofMillis(1));
        Http.Reply ok = Http.get(base, "/api/devices/" + sn + "/data/json");
        assertThat(ok.status()).isEqualTo(200);
        JsonObject o = ok.json();
        assertThat(o.keySet()).containsExactlyInAnyOrder("pv", "battery", "meter", "version", "format");
        assertThat(o.get("version").getAsString()).isEqualTo("v0");
        assertThat(o.get("format").getAsString()).isEqualTo("sungrow");
        for (String block : List.of("pv", "battery", "meter")) {
            JsonObject b = o.getAsJsonObject(block);
            assertThat(b.get("type").getAsString()).isEqualTo(block);
            assertThat(b.get("make").getAsString()).isEqualTo("Sungrow");
            assertThat(b.get("timestamp").getAsLong()).isEqualTo(clock.millis());
            assertThat(b.get("read_time_ms").getAsInt()).isBetween(40, 120);
        }
        assertThat(o.getAsJsonObject("pv").keySet()).contains("W", "rated_power_W", "mppt1_V", "mppt1_A", "mppt2_V",
                "mppt2_A", "heatsink_C", "total_generation_Wh", "lower_limit_W", "upper_limit_W");
        assertThat(o.getAsJsonObject("battery").keySet()).contains("W", "A", "V", "SoC_nom_fract", "heatsink_C",
                "total_charge_Wh", "total_discharge_Wh", "capacity_Wh");
        assertThat(o.getAsJsonObject("meter").keySet()).contains("W", "Hz", "L1_V", "L1_A", "L1_W", "L2_V", "L2_A",
                "L2_W", "L3_V", "L3_A", "L3_W", "total_import_Wh", "total_export_Wh");
    }

    @Test
    void hybridTelemetryIsPlausibleOverTime() {
        String sn = add(SUNGROW);
        boolean charging = false;
        boolean discharging = false;
        boolean importing = false;
        boolean exporting = false;
        double minPv = 0;
        double maxPv = -1e9;
        JsonObject prev = null;
        for (int i = 0; i < 400; i++) {
            clock.advance(Duration.ofSeconds(3));
            JsonObject o = Http.get(base, "/api/devices/" + sn + "/data/json").json();
            JsonObject pv = o.getAsJsonObject("pv");
            JsonObject bat = o.getAsJsonObject("battery");
            JsonObject meter = o.getAsJsonObject("meter");
            double pvW = pv.get("W").getAsDouble();
            assertThat(pvW).isNegative().isGreaterThanOrEqualTo(-pv.get("rated_power_W").getAsDouble());
            minPv = Math.min(minPv, pvW);
            maxPv = Math.max(maxPv, pvW);
            double batW = bat.get("W").getAsDouble();
            assertThat(batW * bat.get("A").getAsDouble()).isGreaterThanOrEqualTo(0);
            charging |= batW > 0;
            discharging |= batW < 0;
            assertThat(bat.get("SoC_nom_fract").getAsDouble()).isBetween(0.1, 0.95);
            double mW = meter.get("W").getAsDouble();
            assertThat(meter.get("L1_W").getAsDouble() + meter.get("L2_W").getAsDouble() + meter.get("L3_W").getAsDouble())
                    .isEqualTo(mW);
            importing |= mW > 0;
            exporting |= mW < 0;
            assertThat(meter.get("Hz").getAsDouble()).isBetween(49.95, 50.05);
            for (String l : List.of("L1_V", "L2_V", "L3_V")) {
                assertThat(meter.get(l).getAsDouble()).isBetween(220.0, 240.0);
            }
            // meter = house load + battery + pv: the load (meter - battery - pv) is plausible
            assertThat(mW - batW - pvW).isBetween(300.0, 1600.0);
            if (prev != null) {
                assertNonDecreasing(prev, o, "pv", "total_generation_Wh");
                assertNonDecreasing(prev, o, "battery", "total_charge_Wh");
                assertNonDecreasing(prev, o, "battery", "total_discharge_Wh");
                assertNonDecreasing(prev, o, "meter", "total_import_Wh");
                assertNonDecreasing(prev, o, "meter", "total_export_Wh");
                double prevBatW = prev.getAsJsonObject("battery").get("W").getAsDouble();
                double dSoc = bat.get("SoC_nom_fract").getAsDouble() - prev.getAsJsonObject("battery").get("SoC_nom_fract").getAsDouble();
                if (prevBatW > 0 && batW > 0) {
                    assertThat(dSoc).isGreaterThanOrEqualTo(0);
                } else if (prevBatW < 0 && batW < 0) {
                    assertThat(dSoc).isLessThanOrEqualTo(0);
                }
            }
            prev = o;
        }
        assertThat(charging).isTrue();
        assertThat(discharging).isTrue();
        assertThat(importing).isTrue();
        assertThat(exporting).isTrue();
        assertThat(maxPv - minPv).as("the sun moves").isGreaterThan(5000);
        JsonObject first = Http.get(base, "/api/devices/" + sn + "/data/json").json();
        assertThat(first.getAsJsonObject("pv").get("total_generation_Wh").getAsLong()).isPositive();
    }

    private static void assertNonDecreasing(JsonObject prev, JsonObject now, String block, String field) {
        assertThat(now.getAsJsonObject(block).get(field).getAsDouble())
                .as(block + "." + field)
                .isGreaterThanOrEqualTo(prev.getAsJsonObject(block).get(field).getAsDouble());
    }

    @Test
    void telemetryIsAPureFunctionOfTime() {
        String sn = add(SUNGROW);
        clock.advance(Duration.ofSeconds(90));
        String a = Http.get(base, "/api/devices/" + sn + "/data/json").body();
        String b = Http.get(base, "/api/devices/" + sn + "/data/json").body();
        assertThat(a).isEqualTo(b);
        clock.advance(Duration.ofMillis(400));
        assertThat(Http.get(base, "/api/devices/" + sn + "/data/json").body()).as("same harvest").isEqualTo(a);
        clock.advance(Duration.ofMillis(600));
        assertThat(Http.get(base, "/api/devices/" + sn + "/data/json").body()).isNotEqualTo(a);
    }

    @Test
    void evChargerCharges() {
        String sn = add(AMBIBOX);
        double lastSoc = 0;
        double lastSession = -1;
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(30));
            JsonObject o = Http.get(base, "/api/devices/" + sn + "/data/json").json();
            assertThat(o.keySet()).containsExactlyInAnyOrder("v2x_charger", "version", "format");
            assertThat(o.get("format").getAsString()).isEqualTo("ambibox");
            JsonObject ev = o.getAsJsonObject("v2x_charger");
            assertThat(ev.get("type").getAsString()).isEqualTo("v2x_charger");
            assertThat(ev.get("status").getAsString()).isEqualTo("charging");
            assertThat(ev.get("plug_connected").getAsBoolean()).isTrue();
            double w = ev.get("W").getAsDouble();
            assertThat(w).isBetween(7300.0, 7500.0);
            assertThat(ev.get("L1_W").getAsDouble() + ev.get("L2_W").getAsDouble() + ev.get("L3_W").getAsDouble()).isEqualTo(w);
            assertThat(ev.get("dc_W").getAsDouble()).isPositive().isLessThan(w);
            double soc = ev.get("vehicle_soc_fract").getAsDouble();
            assertThat(soc).isBetween(0.0, 1.0).isGreaterThan(lastSoc);
            lastSoc = soc;
            double session = ev.get("session_charge_Wh").getAsDouble();
            assertThat(session).isGreaterThan(lastSession);
            lastSession = session;
            assertThat(ev.get("total_charge_Wh").getAsDouble()).isGreaterThanOrEqualTo(session);
            assertThat(ev.get("total_discharge_Wh").getAsDouble()).isNotNegative();
            assertThat(ev.get("Hz").getAsDouble()).isBetween(49.95, 50.05);
            assertThat(ev.keySet()).contains("protocol", "control_mode", "A", "V", "dc_V", "dc_A",
                    "ev_target_energy_req_Wh", "ev_max_energy_req_Wh", "ev_min_energy_req_Wh", "session_discharge_Wh");
        }
    }

    @Test
    void p1MeterSeesTheRestOfTheSite() {
        String p1 = add(P1);
        add(FERROAMP);
        boolean exporting = false;
        boolean importing = false;
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofSeconds(5));
            JsonObject o = Http.get(base, "/api/devices/" + p1 + "/data/json").json();
            assertThat(o.keySet()).containsExactlyInAnyOrder("meter", "version", "format");
            assertThat(o.get("format").getAsString()).isEqualTo("p1_meter");
            JsonObject m = o.getAsJsonObject("meter");
            double w = m.get("W").getAsDouble();
            assertThat(m.get("L1_W").getAsDouble() + m.get("L2_W").getAsDouble() + m.get("L3_W").getAsDouble()).isEqualTo(w);
            exporting |= w < 0;
            importing |= w > 0;
        }
        assertThat(exporting).isTrue();
        assertThat(importing).isTrue();
    }

    @Test
    void pvOnlyInverter() {
        String sn = add("{\"type\":\"modbus_tcp\",\"ip\":\"10.0.0.5\",\"unit_id\":3,\"profile\":\"sma\"}");
        clock.advance(Duration.ofSeconds(2));
        JsonObject o = Http.get(base, "/api/devices/" + sn + "/data/json").json();
        assertThat(o.keySet()).containsExactlyInAnyOrder("pv", "version", "format");
        assertThat(o.getAsJsonObject("pv").get("make").getAsString()).isEqualTo("SMA");
    }
}
