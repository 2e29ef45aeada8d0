package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.sourceful.commissioner.http.PresentedCertificate;
import com.sourceful.commissioner.http.TlsStub;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;

/** A Novacore address whose certificate does not verify is named as intercepted, not as unreachable. */
class NovacoreClientTlsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));

    private AccessToken token() throws Exception {
        long exp = clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        return AccessToken.parse(NovacoreClientTest.jwt("{\"sub\":\"idn-tls\",\"exp\":" + exp + "}", "test secret"));
    }

    @Test
    void anUntrustedCertificateIsInterceptedNamesTheCertificateAndIsNotTransient() throws Exception {
        AccessToken token = token();
        try (TlsStub portal = TlsStub.start(TlsStub.SELF_SIGNED);
             NovacoreClient client = new NovacoreClient(portal.uri(), clock)) {
            NovacoreException sites = NovacoreClientTest.failure(() -> client.sites(token));
            NovacoreException provision = NovacoreClientTest.failure(
                    () -> client.provision(NovacoreClientTest.sungrow("SG-TLS", NovacoreClientTest.SITE), token));

            for (NovacoreException e : new NovacoreException[] {sites, provision}) {
                assertThat(e.kind()).isEqualTo(NovacoreException.Kind.INTERCEPTED);
                assertThat(e.isTransient()).as("not worth queueing").isFalse();
                assertThat(e.certificate()).contains(
                        new PresentedCertificate(TlsStub.SELF_SIGNED_SUBJECT, TlsStub.SELF_SIGNED_SUBJECT));
                assertThat(e.getMessage()).contains("intercepted");
            }
            assertThat(portal.requests()).as("no request, so no token, went over the connection").isZero();
        }
    }
}
