package com.sourceful.commissioner.zap;

import static com.sourceful.commissioner.testsupport.Outcomes.assertNoNulls;
import static com.sourceful.commissioner.testsupport.Outcomes.valueOr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Outcomes;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Zap answer the app reads, random and mutated (starting from the simulator's real answers and the documented
 * older shapes): the result is a value or a {@link ZapException}, never an unchecked exception; and a valid answer
 * made from a known model reads back as exactly that model.
 */
class ZapClientPropertyTest {

    static final int FUZZ_TRIES = 1500;
    static final int MODEL_TRIES = 500;

    /** Real answers of the Zap simulator, by endpoint, fetched once over loopback; plus the documented older shapes. */
    static final Map<String, List<String>> SEEDS = new LinkedHashMap<>();

    @BeforeAll
    static void realAnswers() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO)
                .announceMdns(false).clock(clock).start();
             HttpTransport http = new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20)) {
            URI base = sim.baseUri();
            // Serial-line devices only: the simulator connects to nothing for them.
            List<String> added = new ArrayList<>();
            for (String config : List.of(
                    "{\"type\":\"modbus_rtu\",\"profile\":\"sungrow\",\"baud_rate\":9600,\"unit_id\":1,\"parity\":0,"
                            + "\"data_bits\":8,\"stop_bits\":1}",
                    "{\"type\":\"p1_uart\",\"baud_rate\":115200,\"data_bits\":8,\"parity\":\"none\",\"stop_bits\":1}")) {
                HttpTransport.Response r = http.postJson(base.resolve("/api/devices"), config, Map.of());
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                added.add(r.body());
            }
            clock.advance(Duration.ofSeconds(5));
            SEEDS.put("system", List.of(get(http, base, "/api/system"), SYSTEM_DOC));
            SEEDS.put("crypto", List.of(get(http, base, "/api/crypto")));
            SEEDS.put("supported", List.of(get(http, base, "/api/devices/supported")));
            SEEDS.put("types", List.of(get(http, base, "/api/devices/types")));
            SEEDS.put("devices", List.of(get(http, base, "/api/devices"), OLD_BARE_LIST));
            SEEDS.put("added", added);
            List<String> data = new ArrayList<>();
            List<String> ders = new ArrayList<>();
            for (String body : added) {
                String sn = JsonParser.parseString(body).getAsJsonObject().get("sn").getAsString();
                data.add(get(http, base, "/api/devices/" + sn + "/data/json"));
                ders.add(get(http, base, "/api/devices/" + sn + "/ders"));
            }
            SEEDS.put("data", data);
            SEEDS.put("ders", ders);
        }
        SEEDS.put("error", List.of("{\"error\":\"connection failed\",\"message\":\"no answer from 192.168.1.60:502\"}",
                "{\"error\":\"invalid config\",\"field\":\"unit_id\"}", "{\"error\":\"device already exists\",\"sn\":\"SG1\"}",
                "{\"error\":\"low memory\",\"free_heap\":48000}"));
    }

    private static String get(HttpTransport http, URI base, String path) throws Exception {
        HttpTransport.Response r = http.get(base.resolve(path), Map.of());
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    static final String SYSTEM_DOC = "{\"zap\":{\"deviceId\":\"zap-0011aabb\",\"firmwareVersion\":\"1.2.0\",\"sdkVersion\":\"v5.1\","
            + "\"network\":{\"wifiStatus\":\"connected\",\"wifiConnected\":true,\"localIP\":\"192.168.1.23\","
            + "\"ssid\":\"Home\",\"rssi\":-61,\"internetConnected\":false}},\"uptime_seconds\":3600,"
            + "\"time_utc_sec\":1781000000,\"memory_kb\":{\"free\":120,\"total\":320}}";

    static final String OLD_BARE_LIST = "[{\"serial_number\":\"SG1234ABCD\",\"type\":\"modbus_tcp\",\"ip\":\"192.168.1.60\","
            + "\"port\":502,\"profile\":\"sungrow\",\"connected\":false,"
            + "\"ders\":[{\"type\":\"pv\",\"enabled\":true,\"rated_power\":10200},{\"type\":\"battery\"}]},"
            + "\"not an object\",{\"sn\":\"P1ABCDEF01\",\"type\":\"p1_uart\",\"last_harvest\":1781000000123}]";

    static HttpTransport.Response ok(String body) {
        return response(200, body);
    }

    static HttpTransport.Response response(int status, String body) {
        return new HttpTransport.Response(status, body, Optional.of("application/json"), Map.of());
    }

    // ---- any body: a value or a ZapException ------------------------------------------------------------------

    @Test
    void systemAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("system")),
                body -> valueOr(ZapException.class, () -> ZapClient.readSystem(ok(body))).ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void cryptoAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("crypto")),
                body -> valueOr(ZapException.class, () -> ZapClient.readIdentity(ok(body))).ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void supportedProfilesAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("supported")),
                body -> valueOr(ZapException.class, () -> ZapClient.readSupportedProfiles(ok(body)))
                        .ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void connectionTypesAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("types")),
                body -> valueOr(ZapException.class, () -> ZapClient.readConnectionTypes(ok(body)))
                        .ifPresent(v -> assertNoNulls(v, "Parameter.defaultValue")));
    }

    @Test
    void deviceListAnswersCurrentAndOlderShape() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("devices")),
                body -> valueOr(ZapException.class, () -> ZapClient.readDevices(ok(body))).ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void addDeviceAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("added")), body -> {
            valueOr(ZapException.class, () -> ZapClient.readAddedDevice(response(201, body))).ifPresent(Outcomes::assertNoNulls);
            valueOr(ZapException.class, () -> ZapClient.readAddedDevice(ok(body))).ifPresent(Outcomes::assertNoNulls);
        });
    }

    @Test
    void telemetryAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("data")),
                body -> valueOr(ZapException.class, () -> ZapClient.readTelemetry("GET data", ok(body)))
                        .ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void derAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("ders")),
                body -> valueOr(ZapException.class, () -> ZapClient.readDers("GET ders", ok(body))).ifPresent(Outcomes::assertNoNulls));
    }

    /** Any status but the expected one, with any body (error objects, mutants of them, pages, nothing): REJECTED. */
    @Test
    void errorAnswersAreRejectedWithTheirStatusOtherAnswersAreNotUnderstood() {
        Gen<String> bodies = Gens.oneOf(JsonFuzz.anything(SEEDS.get("error")), JsonFuzz.anything(SEEDS.get("system")),
                Gens.constant("", "<html><body>502 Bad Gateway</body></html>", "null", "[]"));
        Gen<Integer> statuses = Gens.oneOf(Gens.constant(400, 404, 405, 409, 500, 501, 503, 202, 207, 204, 302),
                Gens.ints(100, 599));
        Props.forAll(FUZZ_TRIES, (r, size) -> new StatusCase(statuses.next(r, size), bodies.next(r, size), r.nextInt(8)), c -> {
            HttpTransport.Response r = response(c.status, c.body);
            Outcomes.Call<?> call = switch (c.which) {
                case 0 -> () -> ZapClient.readSystem(r);
                case 1 -> () -> ZapClient.readIdentity(r);
                case 2 -> () -> ZapClient.readSupportedProfiles(r);
                case 3 -> () -> ZapClient.readConnectionTypes(r);
                case 4 -> () -> ZapClient.readDevices(r);
                case 5 -> () -> ZapClient.readDers("GET ders", r);
                case 6 -> () -> ZapClient.readAddedDevice(r);
                default -> () -> ZapClient.readTelemetry("GET data", r);
            };
            boolean success = c.status == 200 || (c.which == 6 && c.status == 201) || (c.which == 7 && c.status == 204);
            if (success) {
                valueOr(ZapException.class, call);
                return;
            }
            ZapException e = catchThrowableOfType(ZapException.class, call::call);
            assertThat(e).as("status %d", c.status).isNotNull();
            if (c.status >= 200 && c.status < 400) {
                // Another success or a redirect is no refusal: the Zap never answers so, a portal or router does.
                assertThat(e.kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
            } else {
                assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
                assertThat(e.status()).isEqualTo(c.status);
            }
        });
    }

    record StatusCase(int status, String body, int which) {
    }

    /** The Zap's own words and the field it blamed come through, whatever else the error object holds. */
    @Test
    void errorWordsAndFieldComeThrough() {
        Gen<String> words = Gens.anyText(30);
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonObject o = extras(r, size);
            String error = words.next(r, size);
            String field = r.nextBoolean() ? words.next(r, size) : null;
            String sn = r.nextBoolean() ? words.next(r, size) : null;
            o.addProperty("error", error);
            if (field != null) {
                o.addProperty("field", field);
            }
            if (sn != null) {
                o.addProperty("sn", sn);
            }
            int status = r.nextBoolean() ? 409 : Gens.constant(400, 404, 500, 503).next(r, size);
            return new ErrorCase(status, o.toString(), error, field, sn);
        }, c -> {
            ZapException e = catchThrowableOfType(ZapException.class, () -> ZapClient.readSystem(response(c.status, c.body)));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
            assertThat(e.status()).isEqualTo(c.status);
            assertThat(e.serverMessage()).isEqualTo(Optional.of(c.error).filter(s -> !s.isBlank()));
            assertThat(e.field()).isEqualTo(Optional.ofNullable(c.field));
            // Only a 409 names the device already there, as a value of its own (never packed into the field).
            assertThat(e.conflictingSerial()).isEqualTo(Optional.ofNullable(c.status == 409 ? c.sn : null)
                    .filter(sn -> !sn.isBlank()));
        });
    }

    record ErrorCase(int status, String body, String error, String field, String sn) {
    }

    // ---- valid answers read back as the model they were made from ------------------------------------------

    record Case<T>(String body, T expected) {
    }

    static final Gen<String> TEXT = Gens.anyText(24);

    /** Fields the parsers do not know, which they must ignore: keys never used by the API. */
    static JsonObject extras(RandomGenerator r, int size) {
        JsonObject o = new JsonObject();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            o.add("x-extra-" + i, JsonFuzz.value(r, 2));
        }
        return o;
    }

    static <T> Optional<T> maybe(RandomGenerator r, T value) {
        return r.nextInt(4) == 0 ? Optional.empty() : Optional.of(value);
    }

    @Test
    void validSystemReadsAsItsModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            Optional<String> id = maybe(r, TEXT.next(r, size));
            Optional<String> fw = maybe(r, TEXT.next(r, size));
            Optional<String> ssid = maybe(r, TEXT.next(r, size));
            Optional<Integer> rssi = maybe(r, r.nextInt(-120, 1));
            Optional<Boolean> wifi = maybe(r, r.nextBoolean());
            Optional<Boolean> internet = maybe(r, r.nextBoolean());
            Optional<String> ip = maybe(r, TEXT.next(r, size));
            Optional<Long> uptime = maybe(r, r.nextLong(0, 1L << 40));
            boolean withNetwork = r.nextInt(5) > 0;
            JsonObject net = extras(r, size);
            ssid.ifPresent(v -> net.addProperty("ssid", v));
            rssi.ifPresent(v -> net.addProperty("rssi", v));
            wifi.ifPresent(v -> net.addProperty("wifiConnected", v));
            internet.ifPresent(v -> net.addProperty("internetConnected", v));
            ip.ifPresent(v -> net.addProperty("localIP", v));
            JsonObject zap = extras(r, size);
            id.ifPresent(v -> zap.addProperty("deviceId", v));
            fw.ifPresent(v -> zap.addProperty("firmwareVersion", v));
            if (withNetwork) {
                zap.add("network", net);
            }
            JsonObject root = extras(r, size);
            root.add("zap", zap);
            uptime.ifPresent(v -> root.addProperty("uptime_seconds", v));
            ZapSystem expected = new ZapSystem(id.orElse(""), fw.orElse("?"),
                    withNetwork ? ssid : Optional.empty(),
                    withNetwork && rssi.isPresent() ? OptionalInt.of(rssi.get()) : OptionalInt.empty(),
                    withNetwork ? wifi : Optional.empty(), withNetwork ? internet : Optional.empty(),
                    withNetwork ? ip : Optional.empty(),
                    uptime.isPresent() ? OptionalLong.of(uptime.get()) : OptionalLong.empty());
            return new Case<>(root.toString(), expected);
        }, c -> assertThat(ZapClient.readSystem(ok(c.body))).isEqualTo(c.expected));
    }

    @Test
    void anAnswerWithoutAZapObjectIsNotAZap() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonObject root = extras(r, size);
            if (r.nextBoolean()) {
                root.add("zap", JsonFuzz.value(r, 0)); // a zap that is not an object
            }
            return root.toString();
        }, body -> {
            ZapException e = catchThrowableOfType(ZapException.class, () -> ZapClient.readSystem(ok(body)));
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
        });
    }

    @Test
    void validIdentityReadsAsItsModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            String serial = TEXT.next(r, size);
            Optional<String> name = maybe(r, TEXT.next(r, size));
            Optional<String> key = maybe(r, TEXT.next(r, size));
            JsonObject o = extras(r, size);
            o.addProperty("serialNumber", serial);
            name.ifPresent(v -> o.addProperty("deviceName", v));
            key.ifPresent(v -> o.addProperty("publicKey", v));
            return new Case<>(o.toString(), new ZapIdentity(serial, name.orElse(""), key.orElse("")));
        }, c -> assertThat(ZapClient.readIdentity(ok(c.body))).isEqualTo(c.expected));
    }

    static final List<String> DER_TYPES = List.of("pv", "battery", "meter", "v2x_charger", "heat_pump");

    /** A DER as JSON and as the app reads it. */
    static Map.Entry<JsonObject, Der> der(RandomGenerator r, int size) {
        String type = r.nextInt(5) == 0 ? TEXT.next(r, size) : DER_TYPES.get(r.nextInt(DER_TYPES.size()));
        Optional<Boolean> enabled = maybe(r, r.nextBoolean());
        OptionalDouble rated = r.nextBoolean() ? OptionalDouble.of(r.nextInt(0, 100_000) / 2.0) : OptionalDouble.empty();
        OptionalDouble installed = r.nextBoolean() ? OptionalDouble.of(r.nextInt(0, 100_000)) : OptionalDouble.empty();
        OptionalDouble capacity = r.nextBoolean() ? OptionalDouble.of(r.nextInt(0, 100_000)) : OptionalDouble.empty();
        JsonObject o = extras(r, size);
        o.addProperty("type", type);
        enabled.ifPresent(v -> o.addProperty("enabled", v));
        rated.ifPresent(v -> o.addProperty("rated_power", v));
        installed.ifPresent(v -> o.addProperty("installed_power", v));
        capacity.ifPresent(v -> o.addProperty("capacity", v));
        return Map.entry(o, new Der(type, enabled.orElse(false), rated, installed, capacity));
    }

    static Map.Entry<JsonArray, List<Der>> ders(RandomGenerator r, int size) {
        JsonArray a = new JsonArray();
        List<Der> expected = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(6) == 0) {
                a.add(JsonFuzz.value(r, 0)); // not an object: skipped
            }
            var d = der(r, size);
            a.add(d.getKey());
            expected.add(d.getValue());
        }
        return Map.entry(a, expected);
    }

    @Test
    void validDeviceListsReadAsTheirModel() {
        Set<String> state = Set.of("sn", "serial_number", "connected", "last_harvest", "path", "password");
        List<String> configKeys = List.of("type", "ip", "port", "unit_id", "profile", "baud_rate", "parity", "name",
                "broker_host", "broker_port", "username", "password", "path", "enabled");
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonArray list = new JsonArray();
            List<ZapDevice> expected = new ArrayList<>();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (r.nextInt(6) == 0) {
                    list.add(JsonFuzz.value(r, 0)); // not an object: skipped
                }
                String sn = TEXT.next(r, size);
                JsonObject d = new JsonObject();
                d.addProperty(r.nextBoolean() ? "sn" : "serial_number", sn);
                Map<String, Object> config = new LinkedHashMap<>();
                for (String k : configKeys) {
                    if (r.nextInt(3) == 0) {
                        continue;
                    }
                    switch (r.nextInt(3)) {
                        case 0 -> {
                            String v = TEXT.next(r, size);
                            d.addProperty(k, v);
                            config.put(k, v);
                        }
                        case 1 -> {
                            int v = r.nextInt(-5, 70_000);
                            d.addProperty(k, v);
                            config.put(k, (double) v);
                        }
                        default -> {
                            boolean v = r.nextBoolean();
                            d.addProperty(k, v);
                            config.put(k, v);
                        }
                    }
                }
                config.keySet().removeAll(state);
                Optional<Boolean> connected = maybe(r, r.nextBoolean());
                connected.ifPresent(v -> d.addProperty("connected", v));
                OptionalLong harvest = r.nextBoolean() ? OptionalLong.of(r.nextLong(0, 1L << 50)) : OptionalLong.empty();
                harvest.ifPresent(v -> d.addProperty("last_harvest", v));
                var ders = ders(r, size);
                if (!ders.getValue().isEmpty() || r.nextBoolean()) {
                    d.add("ders", ders.getKey());
                }
                if (r.nextBoolean()) {
                    d.add("x-nested", JsonFuzz.value(r, 2).isJsonPrimitive() ? new JsonArray() : new JsonObject());
                }
                list.add(d);
                expected.add(new ZapDevice(sn, Map.copyOf(config), connected.orElse(false), harvest,
                        ders.getValue()));
            }
            String body;
            if (r.nextInt(3) == 0) {
                body = list.toString(); // older firmware: a bare list
            } else {
                JsonObject o = extras(r, size);
                o.addProperty("count", list.size());
                o.add("devices", list);
                body = o.toString();
            }
            return new Case<>(body, List.copyOf(expected));
        }, c -> assertThat(ZapClient.readDevices(ok(c.body))).isEqualTo(c.expected));
    }

    @Test
    void validSupportedProfilesReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonObject root = new JsonObject();
            root.addProperty("count", r.nextInt(20));
            List<SupportedProfile> expected = new ArrayList<>();
            int groups = r.nextInt(5);
            for (int g = 0; g < groups; g++) {
                String group = g == 0 ? "inverters" : g == 1 ? "meters" : "group-" + g + TEXT.next(r, size);
                JsonArray a = new JsonArray();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    String profile = TEXT.next(r, size);
                    Optional<String> display = maybe(r, TEXT.next(r, size));
                    List<String> types = new ArrayList<>();
                    JsonArray ct = new JsonArray();
                    for (int t = r.nextInt(3); t > 0; t--) {
                        String type = TEXT.next(r, size);
                        ct.add(type);
                        types.add(type);
                    }
                    JsonObject p = extras(r, size);
                    p.addProperty("profile", profile);
                    display.ifPresent(v -> p.addProperty("display_name", v));
                    if (!types.isEmpty() || r.nextBoolean()) {
                        p.add("connection_types", ct);
                    }
                    a.add(p);
                    expected.add(new SupportedProfile(group, display.orElse(profile), profile, List.copyOf(types)));
                }
                root.add(group, a);
            }
            root.add("x-note", new JsonPrimitive(TEXT.next(r, size)));
            return new Case<>(root.toString(), List.copyOf(expected));
        }, c -> assertThat(ZapClient.readSupportedProfiles(ok(c.body))).isEqualTo(c.expected));
    }

    @Test
    void validConnectionTypesReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonArray types = new JsonArray();
            List<ConnectionTypeSpec> expected = new ArrayList<>();
            for (int t = r.nextInt(4); t > 0; t--) {
                String type = TEXT.next(r, size);
                Optional<String> description = maybe(r, TEXT.next(r, size));
                JsonArray params = new JsonArray();
                List<ConnectionTypeSpec.Parameter> expectedParams = new ArrayList<>();
                for (int p = r.nextInt(5); p > 0; p--) {
                    String name = TEXT.next(r, size);
                    Optional<String> ptype = maybe(r, Gens.constant("int", "string", "bool", "number").next(r, size));
                    Optional<Boolean> required = maybe(r, r.nextBoolean());
                    Object def = switch (r.nextInt(4)) {
                        case 0 -> null;
                        case 1 -> (double) r.nextInt(0, 70_000);
                        case 2 -> r.nextBoolean();
                        default -> TEXT.next(r, size);
                    };
                    Optional<String> pdesc = maybe(r, TEXT.next(r, size));
                    JsonObject o = extras(r, size);
                    o.addProperty("name", name);
                    ptype.ifPresent(v -> o.addProperty("type", v));
                    required.ifPresent(v -> o.addProperty("required", v));
                    if (def instanceof Double d) {
                        o.addProperty("default", d);
                    } else if (def instanceof Boolean b) {
                        o.addProperty("default", b);
                    } else if (def instanceof String s) {
                        o.addProperty("default", s);
                    }
                    pdesc.ifPresent(v -> o.addProperty("description", v));
                    params.add(o);
                    expectedParams.add(new ConnectionTypeSpec.Parameter(name, ptype.orElse("string"),
                            required.orElse(false), def, pdesc.orElse("")));
                }
                JsonObject o = extras(r, size);
                o.addProperty("type", type);
                description.ifPresent(v -> o.addProperty("description", v));
                if (!expectedParams.isEmpty() || r.nextBoolean()) {
                    o.add("parameters", params);
                }
                types.add(o);
                expected.add(new ConnectionTypeSpec(type, description.orElse(""), List.copyOf(expectedParams)));
            }
            JsonObject root = extras(r, size);
            root.add("connection_types", types);
            return new Case<>(root.toString(), List.copyOf(expected));
        }, c -> assertThat(ZapClient.readConnectionTypes(ok(c.body))).isEqualTo(c.expected));
    }

    @Test
    void validAddDeviceAnswersReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            String sn = TEXT.next(r, size);
            Optional<String> message = maybe(r, TEXT.next(r, size));
            var ders = ders(r, size);
            JsonObject o = extras(r, size);
            o.addProperty("sn", sn);
            message.ifPresent(v -> o.addProperty("message", v));
            if (!ders.getValue().isEmpty() || r.nextBoolean()) {
                o.add("ders", ders.getKey());
            }
            return new Case<>(o.toString(), new AddedDevice(sn, message.orElse(""), ders.getValue()));
        }, c -> assertThat(ZapClient.readAddedDevice(response(201, c.body))).isEqualTo(c.expected));
    }

    @Test
    void validDerAnswersReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            var ders = ders(r, size);
            JsonObject o = extras(r, size);
            o.addProperty("sn", TEXT.next(r, size));
            o.add("ders", ders.getKey());
            return new Case<>(o.toString(), ders.getValue());
        }, c -> assertThat(ZapClient.readDers("GET ders", ok(c.body))).isEqualTo(c.expected));
    }

    @Test
    void validTelemetryReadsAsItsModel() {
        List<String> fields = List.of("W", "A", "V", "Hz", "SoC_nom_fract", "total_import_Wh", "status", "L1_W",
                "plug_connected", "read_time_ms", "mppt1_V");
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonObject root = new JsonObject();
            Optional<String> format = maybe(r, TEXT.next(r, size));
            format.ifPresent(v -> root.addProperty("format", v));
            root.addProperty("version", "v0");
            Map<String, TelemetrySnapshot.Reading> readings = new LinkedHashMap<>();
            for (int b = r.nextInt(5); b > 0; b--) {
                String key = r.nextInt(4) == 0 ? TEXT.next(r, size) : DER_TYPES.get(r.nextInt(DER_TYPES.size()));
                Optional<String> type = maybe(r, r.nextBoolean() ? key : TEXT.next(r, size));
                Optional<String> make = maybe(r, TEXT.next(r, size));
                OptionalLong ts = r.nextInt(4) == 0 ? OptionalLong.empty() : OptionalLong.of(r.nextLong(0, 1L << 50));
                JsonObject block = new JsonObject();
                Map<String, Object> values = new LinkedHashMap<>();
                type.ifPresent(v -> {
                    block.addProperty("type", v);
                    values.put("type", v);
                });
                make.ifPresent(v -> {
                    block.addProperty("make", v);
                    values.put("make", v);
                });
                ts.ifPresent(v -> {
                    block.addProperty("timestamp", v);
                    values.put("timestamp", (double) v);
                });
                for (String f : fields) {
                    switch (r.nextInt(5)) {
                        case 0 -> {
                            double v = r.nextInt(-1_000_000, 1_000_000) / 4.0;
                            block.addProperty(f, v);
                            values.put(f, v);
                        }
                        case 1 -> {
                            String v = TEXT.next(r, size);
                            block.addProperty(f, v);
                            values.put(f, v);
                        }
                        case 2 -> {
                            boolean v = r.nextBoolean();
                            block.addProperty(f, v);
                            values.put(f, v);
                        }
                        case 3 -> block.add(f, new JsonArray()); // not a primitive: left out
                        default -> { }
                    }
                }
                if (root.has(key)) {
                    continue;
                }
                root.add(key, block);
                String id = type.orElse(key);
                readings.remove(id);
                readings.put(id, new TelemetrySnapshot.Reading(id, make.orElse(""), ts.orElse(0L), Map.copyOf(values)));
            }
            return new Case<>(root.toString(), new TelemetrySnapshot(format.orElse(""), Map.copyOf(readings)));
        }, c -> assertThat(ZapClient.readTelemetry("GET data", ok(c.body))).contains(c.expected));
    }

    @Test
    void noReadingYetIsEmptyWhateverTheBody() {
        Props.forAllStrings(MODEL_TRIES, JsonFuzz.anything(SEEDS.get("data")),
                body -> assertThat(ZapClient.readTelemetry("GET data", response(204, body))).isEmpty());
    }

    /** The seeds themselves are valid: the fuzzing starts from answers the app reads. */
    @Test
    void theSeedsAreReadAsValues() throws Exception {
        for (String body : SEEDS.get("system")) {
            assertThat(ZapClient.readSystem(ok(body)).deviceId()).startsWith("zap-");
        }
        assertThat(ZapClient.readIdentity(ok(SEEDS.get("crypto").get(0))).serialNumber()).isEqualTo("zap-04772a97");
        assertThat(ZapClient.readSupportedProfiles(ok(SEEDS.get("supported").get(0)))).isNotEmpty();
        assertThat(ZapClient.readConnectionTypes(ok(SEEDS.get("types").get(0)))).isNotEmpty();
        assertThat(ZapClient.readDevices(ok(SEEDS.get("devices").get(0)))).hasSize(2);
        assertThat(ZapClient.readDevices(ok(OLD_BARE_LIST))).extracting(ZapDevice::sn).containsExactly("SG1234ABCD", "P1ABCDEF01");
        for (String body : SEEDS.get("added")) {
            assertThat(ZapClient.readAddedDevice(response(201, body)).ders()).isNotEmpty();
        }
        for (String body : SEEDS.get("data")) {
            assertThat(ZapClient.readTelemetry("GET data", ok(body))).hasValueSatisfying(s -> assertThat(s.readings()).isNotEmpty());
        }
        for (String body : SEEDS.get("ders")) {
            assertThat(ZapClient.readDers("GET ders", ok(body))).isNotEmpty();
        }
    }
}
