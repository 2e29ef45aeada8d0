package com.sourceful.commissioner.wifi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.zap.WifiNetwork;
import com.sourceful.commissioner.zap.WifiStatus;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/**
 * A Wi-Fi scan by the Zap: {@code GET /api/wifi/scan}, then {@code GET /api/wifi} until new results come. A Zap
 * keeps its last results until a scan finishes, so "new" means: different from what it said before the scan (or
 * any at all when it had none). Results that never change within the time are given back marked not fresh.
 */
public final class WifiScan {

    /** What a scan found: networks strongest first, one per name; whether they are this scan's; the Zap's network. */
    public record Result(List<WifiNetwork> networks, boolean fresh, Optional<String> connectedSsid) {
        public Result {
            networks = List.copyOf(networks);
        }
    }

    /** An ESP32 scans all channels in a few seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final Clock clock;
    private final Sleeper sleeper;

    public WifiScan(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Scans and waits for the results, asking every {@link #POLL_EVERY}, at most {@code timeout}. */
    public Result run(ZapClient zap, Duration timeout) throws ZapException, InterruptedException {
        List<WifiNetwork> before = zap.wifi().networks();
        zap.startWifiScan();
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            WifiStatus now = zap.wifi();
            boolean fresh = !now.networks().isEmpty() && !now.networks().equals(before);
            if (fresh || !clock.instant().isBefore(deadline)) {
                return new Result(strongestFirst(now.networks()), fresh, now.connectedSsid());
            }
            sleeper.sleep(POLL_EVERY);
        }
    }

    /**
     * Strongest first; a name heard more than once (several access points, or 2.4 and 5 GHz) is listed once, with its
     * strongest signal and that reading's security. Names alike in different case are different networks.
     */
    public static List<WifiNetwork> strongestFirst(List<WifiNetwork> networks) {
        Map<String, WifiNetwork> bySsid = new LinkedHashMap<>();
        for (WifiNetwork n : networks) {
            bySsid.merge(n.ssid(), n, (a, b) -> b.rssi() > a.rssi() ? b : a);
        }
        List<WifiNetwork> out = new ArrayList<>(bySsid.values());
        out.sort(Comparator.comparingInt(WifiNetwork::rssi).reversed().thenComparing(WifiNetwork::ssid));
        return List.copyOf(out);
    }
}
