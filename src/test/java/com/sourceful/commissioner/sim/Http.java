package com.sourceful.commissioner.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.assertj.core.api.Assertions;

/** Minimal JSON-over-HTTP client for tests (java.net.http only). */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            JsonElement e = JsonParser.parseString(body);
            return e.getAsJsonObject();
        }
    }

    private Http() {
    }

    static Reply send(URI base, String method, String path, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply get(URI base, String path) {
        return send(base, "GET", path, null, null);
    }

    /** Adds a device to the simulator and returns its serial; anything but 201 fails the test. */
    static String addDevice(URI base, String config) {
        Reply r = post(base, "/api/devices", config);
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("sn").getAsString();
    }

    static Reply post(URI base, String path, String body) {
        return send(base, "POST", path, body, null);
    }

    static Reply delete(URI base, String path) {
        return send(base, "DELETE", path, null, null);
    }
}
