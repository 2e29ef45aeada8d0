package com.sourceful.commissioner.zap;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@code GET /api/system}: firmware and network health. Only {@code zap} itself is required. */
public record ZapSystem(
        String deviceId,
        String firmwareVersion,
        Optional<String> ssid,
        OptionalInt rssi,
        Optional<Boolean> wifiConnected,
        Optional<Boolean> internetConnected,
        Optional<String> localIp,
        OptionalLong uptimeSeconds) {
}
