package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in on the wire, with raw frames (not the preflight's probe: a simulator must not share its parsing). */
class ModbusTcpStandInTest {

    ModbusTcpStandIn standIn;
    Socket socket;

    @BeforeEach
    void start() throws IOException {
        standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1, 7));
        socket = new Socket(InetAddress.getLoopbackAddress(), standIn.port());
        socket.setSoTimeout(500);
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        standIn.close();
    }

    byte[] ask(int transaction, int unit, int function, int address, int count) throws IOException {
        socket.getOutputStream().write(new byte[] {(byte) (transaction >> 8), (byte) transaction, 0, 0, 0, 6,
                (byte) unit, (byte) function, (byte) (address >> 8), (byte) address, (byte) (count >> 8),
                (byte) count});
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] mbap = new byte[7];
        in.readFully(mbap);
        assertThat(((mbap[0] & 0xFF) << 8) | (mbap[1] & 0xFF)).as("transaction id").isEqualTo(transaction);
        assertThat(mbap[6] & 0xFF).as("unit id").isEqualTo(unit);
        byte[] pdu = new byte[(((mbap[4] & 0xFF) << 8) | (mbap[5] & 0xFF)) - 1];
        in.readFully(pdu);
        return pdu;
    }

    @Test
    void answersReadsOfHoldingAndInputRegistersWithDeterministicValuesOnOneConnection() throws IOException {
        assertThat(ask(1, 1, 3, 0, 1)).containsExactly(3, 2, (byte) (1000 >> 8), (byte) (1000 & 0xFF));
        int v = ModbusTcpStandIn.value(7, 9998);
        int w = ModbusTcpStandIn.value(7, 9999);
        assertThat(ask(2, 7, 4, 9998, 2)).containsExactly(4, 4, (byte) (v >> 8), (byte) v, (byte) (w >> 8), (byte) w);
    }

    @Test
    void answersExceptionsForOtherAddressesCountsAndFunctions() throws IOException {
        assertThat(ask(3, 1, 3, 9999, 2)).containsExactly(0x83, 2);
        assertThat(ask(4, 1, 3, 0, 126)).containsExactly(0x83, 3);
        assertThat(ask(5, 1, 6, 0, 1)).containsExactly(0x86, 1);
    }

    @Test
    void saysNothingForUnitIdsNotListedAndStillAnswersAfterwards() throws IOException {
        socket.getOutputStream().write(new byte[] {0, 9, 0, 0, 0, 6, 2, 3, 0, 0, 0, 1});
        byte[] buffer = new byte[16];
        try {
            int n = socket.getInputStream().read(buffer);
            throw new AssertionError("unit id 2 answered: " + Arrays.toString(Arrays.copyOf(buffer, n)));
        } catch (SocketTimeoutException expected) {
            // silence
        }
        assertThat(ask(10, 1, 3, 5, 1)).hasSize(4);
    }

    @Test
    void presentsASungrowIdentityOnInputRegistersOnlyWhenGivenOne() throws IOException {
        socket.close();
        standIn.close();
        standIn = ModbusTcpStandIn.start(InetAddress.getLoopbackAddress(), 0, Set.of(1),
                new ModbusTcpStandIn.SungrowIdentity("A2281234567", 0xE03));
        socket = new Socket(InetAddress.getLoopbackAddress(), standIn.port());
        socket.setSoTimeout(500);

        byte[] input = ask(1, 1, 4, 4988, 12);
        assertThat(input[1]).isEqualTo((byte) 24);
        int before = ModbusTcpStandIn.value(1, 4988);
        assertThat(Arrays.copyOfRange(input, 2, 4)).containsExactly((byte) (before >> 8), (byte) before);
        // "A2281234567" high byte first, NUL padded to 10 registers, then the type code 0x0E03.
        assertThat(new String(Arrays.copyOfRange(input, 4, 15), StandardCharsets.US_ASCII)).isEqualTo("A2281234567");
        assertThat(Arrays.copyOfRange(input, 15, 24)).containsOnly(0);
        assertThat(Arrays.copyOfRange(input, 24, 26)).containsExactly(0x0E, 0x03);

        int holding = ModbusTcpStandIn.value(1, 4999);
        assertThat(ask(2, 1, 3, 4999, 1)).containsExactly(3, 2, (byte) (holding >> 8), (byte) holding);
    }

    @Test
    void withoutAnIdentityTheSungrowAddressesHoldTheDeterministicValues() throws IOException {
        int v = ModbusTcpStandIn.value(1, 4999);
        assertThat(ask(1, 1, 4, 4999, 1)).containsExactly(4, 2, (byte) (v >> 8), (byte) v);
    }

    @Test
    void refusesAnIdentityThatDoesNotFitTheRegisters() {
        assertThatThrownBy(() -> new ModbusTcpStandIn.SungrowIdentity("A".repeat(21), 0xE03))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModbusTcpStandIn.SungrowIdentity("Ä123", 0xE03))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModbusTcpStandIn.SungrowIdentity("A1", 0x10000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
