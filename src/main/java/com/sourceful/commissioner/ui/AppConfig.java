package com.sourceful.commissioner.ui;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * How this run of the app is wired: where to look for Zaps and which Novacore to use.
 *
 * @param demo            simulators on this computer; the window says so
 * @param mdnsInterfaces  the addresses to browse mDNS on
 * @param knownZaps       addresses checked directly at start (remembered Zaps; the simulator in demo mode)
 * @param novacoreBase    a custom Novacore base URL, if not production
 * @param demoToken       a token the demo stand-in issued, pre-filled in demo mode only
 */
public record AppConfig(boolean demo, List<InetAddress> mdnsInterfaces, List<URI> knownZaps, Optional<URI> novacoreBase,
                        Optional<String> demoToken) {

    @Override
    public String toString() {
        return "AppConfig[demo=" + demo + ", mdns=" + mdnsInterfaces + ", known=" + knownZaps + ", novacore="
                + novacoreBase + "]";
    }
}
