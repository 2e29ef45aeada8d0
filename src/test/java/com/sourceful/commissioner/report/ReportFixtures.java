package com.sourceful.commissioner.report;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.ResourceBundle;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** A session with two devices (one provisioned, one queued in the outbox), a load test and planted secrets. */
final class ReportFixtures {

    static final String PASSWORD = "s3cret-pass";
    static final String API_KEY = "k3y-value-9f8e7d";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpZHQtMSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 26, 14, 5, 0, 0, ZoneId.of("Europe/Stockholm"));
    static final Instant READING = AT.toInstant().minusSeconds(42);

    private ReportFixtures() {
    }

    static ReportTexts texts(String language) {
        Locale locale = language.equals("sv") ? Locale.forLanguageTag("sv-SE") : Locale.ENGLISH;
        ResourceBundle bundle = ResourceBundle.getBundle("com.sourceful.commissioner.ui.messages",
                language.equals("sv") ? Locale.forLanguageTag("sv") : Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new ReportTexts(bundle, locale);
    }

    static byte[] chartPng() throws IOException {
        int w = 300;
        int h = 120;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFFFFFFFF;
        }
        for (int x = 0; x < w; x++) {
            int y = (int) (h / 2 + Math.sin(x / 20.0) * 40);
            argb[y * w + x] = 0xFF0B6E4F;
        }
        return ChartImage.png(new ChartImage.Pixels(w, h, argb));
    }

    static CommissioningSession session() throws IOException {
        CommissioningSession s = new CommissioningSession();
        s.selectGateway(new CommissioningSession.Gateway("ZAP0A1B2C3D", URI.create("http://192.168.1.20"), "1.4.2"));
        s.technician("idt-technician-7");

        // 1: a Sungrow inverter, preflight passed, live values, chart, provisioned.
        s.preflightChecked(new PreflightResult(PreflightResult.Outcome.PASSED, PreflightResult.Reason.MODBUS_ANSWERED,
                "192.168.1.50:502", OptionalInt.empty(), "read 1 register"));
        s.deviceAdded(new CommissioningSession.Device("SG1A2B3C4D", "sungrow", "inverters", "Sungrow hybrid inverter",
                DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "192.168.1.50", "port", 502,
                        "unit_id", 1)),
                List.of(new Der("pv", false, OptionalDouble.of(10000), OptionalDouble.of(9800), OptionalDouble.empty()),
                        new Der("battery", false), new Der("meter", false))));
        s.publishedDers(List.of("pv", "battery"));
        s.liveSnapshot("SG1A2B3C4D", new CommissioningSession.LiveSnapshot(AT.toInstant().minusSeconds(30), List.of(
                new CommissioningSession.DerLive("pv", "PV", READING, List.of(
                        new CommissioningSession.LiveValue("Power", "-3.21 kW"),
                        new CommissioningSession.LiveValue("MPPT1", "412 V · 4.1 A"))),
                new CommissioningSession.DerLive("battery", "Battery", READING, List.of(
                        new CommissioningSession.LiveValue("Power", "1.05 kW"),
                        new CommissioningSession.LiveValue("SoC", "56 %"))),
                new CommissioningSession.DerLive("meter", "Grid meter", READING, List.of(
                        new CommissioningSession.LiveValue("Power", "0.48 kW"),
                        new CommissioningSession.LiveValue("Frequency", "50.01 Hz"))))));
        s.chartImage("SG1A2B3C4D", chartPng());
        // The hybrid's battery took most of the kettle: the meter rose by 0.31 kW, the consumption by 1.99 kW.
        s.recordLoadTest(new CommissioningSession.LoadTestResult("SG1A2B3C4D", 2000, 1, "PASSED", 1987, 1,
                AT.toInstant().minusSeconds(60), 312, -15, -1660, 0, List.of(
                new LoadTest.DerId("pv", "SG1A2B3C4D"),
                new LoadTest.DerId("battery", "SG1A2B3C4D")), true));
        s.provisioned(new ProvisionResult(true, "dev-42a7", "SG1A2B3C4D", "sit-99", "active", List.of(
                new ProvisionResult.ProvisionedDer("der-pv-1", "pv-array", "solar"),
                new ProvisionResult.ProvisionedDer("der-bat-1", "battery_1", "battery"))));

        // 2: a Ferroamp over MQTT whose password is planted (the app never stores one; the report must hide it anyway).
        s.startNextDevice();
        s.preflightChecked(new PreflightResult(PreflightResult.Outcome.FAILED, PreflightResult.Reason.MQTT_BAD_CREDENTIALS,
                "192.168.1.60:1883", OptionalInt.empty(), "CONNACK 4"));
        s.deviceAdded(new CommissioningSession.Device("FA00C0FFEE", "ferroamp", "batteries", "Ferroamp EnergyHub",
                DeviceConfig.of("mqtt", Map.of("profile", "ferroamp", "broker_host", "192.168.1.60", "broker_port", 1883,
                        "username", "extapi", "password", PASSWORD, "api_key", API_KEY, "token", JWT)),
                List.of(new Der("battery", true))));
        s.publishedDers(List.of("battery"));
        s.provisionQueued("outbox-20261126-0001");
        return s;
    }

    /** The Sungrow's battery charged as asked, held it after 6.5 s; control given back. */
    static ControlResult followed() {
        return new ControlResult("ZAP0A1B2C3D", "SG1A2B3C4D", ControlAction.CHARGE, 1500, 30,
                ControlResult.Outcome.FOLLOWED, ControlResult.Stop.HELD, ControlResult.Limited.NONE, 12,
                OptionalDouble.of(1487), OptionalDouble.of(6.5), OptionalDouble.of(1493), OptionalDouble.of(-7),
                OptionalDouble.of(0.52), OptionalDouble.of(0.53), 11, AT.toInstant().minusSeconds(600),
                AT.toInstant().minusSeconds(580), Optional.empty(), true, Optional.empty());
    }

    /** The Ferroamp's battery did not discharge; the meter agrees; control perhaps not given back. */
    static ControlResult ignored() {
        return new ControlResult("ZAP0A1B2C3D", "FA00C0FFEE", ControlAction.DISCHARGE, -2500, 60,
                ControlResult.Outcome.IGNORED, ControlResult.Stop.DURATION, ControlResult.Limited.NONE, 40,
                OptionalDouble.of(37), OptionalDouble.empty(), OptionalDouble.of(9), OptionalDouble.of(12),
                OptionalDouble.of(0.8), OptionalDouble.of(0.8), 30, AT.toInstant().minusSeconds(400),
                AT.toInstant().minusSeconds(340), Optional.empty(), false, Optional.of("deinit: HTTP 503"));
    }

    static ReportData data(CommissioningSession s, String language) {
        return ReportData.of(s, AT, "0.1.0", texts(language));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static int pages(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }
}
