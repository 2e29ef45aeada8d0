package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;

/** The session keeps every device of the visit, with what was done with it, for the hand-over report. */
class CommissioningSessionTest {

    private static CommissioningSession.Device device(String sn) {
        return new CommissioningSession.Device(sn, "sungrow", "inverters", "Sungrow " + sn,
                DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1")), List.of(new Der("pv", false)));
    }

    private static PreflightResult passed() {
        return new PreflightResult(PreflightResult.Outcome.PASSED, PreflightResult.Reason.MODBUS_ANSWERED,
                "127.0.0.1:502", OptionalInt.empty(), "");
    }

    @Test
    void everyDeviceIsKeptWithItsPreflightLiveValuesChartAndResult() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0"));
        s.preflightChecked(passed());
        s.deviceAdded(device("A"));
        s.publishedDers(List.of("pv"));
        s.liveSnapshot("A", new CommissioningSession.LiveSnapshot(Instant.EPOCH, List.of(new CommissioningSession.DerLive(
                "pv", "PV", Instant.EPOCH, List.of(new CommissioningSession.LiveValue("Power", "-1.00 kW"))))));
        byte[] png = {1, 2, 3};
        s.chartImage("A", png);
        png[0] = 9;
        s.provisioned(new ProvisionResult(true, "dev-1", "A", "sit-1", "active", List.of()));
        s.startNextDevice();
        s.deviceAdded(device("B"));
        s.provisionQueued("out-1");
        s.technician("idt-1");

        List<CommissioningSession.DeviceVisit> visits = s.visits();
        assertThat(visits).extracting(v -> v.device().sn()).containsExactly("A", "B");
        CommissioningSession.DeviceVisit a = visits.get(0);
        assertThat(a.gatewaySerial()).isEqualTo("ZAP1");
        assertThat(a.preflight()).contains(passed());
        assertThat(a.publishedDers()).containsExactly("pv");
        assertThat(a.live().orElseThrow().ders().get(0).values().get(0).value()).isEqualTo("-1.00 kW");
        assertThat(a.chartPng().orElseThrow()).as("a copy, not the caller's array").containsExactly(1, 2, 3);
        assertThat(a.provisionResult().orElseThrow().deviceId()).isEqualTo("dev-1");
        CommissioningSession.DeviceVisit b = visits.get(1);
        assertThat(b.preflight()).as("the preflight belonged to A").isEmpty();
        assertThat(b.queuedOutboxId()).contains("out-1");
        assertThat(b.provisionResult()).isEmpty();
        assertThat(s.technician()).contains("idt-1");
    }

    @Test
    void theSameDeviceVerifiedAgainIsOneVisitAndAnOpenedDeviceHasNoPreflight() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0"));
        s.preflightChecked(passed());
        s.preflightChecked(null);
        s.deviceAdded(device("A"));
        s.startNextDevice();
        s.deviceAdded(device("A"));
        assertThat(s.visits()).hasSize(1);
        assertThat(s.visits().get(0).preflight()).isEmpty();
    }

    @Test
    void aRemovedDeviceIsRecordedAndIsNoLongerTheOneBeingCommissioned() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0"));
        s.deviceAdded(device("A"));
        s.deviceRemoved("OLD", "solis", Instant.ofEpochSecond(10)); // was on the Zap before the visit
        assertThat(s.device()).as("another device removed: A is still the one").isPresent();
        s.publishedDers(List.of("pv"));
        s.deviceRemoved("A", "sungrow", Instant.ofEpochSecond(20));
        assertThat(s.device()).as("A removed: nothing left to verify or provision").isEmpty();
        assertThat(s.publishedDers()).isEmpty();
        assertThat(s.removals()).containsExactly(
                new CommissioningSession.Removal("ZAP1", "OLD", "solis", Instant.ofEpochSecond(10)),
                new CommissioningSession.Removal("ZAP1", "A", "sungrow", Instant.ofEpochSecond(20)));
        assertThat(s.visits()).as("what was done with A stays for the report").extracting(v -> v.device().sn())
                .containsExactly("A");
    }

    /** What the steps read of the current device is its visit's record, never a copy that could say otherwise. */
    @Test
    void theCurrentDeviceReadsAsItsVisitSays() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0"));
        s.deviceAdded(device("A"));
        s.publishedDers(List.of("pv"));
        ProvisionResult first = new ProvisionResult(true, "dev-1", "A", "sit-1", "active", List.of());
        s.provisioned(first);
        assertThat(s.device()).contains(s.visits().get(0).device());
        assertThat(s.publishedDers()).isEqualTo(s.visits().get(0).publishedDers());
        assertThat(s.provisionResult()).isEqualTo(s.visits().get(0).provisionResult()).contains(first);
        assertThat(s.queuedOutboxId()).isEmpty();

        // Provisioned again, and this time Novacore is down: the device reads as queued; the visit keeps both.
        s.provisionQueued("obx-1");
        assertThat(s.provisionResult()).isEmpty();
        assertThat(s.queuedOutboxId()).contains("obx-1");
        assertThat(s.visits().get(0).provisionResult()).contains(first);
        assertThat(s.visits().get(0).queuedOutboxId()).contains("obx-1");

        s.provisioned(first);
        assertThat(s.queuedOutboxId()).isEmpty();
        assertThat(s.visits().get(0).queuedOutboxId()).isEmpty();
        assertThat(s.history()).hasSize(2);

        s.startNextDevice();
        assertThat(s.device()).isEmpty();
        assertThat(s.publishedDers()).isEmpty();
        assertThat(s.provisionResult()).isEmpty();
        assertThat(s.queuedOutboxId()).isEmpty();
        assertThat(s.visits()).hasSize(1);
    }

    @Test
    void theZapsIdentityReadingIsKeptAndFillsInForADeviceNotAddedFromAScan() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0"));
        CommissioningSession.Identity scanned = new CommissioningSession.Identity(Optional.of("SMA"),
                Optional.of("SB5.0"), Optional.of("300"));
        CommissioningSession.Identity zap = new CommissioningSession.Identity(Optional.of("Sungrow"),
                Optional.of("SH10RT"), Optional.of("A22"));
        s.identityFound(scanned);
        s.deviceAdded(device("A"));
        s.identityChecked("A", new IdentityCheck(IdentityCheck.Outcome.DIFFERENT, Optional.of(scanned),
                Optional.of(zap), "both"));
        assertThat(s.identity()).as("the scan's reading stays what Provision offers").contains(scanned);
        assertThat(s.identityCheck().map(IdentityCheck::outcome)).contains(IdentityCheck.Outcome.DIFFERENT);

        s.startNextDevice();
        s.deviceAdded(device("B"));
        assertThat(s.identity()).isEmpty();
        s.identityChecked("B", new IdentityCheck(IdentityCheck.Outcome.READ, Optional.empty(), Optional.of(zap), "z"));
        assertThat(s.identity()).as("typed by hand: the Zap's reading is offered").contains(zap);
        assertThat(s.visits().get(1).identityCheck().map(IdentityCheck::evidence)).contains("z");
        assertThat(s.visits().get(0).identityCheck().map(IdentityCheck::evidence)).contains("both");
    }
}
