package com.sourceful.commissioner.zap;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** {@code GET /api/devices/{sn}/data/json}: one reading per DER block the device has, keyed by DER type id. */
public record TelemetrySnapshot(String format, Map<String, Reading> readings) {

    public Optional<Reading> reading(DerType type) {
        return Optional.ofNullable(readings.get(type.id()));
    }

    /**
     * One DER block. Units are SI; signs as the Zap documents them: pv W &lt; 0 generating, battery W &gt; 0 charging,
     * meter W &gt; 0 import, v2x W &gt; 0 charging.
     *
     * @param values every field of the block: Double, Boolean or String
     */
    public record Reading(String type, String make, long timestampMs, Map<String, Object> values) {

        public OptionalDouble number(String key) {
            return values.get(key) instanceof Double d ? OptionalDouble.of(d) : OptionalDouble.empty();
        }

        public OptionalDouble watts() {
            return number("W");
        }

        public Optional<String> text(String key) {
            Object v = values.get(key);
            return v == null ? Optional.empty() : Optional.of(v.toString());
        }
    }
}
