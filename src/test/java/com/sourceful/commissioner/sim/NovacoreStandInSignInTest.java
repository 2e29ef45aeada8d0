package com.sourceful.commissioner.sim;

import com.sourceful.commissioner.testsupport.TestClock;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /auth/challenge} and {@code POST /auth/verify} of the Novacore stand-in, with the JDK's Ed25519. */
class NovacoreStandInSignInTest {

    TestClock clock;
    NovacoreStandIn nova;
    URI base;
    KeyPair pair;
    String publicHex;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        base = nova.baseUri();
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        publicHex = rawPublic(pair);
    }

    @AfterEach
    void stop() {
        nova.close();
    }

    static String rawPublic(KeyPair p) {
        byte[] x509 = p.getPublic().getEncoded();
        return HexFormat.of().formatHex(x509, x509.length - 32, x509.length);
    }

    static String sign(KeyPair p, String message) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(p.getPrivate());
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(s.sign());
    }

    Http.Reply challenge(String publicKey) {
        JsonObject b = new JsonObject();
        b.addProperty("public_key", publicKey);
        return Http.post(base, "/auth/challenge", b.toString());
    }

    Http.Reply verify(String publicKey, String signature, String challenge) {
        JsonObject b = new JsonObject();
        b.addProperty("public_key", publicKey);
        b.addProperty("signature", signature);
        b.addProperty("challenge", challenge);
        return Http.post(base, "/auth/verify", b.toString());
    }

    String challengeFor(String publicKey) {
        Http.Reply r = challenge(publicKey);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("challenge").getAsString();
    }

    @Test
    void openChallengesAreBoundedAndRefusedWithRetryAfterPastTheBound() throws Exception {
        nova.setAcceptAnyTechnician(true);
        nova.limitTo(3, NovacoreStandIn.MAX_DEVICES);
        for (int i = 0; i < 3; i++) {
            challengeFor(publicHex);
        }
        Http.Reply refused = challenge(publicHex);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("error").getAsString()).isEqualTo("rate_limited");
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("60");
        // Expired ones make room again.
        clock.advance(Duration.ofMinutes(5));
        assertThat(challenge(publicHex).status()).isEqualTo(200);
    }

    @Test
    void registeredTechnicianSignsInAndTheTokenWorks() throws Exception {
        String identity = nova.registerTechnician(publicHex.toUpperCase());
        assertThat(identity).matches("idt-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .isEqualTo(NovacoreStandIn.identityOf(publicHex))
                .isEqualTo(nova.registerTechnician(publicHex));

        Http.Reply c = challenge(publicHex);
        assertThat(c.status()).isEqualTo(200);
        String challenge = c.json().get("challenge").getAsString();
        assertThat(challenge).isNotBlank();
        assertThat(Instant.parse(c.json().get("expires_at").getAsString()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(challengeFor(publicHex)).as("each challenge is fresh").isNotEqualTo(challenge);

        Http.Reply v = verify(publicHex, sign(pair, challenge), challenge);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().get("identity_id").getAsString()).isEqualTo(identity);
        String token = v.json().get("token").getAsString();
        JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(claims.get("identity_id").getAsString()).isEqualTo(identity);
        assertThat(claims.get("exp").getAsLong() - claims.get("iat").getAsLong()).isEqualTo(24 * 3600);
        assertThat(Http.send(base, "GET", "/sites", null, token).status()).isEqualTo(200);
    }

    @Test
    void unknownKeyIs404UnlessAnyTechnicianIsAccepted() throws Exception {
        Http.Reply r = challenge(publicHex);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").getAsString()).isEqualTo("not_found");

        nova.setAcceptAnyTechnician(true);
        String challenge = challengeFor(publicHex);
        Http.Reply v = verify(publicHex, sign(pair, challenge), challenge);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().get("identity_id").getAsString()).isEqualTo(NovacoreStandIn.identityOf(publicHex));
    }

    @Test
    void challengeIsSingleUse() throws Exception {
        nova.registerTechnician(publicHex);
        String challenge = challengeFor(publicHex);
        String signature = sign(pair, challenge);
        assertThat(verify(publicHex, signature, challenge).status()).isEqualTo(200);
        Http.Reply again = verify(publicHex, signature, challenge);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body()).contains("already used");

        String other = challengeFor(publicHex);
        String bad = sign(pair, other + "x");
        assertThat(verify(publicHex, bad, other).status()).isEqualTo(401);
        assertThat(verify(publicHex, sign(pair, other), other).status())
                .as("a failed verify uses the challenge up too").isEqualTo(401);
    }

    @Test
    void expiredChallengeIs401() throws Exception {
        nova.registerTechnician(publicHex);
        String challenge = challengeFor(publicHex);
        clock.advance(Duration.ofMinutes(5));
        Http.Reply v = verify(publicHex, sign(pair, challenge), challenge);
        assertThat(v.status()).isEqualTo(401);
        assertThat(v.body()).contains("challenge expired");

        String fresh = challengeFor(publicHex);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(verify(publicHex, sign(pair, fresh), fresh).status()).isEqualTo(200);
    }

    @Test
    void badSignaturesAndAnotherKeysChallengeAre401() throws Exception {
        nova.registerTechnician(publicHex);
        KeyPair mallory = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String malloryHex = rawPublic(mallory);
        nova.registerTechnician(malloryHex);

        String c1 = challengeFor(publicHex);
        Http.Reply wrongKey = verify(publicHex, sign(mallory, c1), c1);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("invalid signature");
        assertThat(wrongKey.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).contains("json"));

        String c2 = challengeFor(publicHex);
        Http.Reply otherKeysChallenge = verify(malloryHex, sign(mallory, c2), c2);
        assertThat(otherKeysChallenge.status()).isEqualTo(401);
        assertThat(otherKeysChallenge.body()).contains("another public key");

        String c3 = challengeFor(publicHex);
        char[] sig = sign(pair, c3).toCharArray();
        sig[10] = sig[10] == '0' ? '1' : '0';
        assertThat(verify(publicHex, new String(sig), c3).status()).as("tampered signature").isEqualTo(401);

        assertThat(verify(publicHex, sign(pair, "made-up"), "made-up").status()).as("never issued").isEqualTo(401);
    }

    @Test
    void malformedRequestsAre4xxAndNeedNoToken() throws Exception {
        assertThat(challenge("abc").status()).isEqualTo(422);
        assertThat(challenge("zz" + publicHex.substring(2)).status()).isEqualTo(422);
        assertThat(Http.post(base, "/auth/challenge", "[]").status()).isEqualTo(400);
        assertThat(Http.post(base, "/auth/challenge", "{}").json().get("field").getAsString()).isEqualTo("public_key");
        assertThat(verify(publicHex, "00", "c").json().get("field").getAsString()).isEqualTo("signature");
        assertThat(verify(publicHex, sign(pair, "c"), " ").json().get("field").getAsString()).isEqualTo("challenge");
        assertThat(Http.post(base, "/auth/verify", "nope").status()).isEqualTo(400);
        Http.Reply get = Http.get(base, "/auth/challenge");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.raw().headers().firstValue("Allow")).hasValue("POST");
        assertThat(Http.get(base, "/sites").status()).as("everything else still needs a token").isEqualTo(401);

        nova.setAvailable(false);
        assertThat(challenge(publicHex).status()).isEqualTo(503);
    }

    @Test
    void registerRefusesMalformedKeys() {
        assertThatThrownBy(() -> nova.registerTechnician("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nova.registerTechnician(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NovacoreStandIn.identityOf(publicHex + "00"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
