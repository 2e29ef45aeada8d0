package com.sourceful.commissioner.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What a simulator was asked, for load measurements: how many requests, per {@code "METHOD /path"}, and the most
 * that were in flight at once. A gateway on an ESP32 handles one request at a time, so the app must never have
 * more than one open against it. In flight means arrived and not yet answered, including requests queued while the
 * simulator's one thread serves another: counted where requests are handed to that thread, not where it runs them
 * (there it would never see more than one).
 */
public final class RequestStats {

    private final Map<String, Long> byRequest = new LinkedHashMap<>();
    private long total;
    private int inFlight;
    private int maxInFlight;

    /** A request is being served: counted by method and path. */
    synchronized void started(String method, String path) {
        total++;
        byRequest.merge(method + " " + path, 1L, Long::sum);
    }

    /** Its answer is complete. */
    synchronized void finished() {
        // In flight ends in the executor wrapper, which sees the request from arrival to answer.
    }

    /** An executor that counts what is handed to {@code serving} as in flight until it has run. */
    Executor counting(Executor serving) {
        return task -> {
            arrived();
            try {
                serving.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        left();
                    }
                });
            } catch (RuntimeException rejected) {
                left();
                throw rejected;
            }
        };
    }

    private synchronized void arrived() {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    private synchronized void left() {
        inFlight--;
    }

    /** Requests received since start or the last {@link #reset()}. */
    public synchronized long total() {
        return total;
    }

    /** Requests per {@code "METHOD /path"} since start or the last reset. */
    public synchronized Map<String, Long> byRequest() {
        return Map.copyOf(byRequest);
    }

    /** The most requests that were being handled at the same moment since start or the last reset. */
    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** Forgets counts and the maximum; requests still in flight stay counted as in flight. */
    public synchronized void reset() {
        byRequest.clear();
        total = 0;
        maxInFlight = inFlight;
    }
}
