package com.sourceful.commissioner.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/**
 * Gives control of a device back: {@code curtail/disable}, then {@code deinit}. Both are sent even when the first
 * fails (a PV limit lifted matters on its own, and {@code deinit} alone returns the device to its own mode).
 */
public final class ControlRelease {

    private ControlRelease() {
    }

    /** @return empty when both calls were accepted, else what failed (both failures when both did) */
    public static Optional<String> release(ZapClient client, String deviceSn) {
        // An interrupted thread (a cancelled task) must still be able to talk to the Zap: the flag waits until after.
        boolean interrupted = Thread.interrupted();
        List<String> problems = new ArrayList<>();
        try {
            try {
                client.controlCurtailDisable(deviceSn);
            } catch (ZapException e) {
                problems.add(e.getMessage());
            }
            try {
                client.controlDeinit(deviceSn);
            } catch (ZapException e) {
                problems.add(e.getMessage());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
