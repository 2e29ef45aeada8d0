package com.sourceful.commissioner.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.DerLive;
import com.sourceful.commissioner.commissioning.CommissioningSession.Device;
import com.sourceful.commissioner.commissioning.CommissioningSession.Gateway;
import com.sourceful.commissioner.commissioning.CommissioningSession.Identity;
import com.sourceful.commissioner.commissioning.CommissioningSession.LiveSnapshot;
import com.sourceful.commissioner.commissioning.CommissioningSession.LiveValue;
import com.sourceful.commissioner.commissioning.CommissioningSession.LoadTestResult;
import com.sourceful.commissioner.commissioning.CommissioningSession.SiteChoice;
import com.sourceful.commissioner.commissioning.CommissioningSession.WifiChange;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitRecorder;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/**
 * One life of the crash drill ({@code bench/visit-kill}): resumes the unfinished visit in {@code --folder} if there is
 * one, checks it against the scripted visit (it must be exactly the script's first k steps, for some k at least the
 * {@code --expect} steps the previous life confirmed: nothing lost, nothing doubled), then goes on with the script,
 * printing "confirmed k" once step k is on disk, until it is killed. A visit done is finished and a new one begun.
 *
 * <p>Output lines: "resumed k" or "new", then "confirmed k"…, "visit-done"; or "LOST …"/"CORRUPT …" (exit 3).
 */
public final class VisitKillDrill {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private VisitKillDrill() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = null;
        int expect = 0;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--folder" -> folder = Path.of(args[++i]);
                case "--expect" -> expect = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (folder == null) {
            throw new IllegalArgumentException("--folder DIR is required");
        }
        VisitStore store = new VisitStore(folder);
        List<Consumer<CommissioningSession>> script = script();
        Random random = new Random(seed);

        Optional<SiteVisit> unfinished = store.unfinished();
        CommissioningSession session;
        String id;
        Instant startedAt;
        int done;
        if (unfinished.isPresent()) {
            SiteVisit visit = unfinished.get();
            session = CommissioningSession.restore(visit.session());
            done = stepsIn(visit.session(), script);
            if (done < 0) {
                System.out.println("CORRUPT the saved visit is no prefix of the script");
                System.exit(3);
            }
            if (done < expect) {
                System.out.println("LOST resumed at step " + done + ", " + expect + " were confirmed");
                System.exit(3);
            }
            id = visit.id();
            startedAt = visit.startedAt();
            System.out.println("resumed " + done);
        } else {
            // The previous life may have confirmed steps of a visit it then finished: that one is in the history.
            if (expect > 0) {
                List<SiteVisit> history = store.history();
                int last = history.isEmpty() ? -1 : stepsIn(history.get(0).session(), script);
                if (last != script.size()) {
                    System.out.println("LOST no unfinished visit, and the newest finished one has " + last
                            + " steps; " + expect + " were confirmed");
                    System.exit(3);
                }
            }
            session = new CommissioningSession();
            id = UUID.randomUUID().toString();
            startedAt = T0;
            done = 0;
            System.out.println("new");
        }
        System.out.flush();
        while (true) {
            try (VisitRecorder recorder = new VisitRecorder(session, id, startedAt, Clock.systemUTC(), store::save)) {
                for (int k = done; k < script.size(); k++) {
                    script.get(k).accept(session);
                    long change = recorder.changes();
                    while (recorder.savedChanges() < change) {
                        recorder.flush(Duration.ofSeconds(10));
                    }
                    System.out.println("confirmed " + (k + 1));
                    System.out.flush();
                    Thread.sleep(random.nextInt(25));
                }
            }
            store.finish(id);
            System.out.println("visit-done");
            System.out.flush();
            session = new CommissioningSession();
            id = UUID.randomUUID().toString();
            done = 0;
        }
    }

    /** How many of the script's steps make exactly this snapshot; -1 when no prefix does. */
    static int stepsIn(CommissioningSession.Snapshot saved, List<Consumer<CommissioningSession>> script) {
        CommissioningSession replay = new CommissioningSession();
        if (replay.snapshot().equals(saved)) {
            return 0;
        }
        for (int k = 0; k < script.size(); k++) {
            script.get(k).accept(replay);
            if (replay.snapshot().equals(saved)) {
                return k + 1;
            }
        }
        return -1;
    }

    /** A site visit as a technician does it: two Zaps, five devices, one removed, a load test, the outbox. */
    static List<Consumer<CommissioningSession>> script() {
        List<Consumer<CommissioningSession>> steps = new ArrayList<>();
        steps.add(s -> s.technician("idt-drill"));
        String[] zaps = {"zap-0a1b2c3d", "zap-4e5f6a7b"};
        int minute = 0;
        for (int z = 0; z < zaps.length; z++) {
            String serial = zaps[z];
            int at = minute;
            steps.add(s -> s.selectGateway(new Gateway(serial, URI.create("http://127.0.0.1:" + (8080 + at)), "1.4.2")));
            steps.add(s -> s.gatewayClaimed(serial, "org-drill"));
            steps.add(s -> s.wifiChanged(new WifiChange(serial, "Site-WiFi", URI.create("http://127.0.0.1:" + (9080
                    + at)), T0.plusSeconds(60L * at))));
            List<String[]> devices = new ArrayList<>();
            if (z == 0) {
                devices.add(new String[] {"SG0001", "sungrow", "inverters"});
                devices.add(new String[] {"P10002", "p1", "meters"});
                devices.add(new String[] {"AB0003", "ambibox", "ev_chargers"});
            } else {
                devices.add(new String[] {"SE0004", "solaredge", "inverters"});
            }
            for (String[] d : devices) {
                minute++;
                int m = minute;
                Device device = new Device(d[0], d[1], d[2], d[1] + " " + d[0],
                        DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", 502, "unit_id", 1)),
                        List.of(new Der("pv", false), new Der("meter", false)));
                steps.add(s -> s.deviceAdded(device));
                Identity identity = new Identity(Optional.of(d[1]), Optional.of("M" + d[0]), Optional.of(d[0]));
                steps.add(s -> s.identityChecked(d[0], new IdentityCheck(IdentityCheck.Outcome.READ, Optional.empty(),
                        Optional.of(identity), "through the Zap: drill")));
                steps.add(s -> s.liveSnapshot(d[0], new LiveSnapshot(T0.plusSeconds(60L * m), List.of(new DerLive(
                        "pv", "PV", T0.plusSeconds(60L * m), List.of(new LiveValue("Power", "-" + m + ".00 kW")))))));
                steps.add(s -> s.chartImage(d[0], new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, (byte) m}));
                if (d[1].equals("p1")) {
                    steps.add(s -> s.recordLoadTest(new LoadTestResult(d[0], 2000, 1, "PASSED", 1980, 1,
                            T0.plusSeconds(60L * m))));
                }
                steps.add(s -> s.publishedDers(List.of("pv", "meter")));
                if (z == 0 && m == 1) {
                    steps.add(s -> s.siteChosen(new SiteChoice(Optional.of("sit-drill"), "Villa Solsidan")));
                }
                if (d[1].equals("ambibox")) {
                    steps.add(s -> s.provisionQueued("out-" + d[0]));
                } else {
                    steps.add(s -> s.provisioned(new ProvisionResult(true, "dev-" + d[0], d[0], "sit-drill", "active",
                            List.of())));
                }
                steps.add(CommissioningSession::startNextDevice);
            }
            if (z == 1) {
                Device extra = new Device("HW0005", "huawei", "inverters", "huawei HW0005",
                        DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", 6607, "unit_id", 0)),
                        List.of(new Der("pv", false)));
                steps.add(s -> s.deviceAdded(extra));
                steps.add(s -> s.deviceRemoved("HW0005", "huawei", T0.plusSeconds(3600)));
            }
        }
        return steps;
    }
}
