package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/crypto/sign} and the Zap's real P-256 key, checked with the JDK alone. */
class ZapSimulatorSignTest {

    static final String SERIAL = "zap-04772a97";
    static final String CLAIMER = "idt-6f1c2a34-9b1e-4c55-8d0a-2b7f3e9c1d40";

    TestClock clock;
    ZapSimulator sim;
    URI base;

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.atNoon();
        sim = ZapSimulator.builder().serial(SERIAL).addDeviceDelay(Duration.ZERO).clock(clock).start();
        base = sim.baseUri();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    Http.Reply sign(String body) {
        return Http.post(base, "/api/crypto/sign", body);
    }

    @Test
    void signsClaimerNonceTimestampAndSerialVerifiablyWithTheSystemKey() throws Exception {
        Http.Reply r = sign("{\"message\":\"" + CLAIMER + "\",\"timestamp\":\"1782036000\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String message = r.json().get("message").getAsString();
        String der = r.json().get("sign").getAsString();
        assertThat(message).matches(CLAIMER + "\\|[0-9a-f]{16}\\|1782036000\\|" + SERIAL);
        assertThat(der).startsWith("30").matches("[0-9a-f]+");
        String systemKey = Http.get(base, "/api/system").json().getAsJsonObject("zap").get("publicKey").getAsString();
        assertThat(TestP256.verifiesDer(systemKey, message, der)).isTrue();
        // ... and only that message: the signature is over the whole returned string.
        assertThat(TestP256.verifiesDer(systemKey, message.replace("1782036000", "1782036001"), der)).isFalse();
    }

    @Test
    void theKeyIsARealUncompressedPointTheSameInSystemAndCryptoForTheSimulatorsLife() throws Exception {
        String system = Http.get(base, "/api/system").json().getAsJsonObject("zap").get("publicKey").getAsString();
        String crypto = Http.get(base, "/api/crypto").json().get("publicKey").getAsString();

        assertThat(system).matches("04[0-9a-f]{128}").isEqualTo(crypto).isEqualTo(sim.publicKeyHex());
        assertThat(TestP256.publicKey(system).getAlgorithm()).isEqualTo("EC");
        clock.advance(Duration.ofHours(1));
        assertThat(Http.get(base, "/api/system").json().getAsJsonObject("zap").get("publicKey").getAsString())
                .isEqualTo(system);
        try (ZapSimulator other = ZapSimulator.builder().serial(SERIAL).addDeviceDelay(Duration.ZERO).start()) {
            assertThat(other.publicKeyHex()).as("each simulated Zap has its own key").isNotEqualTo(system);
        }
    }

    @Test
    void withoutATimestampTheZapUsesItsOwnClockInSecondsAndAFreshNonceEachTime() {
        JsonObject first = sign("{\"message\":\"" + CLAIMER + "\"}").json();
        JsonObject second = sign("{\"message\":\"" + CLAIMER + "\"}").json();

        long now = clock.instant().getEpochSecond();
        assertThat(first.get("message").getAsString()).matches(CLAIMER + "\\|[0-9a-f]{16}\\|" + now + "\\|" + SERIAL);
        assertThat(first.get("message").getAsString().split("\\|")[1])
                .isNotEqualTo(second.get("message").getAsString().split("\\|")[1]);
        assertThat(sign("{}").json().get("message").getAsString()).matches("\\|[0-9a-f]{16}\\|" + now + "\\|" + SERIAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1]", "not json", "{\"message\":5}", "{\"timestamp\":1782036000}",
            "{\"message\":{\"a\":1}}", "{\"message\":\"x\",\"timestamp\":[\"1\"]}"})
    void aBodyThatIsNotAnObjectOrAFieldThatIsNotAStringIsABadRequest(String body) {
        Http.Reply r = sign(body);

        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.json().get("error").getAsString()).isEqualTo("bad request");
    }

    @Test
    void onlyPostAndFaultsApplyAsToTheOtherEndpoints() {
        assertThat(Http.get(base, "/api/crypto/sign").status()).isEqualTo(405);

        sim.setFault("POST /api/crypto/sign", new ZapFault.Status(503));
        assertThat(sign("{}").status()).isEqualTo(503);
        assertThat(Http.get(base, "/api/crypto").status()).as("the fault is on sign only").isEqualTo(200);
        sim.clearFault("post /api/crypto/sign/");
        assertThat(sign("{}").status()).isEqualTo(200);
    }

    @Test
    void aFirmwareWithoutCryptoCannotSign() throws Exception {
        try (ZapSimulator old = ZapSimulator.builder().noCrypto(true).addDeviceDelay(Duration.ZERO).start()) {
            assertThat(Http.post(old.baseUri(), "/api/crypto/sign", "{}").status()).isEqualTo(404);
        }
    }
}
