package com.sourceful.commissioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OutboxSender against a real NovacoreStandIn on loopback. */
class OutboxSenderTest {

    @TempDir
    Path dir;
    TestClock clock;
    NovacoreStandIn nova;
    Outbox outbox;
    OutboxSender sender;
    AccessToken token;

    @BeforeEach
    void setUp() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        outbox = new Outbox(dir, clock);
        sender = new OutboxSender(outbox, uri -> new NovacoreClient(uri, clock));
        token = AccessToken.parse(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(24)));
    }

    @AfterEach
    void tearDown() {
        nova.close();
    }

    Outbox.Entry add(String hardwareId) throws Exception {
        Outbox.Entry e = outbox.add(OutboxTest.request(hardwareId), nova.baseUri());
        clock.advance(Duration.ofSeconds(1));
        return e;
    }

    @Test
    void eachRequestIsSentOncePerSuccess() throws Exception {
        nova.setAvailable(false);
        Outbox.Entry a = add("SG1A2B3C4D");
        Outbox.Entry b = add("SG9Z8Y7X6W");

        OutboxSender.Report offline = sender.sendPending(token, nova.baseUri());

        assertThat(offline).isEqualTo(new OutboxSender.Report(0, 0, 2));
        assertThat(outbox.entries()).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(Outbox.State.PENDING);
            assertThat(e.lastError()).contains("HTTP 503 unavailable");
        });
        // The stand-in was down for the whole run: the second entry was not even tried.
        assertThat(outbox.entry(a.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outbox.entry(b.id()).orElseThrow().attempts()).isZero();

        nova.setAvailable(true);
        OutboxSender.Report online = sender.sendPending(token, nova.baseUri());

        assertThat(online).isEqualTo(new OutboxSender.Report(2, 0, 0));
        assertThat(outbox.entries()).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(Outbox.State.SENT);
            assertThat(e.result()).hasValueSatisfying(r -> {
                assertThat(r.created()).isTrue();
                assertThat(r.deviceId()).startsWith("dev-");
            });
        });
        // Oldest first.
        assertThat(nova.provisionRequests()).extracting(o -> o.get("hardware_id").getAsString())
                .containsExactly("SG1A2B3C4D", "SG9Z8Y7X6W");

        OutboxSender.Report again = new OutboxSender(new Outbox(dir, clock), uri -> new NovacoreClient(uri, clock))
                .sendPending(token, nova.baseUri());

        assertThat(again).isEqualTo(new OutboxSender.Report(0, 0, 0));
        assertThat(nova.provisionRequests()).hasSize(2);
        assertThat(nova.devices()).hasSize(2);
    }

    @Test
    void aRejectedTokenLeavesEntriesPending() throws Exception {
        Outbox.Entry a = add("SG1A2B3C4D");
        add("SG9Z8Y7X6W");
        NovacoreStandIn other = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock, "another-secret-entirely");
        AccessToken foreign;
        try {
            foreign = AccessToken.parse(other.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1)));
        } finally {
            other.close();
        }

        OutboxSender.Report report = sender.sendPending(foreign, nova.baseUri());

        assertThat(report).isEqualTo(new OutboxSender.Report(0, 0, 2));
        assertThat(outbox.entries()).extracting(Outbox.Entry::state).containsOnly(Outbox.State.PENDING);
        assertThat(outbox.entry(a.id()).orElseThrow().lastError()).hasValueSatisfying(r ->
                assertThat(r).startsWith("HTTP 401").doesNotContain("eyJ"));
        assertThat(nova.devices()).isEmpty();

        // An expired token is refused before it is sent: still PENDING, nothing reached the stand-in.
        AccessToken expired = AccessToken.parse(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofSeconds(-5)));
        assertThat(sender.sendPending(expired, nova.baseUri())).isEqualTo(new OutboxSender.Report(0, 0, 2));
        assertThat(outbox.entries()).extracting(Outbox.Entry::state).containsOnly(Outbox.State.PENDING);
        assertThat(nova.provisionRequests()).isEmpty();

        assertThat(sender.sendPending(token, nova.baseUri())).isEqualTo(new OutboxSender.Report(2, 0, 0));
    }

    @Test
    void aRejectedRequestIsMarkedFailedWithTheReasonAndTheRestIsSent() throws Exception {
        Outbox.Entry bad = outbox.add(new ProvisionRequest("zap-04772a97", "BAT0001", "battery", "sit-7f3a21", null,
                null, null, List.of(new ProvisionRequest.DerEntry("battery_1", "battery"))), nova.baseUri());
        clock.advance(Duration.ofSeconds(1));
        Outbox.Entry good = add("SG1A2B3C4D");

        OutboxSender.Report report = sender.sendPending(token, nova.baseUri());

        assertThat(report).isEqualTo(new OutboxSender.Report(1, 1, 0));
        Outbox.Entry failed = outbox.entry(bad.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(Outbox.State.FAILED);
        assertThat(failed.lastError()).contains("HTTP 422 validation_failed (device_type)");
        assertThat(outbox.entry(good.id()).orElseThrow().state()).isEqualTo(Outbox.State.SENT);

        // FAILED is final: not sent again.
        assertThat(sender.sendPending(token, nova.baseUri())).isEqualTo(new OutboxSender.Report(0, 0, 0));
        assertThat(nova.provisionRequests()).hasSize(2);
    }

    @Test
    void theTokenGoesOnlyToTheEnvironmentSignedInToAndEntriesForOthersWait() throws Exception {
        NovacoreStandIn other = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
        try {
            Outbox.Entry elsewhere = outbox.add(OutboxTest.request("SG9Z8Y7X6W"), other.baseUri());
            clock.advance(Duration.ofSeconds(1));
            Outbox.Entry here = add("SG1A2B3C4D");

            OutboxSender.Report report = sender.sendPending(token, nova.baseUri());

            assertThat(other.provisionRequests()).as("nothing, not even the token, reached the other").isEmpty();
            assertThat(report).isEqualTo(new OutboxSender.Report(1, 0, 1));
            assertThat(outbox.entry(here.id()).orElseThrow().state()).isEqualTo(Outbox.State.SENT);
            assertThat(outbox.entry(elsewhere.id()).orElseThrow()).satisfies(e -> {
                assertThat(e.state()).isEqualTo(Outbox.State.PENDING);
                assertThat(e.attempts()).isZero();
            });
            // Signed in there, it goes there (and only there).
            AccessToken thereToken = AccessToken.parse(other.issueToken(NovacoreStandIn.newIdentityId(),
                    Duration.ofHours(1)));
            assertThat(sender.sendPending(thereToken, other.baseUri())).isEqualTo(new OutboxSender.Report(1, 0, 0));
            assertThat(other.provisionRequests()).hasSize(1);
            assertThat(nova.provisionRequests()).hasSize(1);
        } finally {
            other.close();
        }
    }

    @Test
    void sameBaseComparesSchemeHostPortAndPathOnly() {
        URI mainnet = URI.create("https://novacore-mainnet.sourceful.dev");
        assertThat(Outbox.sameBase("https://novacore-mainnet.sourceful.dev/", mainnet)).isTrue();
        assertThat(Outbox.sameBase("https://NOVACORE-mainnet.sourceful.dev:443", mainnet)).isTrue();
        assertThat(Outbox.sameBase("https://novacore-testnet.sourceful.dev", mainnet)).isFalse();
        assertThat(Outbox.sameBase("http://novacore-mainnet.sourceful.dev", mainnet)).isFalse();
        assertThat(Outbox.sameBase("https://novacore-mainnet.sourceful.dev:8443", mainnet)).isFalse();
        assertThat(Outbox.sameBase("https://novacore-mainnet.sourceful.dev/other", mainnet)).isFalse();
        assertThat(Outbox.sameBase("https://x@novacore-mainnet.sourceful.dev", mainnet)).isFalse();
        assertThat(Outbox.sameBase("not a url", mainnet)).isFalse();
    }

    @Test
    void anUnreachableNovacoreLeavesEntriesPending() throws Exception {
        Outbox.Entry a = add("SG1A2B3C4D");
        nova.close();

        OutboxSender.Report report = sender.sendPending(token, nova.baseUri());

        assertThat(report).isEqualTo(new OutboxSender.Report(0, 0, 1));
        Outbox.Entry e = outbox.entry(a.id()).orElseThrow();
        assertThat(e.state()).isEqualTo(Outbox.State.PENDING);
        assertThat(e.lastError()).contains("Novacore not reachable");
    }
}
