package com.sourceful.commissioner.discovery;

import com.sourceful.commissioner.files.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.http.Addresses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zaps seen in earlier sessions, by serial with their last address; a small JSON file written atomically (a temp
 * file in the same directory, then a move), so a crash never leaves half a file. Blocking file I/O: call it from a
 * background thread.
 */
public final class RecentZaps {

    public record Entry(String serial, URI lastAddress, Instant lastSeen) {
    }

    /** How many Zaps are remembered; the oldest fall off. */
    public static final int MAX_ENTRIES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(RecentZaps.class);
    private static final String APP_DIR = "ZapCommissioner";
    private static final String FILE_NAME = "recent-zaps.json";
    /** Twenty entries take about 3 KB; a larger file is not one this app wrote and is not read. */
    static final int MAX_FILE_BYTES = 256 * 1024;

    private final Path file;

    public RecentZaps(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * {@code %APPDATA%\ZapCommissioner\recent-zaps.json} on Windows, {@code ~/Library/Application
     * Support/ZapCommissioner/…} on macOS, {@code $XDG_CONFIG_HOME} or {@code ~/.config} plus
     * {@code zap-commissioner/…} elsewhere.
     */
    public static Path defaultFile() {
        return defaultFile(System.getProperty("os.name", ""), System.getProperty("user.home", "."),
                System.getenv("APPDATA"), System.getenv("XDG_CONFIG_HOME"));
    }

    static Path defaultFile(String osName, String home, String appData, String xdgConfigHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming");
            return base.resolve(APP_DIR).resolve(FILE_NAME);
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return Path.of(home, "Library", "Application Support", APP_DIR, FILE_NAME);
        }
        // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
        Path base = xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()
                ? Path.of(xdgConfigHome) : Path.of(home, ".config");
        return base.resolve("zap-commissioner").resolve(FILE_NAME);
    }

    /**
     * Missing, corrupt or hostile file (a FIFO, a device, a folder, over {@value #MAX_FILE_BYTES} bytes): an empty
     * list, logged, never thrown and never blocking. Newest first.
     */
    public synchronized List<Entry> load() {
        return load(problem -> LOG.warn("{} in {}", problem, file));
    }

    /** {@link #load()} telling what it skipped to {@code problems}. */
    synchronized List<Entry> load(Consumer<String> problems) {
        String text;
        try {
            text = new String(AtomicFiles.readSmallRegularFile(file, MAX_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            problems.accept("Could not read recent Zaps: " + e);
            return List.of();
        }
        return parse(text, problems);
    }

    /**
     * The entries of a file's text, newest first; what cannot be used is left out and told to {@code problems}
     * ("Skipping a bad entry: …", "Ignoring corrupt recent Zaps file: …"). Never throws.
     */
    static List<Entry> parse(String text, Consumer<String> problems) {
        try {
            JsonObject root = JsonParser.parseString(text).getAsJsonObject();
            List<Entry> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("zaps")) {
                try {
                    JsonObject o = e.getAsJsonObject();
                    String serial = o.get("serial").getAsString();
                    URI address = URI.create(o.get("lastAddress").getAsString());
                    Instant seen = Instant.parse(o.get("lastSeen").getAsString());
                    if (serial.isBlank() || address.getHost() == null || !"http".equals(address.getScheme())) {
                        throw new IllegalArgumentException("not an http address or no serial");
                    }
                    // The same rules as a typed address: a port 1-65535, a real host ("http://127." is none).
                    Addresses.checkAuthority(address);
                    if (out.stream().noneMatch(x -> x.serial().equals(serial)) && out.size() < MAX_ENTRIES) {
                        out.add(new Entry(serial, address, seen));
                    }
                } catch (RuntimeException bad) {
                    problems.accept("Skipping a bad entry: " + bad);
                }
            }
            return List.copyOf(out);
        } catch (RuntimeException e) {
            problems.accept("Ignoring corrupt recent Zaps file: " + e);
            return List.of();
        }
    }

    /** Upsert by serial, newest first, at most {@value #MAX_ENTRIES}; temp file + atomic move. Never throws. */
    public synchronized void remember(FoundZap zap) {
        List<Entry> entries = new ArrayList<>(load());
        entries.removeIf(e -> e.serial().equals(zap.serial()));
        entries.add(0, new Entry(zap.serial(), zap.baseUri(), zap.lastSeen()));
        while (entries.size() > MAX_ENTRIES) {
            entries.remove(entries.size() - 1);
        }
        try {
            write(entries);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remember Zap {} in {}: {}", zap.serial(), file, e.toString());
        }
    }

    private void write(List<Entry> entries) throws IOException {
        JsonArray zaps = new JsonArray();
        for (Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("serial", e.serial());
            o.addProperty("lastAddress", e.lastAddress().toString());
            o.addProperty("lastSeen", e.lastSeen().toString());
            zaps.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.add("zaps", zaps);
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";

        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, json);
    }
}
