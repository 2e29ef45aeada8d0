package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.find.FindViewModel;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;

/**
 * The step view-models against the simulators over real HTTP, with background work run inline and time moved by
 * hand: no toolkit, no sleeping. Includes the background events that become notifications.
 */
class StepViewModelsTest {

    private final TestClock clock = TestClock.atNoon();
    @TempDir
    Path outboxFolder;
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
        // The laptop-side preflight and the simulated Zap both reach this "inverter" on loopback.
        inverter = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1));
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

    private FindViewModel find() {
        return new FindViewModel(tasks, config, session, () -> new ZapDiscovery(clock));
    }

    private void selectZap() {
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
    }

    private AddDeviceViewModel addSungrow(String ip) {
        selectZap();
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        add.profileProperty().set(add.profileNamed("sungrow").orElseThrow());
        add.field("ip").orElseThrow().textProperty().set(ip);
        add.field("port").orElseThrow().textProperty().set(String.valueOf(inverter.port()));
        return add;
    }

    @Test
    void findChecksATypedAddressAndSelectsTheZap() {
        FindViewModel find = find();
        find.enter();
        find.typedAddressProperty().set(zap.baseUri().getHost() + ":" + zap.port());
        assertThat(find.typedAddressValidProperty().get()).isTrue();
        find.checkTypedAddress();
        assertThat(find.zaps()).singleElement().satisfies(z -> assertThat(z.serial()).isEqualTo(zap.serial()));
        assertThat(find.selectedProperty().get().serial()).isEqualTo(zap.serial());
        assertThat(find.readyProperty().get()).isTrue();
        find.shutdown();
    }

    @Test
    void findExplainsAnAddressWhereNoZapAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        FindViewModel find = find();
        find.enter();
        find.typedAddressProperty().set("127.0.0.1:" + closedPort);
        find.checkTypedAddress();
        assertThat(find.zaps()).isEmpty();
        assertThat(find.errorProperty().get()).contains("127.0.0.1:" + closedPort).contains("does not answer");
        find.typedAddressProperty().set("not a host:99999");
        assertThat(find.typedAddressValidProperty().get()).isFalse();
        find.shutdown();
    }

    @Test
    void addFormComesFromTheZapAndIsValidatedBeforeSending() {
        AddDeviceViewModel add = addSungrow("");
        assertThat(add.profiles()).hasSize(10);
        assertThat(add.connectionTypes()).containsExactly("modbus_tcp", "modbus_rtu");
        assertThat(add.fields()).extracting(f -> f.name()).containsExactly("ip", "port", "unit_id");
        add.profileProperty().set(add.profileNamed("solaredge").orElseThrow());
        assertThat(add.field("port").orElseThrow().textProperty().get()).as("SolarEdge's usual port").isEqualTo("1502");
        assertThat(add.hintProperty().get()).contains("SetApp");
        add.profileProperty().set(add.profileNamed("sma").orElseThrow());
        assertThat(add.field("unit_id").orElseThrow().textProperty().get()).as("SMA's usual unit id").isEqualTo("3");
        add.profileProperty().set(add.profileNamed("sungrow").orElseThrow());
        assertThat(add.field("port").orElseThrow().textProperty().get()).isEqualTo("502");
        assertThat(add.readyProperty().get()).as("ip is required").isFalse();
        add.field("ip").orElseThrow().textProperty().set("127.0.0.1");
        assertThat(add.readyProperty().get()).isTrue();
        add.field("port").orElseThrow().textProperty().set("70000");
        assertThat(add.readyProperty().get()).isFalse();
        assertThat(add.field("port").orElseThrow().problemProperty().get()).contains("65535");
        add.field("port").orElseThrow().textProperty().set("1502");
        add.field("unit_id").orElseThrow().textProperty().set("248");
        assertThat(add.readyProperty().get()).isFalse();
        add.field("unit_id").orElseThrow().textProperty().set("3");
        assertThat(add.config().fields()).containsEntry("type", "modbus_tcp").containsEntry("profile", "sungrow")
                .containsEntry("ip", "127.0.0.1").containsEntry("port", 1502).containsEntry("unit_id", 3);
    }

    @Test
    void addingStoresTheDeviceAndItsDetectedDersInTheSession() {
        AddDeviceViewModel add = addSungrow("127.0.0.1");
        AtomicInteger proceeded = new AtomicInteger();
        add.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(1);
        CommissioningSession.Device device = session.device().orElseThrow();
        assertThat(zap.device(device.sn())).isPresent();
        assertThat(device.ders()).extracting(d -> d.type()).containsExactly("pv", "battery", "meter");
        assertThat(device.group().novacoreDeviceType()).isEqualTo("inverter");
    }

    @Test
    void addShowsWhatTheZapRefused() throws Exception {
        AddDeviceViewModel add = addSungrow("127.0.0.1");
        add.next(() -> { });
        String existing = session.device().orElseThrow().sn();
        AtomicInteger proceeded = new AtomicInteger();
        add.next(proceeded::incrementAndGet);
        assertThat(proceeded).as("409 does not move on").hasValue(0);
        assertThat(add.errorProperty().get()).contains("already on this Zap").contains(existing);

        // Nothing listens at that port: the preflight says so first; "Add anyway" then gets the Zap's 503.
        int closed = StubServer.closedPort();
        add.field("port").orElseThrow().textProperty().set(String.valueOf(closed));
        add.next(proceeded::incrementAndGet);
        assertThat(add.preflightProperty().get()).contains("Nothing accepts connections at 127.0.0.1:" + closed)
                .contains("WiNet-S");
        assertThat(add.nextLabelProperty().get()).isEqualTo("_Add anyway");
        assertThat(add.errorProperty().get()).as("the Zap was not asked yet").isEmpty();
        add.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(0);
        assertThat(add.errorProperty().get()).contains("could not reach the device").contains("127.0.0.1:" + closed);
        assertThat(add.preflightProperty().get()).as("the preflight result stays beside it").contains("Nothing accepts");
        assertThat(add.busyProperty().get()).isFalse();
    }

    @Test
    void anotherProfileDropsTheOldConflictAndAnotherDeviceStartsAFreshForm() {
        AddDeviceViewModel add = addSungrow("127.0.0.1");
        add.next(() -> { });
        String existing = session.device().orElseThrow().sn();
        assertThat(add.devices()).as("the list counts the device just added").extracting(d -> d.sn())
                .containsExactly(existing);
        session.startNextDevice();
        add.next(() -> { });
        assertThat(add.conflictingSnProperty().get()).isEqualTo(existing);
        assertThat(add.errorProperty().get()).contains("already on this Zap");
        assertThat(add.preflightProperty().get()).isNotEmpty();

        add.profileProperty().set(add.profiles().stream().filter(p -> !p.profile().equals("sungrow")).findFirst()
                .orElseThrow());
        assertThat(add.errorProperty().get()).as("the 409 was about the Sungrow").isEmpty();
        assertThat(add.conflictingSnProperty().get()).as("and so was its button").isEmpty();
        assertThat(add.preflightProperty().get()).isEmpty();

        add.profileProperty().set(add.profileNamed("sungrow").orElseThrow());
        add.field("ip").orElseThrow().textProperty().set("127.0.0.1");
        add.field("port").orElseThrow().textProperty().set(String.valueOf(inverter.port()));
        add.next(() -> { });
        assertThat(add.errorProperty().get()).isNotEmpty();
        add.startAfresh();
        assertThat(add.profileProperty().get()).isEqualTo(add.profiles().get(0));
        assertThat(add.errorProperty().get()).isEmpty();
        assertThat(add.conflictingSnProperty().get()).isEmpty();
        assertThat(add.preflightProperty().get()).isEmpty();
        assertThat(add.statusProperty().get()).isEmpty();
        assertThat(add.fields()).as("nothing typed for the device before")
                .noneMatch(f -> "127.0.0.1".equals(f.textProperty().get())
                        || String.valueOf(inverter.port()).equals(f.textProperty().get()));
    }

    @Test
    void aConflictPointsAtTheDeviceAlreadyThereWhichCanBeOpenedOrRemoved() {
        AddDeviceViewModel add = addSungrow("127.0.0.1");
        add.next(() -> { });
        String existing = session.device().orElseThrow().sn();
        session.startNextDevice();
        add.enter();
        assertThat(add.devices()).extracting(d -> d.sn()).containsExactly(existing);
        add.next(() -> { });
        assertThat(add.conflictingSnProperty().get()).isEqualTo(existing);

        add.openExisting(add.deviceWithSn(existing).orElseThrow());
        CommissioningSession.Device opened = session.device().orElseThrow();
        assertThat(opened.sn()).isEqualTo(existing);
        assertThat(opened.profile()).isEqualTo("sungrow");
        assertThat(opened.group().novacoreDeviceType()).isEqualTo("inverter");
        assertThat(opened.ders()).extracting(d -> d.type()).containsExactly("pv", "battery", "meter");

        add.remove(add.deviceWithSn(existing).orElseThrow());
        assertThat(zap.device(existing)).isEmpty();
        assertThat(add.devices()).isEmpty();
        assertThat(add.conflictingSnProperty().get()).isEmpty();
        assertThat(add.statusProperty().get()).contains("Removed " + existing);
        assertThat(session.removals()).singleElement().satisfies(r -> {
            assertThat(r.sn()).isEqualTo(existing);
            assertThat(r.profile()).isEqualTo("sungrow");
            assertThat(r.gatewaySerial()).isEqualTo(zap.serial());
        });
        assertThat(session.device()).as("the opened device is gone: nothing to verify").isEmpty();
    }

    @Test
    void addFallsBackToTheDocumentedProfilesWhenTheZapCannotSay() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        session.selectGateway(new CommissioningSession.Gateway("zap-00000000",
                URI.create("http://127.0.0.1:" + closedPort + "/"), "1"));
        AddDeviceViewModel add = new AddDeviceViewModel(tasks, clients, session);
        add.enter();
        assertThat(add.profiles()).extracting(AddDeviceViewModel.ProfileChoice::profile)
                .containsExactly("sungrow", "solis", "deye", "sma", "huawei", "fronius", "solaredge", "p1_meter",
                        "ambibox", "ferroamp");
        assertThat(add.statusProperty().get()).contains("documented profiles");
    }

    @Test
    void verifyWaitsForTheFirstReadingThenDrawsAndPublishesOnlyWhatChanged() {
        addSungrow("127.0.0.1").next(() -> { });
        String sn = session.device().orElseThrow().sn();
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        assertThat(verify.statusProperty().get()).contains("Waiting for the first reading");
        assertThat(verify.der("pv").orElseThrow().series().getData()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        tasks.fireTimers();
        clock.advance(Duration.ofSeconds(1));
        tasks.fireTimers();
        assertThat(verify.statusProperty().get()).startsWith("Live");
        assertThat(verify.der("pv").orElseThrow().series().getData()).hasSize(2);
        assertThat(verify.der("pv").orElseThrow().series().getData().get(0).getYValue().doubleValue())
                .as("PV power is negative while generating").isNegative();
        assertThat(verify.der("battery").orElseThrow().valuesProperty().get()).contains("SoC");

        verify.der("meter").orElseThrow().publishProperty().set(false);
        assertThat(zap.enabledDers(sn)).as("nothing sent before Next").isEmpty();
        AtomicInteger proceeded = new AtomicInteger();
        verify.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(1);
        assertThat(zap.enabledDers(sn)).containsExactlyInAnyOrder("pv", "battery");
        assertThat(session.publishedDers()).containsExactly("pv", "battery");

        verify.leave();
        int points = verify.der("pv").orElseThrow().series().getData().size();
        tasks.fireTimers();
        assertThat(verify.der("pv").orElseThrow().series().getData()).as("no polling after leaving").hasSize(points);
    }

    @Test
    void verifySavesDerMetadataWithUnitsValidated() throws Exception {
        addSungrow("127.0.0.1").next(() -> { });
        String sn = session.device().orElseThrow().sn();
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        clock.advance(Duration.ofSeconds(2));
        tasks.fireTimers();
        var pv = verify.der("pv").orElseThrow();
        var battery = verify.der("battery").orElseThrow();
        assertThat(pv.hasInstalledPower()).isTrue();
        assertThat(battery.hasCapacity()).isTrue();
        assertThat(verify.der("meter").orElseThrow().hasRatedPower()).isFalse();
        pv.ratedPowerProperty().set("-5");
        assertThat(pv.metadataProblemProperty().get()).contains("Rated power").contains("0 to 10000000");
        assertThat(verify.readyProperty().get()).isFalse();
        pv.ratedPowerProperty().set("10200");
        pv.installedPowerProperty().set("11000");
        battery.capacityProperty().set("12800");
        assertThat(verify.readyProperty().get()).isTrue();
        verify.next(() -> { });
        try (var client = new ZapClient(zap.baseUri())) {
            var ders = client.ders(sn);
            assertThat(ders).filteredOn(d -> d.type().equals("pv")).singleElement().satisfies(d -> {
                assertThat(d.ratedPowerW()).hasValue(10200);
                assertThat(d.installedPowerW()).hasValue(11000);
            });
            assertThat(ders).filteredOn(d -> d.type().equals("battery")).singleElement()
                    .satisfies(d -> assertThat(d.capacityWh()).hasValue(12800));
        }
        assertThat(zap.enabledDers(sn)).containsExactlyInAnyOrder("pv", "battery", "meter");
    }

    @Test
    void verifyNeedsAtLeastOneDerToPublish() {
        addSungrow("127.0.0.1").next(() -> { });
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        assertThat(verify.readyProperty().get()).as("nothing proposed before data").isFalse();
        clock.advance(Duration.ofSeconds(2));
        tasks.fireTimers();
        assertThat(verify.readyProperty().get()).as("plausible data is proposed").isTrue();
        verify.ders().forEach(d -> d.publishProperty().set(false));
        assertThat(verify.readyProperty().get()).isFalse();
    }

    /** As a Zap prepared before: known to Novacore and claimed by the demo sites' organisation. */
    private void zapClaimed() {
        novacore.registerGateway(zap.serial(), zap.publicKeyHex());
        novacore.claimGateway(zap.serial(), NovacoreStandIn.DEMO_ORG);
    }

    private ProvisionViewModel provisionReady() {
        zapClaimed();
        addSungrow("127.0.0.1").next(() -> { });
        session.publishedDers(List.of("pv", "battery"));
        ProvisionViewModel provision = new ProvisionViewModel(tasks, config, session, clock,
                new Outbox(outboxFolder, clock));
        provision.enter();
        return provision;
    }

    @Test
    void provisionIsPrefilledFromTheZapAndSendsTheMappedRequest() {
        ProvisionViewModel provision = provisionReady();
        assertThat(provision.readyProperty().get()).as("no token yet").isFalse();
        provision.tokenTextProperty().set(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(2)));
        assertThat(provision.tokenInfoProperty().get()).startsWith("Signed in as idt-");
        provision.loadSites();
        assertThat(provision.sites()).hasSize(3);
        assertThat(provision.siteIdProperty().get()).isEqualTo(provision.sites().get(0).id());
        assertThat(provision.nextLabelProperty().get()).as("Next sends: it says so").isEqualTo("_Provision");
        // One site control: a listed site by its label, id or name, or an id typed for a site not listed.
        var second = provision.sites().get(1);
        provision.siteTyped(second.toString());
        assertThat(provision.siteIdProperty().get()).isEqualTo(second.id());
        assertThat(provision.siteLabel(second.id())).isEqualTo(second.toString());
        provision.siteTyped(" sit-typed ");
        assertThat(provision.siteIdProperty().get()).isEqualTo("sit-typed");
        assertThat(provision.siteLabel("sit-typed")).isEqualTo("sit-typed");
        provision.siteTyped("");
        assertThat(provision.readyProperty().get()).as("no site").isFalse();
        provision.siteTyped(provision.sites().get(0).id());
        provision.modelProperty().set("SH10RT");
        assertThat(provision.nameProperty().get()).isEqualTo("Sungrow SH10RT");
        assertThat(provision.readyProperty().get()).isTrue();

        AtomicInteger proceeded = new AtomicInteger();
        provision.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(1);
        JsonObject sent = novacore.provisionRequests().get(0);
        assertThat(sent.get("gateway_serial").getAsString()).isEqualTo(zap.serial());
        assertThat(sent.get("hardware_id").getAsString()).isEqualTo(session.device().orElseThrow().sn());
        assertThat(sent.get("device_type").getAsString()).isEqualTo("inverter");
        assertThat(sent.getAsJsonArray("ders").toString()).isEqualTo(
                "[{\"name\":\"pv-array\",\"type\":\"solar\"},{\"name\":\"battery_1\",\"type\":\"battery\"}]");
        assertThat(session.provisionResult().orElseThrow().created()).isTrue();
    }

    @Test
    void provisionSaysToClaimAZapTheSitesOrganisationHasNotClaimedAndIsReadyOnceItIs() {
        // A new Zap: Novacore knows its key, nobody has claimed it (the Prepare step was passed without claiming).
        novacore.registerGateway(zap.serial(), zap.publicKeyHex());
        addSungrow("127.0.0.1").next(() -> { });
        session.publishedDers(List.of("pv", "battery"));
        ProvisionViewModel provision = new ProvisionViewModel(tasks, config, session, clock,
                new Outbox(outboxFolder, clock));
        provision.enter();
        provision.tokenTextProperty().set(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(2)));
        provision.loadSites();
        assertThat(provision.siteIdProperty().get()).isNotBlank();
        assertThat(provision.readyProperty().get()).as("not claimed: nothing to send yet").isFalse();
        assertThat(provision.errorProperty().get()).isEqualTo(Messages.get("provision.claimFirst", zap.serial(),
                NovacoreStandIn.DEMO_ORG));

        // Back to Prepare, claimed there, and on to Provision again.
        provision.leave();
        novacore.claimGateway(zap.serial(), NovacoreStandIn.DEMO_ORG);
        provision.enter();
        assertThat(provision.readyProperty().get()).as("claimed now").isTrue();
        assertThat(provision.errorProperty().get()).isEmpty();
        AtomicInteger proceeded = new AtomicInteger();
        provision.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(1);
        assertThat(novacore.provisionRequests()).hasSize(1);
    }

    @Test
    void theReportNamesThePersonTheTokenNamesElseItsIdentity() {
        ProvisionViewModel provision = provisionReady();
        long exp = clock.instant().plus(Duration.ofHours(2)).getEpochSecond();
        String claims = "{\"identity_id\":\"idt-7\",\"email\":\"anna@example.com\",\"exp\":" + exp + "}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        provision.tokenTextProperty().set(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln");
        assertThat(session.technician()).hasValue("anna@example.com");
        String identity = NovacoreStandIn.newIdentityId();
        provision.tokenTextProperty().set(novacore.issueToken(identity, Duration.ofHours(2)));
        assertThat(session.technician()).as("Novacore's own token names no one").hasValue(identity);
    }

    @Test
    void aGatewaySerialNotConfirmedByApiCryptoIsSentOnlyOnceTheTechnicianCheckedIt() {
        zapClaimed();
        addSungrow("127.0.0.1").next(() -> { });
        session.publishedDers(List.of("pv", "battery"));
        // The same Zap, found on a firmware without /api/crypto: its serial came from deviceId.
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1", false));
        ProvisionViewModel provision = new ProvisionViewModel(tasks, config, session, clock,
                new Outbox(outboxFolder, clock));
        provision.enter();
        provision.tokenTextProperty().set(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(2)));
        provision.loadSites();
        assertThat(provision.serialUnconfirmedProperty().get()).isTrue();
        assertThat(provision.readyProperty().get()).as("the serial is not checked yet").isFalse();
        provision.serialCheckedProperty().set(true);
        assertThat(provision.readyProperty().get()).isTrue();
    }

    @Test
    void provisionRefusesAnExpiredTokenAndKeepsTheFormOnRejection() {
        ProvisionViewModel provision = provisionReady();
        provision.tokenTextProperty().set(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofMinutes(-5)));
        assertThat(provision.tokenProperty().get()).isNull();
        assertThat(provision.tokenInfoProperty().get()).contains("expired");
        provision.tokenTextProperty().set("not-a-token");
        assertThat(provision.tokenInfoProperty().get()).contains("not a valid token");
        assertThat(provision.readyProperty().get()).isFalse();

        provision.tokenTextProperty().set(novacore.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofMinutes(30)));
        assertThat(provision.tokenInfoProperty().get()).contains("expires soon");
        provision.siteIdProperty().set("sit-doesnotexist");
        AtomicInteger proceeded = new AtomicInteger();
        provision.next(proceeded::incrementAndGet);
        assertThat(proceeded).hasValue(0);
        assertThat(provision.errorProperty().get()).startsWith("Not found in Novacore");
        assertThat(provision.hardwareIdProperty().get()).as("form kept").isEqualTo(session.device().orElseThrow().sn());
        assertThat(provision.errorProperty().get()).doesNotContain(provision.tokenTextProperty().get());
    }

    // ---------------------------------------------------------------- background events (notifications)
    // Verify's "Zap lost" / "Zap back" and the outbox's "sent by itself": once per change, not per poll.

    private static final String DATA = "/api/devices/{sn}/data/json";

    @Test
    void verifyTellsOnceWhenTheZapIsLostAndOnceWhenItIsBack() {
        addSungrow("127.0.0.1").next(() -> { });
        assertThat(session.device()).isPresent();
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
        addSungrow("127.0.0.1").next(() -> { });
        assertThat(session.device()).isPresent();
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
