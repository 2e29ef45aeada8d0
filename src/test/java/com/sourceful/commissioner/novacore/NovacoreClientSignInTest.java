package com.sourceful.commissioner.novacore;

import static com.sourceful.commissioner.novacore.NovacoreClientTest.failure;
import static com.sourceful.commissioner.novacore.NovacoreClientTest.sungrow;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sun.net.httpserver.HttpExchange;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in with a key and the site's devices: NovacoreClient against the stand-in, and stubs for odd answers. */
class NovacoreClientSignInTest {

    static final String SITE = NovacoreClientTest.SITE;
    static final String OTHER_SITE = NovacoreClientTest.OTHER_SITE;

    @TempDir
    Path dir;

    TestClock clock;
    NovacoreStandIn nova;
    NovacoreClient client;
    TechnicianKey key;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        client = new NovacoreClient(nova.baseUri(), clock);
        key = TechnicianKey.load(write("tech.key", TechnicianKeyTest.RFC_SEED));
    }

    @AfterEach
    void stop() {
        client.close();
        nova.close();
    }

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void signInGivesATokenForTheStandInsIdentity() throws Exception {
        String identity = nova.registerTechnician(key.publicKeyHex());
        AccessToken token = client.signIn(key);
        assertThat(token.identityId()).hasValue(identity);
        assertThat(token.identityType()).hasValue("technician");
        assertThat(token.expiresAt()).hasValue(clock.instant().plus(Duration.ofHours(24)));
        assertThat(client.sites(token)).hasSize(3);
        assertThat(client.signIn(key).identityId()).as("again, with a new challenge").hasValue(identity);
    }

    @Test
    void unregisteredKeyIsRejected404() throws Exception {
        nova.registerTechnician(TechnicianKeyTest.RFC_PUBLIC.replace('d', 'e'));
        NovacoreException e = failure(() -> client.signIn(key));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).hasValue("not_found");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).doesNotContain(TechnicianKeyTest.RFC_SEED);
    }

    /** Sends the body on to the stand-in and its answer back. */
    void forward(HttpExchange ex, String path, String body) throws IOException {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(nova.baseUri().resolve(path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            StubServer.send(ex, r.statusCode(), "application/json", r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRejected401() throws Exception {
        // The stand-in's verify with a relay that tampers with the signature on its way.
        nova.registerTechnician(key.publicKeyHex());
        try (StubServer relay = StubServer.start();
             NovacoreClient c = new NovacoreClient(relay.baseUri(), clock);
             NovacoreClient direct = new NovacoreClient(nova.baseUri(), clock)) {
            relay.on("/auth/challenge", ex -> forward(ex, "/auth/challenge",
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            relay.on("/auth/verify", ex -> {
                JsonObject b = JsonParser.parseString(new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).getAsJsonObject();
                byte[] sig = HexFormat.of().parseHex(b.get("signature").getAsString());
                sig[0] ^= 1;
                b.addProperty("signature", HexFormat.of().formatHex(sig));
                forward(ex, "/auth/verify", b.toString());
            });
            NovacoreException e = failure(() -> c.signIn(key));
            assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.serverMessage()).hasValue("invalid signature");
            assertThat(direct.signIn(key).identityId()).as("untampered, the same key works")
                    .hasValue(NovacoreStandIn.identityOf(key.publicKeyHex()));
        }
    }

    @Test
    void signInAnswersTheStandInNeverGives() throws Exception {
        try (StubServer stub = StubServer.start();
             NovacoreClient c = new NovacoreClient(stub.baseUri(), clock)) {
            stub.json("/auth/challenge", 200, "{\"challenge\":\"abc\",\"expires_at\":\"2026-06-21T10:05:00Z\"}");

            String fresh = NovacoreClientTest.jwt("{\"identity_id\":\"idt-1\",\"exp\":"
                    + clock.instant().plusSeconds(3600).getEpochSecond() + "}", "s");
            stub.json("/auth/verify", 200, "{\"token\":\"" + fresh + "\",\"identity_id\":\"idt-1\"}");
            assertThat(c.signIn(key).identityId()).hasValue("idt-1");
            assertThat(stub.requests()).containsExactly("POST /auth/challenge", "POST /auth/verify");

            stub.json("/auth/verify", 200, "{\"token\":\"" + fresh + "\",\"identity_id\":\"idt-2\"}");
            assertThat(failure(() -> c.signIn(key)).kind()).as("identity mismatch")
                    .isEqualTo(NovacoreException.Kind.BAD_RESPONSE);

            stub.json("/auth/verify", 200, "{\"token\":\"not-a-jwt\"}");
            NovacoreException unreadable = failure(() -> c.signIn(key));
            assertThat(unreadable.kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
            assertThat(unreadable.getMessage()).doesNotContain("not-a-jwt");

            String stale = NovacoreClientTest.jwt("{\"identity_id\":\"idt-1\",\"exp\":"
                    + clock.instant().minusSeconds(10).getEpochSecond() + "}", "s");
            stub.json("/auth/verify", 200, "{\"token\":\"" + stale + "\"}");
            NovacoreException expired = failure(() -> c.signIn(key));
            assertThat(expired.kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
            assertThat(expired.getMessage()).contains("clock").doesNotContain(stale);

            stub.json("/auth/verify", 200, "{\"identity_id\":\"idt-1\"}");
            assertThat(failure(() -> c.signIn(key)).kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);

            stub.json("/auth/challenge", 200, "[]");
            assertThat(failure(() -> c.signIn(key)).kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);

            stub.json("/auth/challenge", 503, "{\"error\":\"unavailable\"}");
            NovacoreException down = failure(() -> c.signIn(key));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.isTransient()).isTrue();
        }
    }

    @Test
    void siteDevicesListsWhatWasProvisionedWithTheirDers() throws Exception {
        nova.registerTechnician(key.publicKeyHex());
        AccessToken token = client.signIn(key);
        assertThat(client.siteDevices(SITE, token)).isEmpty();

        ProvisionResult a = client.provision(sungrow("SG-A", SITE), token);
        ProvisionResult b = client.provision(new ProvisionRequest(NovacoreClientTest.GATEWAY, "MTR-B", "meter", SITE,
                "Grid meter", "Eastron", "SDM630", List.of(new ProvisionRequest.DerEntry("grid", "meter"))), token);
        client.provision(sungrow("SG-C", OTHER_SITE), token);

        List<ProvisionedDevice> devices = client.siteDevices(SITE, token);
        assertThat(devices).hasSize(2);
        Map<String, ProvisionedDevice> byHw = Map.of(devices.get(0).hardwareId(), devices.get(0),
                devices.get(1).hardwareId(), devices.get(1));
        assertThat(byHw.get("SG-A")).isEqualTo(new ProvisionedDevice(a.deviceId(), "SG-A", "Sungrow SH10RT",
                "inverter", a.ders(), "pending"));
        assertThat(byHw.get("SG-A").ders()).extracting(ProvisionResult.ProvisionedDer::name)
                .containsExactly("pv-array", "battery_1");
        assertThat(byHw.get("MTR-B")).isEqualTo(new ProvisionedDevice(b.deviceId(), "MTR-B", "Grid meter", "meter",
                b.ders(), "pending"));
        assertThat(client.siteDevices(OTHER_SITE, token)).extracting(ProvisionedDevice::hardwareId)
                .containsExactly("SG-C");
    }

    @Test
    void siteDevicesOfAnUnknownSiteIs404() throws Exception {
        AccessToken token = AccessToken.parse(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1)));
        NovacoreException e = failure(() -> client.siteDevices("sit-nope", token));
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).hasValue("not_found");
        assertThat(failure(() -> client.siteDevices("../sites", token)).status()).as("the id is one path segment")
                .isEqualTo(404);
        clock.advance(Duration.ofHours(2));
        assertThat(failure(() -> client.siteDevices(SITE, token)).errorCode()).as("expired: refused locally")
                .hasValue("token_expired");
    }

    @Test
    void siteDevicesShapes() throws Exception {
        AccessToken token = AccessToken.parse(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1)));
        try (StubServer stub = StubServer.start();
             NovacoreClient c = new NovacoreClient(stub.baseUri(), clock)) {
            String one = "{\"device_id\":\"dev-1\",\"hardware_id\":\"HW1\",\"ders\":[{\"id\":\"der-1\",\"type\":\"solar\"}],"
                    + "\"extra\":1}";
            ProvisionedDevice expected = new ProvisionedDevice("dev-1", "HW1", "", "",
                    List.of(new ProvisionResult.ProvisionedDer("der-1", "", "solar")));
            stub.json("/sites/sit-1/devices", 200, "{\"devices\":[" + one + "]}");
            assertThat(c.siteDevices("sit-1", token)).containsExactly(expected);
            stub.json("/sites/sit-1/devices", 200, "[" + one + "]");
            assertThat(c.siteDevices("sit-1", token)).containsExactly(expected);
            stub.json("/sites/sit-1/devices", 200, "{\"data\":[" + one + "],\"next\":null}");
            assertThat(c.siteDevices("sit-1", token)).containsExactly(expected);
            stub.json("/sites/sit-1/devices", 200, "{\"data\":[{\"device_id\":\"dev-2\"}]}");
            assertThat(c.siteDevices("sit-1", token)).containsExactly(
                    new ProvisionedDevice("dev-2", "", "", "", List.of()));

            stub.json("/sites/sit-1/devices", 200, "[{\"hardware_id\":\"no id\"}]");
            assertThat(failure(() -> c.siteDevices("sit-1", token)).kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
            stub.json("/sites/sit-1/devices", 200, "{\"count\":0}");
            assertThat(failure(() -> c.siteDevices("sit-1", token)).kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
        }
    }
}
