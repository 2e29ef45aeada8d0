package com.sourceful.commissioner.novacore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.http.Json;
import com.sourceful.commissioner.http.Json.JsonShapeException;
import com.sourceful.commissioner.http.UntrustedCertificateException;

import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Client of Novacore ({@code ../shared/reference/novacore-api.md}). Every call carries the technician's token, which
 * is checked locally first: an expired or malformed token is never sent. {@link #signIn} gets a token with the
 * technician's Ed25519 key (challenge, signature, verify); it is the only call without one.
 */
public final class NovacoreClient implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final URI base;
    private final HttpTransport http;
    private final Clock clock;

    public NovacoreClient(URI base, Clock clock) {
        URI checked = NovacoreEnvironment.checkBaseUri(base.toString());
        this.base = checked.toString().endsWith("/") ? checked : URI.create(checked + "/");
        this.clock = clock;
        this.http = new HttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(20), MAX_BODY_BYTES);
    }

    public URI baseUri() {
        return base;
    }

    public List<Site> sites(AccessToken token) throws NovacoreException {
        return readSites(send(token, () -> http.get(base.resolve("sites"), auth(token))), clock);
    }

    /** Reads the answer to {@code GET /sites}: a value or a {@link NovacoreException}, whatever the body holds. */
    static List<Site> readSites(HttpTransport.Response r, Clock clock) throws NovacoreException {
        JsonElement root = parse(r, clock, 200);
        return parse(() -> {
            JsonArray list = arrayOf(root, "sites");
            List<Site> sites = new ArrayList<>();
            for (JsonObject s : Json.objects(list)) {
                sites.add(new Site(Json.string(s, "id"), Json.optString(s, "name").orElse(""),
                        Json.optString(s, "address").orElse(""), Json.optString(s, "org_id").orElse("")));
            }
            return List.copyOf(sites);
        });
    }

    /**
     * Signs in with the technician's key: {@code POST /auth/challenge {public_key}}, signs the challenge,
     * {@code POST /auth/verify {public_key, signature, challenge}} and reads the token it answers. An unknown key or a
     * refused signature is {@link NovacoreException.Kind#REJECTED} with Novacore's status (404 or 401).
     */
    public AccessToken signIn(TechnicianKey key) throws NovacoreException {
        JsonObject ask = new JsonObject();
        ask.addProperty("public_key", key.publicKeyHex());
        String challenge = readChallenge(exchange(() -> http.postJson(base.resolve("auth/challenge"), ask.toString(),
                Map.of())), clock);

        JsonObject answer = new JsonObject();
        answer.addProperty("public_key", key.publicKeyHex());
        answer.addProperty("signature", key.sign(challenge));
        answer.addProperty("challenge", challenge);
        return readVerified(exchange(() -> http.postJson(base.resolve("auth/verify"), answer.toString(),
                Map.of())), clock);
    }

    /** Reads the answer to {@code POST /auth/challenge}: the challenge to sign. */
    static String readChallenge(HttpTransport.Response r, Clock clock) throws NovacoreException {
        JsonElement challengeRoot = parse(r, clock, 200, 201);
        return parse(() -> Json.string(object(challengeRoot), "challenge"));
    }

    /** Reads the answer to {@code POST /auth/verify}: the token, checked against its identity and the clock. */
    static AccessToken readVerified(HttpTransport.Response r, Clock clock) throws NovacoreException {
        JsonElement verifyRoot = parse(r, clock, 200, 201);
        JsonObject verified = parse(() -> object(verifyRoot));
        String jwt = parse(() -> Json.string(verified, "token"));
        Optional<String> identity = parse(() -> Json.optString(verified, "identity_id"));
        AccessToken token;
        try {
            token = AccessToken.parse(jwt);
        } catch (AccessToken.InvalidTokenException e) {
            // The exception's message never quotes the token.
            throw new NovacoreException(NovacoreException.Kind.BAD_RESPONSE, 0, null,
                    "the token from /auth/verify is unreadable: " + e.getMessage(), null, null, null);
        }
        if (identity.isPresent() && token.identityId().isPresent() && !identity.get().equals(token.identityId().get())) {
            throw new NovacoreException(NovacoreException.Kind.BAD_RESPONSE, 0, null,
                    "the token's identity differs from identity_id", null, null, null);
        }
        if (token.isExpired(clock.instant())) {
            throw new NovacoreException(NovacoreException.Kind.BAD_RESPONSE, 0, "token_expired",
                    "the new token has already expired; check this computer's clock", null, null, null);
        }
        return token;
    }

    /** The devices Novacore has at a site ({@code GET /sites/{id}/devices}); an unknown site is REJECTED 404. */
    public List<ProvisionedDevice> siteDevices(String siteId, AccessToken token) throws NovacoreException {
        URI uri = base.resolve("sites/" + pathSegment(siteId) + "/devices");
        return readSiteDevices(send(token, () -> http.get(uri, auth(token))), clock);
    }

    /** Reads the answer to {@code GET /sites/{id}/devices}. */
    static List<ProvisionedDevice> readSiteDevices(HttpTransport.Response r, Clock clock) throws NovacoreException {
        JsonElement root = parse(r, clock, 200);
        return parse(() -> {
            List<ProvisionedDevice> devices = new ArrayList<>();
            for (JsonObject d : Json.objects(arrayOf(root, "devices"))) {
                List<ProvisionResult.ProvisionedDer> ders = new ArrayList<>();
                for (JsonObject e : Json.objects(Json.optArray(d, "ders").orElseGet(JsonArray::new))) {
                    ders.add(ProvisionResult.ProvisionedDer.fromJson(e));
                }
                devices.add(new ProvisionedDevice(Json.string(d, "device_id"),
                        Json.optString(d, "hardware_id").orElse(""), Json.optString(d, "name").orElse(""),
                        Json.optString(d, "device_type").orElse(""), ders,
                        Json.optString(d, "state").orElse("")));
            }
            return List.copyOf(devices);
        });
    }

    /** Provisions a device and its DERs. 201 and 200 ({@code created:false}) are both success. */
    public ProvisionResult provision(ProvisionRequest request, AccessToken token) throws NovacoreException {
        String body = request.toJson().toString();
        return readProvision(send(token, () -> http.postJson(base.resolve("devices/provision"), body, auth(token))),
                request, clock);
    }

    /** Reads the answer to {@code POST /devices/provision}; missing ids fall back to the request's. */
    static ProvisionResult readProvision(HttpTransport.Response r, ProvisionRequest request, Clock clock)
            throws NovacoreException {
        JsonElement root = parse(r, clock, 200, 201);
        return parse(() -> ProvisionResult.fromJson(object(root), request));
    }

    /**
     * The gateways {@code orgId} has claimed ({@code GET /gateways?org_id=…}). A gateway not listed is either not
     * claimed or claimed by another organisation: this call cannot tell which (only a claim attempt can).
     */
    public List<ClaimedGateway> gateways(String orgId, AccessToken token) throws NovacoreException {
        URI uri = base.resolve("gateways?org_id=" + URLEncoder.encode(orgId, StandardCharsets.UTF_8));
        return readGateways(send(token, () -> http.get(uri, auth(token))), clock);
    }

    /** Reads the answer to {@code GET /gateways}. */
    static List<ClaimedGateway> readGateways(HttpTransport.Response r, Clock clock) throws NovacoreException {
        JsonElement root = parse(r, clock, 200);
        return parse(() -> {
            List<ClaimedGateway> gateways = new ArrayList<>();
            for (JsonObject g : Json.objects(arrayOf(root, "gateways"))) {
                gateways.add(claimedGateway(g, "serial"));
            }
            return List.copyOf(gateways);
        });
    }

    /**
     * Claims a gateway for an organisation ({@code POST /gateways/claim}): 201 is a new claim, 200 one this
     * organisation held already. A refusal is a {@link NovacoreException}; {@link ClaimRefusal#of} says which.
     */
    public ClaimResult claim(ClaimRequest request, AccessToken token) throws NovacoreException {
        String body = request.toJson().toString();
        return readClaim(send(token, () -> http.postJson(base.resolve("gateways/claim"), body, auth(token))),
                request, clock);
    }

    /** Reads the answer to {@code POST /gateways/claim}; missing fields fall back to the request's. */
    static ClaimResult readClaim(HttpTransport.Response r, ClaimRequest request, Clock clock)
            throws NovacoreException {
        JsonElement root = parse(r, clock, 200, 201);
        return parse(() -> {
            JsonObject o = object(root);
            if (!o.has("gateway_serial")) {
                o.addProperty("gateway_serial", request.gatewaySerial());
            }
            if (!o.has("org_id")) {
                o.addProperty("org_id", request.orgId());
            }
            return new ClaimResult(claimedGateway(o, "gateway_serial"), r.status() == 201);
        });
    }

    private static ClaimedGateway claimedGateway(JsonObject g, String serialField) {
        return new ClaimedGateway(Json.string(g, serialField), Json.string(g, "org_id"),
                Json.optString(g, "site_id"), Json.optString(g, "state").orElse("claimed"),
                Json.optString(g, "claimed_at"));
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private interface Exchange {
        HttpTransport.Response run() throws IOException;
    }

    private interface Parser<T> {
        T parse();
    }

    private Map<String, String> auth(AccessToken token) {
        return Map.of("Authorization", token.authorizationHeader());
    }

    private HttpTransport.Response send(AccessToken token, Exchange exchange) throws NovacoreException {
        if (token.isExpired(clock.instant())) {
            // Refused here so an expired credential never travels; the UI asks to sign in again.
            throw new NovacoreException(NovacoreException.Kind.REJECTED, 401, "token_expired",
                    "the token has expired; sign in again", null, null, null);
        }
        return exchange(exchange);
    }

    private HttpTransport.Response exchange(Exchange exchange) throws NovacoreException {
        try {
            return exchange.run();
        } catch (SSLException e) {
            Optional<UntrustedCertificateException> untrusted = UntrustedCertificateException.in(e);
            if (untrusted.isPresent()) {
                throw NovacoreException.intercepted(untrusted.get().presented(), e);
            }
            throw new NovacoreException(NovacoreException.Kind.UNREACHABLE, 0, null, e.getClass().getSimpleName(),
                    null, null, e);
        } catch (ConnectTimeoutException | ConnectException | UnknownHostException | NoRouteToHostException e) {
            throw new NovacoreException(NovacoreException.Kind.UNREACHABLE, 0, null, e.getClass().getSimpleName(),
                    null, null, e);
        } catch (InterruptedIOException e) {
            throw new NovacoreException(NovacoreException.Kind.TIMEOUT, 0, null, null, null, null, e);
        } catch (HttpTransport.BodyTooLargeException e) {
            throw new NovacoreException(NovacoreException.Kind.BAD_RESPONSE, 0, null, e.getMessage(), null, null, e);
        } catch (IOException e) {
            throw new NovacoreException(NovacoreException.Kind.UNREACHABLE, 0, null,
                    "connection lost: " + e.getClass().getSimpleName(), null, null, e);
        }
    }

    private static JsonElement parse(HttpTransport.Response r, Clock clock, int... ok) throws NovacoreException {
        for (int status : ok) {
            if (r.status() == status) {
                return parse(() -> Json.parse(r.body()));
            }
        }
        String code = null;
        String message = null;
        String field = null;
        try {
            JsonObject err = Json.parseObject(r.body());
            code = Json.optString(err, "error").orElse(null);
            message = Json.optString(err, "message").orElse(null);
            field = Json.optString(err, "field").orElse(null);
        } catch (JsonShapeException e) {
            // A proxy's HTML error page, say: the status is all we have.
        }
        throw new NovacoreException(NovacoreException.Kind.REJECTED, r.status(), code, message, field,
                retryAfter(r, clock).orElse(null), null);
    }

    private static <T> T parse(Parser<T> parser) throws NovacoreException {
        try {
            return parser.parse();
        } catch (JsonShapeException | IllegalStateException | UnsupportedOperationException e) {
            throw new NovacoreException(NovacoreException.Kind.BAD_RESPONSE, 0, null, e.getMessage(), null, null, e);
        }
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    private static Optional<Duration> retryAfter(HttpTransport.Response r, Clock clock) {
        return r.header("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration d = Duration.between(clock.instant(), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        });
    }

    private static JsonObject object(JsonElement root) {
        if (!root.isJsonObject()) {
            throw new JsonShapeException("expected a JSON object");
        }
        return root.getAsJsonObject();
    }

    /** Percent-encodes one path segment (RFC 3986 unreserved characters pass). */
    private static String pathSegment(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("site id must not be blank");
        }
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    private static JsonArray arrayOf(JsonElement root, String key) {
        if (root.isJsonArray()) {
            return root.getAsJsonArray();
        }
        if (root.isJsonObject()) {
            JsonObject o = root.getAsJsonObject();
            return Json.optArray(o, key).or(() -> Json.optArray(o, "data"))
                    .orElseThrow(() -> new JsonShapeException("missing array '" + key + "'"));
        }
        throw new JsonShapeException("expected a list of " + key);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // Nothing held that matters.
        }
    }
}
