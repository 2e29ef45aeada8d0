package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ZapClient against a real ZapSimulator on 127.0.0.1. */
class ZapClientTest {

    static final String SERIAL = "zap-04772a97";

    TestClock clock;
    ZapSimulator sim;
    ZapClient zap;

    @BeforeEach
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0).serial(SERIAL)
                .addDeviceDelay(Duration.ofMillis(20)).clock(clock).announceMdns(false).start();
        zap = new ZapClient(sim.baseUri());
    }

    @AfterEach
    void stop() {
        zap.close();
        sim.close();
    }

    static DeviceConfig sungrow(String ip) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ip", ip);
        f.put("port", 502);
        f.put("unit_id", 1);
        f.put("profile", "sungrow");
        return DeviceConfig.of("modbus_tcp", f);
    }

    static Map<String, Boolean> enabledByType(List<Der> ders) {
        return ders.stream().collect(Collectors.toMap(Der::type, Der::enabled, (a, b) -> a, LinkedHashMap::new));
    }

    static ZapException rejected(ThrowingRunnable r) {
        ZapException e = catchThrowableOfType(ZapException.class, r::run);
        assertThat(e).as("a ZapException").isNotNull();
        return e;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------ identity

    @Test
    void baseUriGetsTrailingSlashAndTypedAddressesAreNormalised() {
        assertThat(zap.baseUri().toString()).isEqualTo("http://127.0.0.1:" + sim.port() + "/");
        assertThat(ZapClient.baseUriOf("192.168.1.20").toString()).isEqualTo("http://192.168.1.20/");
        assertThat(ZapClient.baseUriOf(" zap.local:8080 ").toString()).isEqualTo("http://zap.local:8080/");
        assertThat(ZapClient.baseUriOf("http://10.0.0.5:81/api/system").toString()).isEqualTo("http://10.0.0.5:81/");
    }

    /**
     * Found by ZapAddressPropertyTest: these were accepted as Zap addresses. A port over 65535 then made every call
     * throw an unchecked IllegalArgumentException from the HTTP client; 0, ftp:// and user@ could never work;
     * "01.2.3.4" and "2130706433" are IPv4 in forms Java and the ESP32 read differently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:70000", "127.0.0.1:0", "ftp://127.0.0.1",
            "https://127.0.0.1", "http://u@127.0.0.1:8080", "01.2.3.4", "127.0.0.01", "0", "2130706433",
            "0x7f000001", "a23456789012345678901234567890123456789012345678901234567890abcd.local"})
    void invalidTypedAddressesAreRefused(String typed) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> ZapClient.baseUriOf(typed));
        assertThat(e).as(typed).isNotNull();
    }

    @Test
    void systemReportsFirmwareNetworkAndUptime() throws Exception {
        clock.advance(Duration.ofSeconds(125));
        ZapSystem s = zap.system();
        assertThat(s.deviceId()).isEqualTo(SERIAL);
        assertThat(s.firmwareVersion()).isEqualTo("1.4.2");
        assertThat(s.ssid()).hasValue("Simulated-WiFi");
        assertThat(s.rssi()).isPresent();
        assertThat(s.rssi().getAsInt()).isBetween(-57, -52);
        assertThat(s.wifiConnected()).hasValue(true);
        assertThat(s.internetConnected()).hasValue(true);
        assertThat(s.localIp()).hasValue("127.0.0.1");
        assertThat(s.uptimeSeconds()).hasValue(125);
    }

    @Test
    void identityCarriesTheSimulatorsSerial() throws Exception {
        ZapIdentity id = zap.identity();
        assertThat(id.serialNumber()).isEqualTo(SERIAL).isEqualTo(sim.serial());
        assertThat(id.deviceName()).isEqualTo("zap");
        assertThat(id.publicKey()).matches("04[0-9a-f]{128}").isEqualTo(sim.publicKeyHex());
    }

    // ------------------------------------------------------------------ profiles and schema

    @Test
    void supportedProfilesListsAllTenSeedProfilesWithGroupsAndConnectionTypes() throws Exception {
        List<SupportedProfile> profiles = zap.supportedProfiles();
        Map<String, SupportedProfile> byId = profiles.stream()
                .collect(Collectors.toMap(SupportedProfile::profile, p -> p));
        assertThat(profiles).hasSize(10);
        assertThat(byId.keySet()).containsExactlyInAnyOrder("sungrow", "solis", "deye", "sma", "huawei", "fronius",
                "solaredge", "p1_meter", "ambibox", "ferroamp");
        for (String inverter : List.of("sungrow", "solis", "deye", "sma", "huawei", "fronius", "solaredge")) {
            assertThat(byId.get(inverter).group()).as(inverter).isEqualTo("inverters");
            assertThat(byId.get(inverter).connectionTypes()).as(inverter).contains("modbus_tcp");
        }
        assertThat(byId.get("sungrow").connectionTypes()).containsExactly("modbus_tcp", "modbus_rtu");
        assertThat(byId.get("sungrow").displayName()).isEqualTo("Sungrow");
        assertThat(byId.get("p1_meter").group()).isEqualTo("meters");
        assertThat(byId.get("p1_meter").connectionTypes()).containsExactly("p1_uart");
        assertThat(byId.get("ambibox").group()).isEqualTo("ev_chargers");
        assertThat(byId.get("ambibox").connectionTypes()).containsExactly("mqtt");
        // Ferroamp has no documented group; the simulator's extra "batteries" array must still be read.
        assertThat(byId.get("ferroamp").group()).isEqualTo("batteries");
        assertThat(byId.get("ferroamp").connectionTypes()).containsExactly("mqtt");
    }

    @Test
    void connectionTypesDescribeTheFourConfigSchemas() throws Exception {
        Map<String, ConnectionTypeSpec> types = zap.connectionTypes().stream()
                .collect(Collectors.toMap(ConnectionTypeSpec::type, t -> t));
        assertThat(types.keySet()).containsExactlyInAnyOrder("modbus_tcp", "modbus_rtu", "p1_uart", "mqtt");

        Map<String, ConnectionTypeSpec.Parameter> tcp = params(types.get("modbus_tcp"));
        assertThat(tcp.keySet()).containsExactly("ip", "port", "unit_id", "profile");
        assertThat(tcp.get("ip").required()).isTrue();
        assertThat(tcp.get("ip").type()).isEqualTo("string");
        assertThat(tcp.get("ip").defaultIfAny()).isEmpty();
        assertThat(tcp.get("port").required()).isFalse();
        assertThat(tcp.get("port").type()).isEqualTo("int");
        assertThat(tcp.get("port").defaultValue()).isEqualTo(502.0);
        assertThat(tcp.get("unit_id").defaultValue()).isEqualTo(1.0);
        assertThat(tcp.get("profile").required()).isTrue();

        Map<String, ConnectionTypeSpec.Parameter> p1 = params(types.get("p1_uart"));
        assertThat(p1.get("baud_rate").defaultValue()).isEqualTo(115200.0);
        assertThat(p1.get("parity").defaultValue()).isEqualTo("none");
        assertThat(p1).doesNotContainKey("profile");

        Map<String, ConnectionTypeSpec.Parameter> rtu = params(types.get("modbus_rtu"));
        assertThat(rtu.get("baud_rate").defaultValue()).isEqualTo(9600.0);
        assertThat(rtu.get("parity").defaultValue()).isEqualTo(0.0);

        Map<String, ConnectionTypeSpec.Parameter> mqtt = params(types.get("mqtt"));
        assertThat(mqtt.get("broker_host").required()).isTrue();
        assertThat(mqtt.get("broker_port").defaultValue()).isEqualTo(1883.0);
        assertThat(mqtt.get("password").required()).isFalse();
        assertThat(types.get("mqtt").description()).isNotBlank();
    }

    static Map<String, ConnectionTypeSpec.Parameter> params(ConnectionTypeSpec spec) {
        Map<String, ConnectionTypeSpec.Parameter> out = new LinkedHashMap<>();
        spec.parameters().forEach(p -> out.put(p.name(), p));
        return out;
    }

    // ------------------------------------------------------------------ adding devices

    @Test
    void addDeviceAnswersSnAndDetectedDersAllDisabled() throws Exception {
        AddedDevice added = zap.addDevice(sungrow("192.168.1.60"));
        assertThat(added.sn()).matches("SG[0-9A-F]{8}");
        assertThat(added.message()).isEqualTo("Device added");
        assertThat(added.ders()).extracting(Der::type).containsExactly("pv", "battery", "meter");
        assertThat(added.ders()).allSatisfy(d -> assertThat(d.enabled()).isFalse());
        assertThat(added.ders().get(0).knownType()).hasValue(DerType.PV);

        List<ZapDevice> devices = zap.devices();
        assertThat(devices).hasSize(1);
        ZapDevice d = devices.get(0);
        assertThat(d.sn()).isEqualTo(added.sn());
        assertThat(d.profile()).hasValue("sungrow");
        assertThat(d.connectionType()).hasValue("modbus_tcp");
        assertThat(d.config()).containsEntry("ip", "192.168.1.60").containsEntry("port", 502.0)
                .containsEntry("unit_id", 1.0).doesNotContainKeys("sn", "connected", "path");
        assertThat(d.connected()).isTrue();
        assertThat(d.lastHarvestMs()).isEmpty();
        assertThat(d.ders()).extracting(Der::type).containsExactly("pv", "battery", "meter");
        assertThat(d.ders()).noneMatch(Der::enabled);
        assertThat(sim.device(added.sn())).isPresent();
        assertThat(sim.enabledDers(added.sn())).isEmpty();

        clock.advance(Duration.ofMillis(1500));
        assertThat(zap.devices().get(0).lastHarvestMs()).hasValue(clock.millis() - 500);
    }

    @Test
    void mqttDeviceListingNeverCarriesThePassword() throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("profile", "ferroamp");
        f.put("broker_host", "192.168.1.70");
        f.put("broker_port", 1883);
        f.put("username", "extapi");
        f.put("password", "s3cret-pw");
        DeviceConfig config = DeviceConfig.of("mqtt", f);
        assertThat(config.toString()).doesNotContain("s3cret-pw");
        AddedDevice added = zap.addDevice(config);
        assertThat(added.sn()).startsWith("FA");
        ZapDevice d = zap.devices().get(0);
        assertThat(d.config()).containsEntry("username", "extapi").doesNotContainKey("password");
        assertThat(d.config().values()).doesNotContain("s3cret-pw");
    }

    @Test
    void sameConfigTwiceIsRejected409NamingTheExistingDevice() throws Exception {
        AddedDevice first = zap.addDevice(sungrow("192.168.1.60"));
        ZapException e = rejected(() -> zap.addDevice(sungrow("192.168.1.60")));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.conflictingSerial()).hasValue(first.sn());
        assertThat(e.field()).as("a serial is not a config field").isEmpty();
        assertThat(e.serverMessage()).hasValue("device already exists");
        assertThat(e.operation()).isEqualTo("POST /api/devices");
        assertThat(sim.devices()).hasSize(1);
    }

    @Test
    void invalidConfigIsRejected400NamingTheField() throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ip", "192.168.1.60");
        f.put("port", 70000);
        f.put("profile", "sungrow");
        ZapException e = rejected(() -> zap.addDevice(DeviceConfig.of("modbus_tcp", f)));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).hasValue("port");
        assertThat(e.serverMessage()).get().asString().contains("port");

        ZapException noIp = rejected(() -> zap.addDevice(DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow"))));
        assertThat(noIp.status()).isEqualTo(400);
        assertThat(noIp.field()).hasValue("ip");

        ZapException badProfile = rejected(() -> zap.addDevice(
                DeviceConfig.of("modbus_tcp", Map.of("ip", "192.168.1.60", "profile", "ambibox"))));
        assertThat(badProfile.status()).isEqualTo(400);
        assertThat(badProfile.field()).hasValue("profile");
        assertThat(sim.devices()).isEmpty();
    }

    @Test
    void endpointThatDoesNotAnswerIsRejected503() throws Exception {
        // RFC 5737 address: the simulator decides by the text and never connects anywhere.
        ZapException e = rejected(() -> zap.addDevice(sungrow("192.0.2.10")));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.serverMessage()).get().asString().startsWith("connection failed: no answer from 192.0.2.10");
        assertThat(sim.devices()).isEmpty();
    }

    @Test
    void lowMemoryIsRejected503() throws Exception {
        sim.setLowMemory(true);
        ZapException e = rejected(() -> zap.addDevice(sungrow("192.168.1.60")));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.serverMessage()).get().asString().startsWith("low memory: free heap below");
        assertThat(sim.devices()).isEmpty();

        sim.setLowMemory(false);
        assertThat(zap.addDevice(sungrow("192.168.1.60")).sn()).startsWith("SG");
    }

    // ------------------------------------------------------------------ telemetry

    @Test
    void telemetryIsEmptyBeforeTheFirstReadingThenFollowsTheSignConventions() throws Exception {
        String sn = zap.addDevice(sungrow("192.168.1.60")).sn();
        assertThat(zap.telemetry(sn)).isEmpty();
        clock.advance(Duration.ofMillis(999));
        assertThat(zap.telemetry(sn)).as("204 until 1 s after adding").isEmpty();

        clock.advance(Duration.ofMillis(1001));
        TelemetrySnapshot snap = zap.telemetry(sn).orElseThrow();
        assertThat(snap.format()).isEqualTo("sungrow");
        assertThat(snap.readings().keySet()).containsExactlyInAnyOrder("pv", "battery", "meter");
        TelemetrySnapshot.Reading pv = snap.reading(DerType.PV).orElseThrow();
        assertThat(pv.make()).isEqualTo("Sungrow");
        assertThat(pv.timestampMs()).isEqualTo(clock.millis());
        assertThat(snap.reading(DerType.V2X_CHARGER)).isEmpty();

        // Scan a few minutes of simulated time: every snapshot must be consistent with the documented signs.
        // The simulated battery follows self-consumption, so the scenario makes it charge and discharge: a bright
        // sun first (surplus), then a dim sun and a 2 kW load (deficit).
        boolean sawCharging = false;
        boolean sawDischarging = false;
        TelemetrySnapshot previous = null;
        sim.setSun(0.9);
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                sim.setSun(0.05);
                sim.addHouseLoad(2000, 2);
            }
            TelemetrySnapshot s = zap.telemetry(sn).orElseThrow();
            TelemetrySnapshot.Reading p = s.reading(DerType.PV).orElseThrow();
            TelemetrySnapshot.Reading b = s.reading(DerType.BATTERY).orElseThrow();
            TelemetrySnapshot.Reading m = s.reading(DerType.METER).orElseThrow();
            double pvW = p.watts().orElseThrow();
            double batW = b.watts().orElseThrow();
            double meterW = m.watts().orElseThrow();

            // pv: negative while generating, and it is generating (MPPT currents flow).
            assertThat(pvW).isNegative();
            assertThat(-pvW).isLessThanOrEqualTo(p.number("rated_power_W").orElseThrow());
            assertThat(p.number("mppt1_A").orElseThrow()).isPositive();
            // battery: A has the sign of W; SoC is a fraction.
            assertThat(Math.signum(b.number("A").orElseThrow())).isEqualTo(Math.signum(batW));
            assertThat(b.number("SoC_nom_fract").orElseThrow()).isBetween(0.0, 1.0);
            // meter: W > 0 import = house load + battery charging - PV generation; the house load is positive.
            double houseLoad = meterW - pvW - batW - (i >= 20 ? 2000 : 0);
            assertThat(houseLoad).isBetween(300.0, 1500.0);
            assertThat(meterW).isCloseTo(m.number("L1_W").orElseThrow() + m.number("L2_W").orElseThrow()
                    + m.number("L3_W").orElseThrow(), Offset.offset(0.5));
            assertThat(m.number("Hz").orElseThrow()).isBetween(49.9, 50.1);
            // Energy totals are never negative.
            for (String total : List.of("total_import_Wh", "total_export_Wh")) {
                assertThat(m.number(total).orElseThrow()).isNotNegative();
            }
            assertThat(p.number("total_generation_Wh").orElseThrow()).isNotNegative();

            if (previous != null) {
                TelemetrySnapshot.Reading pb = previous.reading(DerType.BATTERY).orElseThrow();
                double prevW = pb.watts().orElseThrow();
                double socChange = b.number("SoC_nom_fract").orElseThrow() - pb.number("SoC_nom_fract").orElseThrow();
                // Battery W > 0 means charging: SoC rises (and falls when W < 0) when the sign held.
                if (prevW > 1000 && batW > 1000) {
                    assertThat(socChange).as("SoC while charging at %s W", batW).isGreaterThanOrEqualTo(0);
                    sawCharging |= socChange > 0;
                } else if (prevW < -1000 && batW < -1000) {
                    assertThat(socChange).as("SoC while discharging at %s W", batW).isLessThanOrEqualTo(0);
                    sawDischarging |= socChange < 0;
                }
                // Generation only grows.
                assertThat(p.number("total_generation_Wh").orElseThrow())
                        .isGreaterThanOrEqualTo(previous.reading(DerType.PV).orElseThrow()
                                .number("total_generation_Wh").orElseThrow());
            }
            previous = s;
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(sawCharging).as("saw the battery charge in 200 s").isTrue();
        assertThat(sawDischarging).as("saw the battery discharge in 200 s").isTrue();
    }

    @Test
    void unknownDeviceTelemetryIs404() {
        ZapException e = rejected(() -> zap.telemetry("SG00000000"));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.operation()).isEqualTo("GET /api/devices/SG00000000/data/json");
    }

    // ------------------------------------------------------------------ publishing, DERs, removal

    @Test
    void setPublishingChangesOnlyTheListedDers() throws Exception {
        String sn = zap.addDevice(sungrow("192.168.1.60")).sn();

        zap.setPublishing(sn, Map.of("pv", true));
        assertThat(enabledByType(zap.ders(sn))).containsExactly(
                Map.entry("pv", true), Map.entry("battery", false), Map.entry("meter", false));
        assertThat(sim.enabledDers(sn)).containsExactly("pv");

        zap.setPublishing(sn, Map.of("battery", true));
        assertThat(enabledByType(zap.ders(sn))).containsExactly(
                Map.entry("pv", true), Map.entry("battery", true), Map.entry("meter", false));
        assertThat(sim.enabledDers(sn)).containsExactlyInAnyOrder("pv", "battery");

        Map<String, Boolean> both = new LinkedHashMap<>();
        both.put("pv", false);
        both.put("meter", true);
        zap.setPublishing(sn, both);
        assertThat(sim.enabledDers(sn)).containsExactlyInAnyOrder("battery", "meter");
        assertThat(zap.devices().get(0).ders()).filteredOn(Der::enabled).extracting(Der::type)
                .containsExactlyInAnyOrder("battery", "meter");
    }

    @Test
    void setPublishingOfADerTheDeviceLacksIsRejected400() throws Exception {
        String sn = zap.addDevice(sungrow("192.168.1.60")).sn();
        ZapException e = rejected(() -> zap.setPublishing(sn, Map.of("v2x_charger", true)));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).hasValue("ders[0].type");
        assertThat(sim.enabledDers(sn)).isEmpty();
        ZapException unknown = rejected(() -> zap.setPublishing("SG00000000", Map.of("pv", true)));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void updateDersSetsMetadata() throws Exception {
        String sn = zap.addDevice(sungrow("192.168.1.60")).sn();
        zap.updateDers(sn, List.of(
                new Der("pv", false, OptionalDouble.of(10200), OptionalDouble.of(11000), OptionalDouble.empty()),
                new Der("battery", true, OptionalDouble.of(5000), OptionalDouble.empty(), OptionalDouble.of(12800))));
        Map<String, Der> ders = zap.ders(sn).stream().collect(Collectors.toMap(Der::type, d -> d));
        assertThat(ders.get("pv").ratedPowerW()).hasValue(10200);
        assertThat(ders.get("pv").installedPowerW()).hasValue(11000);
        assertThat(ders.get("pv").enabled()).isFalse();
        assertThat(ders.get("battery").capacityWh()).hasValue(12800);
        assertThat(ders.get("battery").ratedPowerW()).hasValue(5000);
        assertThat(ders.get("battery").enabled()).isTrue();
        assertThat(ders.get("meter").ratedPowerW()).isEmpty();
        assertThat(sim.enabledDers(sn)).containsExactly("battery");

        // The simulator's PV model follows the rated power it was given.
        clock.advance(Duration.ofSeconds(2));
        assertThat(zap.telemetry(sn).orElseThrow().reading(DerType.PV).orElseThrow().number("rated_power_W"))
                .hasValue(10200);
    }

    @Test
    void removeDeviceThenASecondRemovalIs404() throws Exception {
        String sn = zap.addDevice(sungrow("192.168.1.60")).sn();
        zap.removeDevice(sn);
        assertThat(zap.devices()).isEmpty();
        assertThat(sim.device(sn)).isEmpty();
        ZapException e = rejected(() -> zap.removeDevice(sn));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.operation()).isEqualTo("DELETE /api/devices/" + sn);

        // Removed, the same config can be added again.
        assertThat(zap.addDevice(sungrow("192.168.1.60")).sn()).isEqualTo(sn);
    }
}
