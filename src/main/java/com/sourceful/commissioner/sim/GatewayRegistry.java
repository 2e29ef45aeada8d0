package com.sourceful.commissioner.sim;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Novacore stand-in's gateways: which public key Novacore knows for a serial ({@link #register}), and which
 * organisation has claimed it. Answers {@code GET /gateways?org_id=} and {@code POST /gateways/claim} as the claim
 * contract says, verifying the Zap's ECDSA P-256 signature for real.
 * <p>
 * The conversions here (X‖Y → EC key, raw R‖S → DER) are the stand-in's own, deliberately not the app's: a
 * simulator that shared the client's code would agree with it by construction.
 * <p>
 * Choices where novacore-api.md is silent (the contract's, or ours where marked): a timestamp older than
 * {@link #MAX_AGE} or more than {@link #MAX_AHEAD} ahead of the stand-in's clock is stale; a token without an
 * {@code org_id} claim may act for every organisation (ours: demo and unscoped sign-ins), one with it only for that
 * one; checks run in the order validation, organisation, claimer, timestamp, serial known, key, signature, owner
 * (ours), so a wrong key answers key_mismatch even when the signature would verify with the key sent.
 */
final class GatewayRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRegistry.class);
    private static final HexFormat HEX = HexFormat.of();
    /** How old a claim message's timestamp may be. */
    static final Duration MAX_AGE = Duration.ofSeconds(300);
    /** How far ahead of the stand-in's clock a claim message's timestamp may be. */
    static final Duration MAX_AHEAD = Duration.ofSeconds(60);
    /** Claims kept at most; past it a new claim answers 429, like the stand-in's other bounds. */
    static final int MAX_GATEWAYS = 10_000;
    static final Pattern ORG_ID = Pattern.compile("org-[A-Za-z0-9_-]{1,64}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HEX_64_BYTES = Pattern.compile("[0-9a-fA-F]{128}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,18}");

    private final Clock clock;
    /** Public key (X‖Y, 128 lower-case hex) by serial; guarded by this. */
    private final Map<String, String> keys = new HashMap<>();
    /** Claims by serial, in claim order; guarded by this. */
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private volatile int maxGateways = MAX_GATEWAYS;

    /** Who is asking: the token's identity and, when the token names one, its organisation (else null: any). */
    record Caller(String identityId, String orgId) {
        boolean maySee(String org) {
            return orgId == null || orgId.equals(org);
        }
    }

    private static final class Claim {
        final String orgId;
        final Instant claimedAt;
        String siteId;

        Claim(String orgId, Instant claimedAt) {
            this.orgId = orgId;
            this.claimedAt = claimedAt;
        }
    }

    GatewayRegistry(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    void limitTo(int gateways) {
        maxGateways = gateways;
    }

    /**
     * Novacore learns a gateway's key: {@code 04}+X+Y (130 hex, as the Zap reports it) or X+Y (128 hex).
     * Registering again replaces the key and keeps any claim.
     */
    synchronized void register(String serial, String publicKeyHex) {
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("serial must be 1..64 letters, digits, '.', '_' or '-'");
        }
        String k = publicKeyHex == null ? "" : publicKeyHex.strip().toLowerCase(Locale.ROOT);
        if (k.length() == 130 && k.startsWith("04")) {
            k = k.substring(2);
        }
        if (!HEX_64_BYTES.matcher(k).matches()) {
            throw new IllegalArgumentException("publicKeyHex must be an uncompressed P-256 point (04+X+Y) or X+Y");
        }
        if (!keys.containsKey(serial) && keys.size() >= maxGateways) {
            throw new IllegalStateException("this stand-in keeps at most " + maxGateways + " gateways");
        }
        keys.put(serial, k);
    }

    /** Set-up shortcut (demo, tests): {@code orgId} has claimed the registered gateway, no signature needed. */
    synchronized void claimWithoutSignature(String serial, String orgId) {
        if (!keys.containsKey(serial)) {
            throw new IllegalArgumentException("gateway '" + serial + "' is not registered");
        }
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw new IllegalArgumentException("orgId must look like org-…");
        }
        claims.put(serial, new Claim(orgId, clock.instant()));
    }

    /**
     * Null when a device may be provisioned on this gateway for a site of {@code siteOrgId}, else why not: a gateway
     * Novacore knows must be claimed by the site's organisation first. A serial never registered passes (as before
     * claims existed).
     */
    synchronized String provisioningProblem(String serial, String siteOrgId) {
        if (!keys.containsKey(serial)) {
            return null;
        }
        Claim c = claims.get(serial);
        if (c == null || !c.orgId.equals(siteOrgId)) {
            return "gateway '" + serial + "' is not claimed by the site's organisation; claim it first";
        }
        return null;
    }

    /** The organisation that holds the gateway, if one does (tests look from Novacore's side). */
    synchronized Optional<String> claimedBy(String serial) {
        return Optional.ofNullable(claims.get(serial)).map(c -> c.orgId);
    }

    /** A device was provisioned on the gateway at a site: a claimed gateway without a site gets that one. */
    synchronized void provisionedAt(String serial, String siteId) {
        Claim c = claims.get(serial);
        if (c != null && c.siteId == null) {
            c.siteId = siteId; // our choice: the claim call names no site; the first provisioning does
        }
    }

    // ------------------------------------------------------------------ GET /gateways

    void list(HttpExchange ex, Caller caller) throws IOException {
        String org = queryParameter(ex.getRequestURI().getRawQuery(), "org_id");
        if (org == null || !ORG_ID.matcher(org).matches()) {
            SimHttp.sendJson(ex, 400, error("bad_request", "org_id is required and must look like org-…"));
            return;
        }
        if (!caller.maySee(org)) {
            SimHttp.sendJson(ex, 403, error("forbidden", "this token may not see that organisation"));
            return;
        }
        JsonArray a = new JsonArray();
        synchronized (this) {
            claims.forEach((serial, c) -> {
                if (c.orgId.equals(org)) {
                    JsonObject g = new JsonObject();
                    g.addProperty("serial", serial);
                    g.addProperty("org_id", c.orgId);
                    g.addProperty("site_id", c.siteId);
                    g.addProperty("state", "claimed");
                    g.addProperty("claimed_at", c.claimedAt.toString());
                    a.add(g);
                }
            });
        }
        JsonObject o = new JsonObject();
        o.add("gateways", a);
        SimHttp.sendJson(ex, 200, o);
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ POST /gateways/claim

    /** A 422 validation_failed answer. */
    private static final class Invalid extends Exception {
        final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private record Request(String serial, String orgId, String publicKey, String signature, String claimer,
                           long unixTs, String message) {
    }

    void claim(HttpExchange ex, Caller caller) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        if (body == null) {
            SimHttp.sendJson(ex, 400, error("bad_request", "request body must be a JSON object"));
            return;
        }
        Request r;
        try {
            r = validate(body);
        } catch (Invalid e) {
            JsonObject o = error("validation_failed", e.getMessage());
            o.addProperty("field", e.field);
            SimHttp.sendJson(ex, 422, o);
            return;
        }
        if (!caller.maySee(r.orgId())) {
            SimHttp.sendJson(ex, 403, error("forbidden", "this token may not act for that organisation"));
            return;
        }
        if (!r.claimer().equals(caller.identityId())) {
            SimHttp.sendJson(ex, 403, error("forbidden", "the message's claimer is not the signed-in identity"));
            return;
        }
        long now = clock.instant().getEpochSecond();
        if (r.unixTs() < now - MAX_AGE.getSeconds() || r.unixTs() > now + MAX_AHEAD.getSeconds()) {
            SimHttp.sendJson(ex, 422, error("stale_timestamp", "the message's timestamp must be within "
                    + MAX_AGE.getSeconds() + " s before and " + MAX_AHEAD.getSeconds() + " s after Novacore's clock"));
            return;
        }
        String known;
        synchronized (this) {
            known = keys.get(r.serial());
        }
        if (known == null) {
            SimHttp.sendJson(ex, 404, error("not_found", "gateway '" + r.serial() + "' not found"));
            return;
        }
        if (!known.equals(r.publicKey())) {
            SimHttp.sendJson(ex, 403, error("key_mismatch", "public_key is not this gateway's key"));
            return;
        }
        if (!signatureValid(r.publicKey(), r.message(), r.signature())) {
            SimHttp.sendJson(ex, 403, error("invalid_signature", "the signature does not verify with public_key"));
            return;
        }
        int status;
        Claim claim;
        synchronized (this) {
            claim = claims.get(r.serial());
            if (claim != null) {
                status = claim.orgId.equals(r.orgId()) ? 200 : 409;
            } else if (claims.size() >= maxGateways) {
                status = 429;
            } else {
                claim = new Claim(r.orgId(), clock.instant());
                claims.put(r.serial(), claim);
                status = 201;
            }
        }
        if (status == 409) {
            // Never names the other organisation.
            SimHttp.sendJson(ex, 409, error("conflict", "gateway is claimed by another organisation"));
            return;
        }
        if (status == 429) {
            ex.getResponseHeaders().set("Retry-After", "60");
            SimHttp.sendJson(ex, 429, error("rate_limited", "this stand-in keeps at most " + maxGateways
                    + " gateways"));
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("gateway_serial", r.serial());
        o.addProperty("org_id", r.orgId());
        o.addProperty("state", "claimed");
        o.addProperty("claimed_at", claim.claimedAt.toString());
        o.addProperty("created", status == 201);
        LOG.info("gateway {} claimed by {} ({})", r.serial(), r.orgId(), status == 201 ? "created" : "existing");
        SimHttp.sendJson(ex, status, o);
    }

    private static Request validate(JsonObject b) throws Invalid {
        String serial = string(b, "gateway_serial");
        if (!SERIAL.matcher(serial).matches()) {
            throw new Invalid("gateway_serial", "gateway_serial must be 1..64 letters, digits, '.', '_' or '-'");
        }
        String org = string(b, "org_id");
        if (!ORG_ID.matcher(org).matches()) {
            throw new Invalid("org_id", "org_id must look like org-…");
        }
        String key = string(b, "public_key");
        if (!HEX_64_BYTES.matcher(key).matches()) {
            throw new Invalid("public_key", "public_key must be 128 hex chars: X and Y of the P-256 point");
        }
        String signature = string(b, "signature");
        if (!HEX_64_BYTES.matcher(signature).matches()) {
            throw new Invalid("signature", "signature must be 128 hex chars: R and S, 32 bytes each");
        }
        String message = string(b, "message");
        String[] parts = message.split("\\|", -1);
        if (parts.length != 4 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new Invalid("message", "message must be claimer_identity_id|nonce|unix_ts|gateway_serial");
        }
        if (!UNIX_SECONDS.matcher(parts[2]).matches()) {
            throw new Invalid("message", "the message's unix_ts must be whole seconds");
        }
        if (!parts[3].equals(serial)) {
            throw new Invalid("message", "the message's serial is not gateway_serial");
        }
        return new Request(serial, org, key.toLowerCase(Locale.ROOT), signature.toLowerCase(Locale.ROOT), parts[0],
                Long.parseLong(parts[2]), message);
    }

    private static String string(JsonObject b, String name) throws Invalid {
        JsonElement e = b.get(name);
        if (e == null || e.isJsonNull()) {
            throw new Invalid(name, name + " is required");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Invalid(name, name + " must be a string");
        }
        return e.getAsString();
    }

    // ------------------------------------------------------------------ the stand-in's own P-256 verification

    /** SHA256withECDSA over the message's UTF-8 bytes, with X‖Y and R‖S as FTW sends them. */
    static boolean signatureValid(String publicKeyXy, String message, String signatureRs) {
        try {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(p256PublicKey(HEX.parseHex(publicKeyXy)));
            v.update(message.getBytes(StandardCharsets.UTF_8));
            return v.verify(derSignature(HEX.parseHex(signatureRs)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // not a point on the curve, R or S out of range, ...
        }
    }

    /** X‖Y (32 bytes each, big-endian) as a P-256 public key. */
    static PublicKey p256PublicKey(byte[] xy) throws GeneralSecurityException {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = p.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve));
    }

    /** Raw R‖S (32 bytes each) as DER: SEQUENCE { INTEGER r, INTEGER s } (short lengths: at most 70 bytes). */
    static byte[] derSignature(byte[] rs) {
        byte[] r = derInteger(Arrays.copyOfRange(rs, 0, 32));
        byte[] s = derInteger(Arrays.copyOfRange(rs, 32, 64));
        byte[] out = new byte[2 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, out, 2, r.length);
        System.arraycopy(s, 0, out, 2 + r.length, s.length);
        return out;
    }

    /** An unsigned big-endian number as a DER INTEGER: leading zeros dropped, a 00 added when the top bit is set. */
    private static byte[] derInteger(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0) {
            start++;
        }
        int pad = (unsigned[start] & 0x80) != 0 ? 1 : 0;
        int len = unsigned.length - start + pad;
        byte[] out = new byte[2 + len];
        out[0] = 0x02;
        out[1] = (byte) len;
        System.arraycopy(unsigned, start, out, 2 + pad, unsigned.length - start);
        return out;
    }

    private static JsonObject error(String code, String message) {
        JsonObject o = SimHttp.error(code);
        o.addProperty("message", message);
        return o;
    }
}
