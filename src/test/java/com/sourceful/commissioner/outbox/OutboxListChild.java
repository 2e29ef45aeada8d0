package com.sourceful.commissioner.outbox;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Lists an outbox in a JVM of its own (run with a small heap by {@link OutboxHostileFilesTest}): prints
 * {@code entry <id>} and {@code skipped <file>: <reason>} lines, then {@code done}. An Error escaping, a read
 * that blocks or one that fills the heap shows as a missing {@code done}.
 */
public final class OutboxListChild {

    private OutboxListChild() {
    }

    public static void main(String[] args) {
        Outbox.Listing listing = new Outbox(Path.of(args[0]), Clock.systemUTC()).load();
        listing.entries().forEach(e -> System.out.println("entry " + e.id()));
        listing.skipped().forEach(s -> System.out.println("skipped " + s.file() + ": " + s.reason()));
        System.out.println("done");
        System.out.flush();
    }
}
