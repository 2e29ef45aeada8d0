package com.sourceful.commissioner.ui.common;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.outbox.Outbox;

/**
 * How this run of the app is wired: where to look for Zaps and which Novacore to use.
 *
 * @param demo            simulators on this computer; the window says so
 * @param discovery       where and how to look for Zaps
 * @param novacoreBase    a custom Novacore base URL, if not production
 * @param demoToken       a token the demo stand-in issued, pre-filled in demo mode only
 * @param formPrefill     per connection type, form values to start from (demo mode: where its stand-ins listen)
 * @param outboxFolder    where provisioning requests wait while Novacore cannot be reached
 */
public record AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase,
                        Optional<String> demoToken, Map<String, Map<String, String>> formPrefill, Path outboxFolder) {

    public AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase, Optional<String> demoToken) {
        this(demo, discovery, novacoreBase, demoToken, Map.of(), Outbox.defaultFolder());
    }

    @Override
    public String toString() {
        return "AppConfig[demo=" + demo + ", discovery=" + discovery + ", novacore=" + novacoreBase + "]";
    }
}
