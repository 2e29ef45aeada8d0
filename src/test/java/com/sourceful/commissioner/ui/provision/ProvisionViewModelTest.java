package com.sourceful.commissioner.ui.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.Site;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the step shows what became of a request ({@code Provisioner} decides; this maps): Novacore on a loopback stub,
 * background work and timers run by the test.
 */
class ProvisionViewModelTest {

    static final String CREATED = "{\"created\":true,\"device_id\":\"dev-1\",\"hardware_id\":\"SG1\","
            + "\"site_id\":\"sit-1\",\"state\":\"pending\",\"ders\":[]}";

    @TempDir
    Path dir;
    final TestClock clock = TestClock.atNoon();
    final Tasks.CurrentThread tasks = Tasks.currentThread();
    final CommissioningSession session = ProvisionFixture.sessionWithOneInverter();
    final List<String> answers = new ArrayList<>();
    final AtomicInteger asked = new AtomicInteger();
    final AtomicInteger proceeded = new AtomicInteger();
    StubServer novacore;
    Outbox outbox;
    ProvisionViewModel provision;

    @BeforeEach
    void setUp() throws Exception {
        novacore = StubServer.start();
        novacore.json("/sites", 200, "{\"sites\":[]}");
        // Each provisioning request takes the next answer: "429:<Retry-After>", "201" or another status.
        novacore.on("/devices/provision", ex -> {
            String answer = answers.get(Math.min(asked.getAndIncrement(), answers.size() - 1));
            if (answer.startsWith("429:")) {
                ex.getResponseHeaders().set("Retry-After", answer.substring(4));
                StubServer.send(ex, 429, "application/json", "{\"error\":\"rate_limited\"}");
            } else if (answer.equals("201")) {
                StubServer.send(ex, 201, "application/json", CREATED);
            } else {
                StubServer.send(ex, Integer.parseInt(answer), "application/json", "{\"error\":\"nope\"}");
            }
        });
        outbox = new Outbox(dir, clock);
        provision = ProvisionFixture.signedIn(novacore.baseUri(), tasks, session, clock, outbox);
    }

    @AfterEach
    void tearDown() {
        novacore.close();
    }

    @Test
    void aShortWaitKeepsTheStepBusyAndSendsAgainWhenItIsOver() {
        answers.addAll(List.of("429:5", "201"));

        provision.next(proceeded::incrementAndGet);

        assertThat(provision.busyProperty().get()).as("waiting is still busy").isTrue();
        assertThat(provision.statusProperty().get()).isEqualTo(Messages.get("provision.status.waiting", 5));
        assertThat(proceeded).hasValue(0);
        tasks.fireTimers();
        assertThat(asked).hasValue(2);
        assertThat(provision.busyProperty().get()).isFalse();
        assertThat(provision.statusProperty().get()).isEmpty();
        assertThat(session.provisionResult().orElseThrow().deviceId()).isEqualTo("dev-1");
        assertThat(proceeded).hasValue(1);
    }

    /** The visit records the site: Novacore's id and name when picked from the list, the id when typed. */
    @Test
    void theSiteChosenIsRecordedInTheSession() {
        assertThat(session.site()).as("the fixture's id typed, nothing sent yet").isEmpty();
        Site listed = new Site("sit-2", "Villa Solsidan", "Solvägen 1");
        provision.sites().setAll(listed);

        provision.chooseSite(listed);
        assertThat(session.site()).contains(new CommissioningSession.SiteChoice(Optional.of("sit-2"),
                "Villa Solsidan"));

        provision.siteTyped("sit-typed");
        answers.add("201");
        provision.next(proceeded::incrementAndGet);
        assertThat(session.site()).as("sent to the site typed").contains(
                new CommissioningSession.SiteChoice(Optional.of("sit-typed"), ""));
    }

    @Test
    void escWhileWaitingStopsAndSendsNothingMore() {
        answers.add("429:5");
        provision.next(proceeded::incrementAndGet);

        provision.cancel();
        tasks.fireTimers();

        assertThat(asked).hasValue(1);
        assertThat(provision.busyProperty().get()).isFalse();
        assertThat(provision.statusProperty().get()).isEqualTo(Messages.get("error.cancelled"));
        assertThat(proceeded).hasValue(0);
    }

    @Test
    void novacoreDownQueuesTheRequestAndTheCommissioningGoesOn() {
        answers.add("503");

        provision.next(proceeded::incrementAndGet);

        String id = session.queuedOutboxId().orElseThrow();
        assertThat(outbox.entry(id).orElseThrow().request().hardwareId()).isEqualTo("SG1");
        assertThat(provision.outboxEntries()).extracting(Outbox.Entry::id).containsExactly(id);
        assertThat(provision.outboxNoticeProperty().get()).contains(id);
        assertThat(provision.busyProperty().get()).isFalse();
        assertThat(provision.errorProperty().get()).isEmpty();
        assertThat(proceeded).hasValue(1);
    }

    @Test
    void theOutboxSendsOnlyToTheEnvironmentSignedInToAndListsTheRestWithWhy() throws Exception {
        answers.add("201");
        StubServer other = StubServer.start();
        AtomicInteger otherAsked = new AtomicInteger();
        other.on("/devices/provision", ex -> {
            otherAsked.incrementAndGet();
            StubServer.send(ex, 201, "application/json", CREATED);
        });
        try {
            Outbox.Entry elsewhere = outbox.add(provisionRequest("SG2"), other.baseUri());
            Outbox.Entry here = outbox.add(provisionRequest("SG1"), novacore.baseUri());
            String planted = "obx-77777777-7777-7777-7777-777777777777";
            Files.writeString(dir.resolve(planted + ".json"), Files.readString(dir.resolve(here.id() + ".json"))
                    .replace(here.id(), planted).replace(novacore.baseUri().toString(), "http://192.0.2.10:8080"));

            provision.refreshOutbox();

            assertThat(provision.outboxEntries()).extracting(Outbox.Entry::id)
                    .containsExactlyInAnyOrder(elsewhere.id(), here.id());
            assertThat(provision.outboxNoticeProperty().get()).contains(planted + ".json");
            // It says which environment the entry waits for, so the technician knows where to sign in.
            assertThat(provision.outboxDetail(elsewhere))
                    .isEqualTo(Messages.get("provision.outbox.otherEnvironment", other.baseUri().toString()))
                    .contains(other.baseUri().toString());
            assertThat(provision.outboxDetail(here)).isEmpty();

            provision.sendOutbox();

            assertThat(otherAsked).hasValue(0);
            assertThat(asked).hasValue(1);
            assertThat(outbox.entry(here.id()).orElseThrow().state()).isEqualTo(Outbox.State.SENT);
            assertThat(outbox.entry(elsewhere.id()).orElseThrow().state()).isEqualTo(Outbox.State.PENDING);
        } finally {
            other.close();
        }
    }

    @Test
    void anEntryWaitingForProductionOrTestIsNamedAsTheEnvironmentBoxNamesIt() throws Exception {
        Outbox.Entry forProduction = outbox.add(provisionRequest("SG2"), NovacoreEnvironment.PRODUCTION.baseUri());
        Outbox.Entry forTest = outbox.add(provisionRequest("SG3"), NovacoreEnvironment.TEST.baseUri());

        assertThat(provision.outboxDetail(forProduction)).isEqualTo(Messages.get(
                "provision.outbox.otherEnvironment", Messages.get("provision.env.production")))
                .contains(Messages.get("provision.env.production"));
        assertThat(provision.outboxDetail(forTest)).isEqualTo(Messages.get(
                "provision.outbox.otherEnvironment", Messages.get("provision.env.test")))
                .contains(Messages.get("provision.env.test"));
    }

    private static ProvisionRequest provisionRequest(String hardwareId) {
        return new ProvisionRequest("zap-1", hardwareId, "inverter", "sit-1", "Sungrow", "Sungrow", null,
                List.of(new ProvisionRequest.DerEntry("pv", "solar")));
    }

    @Test
    void aRefusalIsShownWithItsCauseAndTheStepStays() {
        answers.add("422");

        provision.next(proceeded::incrementAndGet);

        assertThat(provision.errorProperty().get()).isNotEmpty();
        assertThat(provision.errorCauseProperty().get()).isNotNull();
        assertThat(provision.busyProperty().get()).isFalse();
        assertThat(provision.statusProperty().get()).isEmpty();
        assertThat(outbox.entries()).isEmpty();
        assertThat(proceeded).hasValue(0);

        answers.set(0, "201");
        provision.next(proceeded::incrementAndGet);
        assertThat(provision.errorProperty().get()).as("cleared by the next try").isEmpty();
        assertThat(provision.errorCauseProperty().get()).isNull();
        assertThat(proceeded).hasValue(1);
    }

    /**
     * The serials sent are the session's when Next is pressed, nothing the step copied earlier: the same device on
     * another Zap is sent with that Zap's serial, and that serial is checked on the label if it is unconfirmed.
     */
    @Test
    void theRequestCarriesTheSessionsSerials() {
        assertThat(provision.request().gatewaySerial()).isEqualTo("zap-1");
        assertThat(provision.request().hardwareId()).isEqualTo("SG1");

        session.selectGateway(new CommissioningSession.Gateway("zap-2", URI.create("http://127.0.0.1:2"), "1.0",
                false));
        ProvisionFixture.addInverter(session);
        provision.enter();

        assertThat(provision.request().gatewaySerial()).isEqualTo("zap-2");
        assertThat(provision.gatewaySerialProperty().get()).isEqualTo("zap-2");
        assertThat(provision.hardwareIdProperty().get()).isEqualTo("SG1");
        assertThat(provision.serialUnconfirmedProperty().get()).as("zap-2's serial is checked on its label").isTrue();
    }
}
