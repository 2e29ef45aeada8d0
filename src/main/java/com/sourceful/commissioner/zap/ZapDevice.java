package com.sourceful.commissioner.zap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A device already on the Zap ({@code GET /api/devices}).
 *
 * @param config its saved connection config, as the Zap reports it (without {@code sn}, {@code ders} and state)
 */
public record ZapDevice(String sn, Map<String, Object> config, boolean connected, OptionalLong lastHarvestMs,
                        List<Der> ders) {

    public Optional<String> profile() {
        return Optional.ofNullable(config.get("profile")).map(Object::toString);
    }

    public Optional<String> connectionType() {
        return Optional.ofNullable(config.get("type")).map(Object::toString);
    }

    /** Its saved config with secrets replaced (the Zap may echo a password back); type "?" when it names none. */
    public DeviceConfig configWithoutSecrets() {
        return DeviceConfig.of(connectionType().orElse("?"), config).withoutSecrets();
    }
}
