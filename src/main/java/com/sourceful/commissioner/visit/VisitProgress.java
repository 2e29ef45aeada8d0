package com.sourceful.commissioner.visit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;

/**
 * How far a visit has come, per Zap and per device, and what is left to do: what the site overview shows and what the
 * resume offer sums up. Read from a session's {@link Snapshot} alone.
 */
public final class VisitProgress {

    /** How far a device has come; the furthest reached. */
    public enum State {
        /** On the Zap, nothing checked yet. */
        ADDED,
        /** Its live values were seen on Verify, or a load test was made on it. */
        VERIFIED,
        /** At least one of its DERs publishes. */
        PUBLISHED,
        /** Novacore answered for it. */
        PROVISIONED,
        /** Its request waits in the outbox. */
        QUEUED,
        /** Taken off the Zap in this visit. */
        REMOVED
    }

    /**
     * What is left to do for a device or a Zap, in the order the wizard does it; control that may still be held comes
     * first of a device's: the customer's installation may still be steered.
     */
    public enum Left {
        ZAP_NOT_CLAIMED(Step.PREPARE),
        /** A control check took control of the device and was not seen giving it back (the app stopped meanwhile). */
        CONTROL_MAY_BE_HELD(Step.VERIFY),
        NOT_VERIFIED(Step.VERIFY),
        NOTHING_PUBLISHED(Step.VERIFY),
        NOT_PROVISIONED(Step.PROVISION),
        WAITING_IN_OUTBOX(Step.DONE);

        private final Step finishedOn;

        Left(Step finishedOn) {
            this.finishedOn = finishedOn;
        }

        /** The wizard step that finishes it. */
        public Step finishedOn() {
            return finishedOn;
        }
    }

    /** The wizard's steps, named as the wizard names them (the logic knows no UI). */
    public enum Step {
        FIND, PREPARE, ADD, VERIFY, PROVISION, DONE
    }

    /**
     * One device of the visit.
     *
     * @param device  what the session holds of it; empty for a device removed that was not added in this visit
     * @param current the device being commissioned
     */
    public record DeviceProgress(String gatewaySerial, String sn, String name,
                                 Optional<CommissioningSession.Device> device, State state, List<Left> left,
                                 boolean current) {
        public DeviceProgress {
            left = List.copyOf(left);
        }

        /** The step that finishes the first thing left; empty when nothing is. */
        public Optional<Step> nextStep() {
            return left.stream().findFirst().map(Left::finishedOn);
        }
    }

    /**
     * One Zap of the visit.
     *
     * @param claimedBy the organisation Novacore said holds it; empty when not known in this visit
     * @param left      {@link Left#ZAP_NOT_CLAIMED} when no claim is known
     * @param current   the Zap chosen now
     */
    public record ZapProgress(String serial, Optional<String> claimedBy,
                              List<CommissioningSession.WifiChange> wifiChanges, List<DeviceProgress> devices,
                              List<Left> left, boolean current) {
        public ZapProgress {
            wifiChanges = List.copyOf(wifiChanges);
            devices = List.copyOf(devices);
            left = List.copyOf(left);
        }
    }

    /** The resume offer's line: "Villa Solsidan: 3 devices, 1 waiting in the outbox". */
    public record Summary(String site, int devices, int waitingInOutbox) {
    }

    private VisitProgress() {
    }

    /** Every Zap of the visit (in the order met) with its devices (in the order added, the removed ones after). */
    public static List<ZapProgress> of(Snapshot snapshot) {
        Set<String> serials = new LinkedHashSet<>();
        snapshot.gateways().forEach(g -> serials.add(g.serial())); // every Zap chosen, in the order first chosen
        snapshot.visits().forEach(v -> serials.add(v.gatewaySerial()));
        snapshot.removals().forEach(r -> serials.add(r.gatewaySerial()));
        snapshot.wifiChanges().forEach(w -> serials.add(w.gatewaySerial()));
        snapshot.gateway().ifPresent(g -> serials.add(g.serial()));
        String currentZap = snapshot.gateway().map(CommissioningSession.Gateway::serial).orElse(null);
        List<ZapProgress> zaps = new ArrayList<>();
        for (String serial : serials) {
            Map<String, DeviceProgress> devices = new LinkedHashMap<>();
            for (DeviceVisit visit : snapshot.visits()) {
                if (visit.gatewaySerial().equals(serial)) {
                    devices.put(visit.device().sn(), device(snapshot, visit));
                }
            }
            for (CommissioningSession.Removal removal : snapshot.removals()) {
                if (removal.gatewaySerial().equals(serial) && !devices.containsKey(removal.sn())) {
                    devices.put(removal.sn(), new DeviceProgress(serial, removal.sn(), removal.profile(),
                            Optional.empty(), State.REMOVED, List.of(), false));
                }
            }
            Optional<String> claimedBy = Optional.ofNullable(snapshot.claims().get(serial));
            zaps.add(new ZapProgress(serial, claimedBy,
                    snapshot.wifiChanges().stream().filter(w -> w.gatewaySerial().equals(serial)).toList(),
                    List.copyOf(devices.values()), claimedBy.isEmpty() ? List.of(Left.ZAP_NOT_CLAIMED) : List.of(),
                    serial.equals(currentZap)));
        }
        return zaps;
    }

    private static DeviceProgress device(Snapshot snapshot, DeviceVisit visit) {
        String sn = visit.device().sn();
        String key = visit.gatewaySerial() + "/" + sn;
        boolean current = snapshot.currentDevice().filter(key::equals).isPresent();
        boolean removed = !current && removedLast(snapshot, visit);
        boolean verified = visit.live().isPresent()
                || snapshot.loadTests().stream().anyMatch(t -> t.deviceSn().equals(sn));
        boolean published = !visit.publishedDers().isEmpty();
        boolean queued = visit.queuedOutboxId().isPresent();
        boolean provisioned = visit.provisionResult().isPresent() && !queued;
        State state = removed ? State.REMOVED : queued ? State.QUEUED : provisioned ? State.PROVISIONED
                : published ? State.PUBLISHED : verified ? State.VERIFIED : State.ADDED;
        List<Left> left = new ArrayList<>();
        if (snapshot.controlHolds().stream()
                .anyMatch(h -> h.zapSerial().equals(visit.gatewaySerial()) && h.deviceSn().equals(sn))) {
            left.add(Left.CONTROL_MAY_BE_HELD);
        }
        if (!removed) {
            if (!verified) {
                left.add(Left.NOT_VERIFIED);
            }
            if (!published) {
                left.add(Left.NOTHING_PUBLISHED);
            }
            if (queued) {
                left.add(Left.WAITING_IN_OUTBOX);
            } else if (!provisioned) {
                left.add(Left.NOT_PROVISIONED);
            }
        }
        return new DeviceProgress(visit.gatewaySerial(), sn, visit.device().displayName(),
                Optional.of(visit.device()), state, left, current);
    }

    /**
     * Whether the device's latest event is its removal: a removal from this Zap, and nothing the visit holds of the
     * device is dated after it (its live values read on Verify, a load test of it). A device removed and added again
     * is commissioned anew, so its later work shows it present even when another device is current now. The
     * snapshot does not date the adding itself: a device added again and left before any of that work still reads
     * removed (unless current).
     */
    private static boolean removedLast(Snapshot snapshot, DeviceVisit visit) {
        String sn = visit.device().sn();
        Optional<Instant> removedAt = snapshot.removals().stream()
                .filter(r -> r.gatewaySerial().equals(visit.gatewaySerial()) && r.sn().equals(sn))
                .map(CommissioningSession.Removal::at).filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (removedAt.isEmpty()) {
            return snapshot.removals().stream()
                    .anyMatch(r -> r.gatewaySerial().equals(visit.gatewaySerial()) && r.sn().equals(sn));
        }
        List<Instant> worked = new ArrayList<>();
        visit.live().map(CommissioningSession.LiveSnapshot::takenAt).ifPresent(worked::add);
        snapshot.loadTests().stream().filter(t -> t.deviceSn().equals(sn))
                .map(CommissioningSession.LoadTestResult::at).forEach(worked::add);
        return worked.stream().filter(Objects::nonNull).noneMatch(at -> at.isAfter(removedAt.get()));
    }

    /** The site's name (else the first Zap's serial), the devices not removed, and how many wait in the outbox. */
    public static Summary summary(Snapshot snapshot) {
        List<ZapProgress> zaps = of(snapshot);
        String site = snapshot.site().map(CommissioningSession.SiteChoice::name).filter(n -> !n.isBlank())
                .orElse(zaps.isEmpty() ? "" : zaps.get(0).serial());
        List<DeviceProgress> devices = zaps.stream().flatMap(z -> z.devices().stream())
                .filter(d -> d.state() != State.REMOVED).toList();
        int queued = (int) devices.stream().filter(d -> d.state() == State.QUEUED).count();
        return new Summary(site, devices.size(), queued);
    }

    /**
     * Where a resumed visit goes on: no Zap chosen, Find; a Zap chosen but no device, Prepare while no claim is known,
     * else Add; a device being commissioned, the step that finishes its first thing left, else Done.
     */
    public static Step resumeAt(Snapshot snapshot) {
        if (snapshot.gateway().isEmpty()) {
            return Step.FIND;
        }
        List<ZapProgress> zaps = of(snapshot);
        Optional<DeviceProgress> current = zaps.stream().flatMap(z -> z.devices().stream())
                .filter(DeviceProgress::current).findFirst();
        if (current.isPresent()) {
            return current.get().nextStep().orElse(Step.DONE);
        }
        boolean claimed = zaps.stream().filter(ZapProgress::current).anyMatch(z -> z.claimedBy().isPresent());
        return claimed ? Step.ADD : Step.PREPARE;
    }

    /**
     * Whether the visit holds work worth resuming: a device added or opened, removed, a Wi-Fi change, a load test, a
     * control check or control held, or a site chosen. Signing in, choosing a Zap or reading its claim alone is not:
     * every start does that much.
     */
    public static boolean worthResuming(Snapshot snapshot) {
        return !snapshot.visits().isEmpty() || !snapshot.removals().isEmpty() || !snapshot.wifiChanges().isEmpty()
                || !snapshot.loadTests().isEmpty() || snapshot.site().isPresent()
                || !snapshot.controlChecks().isEmpty() || !snapshot.controlHolds().isEmpty();
    }
}
