package com.sourceful.commissioner.sim;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

/**
 * A simulated Zap's own ECDSA P-256 key pair and its {@code POST /api/crypto/sign} (zap-local-api.md). The key is
 * made fresh for each simulator (a real Zap's is fixed in its secure element; not being deterministic per serial is
 * our choice: a test can never lean on a well-known private key) and stays the same for the simulator's life.
 */
final class ZapKey {

    private static final HexFormat HEX = HexFormat.of();
    private static final int COORDINATE_BYTES = 32;

    private final KeyPair pair;
    private final String publicKeyHex;
    private final SecureRandom random = new SecureRandom();

    private ZapKey(KeyPair pair) {
        this.pair = pair;
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        this.publicKeyHex = "04" + HEX.formatHex(unsigned(pub.getW().getAffineX()))
                + HEX.formatHex(unsigned(pub.getW().getAffineY()));
    }

    /** A new random P-256 (secp256r1) key pair. */
    static ZapKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new ZapKey(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available in this JDK", e);
        }
    }

    /** The public key as the Zap reports it: uncompressed point, {@code 04} + X + Y, 130 lower-case hex chars. */
    String publicKeyHex() {
        return publicKeyHex;
    }

    /** What the Zap answers to a sign request: the DER signature (hex) and the message it signed. */
    record Signed(String signDerHex, String message) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("sign", signDerHex);
            o.addProperty("message", message);
            return o;
        }
    }

    /**
     * Signs {@code message|nonce|timestamp|serial} with SHA256withECDSA over its UTF-8 bytes; the nonce is 16 random
     * hex chars. The message and timestamp are embedded as given (the Zap does not check them; Novacore does).
     */
    Signed sign(String message, String timestamp, String serial) {
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        String full = message + "|" + HEX.formatHex(nonce) + "|" + timestamp + "|" + serial;
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(pair.getPrivate());
            s.update(full.getBytes(StandardCharsets.UTF_8));
            return new Signed(HEX.formatHex(s.sign()), full);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is not available in this JDK", e);
        }
    }

    /**
     * {@code POST /api/crypto/sign}: body {@code {message?, timestamp?}}, both strings when present (absent or null:
     * an empty message, the Zap's clock in seconds). A body that is not a JSON object, or a field that is not a
     * string, answers 400 {@code {"error":"bad request"}} — the contract's choice; the document is silent.
     */
    void answerSign(HttpExchange ex, String serial, long nowMillis) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        String message = body == null ? null : stringOr(body.get("message"), "");
        String timestamp = body == null ? null : stringOr(body.get("timestamp"), Long.toString(
                Math.floorDiv(nowMillis, 1000L)));
        if (message == null || timestamp == null) {
            SimHttp.sendJson(ex, 400, SimHttp.error("bad request"));
            return;
        }
        SimHttp.sendJson(ex, 200, sign(message, timestamp, serial).toJson());
    }

    /** The string value, {@code absent} when the field is missing or null, null when it is not a string. */
    private static String stringOr(JsonElement e, String absent) {
        if (e == null || e.isJsonNull()) {
            return absent;
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** A coordinate as exactly 32 bytes, big-endian, left-padded (BigInteger adds a sign byte or drops zeros). */
    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[COORDINATE_BYTES];
        int n = Math.min(b.length, COORDINATE_BYTES);
        System.arraycopy(b, b.length - n, out, COORDINATE_BYTES - n, n);
        return out;
    }
}
