package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import com.sourceful.commissioner.sim.ModbusTcpStandIn;

import org.junit.jupiter.api.Test;

/** What the MQTT probe sends, and what it makes of refusals, silence, other CONNACK codes and non-MQTT peers. */
class MqttProbeTest {

    static final Duration SHORT = Duration.ofMillis(500);

    static byte[] connack(int code) {
        return new byte[] {0x20, 2, 0, (byte) code};
    }

    /** The strings of a CONNECT's payload, and its flags and keep-alive. */
    record Connect(int flags, int keepAlive, String clientId, String username, String password) {
        static Connect parse(byte[] packet) {
            ByteBuffer b = ByteBuffer.wrap(packet);
            assertThat(b.get() & 0xFF).as("CONNECT").isEqualTo(0x10);
            int remaining = 0;
            int shift = 0;
            int digit;
            do {
                digit = b.get() & 0xFF;
                remaining |= (digit & 0x7F) << shift;
                shift += 7;
            } while ((digit & 0x80) != 0);
            assertThat(b.remaining()).isEqualTo(remaining);
            assertThat(string(b)).isEqualTo("MQTT");
            assertThat(b.get()).as("protocol level").isEqualTo((byte) 4);
            int flags = b.get() & 0xFF;
            int keepAlive = b.getShort() & 0xFFFF;
            String clientId = string(b);
            String user = (flags & 0x80) != 0 ? string(b) : null;
            String password = (flags & 0x40) != 0 ? string(b) : null;
            assertThat(b.remaining()).isZero();
            return new Connect(flags, keepAlive, clientId, user, password);
        }

        private static String string(ByteBuffer b) {
            byte[] s = new byte[b.getShort() & 0xFFFF];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsAnMqtt311ConnectWithCleanSessionKeepAlive10AndTheCredentials() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> connack(0))) {
            MqttProbe.probe(Peers.LOOPBACK, peer.port(), "extapi", "s3cret ü", "my-id", SHORT);

            Connect c = Connect.parse(peer.lastRequest());
            assertThat(c.flags()).isEqualTo(0x80 | 0x40 | 0x02);
            assertThat(c.keepAlive()).isEqualTo(10);
            assertThat(c.clientId()).isEqualTo("my-id");
            assertThat(c.username()).isEqualTo("extapi");
            assertThat(c.password()).isEqualTo("s3cret ü");
        }
    }

    @Test
    void withoutCredentialsOrClientIdItSendsNeitherAndARandomClientId() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> connack(0))) {
            MqttProbe.probe(Peers.LOOPBACK, peer.port(), null, null, " ", SHORT);

            Connect c = Connect.parse(peer.lastRequest());
            assertThat(c.flags()).isEqualTo(0x02);
            assertThat(c.clientId()).matches("zapc-preflight-[0-9a-f]{8}").hasSize(23);
        }
    }

    @Test
    void aPasswordWithoutAUserNameGoesWithAnEmptyUserName() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> connack(0))) {
            MqttProbe.probe(Peers.LOOPBACK, peer.port(), "", "pw", null, SHORT);

            Connect c = Connect.parse(peer.lastRequest());
            assertThat(c.username()).isEmpty();
            assertThat(c.password()).isEqualTo("pw");
        }
    }

    @Test
    void connackCodesMapToReasons() throws Exception {
        int[] codes = {0, 1, 2, 3, 4, 5, 9};
        Reason[] reasons = {Reason.MQTT_ACCEPTED, Reason.MQTT_REFUSED, Reason.MQTT_REFUSED, Reason.MQTT_REFUSED,
                Reason.MQTT_BAD_CREDENTIALS, Reason.MQTT_NOT_AUTHORIZED, Reason.MQTT_REFUSED};
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            try (Peers.TcpServer peer = new Peers.TcpServer(request -> connack(code))) {
                PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, peer.port(), "u", "hunter2", null, SHORT);
                assertThat(r.reason()).as("CONNACK %d: %s", code, r).isEqualTo(reasons[i]);
                assertThat(r.outcome()).isEqualTo(code == 0 ? Outcome.PASSED : Outcome.FAILED);
                if (code != 0) {
                    assertThat(r.detail()).startsWith("CONNACK code " + code + " (");
                }
                assertThat(r.detail()).doesNotContain("hunter2");
            }
        }
    }

    @Test
    void afterAcceptanceItSaysDisconnect() throws Exception {
        CompletableFuture<byte[]> after = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = server.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    c.getOutputStream().write(connack(0));
                    after.complete(c.getInputStream().readAllBytes());
                } catch (Exception e) {
                    after.completeExceptionally(e);
                }
            });
            t.start();
            PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, server.getLocalPort(), "u", "p", null, SHORT);

            assertThat(r.reason()).isEqualTo(Reason.MQTT_ACCEPTED);
            assertThat(after.get(2, TimeUnit.SECONDS)).containsExactly(0xE0, 0x00);
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port = Peers.closedPort();
        PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, port, "u", "hunter2", null,
                Peers.refusedWithin(SHORT));

        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.CONNECTION_REFUSED);
        assertThat(r.target()).isEqualTo("127.0.0.1:" + port);
        assertThat(r.detail()).doesNotContain("hunter2");
    }

    @Test
    void aSilentServerIsNotMqttWithinTheTimeout() throws Exception {
        try (Peers.TcpServer peer = Peers.TcpServer.silent()) {
            long start = System.nanoTime();
            PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, peer.port(), "u", "hunter2", null, SHORT);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_NOT_MQTT);
            assertThat(r.detail()).contains("no CONNACK within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(1));
        }
    }

    @Test
    void anHttpServerIsNotMqtt() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(
                request -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, peer.port(), "u", "hunter2", null, SHORT);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_NOT_MQTT);
            assertThat(r.detail()).contains("not a CONNACK");
        }
    }

    @Test
    void aServerThatHangsUpIsNotMqtt() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> new byte[0])) {
            PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, peer.port(), "u", "hunter2", null, SHORT);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_NOT_MQTT);
        }
    }

    @Test
    void aModbusDeviceIsNotMqtt() throws Exception {
        try (var standIn = ModbusTcpStandIn.start(
                InetAddress.getLoopbackAddress(), 0, Set.of(1))) {
            PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, standIn.port(), "u", "hunter2", null, SHORT);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_NOT_MQTT);
        }
    }
}
