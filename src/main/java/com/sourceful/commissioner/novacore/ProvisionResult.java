package com.sourceful.commissioner.novacore;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.http.Json;
import com.sourceful.commissioner.http.Json.JsonShapeException;

/**
 * Novacore's answer: {@code created} is false when the same hardware was already bound (a safe retry).
 * {@link #toJson} and {@link #fromJson} are its one codec, for Novacore's answer and for the outbox's copy of it.
 */
public record ProvisionResult(boolean created, String deviceId, String hardwareId, String siteId, String state,
                              List<ProvisionedDer> ders) {

    public record ProvisionedDer(String id, String name, String type) {

        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("id", id);
            o.addProperty("name", name);
            o.addProperty("type", type);
            return o;
        }

        /** Only the id is required; a missing name or type reads as empty. */
        public static ProvisionedDer fromJson(JsonObject o) {
            return new ProvisionedDer(Json.string(o, "id"), Json.optString(o, "name").orElse(""),
                    Json.optString(o, "type").orElse(""));
        }
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("created", created);
        o.addProperty("device_id", deviceId);
        o.addProperty("hardware_id", hardwareId);
        o.addProperty("site_id", siteId);
        o.addProperty("state", state);
        JsonArray list = new JsonArray();
        ders.forEach(d -> list.add(d.toJson()));
        o.add("ders", list);
        return o;
    }

    /** A result as {@link #toJson} wrote it; see {@link #fromJson(JsonObject, ProvisionRequest)}. */
    public static ProvisionResult fromJson(JsonObject o) {
        return fromJson(o, null);
    }

    /**
     * Novacore's answer to {@code request} (null: none known). Only {@code device_id} is required: {@code created}
     * defaults to true, a missing hardware or site id to the request's (else empty), a missing state to empty; list
     * elements that are not objects are skipped. A missing {@code device_id} is a {@link JsonShapeException}.
     */
    public static ProvisionResult fromJson(JsonObject o, ProvisionRequest request) {
        List<ProvisionedDer> ders = new ArrayList<>();
        for (JsonObject d : Json.objects(Json.optArray(o, "ders").orElseGet(JsonArray::new))) {
            ders.add(ProvisionedDer.fromJson(d));
        }
        return new ProvisionResult(Json.optBoolean(o, "created").orElse(true), Json.string(o, "device_id"),
                Json.optString(o, "hardware_id").orElse(request == null ? "" : request.hardwareId()),
                Json.optString(o, "site_id").orElse(request == null ? "" : request.siteId()),
                Json.optString(o, "state").orElse(""), List.copyOf(ders));
    }
}
