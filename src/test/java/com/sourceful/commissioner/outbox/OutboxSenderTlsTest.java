package com.sourceful.commissioner.outbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.sourceful.commissioner.http.TlsStub;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued request met by an intercepting network (a certificate that does not verify) waits for another network:
 * it stays PENDING with the reason, and is never marked FAILED for good.
 */
class OutboxSenderTlsTest {

    @TempDir
    Path dir;

    @Test
    void anInterceptedSendLeavesTheEntryPending() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        Outbox outbox = new Outbox(dir, clock);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        AccessToken token = AccessToken.parse(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"idt-1\",\"exp\":" + exp + "}").getBytes(UTF_8)) + ".c2ln");
        try (TlsStub portal = TlsStub.start(TlsStub.SELF_SIGNED)) {
            Outbox.Entry entry = outbox.add(OutboxTest.request("SG1A2B3C4D"), portal.uri());

            OutboxSender.Report report = new OutboxSender(outbox, uri -> new NovacoreClient(uri, clock))
                    .sendPending(token, portal.uri());

            assertThat(report).isEqualTo(new OutboxSender.Report(0, 0, 1));
            Outbox.Entry after = outbox.entry(entry.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(Outbox.State.PENDING);
            assertThat(after.lastError()).hasValueSatisfying(why -> assertThat(why).contains("intercepted"));
            assertThat(portal.requests()).isZero();
        }
    }
}
