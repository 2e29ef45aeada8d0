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
 * @param visitsFolder    where the site visit is saved after every change, for resuming it after a crash; empty: the
 *                        visit is not saved (tests, which must not touch the technician's settings folder)
 */
public record AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase,
                        Optional<String> demoToken, Map<String, Map<String, String>> formPrefill, Path outboxFolder,
                        Optional<Path> visitsFolder) {

    public AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase, Optional<String> demoToken) {
        this(demo, discovery, novacoreBase, demoToken, Map.of(), Outbox.defaultFolder());
    }

    /** Visits not saved. */
    public AppConfig(boolean demo, ZapDiscovery.Options discovery, Optional<URI> novacoreBase,
                     Optional<String> demoToken, Map<String, Map<String, String>> formPrefill, Path outboxFolder) {
        this(demo, discovery, novacoreBase, demoToken, formPrefill, outboxFolder, Optional.empty());
    }

    /** The same, with the visit saved in {@code folder}. */
    public AppConfig withVisitsIn(Path folder) {
        return new AppConfig(demo, discovery, novacoreBase, demoToken, formPrefill, outboxFolder, Optional.of(folder));
    }

    @Override
    public String toString() {
        return "AppConfig[demo=" + demo + ", discovery=" + discovery + ", novacore=" + novacoreBase + "]";
    }
}
