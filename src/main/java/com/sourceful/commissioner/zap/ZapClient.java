package com.sourceful.commissioner.zap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.Addresses;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.http.Json;
import com.sourceful.commissioner.http.Json.JsonShapeException;

import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Client of one Zap's local HTTP API ({@code ../shared/reference/zap-local-api.md}). Tolerates extra fields and
 * the older shapes the document mentions; a missing required field is a {@link ZapException.Kind#BAD_RESPONSE}.
 * The gateway is an ESP32: this client sends one request at a time, whichever thread asks.
 */
public final class ZapClient implements AutoCloseable {

    /** Connect budget: a Zap on the LAN answers a SYN in milliseconds; seconds mean it is not there. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    /** {@code POST /api/devices} connects to the hardware first (Modbus timeout 1 s per request on the Zap side). */
    public static final Duration ADD_DEVICE_TIMEOUT = Duration.ofSeconds(45);
    /**
     * {@code GET /api/devices/{sn}/registers/…} waits for the Zap's Modbus turn (timeout 1 s per request on the Zap
     * side, and the Zap may be reading its devices just then): this long, whatever the transport's usual budget.
     */
    public static final Duration REGISTER_READ_TIMEOUT = Duration.ofSeconds(5);
    /** Modbus allows at most 125 registers in one read; so does the Zap's {@code size}. */
    public static final int MAX_REGISTERS = 125;
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final Pattern REGISTER_HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,4}");

    private final URI base;
    private final HttpTransport http;
    private final boolean ownsTransport;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final Duration addDeviceTimeout;

    public ZapClient(URI base) {
        this(base, new HttpTransport(CONNECT_TIMEOUT, RESPONSE_TIMEOUT, MAX_BODY_BYTES), true, ADD_DEVICE_TIMEOUT);
    }

    public ZapClient(URI base, HttpTransport http) {
        this(base, http, false, ADD_DEVICE_TIMEOUT);
    }

    /** With its own transport and how long to wait for {@code POST /api/devices} (tests of slow Zaps). */
    public ZapClient(URI base, HttpTransport http, Duration addDeviceTimeout) {
        this(base, http, false, addDeviceTimeout);
    }

    private ZapClient(URI base, HttpTransport http, boolean ownsTransport, Duration addDeviceTimeout) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.http = http;
        this.ownsTransport = ownsTransport;
        this.addDeviceTimeout = addDeviceTimeout;
    }

    /**
     * {@code http://host[:port]/} from what a person typed: "192.168.1.20", "zap.local:8080", "http://…". The host
     * is an IPv4 address, a host name or a bracketed IPv6 literal, the port 1-65535 (see {@link Addresses}).
     *
     * @throws IllegalArgumentException when the text is not such an address
     */
    public static URI baseUriOf(String hostAndPort) {
        String s = hostAndPort.strip();
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI uri = URI.create(s);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in '" + hostAndPort + "'");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a Zap answers plain http://, not " + uri.getScheme() + "://");
        }
        Addresses.checkAuthority(uri);
        // Lower case, as the rest of the app compares it (RecentZaps keeps only "http" addresses).
        return URI.create("http://" + uri.getRawAuthority() + "/");
    }

    public URI baseUri() {
        return base;
    }

    // ---- identity -------------------------------------------------------------------------------------------

    public ZapSystem system() throws ZapException {
        String op = "GET /api/system";
        return readSystem(call(op, () -> http.get(uri("api/system"), Map.of())));
    }

    /** Reads the answer to {@code GET /api/system}: a value or a {@link ZapException}, whatever the body holds. */
    static ZapSystem readSystem(HttpTransport.Response r) throws ZapException {
        String op = "GET /api/system";
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> {
            JsonObject zap = Json.optObject(root, "zap").orElseThrow(
                    () -> new ZapException(ZapException.Kind.NOT_A_ZAP, op, "no 'zap' object in the answer"));
            JsonObject net = Json.optObject(zap, "network").orElseGet(JsonObject::new);
            OptionalDouble rssi = Json.optNumber(net, "rssi");
            OptionalDouble uptime = Json.optNumber(root, "uptime_seconds");
            return new ZapSystem(
                    Json.optString(zap, "deviceId").orElse(""),
                    Json.optString(zap, "firmwareVersion").orElse("?"),
                    Json.optString(net, "ssid"),
                    rssi.isPresent() ? OptionalInt.of((int) rssi.getAsDouble()) : OptionalInt.empty(),
                    Json.optBoolean(net, "wifiConnected"),
                    Json.optBoolean(net, "internetConnected"),
                    Json.optString(net, "localIP"),
                    uptime.isPresent() ? OptionalLong.of((long) uptime.getAsDouble()) : OptionalLong.empty(),
                    Json.optNumber(root, "temperature_celsius"),
                    Json.optObject(root, "memory_kb").map(ZapClient::memory).orElse(ZapMemory.UNKNOWN));
        });
    }

    private static ZapMemory memory(JsonObject mem) {
        OptionalLong min = kilobytes(mem, "min");
        return new ZapMemory(kilobytes(mem, "total"), kilobytes(mem, "free"), kilobytes(mem, "used"),
                Json.optNumber(mem, "percent_used"), min.isPresent() ? min : kilobytes(mem, "min_free"),
                kilobytes(mem, "largest"));
    }

    private static OptionalLong kilobytes(JsonObject parent, String key) {
        OptionalDouble kb = Json.optNumber(parent, key);
        return kb.isPresent() && kb.getAsDouble() >= 0 ? OptionalLong.of((long) kb.getAsDouble())
                : OptionalLong.empty();
    }

    /** {@code POST /api/system/reboot}: the Zap answers 200 and restarts about 5 s later (its devices are kept). */
    public void reboot() throws ZapException {
        String op = "POST /api/system/reboot";
        expect(op, call(op, () -> http.postJson(uri("api/system/reboot"), "", Map.of())), 200);
    }

    public ZapIdentity identity() throws ZapException {
        String op = "GET /api/crypto";
        return readIdentity(call(op, () -> http.get(uri("api/crypto"), Map.of())));
    }

    /**
     * {@link #identity()}, or for a firmware without {@code /api/crypto} (404) the identity {@code system} gives by
     * its {@code zap.deviceId}, marked unconfirmed. Any other failure, or a 404 without a deviceId, is thrown as is.
     */
    public ZapIdentity identityOrDeviceId(ZapSystem system) throws ZapException {
        try {
            return identity();
        } catch (ZapException e) {
            if (e.kind() == ZapException.Kind.REJECTED && e.status() == 404 && !system.deviceId().isBlank()) {
                return ZapIdentity.fromDeviceId(system.deviceId());
            }
            throw e;
        }
    }

    /** Reads the answer to {@code GET /api/crypto}. */
    static ZapIdentity readIdentity(HttpTransport.Response r) throws ZapException {
        String op = "GET /api/crypto";
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> new ZapIdentity(
                Json.string(root, "serialNumber"),
                Json.optString(root, "deviceName").orElse(""),
                Json.optString(root, "publicKey").orElse("")));
    }

    /**
     * The Zap's signing key: {@code zap.publicKey} of {@code GET /api/system}, hex of the uncompressed P-256 point
     * {@code 04‖X‖Y} (the claim contract; {@code /api/crypto} reports the same key). Empty when the Zap gives none.
     */
    public Optional<String> publicKey() throws ZapException {
        String op = "GET /api/system";
        return readPublicKey(call(op, () -> http.get(uri("api/system"), Map.of())));
    }

    /** Reads {@code zap.publicKey} from the answer to {@code GET /api/system}. */
    static Optional<String> readPublicKey(HttpTransport.Response r) throws ZapException {
        String op = "GET /api/system";
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> {
            JsonObject zap = Json.optObject(root, "zap").orElseThrow(
                    () -> new ZapException(ZapException.Kind.NOT_A_ZAP, op, "no 'zap' object in the answer"));
            return Json.optString(zap, "publicKey").map(String::strip).filter(k -> !k.isEmpty());
        });
    }

    /**
     * Asks the Zap to sign {@code message} with {@code timestamp} ({@code POST /api/crypto/sign}); the Zap adds a
     * nonce, the timestamp and its serial to the message it signs and answers.
     */
    public ZapSignature sign(String message, String timestamp) throws ZapException {
        String op = "POST /api/crypto/sign";
        JsonObject body = new JsonObject();
        body.addProperty("message", message);
        body.addProperty("timestamp", timestamp);
        return readSignature(call(op, () -> http.postJson(uri("api/crypto/sign"), body.toString(), Map.of())));
    }

    /** Reads the answer to {@code POST /api/crypto/sign}. */
    static ZapSignature readSignature(HttpTransport.Response r) throws ZapException {
        String op = "POST /api/crypto/sign";
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> new ZapSignature(Json.string(root, "sign"), Json.string(root, "message")));
    }

    // ---- profiles and schema --------------------------------------------------------------------------------

    public List<SupportedProfile> supportedProfiles() throws ZapException {
        String op = "GET /api/devices/supported";
        return readSupportedProfiles(call(op, () -> http.get(uri("api/devices/supported"), Map.of())));
    }

    /** Reads the answer to {@code GET /api/devices/supported}. */
    static List<SupportedProfile> readSupportedProfiles(HttpTransport.Response r) throws ZapException {
        String op = "GET /api/devices/supported";
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> {
            List<SupportedProfile> out = new ArrayList<>();
            // Every array of the answer is a group: the documented three and any the firmware adds.
            for (Map.Entry<String, JsonElement> group : root.entrySet()) {
                if (!group.getValue().isJsonArray()) {
                    continue;
                }
                for (JsonObject p : Json.objects(group.getValue().getAsJsonArray())) {
                    String profile = Json.string(p, "profile");
                    out.add(new SupportedProfile(group.getKey(),
                            Json.optString(p, "display_name").orElse(profile), profile,
                            strings(Json.optArray(p, "connection_types").orElseGet(JsonArray::new))));
                }
            }
            return List.copyOf(out);
        });
    }

    public List<ConnectionTypeSpec> connectionTypes() throws ZapException {
        String op = "GET /api/devices/types";
        return readConnectionTypes(call(op, () -> http.get(uri("api/devices/types"), Map.of())));
    }

    /** Reads the answer to {@code GET /api/devices/types}. */
    static List<ConnectionTypeSpec> readConnectionTypes(HttpTransport.Response r) throws ZapException {
        String op = "GET /api/devices/types";
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> {
            JsonArray types = Json.optArray(root, "connection_types")
                    .orElseThrow(() -> new JsonShapeException("missing array 'connection_types'"));
            List<ConnectionTypeSpec> out = new ArrayList<>();
            for (JsonObject t : Json.objects(types)) {
                List<ConnectionTypeSpec.Parameter> params = new ArrayList<>();
                for (JsonObject p : Json.objects(Json.optArray(t, "parameters").orElseGet(JsonArray::new))) {
                    JsonElement def = p.get("default");
                    params.add(new ConnectionTypeSpec.Parameter(
                            Json.string(p, "name"),
                            Json.optString(p, "type").orElse("string"),
                            Json.optBoolean(p, "required").orElse(false),
                            def != null && def.isJsonPrimitive() ? Json.plain(def.getAsJsonPrimitive()) : null,
                            Json.optString(p, "description").orElse("")));
                }
                out.add(new ConnectionTypeSpec(Json.string(t, "type"),
                        Json.optString(t, "description").orElse(""), List.copyOf(params)));
            }
            return List.copyOf(out);
        });
    }

    // ---- devices --------------------------------------------------------------------------------------------

    public List<ZapDevice> devices() throws ZapException {
        String op = "GET /api/devices";
        return readDevices(call(op, () -> http.get(uri("api/devices"), Map.of())));
    }

    /** Reads the answer to {@code GET /api/devices}: {@code {count, devices[]}} or an older firmware's bare list. */
    static List<ZapDevice> readDevices(HttpTransport.Response r) throws ZapException {
        String op = "GET /api/devices";
        expect(op, r, 200);
        JsonElement root = json(op, r);
        return parse(op, () -> {
            // Older firmware answers a bare list; current firmware {count, devices[]}.
            JsonArray list;
            if (root.isJsonArray()) {
                list = root.getAsJsonArray();
            } else if (root.isJsonObject()) {
                list = Json.optArray(root.getAsJsonObject(), "devices")
                        .orElseThrow(() -> new JsonShapeException("missing array 'devices'"));
            } else {
                throw new JsonShapeException("expected a list of devices");
            }
            List<ZapDevice> out = new ArrayList<>();
            for (JsonObject d : Json.objects(list)) {
                String sn = Json.optString(d, "sn").or(() -> Json.optString(d, "serial_number"))
                        .orElseThrow(() -> new JsonShapeException("a device without 'sn'"));
                Map<String, Object> config = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : d.entrySet()) {
                    if (e.getValue().isJsonPrimitive() && !STATE_FIELDS.contains(e.getKey())) {
                        config.put(e.getKey(), Json.plain(e.getValue().getAsJsonPrimitive()));
                    }
                }
                OptionalDouble harvest = Json.optNumber(d, "last_harvest");
                out.add(new ZapDevice(sn, Map.copyOf(config), Json.optBoolean(d, "connected").orElse(false),
                        harvest.isPresent() ? OptionalLong.of((long) harvest.getAsDouble()) : OptionalLong.empty(),
                        ders(Json.optArray(d, "ders").orElseGet(JsonArray::new))));
            }
            return List.copyOf(out);
        });
    }

    private static final Set<String> STATE_FIELDS =
            Set.of("sn", "serial_number", "connected", "last_harvest", "path", "password");

    /** Adds a device; the Zap connects to it before answering, so this can take many seconds. */
    public AddedDevice addDevice(DeviceConfig config) throws ZapException {
        String op = "POST /api/devices";
        String body = GSON.toJson(config.fields());
        return readAddedDevice(call(op, () -> http.postJson(uri("api/devices"), body, Map.of(), addDeviceTimeout)));
    }

    /** Reads the answer to {@code POST /api/devices}. */
    static AddedDevice readAddedDevice(HttpTransport.Response r) throws ZapException {
        String op = "POST /api/devices";
        JsonObject root = parseObject(op, r, 200, 201);
        return parse(op, () -> new AddedDevice(
                Json.string(root, "sn"),
                Json.optString(root, "message").orElse(""),
                ders(Json.optArray(root, "ders").orElseGet(JsonArray::new))));
    }

    public void removeDevice(String sn) throws ZapException {
        String op = "DELETE /api/devices/" + sn;
        expect(op, call(op, () -> http.delete(deviceUri(sn, ""), Map.of())), 200, 204);
    }

    /** The latest reading, or empty while the Zap has not read the device yet (204). */
    public Optional<TelemetrySnapshot> telemetry(String sn) throws ZapException {
        String op = "GET /api/devices/" + sn + "/data/json";
        return readTelemetry(op, call(op, () -> http.get(deviceUri(sn, "/data/json"), Map.of())));
    }

    /** Reads the answer to {@code GET /api/devices/{sn}/data/json}; {@code op} names the call in errors. */
    static Optional<TelemetrySnapshot> readTelemetry(String op, HttpTransport.Response r) throws ZapException {
        if (r.status() == 204) {
            return Optional.empty();
        }
        JsonObject root = parseObject(op, r, 200);
        return Optional.of(parse(op, () -> {
            Map<String, TelemetrySnapshot.Reading> readings = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : root.entrySet()) {
                if (!e.getValue().isJsonObject()) {
                    continue;
                }
                JsonObject block = e.getValue().getAsJsonObject();
                String type = Json.optString(block, "type").orElse(e.getKey());
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> f : block.entrySet()) {
                    if (f.getValue().isJsonPrimitive()) {
                        values.put(f.getKey(), Json.plain(f.getValue().getAsJsonPrimitive()));
                    }
                }
                OptionalDouble ts = Json.optNumber(block, "timestamp");
                readings.put(type, new TelemetrySnapshot.Reading(type, Json.optString(block, "make").orElse(""),
                        ts.isPresent() ? (long) ts.getAsDouble() : 0L, Map.copyOf(values)));
            }
            return new TelemetrySnapshot(Json.optString(root, "format").orElse(""), Map.copyOf(readings));
        }));
    }

    /** Switches publishing of the listed DERs; DERs not listed keep their state. */
    public void setPublishing(String sn, Map<String, Boolean> enabledByType) throws ZapException {
        String op = "POST /api/devices/" + sn + "/types";
        JsonArray ders = new JsonArray();
        enabledByType.forEach((type, enabled) -> {
            JsonObject d = new JsonObject();
            d.addProperty("type", type);
            d.addProperty("enabled", enabled);
            ders.add(d);
        });
        JsonObject body = new JsonObject();
        body.add("ders", ders);
        // The answer is only a confirmation, but it must be one: a portal's 200 page is not the Zap saying yes.
        parseObject(op, call(op, () -> http.postJson(deviceUri(sn, "/types"), body.toString(), Map.of())), 200);
    }

    public List<Der> ders(String sn) throws ZapException {
        String op = "GET /api/devices/" + sn + "/ders";
        return readDers(op, call(op, () -> http.get(deviceUri(sn, "/ders"), Map.of())));
    }

    /** Reads the answer to {@code GET /api/devices/{sn}/ders}; {@code op} names the call in errors. */
    static List<Der> readDers(String op, HttpTransport.Response r) throws ZapException {
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> ders(Json.optArray(root, "ders")
                .orElseThrow(() -> new JsonShapeException("missing array 'ders'"))));
    }

    /** Sets DER metadata (rated/installed power in W, capacity in Wh) and, where given, the publish flag. */
    public void updateDers(String sn, List<Der> ders) throws ZapException {
        String op = "POST /api/devices/" + sn + "/ders";
        JsonArray list = new JsonArray();
        for (Der d : ders) {
            JsonObject o = new JsonObject();
            o.addProperty("type", d.type());
            o.addProperty("enabled", d.enabled());
            d.ratedPowerW().ifPresent(v -> o.addProperty("rated_power", v));
            d.installedPowerW().ifPresent(v -> o.addProperty("installed_power", v));
            d.capacityWh().ifPresent(v -> o.addProperty("capacity", v));
            list.add(o);
        }
        JsonObject body = new JsonObject();
        body.add("ders", list);
        parseObject(op, call(op, () -> http.postJson(deviceUri(sn, "/ders"), body.toString(), Map.of())), 200);
    }

    /**
     * Reads {@code count} registers from {@code address} of device {@code sn} through the Zap, with Modbus function
     * {@code functionCode} (3 holding, 4 input registers): {@code GET /api/devices/{sn}/registers/{address}} in its
     * bulk form ({@code size}, no {@code type}), answered {@code {address, count, values:["0x0001", …]}}.
     *
     * @return the registers (each 0..65535) in the order read
     * @throws IllegalArgumentException before any request, for a blank {@code sn}, an address outside 0..65535, a
     *         count outside 1..125 or running past register 65535, or a function code other than 3 or 4
     * @throws ZapException {@link ZapException.Kind#REJECTED} with the Zap's status and message: 400 (not a Modbus
     *         device, a parameter refused), 404 (no such device), 500 (the read failed, e.g. "read failed: Modbus
     *         exception 2 (illegal data address)"); {@link ZapException.Kind#BAD_RESPONSE} for an answer without
     *         the registers asked for; the transport's kinds as every call
     */
    public int[] readRegisters(String sn, int address, int count, int functionCode) throws ZapException {
        if (sn == null || sn.isBlank()) {
            throw new IllegalArgumentException("no device serial");
        }
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("register address must be 0..65535, got " + address);
        }
        if (count < 1 || count > MAX_REGISTERS) {
            throw new IllegalArgumentException("register count must be 1.." + MAX_REGISTERS + ", got " + count);
        }
        if (address + count - 1 > 0xFFFF) {
            throw new IllegalArgumentException(count + " registers from " + address + " run past register 65535");
        }
        if (functionCode != 3 && functionCode != 4) {
            throw new IllegalArgumentException("function code must be 3 (holding) or 4 (input), got " + functionCode);
        }
        String op = "GET /api/devices/" + sn + "/registers/" + address;
        URI uri = deviceUri(sn, "/registers/" + address + "?size=" + count + "&function_code=" + functionCode);
        return readRegisters(op, address, count,
                call(op, () -> http.get(uri, Map.of(), REGISTER_READ_TIMEOUT)));
    }

    /** Reads the bulk answer to {@code GET /api/devices/{sn}/registers/{address}?size=count}. */
    static int[] readRegisters(String op, int address, int count, HttpTransport.Response r) throws ZapException {
        JsonObject root = parseObject(op, r, 200);
        return parse(op, () -> {
            JsonArray values = Json.optArray(root, "values")
                    .orElseThrow(() -> new JsonShapeException("missing array 'values'"));
            if (values.size() != count) {
                throw new JsonShapeException(values.size() + " registers where " + count + " were asked for");
            }
            OptionalDouble answeredAddress = Json.optNumber(root, "address");
            if (answeredAddress.isPresent() && answeredAddress.getAsDouble() != address) {
                throw new JsonShapeException("registers from address " + Json.plain(root.getAsJsonPrimitive(
                        "address")) + " where " + address + " was asked for");
            }
            OptionalDouble answeredCount = Json.optNumber(root, "count");
            if (answeredCount.isPresent() && answeredCount.getAsDouble() != count) {
                throw new JsonShapeException("a count of " + Json.plain(root.getAsJsonPrimitive("count"))
                        + " where " + count + " registers were asked for");
            }
            int[] registers = new int[count];
            for (int i = 0; i < count; i++) {
                JsonElement v = values.get(i);
                String text = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : null;
                if (text == null || !REGISTER_HEX.matcher(text).matches()) {
                    String shown = v.toString();
                    throw new JsonShapeException("register " + i + " is not \"0x\" and hex digits: "
                            + (shown.length() > 20 ? shown.substring(0, 20) + "…" : shown));
                }
                registers[i] = Integer.parseInt(text.substring(2), 16);
            }
            return registers;
        });
    }

    // ---- Wi-Fi ----------------------------------------------------------------------------------------------

    /** The results of the Zap's last scan (empty before one finished) and the network it is on. */
    public WifiStatus wifi() throws ZapException {
        String op = "GET /api/wifi";
        JsonObject root = parseObject(op, call(op, () -> http.get(uri("api/wifi"), Map.of())), 200);
        return parse(op, () -> {
            List<WifiNetwork> networks = new ArrayList<>();
            for (JsonObject n : Json.objects(Json.optArray(root, "ssids").orElseGet(JsonArray::new))) {
                OptionalDouble rssi = Json.optNumber(n, "rssi");
                Optional<String> ssid = Json.optString(n, "ssid").filter(x -> !x.isEmpty());
                if (ssid.isPresent() && rssi.isPresent()) {
                    networks.add(new WifiNetwork(ssid.get(), (int) rssi.getAsDouble(),
                            Json.optString(n, "auth").orElse("")));
                }
            }
            return new WifiStatus(networks, Json.optString(root, "connected").filter(x -> !x.isEmpty()));
        });
    }

    /** Asks the Zap to scan; the results show in {@link #wifi()} some seconds later. */
    public void startWifiScan() throws ZapException {
        String op = "GET /api/wifi/scan";
        expect(op, call(op, () -> http.get(uri("api/wifi/scan"), Map.of())), 200);
    }

    /**
     * Asks the Zap to join {@code ssid} with {@code psk} (empty for an open network). The Zap says yes before it
     * tries, so a 200 does not mean the key is right; it then leaves its present address. The key is sent and
     * nowhere else: not logged, not in an exception; {@code psk} is zeroed when this returns.
     */
    public void joinWifi(String ssid, char[] psk) throws ZapException {
        String op = "POST /api/wifi";
        try {
            JsonObject body = new JsonObject();
            body.addProperty("ssid", ssid);
            body.addProperty("psk", new String(psk));
            String json = body.toString();
            expect(op, call(op, () -> http.postJson(uri("api/wifi"), json, Map.of())), 200);
        } finally {
            Arrays.fill(psk, '\0');
        }
    }

    /** Clears the Zap's Wi-Fi credentials; it leaves its network some seconds later. */
    public void forgetWifi() throws ZapException {
        String op = "DELETE /api/wifi";
        expect(op, call(op, () -> http.delete(uri("api/wifi"), Map.of())), 200, 204);
    }

    // ---- control (documented, zap-local-api.md "Used from version 2 on") -----------------------------------------

    /** {@code POST /api/control/{sn}/init}: take control of the device; the Zap queues it (202). */
    public void controlInit(String sn) throws ZapException {
        control(sn, "/init", null);
    }

    /** {@code POST /api/control/{sn}/battery}: battery setpoint, W &gt; 0 charge, &lt; 0 discharge (queued). */
    public void controlBattery(String sn, double powerW) throws ZapException {
        JsonObject body = new JsonObject();
        body.addProperty("power_w", Math.round(powerW));
        control(sn, "/battery", body);
    }

    /** {@code POST /api/control/{sn}/curtail}: limit the PV to {@code limitW} (queued). */
    public void controlCurtail(String sn, double limitW) throws ZapException {
        JsonObject body = new JsonObject();
        body.addProperty("power_w", Math.round(limitW));
        control(sn, "/curtail", body);
    }

    /** {@code POST /api/control/{sn}/curtail/disable}: lift the PV limit (queued). */
    public void controlCurtailDisable(String sn) throws ZapException {
        control(sn, "/curtail/disable", null);
    }

    /** {@code POST /api/control/{sn}/deinit}: give control back; the device returns to its own mode (queued). */
    public void controlDeinit(String sn) throws ZapException {
        control(sn, "/deinit", null);
    }

    /**
     * A control call: the Zap documents 202 {@code {status:"queued", sn, action}}; 200 is taken as accepted too. An
     * answer that says anything but "queued" (or "ok"/"success") is not an acceptance.
     */
    private void control(String sn, String action, JsonObject body) throws ZapException {
        URI target = base.resolve("api/control/" + pathSegment(sn) + action);
        String op = "POST /api/control/" + sn + action;
        String json = body == null ? "{}" : body.toString();
        HttpTransport.Response r = call(op, () -> http.postJson(target, json, Map.of()));
        expect(op, r, 202, 200);
        if (r.body().isBlank()) {
            return; // accepted without a word: the status says it
        }
        JsonElement root = json(op, r);
        if (root.isJsonObject()) {
            Optional<String> status = Json.optString(root.getAsJsonObject(), "status");
            if (status.isPresent() && !Set.of("queued", "ok", "success").contains(status.get().toLowerCase(Locale.ROOT))) {
                throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0,
                        "the Zap answered status \"" + status.get() + "\", not \"queued\"", null, null);
            }
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static final Gson GSON = new Gson();

    private static List<Der> ders(JsonArray array) {
        List<Der> out = new ArrayList<>();
        for (JsonObject d : Json.objects(array)) {
            out.add(new Der(Json.string(d, "type"), Json.optBoolean(d, "enabled").orElse(false),
                    Json.optNumber(d, "rated_power"), Json.optNumber(d, "installed_power"),
                    Json.optNumber(d, "capacity")));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array) {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            }
        }
        return List.copyOf(out);
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private URI deviceUri(String sn, String suffix) {
        return base.resolve("api/devices/" + pathSegment(sn) + suffix);
    }

    /** A device serial as one path segment: percent-encoded, a space as %20 (not the form encoding's '+'). */
    private static String pathSegment(String sn) {
        return URLEncoder.encode(sn, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private interface Exchange {
        HttpTransport.Response run() throws IOException;
    }

    private interface Parser<T> {
        T parse() throws ZapException;
    }

    private HttpTransport.Response call(String op, Exchange exchange) throws ZapException {
        oneAtATime.lock();
        try {
            return exchange.run();
        } catch (ConnectTimeoutException | ConnectException | UnknownHostException
                 | NoRouteToHostException e) {
            throw new ZapException(ZapException.Kind.UNREACHABLE, op, 0, e.getClass().getSimpleName(), null, e);
        } catch (SocketTimeoutException e) {
            throw new ZapException(ZapException.Kind.TIMEOUT, op, 0, null, null, e);
        } catch (HttpTransport.BodyTooLargeException e) {
            String size = e.announced().isPresent() ? megabytes(e.announced().getAsLong()) + ", " : "";
            throw new ZapException(ZapException.Kind.TOO_LARGE, op, 0,
                    size + "at most " + megabytes(e.limit()) + " accepted", null, e);
        } catch (HttpTransport.AnswerCutShortException e) {
            String detail = e.reset() ? "reset after " + e.received() + " bytes"
                    : "cut short after " + e.received() + (e.expected() >= 0 ? " of " + e.expected() : "") + " bytes";
            throw new ZapException(ZapException.Kind.CONNECTION_LOST, op, 0, detail, null, e);
        } catch (ClientProtocolException e) {
            // It answered, but not in HTTP this client can follow (e.g. 101 Switching Protocols).
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage() != null ? e.getMessage() : "protocol error";
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0, "not a usable HTTP answer: " + why, null, e);
        } catch (InterruptedIOException e) {
            throw new ZapException(ZapException.Kind.TIMEOUT, op, 0, "interrupted", null, e);
        } catch (IOException e) {
            throw new ZapException(ZapException.Kind.UNREACHABLE, op, 0, "connection lost: " + e.getClass().getSimpleName(), null, e);
        } finally {
            oneAtATime.unlock();
        }
    }

    private static <T> T parse(String op, Parser<T> parser) throws ZapException {
        try {
            return parser.parse();
        } catch (JsonShapeException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0, e.getMessage(), null, e);
        }
    }

    private static JsonObject parseObject(String op, HttpTransport.Response r, int... okStatuses) throws ZapException {
        expect(op, r, okStatuses);
        JsonElement root = json(op, r);
        if (!root.isJsonObject()) {
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0, "expected a JSON object", null, null);
        }
        return root.getAsJsonObject();
    }

    /**
     * The answer as JSON. One that is not JSON is told apart by what it is: nothing at all (a 204), a web page or
     * other content (a captive portal, a router: {@link ZapException.Kind#NOT_JSON}), or JSON that is cut or
     * garbled ({@link ZapException.Kind#BAD_RESPONSE}, unreadable). The content type alone decides nothing:
     * firmware that labels good JSON text/html still works.
     */
    private static JsonElement json(String op, HttpTransport.Response r) throws ZapException {
        String body = r.body();
        if (body.isBlank()) {
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0, r.status() == 204
                    ? "no content (HTTP 204) where an answer was expected" : "an empty answer", null, null);
        }
        try {
            return Json.parse(body);
        } catch (JsonShapeException e) {
            String type = r.contentType().orElse("").strip();
            String lower = type.toLowerCase(Locale.ROOT);
            boolean labelledJson = lower.contains("json");
            if (!labelledJson || body.stripLeading().startsWith("<")) {
                throw new ZapException(ZapException.Kind.NOT_JSON, op, 0, type.isEmpty() ? "no content type" : type,
                        null, e);
            }
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0,
                    "unreadable, not valid JSON (" + body.length() + " characters)", null, e);
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024))
                : bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private static void expect(String op, HttpTransport.Response r, int... okStatuses) throws ZapException {
        for (int ok : okStatuses) {
            if (r.status() == ok) {
                return;
            }
        }
        if (r.status() == 204) {
            // Success without an answer where one was needed: not a refusal.
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0,
                    "no content (HTTP 204) where an answer was expected", null, null);
        }
        if (r.status() >= 200 && r.status() < 300) {
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0,
                    "HTTP " + r.status() + " where the Zap answers " + okStatuses[0], null, null);
        }
        if (r.status() >= 300 && r.status() < 400) {
            // A Zap never redirects; a Wi-Fi login page or a router does.
            boolean redirect = Set.of(301, 302, 303, 307, 308).contains(r.status());
            throw new ZapException(ZapException.Kind.BAD_RESPONSE, op, 0, redirect
                    ? "redirected (HTTP " + r.status() + ")" + r.header("Location").map(l -> " to " + l).orElse("")
                            + ", which a Zap never does"
                    : "HTTP " + r.status() + ", which a Zap never answers", null, null);
        }
        String message = null;
        String field = null;
        String conflictingSerial = null;
        try {
            JsonObject err = Json.parseObject(r.body());
            // Both words count: "connection failed" says what, the message says where ("no answer from …").
            Optional<String> error = Json.optString(err, "error");
            Optional<String> detail = Json.optString(err, "message").filter(m -> !error.map(m::equals).orElse(false));
            message = error.map(e -> detail.map(d -> e + ": " + d).orElse(e)).or(() -> detail).orElse(null);
            field = Json.optString(err, "field").orElse(null);
            // 409 names the device already there; keep it for a jump to that device.
            if (r.status() == 409) {
                conflictingSerial = Json.optString(err, "sn").orElse(null);
            }
        } catch (JsonShapeException ignored) {
            // An error page that is not JSON: the status says enough.
        }
        throw new ZapException(ZapException.Kind.REJECTED, op, r.status(), message, field, conflictingSerial, null);
    }

    @Override
    public void close() {
        if (ownsTransport) {
            try {
                http.close();
            } catch (IOException ignored) {
                // Closing idle connections to a gateway: nothing to do if that fails.
            }
        }
    }
}
