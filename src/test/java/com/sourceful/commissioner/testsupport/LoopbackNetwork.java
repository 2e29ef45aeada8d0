package com.sourceful.commissioner.testsupport;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sourceful.commissioner.testsupport.RealPeers.Os;

import org.opentest4j.AssertionFailedError;

/**
 * What loopback offers differs by OS, and some tests need more than 127.0.0.1: Linux and Windows answer the whole of
 * 127.0.0.0/8, macOS holds only 127.0.0.1 on lo0 (binding 127.0.0.3 fails there); mDNS on loopback needs multicast on
 * the loopback interface. Where the OS lacks it the test is skipped with the reason; on Linux, where every test of the
 * suite has always run, a lack fails the test as it did before.
 */
public final class LoopbackNetwork {

    /** mDNS's group; the probe sends to it on a port of its own, on the loopback interface only. */
    static final String MDNS_GROUP = "224.0.0.251";
    private static volatile String multicastProblem;
    private static volatile boolean multicastProbed;

    private LoopbackNetwork() {
    }

    /** Skips (fails on Linux) unless a TCP server can listen on each of {@code addresses}. */
    public static void assumeBindable(String... addresses) {
        for (String address : addresses) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
                // bound: this OS holds the address
            } catch (IOException e) {
                lacking(address + " cannot be bound here (" + e.getMessage() + "): macOS holds only 127.0.0.1 on "
                        + "lo0 unless added with 'sudo ifconfig lo0 alias " + address + " up'; this test listens on "
                        + String.join(", ", Arrays.asList(addresses)));
            }
        }
    }

    /** Skips (fails on Linux) unless a datagram sent to an mDNS group on the loopback interface comes back. */
    public static void assumeMulticast() {
        if (!multicastProbed) {
            synchronized (LoopbackNetwork.class) {
                if (!multicastProbed) {
                    multicastProblem = multicastProblem();
                    multicastProbed = true;
                }
            }
        }
        if (multicastProblem != null) {
            lacking("multicast on the loopback interface does not work here (" + multicastProblem + "), so mDNS on "
                    + "127.0.0.1 cannot be tested on this OS");
        }
    }

    /** Null when a datagram to the group on loopback comes back within a second, else what went wrong. */
    static String multicastProblem() {
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            NetworkInterface lo = NetworkInterface.getByInetAddress(loopback);
            if (lo == null) {
                return "no interface holds 127.0.0.1";
            }
            InetAddress group = InetAddress.getByName(MDNS_GROUP);
            try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(0))) {
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo); // never another network
                socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                socket.setTimeToLive(1);
                socket.joinGroup(new InetSocketAddress(group, 0), lo);
                byte[] hello = "zap-commissioner loopback multicast probe".getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(hello, hello.length, group, socket.getLocalPort()));
                socket.setSoTimeout(1000);
                byte[] buffer = new byte[256];
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < deadline) {
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    socket.receive(in);
                    if (Arrays.equals(Arrays.copyOf(in.getData(), in.getLength()), hello)) {
                        return null;
                    }
                }
                return "the probe did not come back";
            }
        } catch (SocketTimeoutException e) {
            return "the probe did not come back within 1 s";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void lacking(String message) {
        if (Os.current() == Os.LINUX) {
            throw new AssertionFailedError(message);
        }
        abort(message);
    }
}
