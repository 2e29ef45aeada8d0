package com.sourceful.commissioner.ui;

import java.net.URI;
import java.util.Optional;

import com.sourceful.commissioner.discovery.ZapDiscovery;

/**
 * How this run of the app is wired: where to look for Zaps and which Novacore to use.
 *
 * @param demo            simulators on this computer; the window says so
 * @param discovery       where and how to look for Zaps
 * @param novacoreBase    a custom Novacore base URL, if not production
 * @param demoToken       a token the demo stand-in issued, pre-filled in demo mode only
 */
public record AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase,
                        Optional<String> demoToken) {

    @Override
    public String toString() {
        return "AppConfig[demo=" + demo + ", discovery=" + discovery + ", novacore=" + novacoreBase + "]";
    }
}
