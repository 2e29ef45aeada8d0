package com.sourceful.commissioner.control;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Control of a device this app took and has not yet seen given back: written to the visit record before {@code init}
 * is sent and removed once {@code deinit} is accepted, so after a crash the next start knows which device on which
 * Zap may still be steered, and where to send the release.
 *
 * @param zapUri where the Zap answered when control was taken
 */
public record ControlHold(String zapSerial, URI zapUri, String deviceSn, ControlAction action, Instant since) {
    public ControlHold {
        Objects.requireNonNull(zapSerial);
        Objects.requireNonNull(zapUri);
        Objects.requireNonNull(deviceSn);
        Objects.requireNonNull(action);
        Objects.requireNonNull(since);
    }

    /** The same device on the same Zap (the time and action aside). */
    public boolean sameDevice(ControlHold other) {
        return zapSerial.equals(other.zapSerial) && deviceSn.equals(other.deviceSn);
    }
}
