package com.sourceful.commissioner.ui;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.discovery.ZapDiscovery;

/**
 * How this run of the app is wired: where to look for Zaps and which Novacore to use.
 *
 * @param demo            simulators on this computer; the window says so
 * @param discovery       where and how to look for Zaps
 * @param novacoreBase    a custom Novacore base URL, if not production
 * @param demoToken       a token the demo stand-in issued, pre-filled in demo mode only
 * @param formPrefill     per connection type, form values to start from (demo mode: where its stand-ins listen)
 */
public record AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase,
                        Optional<String> demoToken, Map<String, Map<String, String>> formPrefill) {

    public AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase, Optional<String> demoToken) {
        this(demo, discovery, novacoreBase, demoToken, Map.of());
    }

    @Override
    public String toString() {
        return "AppConfig[demo=" + demo + ", discovery=" + discovery + ", novacore=" + novacoreBase + "]";
    }
}
