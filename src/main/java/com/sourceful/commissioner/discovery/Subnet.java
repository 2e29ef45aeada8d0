package com.sourceful.commissioner.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import com.sourceful.commissioner.http.Addresses;

/** An IPv4 subnet to sweep; never more than a /24 (256 addresses), so a sweep stays polite and quick. */
public record Subnet(Inet4Address network, int prefix) {

    public static final int NARROWEST_SWEEP_PREFIX = 24;

    public Subnet {
        if (prefix < NARROWEST_SWEEP_PREFIX || prefix > 32) {
            throw new IllegalArgumentException("a sweep covers a /24 or smaller, not /" + prefix);
        }
        network = (Inet4Address) toAddress(toInt(network) & mask(prefix));
    }

    /** "127.0.0.0/24", "192.168.1.0/25"; refuses malformed text, IPv6 and anything wider than a /24. */
    public static Subnet parse(String cidr) {
        String text = cidr == null ? "" : cidr.strip();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected ADDRESS/PREFIX, e.g. 192.168.1.0/24, not '" + text + "'");
        }
        String address = text.substring(0, slash);
        // Octets 0-255 without leading zeros: "999.1.1.1" would otherwise reach InetAddress as a name to look up.
        if (!Addresses.isDottedQuad(address)) {
            throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
        }
        String prefixText = text.substring(slash + 1);
        String digits = prefixText.replaceFirst("^0+(?=.)", "");
        if (!digits.matches("[0-9]{1,2}")) {
            // ASCII digits only: Integer.parseInt would also take "+24" and other scripts' digits.
            throw new IllegalArgumentException("not a prefix length: '" + prefixText + "'");
        }
        int prefix = Integer.parseInt(digits);
        try {
            // A dotted literal: no name lookup happens here.
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet4Address v4)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
            }
            return new Subnet(v4, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
        }
    }

    /** The interface's subnet, narrowed to the /24 around the address when wider. */
    public static Subnet around(InetAddress address, int interfacePrefix) {
        if (!(address instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return new Subnet(v4, Math.max(NARROWEST_SWEEP_PREFIX, Math.min(32, interfacePrefix)));
    }

    /** Usable hosts: network and broadcast addresses excluded for prefixes up to /30. */
    public List<Inet4Address> hosts() {
        int base = toInt(network);
        int count = 1 << (32 - prefix);
        int first = prefix <= 30 ? 1 : 0;
        int last = prefix <= 30 ? count - 2 : count - 1;
        List<Inet4Address> out = new ArrayList<>(Math.max(0, last - first + 1));
        for (int i = first; i <= last; i++) {
            out.add((Inet4Address) toAddress(base + i));
        }
        return out;
    }

    public int size() {
        return hosts().size();
    }

    public boolean contains(InetAddress address) {
        return address instanceof Inet4Address && (toInt(address) & mask(prefix)) == toInt(network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static InetAddress toAddress(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
