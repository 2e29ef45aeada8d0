package com.sourceful.commissioner.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Tolerant readers for JSON from peers we do not control: extra fields are ignored, a missing or
 * mistyped required field becomes a {@link JsonShapeException} naming the field.
 */
public final class Json {

    private Json() {
    }

    /** A body that is not the shape we rely on. */
    public static final class JsonShapeException extends RuntimeException {
        public JsonShapeException(String message) {
            super(message);
        }
    }

    public static JsonElement parse(String body) {
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException | IllegalStateException e) {
            throw new JsonShapeException("not valid JSON");
        }
    }

    public static JsonObject parseObject(String body) {
        JsonElement element = parse(body);
        if (!element.isJsonObject()) {
            throw new JsonShapeException("expected a JSON object");
        }
        return element.getAsJsonObject();
    }

    public static JsonObject object(JsonObject parent, String key) {
        return optObject(parent, key).orElseThrow(() -> new JsonShapeException("missing object '" + key + "'"));
    }

    public static Optional<JsonObject> optObject(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
    }

    public static Optional<JsonArray> optArray(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e != null && e.isJsonArray() ? Optional.of(e.getAsJsonArray()) : Optional.empty();
    }

    public static String string(JsonObject parent, String key) {
        return optString(parent, key).orElseThrow(() -> new JsonShapeException("missing text field '" + key + "'"));
    }

    public static Optional<String> optString(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            return Optional.empty();
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return Optional.of(p.getAsString());
    }

    public static OptionalDouble optNumber(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return OptionalDouble.empty();
        }
        double value = e.getAsDouble();
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    public static Optional<Boolean> optBoolean(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            return Optional.empty();
        }
        return Optional.of(e.getAsBoolean());
    }

    /** The elements of an array that are objects; anything else in it is skipped. */
    public static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : array) {
            if (e.isJsonObject()) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    /** A primitive as a plain Java value: Double, Boolean or String. */
    public static Object plain(JsonPrimitive p) {
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            return p.getAsDouble();
        }
        return p.getAsString();
    }
}
