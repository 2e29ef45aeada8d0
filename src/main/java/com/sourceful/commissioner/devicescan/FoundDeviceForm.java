package com.sourceful.commissioner.devicescan;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.zap.ZapDevice;

/**
 * What the Add step does with a device the scan found: which form it fills (or what it needs instead), whether the
 * Zap already has it, and where the scan looks by default. Plain logic without JavaFX: here and not in
 * {@code commissioning} because {@code devicescan} depends on {@code commissioning} (a cycle otherwise).
 */
public final class FoundDeviceForm {

    /** What "Add this device" can do with a found device. */
    public enum Fill {
        /** A Modbus TCP device the Zap has a profile for: the form is filled. */
        MODBUS_FORM,
        /** An MQTT broker the Zap has a profile for: host and port are filled, its credentials must be typed. */
        MQTT_FORM_NEEDS_CREDENTIALS,
        /**
         * An MQTT broker not told apart, on the port where the Zap's reference puts one vendor's broker: the form is
         * filled with that profile as a guess (to be checked), host and port; its credentials must be typed.
         */
        MQTT_FORM_GUESSED_BY_PORT,
        /** An MQTT broker not told apart: the technician must know whose it is and its credentials. */
        MQTT_NEEDS_CREDENTIALS,
        /** A logger port that speaks no Modbus (Solarman V5): the device needs an RS485-to-Ethernet gateway. */
        LOGGER_NEEDS_GATEWAY,
        /** A device the Zap has no profile for. */
        NOT_SUPPORTED
    }

    private static final int MODBUS_DEFAULT_PORT = 502;
    private static final int MODBUS_DEFAULT_UNIT = 1;
    private static final int MQTT_DEFAULT_PORT = 1883;

    private FoundDeviceForm() {
    }

    public static Fill fill(FoundDevice device) {
        boolean modbus = FoundDevice.MODBUS_TCP.equals(device.protocol());
        boolean mqtt = FoundDevice.MQTT.equals(device.protocol());
        if (mqtt) {
            if (device.supportedByZap()) {
                return Fill.MQTT_FORM_NEEDS_CREDENTIALS;
            }
            return guessByPort(device).isPresent() ? Fill.MQTT_FORM_GUESSED_BY_PORT : Fill.MQTT_NEEDS_CREDENTIALS;
        }
        if (!modbus) {
            return Fill.LOGGER_NEEDS_GATEWAY;
        }
        return device.supportedByZap() ? Fill.MODBUS_FORM : Fill.NOT_SUPPORTED;
    }

    /** The connection type the form is filled for; empty when the form cannot be filled. */
    public static Optional<String> connectionType(FoundDevice device) {
        return switch (fill(device)) {
            case MODBUS_FORM -> Optional.of("modbus_tcp");
            case MQTT_FORM_NEEDS_CREDENTIALS, MQTT_FORM_GUESSED_BY_PORT -> Optional.of("mqtt");
            default -> Optional.empty();
        };
    }

    /** The profile the form is filled with: the one the device told, else the guess from its port (MQTT only). */
    public static Optional<String> profile(FoundDevice device) {
        return device.profile().isPresent() ? device.profile() : guessByPort(device);
    }

    /**
     * For an MQTT broker that did not tell whose it is: the Zap's MQTT profile whose broker port (ProfileCatalogue's
     * defaults, from the Zap's reference: Ferroamp 1883, Ambibox V2X 1884) is this port, when exactly one is. A guess:
     * any broker may listen there.
     */
    public static Optional<String> guessByPort(FoundDevice device) {
        if (!FoundDevice.MQTT.equals(device.protocol()) || device.profile().isPresent()) {
            return Optional.empty();
        }
        List<String> matching = ProfileCatalogue.builtIn().stream()
                .filter(p -> p.connectionTypes().contains(FoundDevice.MQTT))
                .map(ProfileCatalogue.Profile::id)
                .filter(id -> String.valueOf(device.port()).equals(
                        ProfileCatalogue.vendorDefaults(id, FoundDevice.MQTT).get("broker_port")))
                .toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /** The form's values by field name (profile and type are chosen above the form); empty when it cannot be filled. */
    public static Map<String, String> values(FoundDevice device) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (fill(device)) {
            case MODBUS_FORM -> {
                out.put("ip", device.address());
                out.put("port", String.valueOf(device.port()));
                out.put("unit_id", String.valueOf(device.unitId().orElse(MODBUS_DEFAULT_UNIT)));
            }
            case MQTT_FORM_NEEDS_CREDENTIALS, MQTT_FORM_GUESSED_BY_PORT -> {
                out.put("broker_host", device.address());
                out.put("broker_port", String.valueOf(device.port()));
            }
            default -> { }
        }
        return out;
    }

    /** The device on the Zap with the same address, port and (Modbus) unit id as the found one. */
    public static Optional<ZapDevice> onZap(FoundDevice found, List<ZapDevice> zapDevices) {
        return zapDevices.stream().filter(d -> same(found, d)).findFirst();
    }

    private static boolean same(FoundDevice found, ZapDevice device) {
        Map<String, Object> c = device.config();
        if (FoundDevice.MODBUS_TCP.equals(found.protocol())) {
            return "modbus_tcp".equals(device.connectionType().orElse(""))
                    && found.address().equals(text(c.get("ip")))
                    && found.port() == number(c.get("port"), MODBUS_DEFAULT_PORT)
                    && found.unitId().orElse(MODBUS_DEFAULT_UNIT) == number(c.get("unit_id"), MODBUS_DEFAULT_UNIT);
        }
        if (FoundDevice.MQTT.equals(found.protocol())) {
            return "mqtt".equals(device.connectionType().orElse(""))
                    && found.address().equals(text(c.get("broker_host")))
                    && found.port() == number(c.get("broker_port"), MQTT_DEFAULT_PORT);
        }
        return false;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }

    /** The Zap echoes numbers as JSON numbers (1.0) or, from older firmware, as text. */
    /** A config's number as the Zap or the form holds it (a number or its text); -1 when it is not one. */
    static int number(Object value, int absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return (int) Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The scan's default: the /24 around the Zap's own address (the Zap sits on the site's LAN). */
    public static Subnet around(InetAddress zap) {
        return Subnet.around(Objects.requireNonNull(zap), Subnet.NARROWEST_SWEEP_PREFIX);
    }
}
