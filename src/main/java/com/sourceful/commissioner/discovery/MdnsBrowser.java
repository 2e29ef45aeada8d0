package com.sourceful.commissioner.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browses {@code _http._tcp.local.} for instances named {@code zap*} (as Home Assistant's integration does), one
 * jmDNS per interface address, and reports each resolved instance as a candidate base URI. Candidates still need
 * confirming: anything can call itself "zap".
 */
public final class MdnsBrowser implements AutoCloseable {

    public static final String SERVICE_TYPE = "_http._tcp.local.";
    private static final Logger LOG = LoggerFactory.getLogger(MdnsBrowser.class);

    private final List<JmDNS> instances = new CopyOnWriteArrayList<>();

    /** Up, multicast-capable, non-loopback, non-virtual IPv4 addresses of this machine: where a LAN Zap can be. */
    public static List<InetAddress> siteInterfaces() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || !nif.supportsMulticast() || nif.isVirtual()
                        || looksVirtual(nif)) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("Could not list network interfaces: {}", e.getMessage());
        }
        return out;
    }

    /**
     * The subnets around {@link #siteInterfaces()}: each interface's own subnet, narrowed to the /24 around the
     * address when wider; point-to-point /32 links are left out (nothing to sweep there).
     */
    public static List<Subnet> siteSubnets() {
        List<Subnet> out = new ArrayList<>();
        try {
            for (InetAddress a : siteInterfaces()) {
                NetworkInterface nif = NetworkInterface.getByInetAddress(a);
                if (nif == null) {
                    continue;
                }
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (a.equals(ia.getAddress()) && ia.getNetworkPrefixLength() < 32) {
                        Subnet s = Subnet.around(a, ia.getNetworkPrefixLength());
                        if (!out.contains(s)) {
                            out.add(s);
                        }
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            LOG.warn("Could not list subnets to sweep: {}", e.getMessage());
        }
        return out;
    }

    /** Adapters of Hyper-V, WSL, VirtualBox, Docker and VPNs swallow multicast meant for the LAN. */
    private static boolean looksVirtual(NetworkInterface nif) {
        String name = (nif.getName() + " " + nif.getDisplayName()).toLowerCase(Locale.ROOT);
        return name.matches(".*(vethernet|hyper-v|wsl|virtualbox|vmware|docker|veth|tun|tap|utun|wireguard|vpn).*");
    }

    /**
     * Starts browsing on each address; {@code onCandidate} is called from jmDNS threads. Creating a jmDNS
     * instance binds sockets, so call this off the UI thread.
     */
    public void start(List<InetAddress> addresses, Consumer<URI> onCandidate) {
        start(addresses, (name, uri) -> onCandidate.accept(uri));
    }

    /** The same, telling the listener each candidate's mDNS instance name too (to name a record that does not answer). */
    public void start(List<InetAddress> addresses, BiConsumer<String, URI> onCandidate) {
        for (InetAddress address : addresses) {
            if (!onAnInterface(address)) {
                // jmDNS would join and send on the default interface instead (it does so for 127.0.0.2 on Linux):
                // another network than the one asked for.
                LOG.warn("mDNS not started on {}: no network interface has this address", address.getHostAddress());
                continue;
            }
            try {
                JmDNS jmdns = JmDNS.create(address, "zap-commissioner-" + Long.toHexString(System.nanoTime() & 0xffff));
                instances.add(jmdns);
                jmdns.addServiceListener(SERVICE_TYPE, new ServiceListener() {
                    @Override
                    public void serviceAdded(ServiceEvent event) {
                        if (isZapName(event.getName())) {
                            jmdns.requestServiceInfo(event.getType(), event.getName(), 1000);
                        }
                    }

                    @Override
                    public void serviceRemoved(ServiceEvent event) {
                        // A Zap that leaves is noticed when it stops answering, not from a goodbye packet.
                    }

                    @Override
                    public void serviceResolved(ServiceEvent event) {
                        if (isZapName(event.getName())) {
                            candidateOf(event.getInfo()).forEach(uri -> onCandidate.accept(event.getName(), uri));
                        }
                    }
                });
            } catch (IOException e) {
                LOG.warn("mDNS could not start on {}: {}", address.getHostAddress(), e.getMessage());
            }
        }
    }

    /** jmDNS binds its multicast socket to the interface that lists the address, if any. */
    private static boolean onAnInterface(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    public int activeInterfaces() {
        return instances.size();
    }

    static boolean isZapName(String instanceName) {
        return instanceName != null && instanceName.toLowerCase(Locale.ROOT).startsWith("zap");
    }

    private static List<URI> candidateOf(ServiceInfo info) {
        List<URI> out = new ArrayList<>();
        for (Inet4Address a : info.getInet4Addresses()) {
            out.add(URI.create("http://" + a.getHostAddress() + ":" + info.getPort() + "/"));
        }
        return out;
    }

    /** jmDNS needs seconds to close; callers run this off the UI thread. */
    @Override
    public void close() {
        for (JmDNS jmdns : instances) {
            try {
                jmdns.close();
            } catch (IOException e) {
                LOG.debug("mDNS close: {}", e.getMessage());
            }
        }
        instances.clear();
    }
}
