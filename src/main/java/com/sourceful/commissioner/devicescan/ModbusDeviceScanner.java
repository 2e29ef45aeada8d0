package com.sourceful.commissioner.devicescan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.sourceful.commissioner.devicescan.ModbusSession.Answer;
import com.sourceful.commissioner.discovery.SubnetSweep;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device scan: every host of the subnets, a bounded number at once (a {@link SubnetSweep}); on each host the
 * ports one after the other, each with one TCP connection that reads all it needs and closes at once. So a host has
 * at most one connection from the scan at any time, and an address and port at most one ever unless the device hangs
 * up midway (then it is opened once more; {@link FoundDevice#connections()} counts them). Reads only.
 *
 * <p>One scanner runs one scan at a time; {@link #cancel()} closes the open connections, so the scan returns within
 * about a second. Make a new one (or call {@link #scan} again) for the next scan.
 */
public final class ModbusDeviceScanner implements DeviceScanner {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceScanner.class);

    /** What a port is asked. */
    public enum Kind { MODBUS_TCP, MQTT, SOLARMAN_V5 }

    /**
     * One port to try, with the unit ids to ask there (Modbus only), in order.
     *
     * @param unitIds the unit ids asked, first answer that identifies a device wins
     */
    public record Port(int number, Kind kind, List<Integer> unitIds) {
        public Port {
            unitIds = List.copyOf(unitIds);
            if (number < 1 || number > 0xFFFF) {
                throw new IllegalArgumentException("port " + number + " is not 1..65535");
            }
        }

        public static Port modbus(int number, Integer... unitIds) {
            return new Port(number, Kind.MODBUS_TCP, List.of(unitIds));
        }

        public static Port mqtt(int number) {
            return new Port(number, Kind.MQTT, List.of());
        }

        public static Port solarmanV5(int number) {
            return new Port(number, Kind.SOLARMAN_V5, List.of());
        }
    }

    /**
     * The ports the supported vendors use. 502 (Modbus TCP's port): unit 1 (Sungrow, Fronius, SolarEdge, Huawei's
     * SDongle), 126 (SMA's SunSpec profile) and 3 (SMA's own profile) — see ProfileCatalogue's sources; 1502
     * (SolarEdge's default Modbus TCP port) unit 1; 6607 (Huawei's inverter interface) units 0 and 1; MQTT 1883
     * (Ferroamp) and 1884 (Ambibox); 8899 (Solarman V5 loggers of Deye and Solis).
     */
    public static final List<Port> STANDARD_PORTS = List.of(
            Port.modbus(502, 1, 126, 3), Port.modbus(1502, 1), Port.modbus(6607, 0, 1),
            Port.mqtt(1883), Port.mqtt(1884), Port.solarmanV5(8899));

    /** Evidence of a Solarman V5 port: what it is and what it takes. */
    static final String SOLARMAN_EXPLANATION = "Deye/Solis logger: needs an RS485-to-Ethernet gateway";

    /** Connections to one Modbus address and port in one scan, one after the other. */
    static final int MODBUS_CONNECTIONS = 2;
    /** Before the second: long enough for a one-client device to free its slot after the first. */
    static final Duration REOPEN_PAUSE = Duration.ofMillis(300);

    private final List<Port> ports;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Whether this thread's last connect got no answer at all within the timeout (each host is one thread's). */
    private final ThreadLocal<Boolean> lastConnectTimedOut = ThreadLocal.withInitial(() -> false);
    private volatile SubnetSweep sweep;
    private volatile boolean cancelled;

    public ModbusDeviceScanner() {
        this(STANDARD_PORTS);
    }

    /** Tests scan other ports (binding 502 needs root on some systems). */
    public ModbusDeviceScanner(List<Port> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no ports to scan");
        }
        this.ports = List.copyOf(ports);
    }

    public List<Port> ports() {
        return ports;
    }

    @Override
    public Report scan(Options options, Listener listener) throws InterruptedException {
        long start = System.nanoTime();
        cancelled = false;
        SubnetSweep s = new SubnetSweep(Math.max(1, options.parallelHosts()));
        sweep = s;
        List<FoundDevice> found = new ArrayList<>();
        Duration timeout = options.connectTimeout();
        int probed = s.run(options.subnets(), host -> scanHost(host, timeout, device -> {
            synchronized (found) {
                found.add(device);
            }
            try {
                listener.found(device);
            } catch (RuntimeException e) {
                LOG.warn("device scan listener failed: {}", e.toString());
            }
        }), p -> listener.progress(new Progress(p.probed(), p.total())));
        boolean wasCancelled = cancelled || s.cancelled();
        if (Thread.interrupted()) {
            closeAll();
            throw new InterruptedException("device scan interrupted");
        }
        List<FoundDevice> devices;
        synchronized (found) {
            devices = List.copyOf(found);
        }
        return new Report(devices, probed, ports.stream().map(Port::number).toList(),
                Duration.ofNanos(System.nanoTime() - start), wasCancelled);
    }

    @Override
    public void cancel() {
        cancelled = true;
        SubnetSweep s = sweep;
        if (s != null) {
            s.cancel();
        }
        closeAll();
    }

    private void closeAll() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing to cancel
            }
        }
    }

    private void scanHost(Inet4Address host, Duration timeout, Consumer<FoundDevice> found) {
        for (Port port : ports) {
            if (cancelled) {
                return;
            }
            Optional<FoundDevice> device = switch (port.kind()) {
                case MODBUS_TCP -> scanModbus(host, port, timeout);
                case MQTT -> scanMqtt(host, port.number(), timeout);
                case SOLARMAN_V5 -> scanSolarman(host, port.number(), timeout);
            };
            if (!cancelled) {
                device.ifPresent(found);
            }
            if (device.isEmpty() && lastConnectTimedOut.get()) {
                // Nothing answered the SYN at all (no refusal either), as for an address no one holds on a real LAN,
                // where silence costs the whole connect timeout per port: the host is silent, its other ports skipped.
                LOG.debug("{} is silent on {}: its other ports are skipped", host.getHostAddress(), port.number());
                return;
            }
        }
    }

    /** A connected socket, tracked so {@link #cancel()} can close it; empty when nothing listens. */
    private Optional<Socket> connect(Inet4Address host, int port, Duration timeout) {
        lastConnectTimedOut.set(false);
        Socket socket = new Socket();
        open.add(socket);
        try {
            if (cancelled) {
                throw new IOException("cancelled");
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return Optional.of(socket);
        } catch (SocketTimeoutException e) {
            lastConnectTimedOut.set(true);
            release(socket);
            return Optional.empty();
        } catch (IOException e) {
            release(socket);
            return Optional.empty();
        }
    }

    private void release(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // letting go
        } finally {
            open.remove(socket);
        }
    }

    // ---- Modbus -------------------------------------------------------------------------------------------------

    private Optional<FoundDevice> scanModbus(Inet4Address host, Port port, Duration timeout) {
        String address = host.getHostAddress();
        int connections = 0;
        int hungUpUnanswered = 0;
        List<Integer> toAsk = new ArrayList<>(port.unitIds());
        FoundDevice unidentified = null;
        // At most two connections, one after the other: a device that hangs up (on a unit id it does not serve, or
        // because its one client slot was still taken) gets one more, after a pause to free the slot.
        while (!toAsk.isEmpty() && connections < MODBUS_CONNECTIONS && !cancelled) {
            if (connections > 0 && !pause(REOPEN_PAUSE)) {
                break;
            }
            Optional<Socket> socket = connect(host, port.number(), timeout);
            if (socket.isEmpty()) {
                break;
            }
            connections++;
            ModbusSession session = new ModbusSession(socket.get(), timeout);
            try {
                while (!toAsk.isEmpty() && !cancelled && !session.broken()) {
                    int unit = toAsk.get(0);
                    ModbusIdentifier.Identified identified = ModbusIdentifier.identify(new ModbusIdentifier.Registers() {
                        @Override
                        public Answer read(int function, int unitId, int address, int count) {
                            return session.read(function, unitId, address, count);
                        }

                        @Override
                        public boolean stop() {
                            return session.broken() || cancelled;
                        }
                    }, unit, false);
                    if (session.hungUpUnanswered()) {
                        hungUpUnanswered++;
                        break; // ask this unit id again on the next connection
                    }
                    toAsk.remove(0);
                    if (identified == null) {
                        continue;
                    }
                    if (identified.manufacturer().isPresent()) {
                        return Optional.of(identified.toDevice(address, port.number(), unit, connections));
                    }
                    if (unidentified == null) {
                        unidentified = identified.toDevice(address, port.number(), unit, connections);
                    }
                }
            } finally {
                release(socket.get());
            }
        }
        if (unidentified != null) {
            FoundDevice u = unidentified;
            return Optional.of(new FoundDevice(u.address(), u.port(), u.unitId(), u.protocol(), u.manufacturer(),
                    u.model(), u.serial(), u.version(), u.profile(), u.evidence(), connections));
        }
        if (connections > 0 && hungUpUnanswered == connections && !cancelled) {
            return Optional.of(new FoundDevice(address, port.number(), OptionalInt.empty(), FoundDevice.MODBUS_TCP,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    "accepts TCP on Modbus port " + port.number() + " but hung up before answering, " + connections
                            + " times: it may serve one Modbus client at a time and another (the Zap?) holds it",
                    connections));
        }
        return Optional.empty();
    }

    /** False when cancelled meanwhile. */
    private boolean pause(Duration pause) {
        long end = System.nanoTime() + pause.toNanos();
        try {
            while (!cancelled && System.nanoTime() < end) {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !cancelled;
    }

    // ---- MQTT ---------------------------------------------------------------------------------------------------

    /** One connection: CONNECT without credentials, and when accepted a bounded wait for a telling message. */
    private Optional<FoundDevice> scanMqtt(Inet4Address host, int port, Duration timeout) {
        Optional<Socket> connected = connect(host, port, timeout);
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        Socket socket = connected.get();
        try {
            return new MqttBrokerProbe(socket, timeout, MqttBrokerProbe.PUBLISH_WAIT, () -> cancelled)
                    .probe(host.getHostAddress(), port);
        } finally {
            release(socket);
        }
    }

    // ---- Solarman V5 --------------------------------------------------------------------------------------------

    private Optional<FoundDevice> scanSolarman(Inet4Address host, int port, Duration timeout) {
        Optional<Socket> connected = connect(host, port, timeout);
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        Socket socket = connected.get();
        try {
            OutputStream out = socket.getOutputStream();
            out.write(SolarmanV5.request(0));
            out.flush();
            byte[] head = new byte[11];
            readFully(socket, head, System.nanoTime() + timeout.toNanos());
            if (!SolarmanV5.isFrameHeader(head)) {
                LOG.debug("{}:{} is not Solarman V5: {}", host.getHostAddress(), port, HexFormat.of().formatHex(head));
                return Optional.empty();
            }
            long logger = SolarmanV5.loggerSerial(head);
            String evidence = String.format("Solarman V5 frame (start 0xA5, control 0x%04X) from logger serial %d: %s",
                    SolarmanV5.control(head), logger, SOLARMAN_EXPLANATION);
            return Optional.of(new FoundDevice(host.getHostAddress(), port, OptionalInt.empty(),
                    FoundDevice.SOLARMAN_V5, Optional.empty(), Optional.empty(), Optional.of(Long.toString(logger)),
                    Optional.empty(), Optional.empty(), evidence, 1));
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            release(socket);
        }
    }

    /** Reads exactly {@code buffer.length} bytes before {@code deadline} (System.nanoTime), or throws. */
    static void readFully(Socket socket, byte[] buffer, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        int off = 0;
        while (off < buffer.length) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("no answer in time");
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw new IOException("closed by the device");
            }
            off += n;
        }
    }
}
