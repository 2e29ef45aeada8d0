package com.sourceful.commissioner.preflight;

import java.time.Duration;
import java.util.OptionalInt;

import com.sourceful.commissioner.zap.DeviceConfig;

/** TEMPORARY stub of the issue 4 contract; replaced by the preflight branch on merge. */
public final class Preflight {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private Preflight() {
    }

    public static PreflightResult check(DeviceConfig config, Duration timeout) {
        return new PreflightResult(PreflightResult.Outcome.NOT_APPLICABLE, PreflightResult.Reason.WIRED_TO_ZAP, "",
                OptionalInt.empty(), "stub");
    }
}
