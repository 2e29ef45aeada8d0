package com.sourceful.commissioner.testsupport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.http.StubServer;

/**
 * Stubs on 127.0.0.1 for claim tests: a Zap that holds a real P-256 key and signs as the claim contract says (or as a
 * test bends it), and a Novacore whose {@code /gateways/claim} answers from a script. Written from the contract, not
 * from the app's conversion code, so they do not share its mistakes.
 */
public final class ClaimStubs {

    private ClaimStubs() {
    }

    /** A new P-256 key pair. */
    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 04‖X‖Y} hex of a key. */
    public static String uncompressed(ECPublicKey key) {
        return "04" + coordinate(key.getW().getAffineX()) + coordinate(key.getW().getAffineY());
    }

    private static String coordinate(BigInteger v) {
        String hex = v.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** A Zap with {@code /api/crypto}, {@code /api/system} and {@code /api/crypto/sign}. */
    public static final class Zap implements AutoCloseable {
        public final StubServer server;
        public final String serial;
        public final KeyPair key;
        /** The key that signs; another than {@link #key} makes signatures that do not verify. */
        public volatile KeyPair signingKey;
        /** Bends the message the Zap builds before it signs it. */
        public volatile UnaryOperator<String> messageEdit = UnaryOperator.identity();
        /** Replaces the DER hex it answers, when set. */
        public volatile String derOverride;
        public final List<JsonObject> signRequests = new CopyOnWriteArrayList<>();

        public Zap(String serial) throws IOException {
            this.serial = serial;
            this.key = p256();
            this.signingKey = key;
            this.server = StubServer.start();
            server.json("/api/crypto", 200, "{\"serialNumber\":\"" + serial + "\",\"deviceName\":\"Zap\","
                    + "\"publicKey\":\"" + uncompressed((ECPublicKey) key.getPublic()) + "\"}");
            server.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"" + serial + "\",\"firmwareVersion\":\"1.0\","
                    + "\"publicKey\":\"" + uncompressed((ECPublicKey) key.getPublic()) + "\"}}");
            server.on("/api/crypto/sign", ex -> {
                JsonObject ask = JsonParser.parseString(new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).getAsJsonObject();
                signRequests.add(ask);
                String message = messageEdit.apply(ask.get("message").getAsString() + "|0123456789abcdef|"
                        + ask.get("timestamp").getAsString() + "|" + serial);
                String der;
                try {
                    Signature signer = Signature.getInstance("SHA256withECDSA");
                    signer.initSign(signingKey.getPrivate());
                    signer.update(message.getBytes(StandardCharsets.UTF_8));
                    der = HexFormat.of().formatHex(signer.sign());
                } catch (GeneralSecurityException e) {
                    throw new IOException(e);
                }
                JsonObject answer = new JsonObject();
                answer.addProperty("sign", derOverride != null ? derOverride : der);
                answer.addProperty("message", message);
                StubServer.send(ex, 200, "application/json", answer.toString());
            });
        }

        public String host() {
            return "127.0.0.1:" + server.baseUri().getPort();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** One scripted Novacore answer. */
    public record Answer(int status, String body) {
    }

    /** A Novacore with {@code /gateways/claim} answering from a script (the last answer repeats). */
    public static final class Novacore implements AutoCloseable {
        public final StubServer server;
        public final List<JsonObject> claims = new CopyOnWriteArrayList<>();
        public final List<String> authorizations = new CopyOnWriteArrayList<>();
        private final Deque<Answer> script = new ArrayDeque<>();
        /** Runs when a claim arrives, before it is answered (a test moves its clock here). */
        public volatile Runnable onClaim = () -> { };

        public Novacore(Answer... answers) throws IOException {
            script.addAll(List.of(answers));
            server = StubServer.start();
            server.on("/gateways/claim", ex -> {
                claims.add(JsonParser.parseString(new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).getAsJsonObject());
                authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
                onClaim.run();
                Answer a;
                synchronized (script) {
                    a = script.size() > 1 ? script.poll() : script.peek();
                }
                StubServer.send(ex, a.status(), "application/json", a.body());
            });
        }

        /** 201 or 200 with the contract's body. */
        public static Answer claimed(String serial, String org, boolean created) {
            return new Answer(created ? 201 : 200, "{\"gateway_serial\":\"" + serial + "\",\"org_id\":\"" + org
                    + "\",\"state\":\"claimed\",\"claimed_at\":\"2026-06-21T10:00:00Z\",\"created\":" + created + "}");
        }

        public static Answer error(int status, String code, String message) {
            return new Answer(status, "{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}");
        }

        public static Answer stale() {
            return error(422, "stale_timestamp", "unix_ts is older than 300 s");
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
