package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stand-in's {@code POST /gateways/claim} and {@code GET /gateways}, every answer of the claim contract driven
 * over HTTP with real signatures made by real simulated Zaps ({@code POST /api/crypto/sign}), converted to FTW's form
 * by the test's own code ({@link TestP256}).
 */
class NovacoreStandInClaimTest {

    static final String ORG = NovacoreStandIn.DEMO_ORG;
    static final String OTHER_ORG = "org-other";
    static final String SITE = "sit-7f3a21";

    TestClock clock;
    NovacoreStandIn nova;
    URI base;
    String identity;
    String token;
    ZapSimulator zap;
    final List<ZapSimulator> zaps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        base = nova.baseUri();
        identity = NovacoreStandIn.newIdentityId();
        token = nova.issueToken(identity, Duration.ofHours(24));
        zap = registeredZap("zap-0a1b2c3d");
    }

    @AfterEach
    void stop() {
        zaps.forEach(ZapSimulator::close);
        nova.close();
    }

    ZapSimulator newZap(String serial) throws Exception {
        ZapSimulator z = ZapSimulator.builder().serial(serial).addDeviceDelay(Duration.ZERO).start();
        zaps.add(z);
        return z;
    }

    ZapSimulator registeredZap(String serial) throws Exception {
        ZapSimulator z = newZap(serial);
        nova.registerGateway(serial, z.publicKeyHex());
        return z;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /** What the Zap answers to {@code POST /api/crypto/sign}: {sign, message}. */
    static JsonObject signOn(ZapSimulator z, String claimer, long unixTs) {
        Http.Reply r = Http.post(z.baseUri(), "/api/crypto/sign",
                "{\"message\":\"" + claimer + "\",\"timestamp\":\"" + unixTs + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The claim body FTW sends: key X‖Y, signature R‖S. */
    static JsonObject claimBody(String serial, String org, String publicKey04, JsonObject signed) {
        JsonObject b = new JsonObject();
        b.addProperty("gateway_serial", serial);
        b.addProperty("org_id", org);
        b.addProperty("public_key", TestP256.xy(publicKey04));
        b.addProperty("message", signed.get("message").getAsString());
        b.addProperty("signature", TestP256.rawSignature(signed.get("sign").getAsString()));
        return b;
    }

    Http.Reply post(JsonObject body) {
        return Http.send(base, "POST", "/gateways/claim", body.toString(), token);
    }

    /** Zap {@code z} signs for the test's identity now and the claim is posted for {@code org}. */
    Http.Reply claim(ZapSimulator z, String org) {
        return post(claimBody(z.serial(), org, z.publicKeyHex(), signOn(z, identity, now())));
    }

    JsonArray listed(String org) {
        Http.Reply r = Http.send(base, "GET", "/gateways?org_id=" + org, null, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getAsJsonArray("gateways");
    }

    // ------------------------------------------------------------------ claimed

    @Test
    void aRealSignatureClaimsTheGatewayOnceAndAgainIsDone() {
        Http.Reply first = claim(zap, ORG);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonObject o = first.json();
        assertThat(o.get("gateway_serial").getAsString()).isEqualTo(zap.serial());
        assertThat(o.get("org_id").getAsString()).isEqualTo(ORG);
        assertThat(o.get("state").getAsString()).isEqualTo("claimed");
        assertThat(o.get("claimed_at").getAsString()).isEqualTo("2026-06-21T10:00:00Z");
        assertThat(o.get("created").getAsBoolean()).isTrue();

        clock.advance(Duration.ofMinutes(10));
        Http.Reply again = claim(zap, ORG);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("created").getAsBoolean()).isFalse();
        assertThat(again.json().get("claimed_at").getAsString()).isEqualTo("2026-06-21T10:00:00Z");
    }

    @Test
    void aGatewayClaimedByAnotherOrganisationIsAConflictThatNeverNamesIt() {
        assertThat(claim(zap, ORG).status()).isEqualTo(201);

        Http.Reply r = claim(zap, OTHER_ORG);

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("error").getAsString()).isEqualTo("conflict");
        assertThat(r.json().get("message").getAsString()).isEqualTo("gateway is claimed by another organisation");
        assertThat(r.body()).doesNotContain(ORG);
    }

    // ------------------------------------------------------------------ the message

    @Test
    void aTimestampOlderThan300sOrMoreThan60sAheadOfNovacoresClockIsStale() {
        JsonObject signedNow = signOn(zap, identity, now());
        clock.advance(Duration.ofSeconds(301));
        Http.Reply old = post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signedNow));
        Http.Reply ahead = post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(zap, identity, now() + 61)));

        for (Http.Reply r : List.of(old, ahead)) {
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().get("error").getAsString()).isEqualTo("stale_timestamp");
        }
        assertThat(listed(ORG)).isEmpty();
        // The edges are still fresh.
        assertThat(post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(zap, identity, now() + 60)))
                .status()).isEqualTo(201);
        assertThat(post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(zap, identity, now() - 300)))
                .status()).isEqualTo(200);
    }

    @Test
    void aMessageSignedForAnotherSerialIsRejected() throws Exception {
        ZapSimulator other = registeredZap("zap-99887766");
        // A real signature by the other Zap, over a message ending in its own serial, posted for this one.
        JsonObject signedByOther = signOn(other, identity, now());
        JsonObject body = claimBody(zap.serial(), ORG, zap.publicKeyHex(), signedByOther);

        Http.Reply r = post(body);

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("error").getAsString()).isEqualTo("validation_failed");
        assertThat(r.json().get("field").getAsString()).isEqualTo("message");
        assertThat(listed(ORG)).isEmpty();
    }

    @Test
    void aMessageForAnotherClaimerIsForbidden() {
        JsonObject signed = signOn(zap, NovacoreStandIn.newIdentityId(), now());

        Http.Reply r = post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signed));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").getAsString()).isEqualTo("forbidden");
        assertThat(r.json().get("message").getAsString())
                .isEqualTo("the message's claimer is not the signed-in identity");
    }

    // ------------------------------------------------------------------ keys and signatures

    @Test
    void aSignatureByAnotherKeyIsInvalid() throws Exception {
        // Same serial, its own key: a perfectly formed claim message signed by the wrong key.
        ZapSimulator impostor = newZap(zap.serial());
        Http.Reply r = post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(impostor, identity, now())));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").getAsString()).isEqualTo("invalid_signature");
        assertThat(listed(ORG)).isEmpty();
    }

    @Test
    void aChangedMessageNoLongerVerifies() {
        JsonObject signed = signOn(zap, identity, now());
        String[] parts = signed.get("message").getAsString().split("\\|");
        parts[1] = parts[1].equals("0000000000000000") ? "1111111111111111" : "0000000000000000";
        signed.addProperty("message", String.join("|", parts));

        Http.Reply r = post(claimBody(zap.serial(), ORG, zap.publicKeyHex(), signed));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").getAsString()).isEqualTo("invalid_signature");
    }

    @Test
    void aKeyThatIsNotTheOneNovacoreKnowsIsAMismatchEvenWithAMatchingSignature() throws Exception {
        ZapSimulator impostor = newZap(zap.serial());
        Http.Reply r = post(claimBody(zap.serial(), ORG, impostor.publicKeyHex(), signOn(impostor, identity, now())));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").getAsString()).isEqualTo("key_mismatch");
        assertThat(listed(ORG)).isEmpty();
    }

    @Test
    void aSerialNovacoreHasNeverHeardOfIsNotFound() throws Exception {
        ZapSimulator unknown = newZap("zap-deadbeef");

        Http.Reply r = claim(unknown, ORG);

        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().get("error").getAsString()).isEqualTo("not_found");
    }

    @Test
    void theStandInsOwnConversionVerifiesEveryShapeOfSignature() throws Exception {
        // 64 JDK signatures cover R or S with the top bit set (DER pads them) and, now and then, a shorter one.
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String xy = String.format("%064x%064x", pub.getW().getAffineX(), pub.getW().getAffineY());
        for (int i = 0; i < 64; i++) {
            String message = "idt-x|" + i + "|1|zap-1";
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(pair.getPrivate());
            s.update(message.getBytes(StandardCharsets.UTF_8));
            String rs = TestP256.rawSignature(HexFormat.of().formatHex(s.sign()));
            assertThat(GatewayRegistry.signatureValid(xy, message, rs)).as(message).isTrue();
            assertThat(GatewayRegistry.signatureValid(xy, message + " ", rs)).as(message).isFalse();
        }
        // Known DER shapes: leading zeros dropped, a 00 added before a set top bit.
        byte[] rs = new byte[64];
        rs[31] = 0x7f;
        rs[32] = (byte) 0x80;
        assertThat(HexFormat.of().formatHex(GatewayRegistry.derSignature(rs)))
                .isEqualTo("3026" + "02017f" + "022100" + "80" + "00".repeat(31));
    }

    // ------------------------------------------------------------------ validation and tokens

    @ParameterizedTest
    @CsvSource({
            "gateway_serial, ''",
            "gateway_serial, 'zap 1'",
            "org_id, acme",
            "public_key, 04",
            "public_key, xyz",
            "signature, ab",
            "message, idt-1|nonce|1782036000",
            "message, idt-1|nonce|soon|zap-0a1b2c3d",
            "message, idt-1||1782036000|zap-0a1b2c3d",
    })
    void malformedFieldsAreValidationFailures(String field, String value) {
        JsonObject body = claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(zap, identity, now()));
        body.addProperty(field, value);

        Http.Reply r = post(body);

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("error").getAsString()).isEqualTo("validation_failed");
        assertThat(r.json().get("field").getAsString()).isEqualTo(field);
    }

    @Test
    void aMissingFieldIsAValidationFailureAndANonObjectABadRequest() {
        JsonObject body = claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(zap, identity, now()));
        body.remove("signature");

        assertThat(post(body).json().get("field").getAsString()).isEqualTo("signature");
        assertThat(Http.send(base, "POST", "/gateways/claim", "[]", token).status()).isEqualTo(400);
    }

    @Test
    void withoutAValidTokenEveryGatewayCallIs401() {
        JsonObject body = claimBody(zap.serial(), ORG, zap.publicKeyHex(), signOn(zap, identity, now()));
        String expired = nova.issueToken(identity, Duration.ofSeconds(-1));
        String forged = token.substring(0, token.length() - 4) + "AAAA";

        for (String t : new String[]{null, expired, forged}) {
            assertThat(Http.send(base, "POST", "/gateways/claim", body.toString(), t).status()).isEqualTo(401);
            assertThat(Http.send(base, "GET", "/gateways?org_id=" + ORG, null, t).status()).isEqualTo(401);
        }
        assertThat(listed(ORG)).isEmpty();
    }

    @Test
    void aTokenOfOneOrganisationMayNeitherClaimForNorListAnother() {
        token = nova.issueToken(identity, "org-acme", Duration.ofHours(1));

        Http.Reply claim = claim(zap, ORG);
        Http.Reply list = Http.send(base, "GET", "/gateways?org_id=" + ORG, null, token);

        assertThat(claim.status()).as(claim.body()).isEqualTo(403);
        assertThat(claim.json().get("error").getAsString()).isEqualTo("forbidden");
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.json().get("error").getAsString()).isEqualTo("forbidden");
        assertThat(claim(zap, "org-acme").status()).isEqualTo(201);
        assertThat(listed("org-acme")).hasSize(1);
    }

    @Test
    void aTechnicianRegisteredInAnOrganisationGetsTokensCarryingIt() {
        String key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        String technician = nova.registerTechnician(key, "org-acme");

        JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(
                nova.issueToken(technician, Duration.ofHours(1)).split("\\.")[1]), StandardCharsets.UTF_8))
                .getAsJsonObject();

        assertThat(claims.get("org_id").getAsString()).isEqualTo("org-acme");
        assertThat(claims.get("identity_id").getAsString()).isEqualTo(technician);
        assertThat(tokenClaims(token).has("org_id")).as("an identity without an organisation").isFalse();
        assertThatThrownBy(() -> nova.registerTechnician(key, "acme")).isInstanceOf(IllegalArgumentException.class);
    }

    static JsonObject tokenClaims(String jwt) {
        return JsonParser.parseString(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8)).getAsJsonObject();
    }

    // ------------------------------------------------------------------ listing, bounds, sites

    @Test
    void gatewaysAreListedPerOrganisation() throws Exception {
        ZapSimulator second = registeredZap("zap-11223344");
        assertThat(claim(zap, ORG).status()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(5));
        assertThat(claim(second, OTHER_ORG).status()).isEqualTo(201);

        JsonArray demo = listed(ORG);
        JsonArray other = listed(OTHER_ORG);

        assertThat(demo).hasSize(1);
        JsonObject g = demo.get(0).getAsJsonObject();
        assertThat(g.get("serial").getAsString()).isEqualTo(zap.serial());
        assertThat(g.get("org_id").getAsString()).isEqualTo(ORG);
        assertThat(g.get("site_id").isJsonNull()).isTrue();
        assertThat(g.get("state").getAsString()).isEqualTo("claimed");
        assertThat(g.get("claimed_at").getAsString()).isEqualTo("2026-06-21T10:00:00Z");
        assertThat(other).hasSize(1);
        assertThat(other.get(0).getAsJsonObject().get("serial").getAsString()).isEqualTo(second.serial());
        assertThat(listed("org-nobody")).isEmpty();
        Http.Reply noOrg = Http.send(base, "GET", "/gateways", null, token);
        assertThat(noOrg.status()).isEqualTo(400);
        assertThat(noOrg.json().get("error").getAsString()).isEqualTo("bad_request");
    }

    @Test
    void pastTheBoundANewClaimIsTooMany() throws Exception {
        ZapSimulator second = registeredZap("zap-11223344");
        nova.limitGatewaysTo(1);
        assertThat(claim(zap, ORG).status()).isEqualTo(201);

        Http.Reply r = claim(second, ORG);

        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(claim(zap, ORG).status()).as("an existing claim still answers").isEqualTo(200);
        assertThatThrownBy(() -> registeredZap("zap-55667788")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sitesBelongToTheDemoOrganisation() {
        JsonArray sites = Http.send(base, "GET", "/sites", null, token).json().getAsJsonArray("sites");

        assertThat(sites).hasSize(3);
        sites.forEach(s -> assertThat(s.getAsJsonObject().get("org_id").getAsString()).isEqualTo(ORG));
        assertThat(Http.send(base, "GET", "/sites/" + SITE, null, token).json().get("org_id").getAsString())
                .isEqualTo(ORG);
    }

    // ------------------------------------------------------------------ provisioning

    static String provisionBody(String serial, String hardwareId) {
        return "{\"hardware_id\":\"" + hardwareId + "\",\"device_type\":\"inverter\",\"site_id\":\"" + SITE
                + "\",\"gateway_serial\":\"" + serial + "\",\"ders\":[{\"name\":\"PV\",\"type\":\"solar\"}]}";
    }

    Http.Reply provision(String serial, String hardwareId) {
        return Http.send(base, "POST", "/devices/provision", provisionBody(serial, hardwareId), token);
    }

    @Test
    void provisioningOnARegisteredGatewayNeedsAClaimByTheSitesOrganisation() throws Exception {
        Http.Reply unclaimed = provision(zap.serial(), "inv-1");
        assertThat(unclaimed.status()).as(unclaimed.body()).isEqualTo(409);
        assertThat(unclaimed.json().get("error").getAsString()).isEqualTo("gateway_not_claimed");

        ZapSimulator elsewhere = registeredZap("zap-11223344");
        assertThat(claim(elsewhere, OTHER_ORG).status()).isEqualTo(201);
        assertThat(provision(elsewhere.serial(), "inv-2").json().get("error").getAsString())
                .as("claimed, but by another organisation than the site's").isEqualTo("gateway_not_claimed");
        assertThat(nova.devices()).isEmpty();

        assertThat(claim(zap, ORG).status()).isEqualTo(201);
        assertThat(provision(zap.serial(), "inv-1").status()).isEqualTo(201);
        assertThat(listed(ORG).get(0).getAsJsonObject().get("site_id").getAsString()).isEqualTo(SITE);
        assertThat(provision("zap-neverheardof", "inv-3").status()).as("a serial never registered, as before")
                .isEqualTo(201);
    }

    @Test
    void theSetUpShortcutClaimsWithoutASignature() {
        nova.claimGateway(zap.serial(), ORG);

        assertThat(listed(ORG)).hasSize(1);
        assertThat(claim(zap, ORG).status()).isEqualTo(200);
        assertThatThrownBy(() -> nova.claimGateway("zap-unregistered", ORG))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nova.registerGateway(zap.serial(), "04abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
