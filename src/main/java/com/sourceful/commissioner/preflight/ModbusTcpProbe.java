package com.sourceful.commissioner.preflight;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a Modbus TCP device one harmless question: connect, read one holding register (function 3) at the unit id,
 * disconnect at once (many inverters accept only one Modbus TCP client, and the Zap will need that slot).
 *
 * <p>A normal answer is {@code PASSED/MODBUS_ANSWERED}; an exception answer is {@code PASSED/MODBUS_EXCEPTION}
 * (something speaks Modbus at that unit id), except the gateway exceptions 10 and 11, which say that nothing
 * answered behind a gateway: {@code FAILED/MODBUS_NO_ANSWER} with the code set. Silence, a wrong transaction or
 * unit id, or anything garbled is {@code FAILED/MODBUS_NO_ANSWER}. Never throws for network problems.
 */
public final class ModbusTcpProbe {

    /** The register read when none is given: address 0, one register. */
    public static final int DEFAULT_REGISTER = 0;

    private static final int READ_HOLDING_REGISTERS = 0x03;
    private static final int GATEWAY_PATH_UNAVAILABLE = 0x0A;
    private static final int GATEWAY_TARGET_NO_RESPONSE = 0x0B;

    private ModbusTcpProbe() {
    }

    public static PreflightResult probe(String host, int port, int unitId, Duration timeout) {
        return probe(host, port, unitId, DEFAULT_REGISTER, timeout);
    }

    /**
     * @param unitId   0..255
     * @param register 0..65535, the (zero-based, on-the-wire) holding register address to read
     */
    public static PreflightResult probe(String host, int port, int unitId, int register, Duration timeout) {
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unit id " + unitId + " is not 0..255");
        }
        if (register < 0 || register > 0xFFFF) {
            throw new IllegalArgumentException("register " + register + " is not 0..65535");
        }
        String target = Connect.target(host, port);
        Connect.Outcome connected = Connect.open(host, port, timeout);
        if (connected.failure() != null) {
            return connected.failure();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int transaction = ThreadLocalRandom.current().nextInt(1, 0x10000);
        String asked = "read of holding register " + register + " at unit id " + unitId;
        try (Socket socket = connected.socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {
                    (byte) (transaction >> 8), (byte) transaction, 0, 0, 0, 6, (byte) unitId,
                    READ_HOLDING_REGISTERS, (byte) (register >> 8), (byte) register, 0, 1});
            out.flush();

            byte[] mbap = new byte[7];
            Connect.readFully(socket, mbap, deadline);
            int answeredTransaction = u16(mbap, 0);
            int protocol = u16(mbap, 2);
            int length = u16(mbap, 4);
            int answeredUnit = mbap[6] & 0xFF;
            if (answeredTransaction != transaction || protocol != 0 || length < 2 || length > 254) {
                return noAnswer(target, String.format("garbled answer to the %s: MBAP %s", asked, hex(mbap)));
            }
            if (answeredUnit != unitId) {
                return noAnswer(target, "the " + asked + " was answered by unit id " + answeredUnit);
            }
            byte[] pdu = new byte[length - 1];
            Connect.readFully(socket, pdu, deadline);
            int function = pdu[0] & 0xFF;
            if (function == (READ_HOLDING_REGISTERS | 0x80) && pdu.length == 2) {
                int code = pdu[1] & 0xFF;
                if (code == GATEWAY_PATH_UNAVAILABLE || code == GATEWAY_TARGET_NO_RESPONSE) {
                    // A gateway speaks for the unit id, and says nothing behind it answered: no device answered.
                    return new PreflightResult(Outcome.FAILED, Reason.MODBUS_NO_ANSWER, target, OptionalInt.of(code),
                            "a gateway answered the " + asked + " with Modbus exception " + code + " ("
                                    + exceptionName(code) + "): no device answers at that unit id");
                }
                return new PreflightResult(Outcome.PASSED, Reason.MODBUS_EXCEPTION, target, OptionalInt.of(code),
                        "the " + asked + " got Modbus exception " + code + " (" + exceptionName(code) + ")");
            }
            if (function == READ_HOLDING_REGISTERS && pdu.length == 4 && (pdu[1] & 0xFF) == 2) {
                return PreflightResult.passed(Reason.MODBUS_ANSWERED, target,
                        "holding register " + register + " at unit id " + unitId + " = " + u16(pdu, 2));
            }
            return noAnswer(target, "garbled answer to the " + asked + ": PDU " + hex(pdu));
        } catch (SocketTimeoutException e) {
            return noAnswer(target, "connected, but no answer to the " + asked + " within "
                    + Connect.millis(timeout) + " ms");
        } catch (IOException e) {
            return noAnswer(target, "connected, but the " + asked + " failed: " + e.getMessage());
        }
    }

    private static PreflightResult noAnswer(String target, String detail) {
        return PreflightResult.failed(Reason.MODBUS_NO_ANSWER, target, detail);
    }

    static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown";
        };
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }
}
