package com.sourceful.commissioner.discovery;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this computer's own rules, not the network, keep the app off the local network, and which advice fits:
 * macOS Local Network privacy (connections and multicast sends fail with "No route to host"), Windows Defender
 * Firewall (drops mDNS answers, on a network set to Public unless the app has a rule), a host firewall elsewhere.
 * The OS is a parameter, so every branch is tested on every OS.
 */
public final class LocalNetworkAccess {

    /** Sources that reach a Zap by its address (unicast), as opposed to mDNS. */
    private static final Set<FoundZap.Source> BY_ADDRESS = EnumSet.of(FoundZap.Source.SWEEP, FoundZap.Source.RECENT,
            FoundZap.Source.TYPED, FoundZap.Source.KNOWN);
    private static final int MAX_CAUSES = 16;

    private LocalNetworkAccess() {
    }

    /** The operating systems whose rules differ here. */
    public enum Os {
        MACOS, WINDOWS, LINUX, OTHER;

        /** From a {@code os.name} value ("Mac OS X", "Windows 11", "Linux"). */
        public static Os of(String osName) {
            String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MACOS;
            }
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            return name.contains("linux") ? LINUX : OTHER;
        }

        public static Os current() {
            return of(System.getProperty("os.name", ""));
        }
    }

    /** What the Find step should add about this computer's rules. */
    public enum FindAdvice {
        /** Nothing points at this computer's rules. */
        NONE,
        /** macOS: allow the app under Privacy &amp; Security → Local Network. */
        MACOS_LOCAL_NETWORK,
        /** Windows: the firewall drops mDNS answers; Private profile, the MSI's rule, or allow the app. */
        WINDOWS_FIREWALL,
        /** Windows: the same, and a connected network is set to Public. */
        WINDOWS_PUBLIC_NETWORK,
        /** Elsewhere: a firewall on this computer may drop mDNS answers. */
        HOST_FIREWALL
    }

    /**
     * The failure, or one of its causes, is "No route to host": a {@link NoRouteToHostException} or an I/O error
     * with those words (EHOSTUNREACH, as a refused multicast send reports it).
     */
    public static boolean noRouteToHost(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("no route to host")) {
                return true;
            }
        }
        return false;
    }

    /**
     * On macOS, "No route to host" to a LAN address is what Local Network privacy answers an app it has not allowed
     * (macOS 15 and later, without a prompt). Elsewhere it keeps its ordinary meaning: host down, or another subnet.
     */
    public static boolean blockedByMacosPrivacy(Throwable error, Os os) {
        return os == Os.MACOS && noRouteToHost(error);
    }

    /**
     * What Find should say, from what discovery found and heard. On macOS an mDNS query refused with "No route to
     * host" is Local Network privacy. Otherwise advice needs everything tried ({@link DiscoveryReport#triedEverything})
     * with mDNS running and hearing nothing at all (no Zap by mDNS or zap.local, no record, zap.local unanswered):
     * then Zaps answering at their addresses point at this computer's rules (which rule, by OS); on Windows a network
     * set to Public ({@code publicNetwork}) is named even with no Zap found. Discovery kept to loopback (tests, demo)
     * gets no advice: no such rule stands between a program and its own machine.
     */
    /** How many of the Zaps answered at an address (sweep, a recent address, a typed one) rather than by mDNS. */
    public static long answeredAtAddress(Collection<FoundZap> zaps) {
        return zaps.stream().filter(z -> z.sources().stream().anyMatch(BY_ADDRESS::contains)).count();
    }

    public static FindAdvice forFind(Os os, Collection<FoundZap> zaps, DiscoveryReport report,
                                     Optional<Boolean> publicNetwork) {
        if (report == null || !onLan(report)) {
            return FindAdvice.NONE;
        }
        if (os == Os.MACOS && report.multicastNoRoute()) {
            return FindAdvice.MACOS_LOCAL_NETWORK;
        }
        if (!report.multicastSent() || !report.triedEverything() || mdnsHeard(zaps, report)) {
            return FindAdvice.NONE;
        }
        boolean answerAtAddress = answeredAtAddress(zaps) > 0;
        if (os == Os.WINDOWS && publicNetwork.orElse(false)) {
            return FindAdvice.WINDOWS_PUBLIC_NETWORK;
        }
        if (!answerAtAddress) {
            return FindAdvice.NONE;
        }
        return switch (os) {
            case MACOS -> FindAdvice.MACOS_LOCAL_NETWORK;
            case WINDOWS -> FindAdvice.WINDOWS_FIREWALL;
            case LINUX, OTHER -> FindAdvice.HOST_FIREWALL;
        };
    }

    private static boolean mdnsHeard(Collection<FoundZap> zaps, DiscoveryReport report) {
        return report.zapLocalAnswered().orElse(false) || !report.unansweredMdns().isEmpty()
                || zaps.stream().anyMatch(z -> z.sources().contains(FoundZap.Source.MDNS)
                        || z.sources().contains(FoundZap.Source.ZAP_LOCAL));
    }

    private static boolean onLan(DiscoveryReport report) {
        return report.mdnsInterfaces().stream().anyMatch(a -> !a.startsWith("127."))
                || report.sweptSubnets().stream().anyMatch(s -> !s.startsWith("127."));
    }
}
