package com.sourceful.commissioner.sim;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Small HTTP/JSON helpers shared by the simulators. Never logs bodies or headers (they may hold secrets). */
final class SimHttp {

    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    /** Request bodies larger than this are refused; both simulators only take small JSON documents. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private SimHttp() {
    }

    /**
     * Creates a JDK HTTP server. The JDK server writes headers and body separately; without TCP_NODELAY every
     * small answer waits for a delayed ACK (~40 ms), so Nagle is turned off (read once, when the JDK's server
     * configuration class loads; an explicit setting by the user wins).
     */
    static HttpServer createServer(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        return HttpServer.create(address, backlog);
    }

    static void sendJson(HttpExchange ex, int status, JsonElement body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendNoContent(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(204, -1);
        ex.close();
    }

    static JsonObject error(String error) {
        JsonObject o = new JsonObject();
        o.addProperty("error", error);
        return o;
    }

    /** Reads the body as UTF-8; returns null when it exceeds {@link #MAX_BODY_BYTES}. */
    static String readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                buf.write(chunk, 0, n);
                if (buf.size() > MAX_BODY_BYTES) {
                    return null;
                }
            }
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    /** Parses text as a JSON object; null when it is not valid JSON or not an object. */
    static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    /** Path without query and without trailing slashes ("/" stays "/"). */
    static String normalizedPath(HttpExchange ex) {
        String p = ex.getRequestURI().getRawPath();
        if (p == null || p.isEmpty()) {
            return "/";
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s));
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
