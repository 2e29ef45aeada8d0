package com.sourceful.commissioner.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * What one simulator's public port lets a client hold: {@code simulate} may listen on a LAN address and meets
 * whatever is on that LAN, so a slow, silent or flooding client must not stop it.
 *
 * @param maxConnections open connections at once; beyond it a new connection is answered 503 and closed
 * @param requestRead    time from a request's first byte to its last (header and body); then the connection closes
 * @param idle           time a connection may wait for its next request with no answer pending
 * @param maxHeaderBytes size of a request's line and headers; beyond it 431
 * @param maxBodyBytes   size of a request's body; beyond it 413
 */
record SimLimits(int maxConnections, Duration requestRead, Duration idle, int maxHeaderBytes, int maxBodyBytes) {

    /** Plenty for the app and a few scripts at once; the pools behind are as large, so nothing queues. */
    static final SimLimits DEFAULT = new SimLimits(32, Duration.ofSeconds(10), Duration.ofSeconds(30), 16 * 1024,
            SimHttp.MAX_BODY_BYTES);

    SimLimits {
        Objects.requireNonNull(requestRead);
        Objects.requireNonNull(idle);
        if (maxConnections < 1 || maxHeaderBytes < 64 || maxBodyBytes < 0 || requestRead.isNegative()
                || requestRead.isZero() || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("limits out of range");
        }
    }
}
