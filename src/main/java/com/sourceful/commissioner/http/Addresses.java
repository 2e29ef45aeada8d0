package com.sourceful.commissioner.http;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What the app accepts as a network address wherever one is typed or read back (a Zap's address, a Modbus or MQTT
 * host, a Novacore URL, a subnet): checked as text, so nothing is ever looked up.
 *
 * <ul>
 * <li>An IPv4 address is four decimal octets 0–255 <em>without leading zeros</em>: "010.0.0.1" is 10.0.0.1 to Java
 * but 8.0.0.1 to {@code inet_aton} (and so to the Zap's ESP32), so it is refused as ambiguous.</li>
 * <li>A host name follows RFC 1123: labels of ASCII letters, digits and hyphens, 1–63 characters, not starting or
 * ending with a hyphen, at most 253 characters (plus an optional trailing dot). Its last label is not a number
 * (all digits, or {@code 0x} and hex digits): "0x7f.0.0.1" or "a.1" would be read as an IPv4 address by
 * {@code inet_aton} and by browsers (RFC 3696 §2; the WHATWG URL "ends in a number" rule).</li>
 * <li>A port is 1–65535, written in ASCII digits (leading zeros do not change a decimal number and are allowed).</li>
 * </ul>
 */
public final class Addresses {

    private Addresses() {
    }

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(^|.*\\.)([0-9]+|0[xX][0-9A-Fa-f]*)\\.?");
    private static final Pattern PORT = Pattern.compile("[0-9]+");

    /** An IPv4 address in canonical dotted-decimal form, e.g. {@code 192.168.1.20}. */
    public static boolean isDottedQuad(String text) {
        return text != null && DOTTED_QUAD.matcher(text).matches();
    }

    /** An RFC 1123 host name whose last label is not a number, e.g. {@code zap.local} or {@code energyhub.}. */
    public static boolean isHostName(String text) {
        return text != null && HOST_NAME.matcher(text).matches() && !NUMERIC_LAST_LABEL.matcher(text).matches();
    }

    /** An IPv4 address or a host name. */
    public static boolean isHost(String text) {
        return isDottedQuad(text) || isHostName(text);
    }

    /** A port typed as text: ASCII digits only (no sign, no other script's digits), 1–65535. */
    public static boolean isPort(String text) {
        if (text == null || !PORT.matcher(text).matches()) {
            return false;
        }
        String digits = text.replaceFirst("^0+(?=.)", ""); // leading zeros do not change a decimal port
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
    }

    /**
     * Refuses a URL whose authority is not {@code host[:port]}: no host, user info (a URL with it cannot be sent,
     * and {@code http://127.0.0.1@elsewhere} is not where it seems), a host that is neither an IPv4 address, a host
     * name nor a bracketed IPv6 literal, or a port outside 1–65535.
     *
     * @throws IllegalArgumentException saying which of these is wrong
     */
    public static void checkAuthority(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("the address has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the address must not contain a user name (user@host)");
        }
        if (!host.startsWith("[") && !isHost(host)) {
            throw new IllegalArgumentException("'" + host + "' is not an IPv4 address or host name");
        }
        int port = uri.getPort();
        if (port != -1 && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("the port must be 1-65535, not " + port);
        }
    }
}
