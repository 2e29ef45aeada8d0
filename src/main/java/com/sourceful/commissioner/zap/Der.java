package com.sourceful.commissioner.zap;

import java.util.Optional;
import java.util.OptionalDouble;

/** A DER as the Zap detected it for a device: its type, whether it publishes, and its metadata (W, Wh). */
public record Der(String type, boolean enabled, OptionalDouble ratedPowerW, OptionalDouble installedPowerW,
                  OptionalDouble capacityWh) {

    public Der(String type, boolean enabled) {
        this(type, enabled, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    public Optional<DerType> knownType() {
        return DerType.of(type);
    }
}
