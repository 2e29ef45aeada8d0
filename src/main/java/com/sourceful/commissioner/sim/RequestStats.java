package com.sourceful.commissioner.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulator was asked, for load measurements: how many requests, per {@code "METHOD /path"}, and the most
 * that were in flight at once. A gateway on an ESP32 handles one request at a time, so the app must never have
 * more than one open against it.
 */
public final class RequestStats {

    private final Map<String, Long> byRequest = new LinkedHashMap<>();
    private long total;
    private int inFlight;
    private int maxInFlight;

    synchronized void started(String method, String path) {
        total++;
        byRequest.merge(method + " " + path, 1L, Long::sum);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    synchronized void finished() {
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

    /** Requests being handled now (a request held by a fault counts until it is answered or dropped). */
    public synchronized int inFlight() {
        return inFlight;
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
