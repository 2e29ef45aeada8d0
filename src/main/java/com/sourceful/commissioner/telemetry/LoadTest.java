package com.sourceful.commissioner.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.sourceful.commissioner.zap.TelemetrySnapshot;

/** TEMPORARY stand-in of the issue 5 contract; replaced by the telemetry branch on merge. */
public final class LoadTest {
    public enum Outcome { PASSED, WRONG_SIGN, WRONG_PHASE, TOO_SMALL, NO_CHANGE }

    public record Verdict(Outcome outcome, double deltaW, int phase, Instant at) {
    }

    public LoadTest(double expectedWatts, int expectedPhase, Duration timeout) {
    }

    public void baseline(TelemetrySnapshot.Reading meter) {
    }

    public void started(Instant at) {
    }

    public Optional<Verdict> observe(TelemetrySnapshot.Reading meter) {
        return Optional.empty();
    }
}
