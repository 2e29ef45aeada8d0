package com.sourceful.commissioner.devicescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import com.sourceful.commissioner.devicescan.MqttBrokerProbe.MalformedPacketException;
import com.sourceful.commissioner.devicescan.MqttBrokerProbe.Packet;
import com.sourceful.commissioner.devicescan.MqttBrokerProbe.Publish;

import org.junit.jupiter.api.Test;

/** The MQTT packets the scan reads and writes, from bytes, and what a message tells about the device. */
class MqttBrokerProbeTest {

    /** A PUBLISH as a broker sends it: fixed header, remaining length, topic, packet id (QoS 1, 2), payload. */
    static byte[] publishPacket(String topic, int qos, int packetId, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int idLength = qos > 0 ? 2 : 0;
        byte[] body = new byte[2 + t.length + idLength + payload.length];
        body[0] = (byte) (t.length >> 8);
        body[1] = (byte) t.length;
        System.arraycopy(t, 0, body, 2, t.length);
        if (qos > 0) {
            body[2 + t.length] = (byte) (packetId >> 8);
            body[3 + t.length] = (byte) packetId;
        }
        System.arraycopy(payload, 0, body, 2 + t.length + idLength, payload.length);
        byte[] length = MqttBrokerProbe.encodeRemainingLength(body.length);
        byte[] packet = new byte[1 + length.length + body.length];
        packet[0] = (byte) (0x30 | (qos << 1));
        System.arraycopy(length, 0, packet, 1, length.length);
        System.arraycopy(body, 0, packet, 1 + length.length, body.length);
        return packet;
    }

    private static Publish decodePublish(byte[] packet) throws MalformedPacketException {
        Packet p = MqttBrokerProbe.decode(packet);
        assertThat(p.type()).isEqualTo(MqttBrokerProbe.PUBLISH);
        return MqttBrokerProbe.publish(p.flags(), p.body());
    }

    @Test
    void remainingLengthTakesOneToFourBytesAsTheStandardsExamplesSay() throws Exception {
        // MQTT 3.1.1 §2.2.3, table 2.4: the limits of each length.
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {0x00}, 0)).isZero();
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {0x7F}, 0)).isEqualTo(127);
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {(byte) 0x80, 0x01}, 0)).isEqualTo(128);
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {(byte) 0xFF, 0x7F}, 0)).isEqualTo(16_383);
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {(byte) 0x80, (byte) 0x80, 0x01}, 0)).isEqualTo(16_384);
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F}, 0))
                .isEqualTo(2_097_151);
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}, 0))
                .isEqualTo(2_097_152);
        assertThat(MqttBrokerProbe.remainingLength(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, 0))
                .isEqualTo(268_435_455);
        assertThatThrownBy(() -> MqttBrokerProbe.remainingLength(
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, 0))
                .isInstanceOf(MalformedPacketException.class);
        for (int length : new int[] {0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455}) {
            assertThat(MqttBrokerProbe.remainingLength(MqttBrokerProbe.encodeRemainingLength(length), 0))
                    .isEqualTo(length);
        }
    }

    @Test
    void aPublishIsReadWhateverTheLengthOfItsRemainingLength() throws Exception {
        for (int size : new int[] {10, 200, 20_000}) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'x');
            byte[] packet = publishPacket("extapi/data/ehub", 0, 0, payload);
            Publish p = decodePublish(packet);
            assertThat(p.topic()).isEqualTo("extapi/data/ehub");
            assertThat(p.qos()).isZero();
            assertThat(p.packetId()).isEmpty();
            assertThat(p.payload()).hasSize(size);
            assertThat(p.retained()).isFalse();
        }
        byte[] retained = publishPacket("extapi/data/ehub", 0, 0, new byte[] {'{', '}'});
        retained[0] |= 0x01;
        assertThat(decodePublish(retained).retained()).isTrue();
        assertThat(publishPacket("t", 0, 0, new byte[20_000])[3] & 0x80).as("a 3-byte remaining length")
                .isZero();
    }

    @Test
    void aQos1PublishHasAPacketIdBeforeItsPayload() throws Exception {
        Publish p = decodePublish(publishPacket("extapi/data/sso", 1, 0x1234, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(p.qos()).isEqualTo(1);
        assertThat(p.packetId()).isEqualTo(OptionalInt.of(0x1234));
        assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void aPacketCutShortIsMalformedNotAMessage() {
        byte[] whole = publishPacket("extapi/data/ehub", 1, 7, "{\"ts\":{\"val\":\"x\"}}".getBytes(
                StandardCharsets.UTF_8));
        assertThatThrownBy(() -> MqttBrokerProbe.decode(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> MqttBrokerProbe.decode(new byte[] {0x30, (byte) 0x80}))
                .isInstanceOf(MalformedPacketException.class);
        // The remaining length holds, but the topic length says more than there is.
        assertThatThrownBy(() -> MqttBrokerProbe.publish(0, new byte[] {0, 20, 'e', 'x'}))
                .isInstanceOf(MalformedPacketException.class);
        // QoS 1 with no room for its packet id.
        assertThatThrownBy(() -> MqttBrokerProbe.publish(0x02, new byte[] {0, 1, 't'}))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> MqttBrokerProbe.publish(0x06, new byte[] {0, 1, 't', 0, 1}))
                .as("QoS 3").isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void theScanConnectsWithoutCredentialsAndSubscribesAtQos0() throws Exception {
        Packet connect = MqttBrokerProbe.decode(MqttBrokerProbe.connect());
        assertThat(connect.type()).isEqualTo(MqttBrokerProbe.CONNECT);
        assertThat(connect.body()[7]).as("connect flags: clean session, no user name, no password, no will")
                .isEqualTo((byte) 0x02);
        Packet subscribe = MqttBrokerProbe.decode(MqttBrokerProbe.subscribe(1, List.of("extapi/data/#")));
        assertThat(subscribe.type()).isEqualTo(MqttBrokerProbe.SUBSCRIBE);
        assertThat(subscribe.flags()).as("SUBSCRIBE's reserved flags").isEqualTo(2);
        byte[] b = subscribe.body();
        assertThat(new String(b, 4, b.length - 5, StandardCharsets.UTF_8)).isEqualTo("extapi/data/#");
        assertThat(b[b.length - 1]).as("requested QoS").isZero();
    }

    @Test
    void aFerroampEhubMessageTellsAnEnergyHubButNoSerial() {
        byte[] ehub = ("{\"gridfreq\":{\"val\":\"50.07\"},"
                + "\"ul\":{\"L1\":\"228.81\",\"L2\":\"233.81\",\"L3\":\"231.18\"},"
                + "\"ts\":{\"val\":\"2021-03-08T08:43:12UTC\"}}").getBytes(StandardCharsets.UTF_8);
        FoundDevice d = MqttBrokerProbe.identify("127.0.0.1", 1883,
                new Publish("extapi/data/ehub", 0, OptionalInt.empty(), ehub), 0.4).orElseThrow();
        assertThat(d.manufacturer()).contains("Ferroamp");
        assertThat(d.model()).contains("EnergyHub");
        assertThat(d.serial()).isEmpty();
        assertThat(d.profile()).contains("ferroamp");
        assertThat(d.protocol()).isEqualTo(FoundDevice.MQTT);
        assertThat(d.evidence()).contains("extapi/data/ehub published after 0.4 s").contains("3 fields")
                .contains("ts 2021-03-08T08:43:12UTC");
        FoundDevice kept = MqttBrokerProbe.identify("127.0.0.1", 1883,
                new Publish("extapi/data/ehub", 0, OptionalInt.empty(), ehub, true), 0.0).orElseThrow();
        assertThat(kept.evidence()).as("an old message the broker kept says so")
                .contains("extapi/data/ehub (a retained message) came after 0.0 s");
    }

    @Test
    void aUnitsIdIsEvidenceNotTheEnergyHubsSerial() {
        byte[] sso = "{\"id\":{\"val\":\"PS00990-A04-S20120476\"},\"upv\":{\"val\":\"653.0\"}}"
                .getBytes(StandardCharsets.UTF_8);
        FoundDevice d = MqttBrokerProbe.identify("127.0.0.1", 1883,
                new Publish("extapi/data/sso", 0, OptionalInt.empty(), sso), 1.0).orElseThrow();
        assertThat(d.manufacturer()).contains("Ferroamp");
        assertThat(d.model()).isEmpty();
        assertThat(d.serial()).isEmpty();
        assertThat(d.evidence()).contains("id PS00990-A04-S20120476 (the SSO unit's");
    }

    @Test
    void otherTopicsOrPayloadsThatAreNoJsonObjectTellNothing() {
        assertThat(MqttBrokerProbe.identify("127.0.0.1", 1883, new Publish("homeassistant/status", 0,
                OptionalInt.empty(), "{}".getBytes(StandardCharsets.UTF_8)), 0.1)).isEmpty();
        assertThat(MqttBrokerProbe.identify("127.0.0.1", 1883, new Publish("extapi/data/ehub", 0, OptionalInt.empty(),
                "online".getBytes(StandardCharsets.UTF_8)), 0.1)).isEmpty();
        assertThat(MqttBrokerProbe.identify("127.0.0.1", 1883, new Publish("extapi/data/ehub", 0, OptionalInt.empty(),
                "[1,2]".getBytes(StandardCharsets.UTF_8)), 0.1)).isEmpty();
        assertThat(MqttBrokerProbe.identify("127.0.0.1", 1883, new Publish("extapi/data/ehub", 0, OptionalInt.empty(),
                "{\"a\":".getBytes(StandardCharsets.UTF_8)), 0.1)).isEmpty();
    }

    @Test
    void thePortHintNamesWhatTheZapsReferencePutsThereAsAHint() {
        assertThat(MqttBrokerProbe.portHint(1883)).hasValueSatisfying(h -> assertThat(h).contains("port 1883")
                .contains("Ferroamp").contains("user extapi").contains("other brokers may use it too"));
        assertThat(MqttBrokerProbe.portHint(1884)).hasValueSatisfying(h -> assertThat(h).contains("port 1884")
                .contains("Ambibox V2X").contains("user external-ems"));
        assertThat(MqttBrokerProbe.portHint(8883)).isEmpty();
    }
}
