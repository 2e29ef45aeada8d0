package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NovacoreStandInTest {

    static final String SITE = "sit-7f3a21";
    static final String OTHER_SITE = "sit-b04c9e";

    TestClock clock;
    NovacoreStandIn nova;
    URI base;
    String identity;
    String token;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        base = nova.baseUri();
        identity = NovacoreStandIn.newIdentityId();
        token = nova.issueToken(identity, Duration.ofHours(24));
    }

    @AfterEach
    void stop() {
        nova.close();
    }

    Http.Reply get(String path) {
        return Http.send(base, "GET", path, null, token);
    }

    Http.Reply provision(String body) {
        return Http.send(base, "POST", "/devices/provision", body, token);
    }

    static String provisionBody(String hardwareId, String site, String gateway) {
        return "{\"gateway_serial\":\"" + gateway + "\",\"hardware_id\":\"" + hardwareId + "\",\"device_type\":\"inverter\","
                + "\"site_id\":\"" + site + "\",\"name\":\"Sungrow SH10RT\",\"manufacturer\":\"Sungrow\",\"model\":\"SH10RT\","
                + "\"ders\":[{\"name\":\"pv-array\",\"type\":\"solar\"},{\"name\":\"battery_1\",\"type\":\"battery\"}]}";
    }

    // ------------------------------------------------------------------ tokens

    @Test
    void issuedTokenHasTheDocumentedClaims() {
        assertThat(identity).matches("idt-[0-9a-f-]{36}");
        assertThat(base.toString()).isEqualTo("http://127.0.0.1:" + nova.port());
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(token).doesNotContain("=");
        JsonObject header = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(header.get("alg").getAsString()).isEqualTo("HS256");
        JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(claims.get("sub").getAsString()).isEqualTo(identity);
        assertThat(claims.get("identity_id").getAsString()).isEqualTo(identity);
        assertThat(claims.get("identity_type").getAsString()).isEqualTo("technician");
        assertThat(claims.get("iat").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.get("exp").getAsLong()).isEqualTo(clock.instant().getEpochSecond() + 86_400);
        assertThatThrownBy(() -> nova.issueToken("bob", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingTokenIs401() {
        Http.Reply r = Http.send(base, "GET", "/sites", null, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").getAsString()).isEqualTo("unauthorized");
        assertThat(r.json().get("message").getAsString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b", "a.b.c.d", "!!!.???.***", "e30.e30.", "bm90IGpzb24.e30.c2ln"})
    void malformedTokenIs401(String bad) {
        Http.Reply r = Http.send(base, "GET", "/sites", null, bad);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").getAsString()).isEqualTo("unauthorized");
        assertThat(r.body()).as("the token is never echoed").doesNotContain(bad);
    }

    @Test
    void notBearerSchemeIs401() {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/sites"))
                .header("Authorization", "Basic dXNlcjpwdw==").build();
        try {
            assertThat(Http.CLIENT.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badSignatureIs401() throws Exception {
        try (NovacoreStandIn other = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock, "another-secret")) {
            String foreign = other.issueToken(identity, Duration.ofHours(1));
            Http.Reply r = Http.send(base, "GET", "/sites", null, foreign);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("message").getAsString()).contains("signature");
        }
        // tampered payload, original signature
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + identity + "\",\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8));
        assertThat(Http.send(base, "GET", "/sites", null, parts[0] + "." + forgedClaims + "." + parts[2]).status()).isEqualTo(401);
    }

    @Test
    void expiredTokenIs401() {
        assertThat(get("/sites").status()).isEqualTo(200);
        clock.advance(Duration.ofHours(24));
        Http.Reply r = get("/sites");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("message").getAsString()).contains("expired");
        assertThat(Http.send(base, "GET", "/sites", null, nova.issueToken(identity, Duration.ofSeconds(-5))).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ sites

    @Test
    void sites() {
        Http.Reply r = get("/sites");
        assertThat(r.status()).isEqualTo(200);
        JsonArray sites = r.json().getAsJsonArray("sites");
        assertThat(sites).hasSize(3);
        for (var e : sites) {
            JsonObject s = e.getAsJsonObject();
            assertThat(s.get("id").getAsString()).startsWith("sit-");
            assertThat(s.get("name").getAsString()).startsWith("Demo – ");
            assertThat(s.get("address").getAsString()).isNotBlank();
        }
        JsonObject one = get("/sites/" + SITE).json();
        assertThat(one.get("id").getAsString()).isEqualTo(SITE);
        assertThat(one.get("name").getAsString()).isEqualTo("Demo – Villa Solsidan");
        Http.Reply missing = get("/sites/sit-nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").getAsString()).isEqualTo("not_found");
        assertThat(get("/sites/sit-nope/devices").status()).isEqualTo(404);
        assertThat(get("/sites/" + SITE + "/devices").json().getAsJsonArray("devices")).isEmpty();
        assertThat(nova.sites()).hasSize(3);
    }

    @Test
    void unknownEndpointAndWrongMethod() {
        assertThat(get("/nothing").status()).isEqualTo(404);
        Http.Reply r = Http.send(base, "DELETE", "/sites", null, token);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.raw().headers().firstValue("Allow")).hasValue("GET");
        assertThat(get("/devices/provision").status()).isEqualTo(405);
    }

    // ------------------------------------------------------------------ provisioning

    @Test
    void provisionHistoryKeepsOnlyTheLastBodies() {
        int sent = NovacoreStandIn.PROVISION_HISTORY + 20;
        for (int i = 0; i < sent; i++) {
            provision("{\"n\":" + i + "}"); // a JSON object is recorded before it is validated
        }
        List<JsonObject> kept = nova.provisionRequests();
        assertThat(kept).hasSize(NovacoreStandIn.PROVISION_HISTORY);
        assertThat(kept.get(0).get("n").getAsInt()).isEqualTo(20);
        assertThat(kept.get(kept.size() - 1).get("n").getAsInt()).isEqualTo(sent - 1);
    }

    @Test
    void provisionedDevicesAreBoundedButKnownOnesStillAnswer() {
        nova.limitTo(NovacoreStandIn.MAX_OPEN_CHALLENGES, 2);
        assertThat(provision(provisionBody("HW-1", SITE, "zap-1")).status()).isEqualTo(201);
        assertThat(provision(provisionBody("HW-2", SITE, "zap-1")).status()).isEqualTo(201);
        Http.Reply refused = provision(provisionBody("HW-3", SITE, "zap-1"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("60");
        assertThat(provision(provisionBody("HW-1", SITE, "zap-1")).status()).as("a retry of a known one").isEqualTo(200);
        assertThat(get("/sites/" + SITE + "/devices").json().getAsJsonArray("devices")).hasSize(2);
    }

    @Test
    void provisionCreatesThenIsIdempotent() {
        String body = provisionBody("SGAEF1063A", SITE, "zap-04772a97");
        Http.Reply first = provision(body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonObject a = first.json();
        assertThat(a.get("device_id").getAsString()).startsWith("dev-");
        assertThat(a.get("hardware_id").getAsString()).isEqualTo("SGAEF1063A");
        assertThat(a.get("device_type").getAsString()).isEqualTo("inverter");
        assertThat(a.get("site_id").getAsString()).isEqualTo(SITE);
        assertThat(a.get("gateway_serial").getAsString()).isEqualTo("zap-04772a97");
        assertThat(a.get("name").getAsString()).isEqualTo("Sungrow SH10RT");
        assertThat(a.get("manufacturer").getAsString()).isEqualTo("Sungrow");
        assertThat(a.get("model").getAsString()).isEqualTo("SH10RT");
        assertThat(a.get("state").getAsString()).isEqualTo("pending");
        assertThat(a.get("created").getAsBoolean()).isTrue();
        JsonArray ders = a.getAsJsonArray("ders");
        assertThat(ders).hasSize(2);
        assertThat(ders.get(0).getAsJsonObject().get("id").getAsString()).startsWith("der-");
        assertThat(ders.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("pv-array");
        assertThat(ders.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("solar");

        Http.Reply again = provision(body);
        assertThat(again.status()).isEqualTo(200);
        JsonObject b = again.json();
        assertThat(b.get("created").getAsBoolean()).isFalse();
        assertThat(b.get("device_id").getAsString()).isEqualTo(a.get("device_id").getAsString());
        assertThat(b.getAsJsonArray("ders")).isEqualTo(ders);

        assertThat(nova.devices()).hasSize(1);
        assertThat(nova.provisionRequests()).hasSize(2);
        assertThat(nova.provisionRequests().get(0)).isEqualTo(JsonParser.parseString(body).getAsJsonObject());
        JsonArray listed = get("/sites/" + SITE + "/devices").json().getAsJsonArray("devices");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getAsJsonObject().get("device_id").getAsString()).isEqualTo(a.get("device_id").getAsString());
        assertThat(listed.get(0).getAsJsonObject().getAsJsonArray("ders")).hasSize(2);
        assertThat(get("/sites/" + OTHER_SITE + "/devices").json().getAsJsonArray("devices")).isEmpty();
    }

    @Test
    void reprovisioningAddsNewDersAndKeepsOldIds() {
        JsonObject a = provision(provisionBody("SGAEF1063A", SITE, "zap-04772a97")).json();
        String more = "{\"gateway_serial\":\"zap-04772a97\",\"hardware_id\":\"SGAEF1063A\",\"device_type\":\"inverter\","
                + "\"site_id\":\"" + SITE + "\",\"ders\":[{\"name\":\"pv-array\",\"type\":\"solar\"},{\"name\":\"meter_1\",\"type\":\"meter\"}]}";
        Http.Reply r = provision(more);
        assertThat(r.status()).isEqualTo(200);
        JsonArray ders = r.json().getAsJsonArray("ders");
        assertThat(ders).hasSize(3);
        assertThat(ders.get(0)).isEqualTo(a.getAsJsonArray("ders").get(0));
        assertThat(ders.get(2).getAsJsonObject().get("type").getAsString()).isEqualTo("meter");
    }

    @Test
    void sameHardwareElsewhereIs409() {
        assertThat(provision(provisionBody("SGAEF1063A", SITE, "zap-04772a97")).status()).isEqualTo(201);
        Http.Reply otherSite = provision(provisionBody("SGAEF1063A", OTHER_SITE, "zap-04772a97"));
        assertThat(otherSite.status()).isEqualTo(409);
        assertThat(otherSite.json().get("error").getAsString()).isEqualTo("conflict");
        assertThat(otherSite.json().get("message").getAsString()).isNotBlank();
        assertThat(provision(provisionBody("SGAEF1063A", SITE, "zap-0000beef")).status()).isEqualTo(409);
        assertThat(nova.devices()).hasSize(1);
    }

    @Test
    void unknownSiteIs404() {
        Http.Reply r = provision(provisionBody("SGAEF1063A", "sit-unknown", "zap-04772a97"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").getAsString()).isEqualTo("not_found");
        assertThat(nova.devices()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[1]", "\"x\""})
    void bodyNotAnObjectIs400(String body) {
        Http.Reply r = provision(body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").getAsString()).isEqualTo("bad_request");
        assertThat(r.json().get("message").getAsString()).isNotBlank();
    }

    static Stream<Arguments> invalidProvisions() {
        String ders = "\"ders\":[{\"name\":\"pv-array\",\"type\":\"solar\"}]";
        String base = "\"gateway_serial\":\"zap-04772a97\",\"site_id\":\"" + SITE + "\",";
        return Stream.of(
                Arguments.of("{" + base + "\"device_type\":\"inverter\"," + ders + "}", "hardware_id"),
                Arguments.of("{" + base + "\"hardware_id\":\"  \",\"device_type\":\"inverter\"," + ders + "}", "hardware_id"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\"," + ders + "}", "device_type"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"toaster\"," + ders + "}", "device_type"),
                Arguments.of("{\"gateway_serial\":\"zap-04772a97\",\"hardware_id\":\"X1\",\"device_type\":\"meter\"," + ders + "}", "site_id"),
                Arguments.of("{\"site_id\":\"" + SITE + "\",\"hardware_id\":\"X1\",\"device_type\":\"meter\"," + ders + "}", "gateway_serial"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"meter\"}", "ders"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"meter\",\"ders\":[]}", "ders"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"meter\",\"ders\":{}}", "ders"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"inverter\",\"ders\":[{\"name\":\"pv\",\"type\":\"pv\"}]}", "ders[0].type"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"inverter\",\"ders\":[{\"name\":\"a\",\"type\":\"solar\"},{\"type\":\"battery\"}]}", "ders[1].name"),
                Arguments.of("{" + base + "\"hardware_id\":\"X1\",\"device_type\":\"charger\",\"ders\":[\"v2x_charger\"]}", "ders[0]"));
    }

    @ParameterizedTest
    @MethodSource("invalidProvisions")
    void invalidProvisionIs422WithField(String body, String field) {
        Http.Reply r = provision(body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("error").getAsString()).isEqualTo("validation_failed");
        assertThat(r.json().get("field").getAsString()).isEqualTo(field);
        assertThat(r.json().get("message").getAsString()).isNotBlank();
        assertThat(nova.devices()).isEmpty();
        assertThat(nova.provisionRequests()).hasSize(1);
    }

    @Test
    void unavailableIs503() {
        nova.setAvailable(false);
        Http.Reply r = get("/sites");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").getAsString()).isEqualTo("unavailable");
        assertThat(provision(provisionBody("SGAEF1063A", SITE, "zap-04772a97")).status()).isEqualTo(503);
        nova.setAvailable(true);
        assertThat(get("/sites").status()).isEqualTo(200);
    }

    @Test
    void convenienceStartUsesLoopback() throws Exception {
        try (NovacoreStandIn n = NovacoreStandIn.start()) {
            assertThat(n.baseUri().getHost()).isEqualTo("127.0.0.1");
            String t = n.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofMinutes(5));
            assertThat(Http.send(n.baseUri(), "GET", "/sites", null, t).status()).isEqualTo(200);
        }
    }
}
