package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.find.FindViewModel;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;

/**
 * A configuration that arrives after the window shows (demo mode starts its simulators then): the Find step says
 * what it waits for and searches once it is there, or explains why it never came; Provision knows no Novacore — not
 * even production's — until then, and loads the sites once it does.
 */
class DeferredConfigTest {

    private final TestClock clock = TestClock.atNoon();
    private final Tasks.CurrentThread tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final CompletableFuture<AppConfig> later = new CompletableFuture<>();
    private final AtomicInteger discoveries = new AtomicInteger();
    @TempDir
    Path outboxFolder;
    private ZapSimulator zap;
    private NovacoreStandIn novacore;

    @BeforeEach
    void start() throws Exception {
        zap = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        novacore = NovacoreStandIn.start(InetAddress.getLoopbackAddress(), 0, clock);
    }

    @AfterEach
    void stop() {
        zap.close();
        novacore.close();
    }

    private AppConfig config() {
        // Only the simulator's own address: no mDNS, no sweep.
        ZapDiscovery.Options known = new ZapDiscovery.Options(List.of(), List.of(), zap.port(), List.of(zap.baseUri()),
                Optional.empty(), null, null);
        return new AppConfig(true, known, Optional.of(novacore.baseUri()),
                Optional.of(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(2))), Map.of(),
                outboxFolder);
    }

    private FindViewModel find() {
        return new FindViewModel(tasks, later, true, session, () -> {
            discoveries.incrementAndGet();
            return new ZapDiscovery(clock);
        });
    }

    @Test
    void findSaysTheDemoIsStartingAndSearchesOnceItRuns() throws Exception {
        FindViewModel find = find();
        find.enter();
        assertThat(find.statusProperty().get()).startsWith("Starting the demo");
        assertThat(find.searchingProperty().get()).isTrue();
        assertThat(discoveries).as("no search without a configuration").hasValue(0);

        later.complete(config());
        assertThat(discoveries).hasValue(1);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (find.zaps().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(find.zaps()).extracting(z -> z.serial()).containsExactly(zap.serial());
        find.shutdown();
    }

    @Test
    void findExplainsADemoThatCouldNotStart() {
        FindViewModel find = find();
        find.enter();
        later.completeExceptionally(new IOException("Address already in use"));
        assertThat(find.errorProperty().get()).isEqualTo("Could not start the demo simulators: Address already in use");
        assertThat(find.searchingProperty().get()).as("no spinner left turning").isFalse();
        assertThat(find.statusProperty().get()).isEmpty();
        assertThat(discoveries).hasValue(0);
    }

    @Test
    void aWindowClosedBeforeTheConfigurationCameStartsNoSearch() {
        FindViewModel find = find();
        find.enter();
        find.shutdown();
        later.complete(config());
        assertThat(discoveries).hasValue(0);
    }

    @Test
    void provisionKnowsNoNovacoreUntilTheConfigurationComesThenLoadsTheSites() throws Exception {
        try (ZapClient client = new ZapClient(zap.baseUri())) {
            AddedDevice added = client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow",
                    "ip", "192.168.1.60", "port", 502, "unit_id", 1)));
            session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
            session.deviceAdded(CommissioningSession.Device.of(added, "sungrow", ProfileCatalogue.Group.INVERTER,
                    "Sungrow", DeviceConfig.of("modbus_tcp", Map.of())));
        }
        session.publishedDers(List.of("pv"));
        // Prepared before: claimed by the demo sites' organisation, so that only the configuration is missing.
        novacore.registerGateway(zap.serial(), zap.publicKeyHex());
        novacore.claimGateway(zap.serial(), NovacoreStandIn.DEMO_ORG);
        AtomicInteger opened = new AtomicInteger();
        ProvisionViewModel provision = new ProvisionViewModel(tasks, later, session, clock, c -> {
            opened.incrementAndGet();
            return new Outbox(c.outboxFolder(), clock);
        });
        provision.watchOutbox(Duration.ofSeconds(30));
        provision.enter();
        assertThat(provision.baseUri()).as("not even production's").isEmpty();
        assertThat(provision.readyProperty().get()).isFalse();
        assertThat(provision.sites()).isEmpty();
        assertThat(opened).as("the outbox folder is not known yet").hasValue(0);
        tasks.fireTimers();

        later.complete(config());
        assertThat(opened).hasValue(1);
        assertThat(provision.baseUri()).contains(novacore.baseUri());
        assertThat(provision.tokenProperty().get()).as("the demo's token").isNotNull();
        assertThat(provision.sites()).as("loaded once Novacore is known").hasSize(3);
        assertThat(provision.readyProperty().get()).isTrue();
    }
}
