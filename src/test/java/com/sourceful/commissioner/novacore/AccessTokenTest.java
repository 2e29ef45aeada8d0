package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTest {

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String token(String claims) {
        return b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".c2lnbmF0dXJl";
    }

    @Test
    void parsesIdentityTypeAndExpiryOfAStandInToken() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        String identity = NovacoreStandIn.newIdentityId();
        String jwt;
        try (NovacoreStandIn nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock)) {
            jwt = nova.issueToken(identity, Duration.ofHours(24));
        }
        AccessToken t = AccessToken.parse(jwt);
        assertThat(t.identityId()).hasValue(identity);
        assertThat(t.identityType()).hasValue("technician");
        assertThat(t.expiresAt()).hasValue(Instant.parse("2026-06-22T10:00:00Z"));
        assertThat(t.isExpired(clock.instant())).isFalse();
        assertThat(t.isExpired(Instant.parse("2026-06-22T09:59:59Z"))).isFalse();
        assertThat(t.isExpired(Instant.parse("2026-06-22T10:00:00Z"))).as("expired at exp").isTrue();
        assertThat(t.expiresWithin(clock.instant(), Duration.ofHours(1))).isFalse();
        assertThat(t.expiresWithin(Instant.parse("2026-06-22T09:30:00Z"), Duration.ofHours(1))).isTrue();
        // Boolean checks: a failing assertion must not print the token either.
        assertThat(t.authorizationHeader().equals("Bearer " + jwt)).as("header carries the token").isTrue();
        for (String part : jwt.split("\\.")) {
            assertThat(t.toString().contains(part)).as("toString() shows a part of the token").isFalse();
        }
        assertThat(t.toString()).contains(identity).contains("2026-06-22T10:00:00Z");
    }

    @Test
    void namesThePersonWhenTheTokenCarriesANameOrAnEmail() throws Exception {
        assertThat(AccessToken.parse(token("{\"identity_id\":\"idt-1\",\"name\":\" Anna Berg \","
                + "\"email\":\"anna@example.com\"}")).person()).hasValue("Anna Berg (anna@example.com)");
        assertThat(AccessToken.parse(token("{\"identity_id\":\"idt-1\",\"email\":\"anna@example.com\"}")).person())
                .hasValue("anna@example.com");
        assertThat(AccessToken.parse(token("{\"identity_id\":\"idt-1\",\"preferred_username\":\"aberg\"}")).person())
                .hasValue("aberg");
        assertThat(AccessToken.parse(token("{\"identity_id\":\"idt-1\",\"name\":\"  \"}")).person()).isEmpty();
        assertThat(AccessToken.parse(token("{\"identity_id\":\"idt-1\"}")).person()).as("Novacore's own").isEmpty();
    }

    @Test
    void acceptsABearerPrefixAndSurroundingSpaceAndFallsBackToSub() throws Exception {
        String jwt = token("{\"sub\":\"idt-1\",\"type\":\"installer\",\"exp\":1781000000}");
        AccessToken t = AccessToken.parse("  bearer " + jwt + "\n");
        assertThat(t.authorizationHeader().equals("Bearer " + jwt)).as("prefix and spaces stripped").isTrue();
        assertThat(t.identityId()).hasValue("idt-1");
        assertThat(t.identityType()).hasValue("installer");
        assertThat(t.expiresAt()).hasValue(Instant.ofEpochSecond(1781000000L));
    }

    @Test
    void tokenWithoutClaimsHasNoExpiryAndUnknownIdentity() throws Exception {
        AccessToken t = AccessToken.parse(token("{}"));
        assertThat(t.expiresAt()).isEmpty();
        assertThat(t.identityId()).isEmpty();
        assertThat(t.isExpired(Instant.MAX)).isFalse();
        assertThat(t.toString()).isEqualTo("AccessToken[identity=?, expires=?]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "secret-token-text", "abc.def", "a.b.c.d", ".eyJleHAiOjF9.sig", "hdr..sig",
            "hdr.eyJleHAiOjF9.", "hdr.%%%notbase64.sig", "hdr.bm90IGpzb24.sig", "hdr.WzEsMl0.sig"})
    void rejectsWhatIsNotAReadableJwtWithoutEchoingIt(String text) {
        AccessToken.InvalidTokenException e = catchThrowableOfType(AccessToken.InvalidTokenException.class,
                () -> AccessToken.parse(text));
        assertThat(e).as("refused: '%s'", text).isNotNull();
        if (!text.isBlank()) {
            assertThat(e.getMessage()).doesNotContain(text.strip());
        }
    }

    @Test
    void nullIsRefused() {
        assertThat(catchThrowableOfType(AccessToken.InvalidTokenException.class, () -> AccessToken.parse(null)))
                .isNotNull();
    }

    /** Found by AccessTokenPropertyTest: an exp beyond Instant's range threw DateTimeException out of parse. */
    @ParameterizedTest
    @ValueSource(strings = {"1e300", "-1e300", "9223372036854775807", "31556889864403200"})
    void anExpiryNoInstantCanHoldIsRefused(String exp) {
        AccessToken.InvalidTokenException e = catchThrowableOfType(AccessToken.InvalidTokenException.class,
                () -> AccessToken.parse(token("{\"identity_id\":\"idt-1\",\"exp\":" + exp + "}")));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("exp");
    }
}
