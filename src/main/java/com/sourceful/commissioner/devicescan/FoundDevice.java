package com.sourceful.commissioner.devicescan;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One energy device found on the LAN, with what was read to tell what it is.
 *
 * @param address      IPv4 address as text
 * @param unitId       the Modbus unit id that answered; empty for MQTT and logger ports
 * @param protocol     {@code modbus_tcp}, {@code mqtt}, or the logger protocol's name (e.g. {@code solarman_v5})
 * @param profile      the Zap's profile for it (e.g. {@code sungrow}); empty when the Zap has none
 * @param evidence     what was read, for people, e.g. "SunSpec common model at 40000: SMA / SB5.0-1AV-41"
 * @param connections  TCP connections the scan opened to this device's address and port (at most one at a time)
 */
public record FoundDevice(String address, int port, OptionalInt unitId, String protocol,
                          Optional<String> manufacturer, Optional<String> model, Optional<String> serial,
                          Optional<String> version, Optional<String> profile, String evidence, int connections) {

    public static final String MODBUS_TCP = "modbus_tcp";
    public static final String MQTT = "mqtt";
    public static final String SOLARMAN_V5 = "solarman_v5";

    /** The Zap has a profile for this device: "Add this device" can fill the form. */
    public boolean supportedByZap() {
        return profile.isPresent();
    }
}
