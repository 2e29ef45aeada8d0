package com.sourceful.commissioner.discovery;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.sourceful.commissioner.zap.ZapIdentity;
import com.sourceful.commissioner.zap.ZapSystem;

/**
 * A confirmed Zap: it answered {@code /api/system} with a {@code zap} object and {@code /api/crypto} with its serial.
 * A firmware without {@code /api/crypto} is keyed by its {@code zap.deviceId} instead: {@code serialConfirmed} false.
 */
public record FoundZap(String serial, URI baseUri, String firmwareVersion, Optional<String> ssid, OptionalInt rssi,
                       Optional<Boolean> internetConnected, int deviceCount, Set<Source> sources, Instant lastSeen,
                       boolean answering, boolean serialConfirmed) {

    /** A Zap whose serial came from {@code /api/crypto}. */
    public FoundZap(String serial, URI baseUri, String firmwareVersion, Optional<String> ssid, OptionalInt rssi,
                    Optional<Boolean> internetConnected, int deviceCount, Set<Source> sources, Instant lastSeen,
                    boolean answering) {
        this(serial, baseUri, firmwareVersion, ssid, rssi, internetConnected, deviceCount, sources, lastSeen, answering,
                true);
    }

    /** How a Zap was found. */
    public enum Source {
        /** mDNS service browse ({@code _http._tcp}, instance {@code zap*}). */
        MDNS,
        /** The firmware's mDNS host name {@code zap.local}. */
        ZAP_LOCAL,
        /** Typed by the technician. */
        TYPED,
        /** Remembered from an earlier session. */
        RECENT,
        /** Found by probing the local subnet. */
        SWEEP,
        /** Given at start (command line, demo simulator). */
        KNOWN
    }

    static FoundZap of(URI baseUri, ZapSystem system, ZapIdentity identity, int deviceCount, Source source,
                       Instant now) {
        return new FoundZap(identity.serialNumber(), baseUri, system.firmwareVersion(), system.ssid(), system.rssi(),
                system.internetConnected(), deviceCount, EnumSet.of(source), now, true, identity.serialConfirmed());
    }

    /** The same Zap seen again, perhaps by another source or at another address: one row, the newest facts. */
    FoundZap mergedWith(FoundZap newer) {
        Set<Source> all = EnumSet.copyOf(sources);
        all.addAll(newer.sources);
        return new FoundZap(serial, newer.baseUri, newer.firmwareVersion, newer.ssid, newer.rssi,
                newer.internetConnected, newer.deviceCount, Set.copyOf(all), newer.lastSeen, newer.answering,
                newer.serialConfirmed);
    }

    /** The same row, marked as answering or gone silent; silent rows grey out instead of vanishing. */
    public FoundZap withAnswering(boolean nowAnswering) {
        return new FoundZap(serial, baseUri, firmwareVersion, ssid, rssi, internetConnected, deviceCount, sources,
                lastSeen, nowAnswering, serialConfirmed);
    }

    /** The same row with the Zap's current number of devices (after one was added or removed). */
    public FoundZap withDeviceCount(int count) {
        return new FoundZap(serial, baseUri, firmwareVersion, ssid, rssi, internetConnected, count, sources,
                lastSeen, answering, serialConfirmed);
    }

    public String address() {
        int port = baseUri.getPort();
        return port == -1 || port == 80 ? baseUri.getHost() : baseUri.getHost() + ":" + port;
    }
}
