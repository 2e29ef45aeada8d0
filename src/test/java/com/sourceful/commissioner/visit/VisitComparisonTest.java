package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.gson.JsonPrimitive;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TempFolders;
import com.sourceful.commissioner.visit.VisitComparison.Change;
import com.sourceful.commissioner.visit.VisitComparison.Kind;
import com.sourceful.commissioner.visit.VisitComparison.Tone;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The return-visit comparison against the real simulators changed between two visits: visit 1 is recorded through a
 * session (as the app records it) and read back from a {@link VisitStore}; then someone else changes the Zap, Novacore
 * and the outbox, and the comparison names each change with its values then and now.
 */
class VisitComparisonTest {

    private static final String SITE = "sit-7f3a21";
    private static final Instant VISIT_1 = Instant.parse("2026-11-03T09:00:00Z");

    private ZapSimulator zap;
    private NovacoreStandIn nova;
    private ModbusTcpStandIn modbus;
    private ZapClient client;
    private NovacoreClient novacore;
    private AccessToken token;
    private Path dir;
    private Outbox outbox;
    private final CommissioningSession session = new CommissioningSession();
    private final ReturnVisitReader reader = new ReturnVisitReader(Exception::getMessage);

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        zap = ZapSimulator.builder().bindAddress(loopback).port(0).announceMdns(false)
                .addDeviceDelay(Duration.ZERO).start();
        nova = NovacoreStandIn.start(loopback, 0, Clock.systemUTC());
        nova.registerGateway(zap.serial(), zap.publicKeyHex());
        nova.claimGateway(zap.serial(), NovacoreStandIn.DEMO_ORG);
        modbus = ModbusTcpStandIn.start(loopback, 0, Set.of(1, 2, 3));
        client = new ZapClient(zap.baseUri());
        novacore = new NovacoreClient(nova.baseUri(), Clock.systemUTC());
        token = AccessToken.parse(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1)));
        dir = Files.createTempDirectory("return-visit");
        outbox = new Outbox(dir.resolve("outbox"), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        novacore.close();
        modbus.close();
        nova.close();
        zap.close();
        TempFolders.deleteTree(dir);
    }

    /** Visit 1's three devices: a Sungrow (provisioned), a P1 meter (provisioned), an Ambibox (in the outbox). */
    private record Visit1(SiteVisit visit, AddedDevice sungrow, AddedDevice meter, AddedDevice ambibox,
                          ProvisionResult sungrowResult, ProvisionResult meterResult, String outboxId) {
    }

    private Visit1 recordVisit1() throws Exception {
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(),
                client.system().firmwareVersion()));
        session.siteChosen(new CommissioningSession.SiteChoice(Optional.of(SITE), "Villa Solsidan"));
        session.technician("Anna Andersson");

        DeviceConfig sungrowConfig = DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "127.0.0.1",
                "port", modbus.port(), "unit_id", 1));
        AddedDevice sungrow = client.addDevice(sungrowConfig);
        session.deviceAdded(CommissioningSession.Device.of(sungrow, "sungrow", ProfileCatalogue.Group.INVERTER,
                "Sungrow", sungrowConfig.withoutSecrets()));
        client.setPublishing(sungrow.sn(), Map.of("pv", true, "battery", true));
        session.publishedDers(List.of("pv", "battery"));
        ProvisionResult sungrowResult = novacore.provision(new ProvisionRequest(zap.serial(), sungrow.sn(),
                "inverter", SITE, "Sungrow", "Sungrow", "SH10RT",
                List.of(new ProvisionRequest.DerEntry("pv", "solar"))), token);
        session.provisioned(sungrowResult);

        session.startNextDevice();
        DeviceConfig meterConfig = DeviceConfig.of("p1_uart", Map.of("profile", "p1_meter", "baud_rate", 115200));
        AddedDevice meter = client.addDevice(meterConfig);
        session.deviceAdded(CommissioningSession.Device.of(meter, "p1_meter", ProfileCatalogue.Group.METER,
                "P1 meter", meterConfig.withoutSecrets()));
        client.setPublishing(meter.sn(), Map.of("meter", true));
        session.publishedDers(List.of("meter"));
        ProvisionResult meterResult = novacore.provision(new ProvisionRequest(zap.serial(), meter.sn(), "meter",
                SITE, "P1 meter", "", "", List.of(new ProvisionRequest.DerEntry("grid", "meter"))), token);
        session.provisioned(meterResult);

        session.startNextDevice();
        DeviceConfig ambiboxConfig = DeviceConfig.of("mqtt", Map.of("profile", "ambibox",
                "broker_host", "broker.invalid", "broker_port", 1883, "username", "zap", "password", "s3cret-pw"));
        AddedDevice ambibox = client.addDevice(ambiboxConfig);
        session.deviceAdded(CommissioningSession.Device.of(ambibox, "ambibox", ProfileCatalogue.Group.EV_CHARGER,
                "Ambibox", ambiboxConfig.withoutSecrets()));
        Outbox.Entry queued = outbox.add(new ProvisionRequest(zap.serial(), ambibox.sn(), "charger", SITE,
                "Ambibox", "", "", List.of(new ProvisionRequest.DerEntry("v2x", "v2x_charger"))), nova.baseUri());
        session.provisionQueued(queued.id());

        // Saved and read back as the app does: the comparison works on the file's record.
        VisitStore store = new VisitStore(dir.resolve("visits"));
        String id = UUID.randomUUID().toString();
        store.save(new SiteVisit(id, VISIT_1, VISIT_1.plusSeconds(3600), true, session.snapshot()));
        SiteVisit saved = VisitComparison.earlierVisit(store.history(), zap.serial(), Optional.empty(), v -> false)
                .orElseThrow();
        assertThat(saved.id()).isEqualTo(id);
        return new Visit1(saved, sungrow, meter, ambibox, sungrowResult, meterResult, queued.id());
    }

    private VisitComparison.Result compareNow(SiteVisit earlier, boolean signedIn) {
        Optional<ReturnVisitReader.SiteDevices> sites = signedIn
                ? Optional.of(siteId -> novacore.siteDevices(siteId, token)) : Optional.empty();
        return VisitComparison.compare(earlier, zap.serial(),
                reader.read(earlier, zap.serial(), client, sites, outbox::entries));
    }

    @Test
    void everyChangeMadeBetweenTheVisitsIsNamedWithItsValuesThenAndNow() throws Exception {
        Visit1 v1 = recordVisit1();

        // Between the visits: firmware updated, the meter taken off, a Ferroamp added, the Ambibox's broker port
        // changed, the Sungrow's battery no longer published; Novacore activated the Sungrow and lost the meter.
        zap.setFirmwareVersion("1.5.0");
        client.removeDevice(v1.meter().sn());
        AddedDevice ferroamp = client.addDevice(DeviceConfig.of("mqtt", Map.of("profile", "ferroamp",
                "broker_host", "ferro.invalid", "broker_port", 1883)));
        zap.reconfigureDevice(v1.ambibox().sn(), "broker_port", new JsonPrimitive(8883));
        client.setPublishing(v1.sungrow().sn(), Map.of("battery", false));
        nova.setDeviceState(v1.sungrow().sn(), "active");
        assertThat(nova.removeDevice(v1.meter().sn())).isTrue();

        VisitComparison.Result result = compareNow(v1.visit(), true);

        assertThat(result.earlier().id()).isEqualTo(v1.visit().id());
        assertThat(result.changes()).containsExactlyInAnyOrder(
                new Change(Kind.FIRMWARE_CHANGED, "", "", "", "1.4.2", "1.5.0"),
                new Change(Kind.PUBLISHING_CHANGED, v1.sungrow().sn(), "Sungrow", "battery", "true", "false"),
                new Change(Kind.DEVICE_REMOVED, v1.meter().sn(), "P1 meter", "", "P1 meter", ""),
                new Change(Kind.DEVICE_RECONFIGURED, v1.ambibox().sn(), "Ambibox", "broker_port", "1883", "8883"),
                new Change(Kind.DEVICE_ADDED, ferroamp.sn(), "ferroamp", "", "", "ferroamp"),
                new Change(Kind.NOVACORE_STATE, v1.sungrow().sn(), "Sungrow", v1.sungrowResult().deviceId(),
                        "pending", "active"),
                new Change(Kind.NOVACORE_GONE, v1.meter().sn(), "P1 meter", v1.meterResult().deviceId(),
                        "pending", ""),
                new Change(Kind.OUTBOX_NOT_SENT, v1.ambibox().sn(), "Ambibox", v1.outboxId(), "PENDING",
                        "PENDING"));
        assertThat(result.changes()).filteredOn(c -> c.tone() == Tone.INFO).extracting(Change::kind)
                .containsExactlyInAnyOrder(Kind.FIRMWARE_CHANGED, Kind.NOVACORE_STATE);
        assertThat(result.changes().toString()).as("no secret in a change").doesNotContain("s3cret-pw");
    }

    @Test
    void aDeviceRemovedInTheVisitAndBackOnTheZapIsSaidSoAndAPublishingTurnedOnToo() throws Exception {
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1.4.2"));
        DeviceConfig meterConfig = DeviceConfig.of("p1_uart", Map.of("profile", "p1_meter"));
        AddedDevice meter = client.addDevice(meterConfig);
        session.deviceAdded(CommissioningSession.Device.of(meter, "p1_meter", ProfileCatalogue.Group.METER,
                "P1 meter", meterConfig));
        client.removeDevice(meter.sn());
        session.deviceRemoved(meter.sn(), "p1_meter", VISIT_1);
        session.startNextDevice();
        DeviceConfig sungrowConfig = DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "127.0.0.1",
                "port", modbus.port(), "unit_id", 2));
        AddedDevice sungrow = client.addDevice(sungrowConfig);
        session.deviceAdded(CommissioningSession.Device.of(sungrow, "sungrow", ProfileCatalogue.Group.INVERTER,
                "Sungrow", sungrowConfig));
        SiteVisit earlier = new SiteVisit(UUID.randomUUID().toString(), VISIT_1, VISIT_1, true, session.snapshot());

        client.addDevice(meterConfig);
        client.setPublishing(sungrow.sn(), Map.of("pv", true));

        assertThat(compareNow(earlier, false).changes()).containsExactlyInAnyOrder(
                new Change(Kind.DEVICE_BACK, meter.sn(), "P1 meter", "", "p1_meter", "p1_meter"),
                new Change(Kind.PUBLISHING_CHANGED, sungrow.sn(), "Sungrow", "pv", "false", "true"));
    }

    @Test
    void nothingChangedIsNoChangeAtAll() throws Exception {
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(),
                client.system().firmwareVersion()));
        DeviceConfig sungrowConfig = DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "127.0.0.1",
                "port", modbus.port(), "unit_id", 1));
        AddedDevice sungrow = client.addDevice(sungrowConfig);
        session.deviceAdded(CommissioningSession.Device.of(sungrow, "sungrow", ProfileCatalogue.Group.INVERTER,
                "Sungrow", sungrowConfig.withoutSecrets()));
        client.setPublishing(sungrow.sn(), Map.of("pv", true));
        session.publishedDers(List.of("pv"));
        SiteVisit earlier = new SiteVisit(UUID.randomUUID().toString(), VISIT_1, VISIT_1, true, session.snapshot());

        VisitComparison.Result result = compareNow(earlier, false);

        assertThat(result.changes()).isEmpty();
        assertThat(result.nothingChanged()).isTrue();
    }

    @Test
    void theFirmwareOfAZapThatWasNotTheLastChosenInTheVisitIsComparedToo() throws Exception {
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(),
                client.system().firmwareVersion()));
        DeviceConfig meterConfig = DeviceConfig.of("p1_uart", Map.of("profile", "p1_meter"));
        AddedDevice meter = client.addDevice(meterConfig);
        session.deviceAdded(CommissioningSession.Device.of(meter, "p1_meter", ProfileCatalogue.Group.METER,
                "P1 meter", meterConfig));
        session.startNextDevice();
        session.selectGateway(new CommissioningSession.Gateway("zap-other", URI.create("http://127.0.0.1:1/"), "9.9"));
        SiteVisit earlier = new SiteVisit(UUID.randomUUID().toString(), VISIT_1, VISIT_1, true, session.snapshot());
        zap.setFirmwareVersion("1.5.0");

        assertThat(compareNow(earlier, false).changes())
                .containsExactly(new Change(Kind.FIRMWARE_CHANGED, "", "", "", "1.4.2", "1.5.0"));
    }

    @Test
    void anUnreachableZapAndASignedOutNovacoreAreSaidNotChecked() throws Exception {
        Visit1 v1 = recordVisit1();
        outbox.markSent(v1.outboxId(), new ProvisionResult(true, "dev-late", v1.ambibox().sn(), SITE, "pending",
                List.of()));
        zap.close();

        VisitComparison.Result result = compareNow(v1.visit(), false);

        assertThat(result.changes()).extracting(Change::kind, Change::subject).containsExactly(
                tuple(Kind.NOT_CHECKED, Kind.ZAP),
                tuple(Kind.NOT_CHECKED, Kind.NOVACORE_SIGNED_OUT));
        assertThat(result.changes().get(0).after()).as("the reason").isNotBlank();
        assertThat(result.nothingChanged()).isFalse();
    }

    @Test
    void aDeviceStillPendingInNovacoreIsSaidSoAndNovacoreUnreachableIsNotChecked() throws Exception {
        Visit1 v1 = recordVisit1();
        outbox.markSent(v1.outboxId(), new ProvisionResult(true, "dev-late", v1.ambibox().sn(), SITE, "pending",
                List.of()));

        List<Change> changes = compareNow(v1.visit(), true).changes();
        assertThat(changes).containsExactlyInAnyOrder(
                new Change(Kind.NOVACORE_STATE, v1.sungrow().sn(), "Sungrow", v1.sungrowResult().deviceId(),
                        "pending", "pending"),
                new Change(Kind.NOVACORE_STATE, v1.meter().sn(), "P1 meter", v1.meterResult().deviceId(),
                        "pending", "pending"),
                // sent since the visit (from the outbox), but the id it was sent under is not at the site
                new Change(Kind.NOVACORE_GONE, v1.ambibox().sn(), "Ambibox", "dev-late", "pending", ""));
        assertThat(changes.get(0).tone()).as("still pending asks to look").isEqualTo(Tone.WARNING);

        nova.close();
        List<Change> unreachable = compareNow(v1.visit(), true).changes();
        assertThat(unreachable).hasSize(1);
        assertThat(unreachable.get(0).kind()).isEqualTo(Kind.NOT_CHECKED);
        assertThat(unreachable.get(0).subject()).isEqualTo(Kind.NOVACORE);
    }

    @Test
    void aVisitFoundByItsSiteIsComparedInNovacoreAndTheOutboxOnlyNotOnThisZap() throws Exception {
        Visit1 v1 = recordVisit1();
        try (ZapSimulator other = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0)
                .announceMdns(false).start();
             ZapClient otherClient = new ZapClient(other.baseUri())) {
            otherClient.addDevice(DeviceConfig.of("p1_uart", Map.of("profile", "p1_meter")));
            SiteVisit bySite = VisitComparison.earlierVisit(List.of(v1.visit()), other.serial(), Optional.of(SITE),
                    v -> false).orElseThrow();

            VisitComparison.Result result = VisitComparison.compare(bySite, other.serial(),
                    reader.read(bySite, other.serial(), otherClient,
                            Optional.of(siteId -> novacore.siteDevices(siteId, token)), outbox::entries));

            assertThat(result.changes()).as("the other Zap's meter is not 'added since': that visit was not on it")
                    .extracting(Change::kind).containsExactlyInAnyOrder(Kind.NOVACORE_STATE, Kind.NOVACORE_STATE,
                            Kind.OUTBOX_NOT_SENT);
        }
    }

    @Test
    void theEarlierVisitIsTheNewestOnTheZapOrTheSiteOtherThanTheOneGoingOn() {
        SiteVisit newest = visit("zap-aaaa0001", Optional.empty());
        SiteVisit older = visit("zap-aaaa0001", Optional.empty());
        SiteVisit otherZap = visit("zap-bbbb0002", Optional.of("sit-1"));
        List<SiteVisit> history = List.of(newest, otherZap, older);

        assertThat(VisitComparison.earlierVisit(history, "zap-aaaa0001", Optional.empty(), v -> false))
                .contains(newest);
        assertThat(VisitComparison.earlierVisit(history, "zap-aaaa0001", Optional.empty(), v -> v == newest))
                .contains(older);
        assertThat(VisitComparison.earlierVisit(history, "zap-cccc0003", Optional.of("sit-1"), v -> false))
                .contains(otherZap);
        assertThat(VisitComparison.earlierVisit(history, "zap-cccc0003", Optional.empty(), v -> false)).isEmpty();
    }

    private static SiteVisit visit(String serial, Optional<String> site) {
        CommissioningSession.Snapshot snapshot = new CommissioningSession.Snapshot(
                Optional.of(new CommissioningSession.Gateway(serial, URI.create("http://127.0.0.1:9"), "1.4.2")),
                site.map(s -> new CommissioningSession.SiteChoice(Optional.of(s), "Site")), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Optional.empty(), List.of());
        return new SiteVisit(UUID.randomUUID().toString(), VISIT_1, VISIT_1, true, snapshot);
    }

    @Test
    void numbersCompareByValue() {
        assertThat(VisitComparison.text(1)).isEqualTo("1");
        assertThat(VisitComparison.text(1.0)).isEqualTo("1");
        assertThat(VisitComparison.text(115200.0)).isEqualTo("115200");
        assertThat(VisitComparison.text(0.5)).isEqualTo("0.5");
        assertThat(VisitComparison.text("a")).isEqualTo("a");
    }
}
