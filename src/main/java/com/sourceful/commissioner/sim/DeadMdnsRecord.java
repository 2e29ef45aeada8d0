package com.sourceful.commissioner.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault of the network rather than of one endpoint: an mDNS record that looks like a Zap
 * ({@code zap-<hex>._http._tcp.local.}, the simulator's TXT keys) and points at a loopback port where nothing
 * listens — a Zap that rebooted onto another address, or a stale cache. Loopback only: it is never announced on,
 * or sent to, any other interface.
 */
public final class DeadMdnsRecord implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadMdnsRecord.class);

    private final InetAddress address;
    private final int port;
    private final String serial;
    private final JmDNS jmdns;

    private DeadMdnsRecord(InetAddress address, int port, String serial, JmDNS jmdns) {
        this.address = address;
        this.port = port;
        this.serial = serial;
        this.jmdns = jmdns;
    }

    /** Announces a record for a random serial on 127.0.0.1. */
    public static DeadMdnsRecord announce() throws IOException {
        return announce(InetAddress.getLoopbackAddress(), ZapSimulator.randomSerial());
    }

    /**
     * Announces {@code zap-<hex of serial>} on {@code loopback}, pointing at a port of it that nothing listens on
     * (one the system just handed out and released). Blocks until jmDNS has registered the record.
     *
     * @throws IllegalArgumentException for an address that is not loopback, or that no interface holds (jmDNS
     *                                  would fall back to the default interface: the real network)
     */
    public static DeadMdnsRecord announce(InetAddress loopback, String serial) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("a dead mDNS record is announced on loopback only, not on "
                    + loopback.getHostAddress());
        }
        if (NetworkInterface.getByInetAddress(loopback) == null) {
            throw new IllegalArgumentException("no network interface holds " + loopback.getHostAddress()
                    + "; use 127.0.0.1");
        }
        if (serial == null || !serial.matches("zap-[0-9a-f]{8,16}")) {
            throw new IllegalArgumentException("serial must look like zap-04772a97");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            port = s.getLocalPort(); // released at once: nothing listens there afterwards
        }
        JmDNS j = JmDNS.create(loopback, "zap-dead");
        try {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("path", "/api/");
            props.put("serial", serial);
            props.put("fw", ZapSimulator.FIRMWARE_VERSION);
            j.registerService(ServiceInfo.create(ZapSimulator.MDNS_TYPE, "zap-" + serial.substring(4), port, 0, 0,
                    props));
        } catch (IOException | RuntimeException e) {
            j.close();
            throw e;
        }
        LOG.info("mDNS: announced a dead record zap-{} at {}:{} (nothing listens there)", serial.substring(4),
                loopback.getHostAddress(), port);
        return new DeadMdnsRecord(loopback, port, serial, j);
    }

    public InetAddress address() {
        return address;
    }

    /** The port the record names, where nothing listens (until a test starts something there). */
    public int port() {
        return port;
    }

    public String serial() {
        return serial;
    }

    /** The mDNS instance name, {@code zap-<hex>}. */
    public String instanceName() {
        return "zap-" + serial.substring(4);
    }

    /** Withdraws the record (jmDNS takes a moment to close). */
    @Override
    public void close() {
        try {
            jmdns.unregisterAllServices();
            jmdns.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing jmDNS failed: {}", e.toString());
        }
    }
}
