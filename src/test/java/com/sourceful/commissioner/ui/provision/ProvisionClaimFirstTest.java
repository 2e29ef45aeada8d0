package com.sourceful.commissioner.ui.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.testsupport.NewZapAndNovacore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device is not provisioned on a Zap the site's organisation has not claimed: the step says to claim first. */
class ProvisionClaimFirstTest {

    @TempDir
    Path dir;
    NewZapAndNovacore sims;
    ZapSimulator zap;
    NovacoreStandIn nova;
    CommissioningSession session = new CommissioningSession();

    @BeforeEach
    void start() throws Exception {
        sims = NewZapAndNovacore.start();
        zap = sims.zap();
        nova = sims.novacore();
        try (ZapClient client = new ZapClient(zap.baseUri())) {
            AddedDevice added = client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow",
                    "ip", "192.168.1.60", "port", 502, "unit_id", 1))); // simulated: no packet goes there
            session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
            session.deviceAdded(CommissioningSession.Device.of(added, "sungrow", ProfileCatalogue.Group.INVERTER,
                    "Sungrow", DeviceConfig.of("modbus_tcp", Map.of())));
        }
        session.publishedDers(List.of("pv"));
    }

    @AfterEach
    void stop() {
        sims.close();
    }

    @Test
    void anUnclaimedZapIsNotSentAndClaimedItIs() {
        Clock clock = Clock.systemUTC();
        AppConfig config = new AppConfig(true, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(),
                Optional.empty(), null, null), Optional.of(nova.baseUri()),
                Optional.of(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1))));
        ProvisionViewModel provision = new ProvisionViewModel(Tasks.currentThread(), config, session, clock,
                new Outbox(dir, clock));
        provision.enter();
        String site = provision.siteIdProperty().get();
        assertThat(site).as("the first listed site").isNotBlank();

        assertThat(provision.errorProperty().get())
                .isEqualTo(Messages.get("provision.claimFirst", zap.serial(), NovacoreStandIn.DEMO_ORG));
        assertThat(provision.readyProperty().get()).isFalse();
        AtomicInteger proceeded = new AtomicInteger();
        assertThat(nova.provisionRequests()).isEmpty();

        nova.claimGateway(zap.serial(), NovacoreStandIn.DEMO_ORG);
        provision.siteTyped("");
        provision.siteTyped(site);
        assertThat(provision.errorProperty().get()).isEmpty();
        assertThat(provision.readyProperty().get()).isTrue();
        assertThat(session.claimedBy(zap.serial())).contains(NovacoreStandIn.DEMO_ORG);
        provision.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(1);
    }

    @Test
    void novacoresOwnRefusalSaysTheSame() {
        NovacoreException refused = new NovacoreException(NovacoreException.Kind.REJECTED, 409,
                "gateway_not_claimed", "gateway is not claimed", null, null, null);
        assertThat(ErrorMessages.of(refused)).isEqualTo(Messages.get("error.novacore.gatewayNotClaimed"));
    }
}
