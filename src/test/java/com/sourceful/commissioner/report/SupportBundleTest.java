package com.sourceful.commissioner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportBundleTest {

    static final String TYPED_TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJpZHQtdHlwZWQiLCJleHAiOjk5OTk5OTk5OTl9.c2lnLXR5cGVk";
    static final String DEMO_SECRET = "demo-novacore-secret-4711";
    static final String BROKER_PASSWORD = "pä ss:wörd 7";
    static final List<String> PLANTED = List.of(ReportFixtures.PASSWORD, ReportFixtures.API_KEY, ReportFixtures.JWT,
            TYPED_TOKEN, DEMO_SECRET, BROKER_PASSWORD, "Bearer abc.def.ghi", "-----BEGIN PRIVATE KEY-----",
            "MC4CAQAwBQYDK2VwBCIEIKnownSeedBytes");

    @TempDir
    Path dir;

    private SupportBundle.Contents contents() throws IOException {
        Path log = dir.resolve("zap-commissioner.log");
        Files.writeString(log, String.join("\n",
                "[main] INFO App - Started",
                "[background-1] DEBUG Http - Authorization: Bearer " + TYPED_TOKEN,
                "[background-2] WARN Mqtt - connect user=extapi password=" + ReportFixtures.PASSWORD + " failed",
                "[background-2] WARN Mqtt - {\"username\":\"extapi\",\"password\":\"" + BROKER_PASSWORD + "\"}",
                "[background-3] INFO Sign - key file: -----BEGIN PRIVATE KEY-----",
                "MC4CAQAwBQYDK2VwBCIEIKnownSeedBytes",
                "-----END PRIVATE KEY-----",
                "[background-4] INFO Demo - secret " + DEMO_SECRET + " in a sentence",
                "[background-5] INFO Http - header Bearer abc.def.ghi",
                "[main] INFO Done - Saved zap-report.pdf", ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("zap-commissioner.log.1"), "[main] INFO App - an older run, api_key="
                + ReportFixtures.API_KEY + "\n", StandardCharsets.UTF_8);
        return new SupportBundle.Contents(ReportFixtures.data(ReportFixtures.session(), "en"),
                "AppConfig[demo=true, novacore=Optional[http://127.0.0.1:8081]], token=" + TYPED_TOKEN,
                List.of(new SupportBundle.ZapSeen("ZAP0A1B2C3D", "192.168.1.20", "1.4.2", "[MDNS, SWEEP]")),
                AppLog.files(dir.resolve("zap-commissioner.log")), List.of(TYPED_TOKEN, DEMO_SECRET, BROKER_PASSWORD),
                "en", ReportFixtures.AT);
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void holdsTheLogTheSessionTheVersionsTheZapsAndTheReport() throws Exception {
        SupportBundle.Contents c = contents();
        Path target = dir.resolve(SupportBundle.suggestedFileName(c));
        assertThat(target.getFileName().toString()).isEqualTo("zap-support-ZAP0A1B2C3D-20261126-1405.zip");
        SupportBundle.write(c, target);
        Map<String, byte[]> entries = entries(Files.readAllBytes(target));
        assertThat(entries.keySet()).containsExactly("README.txt", "system.txt", "session.json", "visit.json",
                "zaps-seen.json",
                "logs/zap-commissioner.log.1", "logs/zap-commissioner.log", "commissioning-report.pdf");
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(SupportBundle.entryNames(c));

        String system = new String(entries.get("system.txt"), StandardCharsets.UTF_8);
        assertThat(system).contains("Zap Commissioner 0.1.0", "build:      development (not from an installer)",
                "language:   en", System.getProperty("os.name"),
                System.getProperty("java.version"), "Europe/Stockholm", "demo=true");

        JsonObject session = JsonParser.parseString(new String(entries.get("session.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertThat(session.getAsJsonObject("zap").get("serial").getAsString()).isEqualTo("ZAP0A1B2C3D");
        assertThat(session.get("technician").getAsString()).isEqualTo("idt-technician-7");
        assertThat(session.getAsJsonArray("devices")).hasSize(2);
        JsonObject first = session.getAsJsonArray("devices").get(0).getAsJsonObject();
        assertThat(first.getAsJsonObject("novacore").get("deviceId").getAsString()).isEqualTo("dev-42a7");
        assertThat(first.getAsJsonObject("preflight").get("outcome").getAsString()).isEqualTo("PASSED");
        assertThat(first.get("chartPngBytes").getAsInt()).isPositive();
        JsonObject second = session.getAsJsonArray("devices").get(1).getAsJsonObject();
        assertThat(second.get("outboxId").getAsString()).isEqualTo("outbox-20261126-0001");
        assertThat(second.getAsJsonObject("config").get("password").getAsString()).isEqualTo("[redacted]");
        assertThat(second.getAsJsonObject("config").get("username").getAsString()).isEqualTo("extapi");
        assertThat(session.getAsJsonArray("loadTests")).hasSize(1);
        JsonObject loadTest = session.getAsJsonArray("loadTests").get(0).getAsJsonObject();
        assertThat(loadTest.get("batteryDeltaWatts").getAsDouble()).isEqualTo(-1660);
        assertThat(loadTest.getAsJsonArray("counted").toString())
                .isEqualTo("[\"pv SG1A2B3C4D\",\"battery SG1A2B3C4D\"]");
        assertThat(loadTest.get("evenSpreadAssumed").getAsBoolean()).isTrue();

        assertThat(session.getAsJsonArray("zaps")).hasSize(1);

        // The visit's record, as the app's own visit file reader reads it.
        SiteVisit visit = VisitFile.read(entries.get("visit.json"));
        assertThat(visit.id()).isEqualTo(SupportBundle.VISIT_ID_UNKNOWN);
        assertThat(visit.savedAt()).isEqualTo(ReportFixtures.AT.toInstant());
        assertThat(visit.session().gateways()).isEqualTo(c.report().visit().gateways());
        assertThat(visit.session().visits()).extracting(v -> v.device().sn())
                .containsExactly("SG1A2B3C4D", "FA00C0FFEE");
        assertThat(visit.session().loadTests()).isEqualTo(c.report().loadTests());

        assertThat(new String(entries.get("zaps-seen.json"), StandardCharsets.UTF_8)).contains("ZAP0A1B2C3D", "MDNS");
        String log = new String(entries.get("logs/zap-commissioner.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("Started", "Authorization: [redacted]", "user=extapi", "Saved zap-report.pdf");
        assertThat(ReportFixtures.text(entries.get("commissioning-report.pdf"))).contains("ZAP0A1B2C3D", "dev-42a7");
    }

    @Test
    void noPlantedSecretIsInAnyEntryRawOrAsPdfText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SupportBundle.write(contents(), out);
        byte[] zip = out.toByteArray();
        for (Map.Entry<String, byte[]> e : entries(zip).entrySet()) {
            String raw = new String(e.getValue(), StandardCharsets.UTF_8);
            String latin = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            for (String secret : PLANTED) {
                assertThat(raw).as(e.getKey() + " must not hold a planted secret").doesNotContain(secret);
                assertThat(latin).as(e.getKey() + " (bytes) must not hold a planted secret").doesNotContain(secret);
            }
            assertThat(SecretsShape.JWT.matcher(raw).find()).as(e.getKey() + " holds a JWT").isFalse();
            if (e.getKey().endsWith(".pdf")) {
                String text = ReportFixtures.text(e.getValue());
                PLANTED.forEach(secret -> assertThat(text).doesNotContain(secret));
            }
        }
    }

    @Test
    void aVisitOfTwoZapsHasBothInTheSessionAndTheVisitRecord() throws Exception {
        SupportBundle.Contents one = contents();
        ReportData two = ReportData.of(CommissioningReportTest.twoZaps(), ReportFixtures.AT, "0.1.0",
                ReportFixtures.texts("en"));
        SupportBundle.Contents c = new SupportBundle.Contents(two, one.config(), one.zapsSeen(), one.logFiles(),
                one.knownSecrets(), "en", one.at());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SupportBundle.write(c, out);
        Map<String, byte[]> entries = entries(out.toByteArray());
        JsonObject session = JsonParser.parseString(new String(entries.get("session.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertThat(session.getAsJsonArray("zaps").toString()).contains("ZAP0A1B2C3D", "ZAPGARAGE01");
        assertThat(session.getAsJsonObject("site").get("name").getAsString()).isEqualTo("Villa Solsidan");
        SiteVisit visit = VisitFile.read(entries.get("visit.json"));
        assertThat(visit.session().gateways()).extracting(CommissioningSession.Gateway::serial)
                .containsExactly("ZAP0A1B2C3D", "ZAPGARAGE01");
        assertThat(visit.session().visits()).extracting(v -> v.gatewaySerial() + "/" + v.device().sn())
                .containsExactly("ZAP0A1B2C3D/SG1A2B3C4D", "ZAP0A1B2C3D/FA00C0FFEE", "ZAPGARAGE01/EASEE0042");
        assertThat(ReportFixtures.text(entries.get("commissioning-report.pdf"))).contains("ZAPGARAGE01", "EASEE0042");
    }

    @Test
    void theVisitAsSavedGoesInWithItsOwnIdAndBeginning() throws Exception {
        SupportBundle.Contents one = contents();
        SiteVisit saved = new SiteVisit("5f0c2a7e-0d1b-4c2a-9e3f-1a2b3c4d5e6f", Instant.parse("2026-12-06T07:58:00Z"),
                ReportFixtures.AT.toInstant(), false, one.report().visit());
        SupportBundle.Contents c = new SupportBundle.Contents(one.report(), one.config(), one.zapsSeen(),
                one.logFiles(), one.knownSecrets(), "en", one.at(), Optional.of(saved));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SupportBundle.write(c, out);

        SiteVisit visit = VisitFile.read(entries(out.toByteArray()).get("visit.json"));
        assertThat(visit.id()).isEqualTo(saved.id());
        assertThat(visit.startedAt()).isEqualTo(saved.startedAt());
    }

    @Test
    void aReportThatCannotBeMadeDoesNotStopTheBundle() throws IOException {
        SupportBundle.Contents good = contents();
        // A bundle whose texts lack every key still gets its entries; a report that throws is replaced by a note.
        ReportData broken = new ReportData(good.report().visit(), good.report().generatedAt(), "0.1.0", null);
        SupportBundle.Contents c = new SupportBundle.Contents(broken, good.config(), good.zapsSeen(), good.logFiles(),
                good.knownSecrets(), "en", good.at());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SupportBundle.write(c, out);
        Map<String, byte[]> entries = entries(out.toByteArray());
        assertThat(entries).containsKeys("session.json", "logs/zap-commissioner.log", "report-error.txt")
                .doesNotContainKey("commissioning-report.pdf");
    }

    @Test
    void redactionCatchesShapesNamesAndKnownValues() {
        assertThat(Redaction.text("Authorization: Bearer xyz.abc", List.of())).isEqualTo("Authorization: [redacted]");
        assertThat(Redaction.text("password=hunter22 next", List.of())).isEqualTo("password=[redacted] next");
        assertThat(Redaction.text("{\"client_secret\": \"a b c\", \"x\": 1}", List.of()))
                .isEqualTo("{\"client_secret\": \"[redacted]\", \"x\": 1}");
        assertThat(Redaction.text("the value is plain-old-secret!", List.of("plain-old-secret")))
                .isEqualTo("the value is [redacted]!");
        assertThat(Redaction.text("no secret here: 192.168.1.20:502 unit_id=1", List.of()))
                .isEqualTo("no secret here: 192.168.1.20:502 unit_id=1");
        assertThat(Redaction.isSecretName("broker_password")).isTrue();
        assertThat(Redaction.isSecretName("apiKey")).isTrue();
        assertThat(Redaction.isSecretName("broker_host")).isFalse();
    }

    @Test
    void theLogFileIsCappedAndKeepsOneOlderFile() throws IOException {
        Path file = dir.resolve("logs").resolve("app.log");
        AppLog.CappedFile capped = new AppLog.CappedFile(file, 1000);
        byte[] line = "0123456789012345678901234567890123456789012345678\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100; i++) {
            capped.write(line, 0, line.length);
        }
        capped.close(); // or Windows could not delete the test's folder
        assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
        assertThat(Files.size(dir.resolve("logs").resolve("app.log.1"))).isLessThanOrEqualTo(1000);
        assertThat(AppLog.files(file)).containsExactly(dir.resolve("logs").resolve("app.log.1"), file);
    }

    @Test
    void controlChecksWithEveryFieldAndControlStillHeldAreInTheSessionAndTheVisitWithoutASecret() throws Exception {
        CommissioningSession s = ReportFixtures.session();
        ControlResult ignored = ReportFixtures.ignored();
        // A failure whose text carries the typed token (it should not): the bundle's redaction takes it out.
        ControlResult withSecret = new ControlResult(ignored.zapSerial(), ignored.deviceSn(), ignored.action(),
                ignored.setpointW(), ignored.plannedSeconds(), ControlResult.Outcome.NOT_RUN, ControlResult.Stop.ERROR,
                ControlResult.Limited.NONE, Double.NaN, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0,
                ignored.startedAt(), ignored.endedAt(), Optional.of("init: HTTP 401 for Bearer " + TYPED_TOKEN), false,
                Optional.of("deinit: " + DEMO_SECRET));
        s.recordControlCheck(ReportFixtures.followed());
        s.recordControlCheck(ignored);
        s.recordControlCheck(withSecret);
        ControlHold hold = new ControlHold("ZAP0A1B2C3D", URI.create("http://192.168.1.20"), "FA00C0FFEE",
                ControlAction.DISCHARGE, ReportFixtures.AT.toInstant().minusSeconds(30));
        s.controlTaken(hold);
        SupportBundle.Contents c = new SupportBundle.Contents(ReportFixtures.data(s, "en"), "demo=true", List.of(),
                List.of(), List.of(TYPED_TOKEN, DEMO_SECRET), "en", ReportFixtures.AT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SupportBundle.write(c, out);
        Map<String, byte[]> entries = entries(out.toByteArray());

        String sessionText = new String(entries.get("session.json"), StandardCharsets.UTF_8);
        JsonObject session = JsonParser.parseString(sessionText).getAsJsonObject();
        JsonArray checks = session.getAsJsonArray("controlChecks");
        assertThat(checks).hasSize(3);
        JsonObject followed = checks.get(0).getAsJsonObject();
        assertThat(followed.keySet()).containsExactly("zapSerial", "deviceSn", "action", "setpointW",
                "plannedSeconds", "outcome", "stop", "limitedBy", "baselineW", "reachedW", "secondsToFollow",
                "meterDeltaW", "houseDeltaW", "socStart", "socEnd", "readings", "startedAt", "endedAt", "released");
        assertThat(followed.get("outcome").getAsString()).isEqualTo("FOLLOWED");
        assertThat(followed.get("setpointW").getAsDouble()).isEqualTo(1500);
        assertThat(followed.get("reachedW").getAsDouble()).isEqualTo(1487);
        assertThat(followed.get("secondsToFollow").getAsDouble()).isEqualTo(6.5);
        assertThat(followed.get("meterDeltaW").getAsDouble()).isEqualTo(1493);
        assertThat(followed.get("socEnd").getAsDouble()).isEqualTo(0.53);
        assertThat(followed.get("startedAt").getAsString()).isEqualTo("2026-11-26T12:55:00Z");
        assertThat(followed.get("released").getAsBoolean()).isTrue();
        JsonObject notReleased = checks.get(1).getAsJsonObject();
        assertThat(notReleased.get("outcome").getAsString()).isEqualTo("IGNORED");
        assertThat(notReleased.get("releaseProblem").getAsString()).isEqualTo("deinit: HTTP 503");
        assertThat(notReleased.has("secondsToFollow")).isFalse();
        JsonObject failed = checks.get(2).getAsJsonObject();
        assertThat(failed.has("baselineW")).as("no baseline read: no number").isFalse();
        assertThat(failed.get("problem").getAsString()).startsWith("init: HTTP 401 for Bearer [redacted]");
        JsonObject held = session.getAsJsonArray("controlHolds").get(0).getAsJsonObject();
        assertThat(held.get("deviceSn").getAsString()).isEqualTo("FA00C0FFEE");
        assertThat(held.get("zapAddress").getAsString()).isEqualTo("http://192.168.1.20");
        assertThat(held.get("action").getAsString()).isEqualTo("DISCHARGE");

        String visitText = new String(entries.get("visit.json"), StandardCharsets.UTF_8);
        for (String entry : List.of(sessionText, visitText)) {
            assertThat(entry).doesNotContain(TYPED_TOKEN, DEMO_SECRET, "NaN");
        }
        SiteVisit visit = VisitFile.read(entries.get("visit.json"));
        assertThat(visit.session().controlChecks()).containsExactly(ReportFixtures.followed(), ignored,
                new ControlResult(withSecret.zapSerial(), withSecret.deviceSn(), withSecret.action(),
                        withSecret.setpointW(), withSecret.plannedSeconds(), withSecret.outcome(), withSecret.stop(),
                        withSecret.limitedBy(), Double.NaN, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), 0, withSecret.startedAt(), withSecret.endedAt(),
                        Optional.of("init: HTTP 401 for Bearer [redacted]"), false,
                        Optional.of("deinit: [redacted]")));
        assertThat(visit.session().controlHolds()).containsExactly(hold);
    }
}
