package com.sourceful.commissioner.report;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession;

/**
 * What the report shows, copied from the session at one moment (on the UI thread, where the session lives), so the
 * PDF can be made in the background while the session goes on.
 *
 * @param generatedAt when the report was made, in the laptop's time zone
 * @param appVersion  the app's version, e.g. "0.1.0"
 */
public record ReportData(Optional<CommissioningSession.Gateway> gateway, List<CommissioningSession.DeviceVisit> visits,
                         List<CommissioningSession.LoadTestResult> loadTests,
                         List<CommissioningSession.Removal> removals, Optional<String> technician,
                         ZonedDateTime generatedAt, String appVersion, ReportTexts texts) {

    public ReportData {
        visits = List.copyOf(visits);
        loadTests = List.copyOf(loadTests);
        removals = List.copyOf(removals);
    }

    public static ReportData of(CommissioningSession session, ZonedDateTime generatedAt, String appVersion,
                                ReportTexts texts) {
        return new ReportData(session.gateway(), session.visits(), session.loadTests(), session.removals(),
                session.technician(), generatedAt, appVersion, texts);
    }

    /** The Zap's serial, for file names; "zap" before one is chosen. */
    public String serialForFileName() {
        return gateway.map(CommissioningSession.Gateway::serial).map(s -> s.replaceAll("[^A-Za-z0-9_-]", ""))
                .filter(s -> !s.isEmpty()).orElse("zap");
    }
}
