package com.sourceful.commissioner.zap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import com.sourceful.commissioner.zap.HealthLine.Fact;
import com.sourceful.commissioner.zap.HealthLine.Reason;
import com.sourceful.commissioner.zap.HealthLine.Verdict;

/**
 * A Zap's health from {@code GET /api/system} and {@code GET /api/devices}: each fact with a verdict and why. A fact
 * the firmware does not report is "unknown", never 0 or fine.
 */
public final class ZapHealth {

    /**
     * The Zap refuses a new device (503 "low memory") when its free heap is under about this many KB
     * ({@code zap-local-api.md}, Transport). Below it the Zap still runs; it cannot take another device.
     */
    public static final long ADD_DEVICE_LIMIT_KB = 55;
    /**
     * Warning above this. The documents are silent on temperature. {@code temperature_celsius} is the ESP32's on-chip
     * sensor, which reads the die, typically 10-20 °C above the air around it (the simulator idles near 41 °C); ESP32
     * modules are rated to 85 °C. 70 °C leaves 15 °C to that rating and is well above a healthy Zap indoors, so it
     * means sun on the box, no air around it or a hot cabinet: worth moving before the Zap is screwed down.
     */
    public static final double HOT_CELSIUS = 70.0;
    /** An uptime under this is pointed out: expected after power-on or a reboot, otherwise the Zap may have crashed. */
    public static final Duration RECENT_RESTART = Duration.ofMinutes(10);

    static final String UNKNOWN = "unknown";

    private ZapHealth() {
    }

    /**
     * The report for one snapshot.
     *
     * @param devices the Zap's devices, or empty when {@code GET /api/devices} could not be read
     */
    public static HealthReport assess(ZapSystem system, Optional<List<ZapDevice>> devices) {
        List<HealthLine> lines = new ArrayList<>();
        lines.add(firmware(system.firmwareVersion()));
        lines.add(uptime(system.uptimeSeconds()));
        lines.add(freeHeap(system.memoryKb()));
        lines.add(temperature(system));
        lines.add(internet(system.internetConnected()));
        lines.addAll(devices(devices));
        return new HealthReport(lines);
    }

    static HealthLine firmware(String version) {
        // ZapClient reads a missing firmwareVersion as "?".
        if (version == null || version.isBlank() || version.equals("?")) {
            return unknown(Fact.FIRMWARE, "", "the Zap does not report its firmware version");
        }
        return ok(Fact.FIRMWARE, "", version);
    }

    static HealthLine uptime(OptionalLong seconds) {
        if (seconds.isEmpty()) {
            return unknown(Fact.UPTIME, "", "the firmware does not report its uptime");
        }
        Duration up = Duration.ofSeconds(seconds.getAsLong());
        String value = formatUptime(up);
        if (up.compareTo(RECENT_RESTART) < 0) {
            return new HealthLine(Fact.UPTIME, "", value, Verdict.OK, Reason.RESTARTED_RECENTLY,
                    "restarted recently (under " + RECENT_RESTART.toMinutes() + " min ago): expected after power-on "
                            + "or a reboot, otherwise the Zap may have crashed");
        }
        return ok(Fact.UPTIME, "", value);
    }

    static HealthLine freeHeap(ZapMemory memory) {
        if (memory.free().isEmpty()) {
            return unknown(Fact.FREE_HEAP, "", "the firmware does not report its free memory");
        }
        long free = memory.free().getAsLong();
        StringBuilder value = new StringBuilder(free + " KB free");
        memory.total().ifPresent(t -> value.append(" of ").append(t).append(" KB"));
        memory.min().ifPresent(m -> value.append(" (lowest ").append(m).append(" KB)"));
        if (free < ADD_DEVICE_LIMIT_KB) {
            return new HealthLine(Fact.FREE_HEAP, "", value.toString(), Verdict.WARNING, Reason.BELOW_ADD_DEVICE_LIMIT,
                    "under the " + ADD_DEVICE_LIMIT_KB + " KB a Zap needs to add a device: it will refuse new devices "
                            + "(low memory) until it has more free; a reboot may free some");
        }
        return ok(Fact.FREE_HEAP, "", value.toString());
    }

    static HealthLine temperature(ZapSystem system) {
        if (system.temperatureCelsius().isEmpty()) {
            return unknown(Fact.TEMPERATURE, "", "the firmware does not report its temperature");
        }
        double celsius = system.temperatureCelsius().getAsDouble();
        String value = String.format(Locale.ROOT, "%.1f °C", celsius);
        if (celsius > HOT_CELSIUS) {
            return new HealthLine(Fact.TEMPERATURE, "", value, Verdict.WARNING, Reason.HOT,
                    "above " + String.format(Locale.ROOT, "%.0f", HOT_CELSIUS) + " °C: check for sun on the box, "
                            + "air around it and heat from nearby equipment");
        }
        return ok(Fact.TEMPERATURE, "", value);
    }

    static HealthLine internet(Optional<Boolean> connected) {
        if (connected.isEmpty()) {
            return unknown(Fact.INTERNET, "", "the firmware does not report its internet connection");
        }
        if (!connected.get()) {
            return new HealthLine(Fact.INTERNET, "", "no", Verdict.WARNING, Reason.NO_INTERNET,
                    "no internet: the Zap cannot send data to Sourceful; check the network's internet access");
        }
        return ok(Fact.INTERNET, "", "yes");
    }

    static List<HealthLine> devices(Optional<List<ZapDevice>> devices) {
        if (devices.isEmpty()) {
            return List.of(unknown(Fact.DEVICES, "", "the Zap's device list could not be read"));
        }
        if (devices.get().isEmpty()) {
            return List.of(new HealthLine(Fact.DEVICES, "", "none", Verdict.OK, Reason.NO_DEVICES,
                    "no device on this Zap yet"));
        }
        List<HealthLine> out = new ArrayList<>();
        for (ZapDevice d : devices.get()) {
            String name = deviceName(d);
            if (d.connected()) {
                out.add(ok(Fact.DEVICE, name, "connected"));
            } else {
                out.add(new HealthLine(Fact.DEVICE, name, "disconnected", Verdict.WARNING, Reason.DISCONNECTED,
                        name + " is disconnected: the Zap retries every 10 s; check its power, cable or network "
                                + "and its address"));
            }
        }
        return out;
    }

    /** "sungrow SN123", or the connection type where no profile is saved ("p1_uart SN9"), or the serial alone. */
    static String deviceName(ZapDevice d) {
        String kind = d.profile().or(d::connectionType).orElse("");
        return kind.isBlank() ? d.sn() : kind + " " + d.sn();
    }

    /**
     * Uptime for people, the two largest units: "3 d 4 h", "5 h 12 min", "7 min 3 s", "42 s".
     */
    public static String formatUptime(Duration up) {
        long s = Math.max(0, up.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return minutes + " min " + seconds + " s";
        }
        return seconds + " s";
    }

    /** Whether a Zap restarted between two of its snapshots, taken in this order. */
    public enum Restart { RESTARTED, SAME_RUN, UNKNOWN }

    /**
     * The second snapshot's uptime smaller than the first's: the Zap restarted in between (a reboot, a power cut or a
     * crash), however long ago. Unknown when either does not report its uptime.
     */
    public static Restart restartedBetween(ZapSystem first, ZapSystem second) {
        if (first.uptimeSeconds().isEmpty() || second.uptimeSeconds().isEmpty()) {
            return Restart.UNKNOWN;
        }
        return second.uptimeSeconds().getAsLong() < first.uptimeSeconds().getAsLong() ? Restart.RESTARTED
                : Restart.SAME_RUN;
    }

    private static HealthLine ok(Fact fact, String subject, String value) {
        return new HealthLine(fact, subject, value, Verdict.OK, Reason.FINE, "");
    }

    private static HealthLine unknown(Fact fact, String subject, String why) {
        return new HealthLine(fact, subject, UNKNOWN, Verdict.UNKNOWN, Reason.NOT_REPORTED, why);
    }
}
