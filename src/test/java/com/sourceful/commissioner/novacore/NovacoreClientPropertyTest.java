package com.sourceful.commissioner.novacore;

import static com.sourceful.commissioner.testsupport.Outcomes.valueOr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Outcomes;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Novacore answer the app reads (provisioning, sites, a site's devices, sign-in challenge and token, error
 * bodies with Retry-After), random and mutated from the stand-in's real answers: a value or a
 * {@link NovacoreException}, never an unchecked exception; valid answers read back as the model they came from.
 */
class NovacoreClientPropertyTest {

    static final int FUZZ_TRIES = 1500;
    static final int MODEL_TRIES = 500;
    static final Instant NOW = Instant.parse("2026-06-21T10:00:00Z");
    static final TestClock CLOCK = new TestClock(NOW);

    static final ProvisionRequest REQUEST = new ProvisionRequest("zap-04772a97", "SG1A2B3C4D", "inverter",
            "sit-7f3a21", "Sungrow SH10RT", "Sungrow", "SH10RT",
            List.of(new ProvisionRequest.DerEntry("pv-array", "solar"), new ProvisionRequest.DerEntry("battery_1", "battery")));

    static final Map<String, List<String>> SEEDS = new LinkedHashMap<>();

    /** Real answers of the Novacore stand-in, fetched once over loopback. */
    @BeforeAll
    static void realAnswers() throws Exception {
        TestClock clock = new TestClock(NOW);
        try (NovacoreStandIn nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
             HttpTransport http = new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20)) {
            URI base = nova.baseUri().toString().endsWith("/") ? nova.baseUri() : URI.create(nova.baseUri() + "/");
            Map<String, String> auth = Map.of("Authorization",
                    "Bearer " + nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(24)));
            HttpTransport.Response created = http.postJson(base.resolve("devices/provision"), REQUEST.toJson().toString(), auth);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            HttpTransport.Response again = http.postJson(base.resolve("devices/provision"), REQUEST.toJson().toString(), auth);
            SEEDS.put("provision", List.of(created.body(), again.body()));
            SEEDS.put("sites", List.of(http.get(base.resolve("sites"), auth).body()));
            SEEDS.put("siteDevices", List.of(http.get(base.resolve("sites/sit-7f3a21/devices"), auth).body()));

            TechnicianKey key = TechnicianKey.parse("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
            nova.setAcceptAnyTechnician(true);
            JsonObject ask = new JsonObject();
            ask.addProperty("public_key", key.publicKeyHex());
            HttpTransport.Response challenge = http.postJson(base.resolve("auth/challenge"), ask.toString(), Map.of());
            String text = JsonParser.parseString(challenge.body()).getAsJsonObject().get("challenge").getAsString();
            JsonObject answer = new JsonObject();
            answer.addProperty("public_key", key.publicKeyHex());
            answer.addProperty("signature", key.sign(text));
            answer.addProperty("challenge", text);
            HttpTransport.Response verified = http.postJson(base.resolve("auth/verify"), answer.toString(), Map.of());
            assertThat(verified.status()).isEqualTo(200);
            SEEDS.put("challenge", List.of(challenge.body()));
            SEEDS.put("verify", List.of(verified.body()));
            SEEDS.put("error", List.of(http.get(base.resolve("sites/sit-nope/devices"), auth).body(),
                    http.get(base.resolve("sites"), Map.of()).body(),
                    "{\"error\":\"rate_limited\",\"message\":\"slow down\"}",
                    "{\"error\":\"validation_failed\",\"message\":\"site_id is required\",\"field\":\"site_id\"}"));
        }
    }

    static HttpTransport.Response response(int status, String body) {
        return new HttpTransport.Response(status, body, Optional.of("application/json"), Map.of());
    }

    // ---- any body: a value or a NovacoreException ------------------------------------------------------------

    @Test
    void provisionAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("provision")), body -> {
            valueOr(NovacoreException.class, () -> NovacoreClient.readProvision(response(201, body), REQUEST, CLOCK))
                    .ifPresent(Outcomes::assertNoNulls);
            valueOr(NovacoreException.class, () -> NovacoreClient.readProvision(response(200, body), REQUEST, CLOCK))
                    .ifPresent(Outcomes::assertNoNulls);
        });
    }

    @Test
    void sitesAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("sites")),
                body -> valueOr(NovacoreException.class, () -> NovacoreClient.readSites(response(200, body), CLOCK))
                        .ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void siteDevicesAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("siteDevices")),
                body -> valueOr(NovacoreException.class, () -> NovacoreClient.readSiteDevices(response(200, body), CLOCK))
                        .ifPresent(Outcomes::assertNoNulls));
    }

    @Test
    void challengeAnswers() {
        Props.forAllStrings(FUZZ_TRIES, JsonFuzz.anything(SEEDS.get("challenge")),
                body -> valueOr(NovacoreException.class, () -> NovacoreClient.readChallenge(response(200, body), CLOCK)));
    }

    /** The sign-in answer, its JSON mutated, and the token inside it mutated too (header, payload, signature). */
    @Test
    void signInTokenAnswers() {
        Gen<String> bodies = JsonFuzz.anything(SEEDS.get("verify"));
        Gen<String> payloads = JsonFuzz.anything(List.of("{\"identity_id\":\"idt-1\",\"identity_type\":\"technician\","
                + "\"exp\":1782036000,\"iat\":1781949600}"));
        Props.forAllStrings(FUZZ_TRIES, (r, size) -> {
            if (r.nextBoolean()) {
                return bodies.next(r, size);
            }
            JsonObject o = new JsonObject();
            o.addProperty("token", AccessTokenPropertyTest.jwt(payloads.next(r, size)));
            if (r.nextBoolean()) {
                o.addProperty("identity_id", r.nextBoolean() ? "idt-1" : Gens.anyText(10).next(r, size));
            }
            return o.toString();
        }, body -> valueOr(NovacoreException.class, () -> NovacoreClient.readVerified(response(200, body), CLOCK)));
    }

    static final List<String> RETRY_AFTER = List.of("0", "5", "-5", "120", " 30 ", "+7", "1.5", "",
            "99999999999999999999", "9223372036854775807", "-9223372036854775808", "Wed, 21 Jun 2026 10:01:00 GMT",
            "Sun, 21 Jun 2026 10:01:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT", "tomorrow", "١٢", "３０");

    /** Any status but success, any body, any Retry-After: REJECTED with that status, never something unchecked. */
    @Test
    void errorAnswersAreRejectedWithTheirStatus() {
        Gen<String> bodies = Gens.oneOf(JsonFuzz.anything(SEEDS.get("error")), JsonFuzz.anything(SEEDS.get("sites")),
                Gens.constant("", "<html><body>502 Bad Gateway</body></html>", "null"));
        Gen<String> retryAfter = Gens.oneOf(Gens.element(RETRY_AFTER), Gens.nearMiss(Gens.element(RETRY_AFTER)),
                Gens.anyText(30));
        Gen<Integer> statuses = Gens.oneOf(Gens.constant(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 204, 302),
                Gens.ints(100, 599).map(s -> s == 200 || s == 201 ? 500 : s));
        Props.forAll(FUZZ_TRIES, (r, size) -> new ErrorCase(statuses.next(r, size), bodies.next(r, size),
                r.nextInt(3) == 0 ? null : retryAfter.next(r, size), r.nextInt(6)), c -> {
            HttpTransport.Response r = new HttpTransport.Response(c.status, c.body, Optional.empty(),
                    c.retryAfter == null ? Map.of() : Map.of("Retry-After", c.retryAfter));
            Outcomes.Call<?> call = switch (c.which) {
                case 0 -> () -> NovacoreClient.readProvision(r, REQUEST, CLOCK);
                case 1 -> () -> NovacoreClient.readSites(r, CLOCK);
                case 2 -> () -> NovacoreClient.readSiteDevices(r, CLOCK);
                case 3 -> () -> NovacoreClient.readChallenge(r, CLOCK);
                default -> () -> NovacoreClient.readVerified(r, CLOCK);
            };
            NovacoreException e = catchThrowableOfType(NovacoreException.class, call::call);
            assertThat(e).as("status " + c.status).isNotNull();
            assertThat(e.kind()).isEqualTo(NovacoreException.Kind.REJECTED);
            assertThat(e.status()).isEqualTo(c.status);
            e.retryAfter().ifPresent(d -> assertThat(d.isNegative()).as("retry after %s", d).isFalse());
        });
    }

    record ErrorCase(int status, String body, String retryAfter, int which) {
    }

    @Test
    void retryAfterInSecondsOrAsADateIsHonoured() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            long seconds = r.nextLong(0, 100_000);
            boolean asDate = r.nextBoolean();
            String header = asDate
                    ? DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(seconds).atOffset(ZoneOffset.UTC))
                    : Long.toString(seconds);
            return Map.entry(header, seconds);
        }, c -> {
            HttpTransport.Response r = new HttpTransport.Response(429, "{\"error\":\"rate_limited\"}", Optional.empty(),
                    Map.of("Retry-After", c.getKey()));
            NovacoreException e = catchThrowableOfType(NovacoreException.class, () -> NovacoreClient.readSites(r, CLOCK));
            assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(c.getValue()));
            assertThat(e.errorCode()).hasValue("rate_limited");
            assertThat(e.isTransient()).isTrue();
        });
    }

    // ---- valid answers read back as their model ---------------------------------------------------------------

    record Case<T>(String body, T expected) {
    }

    static final Gen<String> TEXT = Gens.anyText(24);

    static JsonObject extras(RandomGenerator r) {
        JsonObject o = new JsonObject();
        for (int i = r.nextInt(3); i > 0; i--) {
            o.add("x-extra-" + i, JsonFuzz.value(r, 2));
        }
        return o;
    }

    static <T> Optional<T> maybe(RandomGenerator r, T value) {
        return r.nextInt(4) == 0 ? Optional.empty() : Optional.of(value);
    }

    static Map.Entry<JsonArray, List<ProvisionResult.ProvisionedDer>> ders(RandomGenerator r, int size) {
        JsonArray a = new JsonArray();
        List<ProvisionResult.ProvisionedDer> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            if (r.nextInt(6) == 0) {
                a.add(JsonFuzz.value(r, 0));
            }
            String id = TEXT.next(r, size);
            Optional<String> name = maybe(r, TEXT.next(r, size));
            Optional<String> type = maybe(r, Gens.constant("solar", "battery", "meter", "v2x_charger").next(r, size));
            JsonObject d = extras(r);
            d.addProperty("id", id);
            name.ifPresent(v -> d.addProperty("name", v));
            type.ifPresent(v -> d.addProperty("type", v));
            a.add(d);
            out.add(new ProvisionResult.ProvisionedDer(id, name.orElse(""), type.orElse("")));
        }
        return Map.entry(a, List.copyOf(out));
    }

    @Test
    void validProvisionAnswersReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            Optional<Boolean> created = maybe(r, r.nextBoolean());
            String deviceId = TEXT.next(r, size);
            Optional<String> hardware = maybe(r, TEXT.next(r, size));
            Optional<String> site = maybe(r, TEXT.next(r, size));
            Optional<String> state = maybe(r, TEXT.next(r, size));
            var ders = ders(r, size);
            JsonObject o = extras(r);
            created.ifPresent(v -> o.addProperty("created", v));
            o.addProperty("device_id", deviceId);
            hardware.ifPresent(v -> o.addProperty("hardware_id", v));
            site.ifPresent(v -> o.addProperty("site_id", v));
            state.ifPresent(v -> o.addProperty("state", v));
            if (!ders.getValue().isEmpty() || r.nextBoolean()) {
                o.add("ders", ders.getKey());
            }
            return new Case<>(o.toString(), new ProvisionResult(created.orElse(true), deviceId,
                    hardware.orElse(REQUEST.hardwareId()), site.orElse(REQUEST.siteId()), state.orElse(""), ders.getValue()));
        }, c -> assertThat(NovacoreClient.readProvision(response(201, c.body), REQUEST, CLOCK)).isEqualTo(c.expected));
    }

    /** {@code {sites:[…]}}, {@code {data:[…]}} or a bare list. */
    static String listShape(RandomGenerator r, String key, JsonArray list) {
        return switch (r.nextInt(3)) {
            case 0 -> list.toString();
            case 1 -> {
                JsonObject o = extras(r);
                o.add("data", list);
                yield o.toString();
            }
            default -> {
                JsonObject o = extras(r);
                o.add(key, list);
                yield o.toString();
            }
        };
    }

    @Test
    void validSiteListsReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonArray a = new JsonArray();
            List<Site> expected = new ArrayList<>();
            for (int i = r.nextInt(5); i > 0; i--) {
                String id = TEXT.next(r, size);
                Optional<String> name = maybe(r, TEXT.next(r, size));
                Optional<String> address = maybe(r, TEXT.next(r, size));
                JsonObject s = extras(r);
                s.addProperty("id", id);
                name.ifPresent(v -> s.addProperty("name", v));
                address.ifPresent(v -> s.addProperty("address", v));
                a.add(s);
                expected.add(new Site(id, name.orElse(""), address.orElse("")));
            }
            return new Case<>(listShape(r, "sites", a), List.copyOf(expected));
        }, c -> assertThat(NovacoreClient.readSites(response(200, c.body), CLOCK)).isEqualTo(c.expected));
    }

    @Test
    void validSiteDeviceListsReadAsTheirModel() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            JsonArray a = new JsonArray();
            List<ProvisionedDevice> expected = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                String id = TEXT.next(r, size);
                Optional<String> hardware = maybe(r, TEXT.next(r, size));
                Optional<String> name = maybe(r, TEXT.next(r, size));
                Optional<String> type = maybe(r, TEXT.next(r, size));
                Optional<String> state = maybe(r, TEXT.next(r, size));
                var ders = ders(r, size);
                JsonObject d = extras(r);
                d.addProperty("device_id", id);
                hardware.ifPresent(v -> d.addProperty("hardware_id", v));
                name.ifPresent(v -> d.addProperty("name", v));
                type.ifPresent(v -> d.addProperty("device_type", v));
                state.ifPresent(v -> d.addProperty("state", v));
                if (!ders.getValue().isEmpty() || r.nextBoolean()) {
                    d.add("ders", ders.getKey());
                }
                a.add(d);
                expected.add(new ProvisionedDevice(id, hardware.orElse(""), name.orElse(""), type.orElse(""),
                        ders.getValue(), state.orElse("")));
            }
            return new Case<>(listShape(r, "devices", a), List.copyOf(expected));
        }, c -> assertThat(NovacoreClient.readSiteDevices(response(200, c.body), CLOCK)).isEqualTo(c.expected));
    }

    @Test
    void validSignInAnswersGiveTheirToken() {
        Props.forAll(MODEL_TRIES, (r, size) -> {
            String identity = "idt-" + HexFormat.of().formatHex(longBytes(r.nextLong()));
            long exp = NOW.getEpochSecond() + r.nextLong(-100_000, 100_000);
            int identityField = r.nextInt(3); // 0 absent, 1 the same, 2 another
            JsonObject payload = new JsonObject();
            payload.addProperty("identity_id", identity);
            payload.addProperty("exp", exp);
            JsonObject o = extras(r);
            o.addProperty("token", AccessTokenPropertyTest.jwt(payload.toString()));
            if (identityField > 0) {
                o.addProperty("identity_id", identityField == 1 ? identity : identity + "x");
            }
            return new SignIn(o.toString(), identity, exp, identityField);
        }, c -> {
            if (c.identityField == 2) {
                NovacoreException e = catchThrowableOfType(NovacoreException.class,
                        () -> NovacoreClient.readVerified(response(200, c.body), CLOCK));
                assertThat(e.kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
            } else if (c.exp <= NOW.getEpochSecond()) {
                NovacoreException e = catchThrowableOfType(NovacoreException.class,
                        () -> NovacoreClient.readVerified(response(200, c.body), CLOCK));
                assertThat(e.errorCode()).hasValue("token_expired");
            } else {
                AccessToken t = NovacoreClient.readVerified(response(200, c.body), CLOCK);
                assertThat(t.identityId()).hasValue(c.identity);
                assertThat(t.expiresAt()).hasValue(Instant.ofEpochSecond(c.exp));
            }
        });
    }

    record SignIn(String body, String identity, long exp, int identityField) {
        @Override
        public String toString() {
            // A failing case is printed: say what it was, not the token.
            return "SignIn[identity=" + identity + ", exp=" + exp + ", identityField=" + identityField + "]";
        }
    }

    @Test
    void validChallengesAreReadAsTheyCame() {
        Props.forAll(MODEL_TRIES, (r, size) -> TEXT.next(r, size), challenge -> {
            JsonObject o = new JsonObject();
            o.addProperty("challenge", challenge);
            o.addProperty("expires_at", "2026-06-21T10:05:00Z");
            assertThat(NovacoreClient.readChallenge(response(201, o.toString()), CLOCK)).isEqualTo(challenge);
        });
    }

    /** Found by signInTokenAnswers: a token whose exp no Instant can hold made signIn throw DateTimeException. */
    @Test
    void aSignInTokenWithAnImpossibleExpiryIsABadResponse() {
        String body = "{\"token\":\"" + AccessTokenPropertyTest.jwt("{\"identity_id\":\"idt-1\",\"exp\":31556889864403200}")
                + "\",\"identity_id\":\"idt-1\"}";
        NovacoreException e = catchThrowableOfType(NovacoreException.class,
                () -> NovacoreClient.readVerified(response(200, body), CLOCK));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(NovacoreException.Kind.BAD_RESPONSE);
    }

    @Test
    void theSeedsAreReadAsValues() throws Exception {
        assertThat(NovacoreClient.readProvision(response(201, SEEDS.get("provision").get(0)), REQUEST, CLOCK).created()).isTrue();
        assertThat(NovacoreClient.readProvision(response(200, SEEDS.get("provision").get(1)), REQUEST, CLOCK).created()).isFalse();
        assertThat(NovacoreClient.readSites(response(200, SEEDS.get("sites").get(0)), CLOCK)).hasSize(3);
        assertThat(NovacoreClient.readSiteDevices(response(200, SEEDS.get("siteDevices").get(0)), CLOCK)).hasSize(1);
        assertThat(NovacoreClient.readChallenge(response(200, SEEDS.get("challenge").get(0)), CLOCK)).isNotBlank();
        assertThat(NovacoreClient.readVerified(response(200, SEEDS.get("verify").get(0)), CLOCK).identityId()).isPresent();
    }

    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
