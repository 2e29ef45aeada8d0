package com.sourceful.commissioner.novacore;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The body of {@code POST /devices/provision}. DER types are in Novacore's vocabulary ({@code solar}, not {@code pv}). */
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

    private static void putIfPresent(JsonObject o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.addProperty(key, value);
        }
    }
}
