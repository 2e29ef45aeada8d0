package com.sourceful.commissioner.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the firmware's mDNS host name {@code zap.local}: the OS resolver plus a one-shot mDNS query per
 * interface. The own query matters where the OS has no mDNS resolver (Windows without Bonjour, Linux without
 * nss-mdns). The query asks for a unicast answer (QU bit) and is sent only to 224.0.0.251:5353 on the given
 * interfaces; answers are read from the query socket (unicast) until the timeout.
 */
public final class ZapLocalLookup {

    public static final String HOST = "zap.local";
    private static final Logger LOG = LoggerFactory.getLogger(ZapLocalLookup.class);
    private static final InetSocketAddress MDNS_GROUP = new InetSocketAddress(mdnsGroup(), 5353);
    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;
    private static final int QU_BIT = 0x8000;

    private ZapLocalLookup() {
    }

    /** A {@code zap.local} lookup as {@link #lookup(List, Duration, Runnable)} does it. */
    @FunctionalInterface
    interface Lookup {
        List<Inet4Address> lookup(List<InetAddress> interfaces, Duration timeout, Runnable noRoute);
    }

    /**
     * Never throws; empty when nothing answered in time. Several Zaps may answer. The OS resolver is asked only when
     * a non-loopback interface is given.
     */
    public static List<Inet4Address> lookup(List<InetAddress> interfaces, Duration timeout) {
        return lookup(HOST, interfaces, timeout, () -> { });
    }

    /**
     * The same, calling {@code noRoute} when a query could not be sent for "No route to host": on macOS, Local Network
     * privacy refusing this app's multicast.
     */
    public static List<Inet4Address> lookup(List<InetAddress> interfaces, Duration timeout, Runnable noRoute) {
        return lookup(HOST, interfaces, timeout, noRoute);
    }

    /** The same for another {@code .local} host name (tests use names nobody answers). */
    static List<Inet4Address> lookup(String host, List<InetAddress> interfaces, Duration timeout) {
        return lookup(host, interfaces, timeout, () -> { });
    }

    private static List<Inet4Address> lookup(String host, List<InetAddress> interfaces, Duration timeout,
                                             Runnable noRoute) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        Set<Inet4Address> out = new LinkedHashSet<>();
        try {
            // The OS resolver may ask the network's DNS server (a .local name falls through to unicast DNS where
            // no mDNS resolver is installed). Discovery kept to loopback (tests, demo) must not: only our own query.
            boolean siteNetwork = interfaces.stream().anyMatch(a -> !a.isLoopbackAddress());
            CompletableFuture<List<Inet4Address>> resolver = siteNetwork ? osResolver(host)
                    : CompletableFuture.completedFuture(List.of());
            List<CompletableFuture<List<Inet4Address>>> queries = new ArrayList<>();
            for (InetAddress a : interfaces) {
                if (a instanceof Inet4Address v4) {
                    queries.add(CompletableFuture.supplyAsync(() -> query(host, v4, deadline, noRoute),
                            ZapLocalLookup::daemon));
                }
            }
            out.addAll(await(resolver, deadline));
            for (CompletableFuture<List<Inet4Address>> q : queries) {
                out.addAll(await(q, deadline + TimeUnit.MILLISECONDS.toNanos(200)));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} lookup failed: {}", host, e.toString());
        }
        return List.copyOf(out);
    }

    /** The OS resolver can block for long; it runs on a daemon thread that is abandoned at the deadline. */
    private static CompletableFuture<List<Inet4Address>> osResolver(String host) {
        return CompletableFuture.supplyAsync(() -> {
            List<Inet4Address> found = new ArrayList<>();
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a instanceof Inet4Address v4 && !v4.isAnyLocalAddress()) {
                        found.add(v4);
                    }
                }
            } catch (UnknownHostException | SecurityException e) {
                LOG.debug("OS resolver: {} unknown ({})", host, e.getMessage());
            }
            return found;
        }, ZapLocalLookup::daemon);
    }

    private static List<Inet4Address> await(CompletableFuture<List<Inet4Address>> f, long deadlineNanos) {
        try {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            return f.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | RuntimeException e) {
            return List.of();
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "zap-local-lookup");
        t.setDaemon(true);
        t.start();
    }

    /** One query on one interface: send once, collect A answers for {@code host} until the deadline. */
    private static List<Inet4Address> query(String host, Inet4Address interfaceAddress, long deadlineNanos,
                                            Runnable noRoute) {
        List<Inet4Address> found = new ArrayList<>();
        NetworkInterface nif = interfaceOf(interfaceAddress);
        if (nif == null) {
            // Without a known interface the OS would pick one by route, perhaps another network: do not send.
            LOG.info("mDNS query for {}: no interface has the address {}", host, interfaceAddress.getHostAddress());
            return found;
        }
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(interfaceAddress, 0))) {
            socket.setNetworkInterface(nif);
            socket.setTimeToLive(255);
            byte[] q = queryPacket(host);
            socket.send(new DatagramPacket(q, q.length, MDNS_GROUP));
            byte[] buf = new byte[9000];
            while (true) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (leftMs <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, leftMs));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                for (Inet4Address a : answers(host, buf, p.getLength())) {
                    if (!found.contains(a)) {
                        found.add(a);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("mDNS query for {} on {} failed: {}", host, interfaceAddress.getHostAddress(), e.toString());
            tellIfNoRoute(e, noRoute);
        }
        return found;
    }

    /** A query that failed for "No route to host" (a refused multicast send) is told to {@code noRoute}. */
    static void tellIfNoRoute(Exception e, Runnable noRoute) {
        if (LocalNetworkAccess.noRouteToHost(e)) {
            noRoute.run();
        }
    }

    /**
     * The interface that has this address; for another loopback address than 127.0.0.1 (which Linux answers but
     * lists on no interface) the loopback interface. Null when unknown.
     */
    static NetworkInterface interfaceOf(InetAddress address) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            if (nif == null && address.isLoopbackAddress()) {
                nif = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            }
            return nif;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A DNS query: id 0, no flags, one question {@code host} A IN with the QU (unicast response) bit. */
    static byte[] queryPacket(String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, 0);            // id: 0 in mDNS
        writeShort(out, 0);            // flags: standard query
        writeShort(out, 1);            // questions
        writeShort(out, 0);            // answers
        writeShort(out, 0);            // authority
        writeShort(out, 0);            // additional
        for (String label : stripDot(host).split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0 || b.length > 63) {
                throw new IllegalArgumentException("bad host name: " + host);
            }
            out.write(b.length);
            out.write(b, 0, b.length);
        }
        out.write(0);
        writeShort(out, TYPE_A);
        writeShort(out, CLASS_IN | QU_BIT);
        return out.toByteArray();
    }

    /** IPv4 addresses of the A records for {@code host} in a DNS message (answers and additionals); never throws. */
    static List<Inet4Address> answers(String host, byte[] msg, int length) {
        List<Inet4Address> out = new ArrayList<>();
        try {
            if (length < 12 || (msg[2] & 0x80) == 0) {
                return out; // too short, or a query rather than a response
            }
            int qd = u16(msg, 4, length);
            int records = u16(msg, 6, length) + u16(msg, 8, length) + u16(msg, 10, length);
            int[] pos = {12};
            for (int i = 0; i < qd; i++) {
                readName(msg, length, pos);
                pos[0] += 4;
            }
            String wanted = stripDot(host).toLowerCase(Locale.ROOT);
            for (int i = 0; i < records; i++) {
                String name = readName(msg, length, pos);
                int type = u16(msg, pos[0], length);
                int cls = u16(msg, pos[0] + 2, length) & 0x7fff; // top bit: cache-flush
                int rdLength = u16(msg, pos[0] + 8, length);
                int rdata = pos[0] + 10;
                if (rdata + rdLength > length) {
                    break;
                }
                if (type == TYPE_A && cls == CLASS_IN && rdLength == 4 && name.equalsIgnoreCase(wanted)) {
                    byte[] a = {msg[rdata], msg[rdata + 1], msg[rdata + 2], msg[rdata + 3]};
                    Inet4Address v4 = (Inet4Address) InetAddress.getByAddress(a);
                    if (!out.contains(v4)) {
                        out.add(v4);
                    }
                }
                pos[0] = rdata + rdLength;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("malformed mDNS answer ignored: {}", e.toString());
        }
        return out;
    }

    /** Reads a possibly compressed name at {@code pos[0]}, advancing it past the name as stored there. */
    static String readName(byte[] msg, int length, int[] pos) throws IOException {
        StringBuilder name = new StringBuilder();
        int p = pos[0];
        int end = -1;
        int jumps = 0;
        while (true) {
            if (p >= length) {
                throw new IOException("name runs past the end");
            }
            int len = msg[p] & 0xff;
            if (len == 0) {
                p++;
                break;
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= length || ++jumps > 32) {
                    throw new IOException("bad name pointer");
                }
                int target = ((len & 0x3f) << 8) | (msg[p + 1] & 0xff);
                if (end < 0) {
                    end = p + 2;
                }
                p = target;
                continue;
            }
            if ((len & 0xc0) != 0 || p + 1 + len > length) {
                throw new IOException("bad label");
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(msg, p + 1, len, StandardCharsets.UTF_8));
            p += 1 + len;
        }
        pos[0] = end >= 0 ? end : p;
        return name.toString();
    }

    private static int u16(byte[] msg, int at, int length) throws IOException {
        if (at + 1 >= length) {
            throw new IOException("message too short");
        }
        return ((msg[at] & 0xff) << 8) | (msg[at + 1] & 0xff);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static InetAddress mdnsGroup() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, (byte) 251});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
