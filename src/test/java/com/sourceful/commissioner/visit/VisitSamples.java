package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.random.RandomGenerator;

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
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

/** Site visits for the visit file's and store's tests: a rich one, a bare one, random ones; and how to compare them. */
final class VisitSamples {

    static final Instant T0 = Instant.parse("2026-06-21T08:15:30.123456789Z");
    /** A real PNG's first bytes (signature, IHDR): the reader checks the signature, not the whole image. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};

    private VisitSamples() {
    }

    static Identity identity(String manufacturer, String model, String serial) {
        return new Identity(Optional.of(manufacturer), Optional.of(model), Optional.of(serial));
    }

    /** The visit's second Zap: a serial derived from its device id, not confirmed. */
    static final Gateway ZAP2 = new Gateway("zap-0000beef", URI.create("http://127.0.0.2:8080"), "1.3.0", false);

    /** A battery that followed, every number present, control given back. */
    static final ControlResult FOLLOWED = new ControlResult("zap-04772a97", "SG1", ControlAction.CHARGE, 1000, 30,
            ControlResult.Outcome.FOLLOWED, ControlResult.Stop.HELD, ControlResult.Limited.NONE, -12.5,
            OptionalDouble.of(987.25), OptionalDouble.of(6.5), OptionalDouble.of(1003), OptionalDouble.of(-4),
            OptionalDouble.of(0.55), OptionalDouble.of(0.56), 14, T0.plusSeconds(400), T0.plusSeconds(431),
            Optional.empty(), true, Optional.empty());
    /** A PV limit not run, no baseline, nothing measured, control perhaps not given back. */
    static final ControlResult NOT_RELEASED = new ControlResult("zap-0000beef", "BAT-7", ControlAction.LIMIT_PV,
            500, 60, ControlResult.Outcome.NOT_RUN, ControlResult.Stop.ERROR, ControlResult.Limited.NONE, Double.NaN,
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), OptionalDouble.empty(), 0, T0.plusSeconds(500), T0.plusSeconds(502),
            Optional.of("init: HTTP 500 \"busy\"\nretry"), false, Optional.of("deinit: connection refused"));
    static final ControlHold HOLD = new ControlHold("zap-0000beef", URI.create("http://127.0.0.2:8080"), "BAT-7",
            ControlAction.LIMIT_PV, T0.plusSeconds(499));

    /** Two Zaps, four devices with every optional part present, a fifth with every one absent. */
    static SiteVisit rich(String id) {
        Gateway zap1 = new Gateway("zap-04772a97", URI.create("http://127.0.0.1:8080/"), "1.4.2", true);
        DeviceConfig modbus = DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", 502, "unit_id", 1,
                "profile", "sungrow_sh"));
        DeviceConfig mqtt = DeviceConfig.of("mqtt", mapOf("broker_host", "127.0.0.1", "broker_port", 1883.0,
                "user", "meter", "password", "hunter2-real-secret", "tls", true)).withoutSecrets();
        List<DeviceVisit> visits = new ArrayList<>();
        PreflightResult passed = new PreflightResult(PreflightResult.Outcome.PASSED,
                PreflightResult.Reason.MODBUS_EXCEPTION, "127.0.0.1:502", OptionalInt.of(2), "illegal address");
        LiveSnapshot live = new LiveSnapshot(T0.plusSeconds(60), List.of(
                new DerLive("pv", "PV", T0.plusSeconds(59), List.of(new LiveValue("Power", "-3.20 kW"),
                        new LiveValue("Energy", "12 345 kWh"))),
                new DerLive("battery", "Battery", T0.plusSeconds(58), List.of())));
        ProvisionResult provisioned = new ProvisionResult(true, "dev-1", "SG1", "sit-7f3a21", "pending",
                List.of(new ProvisionResult.ProvisionedDer("der-1", "pv-array", "solar"),
                        new ProvisionResult.ProvisionedDer("der-2", "", "battery")));
        IdentityCheck same = new IdentityCheck(IdentityCheck.Outcome.SAME,
                Optional.of(identity("Sungrow", "SH10RT", "A2231")), Optional.of(identity("Sungrow", "SH10RT",
                "A2231")), "read 4990..4999 through the Zap:\nSungrow SH10RT A2231");
        visits.add(new DeviceVisit("zap-04772a97", new Device("SG1", "sungrow_sh", "inverters", "Sungrow SH10RT",
                modbus, List.of(new Der("pv", true, OptionalDouble.of(10000), OptionalDouble.of(9800.5),
                OptionalDouble.empty()), new Der("battery", false, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(9600)))), Optional.of(passed), List.of("pv", "battery"), Optional.of(live),
                Optional.of(PNG.clone()), Optional.of(provisioned), Optional.empty(), Optional.of(same),
                Optional.of(identity("Sungrow", "SH10RT", "A2231"))));
        visits.add(new DeviceVisit("zap-04772a97", new Device("MTR-9", "p1_mqtt", "meters", "Smart meter ÅÄÖ",
                mqtt, List.of(new Der("meter", true))), Optional.of(new PreflightResult(
                PreflightResult.Outcome.FAILED, PreflightResult.Reason.MQTT_BAD_CREDENTIALS, "[::1]:1883",
                OptionalInt.empty(), "CONNACK 4")), List.of("meter"), Optional.of(live), Optional.of(PNG.clone()),
                Optional.of(provisioned), Optional.of("obx-3b1f0c2e-1111-4222-8333-444455556666"),
                Optional.of(new IdentityCheck(IdentityCheck.Outcome.READ, Optional.empty(),
                        Optional.of(new Identity(Optional.of("Kaifa"), Optional.empty(), Optional.empty())), "")),
                Optional.of(new Identity(Optional.of("Kaifa"), Optional.empty(), Optional.empty()))));
        visits.add(new DeviceVisit("zap-0000beef", new Device("EVC-1", "easee", "ev_chargers", "Easee Home",
                DeviceConfig.of("cloud", Map.of("charger_id", "EH123456")), List.of(new Der("v2x_charger", true))),
                Optional.of(new PreflightResult(PreflightResult.Outcome.NOT_APPLICABLE,
                        PreflightResult.Reason.WIRED_TO_ZAP, "", OptionalInt.empty(), "")),
                List.of("v2x_charger"), Optional.of(live), Optional.of(PNG.clone()), Optional.of(provisioned),
                Optional.empty(), Optional.of(new IdentityCheck(IdentityCheck.Outcome.NOT_MODBUS, Optional.empty(),
                Optional.empty(), "not Modbus")), Optional.of(identity("Easee", "Home", "EH123456"))));
        visits.add(new DeviceVisit("zap-0000beef", new Device("BAT-7", "ferroamp", "batteries", "Ferroamp",
                DeviceConfig.of("modbus_rtu", mapOf("baud_rate", 9600, "parity", "N", "scale", 0.1, "neg", -0.0)),
                List.of()), Optional.of(passed), List.of(), Optional.of(live), Optional.of(PNG.clone()),
                Optional.of(provisioned), Optional.empty(), Optional.of(same), Optional.of(identity("", "", ""))));
        visits.add(new DeviceVisit("", new Device("X", "unknown", "inverters", "", DeviceConfig.of("?", Map.of()),
                List.of()), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        LoadTestResult loadTest = new LoadTestResult("MTR-9", 2000, 2, "WRONG_PHASE", 1987.25, 3,
                T0.plusSeconds(300), 1500, -400.5, 87.25, 0, List.of(new LoadTest.DerId("pv", "SG1"),
                new LoadTest.DerId("battery", "SG1")), true);
        Snapshot session = new Snapshot(Optional.of(zap1), Optional.of(new SiteChoice(Optional.of("sit-7f3a21"),
                "Villa Solsidan, Storgatan 1")), visits, Optional.of("zap-04772a97/MTR-9"),
                List.of(loadTest, new LoadTestResult("SG1", 1000, 0, "PASSED", 990, 0, T0)),
                List.of(new Removal("zap-04772a97", "OLD-1", "", T0.plusSeconds(5))),
                List.of(new WifiChange("zap-04772a97", "Villa \"Sol\" 5G", URI.create("https://192.0.2.7:8443/api"),
                        T0.plusSeconds(10))),
                Map.of("zap-04772a97", "org-1", "zap-0000beef", "org-2"), Optional.of("idt-42 (tech@example.com)"),
                List.of(provisioned, provisioned), List.of(zap1, ZAP2), List.of(FOLLOWED, NOT_RELEASED),
                List.of(HOLD));
        return new SiteVisit(id, T0, T0.plusSeconds(3600), false, session);
    }

    /** Nothing done yet: every optional part absent, every list empty. */
    static SiteVisit bare(String id) {
        return new SiteVisit(id, T0, T0, true, new Snapshot(Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Optional.empty(), List.of()));
    }

    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    // ---- random visits --------------------------------------------------------------------------------------

    /** Ids as the Zap and Novacore make them, and a few more printable characters. */
    static final Gen<String> IDS = Gens.strings("abcxyzABCXYZ0123456789-_./:@ éÅ", 0, 30);
    /** Any text that UTF-8 holds (lone surrogates cannot be written to a file), controls and newlines included. */
    static final Gen<String> TEXTS = Gens.anyText(60)
            .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));

    static double number(RandomGenerator r) {
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -0.0;
            case 2 -> r.nextInt(-100_000, 100_000);
            case 3 -> Double.MIN_VALUE;
            case 4 -> Double.MAX_VALUE * (r.nextBoolean() ? 1 : -1);
            case 5 -> r.nextDouble() * 1e-300;
            default -> (r.nextDouble() - 0.5) * 1e7;
        };
    }

    static Instant instant(RandomGenerator r) {
        return Instant.ofEpochSecond(r.nextLong(-10_000_000_000L, 100_000_000_000L),
                r.nextBoolean() ? 0 : r.nextInt(1_000_000_000));
    }

    static <T> Optional<T> maybe(RandomGenerator r, T value) {
        return r.nextBoolean() ? Optional.of(value) : Optional.empty();
    }

    static <T> List<T> list(RandomGenerator r, int size, Gen<T> item) {
        List<T> out = new ArrayList<>();
        for (int n = r.nextInt(1 + Math.min(4, size / 15)); n > 0; n--) {
            out.add(item.next(r, size));
        }
        return out;
    }

    static OptionalDouble maybeNumber(RandomGenerator r) {
        return r.nextBoolean() ? OptionalDouble.of(number(r)) : OptionalDouble.empty();
    }

    static Identity identity(RandomGenerator r, int size) {
        return new Identity(maybe(r, TEXTS.next(r, size)), maybe(r, TEXTS.next(r, size)),
                maybe(r, TEXTS.next(r, size)));
    }

    static DeviceConfig config(RandomGenerator r, int size) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int n = r.nextInt(6); n > 0; n--) {
            String name = r.nextInt(5) == 0 ? "password" : IDS.next(r, size);
            Object value = switch (r.nextInt(4)) {
                case 0 -> r.nextInt();
                case 1 -> number(r);
                case 2 -> r.nextBoolean();
                default -> TEXTS.next(r, size);
            };
            fields.put(name, value);
        }
        // What the session holds: the redacted config.
        return DeviceConfig.of(IDS.next(r, size), fields).withoutSecrets();
    }

    static ProvisionResult provisionResult(RandomGenerator r, int size) {
        return new ProvisionResult(r.nextBoolean(), IDS.next(r, size), IDS.next(r, size), IDS.next(r, size),
                IDS.next(r, size), list(r, size, (rr, s) -> new ProvisionResult.ProvisionedDer(IDS.next(rr, s),
                        TEXTS.next(rr, s), IDS.next(rr, s))));
    }

    static DeviceVisit deviceVisit(RandomGenerator r, int size) {
        ProfileCatalogue.Group[] groups = ProfileCatalogue.Group.values();
        Device device = new Device(IDS.next(r, size), IDS.next(r, size),
                groups[r.nextInt(groups.length)].zapGroup(), TEXTS.next(r, size), config(r, size),
                list(r, size, (rr, s) -> new Der(IDS.next(rr, s), rr.nextBoolean(), maybeNumber(rr),
                        maybeNumber(rr), maybeNumber(rr))));
        PreflightResult.Outcome[] outcomes = PreflightResult.Outcome.values();
        PreflightResult.Reason[] reasons = PreflightResult.Reason.values();
        PreflightResult preflight = new PreflightResult(outcomes[r.nextInt(outcomes.length)],
                reasons[r.nextInt(reasons.length)], TEXTS.next(r, size),
                r.nextBoolean() ? OptionalInt.of(r.nextInt(256)) : OptionalInt.empty(), TEXTS.next(r, size));
        LiveSnapshot live = new LiveSnapshot(instant(r), list(r, size, (rr, s) -> new DerLive(IDS.next(rr, s),
                TEXTS.next(rr, s), instant(rr), list(rr, s, (r3, s3) -> new LiveValue(TEXTS.next(r3, s3),
                TEXTS.next(r3, s3))))));
        byte[] png = Arrays.copyOf(PNG, PNG.length + r.nextInt(50));
        for (int i = PNG.length; i < png.length; i++) {
            png[i] = (byte) r.nextInt(256);
        }
        IdentityCheck.Outcome[] checks = IdentityCheck.Outcome.values();
        IdentityCheck check = new IdentityCheck(checks[r.nextInt(checks.length)], maybe(r, identity(r, size)),
                maybe(r, identity(r, size)), TEXTS.next(r, size));
        return new DeviceVisit(IDS.next(r, size), device, maybe(r, preflight), list(r, size, IDS), maybe(r, live),
                maybe(r, png), maybe(r, provisionResult(r, size)), maybe(r, IDS.next(r, size)), maybe(r, check),
                maybe(r, identity(r, size)));
    }

    static LoadTestResult loadTest(RandomGenerator r, int size) {
        LoadTest.Outcome[] outcomes = LoadTest.Outcome.values();
        return new LoadTestResult(IDS.next(r, size), number(r), r.nextInt(4), outcomes[r.nextInt(outcomes.length)]
                .name(), number(r), r.nextInt(4), instant(r), number(r), number(r), number(r), number(r),
                list(r, size, (rr, s) -> new LoadTest.DerId(IDS.next(rr, s), IDS.next(rr, s))), r.nextBoolean());
    }

    static <E extends Enum<E>> E any(RandomGenerator r, Class<E> type) {
        E[] values = type.getEnumConstants();
        return values[r.nextInt(values.length)];
    }

    static ControlResult controlCheck(RandomGenerator r, int size) {
        return new ControlResult(IDS.next(r, size), IDS.next(r, size), any(r, ControlAction.class), number(r),
                r.nextInt(0, 3600), any(r, ControlResult.Outcome.class), any(r, ControlResult.Stop.class),
                any(r, ControlResult.Limited.class), number(r), maybeNumber(r), maybeNumber(r), maybeNumber(r),
                maybeNumber(r), maybeNumber(r), maybeNumber(r), r.nextInt(0, 1000), instant(r), instant(r),
                maybe(r, TEXTS.next(r, size)), r.nextBoolean(), maybe(r, TEXTS.next(r, size)));
    }

    /** Zaps of distinct serials (a visit has each Zap once). */
    static List<Gateway> gateways(RandomGenerator r, int size, URI address) {
        Map<String, Gateway> bySerial = new LinkedHashMap<>();
        for (Gateway g : list(r, size, (rr, s) -> new Gateway(IDS.next(rr, s), address, TEXTS.next(rr, s),
                rr.nextBoolean()))) {
            bySerial.putIfAbsent(g.serial(), g);
        }
        return List.copyOf(bySerial.values());
    }

    static final Gen<SiteVisit> VISITS = (r, size) -> {
        Map<String, String> claims = new LinkedHashMap<>();
        for (int n = r.nextInt(3); n > 0; n--) {
            claims.put(IDS.next(r, size), IDS.next(r, size));
        }
        URI address = URI.create((r.nextBoolean() ? "http" : "https") + "://127.0.0." + r.nextInt(1, 255) + ":"
                + r.nextInt(1, 65536) + (r.nextBoolean() ? "/" : "/api?x=1"));
        Snapshot session = new Snapshot(
                maybe(r, new Gateway(IDS.next(r, size), address, TEXTS.next(r, size), r.nextBoolean())),
                maybe(r, new SiteChoice(maybe(r, IDS.next(r, size)), TEXTS.next(r, size))),
                list(r, size, VisitSamples::deviceVisit), maybe(r, IDS.next(r, size)),
                list(r, size, VisitSamples::loadTest),
                list(r, size, (rr, s) -> new Removal(IDS.next(rr, s), IDS.next(rr, s), IDS.next(rr, s), instant(rr))),
                list(r, size, (rr, s) -> new WifiChange(IDS.next(rr, s), TEXTS.next(rr, s), address, instant(rr))),
                claims, maybe(r, TEXTS.next(r, size)), list(r, size, VisitSamples::provisionResult),
                gateways(r, size, address), list(r, size, VisitSamples::controlCheck),
                list(r, size, (rr, s) -> new ControlHold(IDS.next(rr, s), address, IDS.next(rr, s),
                        any(rr, ControlAction.class), instant(rr))));
        return new SiteVisit(new UUID(r.nextLong(), r.nextLong()).toString(), instant(r), instant(r),
                r.nextBoolean(), session);
    };

    // ---- comparing ------------------------------------------------------------------------------------------

    /**
     * Equal as records, and the chart images equal in content: a record compares a {@code byte[]} by identity, so
     * the charts are compared on their own and taken out of the records' comparison.
     */
    static void assertSameVisit(SiteVisit actual, SiteVisit expected) {
        assertThat(withoutCharts(actual)).isEqualTo(withoutCharts(expected));
        assertThat(charts(actual)).containsExactlyElementsOf(charts(expected));
    }

    private static List<String> charts(SiteVisit v) {
        return v.session().visits().stream()
                .map(d -> d.chartPng().map(Arrays::toString).orElse("none")).toList();
    }

    private static SiteVisit withoutCharts(SiteVisit v) {
        Snapshot s = v.session();
        List<DeviceVisit> visits = s.visits().stream().map(d -> new DeviceVisit(d.gatewaySerial(), d.device(),
                d.preflight(), d.publishedDers(), d.live(), Optional.empty(), d.provisionResult(),
                d.queuedOutboxId(), d.identityCheck(), d.identity())).toList();
        return new SiteVisit(v.id(), v.startedAt(), v.savedAt(), v.finished(), new Snapshot(s.gateway(), s.site(),
                visits, s.currentDevice(), s.loadTests(), s.removals(), s.wifiChanges(), s.claims(), s.technician(),
                s.history(), s.gateways(), s.controlChecks(), s.controlHolds()));
    }
}
