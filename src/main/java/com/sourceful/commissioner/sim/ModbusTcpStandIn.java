package com.sourceful.commissioner.sim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny Modbus TCP device for demo mode and tests: answers function 3 and 4 reads of registers 0..9999 at the
 * listed unit ids with deterministic values ({@code (unitId * 1000 + address) & 0xFFFF}), exception 2 (illegal data
 * address) beyond, exception 3 for a count outside 1..125, exception 1 for other functions, and nothing at all for
 * other unit ids (as a device behind a gateway that is not there). One client at a time, like many inverters; a
 * client idle for {@link #IDLE_MILLIS} is dropped.
 * <p>
 * Started with a {@link SungrowIdentity}, it also says who it is the way a Sungrow inverter does, on its input
 * registers (function 4) at every listed unit id: wire addresses {@value #SUNGROW_SN_WIRE}..4998 the serial number
 * (ASCII, two characters a register, high byte first, NUL padded), 4999 the device type code. Sungrow's protocol
 * documents SN at 4990-4999 and the type at 5000, "communication address = protocol address - 1" (the map
 * devicescan's DeviceIdentities reads). Holding registers (function 3) keep the deterministic values.
 */
public final class ModbusTcpStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpStandIn.class);
    public static final int LAST_REGISTER = 9999;
    static final int IDLE_MILLIS = 30_000;
    /** First wire address of a Sungrow serial number (input registers); the type code follows the 10 SN registers. */
    public static final int SUNGROW_SN_WIRE = 4989;
    public static final int SUNGROW_SN_REGISTERS = 10;
    public static final int SUNGROW_TYPE_WIRE = SUNGROW_SN_WIRE + SUNGROW_SN_REGISTERS;

    /**
     * A Sungrow inverter's identity: its serial number (printable ASCII, at most 20 characters) and its device type
     * code (e.g. 0xE03 for an SH10RT).
     */
    public record SungrowIdentity(String serial, int typeCode) {
        public SungrowIdentity {
            if (serial == null || serial.length() > 2 * SUNGROW_SN_REGISTERS || !serial.matches("[\\x20-\\x7E]*")) {
                throw new IllegalArgumentException("serial must be printable ASCII, at most "
                        + 2 * SUNGROW_SN_REGISTERS + " characters");
            }
            if (typeCode < 0 || typeCode > 0xFFFF) {
                throw new IllegalArgumentException("typeCode must be 0..0xFFFF");
            }
        }

        /** The input register at wire {@code address}, or -1 where this identity holds none. */
        int register(int address) {
            if (address == SUNGROW_TYPE_WIRE) {
                return typeCode;
            }
            int i = address - SUNGROW_SN_WIRE;
            if (i < 0 || i >= SUNGROW_SN_REGISTERS) {
                return -1;
            }
            return (character(2 * i) << 8) | character(2 * i + 1);
        }

        private int character(int index) {
            return index < serial.length() ? serial.charAt(index) : 0;
        }
    }

    private final ServerSocket server;
    private final Set<Integer> unitIds;
    private final SungrowIdentity identity;
    private final Thread thread;
    private volatile Socket client;
    private volatile boolean closed;

    private ModbusTcpStandIn(ServerSocket server, Set<Integer> unitIds, SungrowIdentity identity) {
        this.server = server;
        this.unitIds = Set.copyOf(unitIds);
        this.identity = identity;
        this.thread = new Thread(this::serve, "modbus-tcp-stand-in-" + server.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Listens on {@code bind:port} (port 0: an ephemeral one, see {@link #port()}). */
    public static ModbusTcpStandIn start(InetAddress bind, int port, Set<Integer> unitIds) throws IOException {
        return start(bind, port, unitIds, null);
    }

    /**
     * Listens on {@code bind:port} and, where {@code identity} is not null, presents it on the input registers as a
     * Sungrow inverter does (see the class comment).
     */
    public static ModbusTcpStandIn start(InetAddress bind, int port, Set<Integer> unitIds, SungrowIdentity identity)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, port), 8);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        ModbusTcpStandIn standIn = new ModbusTcpStandIn(server, unitIds, identity);
        standIn.thread.start();
        LOG.info("Modbus TCP stand-in on {} for unit ids {}{}", server.getLocalSocketAddress(), standIn.unitIds,
                identity == null ? "" : ", Sungrow identity " + identity.serial());
        return standIn;
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    /** The value register {@code address} holds at {@code unitId}. */
    public static int value(int unitId, int address) {
        return (unitId * 1000 + address) & 0xFFFF;
    }

    private int register(int function, int unit, int address) {
        int v = identity != null && function == 4 ? identity.register(address) : -1;
        return v >= 0 ? v : value(unit, address);
    }

    private void serve() {
        while (!closed) {
            try (Socket socket = server.accept()) {
                client = socket;
                socket.setSoTimeout(IDLE_MILLIS);
                socket.setTcpNoDelay(true);
                converse(socket);
            } catch (SocketTimeoutException e) {
                LOG.debug("Modbus TCP stand-in: idle client dropped");
            } catch (EOFException e) {
                LOG.debug("Modbus TCP stand-in: client left");
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("Modbus TCP stand-in: {}", e.toString());
                }
            } finally {
                client = null;
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (!closed) {
            int transaction = in.readUnsignedShort();
            int protocol = in.readUnsignedShort();
            int length = in.readUnsignedShort();
            if (protocol != 0 || length < 2 || length > 254) {
                LOG.debug("Modbus TCP stand-in: not Modbus TCP (protocol {}, length {}), closing", protocol, length);
                return;
            }
            int unit = in.readUnsignedByte();
            byte[] pdu = new byte[length - 1];
            in.readFully(pdu);
            if (!unitIds.contains(unit)) {
                LOG.debug("Modbus TCP stand-in: unit id {} is not here, no answer", unit);
                continue;
            }
            byte[] answer = answer(unit, pdu);
            byte[] frame = new byte[7 + answer.length];
            frame[0] = (byte) (transaction >> 8);
            frame[1] = (byte) transaction;
            frame[4] = (byte) ((answer.length + 1) >> 8);
            frame[5] = (byte) (answer.length + 1);
            frame[6] = (byte) unit;
            System.arraycopy(answer, 0, frame, 7, answer.length);
            out.write(frame);
            out.flush();
        }
    }

    private byte[] answer(int unit, byte[] pdu) {
        int function = pdu[0] & 0xFF;
        if ((function != 3 && function != 4) || pdu.length != 5) {
            return new byte[] {(byte) (function | 0x80), 1};
        }
        int address = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
        int count = ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF);
        if (count < 1 || count > 125) {
            return new byte[] {(byte) (function | 0x80), 3};
        }
        if (address + count - 1 > LAST_REGISTER) {
            return new byte[] {(byte) (function | 0x80), 2};
        }
        byte[] answer = new byte[2 + 2 * count];
        answer[0] = (byte) function;
        answer[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            int v = register(function, unit, address + i);
            answer[2 + 2 * i] = (byte) (v >> 8);
            answer[3 + 2 * i] = (byte) v;
        }
        return answer;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // best effort
        }
        Socket c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
