package com.sourceful.commissioner.commissioning;

import java.util.Map;

/** Between the Zap's DER vocabulary and Novacore's, and the names a technician starts from. */
public final class DerNaming {

    private DerNaming() {
    }

    private static final Map<String, String> ZAP_TO_NOVACORE = Map.of(
            "pv", "solar",
            "battery", "battery",
            "meter", "meter",
            "v2x_charger", "v2x_charger");

    /** Novacore's type for a Zap DER type; an unknown type passes through unchanged so Novacore can judge it. */
    public static String novacoreType(String zapType) {
        return ZAP_TO_NOVACORE.getOrDefault(zapType, zapType);
    }

    /** A default DER name, as in the seed's example ({@code pv-array}, {@code battery_1}). */
    public static String defaultName(String zapType) {
        return switch (zapType) {
            case "pv" -> "pv-array";
            case "battery" -> "battery_1";
            case "meter" -> "meter";
            case "v2x_charger" -> "v2x-charger";
            default -> zapType;
        };
    }
}
