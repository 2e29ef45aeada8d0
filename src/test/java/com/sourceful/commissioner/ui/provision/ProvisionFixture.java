package com.sourceful.commissioner.ui.provision;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/** What the Provision step's tests start from: Zap zap-1 with inverter SG1 added, and a technician signed in. */
final class ProvisionFixture {

    private ProvisionFixture() {
    }

    /** Zap zap-1 selected, with SG1 added and its DER published. */
    static CommissioningSession sessionWithOneInverter() {
        CommissioningSession session = new CommissioningSession();
        session.selectGateway(new CommissioningSession.Gateway("zap-1", URI.create("http://127.0.0.1:1"), "1.0"));
        addInverter(session);
        return session;
    }

    /** Sungrow inverter SG1 with its DER "pv" added to the session's Zap, and that DER published. */
    static void addInverter(CommissioningSession session) {
        session.deviceAdded(CommissioningSession.Device.of(new AddedDevice("SG1", "", List.of(new Der("pv", true))),
                "sungrow", ProfileCatalogue.Group.INVERTER, "Sungrow", DeviceConfig.of("modbus_tcp", Map.of())));
        session.publishedDers(List.of("pv"));
    }

    /** The step entered for Novacore at {@code novacore}, with a token valid two more hours and site sit-1. */
    static ProvisionViewModel signedIn(URI novacore, Tasks tasks, CommissioningSession session, Clock clock,
            Outbox outbox) {
        AppConfig config = new AppConfig(true, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(),
                Optional.empty(), null, null), Optional.of(novacore), Optional.empty());
        ProvisionViewModel provision = new ProvisionViewModel(tasks, config, session, clock, outbox);
        provision.enter();
        long exp = clock.instant().plus(Duration.ofHours(2)).getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        provision.tokenTextProperty().set(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(("{\"identity_id\":\"idt-1\",\"exp\":" + exp + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".c2ln");
        provision.siteIdProperty().set("sit-1");
        return provision;
    }
}
