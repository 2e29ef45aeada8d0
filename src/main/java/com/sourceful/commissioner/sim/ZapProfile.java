package com.sourceful.commissioner.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device profile the simulated Zap "supports", per zap-local-api.md and the seed page.
 *
 * @param id             profile id used in configs ("sungrow")
 * @param displayName    label in GET /api/devices/supported
 * @param group          array of /api/devices/supported it is listed in
 * @param make           value of {@code make} in telemetry blocks
 * @param snPrefix       prefix of the device serial the simulator derives
 * @param connectionTypes connection types the profile accepts
 * @param ders           DER types the Zap "detects" for the profile, in order
 * @param pvRatedW       default PV rated power (W) when the DER has no rated_power
 * @param batteryMaxW    default battery max power (W)
 * @param batteryWh      default battery capacity (Wh)
 */
record ZapProfile(String id, String displayName, String group, String make, String snPrefix,
                  List<String> connectionTypes, List<String> ders,
                  double pvRatedW, double batteryMaxW, double batteryWh) {

    static final String INVERTERS = "inverters";
    static final String METERS = "meters";
    static final String EV_CHARGERS = "ev_chargers";
    /** Not in the documented shape of /api/devices/supported (see ZapSimulator). */
    static final String BATTERIES = "batteries";

    private static final List<String> TCP_RTU = List.of("modbus_tcp", "modbus_rtu");
    private static final List<String> TCP = List.of("modbus_tcp");
    private static final List<String> HYBRID = List.of("pv", "battery", "meter");
    private static final List<String> PV_METER = List.of("pv", "meter");

    static final Map<String, ZapProfile> ALL;

    static {
        Map<String, ZapProfile> m = new LinkedHashMap<>();
        for (ZapProfile p : List.of(
                new ZapProfile("sungrow", "Sungrow", INVERTERS, "Sungrow", "SG", TCP_RTU, HYBRID, 10_000, 5_000, 9_600),
                new ZapProfile("solis", "Solis", INVERTERS, "Solis", "SOL", TCP_RTU, HYBRID, 8_000, 5_000, 10_000),
                new ZapProfile("deye", "Deye", INVERTERS, "Deye", "DEYE", TCP_RTU, HYBRID, 12_000, 6_000, 10_240),
                new ZapProfile("sma", "SMA", INVERTERS, "SMA", "SMA", TCP, List.of("pv"), 6_000, 0, 0),
                new ZapProfile("huawei", "Huawei", INVERTERS, "Huawei", "HW", TCP_RTU, HYBRID, 10_000, 5_000, 10_000),
                new ZapProfile("fronius", "Fronius", INVERTERS, "Fronius", "FRO", TCP, PV_METER, 8_200, 0, 0),
                new ZapProfile("solaredge", "SolarEdge", INVERTERS, "SolarEdge", "SE", TCP, PV_METER, 10_000, 0, 0),
                new ZapProfile("p1_meter", "P1 Meter (DSMR)", METERS, "P1", "P1", List.of("p1_uart"), List.of("meter"), 0, 0, 0),
                new ZapProfile("ambibox", "Ambibox V2X", EV_CHARGERS, "Ambibox", "AMB", List.of("mqtt"), List.of("v2x_charger"), 0, 0, 0),
                new ZapProfile("ferroamp", "Ferroamp", BATTERIES, "Ferroamp", "FA", List.of("mqtt"), HYBRID, 15_000, 7_000, 15_200))) {
            m.put(p.id(), p);
        }
        ALL = Collections.unmodifiableMap(m);
    }

    static Optional<ZapProfile> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }
}
