package com.sourceful.commissioner.novacore;

import static com.sourceful.commissioner.testsupport.Outcomes.valueOr;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/**
 * {@link AccessToken#parse} on pasted text: JWTs whose payload is random or mutated JSON, broken base64, wrong part
 * counts, any text. A token or an {@link AccessToken.InvalidTokenException}, never an unchecked exception.
 */
class AccessTokenPropertyTest {

    static final String PAYLOAD = "{\"identity_id\":\"idt-3f1c0b9e-8c1d-4c39-9a51-0d2c3b4a5e6f\","
            + "\"identity_type\":\"technician\",\"exp\":1782036000,\"iat\":1781949600}";

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A JWT-shaped text around any payload text (the signature is not checked by the app). */
    static String jwt(String payload) {
        return B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString("not-a-real-signature-32-bytes!!!".getBytes(StandardCharsets.UTF_8));
    }

    /** Pasted text: a JWT of a mutated payload, perhaps with "Bearer " and spaces, perhaps damaged as text. */
    static Gen<String> pasted() {
        Gen<String> payloads = JsonFuzz.anything(List.of(PAYLOAD));
        return (r, size) -> {
            String token = jwt(payloads.next(r, size));
            switch (r.nextInt(8)) {
                case 0 -> token = "Bearer " + token;
                case 1 -> token = "  bearer\t" + token + "\n";
                case 2 -> token = Gens.nearMiss((rr, s) -> jwt(PAYLOAD)).next(r, size);
                case 3 -> token = token.replace('-', '+').replace('_', '/');
                case 4 -> token = token.substring(0, r.nextInt(token.length() + 1));
                case 5 -> token = Gens.anyText(60).next(r, size);
                default -> { }
            }
            return token;
        };
    }

    @Test
    void pastedTextIsATokenOrRefused() {
        Props.forAllStrings(4000, pasted(), text -> valueOr(AccessToken.InvalidTokenException.class, () -> AccessToken.parse(text))
                .ifPresent(t -> {
                    assertThat(t.toString()).doesNotContain(text.strip());
                    t.isExpired(Instant.EPOCH);
                    t.isExpired(Instant.MAX);
                }));
    }

    /** The refusal never quotes the token (it is a credential). */
    @Test
    void aRefusalNeverQuotesTheToken() {
        Props.forAllStrings(1000, pasted(), text -> {
            try {
                AccessToken.parse(text);
            } catch (AccessToken.InvalidTokenException e) {
                String[] parts = text.strip().split("\\.");
                for (String p : parts) {
                    if (p.length() >= 8) {
                        assertThat(e.getMessage()).doesNotContain(p);
                    }
                }
            }
        });
    }

    @Test
    void aValidPayloadReadsBackAsItsClaims() {
        Props.forAll(1000, (r, size) -> {
            // A JWT payload is UTF-8: text that UTF-8 can carry (a lone surrogate cannot).
            Optional<String> identity = r.nextInt(4) == 0 ? Optional.empty() : Optional.of(utf8(Gens.anyText(20).next(r, size)));
            Optional<String> type = r.nextInt(4) == 0 ? Optional.empty() : Optional.of(utf8(Gens.anyText(10).next(r, size)));
            Optional<Long> exp = r.nextInt(4) == 0 ? Optional.empty()
                    : Optional.of(r.nextLong(-62_000_000_000L, 253_000_000_000L)); // years -1 … 9999
            boolean sub = r.nextBoolean();
            JsonObject o = new JsonObject();
            identity.ifPresent(v -> o.addProperty(sub ? "sub" : "identity_id", v));
            type.ifPresent(v -> o.addProperty(sub ? "type" : "identity_type", v));
            exp.ifPresent(v -> o.addProperty("exp", v));
            o.add("x-extra", JsonFuzz.value(r, 2));
            return new Claims(jwt(o.toString()), identity, type, exp);
        }, c -> {
            AccessToken t = AccessToken.parse(c.jwt);
            assertThat(t.identityId()).isEqualTo(c.identity);
            assertThat(t.identityType()).isEqualTo(c.type);
            assertThat(t.expiresAt()).isEqualTo(c.exp.map(Instant::ofEpochSecond));
        });
    }

    static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    record Claims(String jwt, Optional<String> identity, Optional<String> type, Optional<Long> exp) {
        @Override
        public String toString() {
            return "Claims[identity=" + identity + ", type=" + type + ", exp=" + exp + "]";
        }
    }
}
