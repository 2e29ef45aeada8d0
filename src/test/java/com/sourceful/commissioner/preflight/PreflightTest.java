package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import com.sourceful.commissioner.zap.DeviceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dispatch on the config's type, field defaults and conversions, and no password in any detail. */
class PreflightTest {

    static final Duration SHORT = Duration.ofMillis(500);
    static final String PASSWORD = "correct horse battery staple";

    static DeviceConfig config(String type, Object... keyValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return DeviceConfig.of(type, fields);
    }

    @Test
    void theDefaultTimeoutIsThreeSeconds() {
        assertThat(Preflight.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void modbusTcpReadsAtTheUnitIdOfTheConfigWhateverTheNumberType() throws Exception {
        try (ModbusTcpStandIn standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1, 3))) {
            for (Object port : List.of(standIn.port(), (double) standIn.port(), " " + standIn.port() + " ")) {
                PreflightResult r = Preflight.check(config("modbus_tcp", "profile", "sma", "ip", "127.0.0.1",
                        "port", port, "unit_id", 3), SHORT);
                assertThat(r.reason()).as("port %s: %s", port, r).isEqualTo(Reason.MODBUS_ANSWERED);
                assertThat(r.detail()).isEqualTo("holding register 0 at unit id 3 = " + ModbusTcpStandIn.value(3, 0));
                assertThat(r.target()).isEqualTo("127.0.0.1:" + standIn.port());
            }
        }
    }

    @Test
    void modbusTcpUnitIdDefaultsToOne() throws Exception {
        try (ModbusTcpStandIn standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1))) {
            PreflightResult r = Preflight.check(config("modbus_tcp", "ip", "127.0.0.1", "port", standIn.port()),
                    SHORT);
            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_ANSWERED);
            assertThat(r.detail()).contains("unit id 1 ");
        }
    }

    @Test
    void modbusTcpAtAUnitIdNobodyAnswersIsNoAnswer() throws Exception {
        try (ModbusTcpStandIn standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1))) {
            PreflightResult r = Preflight.check(config("modbus_tcp", "ip", "127.0.0.1", "port", standIn.port(),
                    "unit_id", 3), SHORT);
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.reason()).isEqualTo(Reason.MODBUS_NO_ANSWER);
        }
    }

    @Test
    void defaultPortsAre502And1883() {
        // Only the target is asserted: whatever listens (or not) on the loopback's well-known ports.
        assertThat(Preflight.check(config("modbus_tcp", "ip", "127.0.0.1"), SHORT).target())
                .isEqualTo("127.0.0.1:502");
        assertThat(Preflight.check(config("mqtt", "broker_host", "127.0.0.1", "username", "u", "password",
                PASSWORD), SHORT).target()).isEqualTo("127.0.0.1:1883");
    }

    @Test
    void mqttSendsTheConfigsCredentialsAndClientId() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> MqttProbeTest.connack(0))) {
            PreflightResult r = Preflight.check(config("mqtt", "profile", "ferroamp", "broker_host", "127.0.0.1",
                    "broker_port", peer.port(), "username", "extapi", "password", " " + PASSWORD + " ",
                    "client_id", "zap-ferroamp"), SHORT);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_ACCEPTED);
            MqttProbeTest.Connect c = MqttProbeTest.Connect.parse(peer.lastRequest());
            assertThat(c.username()).isEqualTo("extapi");
            assertThat(c.password()).as("a password is sent exactly, never trimmed").isEqualTo(" " + PASSWORD + " ");
            assertThat(c.clientId()).isEqualTo("zap-ferroamp");
        }
    }

    @Test
    void wiredTypesAreNotApplicable() {
        for (DeviceConfig c : List.of(config("modbus_rtu", "baud_rate", 9600, "unit_id", 1),
                config("p1_uart", "baud_rate", 115200))) {
            PreflightResult r = Preflight.check(c, SHORT);
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(r.reason()).isEqualTo(Reason.WIRED_TO_ZAP);
            assertThat(r.target()).isEmpty();
            assertThat(r.detail()).contains(c.type(), "wired to the Zap");
        }
    }

    @Test
    void anUnknownTypeIsNotCheckedAndSaysSo() {
        PreflightResult r = Preflight.check(config("can_bus", "x", 1), SHORT);

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(r.reason()).isEqualTo(Reason.WIRED_TO_ZAP);
        assertThat(r.detail()).isEqualTo("no laptop check for type can_bus");
    }

    @Test
    void anUnusableConfigIsAnIllegalArgumentNotANetworkResult() {
        assertThatThrownBy(() -> Preflight.check(config("modbus_tcp", "port", 502), SHORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ip");
        assertThatThrownBy(() -> Preflight.check(config("modbus_tcp", "ip", "127.0.0.1", "port", 70000), SHORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> Preflight.check(config("modbus_tcp", "ip", "127.0.0.1", "unit_id", "one"), SHORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit_id");
        assertThatThrownBy(() -> Preflight.check(config("mqtt", "broker_port", 1883), SHORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broker_host");
    }

    @Test
    void noDetailEverContainsThePassword() throws Exception {
        List<PreflightResult> results = new ArrayList<>();
        for (byte[] answer : new byte[][] {MqttProbeTest.connack(0), MqttProbeTest.connack(4),
                MqttProbeTest.connack(5), MqttProbeTest.connack(3), "nope".getBytes(), new byte[0], null}) {
            try (Peers.TcpServer peer = new Peers.TcpServer(request -> answer)) {
                results.add(Preflight.check(mqtt(peer.port()), SHORT));
            }
        }
        results.add(Preflight.check(mqtt(Peers.closedPort()), Peers.refusedWithin(SHORT)));
        results.add(Preflight.check(config("mqtt", "broker_host", "no-such-broker.invalid", "username", "u",
                "password", PASSWORD), SHORT));

        assertThat(results).extracting(PreflightResult::reason).containsExactly(Reason.MQTT_ACCEPTED,
                Reason.MQTT_BAD_CREDENTIALS, Reason.MQTT_NOT_AUTHORIZED, Reason.MQTT_REFUSED, Reason.MQTT_NOT_MQTT,
                Reason.MQTT_NOT_MQTT, Reason.MQTT_NOT_MQTT, Reason.CONNECTION_REFUSED, Reason.NO_ROUTE);
        for (PreflightResult r : results) {
            assertThat(r.detail()).isNotBlank().doesNotContain(PASSWORD).doesNotContain("correct horse");
            assertThat(r.toString()).doesNotContain(PASSWORD);
        }
    }

    private static DeviceConfig mqtt(int port) {
        return config("mqtt", "profile", "ambibox", "broker_host", "127.0.0.1", "broker_port", port,
                "username", "external-ems", "password", PASSWORD);
    }
}
