package com.sourceful.commissioner.zap;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code GET /api/system}: firmware and network health. Only {@code zap} itself is required; every other field may
 * be missing on an older firmware, and a missing one is unknown (empty), never 0.
 */
public record ZapSystem(
        String deviceId,
        String firmwareVersion,
        Optional<String> ssid,
        OptionalInt rssi,
        Optional<Boolean> wifiConnected,
        Optional<Boolean> internetConnected,
        Optional<String> localIp,
        OptionalLong uptimeSeconds,
        OptionalDouble temperatureCelsius,
        ZapMemory memoryKb) {

    /** Without temperature and memory (unknown). */
    public ZapSystem(String deviceId, String firmwareVersion, Optional<String> ssid, OptionalInt rssi,
                     Optional<Boolean> wifiConnected, Optional<Boolean> internetConnected, Optional<String> localIp,
                     OptionalLong uptimeSeconds) {
        this(deviceId, firmwareVersion, ssid, rssi, wifiConnected, internetConnected, localIp, uptimeSeconds,
                OptionalDouble.empty(), ZapMemory.UNKNOWN);
    }
}
