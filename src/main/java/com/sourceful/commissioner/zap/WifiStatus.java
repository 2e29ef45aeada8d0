package com.sourceful.commissioner.zap;

import java.util.List;
import java.util.Optional;

/** {@code GET /api/wifi}: the results of the Zap's last scan, and the network it is on (empty when none). */
public record WifiStatus(List<WifiNetwork> networks, Optional<String> connectedSsid) {

    public WifiStatus {
        networks = List.copyOf(networks);
    }
}
