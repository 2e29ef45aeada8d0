package com.sourceful.commissioner.http;

import static com.sourceful.commissioner.testsupport.Outcomes.valueOr;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.Json.JsonShapeException;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Props;

import org.junit.jupiter.api.Test;

/**
 * The tolerant JSON readers every parser is built on: any text is a value or a {@link JsonShapeException}; the
 * optional readers never throw on any object, whatever its members hold; the required ones throw only
 * JsonShapeException; numbers they give are finite; plain values are Double, Boolean or String.
 */
class JsonPropertyTest {

    static final List<String> DOCS = List.of(
            "{\"zap\":{\"deviceId\":\"zap-1\",\"network\":{\"rssi\":-61,\"wifiConnected\":true}},\"uptime_seconds\":3600}",
            "[{\"sn\":\"SG1\",\"ders\":[{\"type\":\"pv\",\"rated_power\":10200}]},\"x\",null]",
            "{\"error\":\"low memory\",\"free_heap\":48000}");

    static final List<String> KEYS = List.of("zap", "network", "rssi", "deviceId", "sn", "ders", "type", "error",
            "free_heap", "uptime_seconds", "wifiConnected", "v", "", "missing");

    @Test
    void anyTextIsAValueOrAShapeError() {
        Props.forAllStrings(1500, JsonFuzz.anything(DOCS), text -> {
            Optional<JsonElement> e = valueOr(JsonShapeException.class, () -> Json.parse(text));
            Optional<JsonObject> o = valueOr(JsonShapeException.class, () -> Json.parseObject(text));
            assertThat(o.isPresent()).isEqualTo(e.isPresent() && e.get().isJsonObject());
        });
    }

    @Test
    void readersOnAnyObjectNeverThrowUnchecked() {
        Props.forAllStrings(1500, JsonFuzz.anything(DOCS), text -> {
            Optional<JsonObject> parsed = valueOr(JsonShapeException.class, () -> Json.parseObject(text));
            if (parsed.isEmpty()) {
                return;
            }
            JsonObject o = parsed.get();
            for (String key : KEYS) {
                Json.optObject(o, key);
                Json.optArray(o, key).ifPresent(a -> Json.objects(a).forEach(x -> assertThat(x).isNotNull()));
                Json.optString(o, key).ifPresent(s -> assertThat(s).isNotNull());
                Json.optBoolean(o, key);
                OptionalDouble n = Json.optNumber(o, key);
                n.ifPresent(d -> assertThat(Double.isFinite(d)).as("%s is finite", Props.show(String.valueOf(d))).isTrue());
                valueOr(JsonShapeException.class, () -> Json.string(o, key));
                valueOr(JsonShapeException.class, () -> Json.object(o, key));
                JsonElement v = o.get(key);
                if (v != null && v.isJsonPrimitive()) {
                    Object plain = Json.plain(v.getAsJsonPrimitive());
                    assertThat(plain).isInstanceOfAny(Double.class, Boolean.class, String.class);
                }
            }
        });
    }
}
