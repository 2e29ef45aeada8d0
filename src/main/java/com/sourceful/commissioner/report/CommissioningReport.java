package com.sourceful.commissioner.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.zap.Der;

/**
 * The commissioning report handed to the customer or the office, made from the visit's record: the site, and per Zap
 * of the visit (its serial, address, firmware, claim and Wi-Fi changes) every device added on it with its
 * configuration (secrets left out), the DERs and which publish, live values with their time and the chart, preflight
 * and load-test results, the control checks (what was asked, the verdict with its numbers, whether control was given
 * back, and control that may still be held), what Novacore created or what waits in the outbox, and the devices
 * removed. A visit of one
 * Zap has no part per Zap: its rows are the visit's. A4 PDF, in the language of the texts given.
 */
public final class CommissioningReport {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private static final float CHART_HEIGHT = 230;
    /** Room for a subheading, a table's header and its first row of one line, points. */
    private static final float KEEP_WITH_ROW = 70;
    /** Room for a subheading, the load tests' header and a first row of a six-line verdict, points. */
    private static final float KEEP_WITH_LOAD_TEST = 140;

    private final ReportData data;
    private final ReportTexts t;
    private final ZoneId zone;

    private CommissioningReport(ReportData data) {
        this.data = data;
        this.t = data.texts();
        this.zone = data.generatedAt().getZone();
    }

    /**
     * {@code zap-<serial>-<yyyyMMdd-HHmm>.pdf}; a serial that starts with "zap-" already (as the Zap's own do,
     * {@code zap-48b4d931}) is not given a second one.
     */
    public static String suggestedFileName(ReportData data) {
        String serial = data.serialForFileName();
        String lower = serial.toLowerCase(Locale.ROOT);
        String named = lower.startsWith("zap-") || lower.equals("zap") ? serial : "zap-" + serial;
        return named + "-" + FILE_TIME.format(data.generatedAt()) + ".pdf";
    }

    /** The report as PDF bytes. */
    public static byte[] render(ReportData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        render(data, out);
        return out.toByteArray();
    }

    public static void render(ReportData data, OutputStream out) throws IOException {
        new CommissioningReport(data).write(out);
    }

    /** Writes the report to {@code target} whole or not at all (temp file, then an atomic move). */
    public static void write(ReportData data, Path target) throws IOException {
        byte[] pdf = render(data);
        AtomicFiles.write(target, out -> out.write(pdf));
    }

    private void write(OutputStream out) throws IOException {
        List<ReportData.Zap> zaps = data.zaps();
        String serials = zaps.isEmpty() ? "–"
                : String.join(", ", zaps.stream().map(z -> z.serial().isEmpty() ? "–" : z.serial()).toList());
        String when = DATE_TIME.format(data.generatedAt()) + " " + zoneName();
        try (PdfLayout pdf = new PdfLayout(t.get("report.title") + " · Zap " + serials + " · " + when)) {
            pdf.title(t.get("report.title"), t.get("report.subtitle", serials, when));
            if (zaps.size() <= 1) {
                // One Zap: its rows in the visit's table, then the devices, load tests and removals.
                visit(pdf, zaps.stream().findFirst());
                devices(pdf, data.visits());
                loadTests(pdf, data.loadTests());
                controlChecks(pdf);
                removals(pdf);
            } else {
                visit(pdf, Optional.empty());
                int[] numbered = {0};
                for (ReportData.Zap zap : zaps) {
                    zap(pdf, zap, numbered);
                }
            }
            signature(pdf);
            pdf.save(out, t.get("report.footer", data.appVersion(), DATE_TIME.format(data.generatedAt())),
                    page -> t.get("report.page", page, pdf.pageCount()));
        }
    }

    private String zoneName() {
        String offset = data.generatedAt().getOffset().getId();
        return ("Z".equals(offset) ? "UTC" : "UTC" + offset) + " (" + zone.getId() + ")";
    }

    private String time(Instant at) {
        return DATE_TIME.format(at.atZone(zone));
    }

    /** The visit: when, who, the site; the Zap's rows when there is one Zap, else how many Zaps. */
    private void visit(PdfLayout pdf, Optional<ReportData.Zap> onlyZap) throws IOException {
        pdf.heading(t.get("report.section.visit"));
        List<String[]> rows = new ArrayList<>();
        rows.add(row(t.get("report.when"), DATE_TIME.format(data.generatedAt()) + " " + zoneName()));
        rows.add(row(t.get("report.technician"), data.technician()
                .map(id -> t.get("report.technician.token", id))
                .orElse(t.get("report.technician.blank"))));
        data.site().ifPresent(site -> rows.add(row(t.get("report.site"), site.novacoreSiteId()
                .map(id -> t.get("report.site.novacore", site.name(), id)).orElse(site.name()))));
        if (data.zaps().size() > 1) {
            rows.add(row(t.get("report.zaps.count"), String.valueOf(data.zaps().size())));
        } else if (onlyZap.isPresent()) {
            zapRows(rows, onlyZap.get(), false);
        } else {
            rows.add(row(t.get("report.zap.serial"), t.get("report.none")));
        }
        rows.add(row(t.get("report.devices.count"), String.valueOf(data.visits().size())));
        rows.add(row(t.get("report.app"), t.get("app.title") + " " + data.appVersion()));
        pdf.keyValues(rows);
    }

    /**
     * The Zap's serial, firmware and address, who holds it and its Wi-Fi changes. {@code always}: the claim is named
     * also when the visit did not learn it (a Zap's own part; one Zap's rows show only what is known, as before).
     */
    private void zapRows(List<String[]> rows, ReportData.Zap zap, boolean always) {
        rows.add(row(t.get("report.zap.serial"), zap.serial().isEmpty() ? t.get("report.none") : zap.serial()));
        if (zap.gateway().isPresent()) {
            CommissioningSession.Gateway g = zap.gateway().get();
            rows.add(row(t.get("report.zap.firmware"), g.firmwareVersion() == null || g.firmwareVersion().isBlank()
                    ? "–" : g.firmwareVersion()));
            rows.add(row(t.get("report.zap.address"), g.baseUri().getHost()
                    + (g.baseUri().getPort() > 0 ? ":" + g.baseUri().getPort() : "")));
        } else if (!zap.serial().isEmpty()) {
            rows.add(row(t.get("report.zap.address"), t.get("report.zap.unknown")));
        }
        String claimedBy = data.claims().get(zap.serial());
        if (claimedBy != null || always && !zap.serial().isEmpty()) {
            rows.add(row(t.get("report.zap.claimedBy"), claimedBy != null ? claimedBy
                    : t.get("report.zap.claimedBy.unknown")));
        }
        for (CommissioningSession.WifiChange w : data.wifiChanges()) {
            if (w.gatewaySerial().equals(zap.serial())) {
                rows.add(row(t.get("report.zap.wifi"), t.get("report.zap.wifi.change", time(w.at()), w.ssid(),
                        w.newAddress().getHost() + (w.newAddress().getPort() > 0 ? ":" + w.newAddress().getPort()
                                : ""))));
            }
        }
    }

    /** One Zap of several: its rows, then its devices, load tests and removals. */
    private void zap(PdfLayout pdf, ReportData.Zap zap, int[] numbered) throws IOException {
        pdf.heading(zap.serial().isEmpty() ? t.get("report.section.noZap")
                : t.get("report.section.zap", zap.serial()));
        List<CommissioningSession.DeviceVisit> visits = data.visits().stream()
                .filter(v -> v.gatewaySerial().equals(zap.serial())).toList();
        List<String[]> rows = new ArrayList<>();
        zapRows(rows, zap, true);
        rows.add(row(t.get("report.zap.devices"), String.valueOf(visits.size())));
        pdf.keyValues(rows);
        if (visits.isEmpty()) {
            pdf.paragraph(t.get("report.zap.devices.none"), PdfLayout.MUTED);
        }
        for (CommissioningSession.DeviceVisit v : visits) {
            device(pdf, v, ++numbered[0], zap.serial());
        }
        List<CommissioningSession.LoadTestResult> tests = data.loadTests().stream()
                .filter(r -> zap.serial().equals(zapOfLoadTest(r))).toList();
        if (!tests.isEmpty()) {
            // The title stays with its table's header and first row (a verdict of some six lines).
            pdf.need(KEEP_WITH_LOAD_TEST);
            pdf.subheading(t.get("report.zap.loadTests", zap.serial()));
            loadTestTable(pdf, tests);
        }
        List<ControlResult> checks = data.controlChecks().stream()
                .filter(r -> r.zapSerial().equals(zap.serial())).toList();
        List<ControlHold> holds = data.controlHolds().stream()
                .filter(h -> h.zapSerial().equals(zap.serial())).toList();
        pdf.need(checks.isEmpty() ? KEEP_WITH_ROW : KEEP_WITH_LOAD_TEST);
        pdf.subheading(t.get("report.zap.controlChecks", zap.serial()));
        controlCheckTable(pdf, checks, holds, "report.zap.controlChecks.none");
        List<CommissioningSession.Removal> removed = data.removals().stream()
                .filter(r -> r.gatewaySerial().equals(zap.serial())).toList();
        if (!removed.isEmpty()) {
            pdf.need(KEEP_WITH_ROW);
            pdf.subheading(t.get("report.zap.removed", zap.serial()));
            List<String[]> table = new ArrayList<>();
            for (CommissioningSession.Removal r : removed) {
                table.add(new String[] {r.sn(), r.profile().isEmpty() ? "–" : profileName(r.profile(), ""),
                        time(r.at())});
            }
            pdf.table(new String[] {t.get("report.device.sn"), t.get("report.removed.profile"),
                    t.get("report.removed.time")}, table, new float[] {0.34f, 0.33f, 0.33f}, false);
        }
    }

    /**
     * The Zap a load test was run on: a load test names only its device, so the Zap of the first device with its
     * serial number (two Zaps with a device of the same serial are not expected); the chosen Zap when none has it.
     */
    private String zapOfLoadTest(CommissioningSession.LoadTestResult r) {
        String zap = null;
        for (CommissioningSession.DeviceVisit v : data.visits()) {
            if (v.device().sn().equals(r.deviceSn())) {
                zap = zap == null ? v.gatewaySerial() : zap;
            }
        }
        return zap != null ? zap : data.gateway().map(CommissioningSession.Gateway::serial)
                .orElse(data.zaps().get(0).serial());
    }

    private void devices(PdfLayout pdf, List<CommissioningSession.DeviceVisit> visits) throws IOException {
        pdf.heading(t.get("report.section.devices"));
        if (visits.isEmpty()) {
            pdf.paragraph(t.get("report.devices.none"), PdfLayout.MUTED);
            return;
        }
        String current = data.gateway().map(CommissioningSession.Gateway::serial).orElse("");
        int n = 0;
        for (CommissioningSession.DeviceVisit v : visits) {
            device(pdf, v, ++n, current);
        }
    }

    /** A device, numbered; the Zap it is on is named when it is not {@code zapShown}. */
    private void device(PdfLayout pdf, CommissioningSession.DeviceVisit v, int n, String zapShown)
            throws IOException {
        CommissioningSession.Device d = v.device();
        pdf.subheading(t.get("report.device.title", n, d.displayName(), d.sn()));
        List<String[]> rows = new ArrayList<>();
        if (!v.gatewaySerial().isEmpty() && !v.gatewaySerial().equals(zapShown)) {
            rows.add(row(t.get("report.device.zap"), v.gatewaySerial()));
        }
        rows.add(row(t.get("report.device.sn"), d.sn()));
        // Names a reader knows ("Sungrow", "Modbus TCP"), not the Zap's identifiers.
        rows.add(row(t.get("report.device.profile"), profileName(d.profile(), d.displayName())));
        rows.add(row(t.get("report.device.connection"), t.getOr("conn." + d.config().type(),
                d.config().type())));
        for (Map.Entry<String, Object> f : d.config().fields().entrySet()) {
            if (f.getKey().equals("type") || f.getKey().equals("profile")) {
                continue;
            }
            // The form's label where the app has one ("Modbus unit id"), else the Zap's field name.
            rows.add(row(t.getOr("field." + f.getKey(), f.getKey()), Redaction.isSecretName(f.getKey())
                    ? t.get("report.secret")
                    : String.valueOf(f.getValue())));
        }
        rows.add(row(t.get("report.preflight"), preflight(v.preflight())));
        rows.add(row(t.get("report.provisioning"), provisioning(v)));
        for (CommissioningSession.Removal r : data.removals()) {
            if (r.sn().equals(d.sn()) && r.gatewaySerial().equals(v.gatewaySerial())) {
                rows.add(row(t.get("report.device.removed"), time(r.at())));
            }
        }
        pdf.keyValues(rows);

        ders(pdf, v);
        live(pdf, v);
    }

    private String preflight(Optional<PreflightResult> result) {
        if (result.isEmpty()) {
            return t.get("report.preflight.none");
        }
        PreflightResult r = result.get();
        String outcome = t.get("report.preflight." + r.outcome().name().toLowerCase(Locale.ROOT));
        String reason = t.get("preflight." + r.reason().name().toLowerCase(Locale.ROOT), r.target(),
                r.modbusExceptionCode().orElse(0));
        return outcome + " – " + reason;
    }

    private String provisioning(CommissioningSession.DeviceVisit v) {
        if (v.provisionResult().isPresent()) {
            ProvisionResult r = v.provisionResult().get();
            return t.get(r.created() ? "report.provisioned.created" : "report.provisioned.existing",
                    r.deviceId(), t.getOr("novacore.state." + r.state(), r.state()), r.siteId());
        }
        return v.queuedOutboxId().map(id -> t.get("report.provisioned.queued", id))
                .orElse(t.get("report.provisioned.not"));
    }

    private void ders(PdfLayout pdf, CommissioningSession.DeviceVisit v) throws IOException {
        List<Der> ders = v.device().ders();
        if (ders.isEmpty()) {
            pdf.paragraph(t.get("report.ders.none"), PdfLayout.MUTED);
            return;
        }
        Map<String, String> ids = new HashMap<>();
        v.provisionResult().ifPresent(r -> {
            for (ProvisionResult.ProvisionedDer der : r.ders()) {
                ids.put(der.name(), der.id());
                ids.putIfAbsent(der.type(), der.id());
            }
        });
        List<String[]> rows = new ArrayList<>();
        for (Der der : ders) {
            boolean published = v.publishedDers().contains(der.type())
                    || (v.publishedDers().isEmpty() && der.enabled());
            rows.add(new String[] {derName(der.type()), der.type(),
                    t.get(published ? "report.yes" : "report.no"), metadata(der),
                    novacoreId(ids, der.type())});
        }
        pdf.table(new String[] {t.get("report.ders.der"), t.get("report.ders.type"), t.get("report.ders.published"),
                t.get("report.ders.metadata"), t.get("report.ders.novacoreId")}, rows,
                new float[] {0.16f, 0.13f, 0.12f, 0.25f, 0.34f}, false);
    }

    /** Novacore names DERs by the Zap's type with suffixes ("pv-array", "battery_1"); the type maps pv→solar. */
    private static String novacoreId(Map<String, String> ids, String type) {
        if (ids.containsKey(type)) {
            return ids.get(type);
        }
        String novacoreType = switch (type) {
            case "pv" -> "solar";
            case "v2x_charger" -> "v2x";
            default -> type;
        };
        return ids.entrySet().stream().filter(e -> e.getKey().startsWith(type) || e.getKey().equals(novacoreType))
                .map(Map.Entry::getValue).findFirst().orElse("–");
    }

    private String metadata(Der der) {
        List<String> parts = new ArrayList<>();
        add(parts, "report.ders.rated", der.ratedPowerW());
        add(parts, "report.ders.installed", der.installedPowerW());
        add(parts, "report.ders.capacity", der.capacityWh());
        return parts.isEmpty() ? "–" : String.join(", ", parts);
    }

    private void add(List<String> parts, String key, OptionalDouble value) {
        value.ifPresent(v -> parts.add(t.get(key, Math.round(v))));
    }

    /** The profile's name as the session or the catalogue has it; its id only for one neither knows. */
    private static String profileName(String profile, String displayName) {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return ProfileCatalogue.find(profile).map(ProfileCatalogue.Profile::displayName).orElse(profile);
    }

    private String derName(String type) {
        return t.getOr("der." + type, type);
    }

    private void live(PdfLayout pdf, CommissioningSession.DeviceVisit v) throws IOException {
        if (v.live().isEmpty() || v.live().get().ders().isEmpty()) {
            pdf.paragraph(t.get("report.live.none"), PdfLayout.MUTED);
        } else {
            CommissioningSession.LiveSnapshot live = v.live().get();
            pdf.paragraph(t.get("report.live.title", time(live.takenAt())), PdfLayout.TEXT);
            List<String[]> rows = new ArrayList<>();
            for (CommissioningSession.DerLive der : live.ders()) {
                List<String> values = der.values().stream().map(x -> x.label() + ": " + x.value()).toList();
                rows.add(new String[] {der.label(), time(der.readingAt()), String.join("\n", values)});
            }
            pdf.table(new String[] {t.get("report.ders.der"), t.get("report.live.readingTime"),
                    t.get("report.live.values")}, rows, new float[] {0.18f, 0.24f, 0.58f}, false);
        }
        if (v.chartPng().isPresent()) {
            // The caption stays with its chart.
            pdf.need(CHART_HEIGHT + 40);
            pdf.paragraph(t.get("report.chart"), PdfLayout.MUTED);
            pdf.image(v.chartPng().get(), "chart-" + v.device().sn(), CHART_HEIGHT);
        }
    }

    private void loadTests(PdfLayout pdf, List<CommissioningSession.LoadTestResult> tests) throws IOException {
        pdf.heading(t.get("report.section.loadTests"));
        if (tests.isEmpty()) {
            pdf.paragraph(t.get("report.loadTests.none"), PdfLayout.MUTED);
            return;
        }
        loadTestTable(pdf, tests);
    }

    private void loadTestTable(PdfLayout pdf, List<CommissioningSession.LoadTestResult> tests) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (CommissioningSession.LoadTestResult r : tests) {
            String verdict = LoadTestText.verdict(r, t) + "\n" + LoadTestText.basis(r, t);
            rows.add(new String[] {r.deviceSn(), time(r.at()),
                    t.get("report.loadTests.expected", Math.round(r.expectedWatts()),
                            LoadTestText.phase(r.expectedPhase())),
                    t.get("report.loadTests.measured", r.measuredDeltaWatts() / 1000,
                            LoadTestText.phase(r.measuredPhase())), verdict});
        }
        pdf.table(new String[] {t.get("report.device.sn"), t.get("report.loadTests.time"),
                t.get("report.loadTests.expectedHeader"), t.get("report.loadTests.measuredHeader"),
                t.get("report.loadTests.outcome")}, rows, new float[] {0.16f, 0.2f, 0.15f, 0.15f, 0.34f}, false);
    }

    private void controlChecks(PdfLayout pdf) throws IOException {
        pdf.heading(t.get("report.section.controlChecks"));
        controlCheckTable(pdf, data.controlChecks(), data.controlHolds(), "report.controlChecks.none");
    }

    /**
     * Control that may still be held first (the app stopped during a check: no result says it was given back), then
     * each check: the device, when, what was asked, the verdict with its numbers, and whether control was given back.
     */
    private void controlCheckTable(PdfLayout pdf, List<ControlResult> checks, List<ControlHold> holds,
                                   String noneKey) throws IOException {
        for (ControlHold h : holds) {
            pdf.paragraph(t.get("report.controlChecks.held", t.get("control.der." + h.action().derType()),
                    h.deviceSn(), h.zapSerial(), time(h.since())), PdfLayout.TEXT);
        }
        if (checks.isEmpty()) {
            pdf.paragraph(t.get(noneKey), PdfLayout.MUTED);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (ControlResult r : checks) {
            rows.add(new String[] {r.deviceSn(), time(r.startedAt()), ControlCheckText.asked(r, t),
                    ControlCheckText.verdict(r, t), ControlCheckText.release(r, t)});
        }
        pdf.table(new String[] {t.get("report.device.sn"), t.get("report.controlChecks.time"),
                t.get("report.controlChecks.asked"), t.get("report.controlChecks.verdict"),
                t.get("report.controlChecks.release")}, rows, new float[] {0.14f, 0.14f, 0.16f, 0.37f, 0.19f}, false);
    }

    /** Devices taken off a Zap, also those that were there before the visit; only when there were any. */
    private void removals(PdfLayout pdf) throws IOException {
        if (data.removals().isEmpty()) {
            return;
        }
        pdf.heading(t.get("report.section.removed"));
        List<String[]> rows = new ArrayList<>();
        for (CommissioningSession.Removal r : data.removals()) {
            rows.add(new String[] {r.sn(), r.profile().isEmpty() ? "–" : profileName(r.profile(), ""),
                    r.gatewaySerial().isEmpty() ? "–" : r.gatewaySerial(), time(r.at())});
        }
        pdf.table(new String[] {t.get("report.device.sn"), t.get("report.removed.profile"),
                t.get("report.removed.zap"), t.get("report.removed.time")}, rows,
                new float[] {0.25f, 0.25f, 0.25f, 0.25f}, false);
    }

    private void signature(PdfLayout pdf) throws IOException {
        pdf.need(90);
        pdf.heading(t.get("report.section.signature"));
        List<String[]> rows = new ArrayList<>();
        rows.add(row(t.get("report.signature.technician"), "\n\n"));
        rows.add(row(t.get("report.signature.customer"), "\n\n"));
        pdf.keyValues(rows);
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }
}
