package com.sourceful.commissioner.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import com.sourceful.commissioner.testsupport.Props.Gen;

/**
 * What a valid address, port and unit id are, written down independently of the app's validators (character by
 * character, no regular expressions shared with production code), plus generators of valid ones and near misses.
 *
 * <ul>
 * <li>Port: ASCII digits only (no sign, no other script's digits), value 1–65535. Leading zeros are harmless in
 * a decimal port ("0502" is 502) and allowed.</li>
 * <li>IPv4: exactly four dot-separated decimal octets 0–255, ASCII digits, <b>no leading zeros</b>: "010.0.0.1"
 * is 10.0.0.1 to Java but 8.0.0.1 to inet_aton (the ESP32's lwIP reads a leading 0 as octal), so it is ambiguous.</li>
 * <li>Host name (RFC 1123 §2.1, RFC 3696 §2): labels of ASCII letters, digits and hyphens, 1–63 characters, not
 * starting or ending with a hyphen; at most 253 characters without the one trailing dot an absolute name may have;
 * the last label is not all digits and not {@code 0x…} (such a name "ends in a number" and is read as an IPv4
 * address by inet_aton and by the WHATWG URL rules).</li>
 * </ul>
 */
public final class AddressOracle {

    private AddressOracle() {
    }

    static boolean asciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A whole number of ASCII digits within [min, max]; leading zeros allowed. */
    public static boolean isNumberIn(String s, long min, long max) {
        if (!asciiDigits(s)) {
            return false;
        }
        String t = s.replaceFirst("^0+(?=.)", "");
        if (t.length() > 18) {
            return false;
        }
        long v = Long.parseLong(t);
        return v >= min && v <= max;
    }

    public static boolean isPort(String s) {
        return isNumberIn(s, 1, 65535);
    }

    public static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!asciiDigits(p) || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isHostName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63 || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-') {
                return false;
            }
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
            }
        }
        String last = labels[labels.length - 1];
        boolean numeric = asciiDigits(last);
        boolean hex = (last.startsWith("0x") || last.startsWith("0X")) && last.substring(2).chars()
                .allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
        return !numeric && !hex;
    }

    /** An IPv4 address or a host name (what the Zap takes for a Modbus {@code ip} or an MQTT {@code broker_host}). */
    public static boolean isHost(String s) {
        return isDottedQuad(s) || isHostName(s);
    }

    /** {@code [IPv6]} in URL form; the text between the brackets is checked by the JDK, literals only (no lookup). */
    public static boolean isBracketedIpv6(String s) {
        if (s.length() < 4 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            return false;
        }
        String inner = s.substring(1, s.length() - 1);
        int zone = inner.indexOf('%');
        if (zone >= 0) {
            // A zone (scope) such as %eth0 or %3: RFC 6874's unreserved characters, as Java accepts them in URLs.
            String z = inner.substring(zone + 1);
            if (z.isEmpty() || !z.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0))) {
                return false;
            }
            inner = inner.substring(0, zone);
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (!(Character.digit(c, 16) >= 0 && c < 128) && c != ':' && c != '.') {
                return false;
            }
        }
        if (!inner.contains(":")) {
            return false;
        }
        try {
            // Only hex digits, colons and dots: a literal, never a name lookup.
            InetAddress.getByName(inner);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** 127.x.y.z, localhost, or an IPv6 loopback literal in brackets. */
    public static boolean isLoopbackHost(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (isDottedQuad(host)) {
            return host.startsWith("127.");
        }
        if (isBracketedIpv6(host)) {
            try {
                return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The parts of {@code [scheme://]host[:port][/rest]}; null when the text does not have that form (user info, two
     * colons outside brackets, an empty host).
     */
    public record Parts(String scheme, String host, String port, String rest) {
    }

    public static Parts split(String text) {
        String s = text;
        String scheme = null;
        int sep = s.indexOf("://");
        if (sep >= 0) {
            scheme = s.substring(0, sep);
            s = s.substring(sep + 3);
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = s.substring(0, end);
        String rest = s.substring(end);
        if (authority.contains("@") || authority.isEmpty()) {
            return null;
        }
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return null;
                }
                port = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && colon != authority.lastIndexOf(':')) {
                return null;
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        return new Parts(scheme, host, port, rest);
    }

    /**
     * A host in a URL: an IPv4 address, a bracketed IPv6 literal, or a host name whose last label, when it has more
     * than one, starts with a letter. That last rule is RFC 2396's "toplabel", which java.net.URI (and so the app's
     * HTTP client) enforces: a name like "a.0a" is valid RFC 1123 but cannot be put in a URL here.
     */
    public static boolean isUrlHost(String host) {
        if (isDottedQuad(host) || isBracketedIpv6(host)) {
            return true;
        }
        if (!isHostName(host)) {
            return false;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        int dot = name.lastIndexOf('.');
        char first = name.charAt(dot + 1);
        return dot < 0 || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    }

    /** A valid Zap address as typed: optional {@code http://}, a host, an optional port (may be empty: default). */
    public static boolean isZapAddress(String typed) {
        Parts p = split(typed.strip());
        if (p == null) {
            return false;
        }
        boolean schemeOk = p.scheme == null || p.scheme.equalsIgnoreCase("http");
        boolean hostOk = isUrlHost(p.host);
        boolean portOk = p.port == null || p.port.isEmpty() || isPort(p.port);
        return schemeOk && hostOk && portOk && isUriRest(p.rest);
    }

    /**
     * A path, query and fragment that a URI may hold (RFC 3986 characters and %HH escapes; like java.net.URI, also
     * non-ASCII characters that are neither spaces nor controls). The app drops this part; it only has to be legal.
     */
    public static boolean isUriRest(String rest) {
        String legal = "-._~!$&'()*+,;=:@/?";
        boolean fragment = false;
        boolean query = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            query |= c == '?';
            if ((c == '[' || c == ']') && (query || fragment)) {
                continue; // java.net.URI allows them there (RFC 2732)
            }
            if (c == '#') {
                if (fragment) {
                    return false;
                }
                fragment = true;
            } else if (c == '%') {
                if (i + 2 >= rest.length() || Character.digit(rest.charAt(i + 1), 16) < 0 || rest.charAt(i + 1) > 127
                        || Character.digit(rest.charAt(i + 2), 16) < 0 || rest.charAt(i + 2) > 127) {
                    return false;
                }
                i += 2;
            } else if (c < 128) {
                if (!Character.isLetterOrDigit(c) && legal.indexOf(c) < 0) {
                    return false;
                }
            } else if (Character.isSpaceChar(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    // ---- generators -------------------------------------------------------------------------------------------

    public static Gen<String> dottedQuads() {
        return (r, size) -> r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    public static Gen<String> hostNames() {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        String inner = first + "-";
        return (r, size) -> {
            int labels = 1 + r.nextInt(r.nextInt(8) == 0 ? 6 : 3);
            boolean long1 = r.nextInt(12) == 0;
            StringBuilder b = new StringBuilder();
            for (int l = 0; l < labels; l++) {
                if (l > 0) {
                    b.append('.');
                }
                int len = long1 ? 60 + r.nextInt(5) : 1 + r.nextInt(12);
                for (int i = 0; i < len; i++) {
                    boolean edge = i == 0 || i == len - 1;
                    String from = edge ? first : inner;
                    b.append(from.charAt(r.nextInt(from.length())));
                }
            }
            if (r.nextBoolean()) {
                b.append(List.of(".local", ".lan", ".home.arpa", ".example.com").get(r.nextInt(4)));
            }
            if (r.nextInt(10) == 0) {
                b.append('.');
            }
            return b.toString();
        };
    }

    public static Gen<String> hosts() {
        return Gens.oneOf(dottedQuads(), hostNames(), Gens.constant("localhost", "zap.local", "127.0.0.1",
                "0.0.0.0", "255.255.255.255", "a1", "energyhub.", "se-inverter.home.arpa", "x.0x", "1a", "0xg"));
    }

    public static Gen<String> ports() {
        return Gens.oneOf(Gens.ints(1, 65535).map(String::valueOf), Gens.constant("1", "80", "502", "1502", "1883",
                "8080", "65535", "0080"));
    }

    /** Addresses as typed: host, host:port, http://host:port/path, [IPv6]:port. */
    public static Gen<String> typedZapAddresses() {
        Gen<String> hosts = Gens.oneOf(hosts(), Gens.constant("[::1]", "[fe80::1]", "[::ffff:127.0.0.1]"));
        Gen<String> ports = ports();
        return (r, size) -> {
            String s = hosts.next(r, size);
            if (r.nextBoolean()) {
                s += ":" + ports.next(r, size);
            }
            switch (r.nextInt(6)) {
                case 0 -> s = "http://" + s;
                case 1 -> s = "HTTP://" + s + "/";
                case 2 -> s = "http://" + s + "/api/system";
                default -> { }
            }
            return s;
        };
    }

    /** Typed Zap addresses, near misses of them, and other text. */
    public static Gen<String> zapAddressInputs() {
        Gen<String> valid = typedZapAddresses();
        return Gens.oneOf(valid, valid, Gens.nearMiss(valid), Gens.nearMiss(valid), Gens.anyText(30),
                Gens.constant("127.0.0.1:70000", "127.0.0.1:0", "127.0.0.1:-1", "127.0.0.1:+80", "127.0.0.1:٨٠",
                        "ftp://127.0.0.1", "https://127.0.0.1", "file:///etc/passwd", "http://u@127.0.0.1:8080",
                        "http://u:p@zap.local", "01.2.3.4", "127.0.0.01", "0x7f.0.0.1", "127.1", "1.2.3.4.",
                        "zap.local:", "zap.local:99999999999", "http://", "", " ", "[::1", "::1", "[::1]:80",
                        "zap.local:80:80", "zap local", "zap.local/api?x#y", "//zap.local", "http:/zap.local"));
    }
}
