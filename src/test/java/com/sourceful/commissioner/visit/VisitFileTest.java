package com.sourceful.commissioner.visit;

import static com.sourceful.commissioner.visit.VisitSamples.assertSameVisit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sourceful.commissioner.commissioning.CommissioningSession.Device;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.LoadTestResult;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;

class VisitFileTest {

    static final String ID = "0b9d2c1e-5f4a-4e3b-9c8d-7a6b5c4d3e2f";

    static SiteVisit read(String text) throws VisitFileException {
        return VisitFile.read(text.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject json(SiteVisit visit) {
        return JsonParser.parseString(VisitFile.write(visit)).getAsJsonObject();
    }

    static String messageOf(String text) {
        try {
            read(text);
        } catch (VisitFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("read without complaint");
    }

    @Test
    void aRichVisitReadsBackExactly() throws Exception {
        SiteVisit visit = VisitSamples.rich(ID);
        SiteVisit back = read(VisitFile.write(visit));
        assertSameVisit(back, visit);
        // The records' own equality, where no chart is involved.
        assertThat(back.session().loadTests()).isEqualTo(visit.session().loadTests());
        assertThat(back.session().visits().get(4)).isEqualTo(visit.session().visits().get(4));
        // Numbers keep their Java type: the Zap's 1883.0 stays a Double, the form's 502 an Integer.
        assertThat(back.session().visits().get(0).device().config().fields().get("port")).isEqualTo(502);
        assertThat(back.session().visits().get(1).device().config().fields().get("broker_port")).isEqualTo(1883.0);
    }

    @Test
    void aPasswordUnderAnotherCaseInAHandEditedFileIsNotRead() throws Exception {
        String text = VisitFile.write(VisitSamples.rich(ID)).replaceFirst("\"broker_port\": 1883\\.0",
                "\"broker_port\": 1883.0, \"Password\": \"hunter2-real-secret\"");
        assertThat(text).contains("hunter2-real-secret");

        SiteVisit back = read(text);

        assertThat(back.session().visits().get(1).device().config().fields()).containsEntry("Password", "••••");
        assertThat(VisitFile.write(back)).doesNotContain("hunter2-real-secret");
    }

    @Test
    void aVisitWithNothingInItReadsBackExactly() throws Exception {
        SiteVisit visit = VisitSamples.bare(ID);
        assertThat(read(VisitFile.write(visit))).isEqualTo(visit);
    }

    @Test
    void theFileSaysWhatItIsAndUsesSnakeCase() {
        JsonObject o = json(VisitSamples.rich(ID));
        assertThat(o.get("format").getAsString()).isEqualTo("zap-commissioner-visit");
        assertThat(o.get("version").getAsInt()).isEqualTo(1);
        assertThat(o.keySet()).containsExactly("format", "version", "id", "started_at", "saved_at", "finished",
                "session");
        JsonObject device = o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject();
        assertThat(device.keySet()).contains("gateway_serial", "published_ders", "chart_png", "provision_result",
                "identity_check");
        assertThat(Base64.getDecoder().decode(device.get("chart_png").getAsString())).isEqualTo(VisitSamples.PNG);
    }

    @Test
    void aFileFromANewerAppIsRefusedWithAClearMessage() {
        JsonObject o = json(VisitSamples.bare(ID));
        o.addProperty("version", 2);
        assertThat(messageOf(o.toString())).startsWith("version:").contains("newer app", "update the app");
    }

    @Test
    void unknownFieldsAreIgnoredAndOptionalOnesMayBeMissing() throws Exception {
        JsonObject o = json(VisitSamples.rich(ID));
        o.addProperty("written_by", "a later app");
        JsonObject session = o.getAsJsonObject("session");
        session.remove("load_tests");
        session.remove("gateway");
        JsonObject device = session.getAsJsonArray("visits").get(0).getAsJsonObject();
        device.remove("chart_png");
        device.getAsJsonObject("device").addProperty("colour", "red");
        SiteVisit back = read(o.toString());
        assertThat(back.session().loadTests()).isEmpty();
        assertThat(back.session().gateway()).isEmpty();
        assertThat(back.session().visits().get(0).chartPng()).isEmpty();
        assertThat(back.session().visits().get(0).device().sn()).isEqualTo("SG1");
    }

    @Test
    void everyZapOfTheVisitIsKeptAndAFileOfBeforeSeveralZapsHasItsChosenOne() throws Exception {
        SiteVisit rich = VisitSamples.rich(ID);
        JsonObject o = json(rich);
        JsonArray gateways = o.getAsJsonObject("session").getAsJsonArray("gateways");
        assertThat(gateways).hasSize(2);
        assertThat(gateways.get(1).getAsJsonObject().get("serial").getAsString()).isEqualTo("zap-0000beef");
        assertThat(gateways.get(1).getAsJsonObject().get("serial_confirmed").getAsBoolean()).isFalse();
        assertThat(read(o.toString()).session().gateways()).containsExactly(rich.session().gateway().orElseThrow(),
                VisitSamples.ZAP2);

        o.getAsJsonObject("session").remove("gateways");
        SiteVisit old = read(o.toString());
        assertThat(old.session().gateways()).containsExactly(rich.session().gateway().orElseThrow());
        assertThat(old.session().visits()).hasSize(rich.session().visits().size());
    }

    @Test
    void aZapListedTwiceOrAtAnAddressNotHttpIsRefused() {
        JsonObject o = json(VisitSamples.rich(ID));
        JsonArray gateways = o.getAsJsonObject("session").getAsJsonArray("gateways");
        gateways.add(gateways.get(1).deepCopy());
        assertThat(messageOf(o.toString())).isEqualTo("session.gateways[2].serial: a Zap given twice");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("gateways").get(1).getAsJsonObject()
                .addProperty("base_uri", "file:///etc/passwd");
        assertThat(messageOf(o.toString())).isEqualTo("session.gateways[1].base_uri: not an http or https address");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("gateways").get(0).getAsJsonObject().remove("serial");
        assertThat(messageOf(o.toString())).isEqualTo("session.gateways[0].serial: missing");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").add("gateways", new JsonObject());
        assertThat(messageOf(o.toString())).isEqualTo("session.gateways: not a list");
    }

    @Test
    void aMissingOrWrongFieldIsNamedByItsPath() {
        JsonObject o = json(VisitSamples.rich(ID));
        JsonArray visits = o.getAsJsonObject("session").getAsJsonArray("visits");
        visits.get(2).getAsJsonObject().getAsJsonObject("device").remove("sn");
        assertThat(messageOf(o.toString())).isEqualTo("session.visits[2].device.sn: missing");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("load_tests").get(1).getAsJsonObject()
                .addProperty("measured_phase", "3");
        assertThat(messageOf(o.toString())).isEqualTo("session.load_tests[1].measured_phase: not a number");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject().getAsJsonObject("preflight")
                .addProperty("reason", "MAGIC");
        assertThat(messageOf(o.toString())).isEqualTo("session.visits[0].preflight.reason: not a value this app knows");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonObject("gateway").addProperty("base_uri", "file:///etc/passwd");
        assertThat(messageOf(o.toString())).isEqualTo("session.gateway.base_uri: not an http or https address");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("visits").get(1).getAsJsonObject()
                .addProperty("chart_png", Base64.getEncoder().encodeToString("GIF89a....".getBytes()));
        assertThat(messageOf(o.toString())).isEqualTo("session.visits[1].chart_png: not a PNG image");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject().getAsJsonObject("device")
                .addProperty("sn", "SG\u202E1");
        assertThat(messageOf(o.toString())).isEqualTo("session.visits[0].device.sn: not printable");

        o = json(VisitSamples.rich(ID));
        o.addProperty("id", "../../settings");
        assertThat(messageOf(o.toString())).isEqualTo("id: not a visit id (a UUID)");
    }

    @Test
    void boundsAreChecked() {
        JsonObject o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonObject("site").addProperty("name", "x".repeat(VisitFile.MAX_TEXT + 1));
        assertThat(messageOf(o.toString())).isEqualTo("session.site.name: longer than 8192 characters");

        o = json(VisitSamples.rich(ID));
        JsonArray published = new JsonArray();
        for (int i = 0; i <= VisitFile.MAX_ITEMS; i++) {
            published.add("pv");
        }
        o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject().add("published_ders",
                published);
        assertThat(messageOf(o.toString())).isEqualTo("session.visits[0].published_ders: more than 1000 items");

        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject().getAsJsonObject("device")
                .getAsJsonArray("ders").get(0).getAsJsonObject().addProperty("rated_power_w", 1e308);
        String text = o.toString().replace("1.0E308", "1e309");
        assertThat(messageOf(text)).isEqualTo("session.visits[0].device.ders[0].rated_power_w: a number out of range");

        String big = "{\"chart_png\":\"" + "A".repeat(VisitFile.MAX_CHART_PNG_BYTES / 3 * 4 + 8) + "\"}";
        o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject()
                .addProperty("chart_png", JsonParser.parseString(big).getAsJsonObject().get("chart_png").getAsString());
        assertThat(messageOf(o.toString())).isEqualTo("session.visits[0].chart_png: larger than 2097152 bytes");

        assertThat(messageOf(" ".repeat(VisitFile.MAX_FILE_BYTES + 1))).isEqualTo("larger than 16777216 bytes");
    }

    @Test
    void notJsonDeepNestingDuplicatesAndTrailingTextAreRefused() {
        String valid = VisitFile.write(VisitSamples.bare(ID));
        assertThat(messageOf(valid.substring(0, valid.length() / 2))).startsWith("not JSON");
        assertThat(messageOf(valid + "{}")).startsWith("not JSON"); // gson's strict reader refuses it
        assertThat(messageOf(valid.replaceFirst("\\{", "{\"id\": \"" + ID + "\", ")))
                .isEqualTo("the file: a field given twice");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(messageOf("{\"session\": " + deep + "}")).isEqualTo("session[0][0][0][0][0][0][0][0][0][0][0]"
                + "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 32 deep");
        assertThat(messageOf(valid.replace("\"finished\": true", "\"finished\": NaN"))).startsWith("not JSON");
        assertThatThrownBy(() -> VisitFile.read(new byte[] {'{', (byte) 0xC3, '}'}))
                .isInstanceOf(VisitFileException.class).hasMessage("not UTF-8 text");
    }

    @Test
    void aSecretIsNeverWrittenNorRead() throws Exception {
        String secret = "hunter2-real-secret";
        SiteVisit rich = VisitSamples.rich(ID);
        // A config that still holds its password (it should not: the session keeps the redacted one).
        DeviceConfig clear = DeviceConfig.of("mqtt", VisitSamples.mapOf("broker_host", "127.0.0.1", "user", "meter",
                "password", secret));
        DeviceVisit first = rich.session().visits().get(0);
        DeviceVisit withSecret = new DeviceVisit(first.gatewaySerial(),
                new Device("MTR", "p1", "meters", "Meter", clear, List.of()), first.preflight(),
                first.publishedDers(), first.live(), first.chartPng(), first.provisionResult(), first.queuedOutboxId(),
                first.identityCheck(), first.identity());
        Snapshot s = rich.session();
        SiteVisit visit = new SiteVisit(ID, rich.startedAt(), rich.savedAt(), false, new Snapshot(s.gateway(),
                s.site(), List.of(withSecret), s.currentDevice(), s.loadTests(), s.removals(), s.wifiChanges(),
                s.claims(), s.technician(), s.history()));

        byte[] file = VisitFile.write(visit).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain("hunter");
        assertThat(VisitFile.read(file).session().visits().get(0).device().config())
                .isEqualTo(clear.withoutSecrets());

        // A file (a colleague's, a hand edit) with a password in it: read, the password is not kept.
        JsonObject o = json(visit);
        o.getAsJsonObject("session").getAsJsonArray("visits").get(0).getAsJsonObject().getAsJsonObject("device")
                .getAsJsonObject("config").addProperty("password", secret);
        DeviceConfig read = read(o.toString()).session().visits().get(0).device().config();
        assertThat(read.fields().values()).doesNotContain(secret);
        assertThat(read).isEqualTo(clear.withoutSecrets());
    }

    @Test
    void aNumberThatIsNotFiniteIsWrittenAsNullAndReadAsNoValue() throws Exception {
        SiteVisit rich = VisitSamples.rich(ID);
        Snapshot s = rich.session();
        LoadTestResult nan = new LoadTestResult("M", Double.NaN, 1, "INCONCLUSIVE", Double.POSITIVE_INFINITY, 0,
                VisitSamples.T0);
        DeviceVisit first = s.visits().get(0);
        DeviceVisit infinite = new DeviceVisit(first.gatewaySerial(), new Device("SG1", "p", "inverters", "x",
                DeviceConfig.of("t", Map.of("k", Double.NaN, "j", 1)),
                List.of(new Der("pv", true, OptionalDouble.of(Double.POSITIVE_INFINITY),
                OptionalDouble.empty(), OptionalDouble.empty()))), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SiteVisit visit = new SiteVisit(ID, rich.startedAt(), rich.savedAt(), false, new Snapshot(s.gateway(),
                s.site(), List.of(infinite), s.currentDevice(), List.of(nan), s.removals(), s.wifiChanges(),
                s.claims(), s.technician(), s.history()));
        SiteVisit back = read(VisitFile.write(visit));
        LoadTestResult test = back.session().loadTests().get(0);
        assertThat(test.expectedWatts()).isNaN();
        assertThat(test.measuredDeltaWatts()).isNaN();
        assertThat(back.session().visits().get(0).device().ders().get(0).ratedPowerW()).isEmpty();
        assertThat(back.session().visits().get(0).device().config().fields()).isEqualTo(Map.of("type", "t", "j", 1));
    }

    // ---- control checks and holds ---------------------------------------------------------------------------

    static JsonObject check(JsonObject o, int i) {
        return o.getAsJsonObject("session").getAsJsonArray("control_checks").get(i).getAsJsonObject();
    }

    static JsonObject hold(JsonObject o, int i) {
        return o.getAsJsonObject("session").getAsJsonArray("control_holds").get(i).getAsJsonObject();
    }

    @Test
    void controlChecksAndHoldsReadBackExactlyTheirEmptyNumbersLeftOut() throws Exception {
        SiteVisit rich = VisitSamples.rich(ID);
        SiteVisit back = read(VisitFile.write(rich));
        assertThat(back.session().controlChecks()).containsExactly(VisitSamples.FOLLOWED, VisitSamples.NOT_RELEASED);
        assertThat(back.session().controlHolds()).containsExactly(VisitSamples.HOLD);

        JsonObject o = json(rich);
        assertThat(check(o, 0).keySet()).containsExactly("zap_serial", "device_sn", "action", "setpoint_w",
                "planned_seconds", "outcome", "stop", "limited_by", "baseline_w", "reached_w", "seconds_to_follow",
                "meter_delta_w", "house_delta_w", "soc_start", "soc_end", "readings", "started_at", "ended_at",
                "released");
        assertThat(check(o, 0).get("outcome").getAsString()).isEqualTo("FOLLOWED");
        assertThat(check(o, 0).get("seconds_to_follow").getAsDouble()).isEqualTo(6.5);
        // Nothing measured: no such field; the baseline not read: null, read back as NaN.
        assertThat(check(o, 1).keySet()).doesNotContain("reached_w", "seconds_to_follow", "meter_delta_w",
                "house_delta_w", "soc_start", "soc_end").contains("problem", "release_problem");
        assertThat(check(o, 1).get("baseline_w").isJsonNull()).isTrue();
        assertThat(back.session().controlChecks().get(1).baselineW()).isNaN();
        assertThat(hold(o, 0).get("zap_uri").getAsString()).isEqualTo("http://127.0.0.2:8080");
        assertThat(hold(o, 0).get("action").getAsString()).isEqualTo("LIMIT_PV");
    }

    @Test
    void aFileOfBeforeControlChecksHasNone() throws Exception {
        JsonObject o = json(VisitSamples.rich(ID));
        o.getAsJsonObject("session").remove("control_checks");
        o.getAsJsonObject("session").remove("control_holds");
        SiteVisit back = read(o.toString());
        assertThat(back.session().controlChecks()).isEmpty();
        assertThat(back.session().controlHolds()).isEmpty();
        assertThat(back.session().visits()).hasSize(5);
    }

    @Test
    void aControlCheckWithAVerdictOfANewerAppIsLeftOutAndTheRestReads() throws Exception {
        for (String field : List.of("outcome", "stop", "limited_by", "action")) {
            JsonObject o = json(VisitSamples.rich(ID));
            check(o, 0).addProperty(field, "SOMETHING_NEW");
            SiteVisit back = read(o.toString());
            assertThat(back.session().controlChecks()).as(field).containsExactly(VisitSamples.NOT_RELEASED);
            assertThat(back.session().controlHolds()).as(field).containsExactly(VisitSamples.HOLD);
            assertThat(back.session().visits()).as(field).hasSize(5);
        }
        // Not a value at all is not a newer app's: refused, like any other field.
        JsonObject o = json(VisitSamples.rich(ID));
        check(o, 0).addProperty("outcome", 3);
        assertThat(messageOf(o.toString())).isEqualTo("session.control_checks[0].outcome: not a text");
        o = json(VisitSamples.rich(ID));
        check(o, 0).addProperty("outcome", "FOLLOWED\u202E");
        assertThat(messageOf(o.toString())).isEqualTo("session.control_checks[0].outcome: not printable");
    }

    @Test
    void aWrongControlCheckOrHoldIsNamedByItsPath() {
        Map<String, Consumer<JsonObject>> edits = new LinkedHashMap<>();
        edits.put("session.control_checks[0].setpoint_w: not a number",
                o -> check(o, 0).addProperty("setpoint_w", "1000"));
        edits.put("session.control_checks[0].reached_w: not a number",
                o -> check(o, 0).addProperty("reached_w", "lots"));
        edits.put("session.control_checks[0].soc_end: a number out of range",
                o -> check(o, 0).addProperty("soc_end", new BigDecimal("1e400")));
        edits.put("session.control_checks[0].readings: not between 0 and 2147483647",
                o -> check(o, 0).addProperty("readings", -1));
        edits.put("session.control_checks[0].planned_seconds: not a whole number",
                o -> check(o, 0).addProperty("planned_seconds", 30.5));
        edits.put("session.control_checks[0].started_at: not a time (ISO-8601, UTC)",
                o -> check(o, 0).addProperty("started_at", "yesterday"));
        edits.put("session.control_checks[0].released: not true or false",
                o -> check(o, 0).addProperty("released", "yes"));
        edits.put("session.control_checks[0].device_sn: missing", o -> check(o, 0).remove("device_sn"));
        edits.put("session.control_checks[1].problem: longer than 8192 characters",
                o -> check(o, 1).addProperty("problem", "x".repeat(VisitFile.MAX_TEXT + 1)));
        edits.put("session.control_checks: not a list",
                o -> o.getAsJsonObject("session").add("control_checks", new JsonObject()));
        edits.put("session.control_holds[0].zap_uri: not an http or https address",
                o -> hold(o, 0).addProperty("zap_uri", "file:///etc/passwd"));
        edits.put("session.control_holds[0].action: not a value this app knows",
                o -> hold(o, 0).addProperty("action", "SOMETHING_NEW"));
        edits.put("session.control_holds[0].since: missing", o -> hold(o, 0).remove("since"));
        edits.put("session.control_holds[0].device_sn: not printable",
                o -> hold(o, 0).addProperty("device_sn", "BAT\u00007"));
        edits.put("session.control_holds[0]: not an object",
                o -> o.getAsJsonObject("session").getAsJsonArray("control_holds").set(0,
                        new JsonPrimitive("BAT-7")));
        edits.forEach((message, edit) -> {
            JsonObject o = json(VisitSamples.rich(ID));
            edit.accept(o);
            assertThat(messageOf(o.toString())).isEqualTo(message);
        });
    }
}
