package com.sourceful.commissioner.preflight;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import com.sourceful.commissioner.zap.DeviceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Laptop-side checks before {@code POST /api/devices}: can the laptop reach the device, and does it answer? The
 * preflight advises; the Zap decides (the Zap may reach what the laptop cannot, and the other way round).
 *
 * <ul>
 *   <li>{@code modbus_tcp} ({@code ip}, {@code port} 502, {@code unit_id} 1): {@link ModbusTcpProbe}, one read of
 *       holding register 0.</li>
 *   <li>{@code mqtt} ({@code broker_host}, {@code broker_port} 1883, {@code username}, {@code password},
 *       {@code client_id}): {@link MqttProbe}, one CONNECT and DISCONNECT.</li>
 *   <li>{@code modbus_rtu}, {@code p1_uart}: wired to the Zap itself, {@code NOT_APPLICABLE/WIRED_TO_ZAP}.</li>
 *   <li>any other type: not checked; also {@code NOT_APPLICABLE/WIRED_TO_ZAP} (the contract has no other
 *       "not checked" reason), with detail "no laptop check for type X".</li>
 * </ul>
 */
public final class Preflight {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private Preflight() {
    }

    /**
     * Blocking; never throws for network problems; dispatches on config.type(). Connect, ask once, disconnect at once.
     *
     * @throws IllegalArgumentException when the config itself is unusable (no ip/broker_host, a port outside
     *                                  1..65535, a unit id outside 0..255, a number that is not one): the form's
     *                                  field rules catch these before a preflight
     */
    public static PreflightResult check(DeviceConfig config, Duration timeout) {
        Objects.requireNonNull(config, "config");
        Duration t = timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
        Map<String, Object> f = config.fields();
        String type = config.type();
        return switch (type == null ? "" : type) {
            case "modbus_tcp" -> ModbusTcpProbe.probe(host(f, "ip"), integer(f, "port", 502, 1, 65535),
                    integer(f, "unit_id", 1, 0, 255), t);
            case "mqtt" -> MqttProbe.probe(host(f, "broker_host"), integer(f, "broker_port", 1883, 1, 65535),
                    text(f, "username"), text(f, "password"), text(f, "client_id"), t);
            case "modbus_rtu", "p1_uart" -> notApplicable(type + " is wired to the Zap itself: no laptop check");
            default -> notApplicable("no laptop check for type " + type);
        };
    }

    private static PreflightResult notApplicable(String detail) {
        return new PreflightResult(Outcome.NOT_APPLICABLE, Reason.WIRED_TO_ZAP, "", OptionalInt.empty(), detail);
    }

    private static String host(Map<String, Object> fields, String name) {
        String host = text(fields, name);
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no " + name + " to check");
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        // never trim a password: spaces may be part of it
        return "password".equals(name) ? value.toString() : value.toString().trim();
    }

    private static int integer(Map<String, Object> fields, String name, int fallback, int min, int max) {
        Object value = fields.get(name);
        int n;
        if (value == null || (value instanceof String s && s.isBlank())) {
            n = fallback;
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException(name + " " + value + " is not a whole number");
            }
            n = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, d));
        } else {
            try {
                n = Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " \"" + value + "\" is not a number");
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " " + n + " is not " + min + ".." + max);
        }
        return n;
    }
}
