package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapIdentity;

import org.junit.jupiter.api.Test;

/** A firmware without {@code /api/crypto} (404) is still a Zap when {@code /api/system} has a {@code zap} object. */
class ZapWithoutCryptoTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));

    private ZapSimulator sim(boolean noCrypto) throws Exception {
        return ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0).serial("zap-04772a97")
                .noCrypto(noCrypto).addDeviceDelay(Duration.ZERO).clock(clock).start();
    }

    @Test
    void aZapWithoutCryptoIsKeyedByItsDeviceIdAndMarkedUnconfirmed() throws Exception {
        try (ZapSimulator zap = sim(true)) {
            FoundZap found = ZapDiscovery.check(zap.baseUri(), FoundZap.Source.TYPED, clock);
            assertThat(found.serial()).isEqualTo("zap-04772a97");
            assertThat(found.serialConfirmed()).as("the serial came from deviceId, not /api/crypto").isFalse();
            assertThat(found.answering()).isTrue();
        }
    }

    @Test
    void aZapWithCryptoIsKeyedByItsSerialNumberAndConfirmed() throws Exception {
        try (ZapSimulator zap = sim(false)) {
            FoundZap found = ZapDiscovery.check(zap.baseUri(), FoundZap.Source.TYPED, clock);
            assertThat(found.serial()).isEqualTo("zap-04772a97");
            assertThat(found.serialConfirmed()).isTrue();
        }
    }

    @Test
    void withoutCryptoAndWithoutAZapObjectItIsNotAZap() throws Exception {
        try (StubServer camera = StubServer.start()) {
            camera.json("/api/system", 200, "{\"uptime_seconds\":5,\"deviceId\":\"cam-1\"}");
            camera.json("/api/crypto", 404, "{\"error\":\"not found\"}");
            ZapException e = catchThrowableOfType(ZapException.class,
                    () -> ZapDiscovery.check(camera.baseUri(), FoundZap.Source.TYPED, clock));
            assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
        }
    }

    @Test
    void aZapObjectWithoutDeviceIdAndWithoutCryptoIsNotIdentified() throws Exception {
        try (StubServer odd = StubServer.start()) {
            odd.json("/api/system", 200, "{\"zap\":{\"firmwareVersion\":\"1.0\"}}");
            odd.json("/api/crypto", 404, "{\"error\":\"not found\"}");
            ZapException e = catchThrowableOfType(ZapException.class,
                    () -> ZapDiscovery.check(odd.baseUri(), FoundZap.Source.TYPED, clock));
            assertThat(e).as("no serial to key it by").isNotNull();
            assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
        }
    }

    @Test
    void aServerErrorOnCryptoIsNotTakenForAMissingEndpoint() throws Exception {
        try (StubServer busy = StubServer.start()) {
            busy.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"zap-04772a97\"}}");
            busy.json("/api/crypto", 503, "{\"error\":\"busy\"}");
            ZapException e = catchThrowableOfType(ZapException.class,
                    () -> ZapDiscovery.check(busy.baseUri(), FoundZap.Source.TYPED, clock));
            assertThat(e.kind()).as("a busy Zap says so; no unconfirmed serial").isEqualTo(ZapException.Kind.REJECTED);
        }
    }

    @Test
    void aDeviceIdBecomesASerialOfTheUsualShape() {
        assertThat(ZapIdentity.fromDeviceId("zap-04772a97").serialNumber()).isEqualTo("zap-04772a97");
        assertThat(ZapIdentity.fromDeviceId(" 04772A97 ").serialNumber()).isEqualTo("zap-04772a97");
        assertThat(ZapIdentity.fromDeviceId("04772a97").serialConfirmed()).isFalse();
    }
}
