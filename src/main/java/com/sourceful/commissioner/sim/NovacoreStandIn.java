package com.sourceful.commissioner.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Sourceful's Novacore cloud API, as far as novacore-api.md describes it:
 * HS256 bearer tokens, {@code POST /devices/provision} (idempotent per hardware id), and the site calls.
 * <p>
 * Sign-in: {@code POST /auth/challenge} and {@code POST /auth/verify} (no bearer token needed) check an Ed25519
 * signature with the JDK and issue a 24 h token for {@code idt-<uuid>}, the uuid derived from the public key
 * (name-based, so the same key always gets the same identity). Like Novacore, only known technicians may sign in:
 * a public key not given to {@link #registerTechnician} answers 404 {@code not_found}, unless
 * {@link #setAcceptAnyTechnician} opens the door to every well-formed key (for demos). A challenge lives
 * {@link #CHALLENGE_VALIDITY} on the injected clock and is used up by the first verify that names it.
 * <p>
 * Tokens are checked with a demo secret ({@link #DEMO_SECRET} unless another is given); {@link #issueToken} makes
 * valid ones. Tokens are never logged. State lives in memory only.
 */
public final class NovacoreStandIn implements AutoCloseable {

    /** HMAC key of the stand-in's tokens. A demo value: it protects nothing. */
    public static final String DEMO_SECRET = "zap-commissioner-novacore-stand-in-demo-secret";
    /** The organisation the demo sites belong to. */
    public static final String DEMO_ORG = "org-demo";

    private static final Logger LOG = LoggerFactory.getLogger(NovacoreStandIn.class);
    private static final Pattern IDENTITY = Pattern.compile(
            "idt-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> DEVICE_TYPES = Set.of("inverter", "meter", "charger");
    private static final Set<String> DER_TYPES = Set.of("solar", "battery", "meter", "v2x_charger", "ev_port");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** How long a sign-in challenge may be answered. */
    public static final Duration CHALLENGE_VALIDITY = Duration.ofMinutes(5);
    /** How long a token issued by {@code /auth/verify} is valid. */
    public static final Duration SIGN_IN_TOKEN_VALIDITY = Duration.ofHours(24);
    private static final Pattern PUBLIC_KEY_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SIGNATURE_HEX = Pattern.compile("[0-9a-f]{128}");
    /** SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), before the 32 raw bytes. */
    private static final String X509_ED25519_PREFIX = "302a300506032b6570032100";

    private final Clock clock;
    private final byte[] secret;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SocketFront front;
    private final InetAddress bindAddress;

    private final Map<String, JsonObject> sites = new LinkedHashMap<>();
    /** Provisioned devices by hardware_id, in creation order. */
    private final Map<String, Device> devicesByHardwareId = new LinkedHashMap<>();
    /** The last {@link #PROVISION_HISTORY} provision bodies: a bounded history, not every body ever sent. */
    private final Deque<JsonObject> provisionRequests = new ArrayDeque<>();
    private volatile boolean available = true;
    private final SecureRandom random = new SecureRandom();
    /** Registered technicians' public keys (lower-case hex). */
    private final Set<String> technicians = new HashSet<>();
    /** Open challenges by challenge text: at most {@link #MAX_OPEN_CHALLENGES}. */
    private final Map<String, Challenge> challenges = new HashMap<>();
    private volatile boolean acceptAnyTechnician;
    /** Organisation of technicians registered with one, by identity id: their tokens carry it as {@code org_id}. */
    private final Map<String, String> orgByIdentity = new HashMap<>();
    /** Gateway keys and claims ({@code /gateways}). */
    private final GatewayRegistry gateways;

    private record Challenge(String publicKeyHex, Instant expiresAt) {
    }

    private static final class Device {
        String deviceId;
        String hardwareId;
        String deviceType;
        String siteId;
        String gatewaySerial;
        String name;
        String manufacturer;
        String model;
        /** Novacore's state of the device: "pending" until Novacore's side has done with it. */
        String state = "pending";
        final List<String[]> ders = new ArrayList<>(); // {id, name, type}

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("device_id", deviceId);
            o.addProperty("hardware_id", hardwareId);
            o.addProperty("device_type", deviceType);
            o.addProperty("site_id", siteId);
            o.addProperty("gateway_serial", gatewaySerial);
            o.addProperty("name", name);
            o.addProperty("manufacturer", manufacturer);
            o.addProperty("model", model);
            o.addProperty("state", state);
            JsonArray a = new JsonArray();
            for (String[] d : ders) {
                JsonObject e = new JsonObject();
                e.addProperty("id", d[0]);
                e.addProperty("name", d[1]);
                e.addProperty("type", d[2]);
                a.add(e);
            }
            o.add("ders", a);
            return o;
        }
    }

    private NovacoreStandIn(InetAddress bind, int port, Clock clock, String secret, SimLimits limits)
            throws IOException {
        this.clock = Objects.requireNonNull(clock);
        this.secret = Objects.requireNonNull(secret).getBytes(StandardCharsets.UTF_8);
        this.bindAddress = Objects.requireNonNull(bind);
        this.gateways = new GatewayRegistry(clock);
        addSite("sit-7f3a21", "Demo – Villa Solsidan", "Solsidevägen 12, 132 36 Saltsjö-Boo");
        addSite("sit-b04c9e", "Demo – Brf Havsutsikten", "Strandvägen 48, 114 56 Stockholm");
        addSite("sit-e51d08", "Demo – Lantgården Ekbacka", "Ekbacka gård 1, 755 91 Uppsala");
        // The JDK server listens on loopback only; the public port is a SocketFront, which keeps the limits.
        this.server = SimHttp.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // As many threads as the front lets connections in, so a request never waits in the queue.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.maxConnections(), limits.maxConnections(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), SimHttp.daemonThreads("novacore-stand-in"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        try {
            this.front = SocketFront.start(new InetSocketAddress(bind, port), 128, server.getAddress(),
                    "novacore-stand-in-front", () -> { }, limits);
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            executor.shutdownNow();
            throw e;
        }
        LOG.info("Novacore stand-in listening on {}", baseUri());
    }

    /** Starts on 127.0.0.1, an ephemeral port, the system clock and {@link #DEMO_SECRET}. */
    public static NovacoreStandIn start() throws IOException {
        return start(InetAddress.getLoopbackAddress(), 0, Clock.systemUTC());
    }

    /** Starts with {@link #DEMO_SECRET}; port 0 picks an ephemeral port. */
    public static NovacoreStandIn start(InetAddress bind, int port, Clock clock) throws IOException {
        return start(bind, port, clock, DEMO_SECRET);
    }

    public static NovacoreStandIn start(InetAddress bind, int port, Clock clock, String secret) throws IOException {
        return new NovacoreStandIn(bind, port, clock, secret, SimLimits.DEFAULT);
    }

    /** As above, with what a client may hold of the port (tests set short limits). */
    static NovacoreStandIn start(InetAddress bind, int port, Clock clock, String secret, SimLimits limits)
            throws IOException {
        return new NovacoreStandIn(bind, port, clock, secret, limits);
    }

    private void addSite(String id, String name, String address) {
        JsonObject s = new JsonObject();
        s.addProperty("id", id);
        s.addProperty("name", name);
        s.addProperty("address", address);
        s.addProperty("org_id", DEMO_ORG); // the document has no organisations API: every demo site is one org's
        sites.put(id, s);
    }

    // ------------------------------------------------------------------ public API

    public URI baseUri() {
        String host = bindAddress.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public int port() {
        return front.port();
    }

    /** A fresh identity id, {@code idt-<uuid>}. */
    public static String newIdentityId() {
        return "idt-" + UUID.randomUUID();
    }

    /**
     * A signed HS256 JWT for a technician: claims {@code sub} and {@code identity_id} (= identityId),
     * {@code identity_type} "technician", {@code iat} and {@code exp} in epoch seconds of the clock.
     * A negative validity gives an already expired token (for tests).
     */
    public String issueToken(String identityId, Duration validity) {
        String org;
        synchronized (this) {
            org = orgByIdentity.get(identityId);
        }
        return issueToken(identityId, org, validity);
    }

    /** As {@link #issueToken(String, Duration)}, with an {@code org_id} claim unless {@code orgId} is null. */
    public String issueToken(String identityId, String orgId, Duration validity) {
        if (orgId != null && !GatewayRegistry.ORG_ID.matcher(orgId).matches()) {
            throw new IllegalArgumentException("orgId must look like org-…");
        }
        if (identityId == null || !IDENTITY.matcher(identityId).matches()) {
            throw new IllegalArgumentException("identityId must look like idt-<uuid>");
        }
        long iat = clock.instant().getEpochSecond();
        JsonObject header = new JsonObject();
        header.addProperty("alg", "HS256");
        header.addProperty("typ", "JWT");
        JsonObject claims = new JsonObject();
        claims.addProperty("sub", identityId);
        claims.addProperty("identity_id", identityId);
        claims.addProperty("identity_type", "technician");
        if (orgId != null) {
            claims.addProperty("org_id", orgId);
        }
        claims.addProperty("iat", iat);
        claims.addProperty("exp", iat + validity.getSeconds());
        String signingInput = b64(SimHttp.GSON.toJson(header)) + "." + b64(SimHttp.GSON.toJson(claims));
        return signingInput + "." + B64.encodeToString(hmac(signingInput));
    }

    /**
     * Makes a public key (32 bytes, hex) a known technician who may sign in; returns the identity id its tokens
     * will carry.
     */
    public synchronized String registerTechnician(String publicKeyHex) {
        String key = normalizedPublicKey(publicKeyHex);
        if (key == null) {
            throw new IllegalArgumentException("publicKeyHex must be 32 bytes as 64 hex characters");
        }
        technicians.add(key);
        return identityOf(key);
    }

    /** As {@link #registerTechnician(String)}, in an organisation: the technician's tokens carry it as org_id. */
    public synchronized String registerTechnician(String publicKeyHex, String orgId) {
        if (orgId == null || !GatewayRegistry.ORG_ID.matcher(orgId).matches()) {
            throw new IllegalArgumentException("orgId must look like org-…");
        }
        String identity = registerTechnician(publicKeyHex);
        orgByIdentity.put(identity, orgId);
        return identity;
    }

    /**
     * Novacore learns a gateway's public key (as the Zap reports it, {@code 04}+X+Y, or X+Y): it may then be claimed,
     * and devices are provisioned on it only for sites of the organisation that claimed it.
     */
    public void registerGateway(String serial, String publicKeyHex) {
        gateways.register(serial, publicKeyHex);
    }

    /** Set-up shortcut for demos and tests: the registered gateway is claimed by {@code orgId}, without a signature. */
    public void claimGateway(String serial, String orgId) {
        gateways.claimWithoutSignature(serial, orgId);
    }

    /** The organisation that has claimed the gateway, if one has. */
    public Optional<String> claimedBy(String serial) {
        return gateways.claimedBy(serial);
    }

    /** The identity id the stand-in gives a public key: {@code idt-<name-based uuid of the raw key>}. */
    public static String identityOf(String publicKeyHex) {
        String key = normalizedPublicKey(publicKeyHex);
        if (key == null) {
            throw new IllegalArgumentException("publicKeyHex must be 32 bytes as 64 hex characters");
        }
        return "idt-" + UUID.nameUUIDFromBytes(HexFormat.of().parseHex(key));
    }

    /** Knob: when true any well-formed public key may sign in, registered or not (default false). */
    public void setAcceptAnyTechnician(boolean accept) {
        this.acceptAnyTechnician = accept;
    }

    /** How many provision bodies {@link #provisionRequests()} keeps; plenty for a test or a demo session. */
    static final int PROVISION_HISTORY = 256;
    /**
     * Bounds on what requests can make the stand-in keep: open sign-in challenges and provisioned devices. Past them
     * it answers 429 with {@code Retry-After}, as the document lets Novacore do, instead of growing until it dies:
     * {@code simulate} may listen on a site's LAN. Far above any demo or test (a site has a handful of devices).
     */
    static final int MAX_OPEN_CHALLENGES = 1024;
    static final int MAX_DEVICES = 10_000;
    private volatile int maxOpenChallenges = MAX_OPEN_CHALLENGES;
    private volatile int maxDevices = MAX_DEVICES;

    /** Lower bounds for a test that reaches them in a few requests. */
    void limitTo(int openChallenges, int devices) {
        maxOpenChallenges = openChallenges;
        maxDevices = devices;
    }

    /** A lower bound on claimed gateways, for a test. */
    void limitGatewaysTo(int claimed) {
        gateways.limitTo(claimed);
    }

    /**
     * The JSON-object bodies received on {@code POST /devices/provision} (after auth), in order: the last
     * {@link #PROVISION_HISTORY} of them.
     */
    public synchronized List<JsonObject> provisionRequests() {
        List<JsonObject> out = new ArrayList<>();
        provisionRequests.forEach(o -> out.add(o.deepCopy()));
        return out;
    }

    /** Every provisioned device, as {@code GET /sites/{id}/devices} lists it. */
    public synchronized List<JsonObject> devices() {
        List<JsonObject> out = new ArrayList<>();
        devicesByHardwareId.values().forEach(d -> out.add(d.toJson()));
        return out;
    }

    /**
     * Test knob: Novacore's side moved a provisioned device on (as between two visits), e.g. to "active".
     *
     * @throws IllegalArgumentException no device with this hardware id
     */
    public synchronized void setDeviceState(String hardwareId, String state) {
        Device d = devicesByHardwareId.get(hardwareId);
        if (d == null) {
            throw new IllegalArgumentException("no device " + hardwareId);
        }
        d.state = Objects.requireNonNull(state);
    }

    /** Test knob: someone deleted a provisioned device in Novacore; true when there was one. */
    public synchronized boolean removeDevice(String hardwareId) {
        return devicesByHardwareId.remove(hardwareId) != null;
    }

    /** The demo sites. */
    public synchronized List<JsonObject> sites() {
        List<JsonObject> out = new ArrayList<>();
        sites.values().forEach(s -> out.add(s.deepCopy()));
        return out;
    }

    /** Fault knob: when false every call answers 503 {@code {"error":"unavailable"}}. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public void close() {
        front.close();
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Novacore stand-in stopped");
    }

    // ------------------------------------------------------------------ tokens

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when the request carries a valid token, else the 401 message. Never echoes the token. */
    private String authProblem(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || h.isBlank()) {
            return "missing Authorization: Bearer token";
        }
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Authorization header must be 'Bearer <token>'";
        }
        String token = h.substring(7).trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return "malformed token";
        }
        JsonObject header;
        JsonObject claims;
        byte[] signature;
        try {
            header = SimHttp.parseObject(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
            claims = SimHttp.parseObject(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return "malformed token";
        }
        if (header == null || claims == null) {
            return "malformed token";
        }
        JsonElement alg = header.get("alg");
        if (alg == null || !alg.isJsonPrimitive() || !"HS256".equals(alg.getAsString())) {
            return "unsupported token algorithm";
        }
        if (!MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1]))) {
            return "invalid token signature";
        }
        JsonElement exp = claims.get("exp");
        if (exp == null || !exp.isJsonPrimitive() || !exp.getAsJsonPrimitive().isNumber()) {
            return "malformed token: no exp claim";
        }
        if (clock.instant().getEpochSecond() >= exp.getAsLong()) {
            return "token expired";
        }
        return null;
    }

    /** Who a request's token (already checked by {@link #authProblem}) speaks for. */
    private static GatewayRegistry.Caller callerOf(HttpExchange ex) {
        String token = ex.getRequestHeaders().getFirst("Authorization").substring(7).trim();
        JsonObject claims = SimHttp.parseObject(
                new String(B64D.decode(token.split("\\.", -1)[1]), StandardCharsets.UTF_8));
        return new GatewayRegistry.Caller(stringField(claims, "identity_id"), stringField(claims, "org_id"));
    }

    // ------------------------------------------------------------------ HTTP

    /** 429 with a Retry-After, which the app honours. */
    private static void tooMany(HttpExchange ex, String message) throws IOException {
        ex.getResponseHeaders().set("Retry-After", "60");
        SimHttp.sendJson(ex, 429, error("rate_limited", message));
    }

    private static JsonObject error(String code, String message) {
        JsonObject o = SimHttp.error(code);
        o.addProperty("message", message);
        return o;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = SimHttp.normalizedPath(ex);
            String method = ex.getRequestMethod();
            LOG.debug("{} {}", method, path);
            if (!available) {
                SimHttp.sendJson(ex, 503, SimHttp.error("unavailable"));
                return;
            }
            if (path.equals("/auth/challenge") || path.equals("/auth/verify")) {
                // The way to get a token needs none.
                if (!method.equals("POST")) {
                    ex.getResponseHeaders().set("Allow", "POST");
                    SimHttp.sendJson(ex, 405, error("method_not_allowed", method + " is not allowed here; use POST"));
                } else if (path.equals("/auth/challenge")) {
                    challenge(ex);
                } else {
                    verify(ex);
                }
                return;
            }
            String problem = authProblem(ex);
            if (problem != null) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                SimHttp.sendJson(ex, 401, error("unauthorized", problem));
                return;
            }
            route(ex, method, path);
        } catch (RuntimeException e) {
            LOG.error("internal error", e);
            try {
                SimHttp.sendJson(ex, 500, error("internal", "internal error"));
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        String[] seg = path.substring(1).split("/", -1);
        String allow = null;
        if (path.equals("/devices/provision")) {
            allow = "POST";
            if (method.equals("POST")) {
                provision(ex);
                return;
            }
        } else if (path.equals("/sites")) {
            allow = "GET";
            if (method.equals("GET")) {
                JsonObject o = new JsonObject();
                JsonArray a = new JsonArray();
                sites().forEach(a::add);
                o.add("sites", a);
                SimHttp.sendJson(ex, 200, o);
                return;
            }
        } else if (seg.length == 2 && seg[0].equals("sites")) {
            allow = "GET";
            if (method.equals("GET")) {
                JsonObject site = site(seg[1]);
                if (site == null) {
                    siteNotFound(ex, seg[1]);
                } else {
                    SimHttp.sendJson(ex, 200, site);
                }
                return;
            }
        } else if (path.equals("/gateways")) {
            allow = "GET";
            if (method.equals("GET")) {
                gateways.list(ex, callerOf(ex));
                return;
            }
        } else if (path.equals("/gateways/claim")) {
            allow = "POST";
            if (method.equals("POST")) {
                gateways.claim(ex, callerOf(ex));
                return;
            }
        } else if (seg.length == 3 && seg[0].equals("sites") && seg[2].equals("devices")) {
            allow = "GET";
            if (method.equals("GET")) {
                siteDevices(ex, seg[1]);
                return;
            }
        }
        if (allow == null) {
            SimHttp.sendJson(ex, 404, error("not_found", "no such endpoint: " + path));
        } else {
            ex.getResponseHeaders().set("Allow", allow);
            SimHttp.sendJson(ex, 405, error("method_not_allowed", method + " is not allowed here; use " + allow));
        }
    }

    // ------------------------------------------------------------------ sign-in

    private static String normalizedPublicKey(String hex) {
        if (hex == null) {
            return null;
        }
        String k = hex.strip().toLowerCase(Locale.ROOT);
        return PUBLIC_KEY_HEX.matcher(k).matches() ? k : null;
    }

    private void challenge(HttpExchange ex) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        if (body == null) {
            SimHttp.sendJson(ex, 400, error("bad_request", "request body must be a JSON object"));
            return;
        }
        String key = normalizedPublicKey(stringField(body, "public_key"));
        if (key == null) {
            JsonObject o = error("validation_failed", "public_key must be a 32-byte Ed25519 public key in hex");
            o.addProperty("field", "public_key");
            SimHttp.sendJson(ex, 422, o);
            return;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(CHALLENGE_VALIDITY);
        String challenge = null;
        boolean full = false;
        synchronized (this) {
            if (acceptAnyTechnician || technicians.contains(key)) {
                challenges.values().removeIf(c -> !now.isBefore(c.expiresAt()));
                full = challenges.size() >= maxOpenChallenges;
                if (!full) {
                    byte[] b = new byte[32];
                    random.nextBytes(b);
                    challenge = "novacore-signin-" + HexFormat.of().formatHex(b);
                    challenges.put(challenge, new Challenge(key, expires));
                }
            }
        }
        if (full) {
            tooMany(ex, "too many sign-ins in progress");
            return;
        }
        if (challenge == null) {
            SimHttp.sendJson(ex, 404, error("not_found", "no technician with this public key"));
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("challenge", challenge);
        o.addProperty("expires_at", expires.toString());
        SimHttp.sendJson(ex, 200, o);
    }

    private void verify(HttpExchange ex) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        if (body == null) {
            SimHttp.sendJson(ex, 400, error("bad_request", "request body must be a JSON object"));
            return;
        }
        String key = normalizedPublicKey(stringField(body, "public_key"));
        String signature = stringField(body, "signature");
        signature = signature == null ? null : signature.strip().toLowerCase(Locale.ROOT);
        String challengeText = stringField(body, "challenge");
        String badField = key == null ? "public_key"
                : signature == null || !SIGNATURE_HEX.matcher(signature).matches() ? "signature"
                : challengeText == null ? "challenge" : null;
        if (badField != null) {
            JsonObject o = error("validation_failed", badField + " is missing or malformed");
            o.addProperty("field", badField);
            SimHttp.sendJson(ex, 422, o);
            return;
        }
        Challenge c;
        synchronized (this) {
            c = challenges.remove(challengeText); // single use, whatever the outcome
        }
        String problem;
        if (c == null) {
            problem = "unknown or already used challenge";
        } else if (!clock.instant().isBefore(c.expiresAt())) {
            problem = "challenge expired";
        } else if (!c.publicKeyHex().equals(key)) {
            problem = "challenge was issued for another public key";
        } else if (!signatureValid(key, challengeText, signature)) {
            problem = "invalid signature";
        } else {
            problem = null;
        }
        if (problem != null) {
            SimHttp.sendJson(ex, 401, error("unauthorized", problem));
            return;
        }
        String identity = identityOf(key);
        JsonObject o = new JsonObject();
        o.addProperty("token", issueToken(identity, SIGN_IN_TOKEN_VALIDITY));
        o.addProperty("identity_id", identity);
        LOG.info("technician {} signed in", identity);
        SimHttp.sendJson(ex, 200, o);
    }

    private static boolean signatureValid(String publicKeyHex, String challenge, String signatureHex) {
        try {
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(HexFormat.of().parseHex(X509_ED25519_PREFIX + publicKeyHex)));
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(pub);
            v.update(challenge.getBytes(StandardCharsets.UTF_8));
            return v.verify(HexFormat.of().parseHex(signatureHex));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // not a point on the curve, say
        }
    }

    private static String stringField(JsonObject b, String name) {
        JsonElement e = b.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            return null;
        }
        return e.getAsString();
    }

    private synchronized JsonObject site(String id) {
        JsonObject s = sites.get(id);
        return s == null ? null : s.deepCopy();
    }

    private static void siteNotFound(HttpExchange ex, String id) throws IOException {
        SimHttp.sendJson(ex, 404, error("not_found", "site '" + id + "' not found"));
    }

    private void siteDevices(HttpExchange ex, String siteId) throws IOException {
        JsonArray a = new JsonArray();
        synchronized (this) {
            if (!sites.containsKey(siteId)) {
                a = null;
            } else {
                for (Device d : devicesByHardwareId.values()) {
                    if (d.siteId.equals(siteId)) {
                        a.add(d.toJson());
                    }
                }
            }
        }
        if (a == null) {
            siteNotFound(ex, siteId);
            return;
        }
        JsonObject o = new JsonObject();
        o.add("devices", a);
        SimHttp.sendJson(ex, 200, o);
    }

    /** A 422 answer. */
    private static final class Invalid extends Exception {
        final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private void provision(HttpExchange ex) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        if (body == null) {
            SimHttp.sendJson(ex, 400, error("bad_request", "request body must be a JSON object"));
            return;
        }
        synchronized (this) {
            if (provisionRequests.size() == PROVISION_HISTORY) {
                provisionRequests.removeFirst();
            }
            provisionRequests.addLast(body.deepCopy());
        }
        Device req;
        try {
            req = validate(body);
        } catch (Invalid e) {
            JsonObject o = error("validation_failed", e.getMessage());
            o.addProperty("field", e.field);
            SimHttp.sendJson(ex, 422, o);
            return;
        }
        int status;
        JsonObject answer;
        synchronized (this) {
            String notClaimed = sites.containsKey(req.siteId) ? gateways.provisioningProblem(req.gatewaySerial,
                    sites.get(req.siteId).get("org_id").getAsString()) : null;
            if (!sites.containsKey(req.siteId)) {
                answer = null;
                status = 404;
            } else if (notClaimed != null) {
                answer = error("gateway_not_claimed", notClaimed);
                status = 409;
            } else {
                Device existing = devicesByHardwareId.get(req.hardwareId);
                if (existing == null && devicesByHardwareId.size() >= maxDevices) {
                    answer = null;
                    status = 429;
                } else if (existing == null) {
                    req.deviceId = "dev-" + UUID.randomUUID();
                    for (String[] d : req.ders) {
                        d[0] = "der-" + UUID.randomUUID();
                    }
                    devicesByHardwareId.put(req.hardwareId, req);
                    answer = req.toJson();
                    answer.addProperty("created", true);
                    status = 201;
                } else if (existing.siteId.equals(req.siteId) && existing.gatewaySerial.equals(req.gatewaySerial)) {
                    // Same hardware bound again: a safe retry. DERs not yet known (by name and type) are added;
                    // known ones keep their ids.
                    for (String[] d : req.ders) {
                        boolean known = existing.ders.stream().anyMatch(e -> e[1].equals(d[1]) && e[2].equals(d[2]));
                        if (!known) {
                            existing.ders.add(new String[]{"der-" + UUID.randomUUID(), d[1], d[2]});
                        }
                    }
                    answer = existing.toJson();
                    answer.addProperty("created", false);
                    status = 200;
                } else {
                    answer = error("conflict", "hardware_id '" + req.hardwareId + "' is already provisioned on gateway '"
                            + existing.gatewaySerial + "' at site '" + existing.siteId + "'");
                    status = 409;
                }
            }
        }
        if (status == 404) {
            siteNotFound(ex, req.siteId);
            return;
        }
        if (status == 429) {
            tooMany(ex, "this stand-in keeps at most " + maxDevices + " devices");
            return;
        }
        if (status != 409) {
            gateways.provisionedAt(req.gatewaySerial, req.siteId);
            LOG.info("provisioned {} at {} ({})", req.hardwareId, req.siteId, status == 201 ? "created" : "existing");
        }
        SimHttp.sendJson(ex, status, answer);
    }

    private static Device validate(JsonObject b) throws Invalid {
        Device d = new Device();
        d.hardwareId = requiredString(b, "hardware_id");
        d.deviceType = requiredString(b, "device_type");
        if (!DEVICE_TYPES.contains(d.deviceType)) {
            throw new Invalid("device_type", "device_type must be one of inverter, meter, charger");
        }
        d.siteId = requiredString(b, "site_id");
        d.gatewaySerial = requiredString(b, "gateway_serial");
        d.name = optionalString(b, "name");
        d.manufacturer = optionalString(b, "manufacturer");
        d.model = optionalString(b, "model");
        if (d.name == null) {
            d.name = d.hardwareId;
        }
        JsonElement ders = b.get("ders");
        if (ders == null || ders.isJsonNull()) {
            throw new Invalid("ders", "ders is required");
        }
        if (!ders.isJsonArray()) {
            throw new Invalid("ders", "ders must be an array");
        }
        JsonArray a = ders.getAsJsonArray();
        if (a.isEmpty()) {
            throw new Invalid("ders", "ders must not be empty");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            String f = "ders[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                throw new Invalid(f, f + " must be an object");
            }
            JsonObject e = a.get(i).getAsJsonObject();
            String name = requiredString(e, "name", f + ".name");
            String type = requiredString(e, "type", f + ".type");
            if (!DER_TYPES.contains(type)) {
                throw new Invalid(f + ".type", f + ".type must be one of solar, battery, meter, v2x_charger, ev_port");
            }
            if (!names.add(name)) {
                throw new Invalid(f + ".name", "duplicate DER name '" + name + "'");
            }
            d.ders.add(new String[]{null, name, type});
        }
        return d;
    }

    private static String requiredString(JsonObject b, String name) throws Invalid {
        return requiredString(b, name, name);
    }

    private static String requiredString(JsonObject b, String name, String field) throws Invalid {
        JsonElement e = b.get(name);
        if (e == null || e.isJsonNull()) {
            throw new Invalid(field, field + " is required");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Invalid(field, field + " must be a string");
        }
        String s = e.getAsString().trim();
        if (s.isEmpty()) {
            throw new Invalid(field, field + " must not be blank");
        }
        return s;
    }

    private static String optionalString(JsonObject b, String name) throws Invalid {
        JsonElement e = b.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Invalid(name, name + " must be a string");
        }
        String s = e.getAsString().trim();
        return s.isEmpty() ? null : s;
    }
}
