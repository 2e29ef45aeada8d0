package com.sourceful.commissioner.devicescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.sourceful.commissioner.zap.ZapDevice;

import org.junit.jupiter.api.Test;

/** What "Add this device" does with a scan result, and when the Zap already has it. */
class FoundDeviceFormTest {

    private static FoundDevice modbus(String address, int port, int unit, String profile) {
        return new FoundDevice(address, port, OptionalInt.of(unit), FoundDevice.MODBUS_TCP, Optional.of("SMA"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(profile), "read", 1);
    }

    private static FoundDevice mqtt(String profile) {
        return mqtt(profile, 1884);
    }

    private static FoundDevice mqtt(String profile, int port) {
        return new FoundDevice("127.0.0.5", port, OptionalInt.empty(), FoundDevice.MQTT, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(profile), "CONNACK", 1);
    }

    private static ZapDevice onZap(Map<String, Object> config) {
        return new ZapDevice("dev-1", config, true, OptionalLong.empty(), List.of());
    }

    @Test
    void aModbusDeviceWithAProfileFillsTheForm() {
        FoundDevice sma = modbus("127.0.0.4", 502, 3, "sma");
        assertThat(FoundDeviceForm.fill(sma)).isEqualTo(FoundDeviceForm.Fill.MODBUS_FORM);
        assertThat(FoundDeviceForm.connectionType(sma)).contains("modbus_tcp");
        assertThat(FoundDeviceForm.values(sma)).containsExactly(Map.entry("ip", "127.0.0.4"), Map.entry("port", "502"),
                Map.entry("unit_id", "3"));
    }

    @Test
    void whatCannotFillAFormSaysWhatItNeeds() {
        assertThat(FoundDeviceForm.fill(modbus("127.0.0.4", 502, 1, null))).isEqualTo(FoundDeviceForm.Fill.NOT_SUPPORTED);
        assertThat(FoundDeviceForm.fill(mqtt(null, 18_830))).isEqualTo(FoundDeviceForm.Fill.MQTT_NEEDS_CREDENTIALS);
        assertThat(FoundDeviceForm.connectionType(mqtt(null, 18_830))).isEmpty();
        assertThat(FoundDeviceForm.values(mqtt(null, 18_830))).isEmpty();
        assertThat(FoundDeviceForm.fill(mqtt("ferroamp"))).isEqualTo(FoundDeviceForm.Fill.MQTT_FORM_NEEDS_CREDENTIALS);
        assertThat(FoundDeviceForm.values(mqtt("ferroamp"))).containsEntry("broker_port", "1884");
        FoundDevice logger = new FoundDevice("127.0.0.6", 8899, OptionalInt.empty(), FoundDevice.SOLARMAN_V5,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "V5", 1);
        assertThat(FoundDeviceForm.fill(logger)).isEqualTo(FoundDeviceForm.Fill.LOGGER_NEEDS_GATEWAY);
        assertThat(FoundDeviceForm.values(logger)).isEmpty();
        assertThat(FoundDeviceForm.connectionType(logger)).isEmpty();
    }

    @Test
    void aBrokerThatDidNotTellWhoseItIsGetsTheProfileOfItsPortAsAGuess() {
        FoundDevice on1884 = mqtt(null, 1884);
        assertThat(FoundDeviceForm.fill(on1884)).isEqualTo(FoundDeviceForm.Fill.MQTT_FORM_GUESSED_BY_PORT);
        assertThat(FoundDeviceForm.guessByPort(on1884)).contains("ambibox");
        assertThat(FoundDeviceForm.profile(on1884)).contains("ambibox");
        assertThat(FoundDeviceForm.connectionType(on1884)).contains("mqtt");
        assertThat(FoundDeviceForm.values(on1884)).containsExactly(Map.entry("broker_host", "127.0.0.5"),
                Map.entry("broker_port", "1884"));
        assertThat(FoundDeviceForm.guessByPort(mqtt(null, 1883))).contains("ferroamp");
        // What the device told wins, and is no guess.
        assertThat(FoundDeviceForm.guessByPort(mqtt("ferroamp", 1884))).isEmpty();
        assertThat(FoundDeviceForm.profile(mqtt("ferroamp", 1884))).contains("ferroamp");
        // Only brokers are guessed at.
        assertThat(FoundDeviceForm.guessByPort(modbus("127.0.0.4", 1883, 1, null))).isEmpty();
    }

    @Test
    void theZapHasItWhenAddressPortAndUnitIdAgreeHoweverTheZapWritesNumbers() {
        FoundDevice sma = modbus("127.0.0.4", 502, 3, "sma");
        assertThat(FoundDeviceForm.onZap(sma, List.of(onZap(Map.of("type", "modbus_tcp", "ip", "127.0.0.4",
                "port", 502.0, "unit_id", "3"))))).isPresent();
        assertThat(FoundDeviceForm.onZap(sma, List.of(onZap(Map.of("type", "modbus_tcp", "ip", "127.0.0.4",
                "unit_id", 3.0))))).as("port 502 when the Zap leaves it out").isPresent();
        assertThat(FoundDeviceForm.onZap(sma, List.of(onZap(Map.of("type", "modbus_tcp", "ip", "127.0.0.4",
                "port", 502, "unit_id", 1))))).as("another unit id at the same address").isEmpty();
        assertThat(FoundDeviceForm.onZap(sma, List.of(onZap(Map.of("type", "modbus_tcp", "ip", "127.0.0.5",
                "port", 502, "unit_id", 3))))).isEmpty();
        assertThat(FoundDeviceForm.onZap(mqtt("ferroamp"), List.of(onZap(Map.of("type", "mqtt",
                "broker_host", "127.0.0.5", "broker_port", 1884.0))))).isPresent();
    }

    @Test
    void theScanCoversTheSlash24AroundTheZap() throws Exception {
        assertThat(FoundDeviceForm.around(InetAddress.getByName("127.0.0.77")).toString()).contains("127.0.0.0");
        assertThat(FoundDeviceForm.around(InetAddress.getByName("127.0.0.77")).prefix()).isEqualTo(24);
    }
}
