package com.sourceful.commissioner.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live poll of one device's {@code data/json}: at most one request in flight (each poll between {@link #begin()}
 * and {@link #end()}), the next one a period after an answer, and after failures in a row twice the period, doubling, at most {@link #MAX_BACKOFF}. It tells what each
 * answer means (waiting for a first reading, a new reading, the same one again, stale) and when the Zap stopped or
 * started answering again. The readings' own timestamps are its only clock; the caller schedules the delays it gives.
 * Not thread-safe: one poller (the UI thread) drives it.
 */
public final class LivePolling {

    private static final Logger LOG = LoggerFactory.getLogger(LivePolling.class);

    /** About one request a second: what the gateway is designed to bear from one client. */
    public static final Duration PERIOD = Duration.ofSeconds(1);
    /** Back-off ceiling for a Zap that stopped answering: still noticed within seconds when it is back. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** A reading whose timestamp has not moved for this many answered polls is stale. */
    public static final int STALE_AFTER_POLLS = 3;

    /** What an answered poll meant. */
    public enum Answer {
        /** No reading (204) and none yet since the device was entered. */
        WAITING,
        /** No reading (204) after readings: the Zap lost its reading of the device. */
        NO_READING,
        /** A reading newer than any before. */
        NEW_READING,
        /** The same reading again, not yet stale: live after a failure or a 204, or a device between readings. */
        REPEATED,
        /** The same reading for {@link #STALE_AFTER_POLLS} answered polls or more. */
        STALE
    }

    /**
     * One answered poll.
     *
     * @param back the Zap answers again after failing
     * @param next when to poll again
     */
    public record Answered(Answer answer, boolean back, Duration next) { }

    /**
     * One failed poll.
     *
     * @param lost the Zap stopped answering: the first failure in a row
     * @param next when to try again: the back-off
     */
    public record Failed(boolean lost, Duration next) { }

    /**
     * One poll's answers: the device's snapshot and, during a load test, the other devices' (null when not read).
     */
    public record Read(Optional<TelemetrySnapshot> snapshot, Map<String, TelemetrySnapshot> others) { }

    private final Duration period;
    private boolean inFlight;
    private boolean silent;
    private int failures;
    private long newestTimestamp = -1;
    private int unchangedPolls;
    private int readings;

    /** @param period how often to poll while the Zap answers (tests: faster); the back-off scales with it */
    public LivePolling(Duration period) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.period = period;
    }

    /** Forgets the device's readings and failures, for another device; a poll still out stays out. */
    public void restart() {
        silent = false;
        failures = 0;
        newestTimestamp = -1;
        unchangedPolls = 0;
        readings = 0;
    }

    /** A poll may go out now: none is in flight, so a slow Zap is never asked twice at once. It is then in flight. */
    public boolean begin() {
        if (inFlight) {
            return false;
        }
        inFlight = true;
        return true;
    }

    public boolean inFlight() {
        return inFlight;
    }

    /** The poll that went out is over, whatever came of it (answered, failed, cancelled, no longer wanted). */
    public void end() {
        inFlight = false;
    }

    /** The poll was answered, with a reading or without one (204). */
    public Answered answered(Optional<TelemetrySnapshot> snapshot) {
        failures = 0;
        boolean back = silent;
        silent = false;
        return new Answered(judge(snapshot), back, period);
    }

    private Answer judge(Optional<TelemetrySnapshot> snapshot) {
        if (snapshot.isEmpty()) {
            return readings == 0 ? Answer.WAITING : Answer.NO_READING;
        }
        long newest = newest(snapshot.get());
        if (newest <= newestTimestamp) {
            // The Zap answered with the same reading again: the device behind it may have stopped answering.
            unchangedPolls++;
            return unchangedPolls >= STALE_AFTER_POLLS ? Answer.STALE : Answer.REPEATED;
        }
        newestTimestamp = newest;
        unchangedPolls = 0;
        readings++;
        return Answer.NEW_READING;
    }

    /** The poll failed (no answer, an error status). */
    public Failed failed() {
        failures++;
        boolean lost = !silent;
        silent = true;
        return new Failed(lost, backoff(period, failures));
    }

    /** The Zap did not answer the last poll. */
    public boolean silent() {
        return silent;
    }

    /** New readings since {@link #restart()}. */
    public int readings() {
        return readings;
    }

    /** The newest reading's own timestamp, ms since the epoch; -1 before the first. */
    public long newestTimestamp() {
        return newestTimestamp;
    }

    /** Answered polls in a row that brought the same reading again. */
    public int unchangedPolls() {
        return unchangedPolls;
    }

    /** The reading has not moved for {@link #STALE_AFTER_POLLS} answered polls; a new reading ends it. */
    public boolean stale() {
        return unchangedPolls >= STALE_AFTER_POLLS;
    }

    /** Twice the period after the first failure, doubling after each further one, at most {@link #MAX_BACKOFF}. */
    public static Duration backoff(Duration period, int failuresInARow) {
        long millis = period.toMillis() << Math.min(failuresInARow, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /**
     * In the background: the device, then with a {@code site} (during a load test) each other device of the Zap, one
     * request at a time, so the Zap never has two requests of this poller at once.
     */
    public static Read read(ZapClient client, String sn, SiteReader site) throws ZapException {
        Optional<TelemetrySnapshot> snapshot = client.telemetry(sn);
        Map<String, TelemetrySnapshot> others = null;
        if (site != null && snapshot.isPresent()) {
            try {
                others = site.others();
            } catch (ZapException e) {
                // This reading is left out of the load test; the live view goes on.
                LOG.debug("Could not read the Zap's other devices: {}", e.toString());
            }
        }
        return new Read(snapshot, others);
    }

    private static long newest(TelemetrySnapshot snapshot) {
        return snapshot.readings().values().stream().mapToLong(TelemetrySnapshot.Reading::timestampMs).max()
                .orElse(0);
    }
}
