package com.sourceful.commissioner.commissioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.sourceful.commissioner.http.Addresses;

/**
 * What a valid value is for each connection field, whatever the Zap's schema says about types: ranges, allowed
 * values, and conversion of typed text to the JSON value the Zap expects.
 */
public final class FieldRules {

    private FieldRules() {
    }

    /** A problem with a value: a message key of the UI bundle and its arguments. */
    public record Problem(String key, Object... args) {
    }

    /** A whole number as typed: ASCII digits, perhaps after a minus; no plus sign, no digits of other scripts. */
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final List<String> BAUD_RATES = List.of("1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200");

    /** Fixed choices; empty when the field is free text. */
    public static List<String> choices(String connectionType, String field) {
        return switch (field) {
            case "parity" -> "modbus_rtu".equals(connectionType) ? List.of("0", "1", "2") : List.of("none", "even", "odd");
            case "stop_bits" -> "p1_uart".equals(connectionType) ? List.of("1", "1.5", "2") : List.of("1", "2");
            case "data_bits" -> List.of("5", "6", "7", "8");
            case "baud_rate" -> BAUD_RATES;
            default -> List.of();
        };
    }

    private static final Map<String, int[]> RANGES = Map.of(
            "port", new int[] {1, 65535},
            "broker_port", new int[] {1, 65535},
            "unit_id", new int[] {0, 247});

    public static Optional<Problem> check(String connectionType, String field, String type, boolean required, String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return required ? Optional.of(new Problem("field.problem.required")) : Optional.empty();
        }
        List<String> choices = choices(connectionType, field);
        if (!choices.isEmpty() && !choices.contains(value)) {
            return Optional.of(new Problem("field.problem.choice", String.join(", ", choices)));
        }
        int[] range = RANGES.get(field);
        if (range != null || isNumeric(type)) {
            if (!WHOLE.matcher(value).matches()) {
                if (field.equals("stop_bits") && value.equals("1.5")) {
                    return Optional.empty();
                }
                return Optional.of(new Problem("field.problem.whole"));
            }
            boolean negative = value.startsWith("-");
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException tooManyDigits) {
                n = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            // Without a documented range a number must still fit the Integer the Zap is sent (toValue).
            int min = range != null ? range[0] : Integer.MIN_VALUE;
            int max = range != null ? range[1] : Integer.MAX_VALUE;
            if (n < min || n > max || (negative && min >= 0)) {
                return Optional.of(new Problem("field.problem.range", min, max));
            }
        }
        if ((field.equals("ip") || field.equals("broker_host")) && !Addresses.isHost(value)) {
            return Optional.of(new Problem("field.problem.host"));
        }
        return Optional.empty();
    }

    private static final Map<String, String> UNITS = Map.of("baud_rate", "bit/s");

    /**
     * Unit shown beside a field, e.g. {@code "baud_rate"} to {@code "bit/s"}; empty when none. Units are plain unit
     * symbols that need no translation, so they are not message keys. Ports, unit ids and bit counts have no unit.
     */
    public static Optional<String> unit(String field) {
        return Optional.ofNullable(field == null ? null : UNITS.get(field));
    }

    /** The JSON value for a valid text: Integer for numeric fields ({@code "1.5"} stop bits stays text), else String. */
    public static Object toValue(String type, String field, String text) {
        String value = text.strip();
        if (isNumeric(type) || RANGES.containsKey(field)) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if ("bool".equals(type) || "boolean".equals(type)) {
            return Boolean.parseBoolean(value);
        }
        return value;
    }

    /** The schema's default as text for a form field: {@code 502.0} shows as {@code 502}. */
    public static String defaultText(Object defaultValue) {
        if (defaultValue == null) {
            return "";
        }
        if (defaultValue instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return defaultValue.toString();
    }

    private static boolean isNumeric(String type) {
        return type != null && (type.startsWith("int") || type.equals("number") || type.equals("uint"));
    }
}
