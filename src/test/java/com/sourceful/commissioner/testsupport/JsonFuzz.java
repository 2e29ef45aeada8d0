package com.sourceful.commissioner.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.sourceful.commissioner.testsupport.Props.Gen;

/**
 * Random and mutated JSON for parser properties. Mutants start from real, valid documents and then lose, gain,
 * double, rename, retype, wrap and nest fields, take extreme values (huge and tiny numbers, "NaN", unicode, nulls),
 * and as text get cut, doubled, garbled or wrapped in an HTML page.
 */
public final class JsonFuzz {

    private JsonFuzz() {
    }

    /** Numbers as raw JSON text, kept exactly as written (gson keeps the text of a parsed number). */
    static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "0.5", "-0.0", "1e308", "1e309", "-1e400",
            "1e-400", "4.9e-324", "2147483647", "2147483648", "-2147483649", "9007199254740993",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890123456789", "1E+2", "31556889864403200", "1781000000123", "65535", "65536",
            "255", "256", "247", "248", "-61", "3.14159", "1.0", "100000000000000000000000000000000000000000000000000"
                    + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "000000000000000000000000000000000000000000000000000000000000000000000");

    /** Text values that other parsers trip over. */
    static final List<String> TEXTS = List.of("", " ", "NaN", "Infinity", "-Infinity", "null", "true", "false", "0",
            "-1", "1e400", "502", "１２３", "١٢٣", "ü", "\uD83D\uDE42", "\uD800", "\u0000", "\u202Eevil", "\u200B",
            "a\nb", "\"", "\\", "{}", "[]", "{\"a\":1}", "<html>", "zap-04772a97", "sit-abc", "dev-1", "der-1",
            "2026-01-01T00:00:00Z", "not-a-date", "http://127.0.0.1:8080/", "http://", "x".repeat(5000));

    /** A mutant of one of the documents. */
    public static Gen<String> mutants(List<String> documents) {
        return (r, size) -> {
            String doc = documents.get(r.nextInt(documents.size()));
            JsonElement root = JsonParser.parseString(doc);
            int structural = r.nextInt(1 + 1 + size / 12);
            for (int i = 0; i < structural; i++) {
                root = mutate(root, r, size);
            }
            String text = write(root, r, r.nextInt(4) == 0 ? 0.2 : 0.0);
            int textual = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
            for (int i = 0; i < textual; i++) {
                text = garble(text, r);
            }
            return text;
        };
    }

    /** Any JSON value, small or large, valid JSON text. */
    public static Gen<String> anyDocument() {
        return (r, size) -> write(value(r, 1 + size / 20), r, 0.05);
    }

    /** Text that is mostly not JSON: JSON-ish tokens and characters in random order. */
    public static Gen<String> garbage() {
        String[] tokens = {"{", "}", "[", "]", "\"", ":", ",", "0", "1", "-", ".", "e", "true", "false", "null", "NaN",
                "\"a\"", "\"zap\"", "\"sn\"", " ", "\n", "/*", "*/", "//", "'", "\\", "\\u", "ü", "\uD800", "<", ">",
                "\uFEFF", "Infinity", "1e999"};
        return (r, size) -> {
            int n = r.nextInt(0, 2 + size);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(tokens[r.nextInt(tokens.length)]);
            }
            return b.toString();
        };
    }

    /** The documents, each valid, plus mutants and garbage: everything a parser can be handed. */
    public static Gen<String> anything(List<String> documents) {
        Gen<String> m = mutants(documents);
        Gen<String> any = anyDocument();
        Gen<String> g = garbage();
        return (r, size) -> switch (r.nextInt(20)) {
            case 0 -> documents.get(r.nextInt(documents.size()));
            case 1, 2 -> any.next(r, size);
            case 3, 4 -> g.next(r, size);
            default -> m.next(r, size);
        };
    }

    // ---- values ---------------------------------------------------------------------------------------------

    public static JsonElement value(RandomGenerator r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 6 : 8);
        switch (kind) {
            case 0:
                return JsonNull.INSTANCE;
            case 1:
                return new JsonPrimitive(r.nextBoolean());
            case 2:
                return number(r);
            case 3:
            case 4:
                return new JsonPrimitive(text(r));
            case 5:
                return new JsonPrimitive(r.nextInt(-1000, 100000));
            case 6: {
                JsonArray a = new JsonArray();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(value(r, depth - 1));
                }
                return a;
            }
            default: {
                JsonObject o = new JsonObject();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.add(key(r), value(r, depth - 1));
                }
                return o;
            }
        }
    }

    static JsonPrimitive number(RandomGenerator r) {
        return new JsonPrimitive(new LazilyParsedNumber(NUMBERS.get(r.nextInt(NUMBERS.size()))));
    }

    static String text(RandomGenerator r) {
        return r.nextInt(3) == 0 ? Gens.anyText(40).next(r, 50) : TEXTS.get(r.nextInt(TEXTS.size()));
    }

    /** Keys the parsers look for, near misses of them, and strangers. */
    static String key(RandomGenerator r) {
        String[] keys = {"zap", "network", "rssi", "deviceId", "firmwareVersion", "serialNumber", "sn", "serial_number",
                "devices", "ders", "type", "enabled", "rated_power", "capacity", "connected", "last_harvest",
                "connection_types", "parameters", "name", "default", "required", "profile", "display_name", "W",
                "timestamp", "format", "error", "message", "field", "device_id", "id", "sites", "data", "token",
                "challenge", "identity_id", "created", "exp", "zaps", "serial", "lastAddress", "lastSeen", "state",
                "request", "", " ", "Zap", "SN", "sn ", "ü", "__proto__", "constructor", "\u0000"};
        return keys[r.nextInt(keys.length)];
    }

    // ---- structural mutations -------------------------------------------------------------------------------

    private record Slot(JsonElement parent, String key, int index) {
    }

    private static void slots(JsonElement e, List<Slot> out) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                out.add(new Slot(e, m.getKey(), -1));
                slots(m.getValue(), out);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(e, null, i));
                slots(a.get(i), out);
            }
        }
    }

    private static JsonElement get(Slot s) {
        return s.key != null ? s.parent.getAsJsonObject().get(s.key) : s.parent.getAsJsonArray().get(s.index);
    }

    private static void set(Slot s, JsonElement v) {
        if (s.key != null) {
            s.parent.getAsJsonObject().add(s.key, v);
        } else {
            s.parent.getAsJsonArray().set(s.index, v);
        }
    }

    private static void remove(Slot s) {
        if (s.key != null) {
            s.parent.getAsJsonObject().remove(s.key);
        } else {
            s.parent.getAsJsonArray().remove(s.index);
        }
    }

    /** One structural change somewhere in the tree (the root itself may be replaced). */
    static JsonElement mutate(JsonElement root, RandomGenerator r, int size) {
        List<Slot> all = new ArrayList<>();
        slots(root, all);
        if (all.isEmpty() || r.nextInt(25) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> value(r, 2);
                case 1 -> wrapArray(root);
                case 2 -> nest(root, r, size);
                default -> new JsonObject();
            };
        }
        Slot s = all.get(r.nextInt(all.size()));
        JsonElement v = get(s);
        switch (r.nextInt(12)) {
            case 0, 1 -> remove(s);
            case 2 -> set(s, value(r, 2));
            case 3 -> set(s, JsonNull.INSTANCE);
            case 4 -> set(s, retype(v, r));
            case 5 -> set(s, wrapArray(v));
            case 6 -> {
                JsonObject o = new JsonObject();
                o.add(key(r), v);
                set(s, o);
            }
            case 7 -> set(s, unwrap(v, r));
            case 8 -> set(s, nest(v, r, size));
            case 9 -> {
                if (s.key != null) {
                    JsonObject p = s.parent.getAsJsonObject();
                    p.remove(s.key);
                    p.add(rename(s.key, r), v);
                } else {
                    s.parent.getAsJsonArray().add(v.deepCopy());
                }
            }
            case 10 -> set(s, number(r));
            default -> {
                // a value from elsewhere in the document, of whatever type it has
                JsonElement other = get(all.get(r.nextInt(all.size())));
                set(s, other.isJsonPrimitive() || other.toString().length() < 2000 ? other.deepCopy() : JsonNull.INSTANCE);
            }
        }
        return root;
    }

    private static JsonElement wrapArray(JsonElement v) {
        JsonArray a = new JsonArray();
        a.add(v);
        return a;
    }

    private static JsonElement unwrap(JsonElement v, RandomGenerator r) {
        if (v.isJsonArray() && !v.getAsJsonArray().isEmpty()) {
            JsonArray a = v.getAsJsonArray();
            return a.get(r.nextInt(a.size()));
        }
        if (v.isJsonObject() && !v.getAsJsonObject().isEmpty()) {
            List<JsonElement> values = new ArrayList<>();
            v.getAsJsonObject().entrySet().forEach(e -> values.add(e.getValue()));
            return values.get(r.nextInt(values.size()));
        }
        return new JsonArray();
    }

    /** The same value as another type: 502 as "502", "true" as true, an object as its text, … */
    private static JsonElement retype(JsonElement v, RandomGenerator r) {
        if (v.isJsonPrimitive()) {
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (p.isNumber() || p.isBoolean()) {
                return new JsonPrimitive(p.getAsString());
            }
            String s = p.getAsString();
            if (s.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                return new JsonPrimitive(new LazilyParsedNumber(s));
            }
            if (s.equals("true") || s.equals("false")) {
                return new JsonPrimitive(Boolean.parseBoolean(s));
            }
            return r.nextBoolean() ? new JsonPrimitive(s.length()) : new JsonPrimitive(!s.isEmpty());
        }
        return new JsonPrimitive(v.toString());
    }

    private static JsonElement nest(JsonElement v, RandomGenerator r, int size) {
        // Past 255 levels gson refuses the document: both sides of that limit are worth a try.
        int depth = r.nextInt(6) == 0 ? 250 + r.nextInt(20) : 1 + r.nextInt(1 + size / 5);
        JsonElement out = v;
        for (int i = 0; i < depth; i++) {
            if (r.nextBoolean()) {
                out = wrapArray(out);
            } else {
                JsonObject o = new JsonObject();
                o.add("v", out);
                out = o;
            }
        }
        return out;
    }

    private static String rename(String key, RandomGenerator r) {
        return switch (r.nextInt(6)) {
            case 0 -> key.toUpperCase(Locale.ROOT);
            case 1 -> key + " ";
            case 2 -> "";
            case 3 -> key.replace('s', '\u0455'); // Cyrillic s
            case 4 -> key(r);
            default -> key + "_";
        };
    }

    // ---- writing and textual damage -------------------------------------------------------------------------

    /** JSON text; numbers keep their exact text; {@code duplicates} is the chance that a member is written twice. */
    public static String write(JsonElement e, RandomGenerator r, double duplicates) {
        StringBuilder b = new StringBuilder();
        write(e, r, duplicates, b);
        return b.toString();
    }

    private static void write(JsonElement e, RandomGenerator r, double duplicates, StringBuilder b) {
        if (e.isJsonNull()) {
            b.append("null");
        } else if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isString()) {
                quote(p.getAsString(), b);
            } else {
                b.append(p.getAsString());
            }
        } else if (e.isJsonArray()) {
            b.append('[');
            boolean first = true;
            for (JsonElement x : e.getAsJsonArray()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(x, r, duplicates, b);
            }
            b.append(']');
        } else {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                int times = duplicates > 0 && r.nextDouble() < duplicates ? 2 : 1;
                for (int t = 0; t < times; t++) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    quote(m.getKey(), b);
                    b.append(':');
                    write(t == 0 ? m.getValue() : value(r, 1), r, duplicates, b);
                }
            }
            b.append('}');
        }
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    /** One textual accident: cut short, a piece lost or doubled, garbage inserted, quotes swapped, a page around it. */
    static String garble(String s, RandomGenerator r) {
        int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        int to = Math.min(s.length(), at + r.nextInt(1, 20));
        return switch (r.nextInt(11)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(0, at) + s.substring(to);
            case 2 -> s.substring(0, at) + s.substring(at, to) + s.substring(at);
            case 3 -> s.substring(0, at) + garbage().next(r, 10) + s.substring(at);
            case 4 -> s.replace('"', '\'');
            case 5 -> "\uFEFF" + s;
            case 6 -> "<html><body>" + s + "</body></html>";
            case 7 -> s + (r.nextBoolean() ? "}" : ",");
            case 8 -> s.replaceFirst("\"(\\w+)\":", "$1:");
            case 9 -> s.isEmpty() ? s : s.substring(0, Math.min(at, s.length() - 1)) + "\u0000"
                    + s.substring(Math.min(at, s.length() - 1) + 1);
            default -> s + " " + s;
        };
    }
}
