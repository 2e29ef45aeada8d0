package com.sourceful.commissioner.novacore;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.Json;
import com.sourceful.commissioner.http.Json.JsonShapeException;

/**
 * The body of {@code POST /devices/provision}. DER types are in Novacore's vocabulary ({@code solar}, not {@code pv}).
 * {@link #toJson} and {@link #fromJson} are its one codec: what Novacore is sent is what the outbox keeps, so a new
 * field is added here once.
 */
public record ProvisionRequest(String gatewaySerial, String hardwareId, String deviceType, String siteId,
                               String name, String manufacturer, String model, List<DerEntry> ders) {

    public record DerEntry(String name, String type) {
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("gateway_serial", gatewaySerial);
        o.addProperty("hardware_id", hardwareId);
        o.addProperty("device_type", deviceType);
        o.addProperty("site_id", siteId);
        putIfPresent(o, "name", name);
        putIfPresent(o, "manufacturer", manufacturer);
        putIfPresent(o, "model", model);
        JsonArray list = new JsonArray();
        for (DerEntry d : ders) {
            JsonObject e = new JsonObject();
            e.addProperty("name", d.name());
            e.addProperty("type", d.type());
            list.add(e);
        }
        o.add("ders", list);
        return o;
    }

    /**
     * A request as {@link #toJson} wrote it; a label left out (blank) reads as null. A missing field or a DER that is
     * not an object is a {@link JsonShapeException}: a request is never read with a part silently dropped.
     */
    public static ProvisionRequest fromJson(JsonObject o) {
        List<DerEntry> ders = new ArrayList<>();
        JsonArray list = Json.optArray(o, "ders").orElseThrow(() -> new JsonShapeException("missing array 'ders'"));
        for (JsonElement d : list) {
            if (!d.isJsonObject()) {
                throw new JsonShapeException("a DER that is not an object");
            }
            ders.add(new DerEntry(Json.string(d.getAsJsonObject(), "name"), Json.string(d.getAsJsonObject(), "type")));
        }
        return new ProvisionRequest(Json.string(o, "gateway_serial"), Json.string(o, "hardware_id"),
                Json.string(o, "device_type"), Json.string(o, "site_id"), Json.optString(o, "name").orElse(null),
                Json.optString(o, "manufacturer").orElse(null), Json.optString(o, "model").orElse(null),
                List.copyOf(ders));
    }

    private static void putIfPresent(JsonObject o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.addProperty(key, value);
        }
    }
}
