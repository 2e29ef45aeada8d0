package com.sourceful.commissioner.commissioning;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/**
 * What the technician has done so far on one Zap, carried from step to step. Never holds a token or a password
 * (the device config kept here is the redacted one).
 *
 * <p>Not thread-safe: it lives on the JavaFX thread. Every change calls the change listeners on that thread, after
 * the change, so a {@link #snapshot()} taken there holds it (the visit is saved after every change).
 */
public final class CommissioningSession {

    /** The Zap being worked on: its serial is Novacore's {@code gateway_serial}. */
    // serialConfirmed: false when the serial was derived from deviceId (no /api/crypto); Provision asks to check it.
    public record Gateway(String serial, URI baseUri, String firmwareVersion, boolean serialConfirmed) {

        /** A gateway whose serial came from its {@code /api/crypto}. */
        public Gateway(String serial, URI baseUri, String firmwareVersion) {
            this(serial, baseUri, firmwareVersion, true);
        }
    }

    /** A device added to the Zap in this session. */
    public record Device(String sn, String profile, String groupOfProfile, String displayName, DeviceConfig config,
                         List<Der> ders) {

        public static Device of(AddedDevice added, String profile, ProfileCatalogue.Group group, String displayName,
                                DeviceConfig config) {
            return new Device(added.sn(), profile, group.zapGroup(), displayName, config, added.ders());
        }

        public ProfileCatalogue.Group group() {
            return ProfileCatalogue.Group.ofZapGroup(groupOfProfile);
        }
    }

    /**
     * A guided load test on a device's meter, kept for the hand-over report. Changes are against the baseline taken
     * with the load off, W.
     *
     * @param outcome            the load test's verdict (PASSED, WRONG_PHASE, NO_LOAD, METER_REVERSED, INCONCLUSIVE)
     * @param measuredDeltaWatts the house's consumption change: the meter minus PV, battery and charger
     * @param measuredPhase      1..3 where the consumption changed most, 0 when the meter has no phase data
     * @param counted            the PV, batteries and chargers taken into account, whichever device reports them
     * @param evenSpreadAssumed  some of them had no phase data and were taken as spread evenly over L1–L3
     */
    public record LoadTestResult(String deviceSn, double expectedWatts, int expectedPhase, String outcome,
                                 double measuredDeltaWatts, int measuredPhase, Instant at, double meterDeltaWatts,
                                 double pvDeltaWatts, double batteryDeltaWatts, double v2xDeltaWatts,
                                 List<LoadTest.DerId> counted, boolean evenSpreadAssumed) {
        public LoadTestResult {
            counted = List.copyOf(counted);
        }

        /** A result on a site with nothing but the meter: its change is the consumption's. */
        public LoadTestResult(String deviceSn, double expectedWatts, int expectedPhase, String outcome,
                              double measuredDeltaWatts, int measuredPhase, Instant at) {
            this(deviceSn, expectedWatts, expectedPhase, outcome, measuredDeltaWatts, measuredPhase, at,
                    measuredDeltaWatts, 0, 0, 0, List.of(), false);
        }
    }

    /** One value of a DER as the Verify step showed it, e.g. "Power" / "-3.20 kW". */
    public record LiveValue(String label, String value) {
    }

    /** A DER's latest values when the technician left the Verify step; {@code readingAt} is the reading's own time. */
    public record DerLive(String type, String label, Instant readingAt, List<LiveValue> values) {
        public DerLive {
            values = List.copyOf(values);
        }
    }

    /** The live values of one device's DERs, taken when the technician left the Verify step. */
    public record LiveSnapshot(Instant takenAt, List<DerLive> ders) {
        public LiveSnapshot {
            ders = List.copyOf(ders);
        }
    }

    /**
     * Everything done with one device in this session, for the hand-over report: the device (config redacted), its
     * preflight, the DERs published, the live values and chart image from Verify, and Novacore's answer or the
     * outbox entry. Immutable; {@link #visits()} makes them.
     */
    public record DeviceVisit(String gatewaySerial, Device device, Optional<PreflightResult> preflight,
                              List<String> publishedDers, Optional<LiveSnapshot> live, Optional<byte[]> chartPng,
                              Optional<ProvisionResult> provisionResult, Optional<String> queuedOutboxId,
                              Optional<IdentityCheck> identityCheck, Optional<Identity> identity) {

        /** Equal with a chart of the same bytes: a visit read back from its file is the visit saved. */
        @Override
        public boolean equals(Object o) {
            return o instanceof DeviceVisit v && Objects.equals(gatewaySerial, v.gatewaySerial)
                    && Objects.equals(device, v.device) && Objects.equals(preflight, v.preflight)
                    && Objects.equals(publishedDers, v.publishedDers) && Objects.equals(live, v.live)
                    && sameChart(chartPng, v.chartPng) && Objects.equals(provisionResult, v.provisionResult)
                    && Objects.equals(queuedOutboxId, v.queuedOutboxId)
                    && Objects.equals(identityCheck, v.identityCheck) && Objects.equals(identity, v.identity);
        }

        @Override
        public int hashCode() {
            int chart = chartPng == null ? 0 : chartPng.map(Arrays::hashCode).orElse(-1);
            return Objects.hash(gatewaySerial, device, preflight, publishedDers, live, chart, provisionResult,
                    queuedOutboxId, identityCheck, identity);
        }

        private static boolean sameChart(Optional<byte[]> a, Optional<byte[]> b) {
            if (a == null || b == null) {
                return a == b;
            }
            return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
        }
    }

    /** What a device said about itself when the LAN scan found it (its own registers), carried on to Provision. */
    public record Identity(Optional<String> manufacturer, Optional<String> model, Optional<String> serial) {
    }

    /** The Zap joined another network on the Prepare step and was followed to its new address. */
    public record WifiChange(String gatewaySerial, String ssid, URI newAddress, Instant at) {
    }

    /** The site the devices are provisioned to: Novacore's, when chosen there, else a name typed on site. */
    public record SiteChoice(Optional<String> novacoreSiteId, String name) {
    }

    /**
     * Everything the session holds, to save after every change and to resume from after a crash (never a token,
     * password or key: device configs are the redacted ones). The form's pending preflight and scan result are not
     * kept: they belong to a device not yet added.
     *
     * @param currentDevice the device being commissioned as {@code "<zap serial>/<device sn>"}, empty when none
     * @param claims        the organisation each Zap is known to be claimed by, by Zap serial
     * @param gateways      every Zap selected in the visit, in the order first selected, each as last known (its
     *                      latest address and firmware); the chosen {@code gateway} is always among them (put in, or
     *                      in place of the entry with its serial)
     * @param controlChecks every control check of the visit, oldest first
     * @param controlHolds  control taken of a device and not yet seen given back: after a crash, what may still be
     *                      steered and where to release it
     * @throws IllegalArgumentException when two of {@code gateways} have the same serial
     */
    public record Snapshot(Optional<Gateway> gateway, Optional<SiteChoice> site, List<DeviceVisit> visits,
                           Optional<String> currentDevice, List<LoadTestResult> loadTests, List<Removal> removals,
                           List<WifiChange> wifiChanges, Map<String, String> claims, Optional<String> technician,
                           List<ProvisionResult> history, List<Gateway> gateways, List<ControlResult> controlChecks,
                           List<ControlHold> controlHolds) {
        public Snapshot {
            visits = List.copyOf(visits);
            loadTests = List.copyOf(loadTests);
            controlChecks = List.copyOf(controlChecks);
            controlHolds = List.copyOf(controlHolds);
            removals = List.copyOf(removals);
            wifiChanges = List.copyOf(wifiChanges);
            claims = Map.copyOf(claims);
            history = List.copyOf(history);
            gateways = withChosen(gateways, gateway);
        }

        /** A snapshot without control checks (a record of before them). */
        public Snapshot(Optional<Gateway> gateway, Optional<SiteChoice> site, List<DeviceVisit> visits,
                        Optional<String> currentDevice, List<LoadTestResult> loadTests, List<Removal> removals,
                        List<WifiChange> wifiChanges, Map<String, String> claims, Optional<String> technician,
                        List<ProvisionResult> history, List<Gateway> gateways) {
            this(gateway, site, visits, currentDevice, loadTests, removals, wifiChanges, claims, technician, history,
                    gateways, List.of(), List.of());
        }

        /** A snapshot of one Zap at most: {@code gateways} is the chosen one (a record of before several Zaps). */
        public Snapshot(Optional<Gateway> gateway, Optional<SiteChoice> site, List<DeviceVisit> visits,
                        Optional<String> currentDevice, List<LoadTestResult> loadTests, List<Removal> removals,
                        List<WifiChange> wifiChanges, Map<String, String> claims, Optional<String> technician,
                        List<ProvisionResult> history) {
            this(gateway, site, visits, currentDevice, loadTests, removals, wifiChanges, claims, technician, history,
                    List.of());
        }

        /** The Zap of the visit with this serial, as last known. */
        public Optional<Gateway> gatewayOf(String serial) {
            return gateways.stream().filter(g -> g.serial().equals(serial)).findFirst();
        }

        private static List<Gateway> withChosen(List<Gateway> gateways, Optional<Gateway> chosen) {
            Map<String, Gateway> bySerial = new LinkedHashMap<>();
            for (Gateway g : gateways) {
                if (bySerial.putIfAbsent(Objects.requireNonNull(g, "gateway").serial(), g) != null) {
                    throw new IllegalArgumentException("two Zaps with serial " + g.serial());
                }
            }
            // The chosen Zap as it is now: a newer address or firmware than its entry's replaces it in place.
            chosen.ifPresent(g -> bySerial.put(g.serial(), g));
            return List.copyOf(bySerial.values());
        }
    }

    /** A device the technician removed from a Zap in this session; it may have been on the Zap before the visit. */
    public record Removal(String gatewaySerial, String sn, String profile, Instant at) {
    }

    /** The mutable side of a {@link DeviceVisit}: the one record of what was done with a device in this session. */
    private static final class Visit {
        String gatewaySerial;
        Device device;
        PreflightResult preflight;
        List<String> published = List.of();
        LiveSnapshot live;
        byte[] chartPng;
        ProvisionResult result;
        String outboxId;
        Identity identity;
        IdentityCheck identityCheck;

        DeviceVisit freeze() {
            return new DeviceVisit(gatewaySerial, device, Optional.ofNullable(preflight), published,
                    Optional.ofNullable(live), Optional.ofNullable(chartPng).map(byte[]::clone),
                    Optional.ofNullable(result), Optional.ofNullable(outboxId), Optional.ofNullable(identityCheck),
                    Optional.ofNullable(identity));
        }

        static Visit thaw(DeviceVisit v) {
            Visit visit = new Visit();
            visit.gatewaySerial = Objects.requireNonNull(v.gatewaySerial(), "gatewaySerial");
            visit.device = Objects.requireNonNull(v.device(), "device");
            visit.preflight = v.preflight().orElse(null);
            visit.published = List.copyOf(v.publishedDers());
            visit.live = v.live().orElse(null);
            visit.chartPng = v.chartPng().map(byte[]::clone).orElse(null);
            visit.result = v.provisionResult().orElse(null);
            visit.outboxId = v.queuedOutboxId().orElse(null);
            visit.identityCheck = v.identityCheck().orElse(null);
            visit.identity = v.identity().orElse(null);
            return visit;
        }

        String key() {
            return keyOf(gatewaySerial, device.sn());
        }
    }

    private static String keyOf(String gatewaySerial, String sn) {
        return gatewaySerial + "/" + sn;
    }

    /** Every device of the session, by Zap serial and device sn, in the order first added. */
    private final Map<String, Visit> visits = new LinkedHashMap<>();
    /** The last preflight, waiting for the device it checked to be added. */
    private PreflightResult pendingPreflight;
    /** What the scan read from the device the form was filled from, waiting for that device to be added. */
    private Identity pendingIdentity;
    private String technician;
    /** The organisation each Zap is known (from Novacore, in this session) to be claimed by, by serial. */
    private final Map<String, String> claims = new LinkedHashMap<>();

    private final List<LoadTestResult> loadTests = new ArrayList<>();
    private final List<ControlResult> controlChecks = new ArrayList<>();
    /** Control taken and not yet seen given back, oldest first; one per device of a Zap. */
    private final List<ControlHold> controlHolds = new ArrayList<>();
    private final List<Removal> removals = new ArrayList<>();
    private Gateway gateway;
    /** The visit of the device being commissioned, null when there is none: what the steps read and write. */
    private Visit current;
    private final List<ProvisionResult> history = new ArrayList<>();
    private final List<WifiChange> wifiChanges = new ArrayList<>();
    /** Every Zap selected in the visit, by serial, in the order first selected; each as last selected. */
    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    private SiteChoice site;
    /** Told after every change; a listener added while they are told is told from the next change on. */
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    /** Called on the session's thread after every change of what {@link #snapshot()} holds. */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(Objects.requireNonNull(listener));
    }

    private void changed() {
        for (Runnable listener : changeListeners) {
            listener.run();
        }
    }

    /** Everything the session holds, to save (a copy: later changes do not reach it). */
    public Snapshot snapshot() {
        return new Snapshot(gateway(), Optional.ofNullable(site), visits(), current().map(Visit::key), loadTests,
                removals, wifiChanges, claims, technician(), history, gateways(), controlChecks, controlHolds);
    }

    /**
     * The session as it was when {@code snapshot} was taken, e.g. after a crash: the same device is the current one,
     * and {@code restore(s).snapshot()} equals {@code s}. No listeners (add them after).
     *
     * @throws IllegalArgumentException when no session could have made it: two visits of the same device, or a
     *                                  current device with no visit
     */
    public static CommissioningSession restore(Snapshot snapshot) {
        CommissioningSession s = new CommissioningSession();
        s.fill(snapshot);
        return s;
    }

    /**
     * This session goes on from a saved one (the resume offer at start): everything it held is replaced by {@code
     * snapshot}'s, and the change listeners are told once. The form's pending preflight and scan result are dropped.
     *
     * @throws IllegalArgumentException when the snapshot is inconsistent (then nothing is changed)
     */
    public void resumeFrom(Snapshot snapshot) {
        fill(snapshot);
        changed();
    }

    /** Checks the snapshot whole before the first field changes: an inconsistent one leaves the session as it was. */
    private void fill(Snapshot snapshot) {
        Map<String, Visit> filled = new LinkedHashMap<>();
        for (DeviceVisit v : snapshot.visits()) {
            Visit visit = Visit.thaw(v);
            if (filled.putIfAbsent(visit.key(), visit) != null) {
                throw new IllegalArgumentException("two visits of device " + visit.key());
            }
        }
        Visit currentVisit = snapshot.currentDevice().map(key -> {
            Visit visit = filled.get(key);
            if (visit == null) {
                throw new IllegalArgumentException("the current device " + key + " has no visit");
            }
            return visit;
        }).orElse(null);
        gateway = snapshot.gateway().orElse(null);
        site = snapshot.site().orElse(null);
        visits.clear();
        visits.putAll(filled);
        current = currentVisit;
        pendingPreflight = null;
        pendingIdentity = null;
        loadTests.clear();
        loadTests.addAll(snapshot.loadTests());
        removals.clear();
        removals.addAll(snapshot.removals());
        wifiChanges.clear();
        wifiChanges.addAll(snapshot.wifiChanges());
        claims.clear();
        claims.putAll(snapshot.claims());
        technician = snapshot.technician().orElse(null);
        history.clear();
        history.addAll(snapshot.history());
        gateways.clear();
        snapshot.gateways().forEach(g -> gateways.put(g.serial(), g));
        controlChecks.clear();
        controlChecks.addAll(snapshot.controlChecks());
        controlHolds.clear();
        controlHolds.addAll(snapshot.controlHolds());
    }

    public Optional<Gateway> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** Choosing another Zap starts over; the previous one stays in {@link #gateways()}, its devices in visits(). */
    public void selectGateway(Gateway gateway) {
        if (this.gateway == null || !this.gateway.serial().equals(gateway.serial())) {
            current = null;
        }
        this.gateway = gateway;
        gateways.put(gateway.serial(), gateway);
        changed();
    }

    /**
     * Every Zap selected in this visit, in the order first selected, each with its latest address and firmware (the
     * chosen one included): the report has a section for each.
     */
    public List<Gateway> gateways() {
        return List.copyOf(gateways.values());
    }

    /** The device being commissioned: the one Verify, Provision and Done act on. */
    public Optional<Device> device() {
        return current().map(v -> v.device);
    }

    /** The device added (or opened) on the chosen Zap is now the one commissioned; its visit keeps what was done. */
    public void deviceAdded(Device device) {
        String serial = gateway == null ? "" : gateway.serial();
        Visit visit = visits.computeIfAbsent(keyOf(serial, device.sn()), k -> new Visit());
        visit.gatewaySerial = serial;
        visit.device = device;
        if (pendingPreflight != null) {
            visit.preflight = pendingPreflight;
            pendingPreflight = null;
        }
        visit.identity = pendingIdentity;
        pendingIdentity = null;
        current = visit;
        changed();
    }

    /** The current device's DER types published (Verify's Next); empty when there is no current device. */
    public List<String> publishedDers() {
        return current().map(v -> v.published).orElse(List.of());
    }

    public void publishedDers(List<String> types) {
        List<String> published = List.copyOf(types);
        current().ifPresent(v -> v.published = published);
        changed();
    }

    /** Novacore's answer for the current device; empty while its latest request waits in the outbox. */
    public Optional<ProvisionResult> provisionResult() {
        return current().filter(v -> v.outboxId == null).map(v -> v.result);
    }

    public void provisioned(ProvisionResult result) {
        history.add(result);
        current().ifPresent(v -> {
            v.result = result;
            v.outboxId = null;
        });
        changed();
    }

    /**
     * Novacore could not be reached: the request waits in the outbox under this id, to be sent later. An earlier
     * answer for the same device stays in its visit (the report names it); the current device reads as queued.
     */
    public void provisionQueued(String outboxId) {
        current().ifPresent(v -> v.outboxId = outboxId);
        changed();
    }

    public Optional<String> queuedOutboxId() {
        return current().map(v -> v.outboxId);
    }

    public void recordLoadTest(LoadTestResult result) {
        loadTests.add(result);
        changed();
    }

    /** Every load test of this session, oldest first. */
    public List<LoadTestResult> loadTests() {
        return List.copyOf(loadTests);
    }

    /** A control check ended (whatever its outcome, released or not): the report and the visit keep it. */
    public void recordControlCheck(ControlResult result) {
        controlChecks.add(Objects.requireNonNull(result));
        changed();
    }

    /** Every control check of this session, oldest first. */
    public List<ControlResult> controlChecks() {
        return List.copyOf(controlChecks);
    }

    /**
     * Control of a device is about to be taken: saved before {@code init} is sent, so a start after a crash knows
     * which device on which Zap may still be steered. A hold of the same device on the same Zap is replaced.
     */
    public void controlTaken(ControlHold hold) {
        Objects.requireNonNull(hold);
        controlHolds.removeIf(hold::sameDevice);
        controlHolds.add(hold);
        changed();
    }

    /** Control of the device was given back: every hold of the same device on the same Zap goes. */
    public void controlReleased(ControlHold hold) {
        Objects.requireNonNull(hold);
        controlHolds.removeIf(hold::sameDevice);
        changed();
    }

    /** Control taken and not yet seen given back, oldest first. */
    public List<ControlHold> controlHolds() {
        return List.copyOf(controlHolds);
    }

    /** Everything provisioned in this session, oldest first. */
    public List<ProvisionResult> history() {
        return List.copyOf(history);
    }

    /**
     * The laptop-side check before adding a device; it belongs to the next device added. Not a change of the record
     * (listeners are not told): the form's pending checks are not in the snapshot until the device is added.
     */
    public void preflightChecked(PreflightResult result) {
        this.pendingPreflight = result;
    }

    /**
     * What the scan read from the device the form now holds (null: the form was not filled from a scan). Like
     * {@link #preflightChecked}, not saved and not told until the device is added.
     */
    public void identityFound(Identity identity) {
        this.pendingIdentity = identity;
    }

    /** What the scan read from the current device, when it was added from a scan result. */
    public Optional<Identity> identity() {
        return current().map(v -> v.identity);
    }

    /**
     * What the Zap read of the device's identity registers, beside the scan's. A device not added from a scan takes
     * the identity the Zap read, so Provision can offer its make, model and serial too.
     */
    public void identityChecked(String deviceSn, IdentityCheck check) {
        visitOf(deviceSn).ifPresent(v -> {
            v.identityCheck = check;
            if (v.identity == null && check.outcome() == IdentityCheck.Outcome.READ) {
                v.identity = check.throughZap().orElse(null);
            }
        });
        changed();
    }

    /** The identity check of the current device, once the Zap has been asked. */
    public Optional<IdentityCheck> identityCheck() {
        return current().map(v -> v.identityCheck);
    }

    /** The live values of the current device when the technician left the Verify step (the latest wins). */
    public void liveSnapshot(String deviceSn, LiveSnapshot snapshot) {
        visitOf(deviceSn).ifPresent(v -> v.live = snapshot);
        changed();
    }

    /** A PNG of the Verify step's chart for the device (the latest wins). */
    public void chartImage(String deviceSn, byte[] png) {
        visitOf(deviceSn).ifPresent(v -> v.chartPng = png.clone());
        changed();
    }

    /** Novacore said (a claim, or its list of gateways) that {@code orgId} holds the Zap {@code serial}. */
    public void gatewayClaimed(String serial, String orgId) {
        claims.put(serial, orgId);
        changed();
    }

    /** The organisation Novacore said holds the Zap, if it said so in this session. */
    public Optional<String> claimedBy(String serial) {
        return Optional.ofNullable(claims.get(serial));
    }

    /** Who signed in to Novacore (the token's identity), for the report; never the token itself. */
    public void technician(String identity) {
        this.technician = identity;
        changed();
    }

    public Optional<String> technician() {
        return Optional.ofNullable(technician);
    }

    /** Every device added or opened in this session (on any Zap), oldest first, with what was done with it. */
    public List<DeviceVisit> visits() {
        return visits.values().stream().map(Visit::freeze).toList();
    }

    private Optional<Visit> current() {
        return Optional.ofNullable(current);
    }

    private Optional<Visit> visitOf(String sn) {
        String serial = gateway == null ? "" : gateway.serial();
        return Optional.ofNullable(visits.get(keyOf(serial, sn)));
    }

    /**
     * The technician removed device {@code sn} from the chosen Zap: the report says so. If it was the device being
     * commissioned, it is no longer: Verify and Provision have nothing left to act on.
     */
    public void deviceRemoved(String sn, String profile, Instant at) {
        removals.add(new Removal(gateway == null ? "" : gateway.serial(), sn, profile == null ? "" : profile, at));
        if (current != null && current.device.sn().equals(sn)) {
            current = null;
        }
        changed();
    }

    /** Every device removed from a Zap in this session, oldest first. */
    public List<Removal> removals() {
        return List.copyOf(removals);
    }

    /** "Add another device": same Zap, fresh device. */
    public void startNextDevice() {
        current = null;
        changed();
    }

    /** The Zap {@link WifiChange#gatewaySerial()} joined another network and was found at its new address. */
    public void wifiChanged(WifiChange change) {
        wifiChanges.add(Objects.requireNonNull(change));
        changed();
    }

    /** Every Wi-Fi change of this session, oldest first. */
    public List<WifiChange> wifiChanges() {
        return List.copyOf(wifiChanges);
    }

    /** The technician chose the site the devices are provisioned to (the latest choice wins). */
    public void siteChosen(SiteChoice choice) {
        this.site = Objects.requireNonNull(choice);
        changed();
    }

    public Optional<SiteChoice> site() {
        return Optional.ofNullable(site);
    }
}
