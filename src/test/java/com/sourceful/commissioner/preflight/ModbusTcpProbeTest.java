package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;

import org.junit.jupiter.api.Test;

/** What the probe sends, and what it makes of refusals, silence and answers that are not the answer it asked for. */
class ModbusTcpProbeTest {

    static final Duration SHORT = Duration.ofMillis(500);

    @Test
    void sendsOneReadHoldingRegisterRequestAtTheUnitId() throws Exception {
        try (Peers.TcpServer peer = Peers.TcpServer.silent()) {
            ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 3, 40_000, SHORT);

            byte[] request = peer.lastRequest();
            assertThat(request).hasSize(12);
            assertThat(Arrays.copyOfRange(request, 2, 12))
                    .containsExactly(0, 0, 0, 6, 3, 3, 40_000 >> 8, (byte) (40_000 & 0xFF), 0, 1);
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port = Peers.closedPort();
        PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, port, 1, Peers.refusedWithin(SHORT));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.CONNECTION_REFUSED);
        assertThat(r.target()).isEqualTo("127.0.0.1:" + port);
    }

    @Test
    void aTcpServerThatSaysNothingIsNoAnswerWithinTheTimeout() throws Exception {
        try (Peers.TcpServer peer = Peers.TcpServer.silent()) {
            long start = System.nanoTime();
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, SHORT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_NO_ANSWER);
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(took).isLessThan(SHORT.plusSeconds(1));
        }
    }

    @Test
    void aServerThatHangsUpIsNoAnswer() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> new byte[0])) {
            long start = System.nanoTime();
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, Duration.ofSeconds(5));

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_NO_ANSWER);
            assertThat(r.detail()).contains("connection closed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void anAnswerToAnotherTransactionIsNotAnAnswer() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(request -> {
            byte[] a = {request[0], request[1], 0, 0, 0, 5, 1, 3, 2, 0, 42};
            a[1] ^= 1;
            return a;
        })) {
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, SHORT);
            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_NO_ANSWER);
            assertThat(r.detail()).contains("garbled");
        }
    }

    @Test
    void anAnswerFromAnotherUnitIdIsNotAnAnswer() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(
                request -> new byte[] {request[0], request[1], 0, 0, 0, 5, 9, 3, 2, 0, 42})) {
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, SHORT);
            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_NO_ANSWER);
            assertThat(r.detail()).contains("answered by unit id 9");
        }
    }

    @Test
    void aMatchingAnswerIsAnswered() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(
                request -> new byte[] {request[0], request[1], 0, 0, 0, 5, 1, 3, 2, 0x12, 0x34})) {
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, SHORT);
            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_ANSWERED);
            assertThat(r.detail()).endsWith("= " + 0x1234);
        }
    }

    @Test
    void somethingThatIsNotModbusIsNoAnswer() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(
                request -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, SHORT);
            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_NO_ANSWER);
            assertThat(r.detail()).contains("garbled");
        }
    }

    @Test
    void aGatewaySayingNothingAnsweredBehindItIsNoAnswerWithTheCode() throws Exception {
        try (Peers.TcpServer peer = new Peers.TcpServer(
                request -> new byte[] {request[0], request[1], 0, 0, 0, 3, 1, (byte) 0x83, 11})) {
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, peer.port(), 1, SHORT);
            assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.FAILED);
            assertThat(r.reason()).isEqualTo(Reason.MODBUS_NO_ANSWER);
            assertThat(r.modbusExceptionCode()).hasValue(11);
        }
    }

    @Test
    void aConnectThatIsNeverAcceptedTimesOut() throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, so the connect times out.
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(Peers.LOOPBACK, full.getLocalPort());
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(address, 200);
                } catch (SocketTimeoutException e) {
                    break; // the queue is full
                }
            }
            long start = System.nanoTime();
            PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, full.getLocalPort(), 1, SHORT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.TIMEOUT);
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.detail()).contains("timed out after 500 ms");
            assertThat(took).isLessThan(SHORT.plusSeconds(1));
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    @Test
    void anUnknownHostNameIsNoRoute() {
        PreflightResult r = ModbusTcpProbe.probe("no-such-inverter.invalid", 502, 1, SHORT);

        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.NO_ROUTE);
        assertThat(r.target()).isEqualTo("no-such-inverter.invalid:502");
        assertThat(r.detail()).contains("unknown host");
    }

    @Test
    void anIpv6TargetIsBracketed() throws Exception {
        assertThat(Connect.target("::1", 502)).isEqualTo("[::1]:502");
    }

    @Test
    void aUnitIdOutsideAByteIsRefusedBeforeAnyTraffic() {
        assertThatThrownBy(() -> ModbusTcpProbe.probe(Peers.LOOPBACK, 502, 256, SHORT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
