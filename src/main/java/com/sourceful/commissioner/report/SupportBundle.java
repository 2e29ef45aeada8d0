package com.sourceful.commissioner.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFile;
import com.sourceful.commissioner.zap.Der;

/**
 * A zip to send to support when something went wrong: the app's log, the session as JSON, the visit's record as the
 * visit file holds it, the app, OS and Java versions, the language, the Zaps seen, and the commissioning report when
 * it can be made. Secrets are removed from every entry as it is written ({@link Redaction}): by field name, by shape
 * (JWT, Authorization, Bearer, private keys) and by value (the secrets the app knows of) — although the app never
 * logs or stores one.
 */
public final class SupportBundle {

    /** The log's tail that goes in, per file: the log is capped anyway, this bounds the zip. */
    static final int MAX_LOG_BYTES = 2 * 1024 * 1024;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    /** A Zap the app has seen in this run or remembers: serial, address, firmware, how it was found. */
    public record ZapSeen(String serial, String address, String firmware, String how) {
    }

    /**
     * What goes in, gathered on the UI thread.
     *
     * @param report        the report's data (also the session), if a session exists
     * @param config        how the app is configured, described without secrets (it is redacted again all the same)
     * @param logFiles      the log files, older first
     * @param knownSecrets  secret values the app holds (a typed token, the demo token), removed wherever they appear
     */
    /** @param visit the visit as saved (its id, when it began), when visits are saved; else made from the report */
    public record Contents(ReportData report, String config, List<ZapSeen> zapsSeen, List<Path> logFiles,
                           Collection<String> knownSecrets, String language, ZonedDateTime at,
                           Optional<SiteVisit> visit) {
        public Contents {
            zapsSeen = List.copyOf(zapsSeen);
            logFiles = List.copyOf(logFiles);
            knownSecrets = List.copyOf(knownSecrets.stream().filter(s -> s != null && !s.isBlank()).toList());
        }

        public Contents(ReportData report, String config, List<ZapSeen> zapsSeen, List<Path> logFiles,
                        Collection<String> knownSecrets, String language, ZonedDateTime at) {
            this(report, config, zapsSeen, logFiles, knownSecrets, language, at, Optional.empty());
        }
    }

    /** The entries every bundle has. */
    public static final List<String> ENTRIES = List.of("README.txt", "system.txt", "session.json", "visit.json",
            "zaps-seen.json");
    /** The visit's record in the visit file's format ({@link VisitFile}), to be read by the app's own reader. */
    public static final String VISIT_ENTRY = "visit.json";
    /**
     * The id {@code visit.json} has: the bundle is made from the session, which does not know the id its visit is
     * saved under; a UUID all zeros says so and is never a saved visit's (those are random).
     */
    public static final String VISIT_ID_UNKNOWN = new UUID(0, 0).toString();
    public static final String REPORT_ENTRY = "commissioning-report.pdf";

    private SupportBundle() {
    }

    /** {@code zap-support-<serial>-<yyyyMMdd-HHmm>.zip}. */
    public static String suggestedFileName(Contents c) {
        return "zap-support-" + c.report().serialForFileName() + "-" + FILE_TIME.format(c.at()) + ".zip";
    }

    /** Writes the bundle to {@code target} whole or not at all. */
    public static void write(Contents c, Path target) throws IOException {
        AtomicFiles.write(target, out -> write(c, out));
    }

    public static void write(Contents c, OutputStream out) throws IOException {
        Collection<String> secrets = c.knownSecrets();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            text(zip, "README.txt", readme(), secrets);
            text(zip, "system.txt", system(c), secrets);
            text(zip, "session.json", pretty(redactTree(session(c.report()))), secrets);
            // The visit's record as the visit file holds it (no secret in it); scanned for secrets all the same.
            text(zip, VISIT_ENTRY, VisitFile.write(c.visit().orElseGet(() -> new SiteVisit(VISIT_ID_UNKNOWN,
                    c.at().toInstant(), c.at().toInstant(), false, c.report().visit()))), secrets);
            text(zip, "zaps-seen.json", pretty(redactTree(zaps(c.zapsSeen()))), secrets);
            for (Path log : c.logFiles()) {
                if (Files.isRegularFile(log)) {
                    text(zip, "logs/" + log.getFileName(), tail(log), secrets);
                }
            }
            try {
                byte[] pdf = CommissioningReport.render(c.report());
                zip.putNextEntry(new ZipEntry(REPORT_ENTRY));
                zip.write(pdf);
                zip.closeEntry();
            } catch (IOException | RuntimeException e) {
                // The bundle is for when things go wrong: a report that cannot be made must not stop it.
                text(zip, "report-error.txt", "The report could not be made: " + e, secrets);
            }
        }
    }

    private static void text(ZipOutputStream zip, String name, String content, Collection<String> secrets)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Redaction.text(content, secrets).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String readme() {
        return """
                Zap Commissioner support bundle

                README.txt          this file
                system.txt          app, operating system and Java versions, language, time zone, configuration
                session.json        what was done in this session (devices, DERs, preflight, live values, load tests,
                                    control checks and control still held, Novacore results, outbox ids); device
                                    configurations without passwords
                visit.json          the visit's record (every Zap and device) as the app saves it, without passwords
                zaps-seen.json      the Zaps the app found or remembers
                logs/               the app's log (the newest last)
                commissioning-report.pdf  the report of this session, if it could be made

                Passwords, tokens, keys and Authorization headers are replaced by [redacted] in every file.
                """;
    }

    private static String system(Contents c) {
        StringBuilder s = new StringBuilder();
        line(s, "app", "Zap Commissioner " + c.report().appVersion());
        line(s, "build", AppVersion.fromPackagedJar() ? "packaged" : "development (not from an installer)");
        line(s, "made", c.at().toString());
        line(s, "time zone", c.at().getZone().getId());
        line(s, "language", c.language());
        line(s, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(s, "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version")) + " (" + System.getProperty("java.vendor") + ")");
        line(s, "javafx", System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "?")));
        line(s, "max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        line(s, "processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        line(s, "config", c.config());
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(String.format("%-11s %s%n", name + ":", value));
    }

    private static String tail(Path log) throws IOException {
        long size = Files.size(log);
        try (InputStream in = Files.newInputStream(log)) {
            long skip = Math.max(0, size - MAX_LOG_BYTES);
            in.skipNBytes(skip);
            // AppLog's stream writes in the platform charset (cp1252 on Windows with Java 17), as stderr does.
            String text = new String(in.readAllBytes(), Charset.defaultCharset());
            return skip > 0 ? "[… " + skip + " earlier bytes left out]\n" + text : text;
        }
    }

    static JsonObject session(ReportData r) {
        JsonObject o = new JsonObject();
        r.gateway().ifPresent(g -> o.add("zap", zap(g)));
        JsonArray zaps = new JsonArray();
        r.visit().gateways().forEach(g -> zaps.add(zap(g)));
        o.add("zaps", zaps);
        r.site().ifPresent(site -> {
            JsonObject j = new JsonObject();
            j.addProperty("name", site.name());
            site.novacoreSiteId().ifPresent(id -> j.addProperty("novacoreSiteId", id));
            o.add("site", j);
        });
        r.technician().ifPresent(id -> o.addProperty("technician", id));
        o.addProperty("reportMadeAt", r.generatedAt().toString());
        JsonArray devices = new JsonArray();
        for (CommissioningSession.DeviceVisit v : r.visits()) {
            devices.add(visit(v));
        }
        o.add("devices", devices);
        JsonArray tests = new JsonArray();
        for (CommissioningSession.LoadTestResult t : r.loadTests()) {
            JsonObject lt = new JsonObject();
            lt.addProperty("deviceSn", t.deviceSn());
            lt.addProperty("expectedWatts", t.expectedWatts());
            lt.addProperty("expectedPhase", t.expectedPhase());
            lt.addProperty("outcome", t.outcome());
            lt.addProperty("measuredDeltaWatts", t.measuredDeltaWatts());
            lt.addProperty("measuredPhase", t.measuredPhase());
            lt.addProperty("meterDeltaWatts", t.meterDeltaWatts());
            lt.addProperty("pvDeltaWatts", t.pvDeltaWatts());
            lt.addProperty("batteryDeltaWatts", t.batteryDeltaWatts());
            lt.addProperty("v2xDeltaWatts", t.v2xDeltaWatts());
            JsonArray counted = new JsonArray();
            t.counted().forEach(d -> counted.add(d.type() + " " + d.deviceSn()));
            lt.add("counted", counted);
            lt.addProperty("evenSpreadAssumed", t.evenSpreadAssumed());
            lt.addProperty("at", String.valueOf(t.at()));
            tests.add(lt);
        }
        o.add("loadTests", tests);
        JsonArray checks = new JsonArray();
        r.controlChecks().forEach(c -> checks.add(controlCheck(c)));
        o.add("controlChecks", checks);
        JsonArray holds = new JsonArray();
        for (ControlHold h : r.controlHolds()) {
            JsonObject j = new JsonObject();
            j.addProperty("zapSerial", h.zapSerial());
            j.addProperty("zapAddress", String.valueOf(h.zapUri()));
            j.addProperty("deviceSn", h.deviceSn());
            j.addProperty("action", h.action().name());
            j.addProperty("since", String.valueOf(h.since()));
            holds.add(j);
        }
        o.add("controlHolds", holds);
        JsonArray removed = new JsonArray();
        for (CommissioningSession.Removal gone : r.removals()) {
            JsonObject rm = new JsonObject();
            rm.addProperty("zapSerial", gone.gatewaySerial());
            rm.addProperty("sn", gone.sn());
            rm.addProperty("profile", gone.profile());
            rm.addProperty("at", String.valueOf(gone.at()));
            removed.add(rm);
        }
        o.add("removedDevices", removed);
        return o;
    }

    /** Every field of the check; a number not measured (or not finite: no baseline read) is left out. */
    private static JsonObject controlCheck(ControlResult c) {
        JsonObject j = new JsonObject();
        j.addProperty("zapSerial", c.zapSerial());
        j.addProperty("deviceSn", c.deviceSn());
        j.addProperty("action", c.action().name());
        number(j, "setpointW", c.setpointW());
        j.addProperty("plannedSeconds", c.plannedSeconds());
        j.addProperty("outcome", c.outcome().name());
        j.addProperty("stop", c.stop().name());
        j.addProperty("limitedBy", c.limitedBy().name());
        number(j, "baselineW", c.baselineW());
        c.reachedW().ifPresent(x -> number(j, "reachedW", x));
        c.secondsToFollow().ifPresent(x -> number(j, "secondsToFollow", x));
        c.meterDeltaW().ifPresent(x -> number(j, "meterDeltaW", x));
        c.houseDeltaW().ifPresent(x -> number(j, "houseDeltaW", x));
        c.socStart().ifPresent(x -> number(j, "socStart", x));
        c.socEnd().ifPresent(x -> number(j, "socEnd", x));
        j.addProperty("readings", c.readings());
        j.addProperty("startedAt", String.valueOf(c.startedAt()));
        j.addProperty("endedAt", String.valueOf(c.endedAt()));
        c.problem().ifPresent(p -> j.addProperty("problem", p));
        j.addProperty("released", c.released());
        c.releaseProblem().ifPresent(p -> j.addProperty("releaseProblem", p));
        return j;
    }

    /** JSON has no NaN: a number that is not finite is left out. */
    private static void number(JsonObject j, String name, double value) {
        if (Double.isFinite(value)) {
            j.addProperty(name, value);
        }
    }

    private static JsonObject zap(CommissioningSession.Gateway g) {
        JsonObject zap = new JsonObject();
        zap.addProperty("serial", g.serial());
        zap.addProperty("address", String.valueOf(g.baseUri()));
        zap.addProperty("firmware", g.firmwareVersion());
        return zap;
    }

    private static JsonObject visit(CommissioningSession.DeviceVisit v) {
        CommissioningSession.Device d = v.device();
        JsonObject o = new JsonObject();
        o.addProperty("zapSerial", v.gatewaySerial());
        o.addProperty("sn", d.sn());
        o.addProperty("profile", d.profile());
        o.addProperty("group", d.groupOfProfile());
        o.addProperty("name", d.displayName());
        JsonObject config = new JsonObject();
        for (Map.Entry<String, Object> f : Redaction.fields(d.config().fields(), Redaction.MARK).entrySet()) {
            config.add(f.getKey(), primitive(f.getValue()));
        }
        o.add("config", config);
        JsonArray ders = new JsonArray();
        for (Der der : d.ders()) {
            JsonObject j = new JsonObject();
            j.addProperty("type", der.type());
            j.addProperty("enabledWhenAdded", der.enabled());
            der.ratedPowerW().ifPresent(x -> j.addProperty("ratedPowerW", x));
            der.installedPowerW().ifPresent(x -> j.addProperty("installedPowerW", x));
            der.capacityWh().ifPresent(x -> j.addProperty("capacityWh", x));
            ders.add(j);
        }
        o.add("ders", ders);
        JsonArray published = new JsonArray();
        v.publishedDers().forEach(published::add);
        o.add("publishedDers", published);
        v.preflight().ifPresent(p -> {
            JsonObject j = new JsonObject();
            j.addProperty("outcome", p.outcome().name());
            j.addProperty("reason", p.reason().name());
            j.addProperty("target", p.target());
            p.modbusExceptionCode().ifPresent(code -> j.addProperty("modbusExceptionCode", code));
            j.addProperty("detail", p.detail());
            o.add("preflight", j);
        });
        v.live().ifPresent(live -> {
            JsonObject j = new JsonObject();
            j.addProperty("takenAt", String.valueOf(live.takenAt()));
            JsonArray list = new JsonArray();
            for (CommissioningSession.DerLive der : live.ders()) {
                JsonObject dj = new JsonObject();
                dj.addProperty("type", der.type());
                dj.addProperty("readingAt", String.valueOf(der.readingAt()));
                JsonObject values = new JsonObject();
                der.values().forEach(x -> values.addProperty(x.label(), x.value()));
                dj.add("values", values);
                list.add(dj);
            }
            j.add("ders", list);
            o.add("live", j);
        });
        v.chartPng().ifPresent(png -> o.addProperty("chartPngBytes", png.length));
        v.provisionResult().ifPresent(p -> o.add("novacore", result(p)));
        v.queuedOutboxId().ifPresent(id -> o.addProperty("outboxId", id));
        return o;
    }

    private static JsonObject result(ProvisionResult p) {
        JsonObject j = new JsonObject();
        j.addProperty("created", p.created());
        j.addProperty("deviceId", p.deviceId());
        j.addProperty("hardwareId", p.hardwareId());
        j.addProperty("siteId", p.siteId());
        j.addProperty("state", p.state());
        JsonArray ders = new JsonArray();
        for (ProvisionResult.ProvisionedDer d : p.ders()) {
            JsonObject dj = new JsonObject();
            dj.addProperty("id", d.id());
            dj.addProperty("name", d.name());
            dj.addProperty("type", d.type());
            ders.add(dj);
        }
        j.add("ders", ders);
        return j;
    }

    private static JsonArray zaps(List<ZapSeen> zaps) {
        JsonArray a = new JsonArray();
        for (ZapSeen z : zaps) {
            JsonObject j = new JsonObject();
            j.addProperty("serial", z.serial());
            j.addProperty("address", z.address());
            j.addProperty("firmware", z.firmware());
            j.addProperty("foundBy", z.how());
            a.add(j);
        }
        return a;
    }

    private static JsonElement primitive(Object v) {
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    /** Every member whose name says secret gets {@link Redaction#MARK}, at any depth. */
    static JsonElement redactTree(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                out.add(m.getKey(), Redaction.isSecretName(m.getKey()) ? new JsonPrimitive(Redaction.MARK)
                        : redactTree(m.getValue()));
            }
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(redactTree(x)));
            return out;
        }
        return e;
    }

    private static String pretty(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(e);
    }

    /** For tests and callers that want to know what a bundle holds. */
    public static Set<String> entryNames(Contents c) {
        List<String> names = new ArrayList<>(ENTRIES);
        c.logFiles().stream().filter(Files::isRegularFile).map(p -> "logs/" + p.getFileName()).forEach(names::add);
        names.add(REPORT_ENTRY);
        return Set.copyOf(names);
    }
}
