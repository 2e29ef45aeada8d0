package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.testsupport.ClaimStubs;
import com.sourceful.commissioner.testsupport.ClaimStubs.Answer;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every branch of a claim, against a stub Zap with a real key and a scripted Novacore, both on 127.0.0.1. */
class ZapClaimTest {

    static final String SERIAL = "zap-04772a97";
    static final String ORG = "org-5a1e";
    static final String IDENTITY = "idt-3f2a";

    final TestClock clock = TestClock.atNoon();
    final long now = clock.instant().getEpochSecond();
    ClaimStubs.Zap zapStub;
    ClaimStubs.Novacore novaStub;
    ZapClient zap;
    NovacoreClient novacore;
    AccessToken token;

    @BeforeEach
    void start() throws Exception {
        zapStub = new ClaimStubs.Zap(SERIAL);
        zap = new ZapClient(zapStub.server.baseUri());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        token = AccessToken.parse(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"identity_id\":\"" + IDENTITY + "\",\"exp\":1900000000}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2ln");
    }

    @AfterEach
    void stop() {
        zap.close();
        zapStub.close();
        if (novacore != null) {
            novacore.close();
        }
        if (novaStub != null) {
            novaStub.close();
        }
    }

    ZapClaim.Result claim(Answer... answers) throws Exception {
        novaStub = new ClaimStubs.Novacore(answers);
        novacore = new NovacoreClient(novaStub.server.baseUri(), clock);
        return new ZapClaim(zap, novacore, token, IDENTITY, ORG, clock).claim();
    }

    @Test
    void aNewClaimSendsTheZapsKeyAndAVerifyingRawSignatureOfWhatItSigned() throws Exception {
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));

        assertThat(r.outcome()).as(r.explanation()).isEqualTo(ZapClaim.Outcome.CLAIMED);
        assertThat(r.done()).isTrue();
        assertThat(r.gateway().orElseThrow().serial()).isEqualTo(SERIAL);
        assertThat(zapStub.signRequests).hasSize(1);
        assertThat(zapStub.signRequests.get(0).get("message").getAsString()).isEqualTo(IDENTITY);
        assertThat(zapStub.signRequests.get(0).get("timestamp").getAsString()).isEqualTo(Long.toString(now));

        JsonObject sent = novaStub.claims.get(0);
        assertThat(sent.get("gateway_serial").getAsString()).isEqualTo(SERIAL);
        assertThat(sent.get("org_id").getAsString()).isEqualTo(ORG);
        String message = sent.get("message").getAsString();
        assertThat(message).isEqualTo(IDENTITY + "|0123456789abcdef|" + now + "|" + SERIAL);
        String xy = sent.get("public_key").getAsString();
        assertThat("04" + xy).isEqualTo(ClaimStubs.uncompressed((ECPublicKey) zapStub.key.getPublic()));
        // Checked with the JDK directly, not with the app's converter: R‖S rebuilt as DER must verify.
        String raw = sent.get("signature").getAsString();
        assertThat(raw).hasSize(128);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(zapStub.key.getPublic());
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(der(raw))).isTrue();
    }

    /** DER of R‖S built with BigInteger's two's complement (its own sign byte), independent of ClaimSignature. */
    static byte[] der(String raw) {
        byte[] r = new BigInteger(raw.substring(0, 64), 16).toByteArray();
        byte[] s = new BigInteger(raw.substring(64), 16).toByteArray();
        byte[] out = new byte[6 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + r.length + s.length);
        out[2] = 0x02;
        out[3] = (byte) r.length;
        System.arraycopy(r, 0, out, 4, r.length);
        out[4 + r.length] = 0x02;
        out[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + r.length, s.length);
        return out;
    }

    @Test
    void alreadyClaimedByThisOrganisationIsDone() throws Exception {
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, false));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ALREADY_OURS);
        assertThat(r.done()).isTrue();
        assertThat(r.explanation()).contains("already claimed by " + ORG);
    }

    @Test
    void claimedByAnotherOrganisationStopsWithAdviceAndIsNotRetried() throws Exception {
        ZapClaim.Result r = claim(ClaimStubs.Novacore.error(409, "conflict",
                "gateway is claimed by another organisation"));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.CLAIMED_BY_ANOTHER);
        assertThat(r.outcome().group()).isEqualTo(ZapClaim.Group.REFUSED);
        assertThat(r.explanation()).contains(SERIAL, "another organisation", "release", "Sourceful support");
        assertThat(novaStub.claims).hasSize(1);
    }

    @Test
    void aStaleTimestampIsSignedAgainOnceWithAFreshOne() throws Exception {
        novaStub = new ClaimStubs.Novacore(ClaimStubs.Novacore.stale(), ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        novaStub.onClaim = () -> clock.advance(Duration.ofSeconds(7));
        novacore = new NovacoreClient(novaStub.server.baseUri(), clock);
        ZapClaim.Result r = new ZapClaim(zap, novacore, token, IDENTITY, ORG, clock).claim();

        assertThat(r.outcome()).as(r.explanation()).isEqualTo(ZapClaim.Outcome.CLAIMED);
        assertThat(zapStub.signRequests).extracting(o -> o.get("timestamp").getAsString())
                .containsExactly(Long.toString(now), Long.toString(now + 7));
        assertThat(novaStub.claims).extracting(o -> o.get("message").getAsString())
                .containsExactly(IDENTITY + "|0123456789abcdef|" + now + "|" + SERIAL,
                        IDENTITY + "|0123456789abcdef|" + (now + 7) + "|" + SERIAL);
    }

    @Test
    void aStaleTimestampAnsweredTwiceGivesUpWithTheReason() throws Exception {
        ZapClaim.Result r = claim(ClaimStubs.Novacore.stale(), ClaimStubs.Novacore.stale(),
                ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.STALE_TIMESTAMP);
        assertThat(r.explanation()).contains("twice", "clock", "older than 300 s");
        assertThat(zapStub.signRequests).hasSize(2);
        assertThat(novaStub.claims).hasSize(2);
    }

    @Test
    void aMessageWithAnotherSerialIsNotSent() throws Exception {
        zapStub.messageEdit = m -> m.replace(SERIAL, "zap-ffffffff");
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_WRONG_MESSAGE);
        assertThat(r.explanation()).contains("serial zap-ffffffff", "nothing was sent");
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aMessageWithAnotherTimestampIsNotSent() throws Exception {
        zapStub.messageEdit = m -> m.replace("|" + now + "|", "|" + (now - 1000) + "|");
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_WRONG_MESSAGE);
        assertThat(r.explanation()).contains("timestamp " + (now - 1000));
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aMessageWithAnotherClaimerOrShapeIsNotSent() throws Exception {
        zapStub.messageEdit = m -> m.replace(IDENTITY, "idt-other");
        assertThat(claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true)).outcome())
                .isEqualTo(ZapClaim.Outcome.ZAP_WRONG_MESSAGE);
        zapStub.messageEdit = m -> m + "|extra";
        assertThat(new ZapClaim(zap, novacore, token, IDENTITY, ORG, clock).claim().explanation())
                .contains("not claimer|nonce|timestamp|serial");
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aSignatureThatDoesNotVerifyLocallyIsNotSent() throws Exception {
        zapStub.signingKey = ClaimStubs.p256();
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_BAD_SIGNATURE);
        assertThat(r.explanation()).contains("does not verify", "nothing was sent");
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aMalformedDerSignatureIsNotSent() throws Exception {
        zapStub.derOverride = "3006020101020101ff";
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_BAD_SIGNATURE);
        assertThat(r.explanation()).contains("malformed", "after its DER sequence");
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aZapWithoutAKeyCannotClaim() throws Exception {
        zapStub.server.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"" + SERIAL + "\"}}");
        zapStub.server.json("/api/crypto", 200, "{\"serialNumber\":\"" + SERIAL + "\"}");
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_NO_KEY);
        assertThat(zapStub.signRequests).isEmpty();
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aKeyThatIsNoPointCannotClaim() throws Exception {
        zapStub.server.json("/api/system", 200, "{\"zap\":{\"publicKey\":\"04" + "11".repeat(64) + "\"}}");
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_NO_KEY);
        assertThat(r.explanation()).contains("not a point on the P-256 curve");
    }

    @Test
    void aZapThatRefusesToSignFails() throws Exception {
        zapStub.server.json("/api/crypto/sign", 404, "{\"error\":\"not found\"}");
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_FAILED);
        assertThat(r.serial()).contains(SERIAL);
        assertThat(r.explanation()).contains("POST /api/crypto/sign", "404");
        assertThat(novaStub.server.requests()).isEmpty();
    }

    @Test
    void aZapThatDoesNotAnswerFails() throws Exception {
        zap.close();
        zap = new ZapClient(URI.create("http://127.0.0.1:" + StubServer.closedPort() + "/"));
        ZapClaim.Result r = claim(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.ZAP_FAILED);
        assertThat(r.serial()).isEmpty();
        assertThat(r.explanation()).contains("not reachable");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "403; invalid_signature; INVALID_SIGNATURE; does not verify",
            "403; key_mismatch; KEY_MISMATCH; another key",
            "403; forbidden; FORBIDDEN_CLAIMER; Sign in again",
            "422; validation_failed; VALIDATION; refused the claim",
            "404; not_found; NOT_FOUND; does not know a gateway",
            "401; unauthorized; NOT_SIGNED_IN; sign in again",
            "500; internal; NOVACORE_FAILED; Try again in a while",
            "418; teapot; NOVACORE_FAILED; HTTP 418",
    })
    void everyOtherAnswerIsExplainedAndNotRetried(int status, String code, ZapClaim.Outcome outcome, String words)
            throws Exception {
        ZapClaim.Result r = claim(ClaimStubs.Novacore.error(status, code, "said " + code));
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.done()).isFalse();
        assertThat(r.explanation()).contains(words);
        assertThat(novaStub.claims).hasSize(1);
        assertThat(zapStub.signRequests).hasSize(1);
    }

    @Test
    void aValidationRefusalNamesTheField() throws Exception {
        ZapClaim.Result r = claim(new Answer(422,
                "{\"error\":\"validation_failed\",\"field\":\"signature\",\"message\":\"must be 128 hex\"}"));
        assertThat(r.explanation()).contains("field 'signature'", "must be 128 hex");
    }

    @Test
    void anUnreachableNovacoreFails() throws Exception {
        novacore = new NovacoreClient(URI.create("http://127.0.0.1:" + StubServer.closedPort() + "/"), clock);
        ZapClaim.Result r = new ZapClaim(zap, novacore, token, IDENTITY, ORG, clock).claim();
        assertThat(r.outcome()).isEqualTo(ZapClaim.Outcome.NOVACORE_FAILED);
        assertThat(r.outcome().group()).isEqualTo(ZapClaim.Group.FAILED);
        assertThat(r.explanation()).contains("not reachable");
    }

    @Test
    void statusTellsClaimedByThisOrganisationFromNotListed() throws Exception {
        novaStub = new ClaimStubs.Novacore(ClaimStubs.Novacore.claimed(SERIAL, ORG, true));
        novaStub.server.json("/gateways", 200, "{\"gateways\":[{\"serial\":\"" + SERIAL + "\",\"org_id\":\"" + ORG
                + "\",\"site_id\":null,\"state\":\"claimed\",\"claimed_at\":\"2026-06-21T09:00:00Z\"}]}");
        novacore = new NovacoreClient(novaStub.server.baseUri(), clock);
        ZapClaim claim = new ZapClaim(zap, novacore, token, IDENTITY, ORG, clock);

        ZapClaim.Status ours = claim.status(SERIAL);
        assertThat(ours.standing()).isEqualTo(ZapClaim.Standing.CLAIMED_BY_THIS_ORG);
        assertThat(ours.gateway().orElseThrow().claimedAt()).contains("2026-06-21T09:00:00Z");
        ZapClaim.Status notListed = claim.status("zap-00000001");
        assertThat(notListed.standing()).isEqualTo(ZapClaim.Standing.NOT_IN_THIS_ORG);
        assertThat(notListed.gateway()).isEmpty();
        assertThat(novaStub.server.requests()).containsExactly("GET /gateways", "GET /gateways");
    }

    @Test
    void theHexFormsTheStubsUseAgreeWithTheJdk() {
        // Guards the stub itself: a wrong stub would make every test above meaningless.
        ECPublicKey key = (ECPublicKey) zapStub.key.getPublic();
        String point = ClaimStubs.uncompressed(key);
        assertThat(point).hasSize(130).startsWith("04");
        assertThat(new BigInteger(point.substring(2, 66), 16)).isEqualTo(key.getW().getAffineX());
        assertThat(HexFormat.of().parseHex(point)).hasSize(65);
    }
}
