package com.sourceful.commissioner.outbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;

/** TEMPORARY stand-in of the issue 6 contract; replaced by the outbox branch on merge. */
public final class Outbox {
    public enum State { PENDING, SENDING, SENT, FAILED }

    public record Entry(String id, Instant created, State state, int attempts, Optional<Instant> lastAttempt,
                        Optional<String> lastError, ProvisionRequest request, String novacoreBase,
                        Optional<ProvisionResult> result) {
    }

    public Outbox(Path folder, Clock clock) {
    }

    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".config", "zap-commissioner", "outbox");
    }

    public Entry add(ProvisionRequest request, URI novacoreBase) throws IOException {
        throw new IOException("outbox not built yet");
    }

    public List<Entry> entries() {
        return List.of();
    }

    public Optional<Entry> entry(String id) {
        return Optional.empty();
    }

    public void markSent(String id, ProvisionResult result) throws IOException {
    }

    public void markFailed(String id, String reason) throws IOException {
    }

    public void markAttempt(String id, String reason) throws IOException {
    }
}
