package com.sourceful.commissioner.sim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a connection config for {@code POST /api/devices} and normalises it (defaults applied), following the
 * connection-config table of zap-local-api.md and the schema served on {@code GET /api/devices/types}.
 */
final class ZapConfigValidator {

    static final Set<Integer> BAUD_RATES = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    /** A 400 answer: message plus the offending field (null when the whole body is wrong). */
    static final class Invalid extends Exception {
        final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** A validated config: the profile, the saved config, and the endpoint identity used for 409. */
    record Valid(ZapProfile profile, JsonObject config, String identity, String endpointHost, String endpointDescription) {
    }

    private ZapConfigValidator() {
    }

    static Valid validate(JsonObject body) throws Invalid {
        String type = requiredString(body, "type");
        return switch (type) {
            case "modbus_tcp" -> modbusTcp(body);
            case "modbus_rtu" -> modbusRtu(body);
            case "p1_uart" -> p1Uart(body);
            case "mqtt" -> mqtt(body);
            default -> throw new Invalid("type", "unknown connection type '" + type
                    + "' (supported: modbus_tcp, modbus_rtu, p1_uart, mqtt)");
        };
    }

    private static Valid modbusTcp(JsonObject b) throws Invalid {
        ZapProfile p = profile(b, "modbus_tcp", null);
        String ip = requiredString(b, "ip");
        if (!isValidHost(ip)) {
            throw new Invalid("ip", "ip must be an IPv4 address or a host name, got '" + ip + "'");
        }
        int port = integer(b, "port", 502, 1, 65535);
        int unit = integer(b, "unit_id", 1, 0, 247);
        JsonObject c = base("modbus_tcp", p);
        c.addProperty("ip", ip);
        c.addProperty("port", port);
        c.addProperty("unit_id", unit);
        return new Valid(p, c, "modbus_tcp|" + ip.toLowerCase(Locale.ROOT) + "|" + port + "|" + unit, ip,
                ip + ":" + port + " (unit " + unit + ")");
    }

    private static Valid modbusRtu(JsonObject b) throws Invalid {
        ZapProfile p = profile(b, "modbus_rtu", null);
        int baud = baudRate(b, 9600);
        int unit = integer(b, "unit_id", 1, 0, 247);
        int parity = integer(b, "parity", 0, 0, 2, "parity must be 0 (none), 1 (odd) or 2 (even)");
        int dataBits = integer(b, "data_bits", 8, 5, 8);
        JsonElement stop = stopBits(b);
        JsonObject c = base("modbus_rtu", p);
        c.addProperty("baud_rate", baud);
        c.addProperty("unit_id", unit);
        c.addProperty("parity", parity);
        c.addProperty("data_bits", dataBits);
        c.add("stop_bits", stop);
        return new Valid(p, c, "modbus_rtu|" + unit, null, "RS485 unit " + unit);
    }

    private static Valid p1Uart(JsonObject b) throws Invalid {
        ZapProfile p = profile(b, "p1_uart", "p1_meter");
        String manufacturer = optionalString(b, "manufacturer");
        int baud = baudRate(b, 115200);
        int dataBits = integer(b, "data_bits", 8, 5, 8);
        String parity = "none";
        if (present(b, "parity")) {
            parity = requiredString(b, "parity");
            if (!Set.of("none", "even", "odd").contains(parity)) {
                throw new Invalid("parity", "parity must be \"none\", \"even\" or \"odd\", got '" + parity + "'");
            }
        }
        JsonElement stop = stopBits(b);
        JsonObject c = base("p1_uart", p);
        if (manufacturer != null) {
            c.addProperty("manufacturer", manufacturer);
        }
        c.addProperty("baud_rate", baud);
        c.addProperty("data_bits", dataBits);
        c.addProperty("parity", parity);
        c.add("stop_bits", stop);
        // One UART per Zap: at most one P1 meter.
        return new Valid(p, c, "p1_uart", null, "P1 port");
    }

    private static Valid mqtt(JsonObject b) throws Invalid {
        ZapProfile p = profile(b, "mqtt", null);
        String host = requiredString(b, "broker_host");
        if (!isValidHost(host)) {
            throw new Invalid("broker_host", "broker_host must be an IPv4 address or a host name, got '" + host + "'");
        }
        int port = integer(b, "broker_port", 1883, 1, 65535);
        String user = optionalString(b, "username");
        String password = optionalString(b, "password");
        String clientId = optionalString(b, "client_id");
        JsonObject c = base("mqtt", p);
        c.addProperty("broker_host", host);
        c.addProperty("broker_port", port);
        if (user != null) {
            c.addProperty("username", user);
        }
        if (password != null) {
            c.addProperty("password", password);
        }
        if (clientId != null) {
            c.addProperty("client_id", clientId);
        }
        return new Valid(p, c, "mqtt|" + host.toLowerCase(Locale.ROOT) + "|" + port + "|" + p.id(), host,
                "MQTT broker " + host + ":" + port);
    }

    // ------------------------------------------------------------------ pieces

    private static JsonObject base(String type, ZapProfile p) {
        JsonObject c = new JsonObject();
        c.addProperty("type", type);
        c.addProperty("profile", p.id());
        return c;
    }

    private static ZapProfile profile(JsonObject b, String connectionType, String defaultProfile) throws Invalid {
        String id;
        if (!present(b, "profile") && defaultProfile != null) {
            id = defaultProfile;
        } else {
            id = requiredString(b, "profile");
        }
        ZapProfile p = ZapProfile.byId(id).orElseThrow(() -> new Invalid("profile",
                "unknown profile '" + id + "' (see GET /api/devices/supported)"));
        if (!p.connectionTypes().contains(connectionType)) {
            throw new Invalid("profile", "profile '" + id + "' does not support connection type '" + connectionType
                    + "' (supported: " + String.join(", ", p.connectionTypes()) + ")");
        }
        return p;
    }

    private static int baudRate(JsonObject b, int def) throws Invalid {
        int baud = integer(b, "baud_rate", def, 1, Integer.MAX_VALUE);
        if (!BAUD_RATES.contains(baud)) {
            throw new Invalid("baud_rate", "baud_rate must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200; got " + baud);
        }
        return baud;
    }

    private static JsonElement stopBits(JsonObject b) throws Invalid {
        if (!present(b, "stop_bits")) {
            return new JsonPrimitive(1);
        }
        JsonElement e = b.get("stop_bits");
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) {
                BigDecimal d = p.getAsBigDecimal();
                if (d.compareTo(BigDecimal.ONE) == 0) {
                    return new JsonPrimitive(1);
                }
                if (d.compareTo(BigDecimal.valueOf(2)) == 0) {
                    return new JsonPrimitive(2);
                }
            } else if (p.isString() && p.getAsString().equals("1.5")) {
                return new JsonPrimitive("1.5");
            }
        }
        throw new Invalid("stop_bits", "stop_bits must be 1, 2 or \"1.5\", got " + e);
    }

    static boolean present(JsonObject b, String name) {
        return b.has(name) && !b.get(name).isJsonNull();
    }

    private static String requiredString(JsonObject b, String name) throws Invalid {
        if (!present(b, name)) {
            throw new Invalid(name, name + " is required");
        }
        String s = optionalString(b, name);
        if (s == null || s.isBlank()) {
            throw new Invalid(name, name + " must not be blank");
        }
        return s.trim();
    }

    private static String optionalString(JsonObject b, String name) throws Invalid {
        if (!present(b, name)) {
            return null;
        }
        JsonElement e = b.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Invalid(name, name + " must be a string");
        }
        return e.getAsString();
    }

    private static int integer(JsonObject b, String name, int def, int min, int max) throws Invalid {
        return integer(b, name, def, min, max, name + " must be between " + min + " and " + max);
    }

    private static int integer(JsonObject b, String name, int def, int min, int max, String rangeMessage) throws Invalid {
        if (!present(b, name)) {
            return def;
        }
        JsonElement e = b.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new Invalid(name, name + " must be an integer");
        }
        BigDecimal d;
        try {
            d = e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            throw new Invalid(name, name + " must be an integer");
        }
        if (d.stripTrailingZeros().scale() > 0) {
            throw new Invalid(name, name + " must be an integer");
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new Invalid(name, rangeMessage + ", got " + d.toPlainString());
        }
        return d.intValueExact();
    }

    /** An IPv4 dotted quad, or an RFC 1123 host name (labels of letters, digits and hyphens). */
    static boolean isValidHost(String s) {
        if (s == null || s.isEmpty() || s.length() > 253) {
            return false;
        }
        if (DIGITS_AND_DOTS.matcher(s).matches()) {
            return parseIpv4(s) != null;
        }
        String[] labels = s.split("\\.", -1);
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** Octets of a dotted-quad IPv4 address (no leading zeros), or null. */
    static int[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            o[i] = Integer.parseInt(p);
            if (o[i] > 255) {
                return null;
            }
        }
        return o;
    }

    /**
     * The simulator's documented "does not answer" rule: an address in an RFC 5737 documentation range
     * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) never answers. Decided from the text only; no connection
     * is ever attempted.
     */
    static boolean neverAnswers(String host) {
        int[] o = host == null ? null : parseIpv4(host);
        if (o == null) {
            return false;
        }
        return (o[0] == 192 && o[1] == 0 && o[2] == 2)
                || (o[0] == 198 && o[1] == 51 && o[2] == 100)
                || (o[0] == 203 && o[1] == 0 && o[2] == 113);
    }
}
