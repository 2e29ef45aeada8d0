package com.sourceful.commissioner.devicescan;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One Modbus TCP connection, reads only (functions 3 and 4, several registers at once), each answer awaited within a
 * timeout; closing the socket from another thread ends a read at once (cancel).
 *
 * <p>Hand-written rather than a kept library, measured (issue 18, against the pymodbus test site on loopback): to
 * identify one SunSpec device (connect, marker, common model, close) j2mod 3.2.1 took 4.5-10 ms warm (139 ms cold)
 * and this class 8-11 ms warm (216-275 ms cold, a whole scan with its thread pool); the same. j2mod would add 1.09 MB
 * (its jar 211 KB and jSerialComm 877 KB with native serial libraries the app does not need), digitalpetri's
 * modbus-tcp 2.0.0 about 2.8 MB (its jars and Netty 4.1); this class is some 170 lines. The scan needs reads,
 * exception codes and strings, nothing more, so the small class stays.
 */
final class ModbusSession implements AutoCloseable {

    static final int READ_HOLDING_REGISTERS = 0x03;
    static final int READ_INPUT_REGISTERS = 0x04;
    /** Modbus allows at most 125 registers in one read. */
    static final int MAX_REGISTERS = 125;

    /** What a read got: registers, an exception code, or nothing (silence, garble, hang-up). */
    record Answer(int[] registers, int exceptionCode, String failure) {
        static Answer exception(int code) {
            return new Answer(null, code, null);
        }

        static Answer none(String why) {
            return new Answer(null, -1, why);
        }

        boolean ok() {
            return registers != null;
        }

        /** A normal answer or an exception other than the gateway's "nothing behind me" (10, 11). */
        boolean somethingAnswered() {
            return ok() || (exceptionCode >= 0 && exceptionCode != 10 && exceptionCode != 11);
        }

        /** The registers as text: two bytes each, big-endian, up to the first NUL, trimmed. */
        String text() {
            byte[] bytes = new byte[registers.length * 2];
            for (int i = 0; i < registers.length; i++) {
                bytes[2 * i] = (byte) (registers[i] >> 8);
                bytes[2 * i + 1] = (byte) registers[i];
            }
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            String s = new String(bytes, 0, end, StandardCharsets.UTF_8);
            StringBuilder printable = new StringBuilder();
            s.codePoints().filter(c -> c >= 0x20 && c != 0x7F && c != 0xFFFD).forEach(printable::appendCodePoint);
            return printable.toString().strip();
        }
    }

    private final Socket socket;
    private final Duration answerTimeout;
    private int transaction;
    private boolean broken;
    private boolean hungUp;
    private boolean answeredAny;

    /** On a connected socket the caller made (so it can close it to cancel). */
    ModbusSession(Socket socket, Duration answerTimeout) {
        this.socket = socket;
        this.answerTimeout = answerTimeout;
        this.transaction = (int) (System.nanoTime() & 0x7FFF) + 1;
    }

    /** The device closed the connection before it answered anything on it. */
    boolean hungUpUnanswered() {
        return hungUp && !answeredAny;
    }

    /** The connection was lost (hang-up or a late answer that would confuse the next read). */
    boolean broken() {
        return broken;
    }

    Answer read(int function, int unitId, int address, int count) {
        if (broken) {
            return Answer.none("connection lost");
        }
        int id = transaction;
        transaction = transaction % 0xFFFF + 1;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (id >> 8), (byte) id, 0, 0, 0, 6, (byte) unitId, (byte) function,
                    (byte) (address >> 8), (byte) address, (byte) (count >> 8), (byte) count});
            out.flush();
            long deadline = System.nanoTime() + answerTimeout.toNanos();
            byte[] mbap = new byte[7];
            byte[] pdu;
            while (true) {
                readFully(mbap, deadline);
                int length = u16(mbap, 4);
                if (u16(mbap, 2) != 0 || length < 2 || length > 254) {
                    broken = true;
                    return Answer.none("garbled answer (not Modbus TCP)");
                }
                pdu = new byte[length - 1];
                readFully(pdu, deadline);
                answeredAny = true;
                if (u16(mbap, 0) == id) {
                    break;
                }
                // A late answer to an earlier read that timed out: skip it and wait for ours.
            }
            if ((mbap[6] & 0xFF) != unitId) {
                return Answer.none("answered by unit id " + (mbap[6] & 0xFF));
            }
            int fn = pdu[0] & 0xFF;
            if (fn == (function | 0x80) && pdu.length == 2) {
                return Answer.exception(pdu[1] & 0xFF);
            }
            if (fn == function && pdu.length == 2 + 2 * count && (pdu[1] & 0xFF) == 2 * count) {
                int[] registers = new int[count];
                for (int i = 0; i < count; i++) {
                    registers[i] = u16(pdu, 2 + 2 * i);
                }
                return new Answer(registers, -1, null);
            }
            return Answer.none("garbled answer");
        } catch (SocketTimeoutException e) {
            // Silence is what a unit id that is not there gets; the connection stays usable (a late answer is skipped).
            return Answer.none("no answer within " + answerTimeout.toMillis() + " ms");
        } catch (IOException e) {
            // EOF or a reset: the device let go (a cancel closes the socket too; the scan then reports nothing)
            broken = true;
            hungUp = true;
            return Answer.none("connection lost: " + e.getMessage());
        }
    }

    private void readFully(byte[] buffer, long deadline) throws IOException {
        ModbusDeviceScanner.readFully(socket, buffer, deadline);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
