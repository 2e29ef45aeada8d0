package com.sourceful.commissioner.commissioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.zap.ZapDevice;

/**
 * What the app knows about each device profile without asking the Zap: the manufacturer, its group, Novacore's
 * {@code device_type}, and the DERs it usually brings. Used to label forms, pre-fill provisioning, and as the
 * fallback list when the Zap cannot be asked ({@code GET /api/devices/supported}).
 *
 * <p>It also holds per-vendor connection defaults and a hint per profile and connection type
 * ({@link #vendorDefaults}, {@link #hintKey}). Every value is cited next to it. A value is given only where a source
 * backs it; where none could be confirmed the field is left to the Zap's own schema default ("no default rather than a
 * wrong default"). Sources marked "third-party" are integrator documentation, not the vendor's own manual.
 */
public final class ProfileCatalogue {

    public enum Group {
        INVERTER("inverters", "inverter"),
        METER("meters", "meter"),
        EV_CHARGER("ev_chargers", "charger"),
        // Novacore documents only inverter/meter/charger; a Ferroamp EnergyHub is a hybrid inverter system.
        BATTERY("batteries", "inverter");

        private final String zapGroup;
        private final String novacoreDeviceType;

        Group(String zapGroup, String novacoreDeviceType) {
            this.zapGroup = zapGroup;
            this.novacoreDeviceType = novacoreDeviceType;
        }

        public String zapGroup() {
            return zapGroup;
        }

        public String novacoreDeviceType() {
            return novacoreDeviceType;
        }

        public static Group ofZapGroup(String zapGroup) {
            for (Group g : values()) {
                if (g.zapGroup.equals(zapGroup)) {
                    return g;
                }
            }
            return INVERTER;
        }
    }

    public record Profile(String id, String manufacturer, String displayName, Group group, List<String> connectionTypes) {
    }

    private static final List<Profile> BUILT_IN = List.of(
            new Profile("sungrow", "Sungrow", "Sungrow", Group.INVERTER, List.of("modbus_tcp", "modbus_rtu")),
            new Profile("solis", "Solis", "Solis", Group.INVERTER, List.of("modbus_tcp", "modbus_rtu")),
            new Profile("deye", "Deye", "Deye", Group.INVERTER, List.of("modbus_tcp", "modbus_rtu")),
            new Profile("sma", "SMA", "SMA", Group.INVERTER, List.of("modbus_tcp")),
            new Profile("huawei", "Huawei", "Huawei", Group.INVERTER, List.of("modbus_tcp", "modbus_rtu")),
            new Profile("fronius", "Fronius", "Fronius", Group.INVERTER, List.of("modbus_tcp")),
            new Profile("solaredge", "SolarEdge", "SolarEdge", Group.INVERTER, List.of("modbus_tcp")),
            new Profile("p1_meter", "", "P1 (DSMR) smart meter", Group.METER, List.of("p1_uart")),
            new Profile("ambibox", "Ambibox", "Ambibox V2X", Group.EV_CHARGER, List.of("mqtt")),
            new Profile("ferroamp", "Ferroamp", "Ferroamp", Group.BATTERY, List.of("mqtt")));

    private static final Map<String, String> MANUFACTURERS = Map.of(
            "sungrow", "Sungrow", "solis", "Solis", "deye", "Deye", "sma", "SMA", "huawei", "Huawei",
            "fronius", "Fronius", "solaredge", "SolarEdge", "ambibox", "Ambibox", "ferroamp", "Ferroamp");

    /** Defaults and a hint for one profile over one connection type; {@code source} says where the values come from. */
    private record VendorEntry(String profile, String connectionType, Map<String, String> defaults, String source) {
        String hintKey() {
            return "hint." + profile + "." + connectionType;
        }
    }

    private static Map<String, String> fields(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static final List<VendorEntry> VENDOR = List.of(
            // Sungrow. The vendor's "Communication Protocol of Residential Hybrid Inverter" could NOT be found in the
            // searchable corpus, so port and unit id are not confirmed from Sungrow itself. Third-party: evcc templates
            // "sungrow-hybrid" / "sungrow-inverter" (https://docs.evcc.io/en/meters/sungrow-sh-series-hybrid-inverter):
            // Modbus TCP port 502, id 1, RS485 9600 8N1; and "connections via the WiNet-S dongle only work with the
            // latest firmware". Sungrow Australia, "The Procedure for Setting up Winet Modbus Connection" (WiNet-S web UI
            // at 11.11.11.1) confirms Modbus is configured through the WiNet-S but names no port. 502/1 equal the Zap's
            // own defaults.
            new VendorEntry("sungrow", "modbus_tcp", fields("port", "502", "unit_id", "1"),
                    "third-party: evcc sungrow templates; Sungrow Australia WiNet Modbus procedure (no port stated)"),
            new VendorEntry("sungrow", "modbus_rtu",
                    fields("baud_rate", "9600", "parity", "0", "data_bits", "8", "stop_bits", "1", "unit_id", "1"),
                    "third-party: evcc sungrow templates (RS485 9600 8N1, id 1); vendor protocol document not found"),

            // Solis. Solis, "Communication Protocol for Energy Storage Inverters (RS485_MODBUS ESINV-33000ID Hybrid
            // Inverter)", v3.5, https://oss.soliscloud.com/file/RS485_MODBUS%28ESINV-33000ID%29%20Hybrid%20Inverter.pdf
            // (as summarised by the nobrega8/mbmap-library map for Solis): slave address 1, 9600 baud, no parity,
            // 8 data bits, 1 stop bit by default. Modbus TCP: NOT confirmed. Solis' own Wi-Fi/LAN data loggers are not
            // documented as plain Modbus TCP servers (third-party: jmccrohan/pysolarmanv5#22, DLS-L logger ports 80 and
            // 30003 only); integrators reach Solis over RS485 or an RS485-to-TCP gateway (evcc "solis" template offers
            // rs485 and rs485tcpip only). Hence no TCP default: the gateway decides the port.
            new VendorEntry("solis", "modbus_tcp", fields(),
                    "not confirmed: no Solis document found for plain Modbus TCP; see solis/modbus_rtu"),
            new VendorEntry("solis", "modbus_rtu",
                    fields("baud_rate", "9600", "parity", "0", "data_bits", "8", "stop_bits", "1", "unit_id", "1"),
                    "Solis, Communication Protocol for Energy Storage Inverters v3.5 (slave 1, 9600 8N1)"),

            // Deye. No Deye vendor document found in the searchable corpus. Third-party: evcc "deye-storage" /
            // "deye-string" templates (https://docs.evcc.io/en/meters/deye-storage-hybrid-inverter): RS485 9600 8N1,
            // id 1. Modbus TCP: the stock Wi-Fi/LAN logger speaks the Solarman V5 protocol on port 8899, an RS485-to-TCP
            // gateway usually 502 (third-party: Developer089/deye-modbus-ha README). Not confirmed -> no TCP default.
            new VendorEntry("deye", "modbus_tcp", fields(),
                    "not confirmed: stock logger is Solarman V5 on 8899 (third-party deye-modbus-ha); gateways vary"),
            new VendorEntry("deye", "modbus_rtu",
                    fields("baud_rate", "9600", "parity", "0", "data_bits", "8", "stop_bits", "1", "unit_id", "1"),
                    "third-party: evcc deye templates (RS485 9600 8N1, id 1); vendor document not found"),

            // SMA. SMA Solar Technology, Sunny Tripower Smart Energy operating manual STPx0-3SE-40-BE-en-10, 9.17
            // "Configuring the Modbus Function": "The Modbus interface is deactivated by default and the communication
            // ports 502 set"; details in the technical information "SMA and SunSpec Modbus Interface"
            // (www.SMA-Solar.com). Also https://manuals.sma.de/SBSExx-US-50/en-US/13742413067.html ("deactivated by
            // default"). Unit id 3 for the SMA Modbus profile of the inverter: the Zap reference (zap-local-api.md,
            // "SMA unit id 3") and third-party evcc "sma-inverter-modbus" (id 3, port 502, "ModbusTCP server needs to be
            // enabled"); the SMA technical information text itself was not readable here. Note: SMA's SunSpec profile
            // uses unit id 126 instead (SMA SunSpec_Modbus-TI-en-15, p. 11, as cited in openhab/openhab1-addons#4799).
            new VendorEntry("sma", "modbus_tcp", fields("port", "502", "unit_id", "3"),
                    "SMA STPx0-3SE-40-BE-en-10 §9.17 (port 502, Modbus off by default); unit id 3: Zap reference, evcc"),

            // Huawei. Huawei, "SUN2000 ... MODBUS Interface Definitions" (e.g. SUN2000MA V100R001C20, issue 03,
            // 2021-10-08) - the text was not readable here. Port NOT set: it depends on the path. Through the SDongle
            // port 502 once "Modbus TCP" is enabled (unrestricted) in the FusionSolar app (Huawei forum "Modbus TCP
            // guide", https://forum.huawei.com/enterprise/en/modbus-tcp-guide/thread/667250677153415168-667213868771979264;
            // disabled by default since SDongle SPC124, third-party Emilv2/huawei_solar#58); on the inverter's own WLAN
            // (192.168.200.1) port 6607 (third-party wlcrs/huawei_solar docs, Emilv2/huawei_solar#69). Unit id 1
            // (third-party: evcc huawei templates; biemond/solaredge.modbus#79 "ip of s dongle, port 502, modbus id 1").
            // RS485: 9600 baud (Huawei SUN2000 app, Settings > Communication configuration > RS485_1, as reported in
            // DiedB/Homey-SolarPanels#78), 8N1 and id 1 third-party (evcc).
            new VendorEntry("huawei", "modbus_tcp", fields("unit_id", "1"),
                    "unit id 1: third-party (evcc, integrators); port not set: 502 via SDongle, 6607 on inverter WLAN"),
            new VendorEntry("huawei", "modbus_rtu",
                    fields("baud_rate", "9600", "parity", "0", "data_bits", "8", "stop_bits", "1", "unit_id", "1"),
                    "9600: Huawei SUN2000 app RS485_1 settings (DiedB/Homey-SolarPanels#78); 8N1, id 1 third-party"),

            // Fronius. Fronius, "Fronius Datamanager Modbus TCP & RTU" operating instructions 42,0410,2049
            // (023-26082021), sections "Modbus device ID for inverters", "Modbus device ID for energy meters",
            // "Settings - Modbus / Data export via Modbus"; and Fronius 42,0410,2649 p. 13 (as cited in steff393/wbec#73):
            // energy meter id 200 on GEN24, 240 on SnapINverters. Inverter unit id 1 and port 502: third-party
            // (oscarknapp/Fronius-Gen-24-Modbus-Integration: GEN24 web UI, Technician > Communication > Modbus,
            // "Slave as Modbus TCP", "Modbus Port (default: 502)"; Brovning/fronius: port 502, device 1). The Zap's fronius
            // profile reads the inverter, so the meter's 200/240 is not a default here.
            new VendorEntry("fronius", "modbus_tcp", fields("port", "502", "unit_id", "1"),
                    "Fronius 42,0410,2049 (Modbus TCP & RTU); port 502 / id 1 as integrators document for GEN24"),

            // SolarEdge. SolarEdge, "Technical Note - SunSpec Logging in SolarEdge Inverters", v2.4, December 2021
            // (later revisions v2.7 May 2024, v3.2 June 2025), https://www.solaredge.com/sites/default/files/
            // sunspec-implementation-technical-note.pdf: Modbus TCP is enabled in SetApp (Commissioning > Site
            // Communication > Modbus TCP) or on the LCD; default port 1502 on SetApp inverters (the 2016 edition, for
            // display inverters, names 502 - see binsentsu/home-assistant-solaredge-modbus#88, snaptec/openWB#846), device
            // ID 1 for the leader inverter. Third-party evcc "solaredge-inverter": port 1502, id 1.
            new VendorEntry("solaredge", "modbus_tcp", fields("port", "1502", "unit_id", "1"),
                    "SolarEdge, Technical Note - SunSpec Logging in SolarEdge Inverters, v2.4 (Dec 2021)"),

            // P1 / DSMR. Netbeheer Nederland, "P1 Companion Standard, Dutch Smart Meter Requirements", v5.0.2 Final,
            // 2016-02-26: fixed 115200 baud, 8N1 (also quoted in the MetCom MCS301 product manual 1.25, section 20.2).
            // Older DSMR 2.2/3.x meters use 9600 baud 7E1 - from the earlier P1 companion standards, not re-read here;
            // given only in the hint, not as a default.
            new VendorEntry("p1_meter", "p1_uart",
                    fields("baud_rate", "115200", "data_bits", "8", "parity", "none", "stop_bits", "1"),
                    "Netbeheer Nederland, P1 Companion Standard v5.0.2 (2016-02-26): 115200 8N1"),

            // Ambibox V2X. Sourceful, Zap local API documentation, "Connection configs" (zap-local-api.md): port 1884,
            // user external-ems. No public Ambibox document for this MQTT interface was found (evcc's Ambibox template
            // uses Modbus TCP instead).
            new VendorEntry("ambibox", "mqtt", fields("broker_port", "1884", "username", "external-ems"),
                    "Sourceful Zap local API docs, Connection configs; no public Ambibox document found"),

            // Ferroamp. Sourceful, Zap local API documentation, "Connection configs", and "Device Provisioning"
            // (seed-device-provisioning.txt): port 1883, user extapi. Third-party henricm/ha-ferroamp README: the
            // EnergyHub's MQTT broker is enabled by Ferroamp Support, who give the user name and password; topics
            // extapi/data/ehub etc. No Ferroamp manual found.
            new VendorEntry("ferroamp", "mqtt", fields("broker_port", "1883", "username", "extapi"),
                    "Sourceful Zap local API docs and Device Provisioning; ha-ferroamp README (support enables MQTT)"));

    /**
     * What makes one profile follow an external controller (the Zap's control calls), for a control check that was
     * ignored or followed only partly; {@code source} says where it comes from.
     */
    private record ControlEntry(String profile, String source) {
        String hintKey() {
            return "hint.control." + profile;
        }
    }

    // Only where a document names what makes the device accept (or refuse) external control. None for solis (the vendor
    // protocol as quoted by integrators describes a "Remote Dispatch Mode", 44100-44199, valid flag 34502 = 0xAA55 -
    // Pho3niX90/solis_modbus#440 - but no document names a setting a technician changes), p1_meter (a meter) and
    // ambibox (no public document of its control interface).
    private static final List<ControlEntry> CONTROL = List.of(
            // Sungrow. Vendor: "Communication Protocol of Residential Hybrid Inverter" (V1.0.20 seen at
            // https://manuals.plus/m/773c02f0fea85b5c9b60fe8609b855fe2b42200b954f6c057d408f686bbe793a, only its first
            // pages readable here). Third-party, citing the protocol's holding registers: EMS mode selection 13050 (0
            // self-consumption, 2 forced, 3 external EMS), charge/discharge command 13051, power 13052
            // (bohdan-s/SunGather#153; mkaiser/Sungrow-SHx-Inverter-Modbus-Home-Assistant doc/usage.md "Controlling the
            // EMS"); an iHomeManager on site is the plant EMS and sets the inverter's EMS mode back
            // (TCzerny/ha-modbus-manager#98, #85); Modbus through a WiNet-S needs current dongle firmware
            // (https://docs.evcc.io/en/meters/sungrow-sh-series-hybrid-inverter).
            new ControlEntry("sungrow", "third-party: SunGather#153, mkaiser usage.md (EMS mode 13050), "
                    + "ha-modbus-manager#98 (iHomeManager), evcc sungrow (WiNet-S firmware)"),

            // Deye. No Deye document names an external-control mode. Third-party: githubDante/deye-controller#20 (the
            // maintainer: setpoints go through the Time of Use programme; "make sure that the TimeOfUse (register 146)
            // shows Enabled and at least the current day of the week is also in the list"); evcc-io/evcc#12333 and PR
            // #25945 (battery control via the TOU scheduler, which must be enabled; Deye manual SUN-(5-12)K-SG04LP3, p.
            // 33, System Work Mode / Time of use, as cited there).
            new ControlEntry("deye", "third-party: deye-controller#20 (Time of Use on, register 146, today's weekday); "
                    + "evcc#12333, evcc PR #25945"),

            // SMA. Vendor: Sunny Tripower Smart Energy operating manual STPx0-3SE-40-BE-en-10, 9.17 "Configuring the
            // Modbus Function" ("The Modbus interface is deactivated by default"); SMA online manual
            // https://manuals.sma.de/SBSExx-US-50/en-US/13742413067.html and
            // https://manuals.sma.de/ESSX-20/en-US/10310370699.html (the Modbus interface, deactivated by default, is
            // for "setpoint specifications for system control" and "controlling the battery"). Third-party: evcc
            // "sma-hybrid" (https://docs.evcc.io/de/meters/sma-smart-energy-hybrid-inverter: forecast-based charging
            // ("Prognosebasiertes Laden") in the SMA portal must be off, else the battery control conflicts);
            // evcc-io/evcc#13924 (since Sunny Home Manager 2.0 firmware 2.14.10.R battery control of an STP SE over
            // Modbus no longer works; a maintainer calls it a known SMA firmware bug).
            new ControlEntry("sma", "SMA STPx0-3SE-40-BE-en-10 §9.17, manuals.sma.de (Modbus off by default, battery "
                    + "control); third-party: evcc sma-hybrid (forecast-based charging), evcc#13924 (SHM 2.0)"),

            // Huawei. Sourceful, "Huawei Inverter Configuration Guide"
            // (https://support.sourceful.energy/en/articles/11487062-huawei-inverter-configuration-guide): SUN2000 app,
            // installer login, Settings > Communication Configuration > Dongle Parameter Settings > Modbus-TCP:
            // Unrestricted (all LAN devices, one at a time), Restricted (trusted IP address), Disabled. Huawei forum
            // "Modbus TCP guide" (see huawei/modbus_tcp above). Third-party: pablozg/freeds#128 (an EMMA / SmartHEMS
            // takes over the inverter's management), bolliy/ioBroker.sun2000#192 (with an EMMA the FusionSolar battery
            // settings win over Modbus writes).
            new ControlEntry("huawei", "Sourceful Huawei Inverter Configuration Guide (Modbus-TCP access mode); "
                    + "third-party: freeds#128, ioBroker.sun2000#192 (EMMA)"),

            // Fronius. Vendor: Fronius Primo/Symo GEN24 operating instructions, Communication > Modbus, "Inverter
            // control via Modbus: If this option is activated, the inverter is controlled via Modbus" (on/off, power
            // reduction, cos phi, reactive power, battery control specifications) -
            // https://www.easymanua.ls/fronius/primo-gen24-10-0-plus/manual?p=125; German edition: "Diese Einstellung
            // ist notwendig, um eine Wechselrichter-Steuerung über Modbus zu ermöglichen"
            // (https://www.manualslib.de/manual/1278812/Fronius-Symo-Gen24-3-0.html?page=110). Fronius Datamanager
            // Modbus TCP & RTU 42,0410,2049 and GEN24 Modbus TCP & RTU 42,0410,2649, "Settings - Modbus" / "Restrict
            // the control": when on, only the listed IP addresses may send control commands (German text:
            // http://www.handbucher.com/manuals/768715/fronius-datamanager.html?page=76; Symo Hybrid manual
            // https://www.manualslib.de/manual/668971/Fronius-Symo-Hybrid.html?page=103). Third-party:
            // Varitras/fronius_modbus wiki "Battery Control" (time-dependent battery control in the web interface and
            // the Modbus storage modes get in each other's way).
            new ControlEntry("fronius", "Fronius GEN24 operating instructions (Inverter control via Modbus); "
                    + "42,0410,2049 / 42,0410,2649 (Restrict the control); third-party: fronius_modbus wiki"),

            // SolarEdge. Vendor: "Power Control Open Protocol for SolarEdge Inverters" technical note, Appendix B
            // (storage control) - not readable here; summarised by binsentsu/home-assistant-solaredge-modbus README:
            // "Storage Control Mode" to "Remote" for battery control; for a power limit "Advanced Power Control" to
            // Enable (and Reactive Power mode RRCR) in the Power Control menu. Third-party: evcc "solaredge-hybrid"
            // (https://docs.evcc.io/en/meters/solaredge-hybrid-inverter): "Only one system can and may have a Modbus
            // TCP connection to the inverter at the same time", StorageConf_CtrlMode (0xE004) must be 4 "Remote"; evcc
            // PR #31982 found Advanced Power Control not needed in tests (the old document says it is);
            // biemond/solaredge.modbus#241 and #73 (tariff optimisation set in the SolarEdge app overrules Modbus).
            new ControlEntry("solaredge", "SolarEdge Power Control Open Protocol tech note App. B as summarised by "
                    + "binsentsu README; third-party: evcc solaredge-hybrid (0xE004 = 4, one Modbus client), "
                    + "solaredge.modbus#241"),

            // Ferroamp. Ferroamp's MQTT API specification (ferroamp.com/support/nedladdningsbart, "EnergyCloud &
            // API:er") was not readable here. Third-party: henricm/ha-ferroamp#555 - during a frequency reserve (FCR)
            // activation Ferroamp takes over and extapi/control requests are answered "nak" ("fcr-event: Ongoing",
            // "battery-maintenance-regular: Ongoing"); henricm/ha-ferroamp#7 (commands via extapi/control/request).
            new ControlEntry("ferroamp", "third-party: ha-ferroamp#555 (commands refused during FCR or battery "
                    + "maintenance), ha-ferroamp#7"));

    private ProfileCatalogue() {
    }

    public static List<Profile> builtIn() {
        return BUILT_IN;
    }

    public static Optional<Profile> find(String profileId) {
        return BUILT_IN.stream().filter(p -> p.id().equals(profileId)).findFirst();
    }

    /**
     * The profile of a device the Zap already has: the one its config names, else the P1 meter's for a P1 port (a
     * {@code p1_uart} config names no profile); empty when neither.
     */
    public static String profileOf(ZapDevice device) {
        return device.profile()
                .orElse(device.connectionType().filter("p1_uart"::equals).map(type -> "p1_meter").orElse(""));
    }

    /** The manufacturer for Novacore; for an unknown profile its id, capitalised, is the best guess. */
    public static String manufacturer(String profileId) {
        String known = MANUFACTURERS.get(profileId);
        if (known != null) {
            return known;
        }
        if (profileId == null || profileId.isBlank() || profileId.startsWith("p1")) {
            return "";
        }
        return profileId.substring(0, 1).toUpperCase(Locale.ROOT) + profileId.substring(1);
    }

    /**
     * Per-vendor defaults to pre-fill the form (field name to text), e.g. solaredge/modbus_tcp to {port: "1502"}.
     * Empty when none, for an unknown profile, or a connection type the profile does not offer.
     */
    public static Map<String, String> vendorDefaults(String profile, String connectionType) {
        return entry(profile, connectionType).map(VendorEntry::defaults).orElse(Map.of());
    }

    /** Message key of a short hint for the form and after a failed preflight, e.g. {@code hint.solaredge.modbus_tcp}. */
    public static Optional<String> hintKey(String profile, String connectionType) {
        return entry(profile, connectionType).map(VendorEntry::hintKey);
    }

    /**
     * Message key of what makes the device follow an external controller (write access, an EMS or remote-control mode)
     * and what is known to override it, for a control check that was ignored or followed only partly, e.g.
     * {@code hint.control.solaredge}. Only where a document names it: the vendor's where one was found, else
     * integrators' (marked "third-party" in {@link #controlSource}); empty otherwise (nothing is invented).
     */
    public static Optional<String> controlHintKey(String profile) {
        return control(profile).map(ControlEntry::hintKey);
    }

    /** Where the control hint of a profile comes from (document, version, address where known). */
    static Optional<String> controlSource(String profile) {
        return control(profile).map(ControlEntry::source);
    }

    /** Where the vendor defaults and hint of a profile come from (document, version, address where known). */
    static Optional<String> source(String profile, String connectionType) {
        return entry(profile, connectionType).map(VendorEntry::source);
    }

    private static Optional<ControlEntry> control(String profile) {
        return CONTROL.stream().filter(e -> e.profile().equals(profile)).findFirst();
    }

    private static Optional<VendorEntry> entry(String profile, String connectionType) {
        return VENDOR.stream()
                .filter(e -> e.profile().equals(profile) && e.connectionType().equals(connectionType))
                .findFirst();
    }
}
