package com.sourceful.commissioner.visit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.novacore.ProvisionedDevice;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapDevice;

/**
 * What changed on a Zap (and in Novacore, and in the outbox) since an earlier visit that worked on it: a pure function
 * from the earlier visit's record and what is read now ({@link Now}, see {@link ReturnVisitReader}) to one
 * {@link Change} per fact, each with its value then and now. What could not be read now is a change too
 * ({@link Kind#NOT_CHECKED}): the technician is told it was not checked, never that nothing changed.
 * <p>
 * Configs are compared only in the fields both sides have that are not secrets: the record holds redacted configs,
 * and the Zap echoes the fields it keeps.
 */
public final class VisitComparison {

    /** How a change is shown: a warning asks the technician to look (someone else changed the site), info tells. */
    public enum Tone { INFO, WARNING }

    /** One kind of fact. {@code before} and {@code after} of a {@link Change} are described per kind. */
    public enum Kind {
        /** A device is on the Zap now that the visit did not work on. before "", after its profile (or ""). */
        DEVICE_ADDED(Tone.WARNING),
        /** A device removed in the visit is on the Zap again. before its profile then, after its profile now. */
        DEVICE_BACK(Tone.WARNING),
        /** A device of the visit is no longer on the Zap. before its name in the visit, after "". */
        DEVICE_REMOVED(Tone.WARNING),
        /** A config field of a device differs. subject the field ("profile", "unit_id"), before/after its values. */
        DEVICE_RECONFIGURED(Tone.WARNING),
        /** A DER publishes now and did not, or the other way. subject the DER type, before/after "true"/"false". */
        PUBLISHING_CHANGED(Tone.WARNING),
        /** The Zap's firmware. before/after the versions. */
        FIRMWARE_CHANGED(Tone.INFO),
        /**
         * Novacore's state of a device provisioned in the visit: changed, or still "pending". subject Novacore's
         * device id, before the state Novacore answered then, after its state now.
         */
        NOVACORE_STATE(Tone.INFO),
        /** A device provisioned in the visit is no longer at its site in Novacore. subject the device id. */
        NOVACORE_GONE(Tone.WARNING),
        /** A request the visit left in the outbox is still not sent. subject the entry id, after its state. */
        OUTBOX_NOT_SENT(Tone.WARNING),
        /** A request the visit left in the outbox is no longer there (sent from another laptop? removed?). */
        OUTBOX_GONE(Tone.INFO),
        /**
         * Something could not be read now. subject what ({@link #ZAP}, {@link #PUBLISHING}, {@link #NOVACORE},
         * {@link #NOVACORE_SIGNED_OUT}, {@link #OUTBOX}), after why (empty for signed out).
         */
        NOT_CHECKED(Tone.WARNING);

        public static final String ZAP = "zap";
        public static final String PUBLISHING = "publishing";
        public static final String NOVACORE = "novacore";
        public static final String NOVACORE_SIGNED_OUT = "novacore-signed-out";
        public static final String OUTBOX = "outbox";

        private final Tone tone;

        Kind(Tone tone) {
            this.tone = tone;
        }

        public Tone tone() {
            return tone;
        }
    }

    /**
     * One fact that changed.
     *
     * @param deviceSn   the device it is about; empty for the Zap itself and for what was not checked on the whole
     * @param deviceName the device's name in the visit (else its profile now, else its sn)
     */
    public record Change(Kind kind, String deviceSn, String deviceName, String subject, String before, String after) {
        public Change {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(deviceSn);
            Objects.requireNonNull(deviceName);
            Objects.requireNonNull(subject);
            Objects.requireNonNull(before);
            Objects.requireNonNull(after);
        }

        /** Warning for what someone else changed and what is still undone; info for the rest. */
        public Tone tone() {
            if (kind == Kind.NOVACORE_STATE && before.equals(after)) {
                return Tone.WARNING; // still pending
            }
            return kind.tone();
        }
    }

    /** A value read now, or why it could not be read (a short reason, never a token). */
    public record Reading<T>(Optional<T> value, String failure) {
        public Reading {
            Objects.requireNonNull(value);
            Objects.requireNonNull(failure);
        }

        public static <T> Reading<T> of(T value) {
            return new Reading<>(Optional.of(value), "");
        }

        public static <T> Reading<T> failed(String why) {
            return new Reading<>(Optional.empty(), why);
        }
    }

    /**
     * A device on the Zap now.
     *
     * @param ders its DERs with their publish flags ({@code GET /api/devices/{sn}/ders}), or why they could not be read
     */
    public record DeviceNow(ZapDevice device, Reading<List<Der>> ders) {
    }

    /** The Zap now: its firmware and devices. */
    public record ZapNow(String firmwareVersion, List<DeviceNow> devices) {
        public ZapNow {
            devices = List.copyOf(devices);
        }
    }

    /**
     * What is read now.
     *
     * @param novacore the devices at the visit's Novacore sites; empty when not signed in (not checked)
     * @param outbox   the outbox's entries
     */
    public record Now(Reading<ZapNow> zap, Optional<Reading<List<ProvisionedDevice>>> novacore,
                      Reading<List<Outbox.Entry>> outbox) {
    }

    /** The earlier visit, the Zap compared, and what changed (empty: nothing did). */
    public record Result(SiteVisit earlier, String zapSerial, List<Change> changes) {
        public Result {
            changes = List.copyOf(changes);
        }

        public boolean nothingChanged() {
            return changes.isEmpty();
        }
    }

    private VisitComparison() {
    }

    /**
     * The newest visit in {@code history} (newest first, as {@link VisitStore#history()} gives it) that worked on the
     * Zap {@code zapSerial}, or chose the Novacore site {@code siteId}; visits {@code excluded} (the one going on now)
     * are passed over.
     */
    public static Optional<SiteVisit> earlierVisit(List<SiteVisit> history, String zapSerial,
                                                   Optional<String> siteId, Predicate<SiteVisit> excluded) {
        return history.stream().filter(excluded.negate())
                .filter(v -> workedOn(v.session(), zapSerial) || siteId.isPresent() && v.session().site()
                        .flatMap(CommissioningSession.SiteChoice::novacoreSiteId).equals(siteId))
                .findFirst();
    }

    private static boolean workedOn(Snapshot snapshot, String zapSerial) {
        return VisitProgress.of(snapshot).stream().anyMatch(z -> z.serial().equals(zapSerial));
    }

    /**
     * The Novacore sites the visit provisioned this Zap's devices to (where to ask for their state now); every device's
     * when the visit did not work on this Zap (it was found by its site).
     */
    public static List<String> provisionedSites(SiteVisit earlier, String zapSerial, List<Outbox.Entry> outbox) {
        Predicate<String> compared = onThisZap(workedOn(earlier.session(), zapSerial), zapSerial);
        return provisioned(earlier.session(), compared, outbox).stream()
                .map(p -> p.result().siteId()).distinct().toList();
    }

    /** The Zaps whose devices are compared: this one; every one when the visit did not work on it (same site). */
    private static Predicate<String> onThisZap(boolean workedOnIt, String zapSerial) {
        return workedOnIt ? zapSerial::equals : serial -> true;
    }

    /**
     * What changed on the Zap {@code zapSerial} since {@code earlier}, as {@code now} reads. A visit that did not work
     * on this Zap (found by its Novacore site) is compared in Novacore and the outbox only: its devices were on
     * another Zap, so this one's are not "added since".
     */
    public static Result compare(SiteVisit earlier, String zapSerial, Now now) {
        Snapshot snapshot = earlier.session();
        List<Change> changes = new ArrayList<>();
        Optional<VisitProgress.ZapProgress> zap = VisitProgress.of(snapshot).stream()
                .filter(z -> z.serial().equals(zapSerial)).findFirst();
        Predicate<String> compared = onThisZap(zap.isPresent(), zapSerial);
        // A visit found by its site has nothing of this Zap to compare.
        if (zap.isPresent()) {
            compareZap(snapshot, zapSerial, zap.get().devices(), now.zap(), changes);
        }
        List<Outbox.Entry> entries = now.outbox().value().orElse(List.of());
        compareNovacore(provisioned(snapshot, compared, entries), now.novacore(), changes);
        compareOutbox(snapshot, compared, now.outbox(), changes);
        return new Result(earlier, zapSerial, changes);
    }

    private static void compareZap(Snapshot snapshot, String zapSerial, List<VisitProgress.DeviceProgress> devices,
                                   Reading<ZapNow> now, List<Change> changes) {
        if (now.value().isEmpty()) {
            changes.add(new Change(Kind.NOT_CHECKED, "", "", Kind.ZAP, "", now.failure()));
            return;
        }
        ZapNow zapNow = now.value().get();
        earlierFirmware(snapshot, zapSerial).filter(v -> !v.equals(zapNow.firmwareVersion()))
                .ifPresent(v -> changes.add(new Change(Kind.FIRMWARE_CHANGED, "", "", "", v,
                        zapNow.firmwareVersion())));
        compareDevices(snapshot, devices, zapNow, changes);
    }

    /** The firmware the visit last knew the Zap by, whichever of its Zaps; empty when it did not choose this one. */
    private static Optional<String> earlierFirmware(Snapshot snapshot, String zapSerial) {
        return snapshot.gatewayOf(zapSerial).map(CommissioningSession.Gateway::firmwareVersion)
                .filter(v -> !v.isBlank());
    }

    private static void compareDevices(Snapshot snapshot, List<VisitProgress.DeviceProgress> before, ZapNow now,
                                       List<Change> changes) {
        Map<String, DeviceNow> byNow = new LinkedHashMap<>();
        now.devices().forEach(d -> byNow.put(d.device().sn(), d));
        Set<String> known = new HashSet<>();
        for (VisitProgress.DeviceProgress then : before) {
            known.add(then.sn());
            DeviceNow current = byNow.get(then.sn());
            boolean removedThen = then.state() == VisitProgress.State.REMOVED;
            if (removedThen) {
                if (current != null) {
                    changes.add(new Change(Kind.DEVICE_BACK, then.sn(), then.name(), "",
                            then.device().map(CommissioningSession.Device::profile).orElse(then.name()),
                            current.device().profile().orElse("")));
                }
                continue;
            }
            if (current == null) {
                changes.add(new Change(Kind.DEVICE_REMOVED, then.sn(), then.name(), "", then.name(), ""));
                continue;
            }
            then.device().ifPresent(d -> compareConfig(d, current.device(), then.name(), changes));
            List<String> publishedThen = snapshot.visits().stream()
                    .filter(v -> v.gatewaySerial().equals(then.gatewaySerial()) && v.device().sn().equals(then.sn()))
                    .findFirst().map(DeviceVisit::publishedDers).orElse(List.of());
            comparePublishing(then, publishedThen, current, changes);
        }
        for (DeviceNow d : now.devices()) {
            if (!known.contains(d.device().sn())) {
                String profile = d.device().profile().orElse("");
                changes.add(new Change(Kind.DEVICE_ADDED, d.device().sn(), profile.isEmpty() ? d.device().sn()
                        : profile, "", "", profile));
            }
        }
    }

    /** The fields both configs have, secrets left out, compared by value (a number by its value: 1 equals 1.0). */
    private static void compareConfig(CommissioningSession.Device then, ZapDevice now, String name,
                                      List<Change> changes) {
        Map<String, Object> before = new LinkedHashMap<>(then.config().fields());
        before.putIfAbsent("profile", then.profile());
        Map<String, Object> after = new LinkedHashMap<>(now.configWithoutSecrets().fields());
        now.profile().ifPresent(p -> after.putIfAbsent("profile", p));
        for (Map.Entry<String, Object> field : before.entrySet()) {
            String key = field.getKey();
            if (DeviceConfig.isSecret(key) || !after.containsKey(key)) {
                continue;
            }
            String was = text(field.getValue());
            String is = text(after.get(key));
            if (!was.equals(is)) {
                changes.add(new Change(Kind.DEVICE_RECONFIGURED, then.sn(), name, key, was, is));
            }
        }
    }

    /** A config value as shown: a whole number without decimals (the Zap answers 1.0 for 1), else as it is. */
    static String text(Object value) {
        if (value instanceof Number n) {
            try {
                BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
                return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
            } catch (NumberFormatException e) {
                return n.toString(); // NaN, infinity
            }
        }
        return String.valueOf(value);
    }

    private static void comparePublishing(VisitProgress.DeviceProgress then, List<String> publishedThen,
                                          DeviceNow now, List<Change> changes) {
        if (now.ders().value().isEmpty()) {
            changes.add(new Change(Kind.NOT_CHECKED, then.sn(), then.name(), Kind.PUBLISHING, "",
                    now.ders().failure()));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Der der : now.ders().value().get()) {
            seen.add(der.type());
            boolean was = publishedThen.contains(der.type());
            if (was != der.enabled()) {
                changes.add(new Change(Kind.PUBLISHING_CHANGED, then.sn(), then.name(), der.type(),
                        String.valueOf(was), String.valueOf(der.enabled())));
            }
        }
        for (String type : publishedThen) {
            if (!seen.contains(type)) {
                changes.add(new Change(Kind.PUBLISHING_CHANGED, then.sn(), then.name(), type, "true", "false"));
            }
        }
    }

    /** A device the visit provisioned (Novacore answered, or the outbox has its answer since). */
    private record Provisioned(String sn, String name, ProvisionResult result) {
    }

    private static List<Provisioned> provisioned(Snapshot snapshot, Predicate<String> zaps,
                                                 List<Outbox.Entry> outbox) {
        List<Provisioned> out = new ArrayList<>();
        for (DeviceVisit v : snapshot.visits()) {
            if (!zaps.test(v.gatewaySerial())) {
                continue;
            }
            Optional<ProvisionResult> result = v.queuedOutboxId().isPresent()
                    ? v.queuedOutboxId().flatMap(id -> outbox.stream().filter(e -> e.id().equals(id)).findFirst())
                            .filter(e -> e.state() == Outbox.State.SENT).flatMap(Outbox.Entry::result)
                    : v.provisionResult();
            result.filter(r -> !r.siteId().isBlank() && !r.deviceId().isBlank())
                    .ifPresent(r -> out.add(new Provisioned(v.device().sn(), v.device().displayName(), r)));
        }
        return out;
    }

    private static void compareNovacore(List<Provisioned> provisioned,
                                        Optional<Reading<List<ProvisionedDevice>>> novacore, List<Change> changes) {
        if (provisioned.isEmpty()) {
            return;
        }
        if (novacore.isEmpty()) {
            changes.add(new Change(Kind.NOT_CHECKED, "", "", Kind.NOVACORE_SIGNED_OUT, "", ""));
            return;
        }
        if (novacore.get().value().isEmpty()) {
            changes.add(new Change(Kind.NOT_CHECKED, "", "", Kind.NOVACORE, "", novacore.get().failure()));
            return;
        }
        List<ProvisionedDevice> devices = novacore.get().value().get();
        for (Provisioned p : provisioned) {
            Optional<ProvisionedDevice> now = devices.stream()
                    .filter(d -> d.deviceId().equals(p.result().deviceId())).findFirst();
            if (now.isEmpty()) {
                changes.add(new Change(Kind.NOVACORE_GONE, p.sn(), p.name(), p.result().deviceId(),
                        p.result().state(), ""));
            } else if (!now.get().state().equals(p.result().state()) || "pending".equals(now.get().state())) {
                changes.add(new Change(Kind.NOVACORE_STATE, p.sn(), p.name(), p.result().deviceId(),
                        p.result().state(), now.get().state()));
            }
        }
    }

    private static void compareOutbox(Snapshot snapshot, Predicate<String> zaps, Reading<List<Outbox.Entry>> outbox,
                                      List<Change> changes) {
        List<DeviceVisit> queued = snapshot.visits().stream()
                .filter(v -> zaps.test(v.gatewaySerial()) && v.queuedOutboxId().isPresent()).toList();
        if (queued.isEmpty()) {
            return;
        }
        if (outbox.value().isEmpty()) {
            changes.add(new Change(Kind.NOT_CHECKED, "", "", Kind.OUTBOX, "", outbox.failure()));
            return;
        }
        for (DeviceVisit v : queued) {
            String id = v.queuedOutboxId().get();
            Optional<Outbox.Entry> entry = outbox.value().get().stream().filter(e -> e.id().equals(id)).findFirst();
            if (entry.isEmpty()) {
                changes.add(new Change(Kind.OUTBOX_GONE, v.device().sn(), v.device().displayName(), id, "", ""));
            } else if (entry.get().state() != Outbox.State.SENT) {
                changes.add(new Change(Kind.OUTBOX_NOT_SENT, v.device().sn(), v.device().displayName(), id,
                        Outbox.State.PENDING.name(), entry.get().state().name()));
            }
        }
    }
}
