package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The view-models' background events, without a window: "Zap lost" and "Zap back" from Verify's polling (the
 * simulated Zap's faults), "outbox sent" when saved requests go out by themselves. Once per change, not per poll.
 */
class BackgroundEventsTest {

    private static final String DATA = "/api/devices/{sn}/data/json";

    private final TestClock clock = TestClock.atNoon();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path outboxFolder;
    private final Tasks.CurrentThread tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients();
    private ZapSimulator zap;
    private NovacoreStandIn novacore;
    private ModbusTcpStandIn inverter;
    private AppConfig config;

    @BeforeEach
    void start() throws Exception {
        zap = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        novacore = NovacoreStandIn.start(InetAddress.getLoopbackAddress(), 0, clock);
        inverter = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, java.util.Set.of(1));
        ZapDiscovery.Options noSearch = new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(), Optional.empty(),
                null, null);
        config = new AppConfig(true, noSearch, Optional.of(novacore.baseUri()), Optional.empty());
    }

    @AfterEach
    void stop() {
        clients.close();
        zap.close();
        novacore.close();
        inverter.close();
    }

    private void sungrowAdded() {
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        add.profileProperty().set(add.profileNamed("sungrow").orElseThrow());
        add.field("ip").orElseThrow().textProperty().set("127.0.0.1");
        add.field("port").orElseThrow().textProperty().set(String.valueOf(inverter.port()));
        add.next(() -> { });
        assertThat(session.device()).isPresent();
    }

    @Test
    void verifyTellsOnceWhenTheZapIsLostAndOnceWhenItIsBack() {
        sungrowAdded();
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        List<VerifyViewModel.ZapConnection> events = new ArrayList<>();
        verify.addZapConnectionListener(events::add);
        verify.enter();
        clock.advance(Duration.ofSeconds(2));
        tasks.fireTimers();
        tasks.fireTimers();
        assertThat(verify.statusProperty().get()).startsWith("Live");
        assertThat(events).as("answering Zap: nothing to tell").isEmpty();

        zap.setFault(DATA, new ZapFault.Status(503));
        for (int i = 0; i < 5; i++) {
            tasks.fireTimers();
        }
        assertThat(verify.zapSilentProperty().get()).isTrue();
        assertThat(events).as("five failed polls, one change").containsExactly(VerifyViewModel.ZapConnection.LOST);

        zap.clearFault(DATA);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            tasks.fireTimers();
        }
        assertThat(verify.zapSilentProperty().get()).isFalse();
        assertThat(events).containsExactly(VerifyViewModel.ZapConnection.LOST, VerifyViewModel.ZapConnection.BACK);

        zap.setFault(DATA, new ZapFault.ResetMidBody());
        tasks.fireTimers();
        tasks.fireTimers();
        assertThat(events).as("lost again: told again").containsExactly(VerifyViewModel.ZapConnection.LOST,
                VerifyViewModel.ZapConnection.BACK, VerifyViewModel.ZapConnection.LOST);
    }

    @Test
    void theOutboxTellsHowManyWentOutByThemselvesAndNothingWhenNothingWent() throws Exception {
        sungrowAdded();
        session.publishedDers(List.of("pv", "battery"));
        Outbox outbox = new Outbox(outboxFolder, clock);
        ProvisionViewModel provision = new ProvisionViewModel(tasks, config, session, clock, outbox);
        List<Integer> sent = new ArrayList<>();
        provision.addOutboxSentListener(sent::add);
        provision.enter();
        provision.tokenTextProperty().set(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(2)));
        provision.loadSites();
        provision.modelProperty().set("SH10RT");
        // Saved while Novacore was out of reach (as the step does when it cannot send).
        outbox.add(provision.request(), novacore.baseUri());

        provision.watchOutbox(Duration.ofSeconds(30));
        assertThat(provision.outboxEntries()).hasSize(1);
        assertThat(sent).isEmpty();
        tasks.fireTimers();
        assertThat(novacore.provisionRequests()).hasSize(1);
        assertThat(sent).as("one request went out by itself").containsExactly(1);
        tasks.fireTimers();
        tasks.fireTimers();
        assertThat(sent).as("nothing pending: nothing more to tell").containsExactly(1);

        // "Send now" is the technician's own doing: the step's notice says it, no notification.
        outbox.add(provision.request(), novacore.baseUri());
        provision.refreshOutbox();
        provision.sendOutbox();
        assertThat(novacore.provisionRequests()).hasSize(2);
        assertThat(sent).containsExactly(1);
    }
}
