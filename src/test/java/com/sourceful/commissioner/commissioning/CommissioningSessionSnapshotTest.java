package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;

/**
 * The session saved and resumed: its snapshot holds everything it holds, a session restored from it is the same
 * session (the same snapshot, the same answers, the same behaviour from then on), and every change is told.
 */
class CommissioningSessionSnapshotTest {

    static final CommissioningSession.Gateway ZAP1 = new CommissioningSession.Gateway("zap-1",
            URI.create("http://127.0.0.1:8081"), "1.4.2", true);
    static final CommissioningSession.Gateway ZAP2 = new CommissioningSession.Gateway("zap-2",
            URI.create("http://127.0.0.2:8082"), "1.5.0", false);
    static final PreflightResult PASSED = new PreflightResult(PreflightResult.Outcome.PASSED,
            PreflightResult.Reason.MODBUS_EXCEPTION, "127.0.0.1:502", OptionalInt.of(2), "exception 2");
    static final CommissioningSession.Identity SCANNED = new CommissioningSession.Identity(Optional.of("Sungrow"),
            Optional.of("SH10RT"), Optional.of("A2231"));
    static final CommissioningSession.Identity ZAP_READ = new CommissioningSession.Identity(Optional.of("Sungrow"),
            Optional.empty(), Optional.of("A2231"));

    static CommissioningSession.Device device(String sn) {
        return new CommissioningSession.Device(sn, "sungrow", "inverters", "Sungrow " + sn,
                DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", 502)),
                List.of(new Der("pv", true, OptionalDouble.of(10_000), OptionalDouble.empty(), OptionalDouble.empty()),
                        new Der("battery", false)));
    }

    static ProvisionResult result(String sn, int n) {
        return new ProvisionResult(n % 2 == 0, "dev-" + n, sn, "sit-1", "pending",
                List.of(new ProvisionResult.ProvisionedDer("der-" + n, "PV " + n, "solar")));
    }

    static CommissioningSession.LoadTestResult loadTest(String sn, int n) {
        return new CommissioningSession.LoadTestResult(sn, 2000 + n, 1 + n % 3, "PASSED", 1980.5, 1,
                Instant.ofEpochSecond(1000 + n), 2100, -120, 0.5, 0, List.of(new LoadTest.DerId("pv", sn)), n % 2 == 1);
    }

    static CommissioningSession.LiveSnapshot live(int n) {
        return new CommissioningSession.LiveSnapshot(Instant.ofEpochSecond(2000 + n), List.of(
                new CommissioningSession.DerLive("pv", "PV", Instant.ofEpochSecond(1990 + n),
                        List.of(new CommissioningSession.LiveValue("Power", "-" + n + ".00 kW")))));
    }

    static ControlResult controlCheck(String zap, String sn, int n) {
        return new ControlResult(zap, sn, ControlAction.CHARGE, 1000 + n, 30, ControlResult.Outcome.FOLLOWED,
                ControlResult.Stop.HELD, ControlResult.Limited.NONE, -20, OptionalDouble.of(990),
                OptionalDouble.of(4.5), OptionalDouble.of(1005), OptionalDouble.empty(), OptionalDouble.of(0.5),
                OptionalDouble.of(0.51), 12, Instant.ofEpochSecond(4000 + n), Instant.ofEpochSecond(4030 + n),
                Optional.empty(), n % 2 == 0, n % 2 == 0 ? Optional.empty() : Optional.of("deinit: 503"));
    }

    static ControlHold hold(String zap, String sn, int n) {
        return new ControlHold(zap, URI.create("http://127.0.0.1:" + (8000 + n)), sn,
                n % 2 == 0 ? ControlAction.DISCHARGE : ControlAction.LIMIT_PV, Instant.ofEpochSecond(5000 + n));
    }

    /** A session with something in every field of its snapshot, on two Zaps. */
    static CommissioningSession everything() {
        CommissioningSession s = new CommissioningSession();
        s.technician("idt-7");
        s.selectGateway(ZAP1);
        s.gatewayClaimed("zap-1", "org-1");
        s.siteChosen(new CommissioningSession.SiteChoice(Optional.of("sit-1"), "Villa Solsidan"));
        s.preflightChecked(PASSED);
        s.identityFound(SCANNED);
        s.deviceAdded(device("A"));
        s.identityChecked("A", new IdentityCheck(IdentityCheck.Outcome.SAME, Optional.of(SCANNED),
                Optional.of(SCANNED), "read 5000-5010"));
        s.publishedDers(List.of("pv", "battery"));
        s.liveSnapshot("A", live(1));
        s.chartImage("A", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        s.recordLoadTest(loadTest("A", 1));
        s.controlTaken(hold("zap-1", "A", 1));
        s.recordControlCheck(controlCheck("zap-1", "A", 1));
        s.controlTaken(hold("zap-1", "OTHER", 2));
        s.controlReleased(hold("zap-1", "OTHER", 3));
        s.provisioned(result("A", 1));
        s.provisionQueued("obx-1");
        s.wifiChanged(new CommissioningSession.WifiChange("zap-1", "Site-WiFi", URI.create("http://127.0.0.1:9090"),
                Instant.ofEpochSecond(3000)));
        s.deviceRemoved("OLD", "solis", Instant.ofEpochSecond(3100));
        s.selectGateway(ZAP2);
        s.deviceAdded(device("B"));
        s.identityChecked("B", new IdentityCheck(IdentityCheck.Outcome.READ, Optional.empty(), Optional.of(ZAP_READ),
                "read through the Zap"));
        s.provisioned(result("B", 2));
        s.startNextDevice();
        s.deviceAdded(device("C"));
        s.publishedDers(List.of("pv"));
        return s;
    }

    @Test
    void theSnapshotHoldsEverythingAndARestoredSessionIsTheSame() {
        CommissioningSession s = everything();
        Snapshot saved = s.snapshot();

        assertThat(saved.gateway()).contains(ZAP2);
        assertThat(saved.gateways()).as("every Zap of the visit, in the order first chosen").containsExactly(ZAP1,
                ZAP2);
        assertThat(s.gateways()).isEqualTo(saved.gateways());
        assertThat(saved.site()).contains(new CommissioningSession.SiteChoice(Optional.of("sit-1"), "Villa Solsidan"));
        assertThat(saved.visits()).extracting(v -> v.gatewaySerial() + "/" + v.device().sn())
                .containsExactly("zap-1/A", "zap-2/B", "zap-2/C");
        assertThat(saved.currentDevice()).contains("zap-2/C");
        assertThat(saved.loadTests()).containsExactly(loadTest("A", 1));
        assertThat(saved.controlChecks()).containsExactly(controlCheck("zap-1", "A", 1));
        assertThat(saved.controlHolds()).as("OTHER's given back, A's not").containsExactly(hold("zap-1", "A", 1));
        assertThat(saved.removals()).containsExactly(new CommissioningSession.Removal("zap-1", "OLD", "solis",
                Instant.ofEpochSecond(3100)));
        assertThat(saved.wifiChanges()).extracting(CommissioningSession.WifiChange::ssid).containsExactly("Site-WiFi");
        assertThat(saved.claims()).isEqualTo(Map.of("zap-1", "org-1"));
        assertThat(saved.technician()).contains("idt-7");
        assertThat(saved.history()).containsExactly(result("A", 1), result("B", 2));
        DeviceVisit a = saved.visits().get(0);
        assertThat(a.preflight()).contains(PASSED);
        assertThat(a.identity()).contains(SCANNED);
        assertThat(a.identityCheck().map(IdentityCheck::outcome)).contains(IdentityCheck.Outcome.SAME);
        assertThat(a.publishedDers()).containsExactly("pv", "battery");
        assertThat(a.live()).contains(live(1));
        assertThat(a.chartPng().orElseThrow()).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(a.provisionResult()).contains(result("A", 1));
        assertThat(a.queuedOutboxId()).contains("obx-1");
        assertThat(saved.visits().get(1).identity()).as("the Zap's reading fills in").contains(ZAP_READ);

        CommissioningSession restored = CommissioningSession.restore(saved);
        assertThat(restored.snapshot()).isEqualTo(saved);
        sameAnswers(restored, s);

        // Back on zap-1 after the crash, its device A answers as before it.
        s.selectGateway(ZAP1);
        s.deviceAdded(device("A"));
        restored.selectGateway(ZAP1);
        restored.deviceAdded(device("A"));
        sameAnswers(restored, s);
        assertThat(restored.queuedOutboxId()).contains("obx-1");
        assertThat(restored.provisionResult()).as("queued: its earlier answer is not the current one").isEmpty();
        assertThat(restored.identityCheck().map(IdentityCheck::outcome)).contains(IdentityCheck.Outcome.SAME);
        assertThat(restored.snapshot()).isEqualTo(s.snapshot());
    }

    @Test
    void aRestoredSessionSharesNoChartWithItsSnapshot() {
        Snapshot saved = everything().snapshot();
        byte[] chart = saved.visits().get(0).chartPng().orElseThrow();
        CommissioningSession restored = CommissioningSession.restore(saved);
        chart[0] = 0;
        assertThat(restored.visits().get(0).chartPng().orElseThrow()[0]).isEqualTo((byte) 0x89);
        assertThat(restored.snapshot()).isNotEqualTo(saved);
    }

    @Test
    void visitsAreEqualByTheirChartsBytes() {
        DeviceVisit v = everything().visits().get(0);
        DeviceVisit same = new DeviceVisit(v.gatewaySerial(), v.device(), v.preflight(), v.publishedDers(), v.live(),
                v.chartPng().map(byte[]::clone), v.provisionResult(), v.queuedOutboxId(), v.identityCheck(),
                v.identity());
        DeviceVisit other = new DeviceVisit(v.gatewaySerial(), v.device(), v.preflight(), v.publishedDers(), v.live(),
                Optional.of(new byte[] {1}), v.provisionResult(), v.queuedOutboxId(), v.identityCheck(),
                v.identity());
        assertThat(same).isEqualTo(v).hasSameHashCodeAs(v);
        assertThat(other).isNotEqualTo(v);
        assertThat(new DeviceVisit(v.gatewaySerial(), v.device(), v.preflight(), v.publishedDers(), v.live(),
                Optional.empty(), v.provisionResult(), v.queuedOutboxId(), v.identityCheck(), v.identity()))
                .isNotEqualTo(v);
    }

    @Test
    void everyZapOfTheVisitIsKeptInTheOrderFirstChosenAsLastSeen() {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(ZAP1);
        s.selectGateway(ZAP2);
        CommissioningSession.Gateway movedZap1 = new CommissioningSession.Gateway("zap-1",
                URI.create("http://127.0.0.1:9090"), "1.4.3", true);
        s.selectGateway(movedZap1);
        assertThat(s.gateway()).contains(movedZap1);
        assertThat(s.gateways()).as("zap-1 first, at its new address").containsExactly(movedZap1, ZAP2);
        assertThat(CommissioningSession.restore(s.snapshot()).gateways()).containsExactly(movedZap1, ZAP2);
    }

    @Test
    void aSnapshotOfTodaysShapeHasItsOneZapAndTheChosenZapIsAlwaysAmongThem() {
        Snapshot one = new Snapshot(Optional.of(ZAP1), Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of(), List.of(), Map.of(), Optional.empty(), List.of());
        assertThat(one.gateways()).containsExactly(ZAP1);
        assertThat(new Snapshot(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(),
                List.of(), Map.of(), Optional.empty(), List.of()).gateways()).isEmpty();
        CommissioningSession.Gateway newer = new CommissioningSession.Gateway("zap-1",
                URI.create("http://127.0.0.1:9090"), "1.5.0", true);
        Snapshot listed = new Snapshot(Optional.of(newer), Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of(), List.of(), Map.of(), Optional.empty(), List.of(), List.of(ZAP1, ZAP2));
        assertThat(listed.gateways()).as("the chosen one as it is now, in its place").containsExactly(newer, ZAP2);
        assertThat(listed.gatewayOf("zap-2")).contains(ZAP2);
        assertThatThrownBy(() -> new Snapshot(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                List.of(), List.of(), List.of(), Map.of(), Optional.empty(), List.of(), List.of(ZAP1, ZAP1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zap-1");
    }

    @Test
    void aSnapshotNoSessionCouldHaveMadeIsRefused() {
        Snapshot saved = everything().snapshot();
        List<DeviceVisit> twice = new ArrayList<>(saved.visits());
        twice.add(saved.visits().get(0));
        assertThatThrownBy(() -> CommissioningSession.restore(new Snapshot(saved.gateway(), saved.site(), twice,
                saved.currentDevice(), saved.loadTests(), saved.removals(), saved.wifiChanges(), saved.claims(),
                saved.technician(), saved.history()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zap-1/A");
        assertThatThrownBy(() -> CommissioningSession.restore(new Snapshot(saved.gateway(), saved.site(),
                saved.visits(), Optional.of("zap-9/X"), saved.loadTests(), saved.removals(), saved.wifiChanges(),
                saved.claims(), saved.technician(), saved.history()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zap-9/X");
    }

    static void sameAnswers(CommissioningSession actual, CommissioningSession expected) {
        assertThat(actual.gateway()).isEqualTo(expected.gateway());
        assertThat(actual.gateways()).isEqualTo(expected.gateways());
        assertThat(actual.device()).isEqualTo(expected.device());
        assertThat(actual.publishedDers()).isEqualTo(expected.publishedDers());
        assertThat(actual.provisionResult()).isEqualTo(expected.provisionResult());
        assertThat(actual.queuedOutboxId()).isEqualTo(expected.queuedOutboxId());
        assertThat(actual.identity()).isEqualTo(expected.identity());
        assertThat(actual.identityCheck()).isEqualTo(expected.identityCheck());
        assertThat(actual.visits()).isEqualTo(expected.visits());
        assertThat(actual.loadTests()).isEqualTo(expected.loadTests());
        assertThat(actual.controlChecks()).isEqualTo(expected.controlChecks());
        assertThat(actual.controlHolds()).isEqualTo(expected.controlHolds());
        assertThat(actual.removals()).isEqualTo(expected.removals());
        assertThat(actual.history()).isEqualTo(expected.history());
        assertThat(actual.technician()).isEqualTo(expected.technician());
        assertThat(actual.wifiChanges()).isEqualTo(expected.wifiChanges());
        assertThat(actual.site()).isEqualTo(expected.site());
        for (String serial : List.of("zap-1", "zap-2", "zap-3")) {
            assertThat(actual.claimedBy(serial)).isEqualTo(expected.claimedBy(serial));
        }
    }

    // ---- every change is told -------------------------------------------------------------------------------

    /** Each public mutator, called once on a session with a current device on zap-1. */
    static Map<String, Consumer<CommissioningSession>> mutators() {
        Map<String, Consumer<CommissioningSession>> m = new LinkedHashMap<>();
        m.put("selectGateway", s -> s.selectGateway(ZAP2));
        m.put("deviceAdded", s -> s.deviceAdded(device("B")));
        m.put("publishedDers", s -> s.publishedDers(List.of("pv")));
        m.put("provisioned", s -> s.provisioned(result("A", 1)));
        m.put("provisionQueued", s -> s.provisionQueued("obx-1"));
        m.put("recordLoadTest", s -> s.recordLoadTest(loadTest("A", 1)));
        m.put("recordControlCheck", s -> s.recordControlCheck(controlCheck("zap-1", "A", 1)));
        m.put("controlTaken", s -> s.controlTaken(hold("zap-1", "B", 1)));
        // The session the mutators start from holds control of A on zap-1 (its hold a moment earlier).
        m.put("controlReleased", s -> s.controlReleased(hold("zap-1", "A", 9)));
        m.put("liveSnapshot", s -> s.liveSnapshot("A", live(1)));
        m.put("chartImage", s -> s.chartImage("A", new byte[] {1}));
        m.put("gatewayClaimed", s -> s.gatewayClaimed("zap-1", "org-1"));
        m.put("technician", s -> s.technician("idt-1"));
        m.put("deviceRemoved", s -> s.deviceRemoved("A", "sungrow", Instant.EPOCH));
        m.put("startNextDevice", CommissioningSession::startNextDevice);
        m.put("identityChecked", s -> s.identityChecked("A", new IdentityCheck(IdentityCheck.Outcome.READ,
                Optional.empty(), Optional.of(ZAP_READ), "z")));
        m.put("wifiChanged", s -> s.wifiChanged(new CommissioningSession.WifiChange("zap-1", "Site",
                URI.create("http://127.0.0.1:1"), Instant.EPOCH)));
        m.put("siteChosen", s -> s.siteChosen(new CommissioningSession.SiteChoice(Optional.empty(), "Solsidan")));
        m.put("resumeFrom", s -> {
            CommissioningSession other = new CommissioningSession();
            other.selectGateway(ZAP2);
            other.technician("idt-9");
            s.resumeFrom(other.snapshot());
        });
        return m;
    }

    /** The form's pending checks: not in the snapshot until their device is added, so not a change to save. */
    static final Set<String> NOT_TOLD = Set.of("preflightChecked", "identityFound", "addChangeListener");

    @Test
    void everyPublicMutatorIsInTheListOfThoseTold() {
        Set<String> publicVoid = Arrays.stream(CommissioningSession.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == void.class).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = new TreeSet<>(mutators().keySet());
        covered.addAll(NOT_TOLD);
        assertThat(covered).as("a new mutator must tell the listeners and be listed here").isEqualTo(publicVoid);
    }

    @Test
    void everyMutatorTellsTheListenersOnceAfterTheChange() {
        for (Map.Entry<String, Consumer<CommissioningSession>> mutator : mutators().entrySet()) {
            CommissioningSession s = new CommissioningSession();
            s.selectGateway(ZAP1);
            s.deviceAdded(device("A"));
            s.controlTaken(hold("zap-1", "A", 0));
            Snapshot before = s.snapshot();
            AtomicInteger told = new AtomicInteger();
            List<Snapshot> seen = new ArrayList<>();
            s.addChangeListener(told::incrementAndGet);
            s.addChangeListener(() -> seen.add(s.snapshot()));
            mutator.getValue().accept(s);
            assertThat(told).as(mutator.getKey() + " tells once").hasValue(1);
            assertThat(seen.get(0)).as(mutator.getKey() + " has changed when it tells").isEqualTo(s.snapshot())
                    .isNotEqualTo(before);
        }
        CommissioningSession s = new CommissioningSession();
        AtomicInteger told = new AtomicInteger();
        s.addChangeListener(told::incrementAndGet);
        s.preflightChecked(PASSED);
        s.identityFound(SCANNED);
        assertThat(told).hasValue(0);
    }

    // ---- random sessions ------------------------------------------------------------------------------------

    /** One call of a public mutator, named for the failure report. */
    record Op(String name, Consumer<CommissioningSession> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> SNS = List.of("A", "B", "C");

    static Op op(RandomGenerator r) {
        String sn = SNS.get(r.nextInt(SNS.size()));
        int n = r.nextInt(100);
        return switch (r.nextInt(20)) {
            case 0 -> {
                CommissioningSession.Gateway g = r.nextBoolean() ? ZAP1 : r.nextBoolean() ? ZAP2
                        : new CommissioningSession.Gateway("zap-1", URI.create("http://127.0.0.1:" + (9000 + n)),
                        "1.4.2", r.nextBoolean());
                yield new Op("selectGateway(" + g + ")", s -> s.selectGateway(g));
            }
            case 1, 2 -> new Op("deviceAdded(" + sn + ")", s -> s.deviceAdded(device(sn)));
            case 3 -> {
                List<String> ders = r.nextBoolean() ? List.of("pv") : List.of("pv", "battery");
                yield new Op("publishedDers(" + ders + ")", s -> s.publishedDers(ders));
            }
            case 4 -> new Op("provisioned(" + sn + n + ")", s -> s.provisioned(result(sn, n)));
            case 5 -> new Op("provisionQueued(obx-" + n + ")", s -> s.provisionQueued("obx-" + n));
            case 6 -> new Op("recordLoadTest(" + sn + n + ")", s -> s.recordLoadTest(loadTest(sn, n)));
            case 7 -> new Op("liveSnapshot(" + sn + n + ")", s -> s.liveSnapshot(sn, live(n)));
            case 8 -> {
                byte[] png = new byte[r.nextInt(8)];
                r.nextBytes(png);
                yield new Op("chartImage(" + sn + Arrays.toString(png) + ")", s -> s.chartImage(sn, png));
            }
            case 9 -> new Op("gatewayClaimed(zap-" + n % 3 + ")", s -> s.gatewayClaimed("zap-" + n % 3, "org-" + n));
            case 10 -> new Op("technician(idt-" + n + ")", s -> s.technician("idt-" + n));
            case 11 -> {
                String profile = r.nextBoolean() ? null : "sungrow";
                yield new Op("deviceRemoved(" + sn + ")", s -> s.deviceRemoved(sn, profile, Instant.ofEpochSecond(n)));
            }
            case 12 -> new Op("startNextDevice", CommissioningSession::startNextDevice);
            case 13 -> {
                IdentityCheck.Outcome[] outcomes = IdentityCheck.Outcome.values();
                IdentityCheck.Outcome outcome = outcomes[n % outcomes.length];
                yield new Op("identityChecked(" + sn + "," + outcome + ")", s -> s.identityChecked(sn,
                        new IdentityCheck(outcome, Optional.empty(), Optional.of(ZAP_READ), "e" + n)));
            }
            case 14 -> new Op("wifiChanged(" + n + ")", s -> s.wifiChanged(new CommissioningSession.WifiChange(
                    "zap-" + n % 3, "Net-" + n, URI.create("http://127.0.0.1:" + (9000 + n)),
                    Instant.ofEpochSecond(n))));
            case 15 -> new Op("siteChosen(" + n + ")", s -> s.siteChosen(new CommissioningSession.SiteChoice(
                    n % 2 == 0 ? Optional.of("sit-" + n) : Optional.empty(), "Site " + n)));
            case 16 -> new Op("recordControlCheck(" + sn + n + ")",
                    s -> s.recordControlCheck(controlCheck("zap-" + n % 3, sn, n)));
            case 17 -> new Op("controlTaken(" + sn + n + ")", s -> s.controlTaken(hold("zap-" + n % 3, sn, n)));
            case 18 -> new Op("controlReleased(" + sn + n + ")",
                    s -> s.controlReleased(hold("zap-" + n % 3, sn, n)));
            default -> r.nextBoolean() ? new Op("preflightChecked", s -> s.preflightChecked(PASSED))
                    : new Op("identityFound", s -> s.identityFound(SCANNED));
        };
    }

    /** A visit up to the crash and what is done after it, as random calls of the public mutators. */
    record Run(List<Op> beforeCrash, List<Op> afterCrash) {
    }

    static Gen<Run> runs() {
        return (r, size) -> {
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            int n = r.nextInt(1 + size / 2) + 1;
            for (int i = 0; i < n; i++) {
                before.add(op(r));
            }
            int m = r.nextInt(1 + size / 4);
            for (int i = 0; i < m; i++) {
                after.add(op(r));
            }
            return new Run(before, after);
        };
    }

    @Test
    void aRandomSessionRestoredIsTheSameAndGoesOnTheSame() {
        Props.forAll(500, runs(), run -> {
            CommissioningSession s = new CommissioningSession();
            run.beforeCrash().forEach(op -> op.apply().accept(s));
            Snapshot saved = s.snapshot();
            CommissioningSession restored = CommissioningSession.restore(saved);
            assertThat(restored.snapshot()).isEqualTo(saved);
            sameAnswers(restored, s);
            // A crash drops the form: what it held for a device not yet added is not saved.
            s.preflightChecked(null);
            s.identityFound(null);
            for (Op op : run.afterCrash()) {
                op.apply().accept(s);
                op.apply().accept(restored);
                assertThat(restored.snapshot()).as("after " + op).isEqualTo(s.snapshot());
            }
            sameAnswers(restored, s);
        });
    }

    @Test
    void resumingInPlaceIsTheSavedSessionAndAnInconsistentOneChangesNothing() {
        CommissioningSession saved = new CommissioningSession();
        saved.selectGateway(ZAP1);
        saved.deviceAdded(device("A"));
        saved.publishedDers(List.of("pv"));
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(ZAP2);
        s.preflightChecked(PASSED);
        s.identityFound(SCANNED);

        s.resumeFrom(saved.snapshot());
        assertThat(s.snapshot()).isEqualTo(saved.snapshot());
        s.deviceAdded(device("B"));
        assertThat(s.identity()).as("the form's scan result before resuming is dropped").isEmpty();

        Snapshot before = s.snapshot();
        Snapshot broken = new Snapshot(before.gateway(), before.site(), before.visits(), Optional.of("zap-9/NONE"),
                before.loadTests(), before.removals(), before.wifiChanges(), before.claims(), before.technician(),
                before.history());
        assertThatThrownBy(() -> s.resumeFrom(broken))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.snapshot()).as("unchanged").isEqualTo(before);
    }

    @Test
    void aHoldIsKeptPerDeviceOfAZapUntilItIsGivenBackAndSurvivesARestore() {
        CommissioningSession s = new CommissioningSession();
        s.controlTaken(hold("zap-1", "A", 1));
        s.controlTaken(hold("zap-2", "A", 2));
        s.controlTaken(hold("zap-1", "B", 3));
        s.controlTaken(hold("zap-1", "A", 4));
        assertThat(s.controlHolds()).as("taken again: the newer hold in place of the older")
                .containsExactly(hold("zap-2", "A", 2), hold("zap-1", "B", 3), hold("zap-1", "A", 4));

        CommissioningSession restored = CommissioningSession.restore(s.snapshot());
        assertThat(restored.controlHolds()).isEqualTo(s.controlHolds());

        // Released with the hold the check had: another action or time, the same device on the same Zap.
        restored.controlReleased(hold("zap-1", "A", 7));
        assertThat(restored.controlHolds()).as("the same serial on another Zap is another device")
                .containsExactly(hold("zap-2", "A", 2), hold("zap-1", "B", 3));
        restored.recordControlCheck(controlCheck("zap-1", "A", 1));
        restored.recordControlCheck(controlCheck("zap-1", "A", 2));
        assertThat(CommissioningSession.restore(restored.snapshot()).controlChecks())
                .containsExactly(controlCheck("zap-1", "A", 1), controlCheck("zap-1", "A", 2));
    }
}
