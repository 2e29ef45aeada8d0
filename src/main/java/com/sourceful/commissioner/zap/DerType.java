package com.sourceful.commissioner.zap;

import java.util.Arrays;
import java.util.Optional;

/** The DER kinds the Zap documents; a firmware may add more, which the app then shows by their raw id. */
public enum DerType {
    PV("pv"),
    BATTERY("battery"),
    METER("meter"),
    V2X_CHARGER("v2x_charger");

    private final String id;

    DerType(String id) {
        this.id = id;
    }

    /** The Zap's own name for it, as in JSON. */
    public String id() {
        return id;
    }

    public static Optional<DerType> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
