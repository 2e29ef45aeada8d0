package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /gateways} and {@code POST /gateways/claim} against stubs on 127.0.0.1, answered as the contract says. */
class NovacoreClientClaimTest {

    static final String ORG = "org-5a1e";
    static final String SERIAL = "zap-04772a97";
    static final ClaimRequest REQUEST = new ClaimRequest(SERIAL, ORG, "ab".repeat(64),
            "idt-1|0011223344556677|1782036000|" + SERIAL, "cd".repeat(64));

    final TestClock clock = TestClock.atNoon();
    StubServer stub;
    NovacoreClient client;
    String jwt;
    AccessToken token;

    @BeforeEach
    void start() throws Exception {
        stub = StubServer.start();
        client = new NovacoreClient(stub.baseUri(), clock);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        jwt = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"identity_id\":\"idt-1\",\"exp\":1900000000}".getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
        token = AccessToken.parse(jwt);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void gatewaysAsksForTheOrganisationWithTheTokenAndReadsTheList() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        AtomicReference<String> auth = new AtomicReference<>();
        stub.on("/gateways", ex -> {
            query.set(ex.getRequestURI().getRawQuery());
            auth.set(ex.getRequestHeaders().getFirst("Authorization"));
            StubServer.send(ex, 200, "application/json", "{\"gateways\":[{\"serial\":\"" + SERIAL + "\",\"org_id\":\""
                    + ORG + "\",\"site_id\":null,\"state\":\"claimed\",\"claimed_at\":\"2026-06-21T09:00:00Z\"},"
                    + "{\"serial\":\"zap-2\",\"org_id\":\"" + ORG
                    + "\",\"site_id\":\"sit-7f3a21\",\"state\":\"claimed\"}]}");
        });
        assertThat(client.gateways("org 5a1e&x", token)).containsExactly(
                new ClaimedGateway(SERIAL, ORG, Optional.empty(), "claimed", Optional.of("2026-06-21T09:00:00Z")),
                new ClaimedGateway("zap-2", ORG, Optional.of("sit-7f3a21"), "claimed", Optional.empty()));
        assertThat(query.get()).isEqualTo("org_id=org+5a1e%26x");
        assertThat(auth.get()).isEqualTo("Bearer " + jwt);
    }

    @Test
    void anOrganisationTheTokenMayNotSeeIsRejected403() {
        stub.json("/gateways", 403, "{\"error\":\"forbidden\",\"message\":\"not your organisation\"}");
        NovacoreException e = catchThrowableOfType(NovacoreException.class, () -> client.gateways(ORG, token));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("not your organisation").doesNotContain(jwt);
    }

    @Test
    void claimPostsTheContractsBodyAndA201IsANewClaim() throws Exception {
        AtomicReference<JsonObject> sent = new AtomicReference<>();
        stub.on("/gateways/claim", ex -> {
            sent.set(JsonParser.parseString(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject());
            StubServer.send(ex, 201, "application/json", "{\"gateway_serial\":\"" + SERIAL + "\",\"org_id\":\"" + ORG
                    + "\",\"state\":\"claimed\",\"claimed_at\":\"2026-06-21T10:00:00Z\",\"created\":true}");
        });
        ClaimResult result = client.claim(REQUEST, token);
        assertThat(result.created()).isTrue();
        assertThat(result.gateway().serial()).isEqualTo(SERIAL);
        assertThat(result.gateway().claimedAt()).contains("2026-06-21T10:00:00Z");
        assertThat(sent.get().keySet()).containsExactlyInAnyOrder("gateway_serial", "org_id", "public_key",
                "message", "signature");
        assertThat(sent.get().get("public_key").getAsString()).isEqualTo("ab".repeat(64));
        assertThat(sent.get().get("signature").getAsString()).isEqualTo("cd".repeat(64));
        assertThat(sent.get().get("message").getAsString()).isEqualTo(REQUEST.message());
        assertThat(stub.requests()).containsExactly("POST /gateways/claim");
    }

    @Test
    void a200IsAClaimThisOrganisationHeldAlready() throws Exception {
        stub.json("/gateways/claim", 200, "{\"state\":\"claimed\",\"created\":false}");
        ClaimResult result = client.claim(REQUEST, token);
        assertThat(result.created()).isFalse();
        assertThat(result.gateway().serial()).isEqualTo(SERIAL);
        assertThat(result.gateway().orgId()).isEqualTo(ORG);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "409; {\"error\":\"conflict\",\"message\":\"gateway is claimed by another organisation\"}; "
                    + "CLAIMED_BY_ANOTHER",
            "422; {\"error\":\"stale_timestamp\",\"message\":\"too old\"}; STALE_TIMESTAMP",
            "422; {\"error\":\"validation_failed\",\"field\":\"signature\",\"message\":\"not hex\"}; VALIDATION",
            "400; {\"error\":\"bad_request\"}; VALIDATION",
            "403; {\"error\":\"invalid_signature\",\"message\":\"no\"}; INVALID_SIGNATURE",
            "403; {\"error\":\"key_mismatch\",\"message\":\"no\"}; KEY_MISMATCH",
            "403; {\"error\":\"forbidden\",\"message\":\"the message's claimer is not the signed-in identity\"}; "
                    + "FORBIDDEN_CLAIMER",
            "403; {\"error\":\"something_new\"}; OTHER",
            "404; {\"error\":\"not_found\"}; NOT_FOUND",
            "401; {\"error\":\"unauthorized\"}; NOT_SIGNED_IN",
            "500; <html>oops</html>; OTHER",
            "429; {\"error\":\"rate_limited\"}; OTHER",
    })
    void eachRefusalIsToldApart(int status, String body, ClaimRefusal expected) {
        stub.json("/gateways/claim", status, body);
        NovacoreException e = catchThrowableOfType(NovacoreException.class, () -> client.claim(REQUEST, token));
        assertThat(ClaimRefusal.of(e)).isEqualTo(expected);
        assertThat(e.getMessage()).doesNotContain(jwt);
    }

    @Test
    void anUnreachableNovacoreIsOther() throws Exception {
        int port = StubServer.closedPort();
        try (NovacoreClient nowhere = new NovacoreClient(URI.create("http://127.0.0.1:" + port + "/"), clock)) {
            NovacoreException e = catchThrowableOfType(NovacoreException.class, () -> nowhere.claim(REQUEST, token));
            assertThat(e.kind()).isEqualTo(NovacoreException.Kind.UNREACHABLE);
            assertThat(ClaimRefusal.of(e)).isEqualTo(ClaimRefusal.OTHER);
        }
    }

    @Test
    void anExpiredTokenIsNotSentAndMeansSignInAgain() throws Exception {
        clock.set(Instant.ofEpochSecond(1900000001L));
        NovacoreException e = catchThrowableOfType(NovacoreException.class, () -> client.claim(REQUEST, token));
        assertThat(ClaimRefusal.of(e)).isEqualTo(ClaimRefusal.NOT_SIGNED_IN);
        assertThat(stub.requests()).isEmpty();
    }
}
