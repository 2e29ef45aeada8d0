package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** A device the Zap lists may echo its password back: what the app keeps of it never holds one. */
class ZapDeviceTest {

    private static ZapDevice listed(Map<String, Object> config) {
        return new ZapDevice("ZAP-DEV-1", config, true, OptionalLong.empty(), List.of());
    }

    @Test
    void itsConfigWithoutSecrets_keepsTypeAndFieldsInOrder_andReplacesThePassword() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", "mqtt");
        config.put("profile", "ferroamp");
        config.put("broker_host", "127.0.0.1");
        config.put("password", "s3cret-pass");
        config.put("client_id", null);

        DeviceConfig kept = listed(config).configWithoutSecrets();

        assertThat(kept.type()).isEqualTo("mqtt");
        assertThat(kept.fields()).containsExactly(Map.entry("type", "mqtt"), Map.entry("profile", "ferroamp"),
                Map.entry("broker_host", "127.0.0.1"), Map.entry("password", "••••"));
        assertThat(kept.fields().values()).doesNotContain("s3cret-pass");
    }

    @Test
    void aConfigWithoutType_isKeptAsUnknownType() {
        assertThat(listed(Map.of("ip", "127.0.0.1")).configWithoutSecrets().fields())
                .containsExactly(Map.entry("type", "?"), Map.entry("ip", "127.0.0.1"));
    }

    @Test
    void aSentConfigWithoutSecrets_equalsItsRedactedFields() {
        DeviceConfig sent = DeviceConfig.of("mqtt", Map.of("broker_host", "127.0.0.1", "password", "s3cret-pass"));
        assertThat(sent.withoutSecrets().fields()).isEqualTo(sent.redacted()).containsEntry("password", "••••");
        assertThat(sent.fields()).as("the config sent keeps its password").containsEntry("password", "s3cret-pass");
    }
}
