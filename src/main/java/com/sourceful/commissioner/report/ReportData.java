package com.sourceful.commissioner.report;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Gateway;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;

/**
 * What the report shows: the visit's record at one moment (taken on the UI thread, where the session lives), so the
 * PDF can be made in the background while the visit goes on.
 *
 * @param visit       the visit's record: the site, every Zap, every device and what was done with it
 * @param generatedAt when the report was made, in the laptop's time zone
 * @param appVersion  the app's version, e.g. "0.1.0"
 */
public record ReportData(CommissioningSession.Snapshot visit, ZonedDateTime generatedAt, String appVersion,
                         ReportTexts texts) {

    public ReportData {
        Objects.requireNonNull(visit, "visit");
    }

    /** The report of the visit's record. */
    public static ReportData of(CommissioningSession.Snapshot visit, ZonedDateTime generatedAt, String appVersion,
                                ReportTexts texts) {
        return new ReportData(visit, generatedAt, appVersion, texts);
    }

    /** The report of the session's visit as it is now; call on the session's thread. */
    public static ReportData of(CommissioningSession session, ZonedDateTime generatedAt, String appVersion,
                                ReportTexts texts) {
        return of(session.snapshot(), generatedAt, appVersion, texts);
    }

    /** A Zap of the report: one the visit chose, or one known only by a serial its devices name. */
    public record Zap(String serial, Optional<Gateway> gateway) {
    }

    /**
     * Every Zap the report has a part for: the visit's Zaps in the order first chosen, then any other serial its
     * devices, removals, Wi-Fi changes or control checks name (a record of before several Zaps), the empty serial last
     * if some device was added with no Zap chosen.
     */
    public List<Zap> zaps() {
        List<Zap> zaps = new ArrayList<>();
        for (Gateway g : visit.gateways()) {
            zaps.add(new Zap(g.serial(), Optional.of(g)));
        }
        List<String> named = new ArrayList<>();
        visit.visits().forEach(v -> named.add(v.gatewaySerial()));
        visit.removals().forEach(r -> named.add(r.gatewaySerial()));
        visit.wifiChanges().forEach(w -> named.add(w.gatewaySerial()));
        visit.controlChecks().forEach(c -> named.add(c.zapSerial()));
        visit.controlHolds().forEach(h -> named.add(h.zapSerial()));
        boolean noZap = false;
        for (String serial : named) {
            if (serial == null || serial.isEmpty()) {
                noZap = true;
            } else if (zaps.stream().noneMatch(z -> z.serial().equals(serial))) {
                zaps.add(new Zap(serial, Optional.empty()));
            }
        }
        if (noZap) {
            zaps.add(new Zap("", Optional.empty()));
        }
        return zaps;
    }

    /** The Zap chosen now (the last one chosen), if any. */
    public Optional<Gateway> gateway() {
        return visit.gateway();
    }

    public List<CommissioningSession.DeviceVisit> visits() {
        return visit.visits();
    }

    public List<CommissioningSession.LoadTestResult> loadTests() {
        return visit.loadTests();
    }

    /** Every control check of the visit, oldest first. */
    public List<ControlResult> controlChecks() {
        return visit.controlChecks();
    }

    /** Control taken and not seen given back: what may still be steered. */
    public List<ControlHold> controlHolds() {
        return visit.controlHolds();
    }

    public List<CommissioningSession.Removal> removals() {
        return visit.removals();
    }

    public List<CommissioningSession.WifiChange> wifiChanges() {
        return visit.wifiChanges();
    }

    public Map<String, String> claims() {
        return visit.claims();
    }

    public Optional<CommissioningSession.SiteChoice> site() {
        return visit.site();
    }

    public Optional<String> technician() {
        return visit.technician();
    }

    /** The Zap's serial, for file names; "zap" before one is chosen. */
    public String serialForFileName() {
        return gateway().map(Gateway::serial).map(s -> s.replaceAll("[^A-Za-z0-9_-]", ""))
                .filter(s -> !s.isEmpty()).orElse("zap");
    }
}
