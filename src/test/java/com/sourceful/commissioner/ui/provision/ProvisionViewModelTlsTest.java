package com.sourceful.commissioner.ui.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.http.TlsStub;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Provision step on a network that intercepts Novacore's connection: it says so, and queues nothing. */
class ProvisionViewModelTlsTest {

    @TempDir
    Path dir;

    @Test
    void anInterceptedConnectionIsNamedAndNothingIsQueued() throws Exception {
        TestClock clock = TestClock.atNoon();
        Tasks.CurrentThread tasks = Tasks.currentThread();
        CommissioningSession session = ProvisionFixture.sessionWithOneInverter();
        Outbox outbox = new Outbox(dir, clock);
        AtomicInteger proceeded = new AtomicInteger();
        try (TlsStub portal = TlsStub.start(TlsStub.SELF_SIGNED)) {
            ProvisionViewModel provision = ProvisionFixture.signedIn(portal.uri(), tasks, session, clock, outbox);

            provision.next(proceeded::incrementAndGet);

            assertThat(provision.errorProperty().get()).isEqualTo(Messages.get("error.novacore.intercepted"));
            assertThat(provision.errorCauseProperty().get()).isInstanceOfSatisfying(NovacoreException.class,
                    e -> assertThat(e.certificate()).isPresent());
            assertThat(outbox.entries()).isEmpty();
            assertThat(session.queuedOutboxId()).isEmpty();
            assertThat(proceeded).hasValue(0);
            assertThat(portal.requests()).isZero();
        }
    }

    @Test
    void aKeySignInAtAnInterceptingNetworkSaysSoUntilAnotherNovacoreIsChosen() throws Exception {
        TestClock clock = TestClock.atNoon();
        CommissioningSession session = new CommissioningSession();
        Path key = dir.resolve("technician.key");
        Files.writeString(key, "11".repeat(32));
        try (TlsStub portal = TlsStub.start(TlsStub.SELF_SIGNED)) {
            AppConfig config = new AppConfig(true, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(),
                    Optional.empty(), null, null), Optional.of(portal.uri()), Optional.empty());
            ProvisionViewModel provision = new ProvisionViewModel(Tasks.currentThread(), config, session, clock,
                    new Outbox(dir, clock));

            provision.signInWithKey(key);

            assertThat(provision.keyStatusProperty().get()).isEqualTo(Messages.get("error.novacore.intercepted"));
            assertThat(provision.tokenProperty().get()).isNull();

            provision.customUrlProperty().set("http://127.0.0.1:1");

            assertThat(provision.keyStatusProperty().get()).as("said of the Novacore chosen before").isEmpty();
        }
    }
}
