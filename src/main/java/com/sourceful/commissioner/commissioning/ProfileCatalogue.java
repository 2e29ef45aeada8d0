package com.sourceful.commissioner.commissioning;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the app knows about each device profile without asking the Zap: the manufacturer, its group, Novacore's
 * {@code device_type}, and the DERs it usually brings. Used to label forms, pre-fill provisioning, and as the
 * fallback list when the Zap cannot be asked ({@code GET /api/devices/supported}).
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

    private ProfileCatalogue() {
    }

    /** TEMPORARY stub of the issue 4 contract; replaced by the catalogue branch on merge. */
    public static Map<String, String> vendorDefaults(String profile, String connectionType) {
        return Map.of();
    }

    /** TEMPORARY stub of the issue 4 contract; replaced by the catalogue branch on merge. */
    public static Optional<String> hintKey(String profile, String connectionType) {
        return Optional.empty();
    }

    public static List<Profile> builtIn() {
        return BUILT_IN;
    }

    public static Optional<Profile> find(String profileId) {
        return BUILT_IN.stream().filter(p -> p.id().equals(profileId)).findFirst();
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
}
