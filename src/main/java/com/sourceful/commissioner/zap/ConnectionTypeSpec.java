package com.sourceful.commissioner.zap;

import java.util.List;
import java.util.Optional;

/** One entry of {@code GET /api/devices/types}: the schema of a connection config. */
public record ConnectionTypeSpec(String type, String description, List<Parameter> parameters) {

    /** @param defaultValue a Double, Boolean or String, or null when the Zap gives none */
    public record Parameter(String name, String type, boolean required, Object defaultValue, String description) {
        public Optional<Object> defaultIfAny() {
            return Optional.ofNullable(defaultValue);
        }
    }
}
