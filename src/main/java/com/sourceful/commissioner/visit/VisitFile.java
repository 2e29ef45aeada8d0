package com.sourceful.commissioner.visit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.sourceful.commissioner.commissioning.CommissioningSession.DerLive;
import com.sourceful.commissioner.commissioning.CommissioningSession.Device;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Gateway;
import com.sourceful.commissioner.commissioning.CommissioningSession.Identity;
import com.sourceful.commissioner.commissioning.CommissioningSession.LiveSnapshot;
import com.sourceful.commissioner.commissioning.CommissioningSession.LiveValue;
import com.sourceful.commissioner.commissioning.CommissioningSession.LoadTestResult;
import com.sourceful.commissioner.commissioning.CommissioningSession.Removal;
import com.sourceful.commissioner.commissioning.CommissioningSession.SiteChoice;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.commissioning.CommissioningSession.WifiChange;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/**
 * The saved visit as a JSON file: {@code "format": "zap-commissioner-visit"}, {@code "version": 1}, the visit's id,
 * times and state, and the session's snapshot, field names in snake_case, optional fields left out when empty.
 * <p>
 * Reading treats the file as untrusted (a colleague's export, a disk error, a hand edit): it must be UTF-8 JSON of at
 * most {@link #MAX_FILE_BYTES}, nested at most {@link #MAX_DEPTH} deep, no field given twice; every field is checked
 * for its type and bounds (text lengths, list sizes, finite numbers, known enum values, http/https addresses,
 * printable ids, the chart a PNG of at most {@link #MAX_CHART_PNG_BYTES}); unknown fields are ignored. Anything else is
 * a {@link VisitFileException} naming the field's path; no other exception escapes. One exception: a control check
 * whose verdict (action, outcome, stop, limit) is a value this app does not know, from a newer app, is left out, so
 * the rest of the visit (which devices may still be under control) still reads.
 * <p>
 * Secrets: a device config's secret fields ({@link DeviceConfig#SECRET_FIELDS}) are written and read only as the
 * redaction mark {@link DeviceConfig#withoutSecrets()} puts there, never a value, so a session's redacted config
 * reads back exactly. A number that is not finite (only a broken reading makes one) is written as {@code null}: a
 * measured value reads back as NaN, an optional one as empty, a config value as absent.
 */
public final class VisitFile {

    public static final String FORMAT = "zap-commissioner-visit";
    public static final int VERSION = 1;

    /**
     * Far above a real visit (a few KiB per device, plus its chart image of some 50–200 KiB, as base64), so a visit
     * with dozens of devices fits; a bigger file is not this app's and is not read whole.
     */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    /** A chart image of the Verify step is some 50–200 KiB; ten times that is still one, more is not. */
    public static final int MAX_CHART_PNG_BYTES = 2 * 1024 * 1024;
    /** The file's own structure is 7 levels deep; deeper nesting is refused before it can exhaust the stack. */
    static final int MAX_DEPTH = 32;
    /** Free text: names, addresses, the identity check's evidence, a preflight's detail. */
    static final int MAX_TEXT = 8192;
    /** Identifiers: serials, sns, profiles, Novacore's ids, DER types. */
    static final int MAX_ID = 256;
    /** Any list or map: devices, DERs, load tests, config fields; a site has a handful of each. */
    static final int MAX_ITEMS = 1000;
    /** A number's text: more digits than a double holds says the file is not this app's. */
    private static final int MAX_NUMBER_TEXT = 64;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern PLACE = Pattern.compile("line \\d+ column \\d+");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
    private static final Set<String> ZAP_GROUPS = Arrays.stream(ProfileCatalogue.Group.values())
            .map(ProfileCatalogue.Group::zapGroup).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> LOAD_TEST_OUTCOMES = Arrays.stream(LoadTest.Outcome.values())
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private VisitFile() {
    }

    /** Whether {@code id} has the form of a visit's id (a lower-case UUID), so it is safe as a file name. */
    public static boolean isVisitId(String id) {
        return id != null && UUID_FORM.matcher(id).matches();
    }

    // ---- writing --------------------------------------------------------------------------------------------

    /** The visit as the file's text (UTF-8 when saved); a device config's secrets are never in it. */
    public static String write(SiteVisit visit) {
        StringWriter text = new StringWriter();
        try (JsonWriter w = new JsonWriter(text)) {
            w.setIndent("  ");
            w.setHtmlSafe(false);
            w.setSerializeNulls(true);
            w.beginObject();
            w.name("format").value(FORMAT);
            w.name("version").value(VERSION);
            w.name("id").value(str(visit.id()));
            w.name("started_at").value(instant(visit.startedAt()));
            w.name("saved_at").value(instant(visit.savedAt()));
            w.name("finished").value(visit.finished());
            w.name("session");
            writeSnapshot(w, visit.session());
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    private static void writeSnapshot(JsonWriter w, Snapshot s) throws IOException {
        w.beginObject();
        if (s.gateway().isPresent()) {
            w.name("gateway");
            writeGateway(w, s.gateway().get());
        }
        w.name("gateways").beginArray();
        for (Gateway g : s.gateways()) {
            writeGateway(w, g);
        }
        w.endArray();
        if (s.site().isPresent()) {
            SiteChoice c = s.site().get();
            w.name("site").beginObject();
            optional(w, "novacore_site_id", c.novacoreSiteId());
            w.name("name").value(str(c.name()));
            w.endObject();
        }
        w.name("visits").beginArray();
        for (DeviceVisit v : s.visits()) {
            writeDeviceVisit(w, v);
        }
        w.endArray();
        optional(w, "current_device", s.currentDevice());
        w.name("load_tests").beginArray();
        for (LoadTestResult t : s.loadTests()) {
            writeLoadTest(w, t);
        }
        w.endArray();
        w.name("removals").beginArray();
        for (Removal r : s.removals()) {
            w.beginObject();
            w.name("gateway_serial").value(str(r.gatewaySerial()));
            w.name("sn").value(str(r.sn()));
            w.name("profile").value(str(r.profile()));
            w.name("at").value(instant(r.at()));
            w.endObject();
        }
        w.endArray();
        w.name("wifi_changes").beginArray();
        for (WifiChange c : s.wifiChanges()) {
            w.beginObject();
            w.name("gateway_serial").value(str(c.gatewaySerial()));
            w.name("ssid").value(str(c.ssid()));
            w.name("new_address").value(c.newAddress() == null ? "" : c.newAddress().toString());
            w.name("at").value(instant(c.at()));
            w.endObject();
        }
        w.endArray();
        w.name("claims").beginObject();
        for (Map.Entry<String, String> c : new TreeMap<>(s.claims()).entrySet()) {
            w.name(c.getKey()).value(str(c.getValue()));
        }
        w.endObject();
        optional(w, "technician", s.technician());
        w.name("history").beginArray();
        for (ProvisionResult r : s.history()) {
            writeProvisionResult(w, r);
        }
        w.endArray();
        w.name("control_checks").beginArray();
        for (ControlResult r : s.controlChecks()) {
            writeControlCheck(w, r);
        }
        w.endArray();
        w.name("control_holds").beginArray();
        for (ControlHold h : s.controlHolds()) {
            w.beginObject();
            w.name("zap_serial").value(str(h.zapSerial()));
            w.name("zap_uri").value(h.zapUri().toString());
            w.name("device_sn").value(str(h.deviceSn()));
            w.name("action").value(h.action().name());
            w.name("since").value(instant(h.since()));
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void writeControlCheck(JsonWriter w, ControlResult r) throws IOException {
        w.beginObject();
        w.name("zap_serial").value(str(r.zapSerial()));
        w.name("device_sn").value(str(r.deviceSn()));
        w.name("action").value(r.action().name());
        w.name("setpoint_w");
        number(w, r.setpointW());
        w.name("planned_seconds").value(r.plannedSeconds());
        w.name("outcome").value(r.outcome().name());
        w.name("stop").value(r.stop().name());
        w.name("limited_by").value(r.limitedBy().name());
        w.name("baseline_w");
        number(w, r.baselineW());
        optional(w, "reached_w", r.reachedW());
        optional(w, "seconds_to_follow", r.secondsToFollow());
        optional(w, "meter_delta_w", r.meterDeltaW());
        optional(w, "house_delta_w", r.houseDeltaW());
        optional(w, "soc_start", r.socStart());
        optional(w, "soc_end", r.socEnd());
        w.name("readings").value(r.readings());
        w.name("started_at").value(instant(r.startedAt()));
        w.name("ended_at").value(instant(r.endedAt()));
        optional(w, "problem", r.problem());
        w.name("released").value(r.released());
        optional(w, "release_problem", r.releaseProblem());
        w.endObject();
    }

    private static void writeGateway(JsonWriter w, Gateway g) throws IOException {
        w.beginObject();
        w.name("serial").value(str(g.serial()));
        w.name("base_uri").value(g.baseUri() == null ? "" : g.baseUri().toString());
        w.name("firmware_version").value(str(g.firmwareVersion()));
        w.name("serial_confirmed").value(g.serialConfirmed());
        w.endObject();
    }

    private static void writeDeviceVisit(JsonWriter w, DeviceVisit v) throws IOException {
        w.beginObject();
        w.name("gateway_serial").value(str(v.gatewaySerial()));
        Device d = v.device();
        w.name("device").beginObject();
        w.name("sn").value(str(d.sn()));
        w.name("profile").value(str(d.profile()));
        w.name("group").value(str(d.groupOfProfile()));
        w.name("display_name").value(str(d.displayName()));
        w.name("config");
        writeConfig(w, d.config());
        w.name("ders").beginArray();
        for (Der der : d.ders() == null ? List.<Der>of() : d.ders()) {
            w.beginObject();
            w.name("type").value(str(der.type()));
            w.name("enabled").value(der.enabled());
            optional(w, "rated_power_w", der.ratedPowerW());
            optional(w, "installed_power_w", der.installedPowerW());
            optional(w, "capacity_wh", der.capacityWh());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        if (v.preflight().isPresent()) {
            PreflightResult p = v.preflight().get();
            w.name("preflight").beginObject();
            w.name("outcome").value(p.outcome().name());
            w.name("reason").value(p.reason().name());
            w.name("target").value(p.target());
            if (p.modbusExceptionCode().isPresent()) {
                w.name("modbus_exception_code").value(p.modbusExceptionCode().getAsInt());
            }
            w.name("detail").value(p.detail());
            w.endObject();
        }
        w.name("published_ders").beginArray();
        for (String type : v.publishedDers() == null ? List.<String>of() : v.publishedDers()) {
            w.value(str(type));
        }
        w.endArray();
        if (v.live().isPresent()) {
            LiveSnapshot live = v.live().get();
            w.name("live").beginObject();
            w.name("taken_at").value(instant(live.takenAt()));
            w.name("ders").beginArray();
            for (DerLive der : live.ders()) {
                w.beginObject();
                w.name("type").value(str(der.type()));
                w.name("label").value(str(der.label()));
                w.name("reading_at").value(instant(der.readingAt()));
                w.name("values").beginArray();
                for (LiveValue value : der.values()) {
                    w.beginObject();
                    w.name("label").value(str(value.label()));
                    w.name("value").value(str(value.value()));
                    w.endObject();
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        if (v.chartPng().isPresent()) {
            w.name("chart_png").value(Base64.getEncoder().encodeToString(v.chartPng().get()));
        }
        if (v.provisionResult().isPresent()) {
            w.name("provision_result");
            writeProvisionResult(w, v.provisionResult().get());
        }
        optional(w, "queued_outbox_id", v.queuedOutboxId());
        if (v.identityCheck().isPresent()) {
            IdentityCheck c = v.identityCheck().get();
            w.name("identity_check").beginObject();
            w.name("outcome").value(c.outcome().name());
            if (c.scanned().isPresent()) {
                w.name("scanned");
                writeIdentity(w, c.scanned().get());
            }
            if (c.throughZap().isPresent()) {
                w.name("through_zap");
                writeIdentity(w, c.throughZap().get());
            }
            w.name("evidence").value(str(c.evidence()));
            w.endObject();
        }
        if (v.identity().isPresent()) {
            w.name("identity");
            writeIdentity(w, v.identity().get());
        }
        w.endObject();
    }

    /** The config as {@link DeviceConfig#withoutSecrets()} makes it: a secret field holds the mark, never a value. */
    private static void writeConfig(JsonWriter w, DeviceConfig config) throws IOException {
        w.beginObject();
        for (Map.Entry<String, Object> f : config.withoutSecrets().fields().entrySet()) {
            w.name(f.getKey());
            Object value = f.getValue();
            if (value instanceof Boolean b) {
                w.value(b);
            } else if (value instanceof Integer i) {
                w.value(i.intValue());
            } else if (value instanceof Number n) {
                number(w, n.doubleValue());
            } else {
                w.value(String.valueOf(value));
            }
        }
        w.endObject();
    }

    private static void writeLoadTest(JsonWriter w, LoadTestResult t) throws IOException {
        w.beginObject();
        w.name("device_sn").value(str(t.deviceSn()));
        w.name("expected_watts");
        number(w, t.expectedWatts());
        w.name("expected_phase").value(t.expectedPhase());
        w.name("outcome").value(str(t.outcome()));
        w.name("measured_delta_watts");
        number(w, t.measuredDeltaWatts());
        w.name("measured_phase").value(t.measuredPhase());
        w.name("at").value(instant(t.at()));
        w.name("meter_delta_watts");
        number(w, t.meterDeltaWatts());
        w.name("pv_delta_watts");
        number(w, t.pvDeltaWatts());
        w.name("battery_delta_watts");
        number(w, t.batteryDeltaWatts());
        w.name("v2x_delta_watts");
        number(w, t.v2xDeltaWatts());
        w.name("counted").beginArray();
        for (LoadTest.DerId id : t.counted()) {
            w.beginObject();
            w.name("type").value(str(id.type()));
            w.name("device_sn").value(str(id.deviceSn()));
            w.endObject();
        }
        w.endArray();
        w.name("even_spread_assumed").value(t.evenSpreadAssumed());
        w.endObject();
    }

    private static void writeProvisionResult(JsonWriter w, ProvisionResult r) throws IOException {
        w.beginObject();
        w.name("created").value(r.created());
        w.name("device_id").value(str(r.deviceId()));
        w.name("hardware_id").value(str(r.hardwareId()));
        w.name("site_id").value(str(r.siteId()));
        w.name("state").value(str(r.state()));
        w.name("ders").beginArray();
        for (ProvisionResult.ProvisionedDer d : r.ders() == null ? List.<ProvisionResult.ProvisionedDer>of()
                : r.ders()) {
            w.beginObject();
            w.name("id").value(str(d.id()));
            w.name("name").value(str(d.name()));
            w.name("type").value(str(d.type()));
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void writeIdentity(JsonWriter w, Identity identity) throws IOException {
        w.beginObject();
        optional(w, "manufacturer", identity.manufacturer());
        optional(w, "model", identity.model());
        optional(w, "serial", identity.serial());
        w.endObject();
    }

    private static void optional(JsonWriter w, String name, Optional<String> value) throws IOException {
        if (value != null && value.isPresent()) {
            w.name(name).value(value.get());
        }
    }

    private static void optional(JsonWriter w, String name, OptionalDouble value) throws IOException {
        if (value != null && value.isPresent()) {
            w.name(name);
            number(w, value.getAsDouble());
        }
    }

    /** A finite number as itself (exactly: the shortest text that reads back as the same double); else null. */
    private static void number(JsonWriter w, double value) throws IOException {
        if (Double.isFinite(value)) {
            w.value(value);
        } else {
            w.nullValue();
        }
    }

    /** Never null in the file: a missing text in a record reads back as empty. */
    private static String str(String s) {
        return s == null ? "" : s;
    }

    private static String instant(Instant at) {
        return at == null ? Instant.EPOCH.toString() : at.toString();
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** The visit in {@code bytes}, checked as untrusted input; see the class comment. */
    public static SiteVisit read(byte[] bytes) throws VisitFileException {
        if (bytes == null) {
            throw new VisitFileException("no file");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new VisitFileException("larger than " + MAX_FILE_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new VisitFileException("not UTF-8 text");
        }
        try {
            return visit(new Node(parse(text), ""));
        } catch (RuntimeException | StackOverflowError e) {
            // Every check above throws VisitFileException; this is the net for what no check foresaw.
            throw new VisitFileException("not a visit file: " + e.getClass().getSimpleName(), e);
        }
    }

    private static SiteVisit visit(Node root) throws VisitFileException {
        root.requireObject();
        String format = root.optText("format", MAX_ID).orElseThrow(() -> root.missing("format"));
        if (!format.equals(FORMAT)) {
            throw new VisitFileException("format: not a visit file of this app");
        }
        int version = root.integer("version", 1, Integer.MAX_VALUE);
        if (version > VERSION) {
            throw new VisitFileException("version: the file is of version " + version
                    + ", written by a newer app; this app reads version " + VERSION + ": update the app to open it");
        }
        String id = root.id("id");
        if (!isVisitId(id)) {
            throw new VisitFileException("id: not a visit id (a UUID)");
        }
        return new SiteVisit(id, root.instant("started_at"), root.instant("saved_at"), root.bool("finished"),
                snapshot(root.object("session")));
    }

    private static Snapshot snapshot(Node s) throws VisitFileException {
        Optional<Gateway> gateway = s.optObject("gateway").isEmpty() ? Optional.empty()
                : Optional.of(gateway(s.object("gateway")));
        // Left out (a file of before several Zaps): the chosen Zap is the visit's one.
        List<Gateway> gateways = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        for (Node g : s.objects("gateways")) {
            Gateway zap = gateway(g);
            if (!serials.add(zap.serial())) {
                throw new VisitFileException(g.path("serial") + ": a Zap given twice");
            }
            gateways.add(zap);
        }
        Optional<SiteChoice> site = Optional.empty();
        if (s.optObject("site").isPresent()) {
            Node c = s.object("site");
            site = Optional.of(new SiteChoice(c.optId("novacore_site_id"), c.text("name")));
        }
        List<DeviceVisit> visits = new ArrayList<>();
        for (Node v : s.objects("visits")) {
            visits.add(deviceVisit(v));
        }
        List<LoadTestResult> loadTests = new ArrayList<>();
        for (Node t : s.objects("load_tests")) {
            loadTests.add(loadTest(t));
        }
        List<Removal> removals = new ArrayList<>();
        for (Node r : s.objects("removals")) {
            removals.add(new Removal(r.id("gateway_serial"), r.id("sn"), r.id("profile"), r.instant("at")));
        }
        List<WifiChange> wifiChanges = new ArrayList<>();
        for (Node c : s.objects("wifi_changes")) {
            wifiChanges.add(new WifiChange(c.id("gateway_serial"), c.text("ssid"), c.uri("new_address"),
                    c.instant("at")));
        }
        Map<String, String> claims = s.idMap("claims");
        List<ProvisionResult> history = new ArrayList<>();
        for (Node r : s.objects("history")) {
            history.add(provisionResult(r));
        }
        List<ControlResult> controlChecks = new ArrayList<>();
        for (Node c : s.objects("control_checks")) {
            controlCheck(c).ifPresent(controlChecks::add);
        }
        List<ControlHold> controlHolds = new ArrayList<>();
        for (Node h : s.objects("control_holds")) {
            controlHolds.add(new ControlHold(h.id("zap_serial"), h.uri("zap_uri"), h.id("device_sn"),
                    h.enumOf("action", ControlAction.class), h.instant("since")));
        }
        return new Snapshot(gateway, site, visits, s.optId("current_device"), loadTests, removals, wifiChanges,
                claims, s.optText("technician", MAX_TEXT), history, gateways, controlChecks, controlHolds);
    }

    /**
     * A control check; empty when its action, outcome, stop or limit is a value this app does not know (a newer
     * app's): that check is left out and the rest of the visit still reads, its holds above all. Anything else wrong
     * in it refuses the file, as for every other field.
     */
    private static Optional<ControlResult> controlCheck(Node c) throws VisitFileException {
        Optional<ControlAction> action = c.knownEnum("action", ControlAction.class);
        Optional<ControlResult.Outcome> outcome = c.knownEnum("outcome", ControlResult.Outcome.class);
        Optional<ControlResult.Stop> stop = c.knownEnum("stop", ControlResult.Stop.class);
        Optional<ControlResult.Limited> limitedBy = c.knownEnum("limited_by", ControlResult.Limited.class);
        ControlResult check = new ControlResult(c.id("zap_serial"), c.id("device_sn"),
                action.orElse(ControlAction.CHARGE), c.measured("setpoint_w"),
                c.integer("planned_seconds", 0, Integer.MAX_VALUE), outcome.orElse(ControlResult.Outcome.NOT_RUN),
                stop.orElse(ControlResult.Stop.ERROR), limitedBy.orElse(ControlResult.Limited.NONE),
                c.measured("baseline_w"), c.optNumber("reached_w"), c.optNumber("seconds_to_follow"),
                c.optNumber("meter_delta_w"), c.optNumber("house_delta_w"), c.optNumber("soc_start"),
                c.optNumber("soc_end"), c.integer("readings", 0, Integer.MAX_VALUE), c.instant("started_at"),
                c.instant("ended_at"), c.optText("problem", MAX_TEXT), c.bool("released"),
                c.optText("release_problem", MAX_TEXT));
        boolean known = action.isPresent() && outcome.isPresent() && stop.isPresent() && limitedBy.isPresent();
        return known ? Optional.of(check) : Optional.empty();
    }

    private static Gateway gateway(Node g) throws VisitFileException {
        return new Gateway(g.id("serial"), g.uri("base_uri"), g.text("firmware_version"),
                g.optBool("serial_confirmed").orElse(true));
    }

    private static DeviceVisit deviceVisit(Node v) throws VisitFileException {
        Node d = v.object("device");
        String group = d.id("group");
        if (!ZAP_GROUPS.contains(group)) {
            throw new VisitFileException(d.path("group") + ": not a group this app knows");
        }
        List<Der> ders = new ArrayList<>();
        for (Node der : d.objects("ders")) {
            ders.add(new Der(der.id("type"), der.bool("enabled"), der.optNumber("rated_power_w"),
                    der.optNumber("installed_power_w"), der.optNumber("capacity_wh")));
        }
        Device device = new Device(d.id("sn"), d.id("profile"), group, d.text("display_name"),
                config(d.object("config")), List.copyOf(ders));

        Optional<PreflightResult> preflight = Optional.empty();
        if (v.optObject("preflight").isPresent()) {
            Node p = v.object("preflight");
            OptionalInt code = p.has("modbus_exception_code")
                    ? OptionalInt.of(p.integer("modbus_exception_code", 0, 255)) : OptionalInt.empty();
            preflight = Optional.of(new PreflightResult(p.enumOf("outcome", PreflightResult.Outcome.class),
                    p.enumOf("reason", PreflightResult.Reason.class), p.text("target"), code, p.text("detail")));
        }
        Optional<LiveSnapshot> live = Optional.empty();
        if (v.optObject("live").isPresent()) {
            Node l = v.object("live");
            List<DerLive> derLive = new ArrayList<>();
            for (Node der : l.objects("ders")) {
                List<LiveValue> values = new ArrayList<>();
                for (Node value : der.objects("values")) {
                    values.add(new LiveValue(value.text("label"), value.text("value")));
                }
                derLive.add(new DerLive(der.id("type"), der.text("label"), der.instant("reading_at"), values));
            }
            live = Optional.of(new LiveSnapshot(l.instant("taken_at"), derLive));
        }
        Optional<ProvisionResult> result = v.optObject("provision_result").isEmpty() ? Optional.empty()
                : Optional.of(provisionResult(v.object("provision_result")));
        Optional<IdentityCheck> check = Optional.empty();
        if (v.optObject("identity_check").isPresent()) {
            Node c = v.object("identity_check");
            check = Optional.of(new IdentityCheck(c.enumOf("outcome", IdentityCheck.Outcome.class),
                    c.optObject("scanned").isEmpty() ? Optional.empty() : Optional.of(identity(c.object("scanned"))),
                    c.optObject("through_zap").isEmpty() ? Optional.empty()
                            : Optional.of(identity(c.object("through_zap"))),
                    c.text("evidence")));
        }
        Optional<Identity> identity = v.optObject("identity").isEmpty() ? Optional.empty()
                : Optional.of(identity(v.object("identity")));
        return new DeviceVisit(v.id("gateway_serial"), device, preflight, List.copyOf(v.ids("published_ders")),
                live, v.optPng("chart_png"), result, v.optId("queued_outbox_id"), check, identity);
    }

    /** A config's fields in their order: text, true/false, an Integer (no fraction or exponent) or a Double. */
    private static DeviceConfig config(Node c) throws VisitFileException {
        String type = c.id("type");
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> f : c.entries()) {
            String name = f.getKey();
            String path = c.path(name);
            if (name.equals("type")) {
                continue;
            }
            checkId(name, path + " (its name)");
            JsonElement value = f.getValue();
            if (value.isJsonNull()) {
                continue; // a number that was not finite
            }
            if (!value.isJsonPrimitive()) {
                throw new VisitFileException(path + ": not a text, number or true/false");
            }
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isBoolean()) {
                fields.put(name, p.getAsBoolean());
            } else if (p.isNumber()) {
                String digits = p.getAsNumber().toString();
                fields.put(name, INTEGER.matcher(digits).matches() && fitsInt(digits) ? (Object) Integer.valueOf(digits)
                        : (Object) finite(digits, path));
            } else {
                fields.put(name, checkText(p.getAsString(), MAX_TEXT, path));
            }
        }
        // Whatever the file holds in a secret field, only the mark is kept.
        return DeviceConfig.of(type, fields).withoutSecrets();
    }

    private static LoadTestResult loadTest(Node t) throws VisitFileException {
        String outcome = t.id("outcome");
        if (!LOAD_TEST_OUTCOMES.contains(outcome)) {
            throw new VisitFileException(t.path("outcome") + ": not a load test outcome this app knows");
        }
        List<LoadTest.DerId> counted = new ArrayList<>();
        for (Node id : t.objects("counted")) {
            counted.add(new LoadTest.DerId(id.id("type"), id.id("device_sn")));
        }
        return new LoadTestResult(t.id("device_sn"), t.measured("expected_watts"), t.integer("expected_phase", 0, 3),
                outcome, t.measured("measured_delta_watts"), t.integer("measured_phase", 0, 3), t.instant("at"),
                t.measured("meter_delta_watts"), t.measured("pv_delta_watts"), t.measured("battery_delta_watts"),
                t.measured("v2x_delta_watts"), counted, t.bool("even_spread_assumed"));
    }

    private static ProvisionResult provisionResult(Node r) throws VisitFileException {
        List<ProvisionResult.ProvisionedDer> ders = new ArrayList<>();
        for (Node d : r.objects("ders")) {
            ders.add(new ProvisionResult.ProvisionedDer(d.id("id"), d.text("name"), d.id("type")));
        }
        return new ProvisionResult(r.bool("created"), r.id("device_id"), r.id("hardware_id"), r.id("site_id"),
                r.id("state"), List.copyOf(ders));
    }

    private static Identity identity(Node i) throws VisitFileException {
        return new Identity(i.optText("manufacturer", MAX_TEXT), i.optText("model", MAX_TEXT),
                i.optText("serial", MAX_TEXT));
    }

    private static boolean fitsInt(String digits) {
        long v = Long.parseLong(digits); // at most 10 digits: fits a long
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    private static double finite(String digits, String path) throws VisitFileException {
        if (digits.length() > MAX_NUMBER_TEXT) {
            throw new VisitFileException(path + ": a number too long");
        }
        double d;
        try {
            d = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new VisitFileException(path + ": not a number");
        }
        if (!Double.isFinite(d)) {
            throw new VisitFileException(path + ": a number out of range");
        }
        return d;
    }

    private static String checkText(String s, int max, String path) throws VisitFileException {
        if (s.length() > max) {
            throw new VisitFileException(path + ": longer than " + max + " characters");
        }
        return s;
    }

    /** An id: at most {@link #MAX_ID} characters, none of them a control, format or lone surrogate character. */
    private static String checkId(String s, String path) throws VisitFileException {
        checkText(s, MAX_ID, path);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                throw new VisitFileException(path + ": not printable");
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    /** A field name as a message may show it: only names shaped like this app's own, else "?" (no file content). */
    private static String segment(String name) {
        return SAFE_NAME.matcher(name).matches() ? name : "?";
    }

    /** A JSON object's field in the file, with its path for messages. */
    private record Node(JsonElement element, String at) {

        String path(String name) {
            return at.isEmpty() ? segment(name) : at + "." + segment(name);
        }

        VisitFileException missing(String name) {
            return new VisitFileException(path(name) + ": missing");
        }

        void requireObject() throws VisitFileException {
            if (!element.isJsonObject()) {
                throw new VisitFileException((at.isEmpty() ? "the file" : at) + ": not an object");
            }
        }

        JsonObject object() {
            return element.getAsJsonObject();
        }

        boolean has(String name) {
            JsonElement e = object().get(name);
            return e != null && !e.isJsonNull();
        }

        Iterable<Map.Entry<String, JsonElement>> entries() {
            return object().entrySet();
        }

        /** The field's value; null when missing or null (an optional field left out). */
        private JsonElement get(String name) {
            JsonElement e = object().get(name);
            return e == null || e.isJsonNull() ? null : e;
        }

        private JsonElement required(String name) throws VisitFileException {
            JsonElement e = get(name);
            if (e == null) {
                throw missing(name);
            }
            return e;
        }

        private JsonPrimitive primitive(String name, String what, Predicate<JsonPrimitive> is)
                throws VisitFileException {
            JsonElement e = required(name);
            if (!e.isJsonPrimitive() || !is.test(e.getAsJsonPrimitive())) {
                throw new VisitFileException(path(name) + ": not " + what);
            }
            return e.getAsJsonPrimitive();
        }

        String text(String name) throws VisitFileException {
            return checkText(primitive(name, "a text", JsonPrimitive::isString).getAsString(), MAX_TEXT,
                    path(name));
        }

        Optional<String> optText(String name, int max) throws VisitFileException {
            return has(name) ? Optional.of(checkText(primitive(name, "a text", JsonPrimitive::isString)
                    .getAsString(), max, path(name))) : Optional.empty();
        }

        String id(String name) throws VisitFileException {
            return checkId(primitive(name, "a text", JsonPrimitive::isString).getAsString(), path(name));
        }

        Optional<String> optId(String name) throws VisitFileException {
            return has(name) ? Optional.of(id(name)) : Optional.empty();
        }

        boolean bool(String name) throws VisitFileException {
            return primitive(name, "true or false", JsonPrimitive::isBoolean).getAsBoolean();
        }

        Optional<Boolean> optBool(String name) throws VisitFileException {
            return has(name) ? Optional.of(bool(name)) : Optional.empty();
        }

        int integer(String name, int min, int max) throws VisitFileException {
            String digits = primitive(name, "a number", JsonPrimitive::isNumber).getAsNumber().toString();
            if (!INTEGER.matcher(digits).matches() || !fitsInt(digits)) {
                throw new VisitFileException(path(name) + ": not a whole number");
            }
            int v = Integer.parseInt(digits);
            if (v < min || v > max) {
                throw new VisitFileException(path(name) + ": not between " + min + " and " + max);
            }
            return v;
        }

        private double number(String name) throws VisitFileException {
            return finite(primitive(name, "a number", JsonPrimitive::isNumber).getAsNumber().toString(),
                    path(name));
        }

        /** A measured value: finite, or null for one that was not (NaN), as {@link #write} writes it. */
        double measured(String name) throws VisitFileException {
            JsonElement e = object().get(name);
            if (e == null) {
                throw missing(name);
            }
            return e.isJsonNull() ? Double.NaN : number(name);
        }

        OptionalDouble optNumber(String name) throws VisitFileException {
            return has(name) ? OptionalDouble.of(number(name)) : OptionalDouble.empty();
        }

        Instant instant(String name) throws VisitFileException {
            String s = checkText(primitive(name, "a time", JsonPrimitive::isString).getAsString(), 64, path(name));
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new VisitFileException(path(name) + ": not a time (ISO-8601, UTC)");
            }
        }

        /** An http or https address with a host, as the app reaches a Zap. */
        URI uri(String name) throws VisitFileException {
            String s = checkId(primitive(name, "an address", JsonPrimitive::isString).getAsString(), path(name));
            try {
                URI uri = new URI(s);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new VisitFileException(path(name) + ": not an http or https address");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new VisitFileException(path(name) + ": not an address");
            }
        }

        <E extends Enum<E>> E enumOf(String name, Class<E> type) throws VisitFileException {
            String s = id(name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(s)) {
                    return e;
                }
            }
            throw new VisitFileException(path(name) + ": not a value this app knows");
        }

        /** An enum's value by name; empty for a well-formed id this app does not know (a newer app's value). */
        <E extends Enum<E>> Optional<E> knownEnum(String name, Class<E> type) throws VisitFileException {
            String s = id(name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(s)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        Optional<Node> optObject(String name) throws VisitFileException {
            return has(name) ? Optional.of(object(name)) : Optional.empty();
        }

        Node object(String name) throws VisitFileException {
            JsonElement e = required(name);
            if (!e.isJsonObject()) {
                throw new VisitFileException(path(name) + ": not an object");
            }
            return new Node(e, path(name));
        }

        private JsonArray array(String name) throws VisitFileException {
            JsonElement e = get(name);
            if (e == null) {
                return new JsonArray(); // a list left out is empty
            }
            if (!e.isJsonArray()) {
                throw new VisitFileException(path(name) + ": not a list");
            }
            if (e.getAsJsonArray().size() > MAX_ITEMS) {
                throw new VisitFileException(path(name) + ": more than " + MAX_ITEMS + " items");
            }
            return e.getAsJsonArray();
        }

        List<Node> objects(String name) throws VisitFileException {
            JsonArray a = array(name);
            List<Node> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                Node n = new Node(a.get(i), path(name) + "[" + i + "]");
                n.requireObject();
                out.add(n);
            }
            return out;
        }

        List<String> ids(String name) throws VisitFileException {
            JsonArray a = array(name);
            List<String> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonElement e = a.get(i);
                String at = path(name) + "[" + i + "]";
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new VisitFileException(at + ": not a text");
                }
                out.add(checkId(e.getAsString(), at));
            }
            return out;
        }

        /** A map of id to id ({@code claims}); left out, it is empty. */
        Map<String, String> idMap(String name) throws VisitFileException {
            JsonElement e = get(name);
            if (e == null) {
                return Map.of();
            }
            if (!e.isJsonObject()) {
                throw new VisitFileException(path(name) + ": not an object");
            }
            Node n = new Node(e, path(name));
            if (n.object().size() > MAX_ITEMS) {
                throw new VisitFileException(path(name) + ": more than " + MAX_ITEMS + " items");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> f : n.entries()) {
                checkId(f.getKey(), path(name) + " (a name)");
                out.put(f.getKey(), n.id(f.getKey()));
            }
            return out;
        }

        /** The chart: base64 of a PNG (its signature checked) of at most {@link #MAX_CHART_PNG_BYTES}. */
        Optional<byte[]> optPng(String name) throws VisitFileException {
            if (!has(name)) {
                return Optional.empty();
            }
            String s = primitive(name, "a text", JsonPrimitive::isString).getAsString();
            if (s.length() > (MAX_CHART_PNG_BYTES + 2) / 3 * 4) {
                throw new VisitFileException(path(name) + ": larger than " + MAX_CHART_PNG_BYTES + " bytes");
            }
            byte[] png;
            try {
                png = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new VisitFileException(path(name) + ": not base64");
            }
            if (png.length < PNG_SIGNATURE.length
                    || !Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
                throw new VisitFileException(path(name) + ": not a PNG image");
            }
            return Optional.of(png);
        }
    }

    // ---- JSON text ------------------------------------------------------------------------------------------

    /**
     * The text as a JSON tree, strictly (no comments, no NaN, nothing after the value), at most {@link #MAX_DEPTH}
     * deep (so the recursion below cannot exhaust the stack), no field given twice (two parsers could otherwise read
     * two different files from it). Numbers keep their text, so an integer is told from a fraction.
     */
    private static JsonElement parse(String text) throws VisitFileException {
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            r.setNestingLimit(MAX_DEPTH + 1);
            JsonElement root = value(r, 0, "");
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new VisitFileException("the file: more after the end of the visit");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // MalformedJsonException and the reader's other complaints: only the place (its path may hold the file's
            // own names).
            Matcher place = PLACE.matcher(String.valueOf(e.getMessage()));
            throw new VisitFileException("not JSON" + (place.find() ? " (" + place.group() + ")" : ""));
        }
    }

    private static JsonElement value(JsonReader r, int depth, String at) throws IOException, VisitFileException {
        JsonToken token = r.peek();
        if ((token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY) && depth >= MAX_DEPTH) {
            throw new VisitFileException((at.isEmpty() ? "the file" : at) + ": nested more than " + MAX_DEPTH
                    + " deep");
        }
        switch (token) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    if (o.has(name)) {
                        throw new VisitFileException((at.isEmpty() ? "the file" : at) + ": a field given twice");
                    }
                    o.add(name, value(r, depth + 1, at.isEmpty() ? segment(name) : at + "." + segment(name)));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(value(r, depth + 1, at + "[" + a.size() + "]"));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new NumberText(r.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new VisitFileException((at.isEmpty() ? "the file" : at) + ": not a JSON value");
        }
    }

    /** A number as its text in the file; converted only after the text is checked. */
    private static final class NumberText extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        NumberText(String text) {
            this.text = text;
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public long longValue() {
            return (long) doubleValue();
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public double doubleValue() {
            return text.length() > MAX_NUMBER_TEXT ? Double.NaN : Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
