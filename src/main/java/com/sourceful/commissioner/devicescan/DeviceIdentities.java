package com.sourceful.commissioner.devicescan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.sourceful.commissioner.commissioning.ProfileCatalogue;

/**
 * Where a Modbus device says who it is, per vendor, each map with its source beside it (like the profile hints of
 * {@link ProfileCatalogue}), and which of the Zap's profiles a manufacturer's device takes.
 */
final class DeviceIdentities {

    private DeviceIdentities() {
    }

    // SunSpec. SunSpec Alliance, "SunSpec Information Model Specification" v1.9 and model 1 ("Common") of the
    // SunSpec models (https://github.com/sunspec/models, model_1.json): the map starts with the marker "SunS"
    // (0x53756e53) at 40000 (usual), 0 or 50000 (the alternatives the specification allows); then model 1:
    // ID = 1, L = 65 (66 with the pad), Mn @+2 (16 registers), Md @+18 (16), Opt @+34 (8), Vr @+42 (8),
    // SN @+50 (16), DA @+66. Registers are read with function 3 (holding).
    static final List<Integer> SUNSPEC_BASES = List.of(40000, 0, 50000);
    static final int SUNSPEC_MARKER_HIGH = 0x5375; // "Su"
    static final int SUNSPEC_MARKER_LOW = 0x6e53; // "nS"
    static final int SUNSPEC_COMMON_MODEL = 1;
    static final int SUNSPEC_COMMON_LENGTH = 66;
    static final int SUNSPEC_MN = 0;
    static final int SUNSPEC_MD = 16;
    static final int SUNSPEC_VR = 40;
    static final int SUNSPEC_SN = 48;
    static final int SUNSPEC_STRING_16 = 16;
    static final int SUNSPEC_STRING_8 = 8;

    // Huawei. Huawei, "Solar Inverter Modbus Interface Definitions", Issue 04 (2022-03-29), §3 register definitions
    // (https://pdfhost.io/v/f.inq3jdp_Solar_Inverter_Modbus_Interface_Definitions; the same map in "SUN2000MA
    // V100R001C20 Modbus Interface Definitions" Issue 03): holding registers (function 3), 30000 Model (STR, 15
    // registers), 30015 SN (STR, 10), 30025 PN (STR, 10); unit id 0 on the inverter's own interface (port 6607),
    // 1 behind the SDongle (port 502). No SunSpec. Checked against a second, independent map: sun2000_modbus
    // (github.com/olivergregorius/sun2000_modbus, sun2000_modbus/registers.py, "InverterEquipmentRegister": Model
    // 30000 ×15, SN 30015 ×10, PN 30025 ×10, STRING), which also puts SystemTime at 40000, so a SunSpec marker read
    // there finds no "SunS" on a Huawei.
    static final int HUAWEI_MODEL = 30000;
    static final int HUAWEI_IDENTITY_LENGTH = 35; // model 15 + SN 10 + PN 10
    static final int HUAWEI_MODEL_LENGTH = 15;
    static final int HUAWEI_SN = 15;
    static final int HUAWEI_SN_LENGTH = 10;

    // Sungrow. Sungrow, "Communication Protocol of Residential Hybrid Inverter" V1.0.20, §3.1 (read-only registers,
    // function 4; https://manuals.plus/m/773c02f0fea85b5c9b60fe8609b855fe2b42200b954f6c057d408f686bbe793a) and
    // "Communication Protocol of PV Grid-Connected String Inverters" V1.1.x (same addresses): SN at 4990-4999
    // (UTF-8, 10 registers), device type code at 5000 (U16); "communication address = protocol address - 1", so
    // on the wire 4989 (11 registers: SN and type). Unit id 1 (ProfileCatalogue's evcc-based default). No SunSpec.
    static final int SUNGROW_SN_WIRE = 4989;
    static final int SUNGROW_IDENTITY_LENGTH = 11;
    static final int SUNGROW_SN_LENGTH = 10;

    /**
     * Sungrow device type codes, register 5000: the same document's hybrid table, and 0xE12 SH8.0RT-20 from pysungrow
     * (github.com/02JanDal/pysungrow, pysungrow/definitions/devices/hybrid.py). Others are named by their code when
     * the serial has Sungrow's form ({@link #SUNGROW_SERIAL}).
     */
    static final Map<Integer, String> SUNGROW_TYPES = Map.ofEntries(
            Map.entry(0xD03, "SH5K-V13"), Map.entry(0xD06, "SH3K6"), Map.entry(0xD07, "SH4K6"),
            Map.entry(0xD09, "SH5K-20"), Map.entry(0xD0A, "SH3K6-30"), Map.entry(0xD0B, "SH4K6-30"),
            Map.entry(0xD0C, "SH5K-30"), Map.entry(0xD0D, "SH3.6RS"), Map.entry(0xD0E, "SH4.6RS"),
            Map.entry(0xD0F, "SH5.0RS"), Map.entry(0xD10, "SH6.0RS"), Map.entry(0xE00, "SH5.0RT"),
            Map.entry(0xE01, "SH6.0RT"), Map.entry(0xE02, "SH8.0RT"), Map.entry(0xE03, "SH10RT"),
            Map.entry(0xE12, "SH8.0RT-20"));

    /**
     * A Sungrow serial: a letter and ten digits (e.g. "A2350415770", as in AlexanderLanin/homeassistant-sungrow,
     * compare.md); strict, so another device's text at these registers is not taken for a Sungrow.
     */
    static final Pattern SUNGROW_SERIAL = Pattern.compile("[A-Z][0-9]{10}");

    /**
     * The Zap's profile for a manufacturer as its device names itself (SunSpec Mn: "SMA", "Fronius", "SolarEdge ",
     * "SMA Solar Technology AG" …): the catalogue's manufacturer at the start of the name, case and spacing aside.
     */
    static Optional<String> profileFor(String manufacturer) {
        String name = manufacturer.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return ProfileCatalogue.builtIn().stream()
                .filter(p -> p.connectionTypes().contains(FoundDevice.MODBUS_TCP))
                .filter(p -> !p.manufacturer().isEmpty())
                .filter(p -> name.startsWith(p.manufacturer().toLowerCase(Locale.ROOT).replace(" ", "")))
                .map(ProfileCatalogue.Profile::id)
                .findFirst();
    }
}
