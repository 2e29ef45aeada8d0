package com.sourceful.commissioner.discovery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Zaps seen in earlier sessions, by serial with their last address; a small JSON file written atomically. */
public final class RecentZaps {

    public record Entry(String serial, URI lastAddress, Instant lastSeen) {
    }

    private final Path file;

    public RecentZaps(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "zap-commissioner", "recent-zaps.json");
    }

    /** Missing or corrupt file: an empty list (corrupt is logged, never thrown). */
    public List<Entry> load() {
        return List.of();
    }

    /** Upsert by serial, newest first, at most 20; temp file + atomic move. */
    public void remember(FoundZap zap) {
    }
}
