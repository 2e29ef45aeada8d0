package com.sourceful.commissioner.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.sourceful.commissioner.http.PresentedCertificate;
import com.sourceful.commissioner.http.TlsStub;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection whose certificate does not verify is shown, not queued: it would fail from the outbox for ever. */
class ProvisionerTlsTest {

    @TempDir
    Path dir;

    @Test
    void anInterceptedConnectionIsRefusedAndNotQueued() throws Exception {
        TestClock clock = TestClock.atNoon();
        Outbox outbox = new Outbox(dir.resolve("outbox"), clock);
        long exp = clock.instant().plus(Duration.ofHours(2)).getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        AccessToken token = AccessToken.parse(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(("{\"identity_id\":\"idt-1\",\"exp\":" + exp + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".c2ln");
        try (TlsStub portal = TlsStub.start(TlsStub.SELF_SIGNED);
             NovacoreClient client = new NovacoreClient(portal.uri(), clock)) {
            Provisioner.Outcome outcome = new Provisioner(outbox)
                    .provision(ProvisionerTest.REQUEST, client.baseUri(), r -> client.provision(r, token));

            assertThat(outcome).isInstanceOf(Provisioner.Refused.class);
            NovacoreException why = ((Provisioner.Refused) outcome).cause();
            assertThat(why.kind()).isEqualTo(NovacoreException.Kind.INTERCEPTED);
            assertThat(why.certificate()).contains(
                    new PresentedCertificate(TlsStub.SELF_SIGNED_SUBJECT, TlsStub.SELF_SIGNED_SUBJECT));
            assertThat(outbox.entries()).as("nothing queued").isEmpty();
            assertThat(portal.requests()).isZero();
        }
    }
}
