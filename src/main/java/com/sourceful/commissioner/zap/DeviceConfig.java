package com.sourceful.commissioner.zap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connection config for {@code POST /api/devices}: {@code type} plus the fields its schema names, in order.
 * Values are Integer/Double, Boolean or String. {@link #toString()} never shows secrets.
 */
public final class DeviceConfig {

    /** Fields that hold credentials: never shown, logged or stored. */
    public static final Set<String> SECRET_FIELDS = Set.of("password");

    private final Map<String, Object> fields;

    private DeviceConfig(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static DeviceConfig of(String type, Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("type", type);
        fields.forEach((k, v) -> {
            if (!"type".equals(k) && v != null) {
                all.put(k, v);
            }
        });
        return new DeviceConfig(all);
    }

    public String type() {
        return (String) fields.get("type");
    }

    public Optional<String> profile() {
        return Optional.ofNullable(fields.get("profile")).map(Object::toString);
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** The fields with secrets replaced, for display and logs. */
    public Map<String, Object> redacted() {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.replaceAll((k, v) -> isSecret(k) ? "••••" : v);
        return copy;
    }

    /** A secret field's name in any case: "Password" typed into a hand-edited file is still a password. */
    public static boolean isSecret(String field) {
        return SECRET_FIELDS.contains(field.toLowerCase(Locale.ROOT));
    }

    /** The same config with secrets replaced: what may be kept once the request is sent (the session, a report). */
    public DeviceConfig withoutSecrets() {
        return of(type(), redacted());
    }

    @Override
    public String toString() {
        return "DeviceConfig" + redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceConfig other && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
