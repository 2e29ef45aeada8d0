package com.sourceful.commissioner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;

/** A certificate that does not verify fails the call, and the failure names the certificate the server presented. */
class TlsTrustTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aSelfSignedCertificateIsRefusedAndNamed() throws Exception {
        try (TlsStub stub = TlsStub.start(TlsStub.SELF_SIGNED);
             HttpTransport http = new HttpTransport(TIMEOUT, TIMEOUT, 4096)) {
            Throwable failure = catchThrowable(() -> http.get(stub.uri().resolve("sites"), Map.of()));

            assertThat(failure).isInstanceOf(SSLException.class);
            assertThat(UntrustedCertificateException.in(failure)).get()
                    .extracting(UntrustedCertificateException::presented)
                    .isEqualTo(new PresentedCertificate(TlsStub.SELF_SIGNED_SUBJECT, TlsStub.SELF_SIGNED_SUBJECT));
            assertThat(stub.requests()).as("nothing sent over the untrusted connection").isZero();
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefusedAndNamed() throws Exception {
        try (TlsStub stub = TlsStub.start(TlsStub.OTHER_HOST);
             HttpTransport http = new HttpTransport(TIMEOUT, TIMEOUT, 4096, TlsStub.keyStore(TlsStub.OTHER_HOST))) {
            Throwable failure = catchThrowable(() -> http.get(stub.uri().resolve("sites"), Map.of()));

            assertThat(failure).isInstanceOf(SSLException.class);
            assertThat(UntrustedCertificateException.in(failure)).get()
                    .extracting(u -> u.presented().subject())
                    .isEqualTo(TlsStub.OTHER_HOST_SUBJECT);
            assertThat(stub.requests()).isZero();
        }
    }

    @Test
    void aTrustedCertificateForThisHostIsAccepted() throws Exception {
        try (TlsStub stub = TlsStub.start(TlsStub.SELF_SIGNED);
             HttpTransport http = new HttpTransport(TIMEOUT, TIMEOUT, 4096, TlsStub.keyStore(TlsStub.SELF_SIGNED))) {
            assertThat(http.get(stub.uri().resolve("sites"), Map.of()).status()).isEqualTo(200);
            assertThat(stub.requests()).isEqualTo(1);
        }
    }
}
