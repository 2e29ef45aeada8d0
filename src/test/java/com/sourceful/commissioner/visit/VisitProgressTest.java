package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.visit.VisitProgress.DeviceProgress;
import com.sourceful.commissioner.visit.VisitProgress.Left;
import com.sourceful.commissioner.visit.VisitProgress.State;
import com.sourceful.commissioner.visit.VisitProgress.Step;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;

/** Per Zap and device, how far the visit came and what is left, from hand-built snapshots. */
class VisitProgressTest {

    private static final CommissioningSession.Gateway ZAP1 =
            new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:1"), "1.0");
    private static final CommissioningSession.LiveSnapshot LIVE =
            new CommissioningSession.LiveSnapshot(Instant.EPOCH, List.of());
    private static final ProvisionResult RESULT = new ProvisionResult(true, "dev-1", "A", "sit-1", "active", List.of());

    private static CommissioningSession.Device device(String sn) {
        return new CommissioningSession.Device(sn, "sungrow", "inverters", "Sungrow " + sn,
                DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1")), List.of(new Der("pv", false)));
    }

    private static DeviceVisit visit(String zap, String sn, boolean live, List<String> published,
                                     ProvisionResult result, String outboxId) {
        return new DeviceVisit(zap, device(sn), Optional.empty(), published, Optional.ofNullable(live ? LIVE : null),
                Optional.empty(), Optional.ofNullable(result), Optional.ofNullable(outboxId), Optional.empty(),
                Optional.empty());
    }

    /** A snapshot built up field by field. */
    private static final class Built {
        CommissioningSession.Gateway gateway = ZAP1;
        CommissioningSession.SiteChoice site;
        final List<DeviceVisit> visits = new ArrayList<>();
        String current;
        final List<CommissioningSession.LoadTestResult> loadTests = new ArrayList<>();
        final List<CommissioningSession.Removal> removals = new ArrayList<>();
        final List<CommissioningSession.WifiChange> wifiChanges = new ArrayList<>();
        Map<String, String> claims = Map.of("ZAP1", "org-1");
        /** Zaps chosen before the current one in this visit. */
        final List<CommissioningSession.Gateway> earlierZaps = new ArrayList<>();
        final List<ControlHold> holds = new ArrayList<>();

        Snapshot snapshot() {
            return new Snapshot(Optional.ofNullable(gateway), Optional.ofNullable(site), visits,
                    Optional.ofNullable(current), loadTests, removals, wifiChanges, claims, Optional.empty(),
                    List.of(), earlierZaps, List.of(), holds);
        }
    }

    private static DeviceProgress only(Snapshot snapshot) {
        List<ZapProgress> zaps = VisitProgress.of(snapshot);
        assertThat(zaps).hasSize(1);
        assertThat(zaps.get(0).devices()).hasSize(1);
        return zaps.get(0).devices().get(0);
    }

    @Test
    void anAddedDeviceHasEverythingLeft() {
        Built b = new Built();
        b.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        DeviceProgress a = only(b.snapshot());
        assertThat(a.state()).isEqualTo(State.ADDED);
        assertThat(a.left()).containsExactly(Left.NOT_VERIFIED, Left.NOTHING_PUBLISHED, Left.NOT_PROVISIONED);
        assertThat(a.nextStep()).contains(Step.VERIFY);
        assertThat(a.name()).isEqualTo("Sungrow A");
        assertThat(a.current()).isFalse();
    }

    @Test
    void liveValuesOrALoadTestMakeItVerified() {
        Built live = new Built();
        live.visits.add(visit("ZAP1", "A", true, List.of(), null, null));
        assertThat(only(live.snapshot()).state()).isEqualTo(State.VERIFIED);
        assertThat(only(live.snapshot()).left()).containsExactly(Left.NOTHING_PUBLISHED, Left.NOT_PROVISIONED);

        Built loadTested = new Built();
        loadTested.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        loadTested.loadTests.add(new CommissioningSession.LoadTestResult("A", 2000, 1, "PASSED", 1990, 1,
                Instant.EPOCH));
        assertThat(only(loadTested.snapshot()).state()).isEqualTo(State.VERIFIED);
        assertThat(only(loadTested.snapshot()).left()).doesNotContain(Left.NOT_VERIFIED);
    }

    @Test
    void publishedThenProvisioned() {
        Built published = new Built();
        published.visits.add(visit("ZAP1", "A", true, List.of("pv"), null, null));
        DeviceProgress p = only(published.snapshot());
        assertThat(p.state()).isEqualTo(State.PUBLISHED);
        assertThat(p.left()).containsExactly(Left.NOT_PROVISIONED);
        assertThat(p.nextStep()).contains(Step.PROVISION);

        Built provisioned = new Built();
        provisioned.visits.add(visit("ZAP1", "A", true, List.of("pv"), RESULT, null));
        DeviceProgress done = only(provisioned.snapshot());
        assertThat(done.state()).isEqualTo(State.PROVISIONED);
        assertThat(done.left()).isEmpty();
        assertThat(done.nextStep()).isEmpty();
    }

    @Test
    void aRequestInTheOutboxIsQueuedEvenWithAnEarlierAnswer() {
        Built b = new Built();
        b.visits.add(visit("ZAP1", "A", true, List.of("pv"), RESULT, "obx-1"));
        DeviceProgress q = only(b.snapshot());
        assertThat(q.state()).isEqualTo(State.QUEUED);
        assertThat(q.left()).containsExactly(Left.WAITING_IN_OUTBOX);
        assertThat(q.nextStep()).contains(Step.DONE);
    }

    @Test
    void removedDevicesHaveNothingLeftAndOneRemovedThatWasOnTheZapBeforeIsListedToo() {
        Built b = new Built();
        b.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        b.removals.add(new CommissioningSession.Removal("ZAP1", "A", "sungrow", Instant.EPOCH));
        b.removals.add(new CommissioningSession.Removal("ZAP1", "OLD", "solis", Instant.EPOCH));
        List<DeviceProgress> devices = VisitProgress.of(b.snapshot()).get(0).devices();
        assertThat(devices).extracting(DeviceProgress::sn).containsExactly("A", "OLD");
        assertThat(devices).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(State.REMOVED);
            assertThat(d.left()).isEmpty();
        });
        assertThat(devices.get(1).device()).isEmpty();
        assertThat(devices.get(1).name()).isEqualTo("solis");
    }

    @Test
    void aDeviceAddedAgainAfterItWasRemovedIsNotRemoved() {
        Built b = new Built();
        b.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        b.removals.add(new CommissioningSession.Removal("ZAP1", "A", "sungrow", Instant.EPOCH));
        b.current = "ZAP1/A";
        DeviceProgress a = only(b.snapshot());
        assertThat(a.state()).isEqualTo(State.ADDED);
        assertThat(a.current()).isTrue();
    }

    @Test
    void aDeviceRemovedThenAddedAgainAndVerifiedIsPresentWhenAnotherDeviceIsCurrent() {
        Instant removedAt = Instant.parse("2026-12-06T10:00:00Z");
        Built b = new Built();
        b.visits.add(new DeviceVisit("ZAP1", device("A"), Optional.empty(), List.of(), Optional.of(
                new CommissioningSession.LiveSnapshot(removedAt.plusSeconds(60), List.of())), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        b.removals.add(new CommissioningSession.Removal("ZAP1", "A", "sungrow", removedAt));
        b.visits.add(visit("ZAP1", "B", false, List.of(), null, null));
        b.current = "ZAP1/B";
        DeviceProgress a = VisitProgress.of(b.snapshot()).get(0).devices().get(0);
        assertThat(a.sn()).isEqualTo("A");
        assertThat(a.state()).as("its live values were read after the removal").isEqualTo(State.VERIFIED);
        assertThat(a.left()).containsExactly(Left.NOTHING_PUBLISHED, Left.NOT_PROVISIONED);

        Built loadTested = new Built();
        loadTested.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        loadTested.removals.add(new CommissioningSession.Removal("ZAP1", "A", "sungrow", removedAt));
        loadTested.loadTests.add(new CommissioningSession.LoadTestResult("A", 2000, 1, "PASSED", 1990, 1,
                removedAt.plusSeconds(1)));
        assertThat(only(loadTested.snapshot()).state()).isEqualTo(State.VERIFIED);
    }

    @Test
    void aDeviceRemovedAfterItsWorkThatIsNotCurrentStaysRemoved() {
        Instant removedAt = Instant.parse("2026-12-06T10:00:00Z");
        Built b = new Built();
        b.visits.add(new DeviceVisit("ZAP1", device("A"), Optional.empty(), List.of("pv"), Optional.of(
                new CommissioningSession.LiveSnapshot(removedAt.minusSeconds(60), List.of())), Optional.empty(),
                Optional.of(RESULT), Optional.empty(), Optional.empty(), Optional.empty()));
        b.loadTests.add(new CommissioningSession.LoadTestResult("A", 2000, 1, "PASSED", 1990, 1,
                removedAt.minusSeconds(30)));
        b.removals.add(new CommissioningSession.Removal("ZAP1", "A", "sungrow", removedAt));
        b.visits.add(visit("ZAP1", "B", false, List.of(), null, null));
        b.current = "ZAP1/B";
        DeviceProgress a = VisitProgress.of(b.snapshot()).get(0).devices().get(0);
        assertThat(a.state()).isEqualTo(State.REMOVED);
        assertThat(a.left()).isEmpty();
        // The same device's removal on another Zap says nothing about this one.
        Built otherZap = new Built();
        otherZap.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        otherZap.removals.add(new CommissioningSession.Removal("ZAP2", "A", "sungrow", removedAt));
        assertThat(VisitProgress.of(otherZap.snapshot()).get(0).devices().get(0).state()).isEqualTo(State.ADDED);
    }

    @Test
    void perZapItsDevicesClaimAndWifiChanges() {
        Built b = new Built();
        b.earlierZaps.add(ZAP1); // chosen first, as a session records it
        b.gateway = new CommissioningSession.Gateway("ZAP2", URI.create("http://127.0.0.1:2"), "1.0");
        b.visits.add(visit("ZAP1", "A", true, List.of("pv"), RESULT, null));
        b.visits.add(visit("ZAP2", "B", false, List.of(), null, null));
        b.visits.add(visit("ZAP1", "C", false, List.of(), null, null));
        CommissioningSession.WifiChange joined = new CommissioningSession.WifiChange("ZAP2", "Site-WiFi",
                URI.create("http://127.0.0.1:3"), Instant.EPOCH);
        b.wifiChanges.add(joined);
        List<ZapProgress> zaps = VisitProgress.of(b.snapshot());
        assertThat(zaps).extracting(ZapProgress::serial).containsExactly("ZAP1", "ZAP2");
        assertThat(zaps.get(0).devices()).extracting(DeviceProgress::sn).containsExactly("A", "C");
        assertThat(zaps.get(0).claimedBy()).contains("org-1");
        assertThat(zaps.get(0).left()).isEmpty();
        assertThat(zaps.get(0).current()).isFalse();
        assertThat(zaps.get(0).wifiChanges()).isEmpty();
        assertThat(zaps.get(1).claimedBy()).isEmpty();
        assertThat(zaps.get(1).left()).containsExactly(Left.ZAP_NOT_CLAIMED);
        assertThat(zaps.get(1).current()).isTrue();
        assertThat(zaps.get(1).wifiChanges()).containsExactly(joined);
    }

    @Test
    void everyZapChosenInTheVisitIsListedInTheOrderChosenAlsoOneLeftWithoutDevices() {
        Built b = new Built();
        b.earlierZaps.add(new CommissioningSession.Gateway("ZAP0", URI.create("http://127.0.0.1:4"), "1.0"));
        b.visits.add(visit("ZAP1", "A", false, List.of(), null, null));

        assertThat(VisitProgress.of(b.snapshot())).extracting(ZapProgress::serial).containsExactly("ZAP0", "ZAP1");
        assertThat(VisitProgress.of(b.snapshot()).get(0).devices()).isEmpty();
        assertThat(VisitProgress.of(b.snapshot()).get(0).left()).containsExactly(Left.ZAP_NOT_CLAIMED);
    }

    @Test
    void aZapChosenWithoutDevicesIsListed() {
        Built b = new Built();
        assertThat(VisitProgress.of(b.snapshot())).singleElement().satisfies(z -> {
            assertThat(z.serial()).isEqualTo("ZAP1");
            assertThat(z.devices()).isEmpty();
        });
        b.gateway = null;
        assertThat(VisitProgress.of(b.snapshot())).isEmpty();
    }

    @Test
    void theSummaryNamesTheSiteCountsDevicesNotRemovedAndTheOutbox() {
        Built b = new Built();
        b.visits.add(visit("ZAP1", "A", true, List.of("pv"), RESULT, null));
        b.visits.add(visit("ZAP1", "B", true, List.of("pv"), null, "obx-1"));
        b.visits.add(visit("ZAP1", "C", false, List.of(), null, null));
        b.visits.add(visit("ZAP1", "D", false, List.of(), null, null));
        b.removals.add(new CommissioningSession.Removal("ZAP1", "D", "solis", Instant.EPOCH));
        assertThat(VisitProgress.summary(b.snapshot()))
                .as("no site chosen: the first Zap's serial").isEqualTo(new VisitProgress.Summary("ZAP1", 3, 1));
        b.site = new CommissioningSession.SiteChoice(Optional.of("sit-1"), "Villa Solsidan");
        assertThat(VisitProgress.summary(b.snapshot())).isEqualTo(new VisitProgress.Summary("Villa Solsidan", 3, 1));
        b.gateway = null;
        b.visits.clear();
        b.removals.clear();
        b.site = null;
        assertThat(VisitProgress.summary(b.snapshot())).isEqualTo(new VisitProgress.Summary("", 0, 0));
    }

    @Test
    void aResumedVisitGoesOnWhereItWas() {
        Built b = new Built();
        b.gateway = null;
        assertThat(VisitProgress.resumeAt(b.snapshot())).as("no Zap chosen").isEqualTo(Step.FIND);
        b.gateway = ZAP1;
        b.claims = Map.of();
        assertThat(VisitProgress.resumeAt(b.snapshot())).as("Zap not claimed").isEqualTo(Step.PREPARE);
        b.claims = Map.of("ZAP1", "org-1");
        assertThat(VisitProgress.resumeAt(b.snapshot())).as("claimed, no device").isEqualTo(Step.ADD);
        b.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        b.current = "ZAP1/A";
        assertThat(VisitProgress.resumeAt(b.snapshot())).isEqualTo(Step.VERIFY);
        b.visits.set(0, visit("ZAP1", "A", true, List.of("pv"), null, null));
        assertThat(VisitProgress.resumeAt(b.snapshot())).isEqualTo(Step.PROVISION);
        b.visits.set(0, visit("ZAP1", "A", true, List.of("pv"), null, "obx-1"));
        assertThat(VisitProgress.resumeAt(b.snapshot())).isEqualTo(Step.DONE);
        b.visits.set(0, visit("ZAP1", "A", true, List.of("pv"), RESULT, null));
        assertThat(VisitProgress.resumeAt(b.snapshot())).as("nothing left").isEqualTo(Step.DONE);
    }

    @Test
    void everyLeftNamesTheStepThatFinishesIt() {
        assertThat(Left.ZAP_NOT_CLAIMED.finishedOn()).isEqualTo(Step.PREPARE);
        assertThat(Left.NOT_VERIFIED.finishedOn()).isEqualTo(Step.VERIFY);
        assertThat(Left.NOTHING_PUBLISHED.finishedOn()).isEqualTo(Step.VERIFY);
        assertThat(Left.NOT_PROVISIONED.finishedOn()).isEqualTo(Step.PROVISION);
        assertThat(Left.WAITING_IN_OUTBOX.finishedOn()).isEqualTo(Step.DONE);
    }

    @Test
    void onlyWorkIsWorthResumingNotASignInOrAZapLookedAt() {
        CommissioningSession looked = new CommissioningSession();
        looked.technician("idt-1");
        looked.selectGateway(new CommissioningSession.Gateway("zap-1", URI.create("http://127.0.0.1:1"), "1"));
        looked.gatewayClaimed("zap-1", "org-1");
        assertThat(VisitProgress.worthResuming(looked.snapshot())).isFalse();

        CommissioningSession site = CommissioningSession.restore(looked.snapshot());
        site.siteChosen(new CommissioningSession.SiteChoice(Optional.empty(), "Villa Solsidan"));
        assertThat(VisitProgress.worthResuming(site.snapshot())).isTrue();

        CommissioningSession wifi = CommissioningSession.restore(looked.snapshot());
        wifi.wifiChanged(new CommissioningSession.WifiChange("zap-1", "Site", URI.create("http://127.0.0.1:2"),
                Instant.EPOCH));
        assertThat(VisitProgress.worthResuming(wifi.snapshot())).isTrue();
    }

    private static ControlHold hold(String zap, String sn) {
        return new ControlHold(zap, URI.create("http://127.0.0.1:1"), sn, ControlAction.CHARGE, Instant.EPOCH);
    }

    @Test
    void controlThatMayStillBeHeldIsLeftFirstUntilGivenBack() {
        Built b = new Built();
        b.visits.add(visit("ZAP1", "A", true, List.of("pv"), RESULT, null));
        b.visits.add(visit("ZAP1", "B", true, List.of("pv"), RESULT, null));
        b.current = "ZAP1/A";
        assertThat(VisitProgress.resumeAt(b.snapshot())).as("nothing left").isEqualTo(Step.DONE);

        b.holds.add(hold("ZAP1", "A"));
        b.holds.add(hold("ZAP2", "B")); // the same serial on another Zap is another device
        List<DeviceProgress> devices = VisitProgress.of(b.snapshot()).get(0).devices();
        assertThat(devices.get(0).left()).containsExactly(Left.CONTROL_MAY_BE_HELD);
        assertThat(devices.get(0).nextStep()).contains(Step.VERIFY);
        assertThat(devices.get(1).left()).isEmpty();
        assertThat(VisitProgress.resumeAt(b.snapshot())).isEqualTo(Step.VERIFY);

        Built unfinished = new Built();
        unfinished.visits.add(visit("ZAP1", "A", false, List.of(), null, null));
        unfinished.holds.add(hold("ZAP1", "A"));
        assertThat(only(unfinished.snapshot()).left()).as("before everything else left").containsExactly(
                Left.CONTROL_MAY_BE_HELD, Left.NOT_VERIFIED, Left.NOTHING_PUBLISHED, Left.NOT_PROVISIONED);
    }

    @Test
    void aVisitHoldingControlIsWorthResuming() {
        Built b = new Built();
        assertThat(VisitProgress.worthResuming(b.snapshot())).isFalse();
        b.holds.add(hold("ZAP1", "A"));
        assertThat(VisitProgress.worthResuming(b.snapshot())).isTrue();
    }
}
