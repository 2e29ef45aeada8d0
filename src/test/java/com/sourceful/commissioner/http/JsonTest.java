package com.sourceful.commissioner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parseRefusesWhatIsNotJsonOrNotAnObject() {
        assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(Json.JsonShapeException.class)
                .hasMessage("not valid JSON");
        assertThatThrownBy(() -> Json.parse("{} trailing")).isInstanceOf(Json.JsonShapeException.class);
        assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(Json.JsonShapeException.class)
                .hasMessage("expected a JSON object");
        assertThatThrownBy(() -> Json.parseObject("")).isInstanceOf(Json.JsonShapeException.class);
        assertThatThrownBy(() -> Json.parseObject("<html></html>")).isInstanceOf(Json.JsonShapeException.class);
    }

    @Test
    void readersAreTolerantAndNameMissingFields() {
        JsonObject o = Json.parseObject("{\"s\":\"x\",\"n\":12.5,\"b\":true,\"o\":{\"k\":1},\"a\":[1,{\"k\":2},\"t\",{\"k\":3}],"
                + "\"nul\":null,\"ns\":\"12\",\"bs\":\"true\",\"nan\":NaN}");
        assertThat(Json.string(o, "s")).isEqualTo("x");
        assertThat(Json.optString(o, "n")).hasValue("12.5");
        assertThat(Json.optString(o, "o")).isEmpty();
        assertThat(Json.optString(o, "nul")).isEmpty();
        assertThat(Json.optNumber(o, "n")).hasValue(12.5);
        assertThat(Json.optNumber(o, "ns")).as("a number in a string is not a number").isEmpty();
        assertThat(Json.optNumber(o, "nan")).as("non-finite").isEmpty();
        assertThat(Json.optBoolean(o, "b")).hasValue(true);
        assertThat(Json.optBoolean(o, "bs")).isEmpty();
        assertThat(Json.object(o, "o").get("k").getAsInt()).isEqualTo(1);
        assertThat(Json.optObject(o, "a")).isEmpty();
        assertThat(Json.optArray(o, "o")).isEmpty();
        assertThat(Json.objects(Json.optArray(o, "a").orElseThrow())).hasSize(2);
        assertThatThrownBy(() -> Json.string(o, "missing")).isInstanceOf(Json.JsonShapeException.class)
                .hasMessage("missing text field 'missing'");
        assertThatThrownBy(() -> Json.object(o, "s")).isInstanceOf(Json.JsonShapeException.class)
                .hasMessage("missing object 's'");
        assertThat(Json.plain(new JsonPrimitive(3))).isEqualTo(3.0);
        assertThat(Json.plain(new JsonPrimitive(false))).isEqualTo(false);
        assertThat(Json.plain(new JsonPrimitive("v"))).isEqualTo("v");
    }
}
