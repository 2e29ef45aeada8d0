package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.sourceful.commissioner.discovery.LocalNetworkAccess.FindAdvice;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which of this computer's rules (macOS privacy, Windows firewall, a host firewall) keeps the app off the LAN, for
 * every OS on every OS. The addresses below are only data in a report: nothing is sent anywhere.
 */
class LocalNetworkAccessTest {

    private static final List<String> LAN = List.of("192.168.1.5");

    /** mDNS ran on a LAN interface, zap.local went unanswered, the sweep of the subnet is over. */
    private static DiscoveryReport everythingTried(List<String> interfaces, boolean multicastNoRoute) {
        return new DiscoveryReport(interfaces, true, Optional.of(false),
                List.of(interfaces.get(0).replaceAll("\\.\\d+$", ".0/24")), 254, 254, false, 0, List.of(),
                multicastNoRoute);
    }

    private static FoundZap zap(FoundZap.Source... sources) {
        return new FoundZap("zap-0000000a", URI.create("http://192.168.1.20/"), "1.4.2", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), 0, Set.of(sources), Instant.EPOCH, true);
    }

    @Test
    void theOsIsReadFromItsName() {
        assertThat(Os.of("Mac OS X")).isEqualTo(Os.MACOS);
        assertThat(Os.of("Windows 11")).isEqualTo(Os.WINDOWS);
        assertThat(Os.of("Windows Server 2022")).isEqualTo(Os.WINDOWS);
        assertThat(Os.of("Linux")).isEqualTo(Os.LINUX);
        assertThat(Os.of("FreeBSD")).isEqualTo(Os.OTHER);
        assertThat(Os.of(null)).isEqualTo(Os.OTHER);
    }

    @Test
    void noRouteToHostIsFoundAsAnExceptionOrInWordsAnywhereInTheCauses() {
        ZapException wrapped = new ZapException(ZapException.Kind.UNREACHABLE, "GET /api/system", 0,
                "NoRouteToHostException", null, new NoRouteToHostException("No route to host"));
        assertThat(LocalNetworkAccess.noRouteToHost(wrapped)).isTrue();
        assertThat(LocalNetworkAccess.noRouteToHost(new SocketException("No route to host"))).isTrue();
        assertThat(LocalNetworkAccess.noRouteToHost(new IOException("sendto failed",
                new SocketException("No route to host (sendto failed)")))).as("EHOSTUNREACH of a multicast send")
                .isTrue();
        assertThat(LocalNetworkAccess.noRouteToHost(new ConnectException("Connection refused"))).isFalse();
        assertThat(LocalNetworkAccess.noRouteToHost(new ZapException(ZapException.Kind.UNREACHABLE, "GET /api/system",
                0, "ConnectException", null, new ConnectException("Connection refused")))).isFalse();
        assertThat(LocalNetworkAccess.noRouteToHost(null)).isFalse();
    }

    @Test
    void onlyOnMacosIsNoRouteToHostThePrivacySetting() {
        NoRouteToHostException noRoute = new NoRouteToHostException("No route to host");
        assertThat(LocalNetworkAccess.blockedByMacosPrivacy(noRoute, Os.MACOS)).isTrue();
        assertThat(LocalNetworkAccess.blockedByMacosPrivacy(noRoute, Os.WINDOWS)).isFalse();
        assertThat(LocalNetworkAccess.blockedByMacosPrivacy(noRoute, Os.LINUX)).isFalse();
        assertThat(LocalNetworkAccess.blockedByMacosPrivacy(new ConnectException("Connection refused"), Os.MACOS))
                .isFalse();
    }

    @Test
    void zapsFoundOnlyByTheirAddressWhileMdnsHeardNothingPointAtEachOsOwnRule() {
        List<FoundZap> bySweep = List.of(zap(FoundZap.Source.SWEEP));
        DiscoveryReport report = everythingTried(LAN, false);
        Optional<Boolean> unknown = Optional.empty();
        assertThat(LocalNetworkAccess.forFind(Os.MACOS, bySweep, report, unknown))
                .isEqualTo(FindAdvice.MACOS_LOCAL_NETWORK);
        assertThat(LocalNetworkAccess.forFind(Os.WINDOWS, bySweep, report, unknown))
                .isEqualTo(FindAdvice.WINDOWS_FIREWALL);
        assertThat(LocalNetworkAccess.forFind(Os.WINDOWS, bySweep, report, Optional.of(false)))
                .isEqualTo(FindAdvice.WINDOWS_FIREWALL);
        assertThat(LocalNetworkAccess.forFind(Os.LINUX, bySweep, report, unknown)).isEqualTo(FindAdvice.HOST_FIREWALL);
        assertThat(LocalNetworkAccess.forFind(Os.OTHER, bySweep, report, unknown)).isEqualTo(FindAdvice.HOST_FIREWALL);
        assertThat(LocalNetworkAccess.forFind(Os.LINUX, List.of(zap(FoundZap.Source.RECENT)), report, unknown))
                .as("a remembered address answers too").isEqualTo(FindAdvice.HOST_FIREWALL);
    }

    @ParameterizedTest
    @EnumSource(Os.class)
    void anyMdnsAnswerMeansNoRuleBlocksIt(Os os) {
        DiscoveryReport report = everythingTried(LAN, false);
        assertThat(LocalNetworkAccess.forFind(os, List.of(zap(FoundZap.Source.SWEEP, FoundZap.Source.MDNS)), report,
                Optional.of(true))).isEqualTo(FindAdvice.NONE);
        assertThat(LocalNetworkAccess.forFind(os, List.of(zap(FoundZap.Source.ZAP_LOCAL)), report, Optional.of(true)))
                .isEqualTo(FindAdvice.NONE);
        DiscoveryReport recordHeard = new DiscoveryReport(LAN, true, Optional.of(false), List.of("192.168.1.0/24"),
                254, 254, false, 0, List.of(new DiscoveryReport.UnansweredMdns("zap-0000000b", "192.168.1.30", 80,
                        ZapException.Kind.TIMEOUT, 0)), false);
        assertThat(LocalNetworkAccess.forFind(os, List.of(zap(FoundZap.Source.SWEEP)), recordHeard, Optional.of(true)))
                .as("a record was heard, its address did not answer").isEqualTo(FindAdvice.NONE);
        DiscoveryReport zapLocalAnswered = new DiscoveryReport(LAN, true, Optional.of(true), List.of("192.168.1.0/24"),
                254, 254, false, 0);
        assertThat(LocalNetworkAccess.forFind(os, List.of(zap(FoundZap.Source.SWEEP)), zapLocalAnswered,
                Optional.of(true))).isEqualTo(FindAdvice.NONE);
    }

    @ParameterizedTest
    @EnumSource(Os.class)
    void nothingIsConcludedBeforeEverythingWasTriedNorOnLoopback(Os os) {
        List<FoundZap> bySweep = List.of(zap(FoundZap.Source.SWEEP));
        DiscoveryReport sweeping = new DiscoveryReport(LAN, true, Optional.of(false), List.of("192.168.1.0/24"), 100,
                254, true, 0);
        assertThat(LocalNetworkAccess.forFind(os, bySweep, sweeping, Optional.of(true))).isEqualTo(FindAdvice.NONE);
        assertThat(LocalNetworkAccess.forFind(os, bySweep, everythingTried(List.of("127.0.0.1"), true),
                Optional.of(true))).as("the demo and the tests").isEqualTo(FindAdvice.NONE);
        DiscoveryReport mdnsNeverRan = new DiscoveryReport(LAN, false, Optional.of(false), List.of("192.168.1.0/24"),
                254, 254, false, 0);
        assertThat(LocalNetworkAccess.forFind(os, bySweep, mdnsNeverRan, Optional.empty())).isEqualTo(FindAdvice.NONE);
        assertThat(LocalNetworkAccess.forFind(os, bySweep, null, Optional.empty())).isEqualTo(FindAdvice.NONE);
    }

    @Test
    void aRefusedMdnsQueryIsThePrivacySettingOnMacosAtOnceAndNothingElsewhere() {
        DiscoveryReport refusedEarly = new DiscoveryReport(LAN, true, Optional.empty(), List.of("192.168.1.0/24"), 0,
                254, true, 0, List.of(), true);
        assertThat(LocalNetworkAccess.forFind(Os.MACOS, List.of(), refusedEarly, Optional.empty()))
                .isEqualTo(FindAdvice.MACOS_LOCAL_NETWORK);
        assertThat(LocalNetworkAccess.forFind(Os.LINUX, List.of(), refusedEarly, Optional.empty()))
                .isEqualTo(FindAdvice.NONE);
        assertThat(LocalNetworkAccess.forFind(Os.WINDOWS, List.of(), refusedEarly, Optional.empty()))
                .isEqualTo(FindAdvice.NONE);
    }

    @Test
    void aPublicWindowsNetworkIsNamedWhenMdnsHeardNothingEvenWithNoZapFound() {
        DiscoveryReport report = everythingTried(LAN, false);
        assertThat(LocalNetworkAccess.forFind(Os.WINDOWS, List.of(), report, Optional.of(true)))
                .isEqualTo(FindAdvice.WINDOWS_PUBLIC_NETWORK);
        assertThat(LocalNetworkAccess.forFind(Os.WINDOWS, List.of(zap(FoundZap.Source.SWEEP)), report,
                Optional.of(true))).isEqualTo(FindAdvice.WINDOWS_PUBLIC_NETWORK);
        assertThat(LocalNetworkAccess.forFind(Os.WINDOWS, List.of(), report, Optional.of(false)))
                .as("an empty Private network: nothing points at the firewall").isEqualTo(FindAdvice.NONE);
        assertThat(LocalNetworkAccess.forFind(Os.LINUX, List.of(), report, Optional.of(true)))
                .as("only Windows has network profiles").isEqualTo(FindAdvice.NONE);
    }
}
