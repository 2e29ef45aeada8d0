package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NovacoreClient against the NovacoreStandIn, and against stubs for the answers the stand-in never gives. */
class NovacoreClientTest {

    static final String SITE = "sit-7f3a21";
    static final String OTHER_SITE = "sit-b04c9e";
    static final String GATEWAY = "zap-04772a97";

    TestClock clock;
    NovacoreStandIn nova;
    NovacoreClient client;
    String identity;
    AccessToken token;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        client = new NovacoreClient(nova.baseUri(), clock);
        identity = NovacoreStandIn.newIdentityId();
        token = AccessToken.parse(nova.issueToken(identity, Duration.ofHours(24)));
    }

    @AfterEach
    void stop() {
        client.close();
        nova.close();
    }

    interface Call {
        void run() throws Exception;
    }

    static NovacoreException failure(Call call) {
        NovacoreException e = catchThrowableOfType(NovacoreException.class, call::run);
        assertThat(e).as("a NovacoreException").isNotNull();
        return e;
    }

    static ProvisionRequest sungrow(String hardwareId, String site) {
        return new ProvisionRequest(GATEWAY, hardwareId, "inverter", site, "Sungrow SH10RT", "Sungrow", "SH10RT",
                List.of(new ProvisionRequest.DerEntry("pv-array", "solar"),
                        new ProvisionRequest.DerEntry("battery_1", "battery")));
    }

    /** An HS256 JWT signed with the given secret. */
    static String jwt(String claimsJson, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    long exp(Duration fromNow) {
        return clock.instant().plus(fromNow).getEpochSecond();
    }

    // ------------------------------------------------------------------ stand-in

    @Test
    void baseUriAndSites() throws Exception {
        assertThat(client.baseUri().toString()).isEqualTo("http://127.0.0.1:" + nova.port() + "/");
        List<Site> sites = client.sites(token);
        assertThat(sites).extracting(Site::id).containsExactly("sit-7f3a21", "sit-b04c9e", "sit-e51d08");
        assertThat(sites.get(0).name()).isEqualTo("Demo – Villa Solsidan");
        assertThat(sites.get(0).address()).isEqualTo("Solsidevägen 12, 132 36 Saltsjö-Boo");
        assertThat(sites.get(0).toString()).isEqualTo("Demo – Villa Solsidan (sit-7f3a21)");
        assertThat(sites).extracting(Site::id).containsExactlyElementsOf(
                nova.sites().stream().map(s -> s.get("id").getAsString()).toList());
    }

    @Test
    void provisionCreatesThenASecondIdenticalRequestIsASafeRetry() throws Exception {
        ProvisionResult first = client.provision(sungrow("SG1A2B3C4D", SITE), token);
        assertThat(first.created()).isTrue();
        assertThat(first.deviceId()).matches("dev-[0-9a-f-]{36}");
        assertThat(first.hardwareId()).isEqualTo("SG1A2B3C4D");
        assertThat(first.siteId()).isEqualTo(SITE);
        assertThat(first.state()).isEqualTo("pending");
        assertThat(first.ders()).extracting(ProvisionResult.ProvisionedDer::name).containsExactly("pv-array", "battery_1");
        assertThat(first.ders()).extracting(ProvisionResult.ProvisionedDer::type).containsExactly("solar", "battery");
        assertThat(first.ders()).allSatisfy(d -> assertThat(d.id()).matches("der-[0-9a-f-]{36}"));

        JsonObject sent = nova.provisionRequests().get(0);
        assertThat(sent.get("gateway_serial").getAsString()).isEqualTo(GATEWAY);
        assertThat(sent.get("hardware_id").getAsString()).isEqualTo("SG1A2B3C4D");
        assertThat(sent.get("device_type").getAsString()).isEqualTo("inverter");
        assertThat(sent.get("site_id").getAsString()).isEqualTo(SITE);
        assertThat(sent.get("model").getAsString()).isEqualTo("SH10RT");
        assertThat(sent.getAsJsonArray("ders")).hasSize(2);

        ProvisionResult again = client.provision(sungrow("SG1A2B3C4D", SITE), token);
        assertThat(again.created()).isFalse();
        assertThat(again.deviceId()).isEqualTo(first.deviceId());
        assertThat(again.ders()).isEqualTo(first.ders());
        assertThat(nova.devices()).hasSize(1);
        assertThat(nova.provisionRequests()).hasSize(2);
    }

    @Test
    void blankOptionalLabelsAreLeftOut() throws Exception {
        ProvisionRequest bare = new ProvisionRequest(GATEWAY, "P1AABBCCDD", "meter", SITE, " ", null, "",
                List.of(new ProvisionRequest.DerEntry("grid-meter", "meter")));
        ProvisionResult r = client.provision(bare, token);
        assertThat(r.created()).isTrue();
        JsonObject sent = nova.provisionRequests().get(0);
        assertThat(sent.keySet()).containsExactlyInAnyOrder("gateway_serial", "hardware_id", "device_type", "site_id", "ders");
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused401() throws Exception {
        String forgedText = jwt("{\"sub\":\"" + identity + "\",\"exp\":" + exp(Duration.ofHours(1)) + "}",
                "not-the-stand-in-secret");
        AccessToken forged = AccessToken.parse(forgedText);
        NovacoreException e = failure(() -> client.provision(sungrow("SG1A2B3C4D", SITE), forged));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).hasValue("unauthorized");
        assertThat(e.serverMessage()).hasValue("invalid token signature");
        assertThat(e.getMessage().contains(forgedText.split("\\.")[2])).as("error shows the token").isFalse();
        assertThat(forged.toString().contains(forgedText.split("\\.")[1])).as("toString shows the token").isFalse();
        assertThat(e.isTransient()).isFalse();
        assertThat(nova.provisionRequests()).isEmpty();
        assertThat(nova.devices()).isEmpty();
    }

    @Test
    void garbageTokenThatStillParsesIsRefused401() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"exp\":" + exp(Duration.ofHours(1)) + "}").getBytes(StandardCharsets.UTF_8));
        AccessToken garbage = AccessToken.parse("garbage." + payload + ".garbage");
        NovacoreException e = failure(() -> client.sites(garbage));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).hasValue("unauthorized");
        assertThat(e.getMessage()).doesNotContain(payload);
    }

    @Test
    void expiredTokenIsRefusedLocallyAndNeverSent() throws Exception {
        AccessToken shortLived = AccessToken.parse(nova.issueToken(identity, Duration.ofMinutes(5)));
        assertThat(client.sites(shortLived)).hasSize(3);
        clock.advance(Duration.ofMinutes(5));

        NovacoreException e = failure(() -> client.provision(sungrow("SG1A2B3C4D", SITE), shortLived));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).hasValue("token_expired");
        assertThat(e.isTransient()).isFalse();
        assertThat(nova.provisionRequests()).isEmpty();

        // Not even a connection: a stub records every request it gets.
        try (StubServer stub = StubServer.start();
             NovacoreClient toStub = new NovacoreClient(stub.baseUri(), clock)) {
            stub.json("/sites", 200, "{\"sites\":[]}");
            assertThat(failure(() -> toStub.sites(shortLived)).errorCode()).hasValue("token_expired");
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void invalidRequestIs422NamingTheField() throws Exception {
        ProvisionRequest badType = new ProvisionRequest(GATEWAY, "SG1A2B3C4D", "battery", SITE, null, null, null,
                List.of(new ProvisionRequest.DerEntry("pv-array", "solar")));
        NovacoreException e = failure(() -> client.provision(badType, token));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errorCode()).hasValue("validation_failed");
        assertThat(e.field()).hasValue("device_type");
        assertThat(e.isTransient()).isFalse();

        ProvisionRequest zapVocabulary = new ProvisionRequest(GATEWAY, "SG1A2B3C4D", "inverter", SITE, null, null, null,
                List.of(new ProvisionRequest.DerEntry("pv-array", "pv")));
        assertThat(failure(() -> client.provision(zapVocabulary, token)).field()).hasValue("ders[0].type");

        ProvisionRequest noDers = new ProvisionRequest(GATEWAY, "SG1A2B3C4D", "inverter", SITE, null, null, null, List.of());
        assertThat(failure(() -> client.provision(noDers, token)).field()).hasValue("ders");
        assertThat(nova.devices()).isEmpty();
    }

    @Test
    void unknownSiteIs404() {
        NovacoreException e = failure(() -> client.provision(sungrow("SG1A2B3C4D", "sit-000000"), token));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).hasValue("not_found");
        assertThat(e.serverMessage()).get().asString().contains("sit-000000");
    }

    @Test
    void sameHardwareAtAnotherSiteIs409() throws Exception {
        client.provision(sungrow("SG1A2B3C4D", SITE), token);
        NovacoreException e = failure(() -> client.provision(sungrow("SG1A2B3C4D", OTHER_SITE), token));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errorCode()).hasValue("conflict");
        assertThat(e.isTransient()).isFalse();
        assertThat(nova.devices()).hasSize(1);
        assertThat(nova.devices().get(0).get("site_id").getAsString()).isEqualTo(SITE);
    }

    @Test
    void unavailableIs503AndTransient() {
        nova.setAvailable(false);
        NovacoreException e = failure(() -> client.provision(sungrow("SG1A2B3C4D", SITE), token));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errorCode()).hasValue("unavailable");
        assertThat(e.isTransient()).isTrue();
        assertThat(nova.devices()).isEmpty();
    }

    @Test
    void closedPortIsUnreachableAndTransient() throws Exception {
        try (NovacoreClient nowhere = new NovacoreClient(URI.create("http://127.0.0.1:" + StubServer.closedPort()), clock)) {
            NovacoreException e = failure(() -> nowhere.sites(token));
            assertThat(e.kind()).isEqualTo(NovacoreException.Kind.UNREACHABLE);
            assertThat(e.isTransient()).isTrue();
        }
    }

    // ------------------------------------------------------------------ stubs

    @Test
    void stubAnswersTheStandInNeverGives() throws Exception {
        try (StubServer stub = StubServer.start();
             NovacoreClient c = new NovacoreClient(stub.baseUri(), clock)) {
            stub.on("/devices/provision", ex -> {
                ex.getResponseHeaders().set("Retry-After", "7");
                StubServer.send(ex, 429, "application/json", "{\"error\":\"rate_limited\",\"message\":\"slow down\"}");
            });
            NovacoreException limited = failure(() -> c.provision(sungrow("SG1", SITE), token));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(7));
            assertThat(limited.errorCode()).hasValue("rate_limited");
            assertThat(limited.isTransient()).isTrue();

            String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    clock.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
            stub.on("/devices/provision", ex -> {
                ex.getResponseHeaders().set("Retry-After", in90s);
                StubServer.send(ex, 429, "application/json", "{\"error\":\"rate_limited\"}");
            });
            assertThat(failure(() -> c.provision(sungrow("SG1", SITE), token)).retryAfter())
                    .hasValue(Duration.ofSeconds(90));

            stub.on("/devices/provision", ex -> {
                ex.getResponseHeaders().set("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT");
                StubServer.send(ex, 429, null, "");
            });
            assertThat(failure(() -> c.provision(sungrow("SG1", SITE), token)).retryAfter())
                    .as("a date in the past").hasValue(Duration.ZERO);

            stub.on("/devices/provision", ex -> {
                ex.getResponseHeaders().set("Retry-After", "soon");
                StubServer.send(ex, 429, null, "");
            });
            assertThat(failure(() -> c.provision(sungrow("SG1", SITE), token)).retryAfter()).isEmpty();

            stub.json("/devices/provision", 403, "{\"error\":\"forbidden\",\"message\":\"not a member of this organisation\"}");
            NovacoreException forbidden = failure(() -> c.provision(sungrow("SG1", SITE), token));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.errorCode()).hasValue("forbidden");
            assertThat(forbidden.serverMessage()).hasValue("not a member of this organisation");
            assertThat(forbidden.isTransient()).isFalse();
            assertThat(forbidden.retryAfter()).isEmpty();

            stub.on("/devices/provision", 500, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
            NovacoreException html = failure(() -> c.provision(sungrow("SG1", SITE), token));
            assertThat(html.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
            assertThat(html.status()).isEqualTo(500);
            assertThat(html.errorCode()).isEmpty();
            assertThat(html.serverMessage()).isEmpty();
            assertThat(html.isTransient()).isTrue();
            assertThat(html.getMessage()).isEqualTo("Novacore answered HTTP 500");
        }
    }

    @Test
    void stubShapesOfSuccessfulAnswers() throws Exception {
        try (StubServer stub = StubServer.start();
             NovacoreClient c = new NovacoreClient(stub.baseUri(), clock)) {
            stub.json("/sites", 200, "[{\"id\":\"sit-1\",\"extra\":true},{\"name\":\"no id\"}]");
            assertThat(failure(() -> c.sites(token)).kind()).as("a site without id")
                    .isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
            stub.json("/sites", 200, "{\"data\":[{\"id\":\"sit-1\"}],\"next\":null}");
            assertThat(c.sites(token)).containsExactly(new Site("sit-1", "", ""));
            stub.on("/sites", 200, "text/plain", "ok");
            assertThat(failure(() -> c.sites(token)).kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);

            stub.json("/devices/provision", 201, "{\"device_id\":\"dev-1\",\"ders\":[{\"id\":\"der-1\"}]}");
            ProvisionResult minimal = c.provision(sungrow("SG1", SITE), token);
            assertThat(minimal.created()).as("201 without created").isTrue();
            assertThat(minimal.hardwareId()).isEqualTo("SG1");
            assertThat(minimal.siteId()).isEqualTo(SITE);
            assertThat(minimal.ders()).containsExactly(new ProvisionResult.ProvisionedDer("der-1", "", ""));

            stub.json("/devices/provision", 200, "{\"created\":false,\"ders\":[]}");
            NovacoreException noId = failure(() -> c.provision(sungrow("SG1", SITE), token));
            assertThat(noId.kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
            assertThat(noId.getMessage()).contains("device_id");

            // Every call carries the bearer token.
            var seen = new AtomicReference<String>();
            stub.on("/sites", ex -> {
                seen.set(ex.getRequestHeaders().getFirst("Authorization"));
                StubServer.send(ex, 200, "application/json", "{\"sites\":[]}");
            });
            assertThat(c.sites(token)).isEmpty();
            assertThat(seen.get() != null && seen.get().equals(token.authorizationHeader()))
                    .as("the Authorization header carries the bearer token").isTrue();
            assertThat(AccessToken.parse(seen.get()).identityId()).hasValue(identity);
        }
    }
}
