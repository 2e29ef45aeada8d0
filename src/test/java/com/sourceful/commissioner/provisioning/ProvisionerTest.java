package com.sourceful.commissioner.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning's decisions against Novacore's answers over HTTP (a stub on loopback, the clock the test's): sent, wait
 * on a short 429, queue when Novacore cannot take it now, show a refusal.
 */
class ProvisionerTest {

    static final ProvisionRequest REQUEST = new ProvisionRequest("zap-04772a97", "SG1A2B3C4D", "inverter",
            "sit-7f3a21", "Sungrow SH10RT", "Sungrow", "SH10RT",
            List.of(new ProvisionRequest.DerEntry("pv-array", "solar")));
    static final String CREATED = "{\"created\":true,\"device_id\":\"dev-1\",\"hardware_id\":\"SG1A2B3C4D\","
            + "\"site_id\":\"sit-7f3a21\",\"state\":\"pending\",\"ders\":[{\"id\":\"der-1\",\"name\":\"pv-array\","
            + "\"type\":\"solar\"}]}";

    @TempDir
    Path dir;
    TestClock clock;
    Outbox outbox;
    StubServer stub;
    NovacoreClient client;
    AccessToken token;
    Provisioner provisioner;

    @BeforeEach
    void setUp() throws Exception {
        clock = TestClock.atNoon();
        outbox = new Outbox(dir.resolve("outbox"), clock);
        stub = StubServer.start();
        client = new NovacoreClient(stub.baseUri(), clock);
        long exp = clock.instant().plus(Duration.ofHours(2)).getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        token = AccessToken.parse(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"identity_id\":\"idt-1\",\"exp\":" + exp + "}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".c2ln");
        provisioner = new Provisioner(outbox);
    }

    @AfterEach
    void tearDown() {
        client.close();
        stub.close();
    }

    private Provisioner.Outcome send() {
        return provisioner.provision(REQUEST, client.baseUri(), r -> client.provision(r, token));
    }

    private void rateLimited(String retryAfter) {
        stub.on("/devices/provision", ex -> {
            if (retryAfter != null) {
                ex.getResponseHeaders().set("Retry-After", retryAfter);
            }
            StubServer.send(ex, 429, "application/json", "{\"error\":\"rate_limited\"}");
        });
    }

    private String httpDate(Duration fromNow) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(fromNow).atOffset(ZoneOffset.UTC));
    }

    @Test
    void anAcceptedRequestIsProvisionedAndNothingIsQueued() {
        stub.json("/devices/provision", 201, CREATED);

        Provisioner.Outcome outcome = send();

        assertThat(outcome).isEqualTo(new Provisioner.Provisioned(new ProvisionResult(true, "dev-1", "SG1A2B3C4D",
                "sit-7f3a21", "pending", List.of(new ProvisionResult.ProvisionedDer("der-1", "pv-array", "solar")))));
        assertThat(outbox.entries()).isEmpty();
    }

    @Test
    void aShortRetryAfterIsAWaitUpToTheLimitAndALongerOneIsQueued() {
        rateLimited("7");
        assertThat(send()).isEqualTo(new Provisioner.RateLimited(Duration.ofSeconds(7)));
        // As an HTTP date, counted from the (test's) clock.
        rateLimited(httpDate(Provisioner.MAX_RETRY_WAIT));
        assertThat(send()).isEqualTo(new Provisioner.RateLimited(Provisioner.MAX_RETRY_WAIT));
        assertThat(outbox.entries()).as("waiting is not queueing").isEmpty();

        rateLimited(httpDate(Provisioner.MAX_RETRY_WAIT.plusSeconds(1)));
        Provisioner.Outcome longer = send();
        assertThat(longer).isInstanceOf(Provisioner.Queued.class);
        assertThat(((Provisioner.Queued) longer).why().status()).isEqualTo(429);

        rateLimited(null);
        assertThat(send()).as("no Retry-After: how long is unknown").isInstanceOf(Provisioner.Queued.class);
        assertThat(outbox.entries()).hasSize(2);
    }

    @Test
    void novacoreDownQueuesTheRequestAsSentWithItsAddress() throws Exception {
        stub.json("/devices/provision", 503, "{\"error\":\"unavailable\"}");

        Provisioner.Outcome outcome = send();

        assertThat(outcome).isInstanceOf(Provisioner.Queued.class);
        Provisioner.Queued queued = (Provisioner.Queued) outcome;
        assertThat(queued.why().status()).isEqualTo(503);
        Outbox.Entry entry = outbox.entry(queued.outboxId()).orElseThrow();
        assertThat(entry.state()).isEqualTo(Outbox.State.PENDING);
        assertThat(entry.request()).isEqualTo(REQUEST);
        assertThat(entry.novacoreBase()).isEqualTo(client.baseUri().toString());
        assertThat(entry.created()).isEqualTo(clock.instant());

        URI closed = URI.create("http://127.0.0.1:" + StubServer.closedPort());
        try (NovacoreClient nowhere = new NovacoreClient(closed, clock)) {
            Provisioner.Outcome unreachable = provisioner.provision(REQUEST, nowhere.baseUri(),
                    r -> nowhere.provision(r, token));
            assertThat(unreachable).isInstanceOf(Provisioner.Queued.class);
            assertThat(((Provisioner.Queued) unreachable).why().kind()).isEqualTo(NovacoreException.Kind.UNREACHABLE);
        }
        assertThat(outbox.entries()).hasSize(2);
    }

    @Test
    void aRefusalIsShownAndNotQueued() {
        for (int status : new int[] {400, 401, 403, 404, 409, 422}) {
            stub.json("/devices/provision", status, "{\"error\":\"nope\"}");
            Provisioner.Outcome outcome = send();
            assertThat(outcome).as("HTTP %d", status).isInstanceOf(Provisioner.Refused.class);
            assertThat(((Provisioner.Refused) outcome).cause().status()).isEqualTo(status);
        }
        stub.json("/devices/provision", 201, "[]");
        assertThat(send()).as("an answer not of the documented shape").isInstanceOf(Provisioner.Refused.class);
        assertThat(outbox.entries()).isEmpty();
    }

    @Test
    void anOutboxThatCannotBeWrittenIsSaidWithTheReasonItWasNeeded() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "");
        Provisioner onAFile = new Provisioner(new Outbox(notAFolder, clock));
        stub.json("/devices/provision", 500, "{\"error\":\"internal\"}");

        Provisioner.Outcome outcome = onAFile.provision(REQUEST, client.baseUri(), r -> client.provision(r, token));

        assertThat(outcome).isInstanceOf(Provisioner.NotQueued.class);
        assertThat(((Provisioner.NotQueued) outcome).why().status()).isEqualTo(500);
        assertThat(((Provisioner.NotQueued) outcome).cause()).isNotNull();
    }

    @Test
    void whatWasCancelledIsNotQueued() {
        NovacoreException down = new NovacoreException(NovacoreException.Kind.UNREACHABLE, 0, null, null, null, null,
                null);
        Thread.currentThread().interrupt(); // what cancelling the background task does
        try {
            assertThatThrownBy(() -> provisioner.provision(REQUEST, client.baseUri(), r -> {
                throw down;
            })).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(outbox.entries()).isEmpty();
    }

    @Test
    void aBugIsThrownAsItIs() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> provisioner.provision(REQUEST, client.baseUri(), r -> {
            throw bug;
        })).isSameAs(bug);
        assertThat(outbox.entries()).isEmpty();
    }
}
