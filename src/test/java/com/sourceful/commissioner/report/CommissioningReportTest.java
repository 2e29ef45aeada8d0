package com.sourceful.commissioner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CommissioningReportTest {

    @TempDir
    Path dir;

    @Test
    void showsTheVisitTheDevicesAndWhatBecameOfThem() throws IOException {
        // Cells wrap: compare with line breaks as spaces.
        String text = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(ReportFixtures.session(), "en")))
                .replaceAll("\\s+", " ");
        assertThat(text).contains("Commissioning report", "ZAP0A1B2C3D", "1.4.2", "192.168.1.20")
                // technician from the token's identity; date and time with the zone
                .contains("idt-technician-7", "2026-11-26 14:05:00 UTC+01:00 (Europe/Stockholm)")
                .contains("Zap Commissioner 0.1.0")
                // both devices, with config and DERs
                .contains("Sungrow hybrid inverter", "SG1A2B3C4D", "Modbus TCP", "IP address 192.168.1.50")
                .contains("Modbus unit id 1")
                .contains("Ferroamp EnergyHub", "FA00C0FFEE", "Broker host 192.168.1.60", "User name extapi")
                .contains("PV", "Battery", "Grid meter", "pv", "battery", "meter")
                .contains("rated 10000 W", "installed 9800 W")
                // preflight of each, the failed one added anyway
                .contains("Passed – The device answers Modbus at 192.168.1.50:502.")
                .contains("Failed (added anyway) – The broker at 192.168.1.60:1883 refused the user name or password.")
                // live values with the reading's own time, in the report's zone
                .contains("-3.21 kW", "412 V · 4.1 A", "56 %", "50.01 Hz", "2026-11-26 14:04:18")
                // load test
                .contains("2000 W on L1", "+1.99 kW on L1",
                        "Passed: the load was seen on L1 (+1.99 kW of 2.0 kW expected).")
                .contains("Taken into account: the meter, PV (SG1A2B3C4D), Battery (SG1A2B3C4D).",
                        "DERs without phase data are assumed to be spread evenly over L1–L3.")
                // Novacore ids and state, and the outbox id of the queued one
                .contains("dev-42a7", "active", "sit-99", "der-pv-1", "der-bat-1")
                .contains("Waiting in the outbox as outbox-20261126-0001")
                .contains("Page 1 of");
        // DER, type, published: PV and battery were published, the meter not; the Ferroamp's battery already was.
        assertThat(text).contains("PV pv Yes", "Battery battery Yes", "Grid meter meter No");
    }

    @Test
    void devicesRemovedFromTheZapAreListedAndTheirVisitSaysSo() throws IOException {
        CommissioningSession s = ReportFixtures.session();
        String before = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")));
        assertThat(before).as("no removals: no section").doesNotContain("Removed from a Zap");
        s.deviceRemoved("SG1A2B3C4D", "sungrow", Instant.parse("2026-11-26T13:01:00Z"));
        s.deviceRemoved("SL0LD0000", "solis", Instant.parse("2026-11-26T13:02:00Z"));
        String text = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")))
                .replaceAll("\\s+", " ");
        assertThat(text).contains("Removed from the Zap 2026-11-26 14:01:00")
                .contains("Removed from a Zap", "SG1A2B3C4D Sungrow ZAP0A1B2C3D 2026-11-26 14:01:00",
                        "SL0LD0000 Solis ZAP0A1B2C3D 2026-11-26 14:02:00");
        String sv = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "sv")))
                .replaceAll("\\s+", " ");
        assertThat(sv).contains("Borttagen från Zappen", "Borttagna från en Zap");
    }

    /** The profile, the connection and Novacore's state by the names a reader knows, never the raw identifiers. */
    @Test
    void namesProfileConnectionAndStateInWordsInBothLanguages() throws IOException {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("zap-48b4d931", URI.create("http://127.0.0.1:8080"), "1.0"));
        s.technician("Anna Berg (anna@example.com)");
        s.deviceAdded(new CommissioningSession.Device("SG1", "sungrow", "inverters", "Sungrow",
                DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "127.0.0.1")), List.of()));
        s.provisioned(new ProvisionResult(true, "dev-1", "SG1", "sit-1", "pending", List.of()));
        s.deviceRemoved("SG1", "sungrow", Instant.parse("2026-11-26T13:01:00Z"));
        assertThat(CommissioningReport.suggestedFileName(ReportFixtures.data(s, "en")))
                .as("the Zap's serial has its \"zap-\" already").isEqualTo("zap-48b4d931-20261126-1405.pdf");
        String en = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")))
                .replaceAll("\\s+", " ");
        assertThat(en).contains("Profile Sungrow", "Connection Modbus TCP")
                .contains("state pending (not active yet), site sit-1", "SG1 Sungrow zap-48b4d931")
                .contains("Anna Berg (anna@example.com) (signed in")
                .doesNotContain("sungrow", "modbus_tcp", "state pending,");
        String sv = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "sv")))
                .replaceAll("\\s+", " ");
        assertThat(sv).contains("Sungrow", "Modbus TCP", "väntande (ännu inte aktiv)", "Anna Berg (anna@example.com)")
                .doesNotContain("sungrow", "modbus_tcp", "pending");
    }

    @Test
    void secretsAreLeftOutOfTheTextAndTheBytes() throws IOException {
        byte[] pdf = CommissioningReport.render(ReportFixtures.data(ReportFixtures.session(), "en"));
        String text = ReportFixtures.text(pdf);
        assertThat(text).contains("Password ••• (not included)", "api_key ••• (not included)", "token ••• (not included)")
                .doesNotContain(ReportFixtures.PASSWORD, ReportFixtures.API_KEY, ReportFixtures.JWT, "eyJ");
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(ReportFixtures.PASSWORD, ReportFixtures.API_KEY, "eyJhbGci");
    }

    @Test
    void speaksSwedishWithÅÄÖ() throws IOException {
        String text = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(ReportFixtures.session(), "sv")))
                .replaceAll("\\s+", " ");
        assertThat(text).contains("Driftsättningsrapport", "Platsbesök", "Zappens serienummer", "Förkontroll från datorn",
                "Belastningstester", "Underskrifter", "Väntar i utkorgen som outbox-20261126-0001", "Sida 1 av",
                "••• (ej med)", "Solceller pv Ja", "Elmätare (nät) meter Nej",
                "Godkänt: lasten syntes på L1 (+1,99\u00a0kW av väntade 2,0\u00a0kW).",
                "Med i beräkningen: elmätaren, Solceller (SG1A2B3C4D), Batteri (SG1A2B3C4D).",
                "DER utan fasdata antas vara jämnt fördelade över L1–L3.")
                // Swedish numbers: a (non-breaking) space as thousands separator and before the unit
                .contains("märkeffekt 10\u00a0000\u00a0W", "2\u00a0000\u00a0W på L1")
                .doesNotContain("Commissioning report", "Site visit", "!report.");
    }

    @Test
    void aLoadTestThatBlamesTheMeterOrCannotTellPrintsItsNumbersInBothLanguages() throws IOException {
        CommissioningSession s = ReportFixtures.session();
        Instant at = Instant.parse("2026-11-26T13:02:00Z");
        s.recordLoadTest(new CommissioningSession.LoadTestResult("P1ABCDEF", 2000, 2, "METER_REVERSED", -2010, 2, at,
                -2010, 20, 0, 0, List.of(), false));
        s.recordLoadTest(new CommissioningSession.LoadTestResult("P1ABCDEF", 2000, 2, "INCONCLUSIVE", 5980, 2, at,
                -1990, -3990, 0, 0, List.of(new LoadTest.DerId("pv", "SG1A2B3C4D")), true));
        String en = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")))
                .replaceAll("\\s+", " ");
        assertThat(en).contains("The meter reads backwards: when the load went on, the meter changed by -2.01 kW (and the "
                        + "consumption computed from it by -2.01 kW) where about +2.0 kW was expected, while PV "
                        + "(+0.02 kW), battery (+0.00 kW) and charger (+0.00 kW) stayed steady.",
                "Taken into account: the meter only (no PV, battery or charger on this Zap).",
                "Inconclusive: PV, battery or charger moved too much (or stopped answering) to tell. "
                        + "Consumption +5.98 kW, meter -1.99 kW, "
                        + "PV -3.99 kW", "-2.01 kW on L2")
                .doesNotContain("!verify.", "!report.");
        String sv = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "sv")))
                .replaceAll("\\s+", " ");
        assertThat(sv).contains("Elmätaren visar fel förtecken", "2,01\u00a0kW", "Går inte att avgöra",
                "Förbrukning +5,98\u00a0kW", "Med i beräkningen: bara elmätaren").doesNotContain("!verify.", "!report.");
    }

    @Test
    void embedsItsFontAndDrawsTheChartAsAnImage() throws IOException {
        byte[] pdf = CommissioningReport.render(ReportFixtures.data(ReportFixtures.session(), "sv"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int images = 0;
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                        images++;
                        assertThat(image.getWidth()).isEqualTo(300);
                    }
                }
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName());
                    assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue();
                }
            }
            assertThat(images).as("the chart of the first device").isEqualTo(1);
            assertThat(fonts).allMatch(f -> f.contains("LiberationSans"));
        }
    }

    @Test
    void aLongDeviceListGoesOnOverSeveralNumberedPages() throws IOException {
        CommissioningSession s = ReportFixtures.session();
        for (int i = 0; i < 40; i++) {
            s.startNextDevice();
            s.deviceAdded(new CommissioningSession.Device(String.format("P1%08X", i), "p1_meter", "meters",
                    "P1 meter number " + i, DeviceConfig.of("p1_uart", Map.of("profile", "p1_meter", "baud", 115200)),
                    List.of(new Der("meter", true))));
        }
        byte[] pdf = CommissioningReport.render(ReportFixtures.data(s, "en"));
        int pages = ReportFixtures.pages(pdf);
        assertThat(pages).isGreaterThan(5);
        String text = ReportFixtures.text(pdf);
        assertThat(text).contains("P1 meter number 0", "P1 meter number 39", "Page " + pages + " of " + pages)
                .contains("Devices in this session 42");
        // Every page has its footer, and no text runs below it (PDFBox would still extract it; the layout test is
        // that each page's text ends with its page number).
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int p = 1; p <= pages; p++) {
                PDFTextStripper one = new PDFTextStripper();
                one.setStartPage(p);
                one.setEndPage(p);
                assertThat(one.getText(doc).strip()).endsWith("Page " + p + " of " + pages);
            }
        }
    }

    @Test
    void everyPageRendersToAnImage() throws IOException {
        // Also a preview to look at: target/report-preview/fixture-en-N.png
        Path out = Files.createDirectories(Path.of("target", "report-preview"));
        for (String lang : List.of("en", "sv")) {
            byte[] pdf = CommissioningReport.render(ReportFixtures.data(ReportFixtures.session(), lang));
            List<Path> pngs = ReportPngs.render(pdf, out, "fixture-" + lang, 110);
            assertThat(pngs).hasSize(ReportFixtures.pages(pdf));
            assertThat(ImageIO.read(pngs.get(0).toFile()).getWidth()).isBetween(900, 920);
        }
    }

    @Test
    void anEmptySessionStillMakesAReport() throws IOException {
        String text = ReportFixtures.text(CommissioningReport.render(
                ReportFixtures.data(new CommissioningSession(), "en")));
        assertThat(text).contains("No device was added in this session.", "No load test was run",
                "Not known to the app: name and signature");
    }

    @Test
    void writesWholeOrNotAtAll() throws IOException {
        ReportData data = ReportFixtures.data(ReportFixtures.session(), "en");
        Path target = dir.resolve(CommissioningReport.suggestedFileName(data));
        assertThat(target.getFileName().toString()).isEqualTo("zap-ZAP0A1B2C3D-20261126-1405.pdf");
        CommissioningReport.write(data, target);
        assertThat(ReportFixtures.text(Files.readAllBytes(target))).contains("ZAP0A1B2C3D");

        // Into a folder that is not there: an error, and nothing left behind.
        Path missing = dir.resolve("no-such-folder").resolve("r.pdf");
        assertThatThrownBy(() -> CommissioningReport.write(data, missing)).isInstanceOf(IOException.class);
        assertThat(missing.getParent()).doesNotExist();

        // A failure while writing leaves the old file as it was and no temp file.
        byte[] before = Files.readAllBytes(target);
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk gone");
        })).hasMessage("disk gone");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(target.getFileName().toString());
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows ignores a folder's read-only attribute (setWritable): "
            + "files can still be made in it; only an ACL makes a folder read-only there")
    void aReadOnlyFolderIsRefusedWithoutAFileLeft() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        assertThat(readOnly.toFile().setWritable(false)).isTrue();
        try {
            Assumptions.assumeFalse(Files.isWritable(readOnly),
                    "running as root: the OS lets it write anyway");
            Path target = readOnly.resolve("r.pdf");
            assertThatThrownBy(() -> CommissioningReport.write(ReportFixtures.data(ReportFixtures.session(), "en"), target))
                    .isInstanceOf(AccessDeniedException.class);
            try (Stream<Path> files = Files.list(readOnly)) {
                assertThat(files).isEmpty();
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    /** A visit of two Zaps, made from its record: the site on top, then each Zap with what was done on it. */
    static CommissioningSession.Snapshot twoZaps() throws IOException {
        CommissioningSession s = ReportFixtures.session(); // ZAP0A1B2C3D: the Sungrow and the Ferroamp, a load test
        s.siteChosen(new CommissioningSession.SiteChoice(Optional.of("sit-99"), "Villa Solsidan"));
        s.gatewayClaimed("ZAP0A1B2C3D", "org-sourceful-7");
        s.wifiChanged(new CommissioningSession.WifiChange("ZAP0A1B2C3D", "Solsidan-IoT",
                URI.create("http://192.168.1.21"), Instant.parse("2026-11-26T12:40:00Z")));
        s.deviceRemoved("SL0LD0000", "solis", Instant.parse("2026-11-26T12:45:00Z"));
        s.selectGateway(new CommissioningSession.Gateway("ZAPGARAGE01", URI.create("http://192.168.1.30:8080"),
                "1.5.0", false));
        s.deviceAdded(new CommissioningSession.Device("EASEE0042", "easee", "ev_chargers", "Easee charger",
                DeviceConfig.of("cloud", Map.of("charger_id", "EH0042")), List.of(new Der("v2x_charger", true))));
        s.recordLoadTest(new CommissioningSession.LoadTestResult("EASEE0042", 3000, 2, "WRONG_PHASE", 2950, 3,
                Instant.parse("2026-11-26T12:55:00Z")));
        // Back on the first Zap at its new address, where the visit ends.
        s.selectGateway(new CommissioningSession.Gateway("ZAP0A1B2C3D", URI.create("http://192.168.1.21"), "1.4.2"));
        return s.snapshot();
    }

    @Test
    void aVisitOfTwoZapsHasAPartPerZapWithItsDevicesLoadTestsAndRemovals() throws IOException {
        ReportData data = ReportData.of(twoZaps(), ReportFixtures.AT, "0.1.0", ReportFixtures.texts("en"));
        byte[] pdf = CommissioningReport.render(data);
        // A preview to look at: target/report-preview/two-zaps-en-N.png
        ReportPngs.render(pdf, Files.createDirectories(Path.of("target", "report-preview")), "two-zaps-en", 110);
        String text = ReportFixtures.text(pdf).replaceAll("\\s+", " ");

        assertThat(text).contains("Zap ZAP0A1B2C3D, ZAPGARAGE01 · made")
                .contains("Site Villa Solsidan (Novacore site sit-99)", "Zaps in this visit 2",
                        "Devices in this session 3");
        int first = text.indexOf("Zap ZAP0A1B2C3D Zap serial number ZAP0A1B2C3D");
        int second = text.indexOf("Zap ZAPGARAGE01 Zap serial number ZAPGARAGE01");
        assertThat(first).as("the first Zap's part").isPositive();
        assertThat(second).as("the second Zap's part, after the first's").isGreaterThan(first);
        String firstZap = text.substring(first, second);
        String secondZap = text.substring(second);
        assertThat(firstZap).contains("Zap address on the local network 192.168.1.21", "Zap firmware 1.4.2")
                .contains("Claimed by (Novacore organisation) org-sourceful-7")
                .contains("Wi-Fi changed 2026-11-26 13:40:00: joined \"Solsidan-IoT\", found again at 192.168.1.21")
                .contains("Devices added on this Zap 2")
                .contains("Device 1: Sungrow hybrid inverter (SG1A2B3C4D)", "Device 2: Ferroamp EnergyHub (FA00C0FFEE)")
                .contains("Load tests on Zap ZAP0A1B2C3D", "+1.99 kW on L1")
                .contains("Removed from Zap ZAP0A1B2C3D", "SL0LD0000 Solis 2026-11-26 13:45:00")
                .doesNotContain("EASEE0042", "On Zap");
        assertThat(secondZap).contains("Zap address on the local network 192.168.1.30:8080", "Zap firmware 1.5.0")
                .contains("Claimed by (Novacore organisation) Not checked with Novacore in this visit")
                .contains("Devices added on this Zap 1", "Device 3: Easee charger (EASEE0042)")
                .contains("Load tests on Zap ZAPGARAGE01", "3000 W on L2")
                .doesNotContain("SG1A2B3C4D", "FA00C0FFEE", "Removed from Zap", "Wi-Fi changed");
        assertThat(text).as("no list of all devices beside the Zaps' parts")
                .doesNotContain("Devices added in this session", "Removed from a Zap");
        assertThat(CommissioningReport.suggestedFileName(data)).isEqualTo("zap-ZAP0A1B2C3D-20261126-1405.pdf");

        String sv = ReportFixtures.text(CommissioningReport.render(ReportData.of(twoZaps(), ReportFixtures.AT,
                "0.1.0", ReportFixtures.texts("sv")))).replaceAll("\\s+", " ");
        assertThat(sv).contains("Zappar under detta besök 2",
                "Anläggning Villa Solsidan (Novacore-anläggning sit-99)",
                "Belastningstester på Zap ZAPGARAGE01", "anslöt till ”Solsidan-IoT”");
    }

    @Test
    void aRecordOfBeforeSeveralZapsStillGivesEachZapItsDevices() throws IOException {
        // A visit file of before "gateways": only the chosen Zap is known whole; the other by its devices' serial.
        CommissioningSession.Snapshot full = twoZaps();
        CommissioningSession.Snapshot old = new CommissioningSession.Snapshot(full.gateway(), full.site(),
                full.visits(), full.currentDevice(), full.loadTests(), full.removals(), full.wifiChanges(),
                full.claims(), full.technician(), full.history());
        String text = ReportFixtures.text(CommissioningReport.render(ReportData.of(old, ReportFixtures.AT, "0.1.0",
                ReportFixtures.texts("en")))).replaceAll("\\s+", " ");
        int second = text.indexOf("Zap ZAPGARAGE01 Zap serial number ZAPGARAGE01");
        assertThat(second).isPositive();
        assertThat(text.substring(second)).contains("Not known: the record of this visit has only its serial number",
                "Device 3: Easee charger (EASEE0042)");
    }

    @Test
    void oneZapHasNoPartOfItsOwnAndNamesTheSiteWhenChosen() throws IOException {
        CommissioningSession s = ReportFixtures.session();
        s.siteChosen(new CommissioningSession.SiteChoice(Optional.empty(), "Storgatan 1, Lund"));
        String text = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")))
                .replaceAll("\\s+", " ");
        assertThat(text).contains("Site Storgatan 1, Lund", "Zap serial number ZAP0A1B2C3D",
                        "Devices added in this session", "Load tests")
                .doesNotContain("Zaps in this visit", "Zap ZAP0A1B2C3D Zap serial number", "Claimed by");
    }

    @Test
    void theEmbeddedFontHasSwedishLettersAndTheFallbackToo() throws IOException {
        try (PdfLayout layout = new PdfLayout("x")) {
            assertThat(layout.printable("åäö ÅÄÖ é ü – · • …")).isEqualTo("åäö ÅÄÖ é ü – · • …");
            assertThat(layout.printable("⚠ ok\tx")).isEqualTo("? ok x");
        }
        PDType1Font helvetica = new PDType1Font(
                Standard14Fonts.FontName.HELVETICA);
        assertThat(helvetica.encode("åäöÅÄÖ")).hasSize(6);
    }

    @Test
    void controlChecksShowWhatWasAskedTheVerdictWithItsNumbersAndTheReleaseInBothLanguages() throws IOException {
        CommissioningSession s = ReportFixtures.session();
        String before = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")))
                .replaceAll("\\s+", " ");
        assertThat(before).contains("Control checks", "No control check was made in this session.");
        s.recordControlCheck(ReportFixtures.followed());
        s.recordControlCheck(ReportFixtures.ignored());
        byte[] pdf = CommissioningReport.render(ReportFixtures.data(s, "en"));
        // A preview to look at: target/report-preview/control-checks-en-N.png
        ReportPngs.render(pdf, Files.createDirectories(Path.of("target", "report-preview")), "control-checks-en", 110);
        String en = ReportFixtures.text(pdf).replaceAll("\\s+", " ");
        assertThat(en).contains("Control checks", "Asked", "Release")
                .contains("SG1A2B3C4D 2026-11-26 13:55:00 charge 1,500 W for 30 s")
                .contains("Followed: the battery went from 12 W to 1,487 W (asked 1,500 W) and held it. It held the"
                        + " setpoint 6.5 s after the Zap accepted it. The grid meter moved by +1,493 W meanwhile; the site's"
                        + " other PV, batteries and chargers by +25 W and the house by -7 W.")
                .contains("Control given back: the device is in its own mode again")
                .contains("FA00C0FFEE 2026-11-26 13:58:20 discharge 2,500 W for 60 s")
                .contains("Ignored: the battery stayed at 37 W (before: 40 W) where -2,500 W was asked. The grid"
                        + " meter moved by +9 W meanwhile;")
                .contains("Control may NOT be given back: deinit: HTTP 503. Release it again before you leave.")
                .doesNotContain("No control check", "!control.", "!report.", "NaN", "\uFFFD");
        assertThat(en.indexOf("Followed:")).as("oldest first").isLessThan(en.indexOf("Ignored:"));

        String sv = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "sv")))
                .replaceAll("[\\s&&[^\u00a0]]+", " ");
        assertThat(sv).contains("Styrtester", "Begärt", "Återlämnande", "ladda 1\u00a0500\u00a0W i 30\u00a0s")
                .contains("Följde: batteriet gick från 12\u00a0W till 1\u00a0487\u00a0W (begärt 1\u00a0500\u00a0W)"
                        + " och höll det. Börvärdet hölls 6,5\u00a0s efter att Zapen godtog det. Elmätaren ändrades under"
                        + " tiden med +1\u00a0493\u00a0W; platsens övriga solceller, batterier och laddboxar med"
                        + " +25\u00a0W och huset med \u22127\u00a0W.")
                .contains("Ignorerade: batteriet låg kvar på 37\u00a0W (före: 40\u00a0W)", "+9\u00a0W")
                .contains("Styrningen är kanske INTE återlämnad: deinit: HTTP 503.")
                .doesNotContain("!control.", "!report.", "Control checks");
    }

    @Test
    void controlThatMayStillBeHeldIsSaidUnderItsZap() throws IOException {
        CommissioningSession s = CommissioningSession.restore(twoZaps());
        s.controlTaken(new ControlHold("ZAPGARAGE01", URI.create("http://192.168.1.30:8080"), "EASEE0042",
                ControlAction.LIMIT_PV, Instant.parse("2026-11-26T12:58:00Z")));
        s.recordControlCheck(ReportFixtures.followed());
        String text = ReportFixtures.text(CommissioningReport.render(ReportFixtures.data(s, "en")))
                .replaceAll("\\s+", " ");
        int second = text.indexOf("Zap ZAPGARAGE01 Zap serial number ZAPGARAGE01");
        assertThat(second).isPositive();
        assertThat(text.substring(0, second)).contains("Control checks on Zap ZAP0A1B2C3D", "Followed: the battery")
                .doesNotContain("may still be held");
        assertThat(text.substring(second)).contains("Control checks on Zap ZAPGARAGE01",
                "Control of the PV of EASEE0042 on Zap ZAPGARAGE01 was taken at 2026-11-26 13:58:00 and not seen"
                        + " given back: it may still be held.", "No control check was made on this Zap.")
                .doesNotContain("Followed:");
    }
}
