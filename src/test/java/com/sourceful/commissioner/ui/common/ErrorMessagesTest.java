package com.sourceful.commissioner.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;

import com.sourceful.commissioner.discovery.LocalNetworkAccess.FindAdvice;
import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;
import com.sourceful.commissioner.http.PresentedCertificate;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of Zap failure reads as a sentence, with or without the Zap's own words. */
class ErrorMessagesTest {

    @ParameterizedTest
    @EnumSource(ZapException.Kind.class)
    void everyKindHasItsOwnSentence(ZapException.Kind kind) {
        String with = ErrorMessages.of(new ZapException(kind, "GET /api/system", 500, "detail words", null, null));
        String without = ErrorMessages.of(new ZapException(kind, "GET /api/system", null));
        for (String text : new String[] {with, without}) {
            assertThat(text).isNotBlank().doesNotContain("{", "null", "()", "Something unexpected");
        }
    }

    @Test
    void lowMemoryIsNamed() {
        String text = ErrorMessages.of(new ZapException(ZapException.Kind.REJECTED, "POST /api/devices", 503,
                "low memory: free heap below 55 KB", null, null));
        assertThat(text).contains("low on memory").contains("POST /api/devices");
        assertThat(ErrorMessages.of(new ZapException(ZapException.Kind.REJECTED, "GET /api/system", 503, "busy", null,
                null))).contains("HTTP 503").contains("busy");
    }

    @Test
    void aSiteWithoutAccessSaysWhomToAskInBothLanguages() {
        NovacoreException forbidden = new NovacoreException(NovacoreException.Kind.REJECTED, 403, "forbidden",
                "not a member of this organisation", null, null, null);
        try {
            Messages.setLanguage("en");
            assertThat(ErrorMessages.novacore(forbidden)).contains("Ask the site's administrator for access");
            Messages.setLanguage("sv");
            assertThat(ErrorMessages.novacore(forbidden)).contains("Be anläggningens administratör om åtkomst");
        } finally {
            Messages.setLanguage(null);
        }
    }

    @Test
    void anInterceptedConnectionAsksAboutAGuestNetworkInBothLanguages() {
        NovacoreException intercepted = NovacoreException.intercepted(
                new PresentedCertificate("CN=portal.hotel.example", "CN=Hotel WiFi CA"), null);
        try {
            Messages.setLanguage("en");
            assertThat(ErrorMessages.of(intercepted)).contains("The connection to Novacore is being intercepted")
                    .contains("guest network with a login page").doesNotContain("cannot be reached");
            Messages.setLanguage("sv");
            assertThat(ErrorMessages.of(intercepted)).contains("fångas upp")
                    .contains("gästnätverk med en inloggningssida");
        } finally {
            Messages.setLanguage(null);
        }
    }

    /** As {@code ZapClient} reports a connection that failed with {@code cause}. */
    private static ZapException unreachable(Exception cause) {
        return new ZapException(ZapException.Kind.UNREACHABLE, "GET /api/system", 0, cause.getClass().getSimpleName(),
                null, cause);
    }

    @Test
    void noRouteToHostOnMacosSaysWhereToAllowTheAppInBothLanguages() {
        ZapException noRoute = unreachable(new NoRouteToHostException("No route to host"));
        ZapException inWords = unreachable(new SocketException("No route to host"));
        try {
            Messages.setLanguage("en");
            for (ZapException e : new ZapException[] {noRoute, inWords}) {
                assertThat(ErrorMessages.of(e, Os.MACOS)).contains("macOS is blocking Zap Commissioner")
                        .contains("System Settings → Privacy & Security → Local Network").contains("try again")
                        .doesNotContain("Is it powered");
                assertThat(ErrorMessages.zap(e, Os.MACOS)).isEqualTo(ErrorMessages.of(e, Os.MACOS));
            }
            Messages.setLanguage("sv");
            assertThat(ErrorMessages.of(noRoute, Os.MACOS)).contains("macOS hindrar Zap Commissioner")
                    .contains("Systeminställningar → Integritet och säkerhet → Lokalt nätverk");
        } finally {
            Messages.setLanguage(null);
        }
    }

    @Test
    void noRouteToHostElsewhereKeepsItsOrdinaryMeaningInBothLanguages() {
        ZapException noRoute = unreachable(new NoRouteToHostException("No route to host"));
        try {
            Messages.setLanguage("en");
            for (Os os : new Os[] {Os.WINDOWS, Os.LINUX, Os.OTHER}) {
                assertThat(ErrorMessages.of(noRoute, os)).isEqualTo(Messages.get("error.zap.unreachable"))
                        .doesNotContain("macOS");
            }
            assertThat(ErrorMessages.of(unreachable(new ConnectException("Connection refused")), Os.MACOS))
                    .as("a refused connection on macOS is no privacy matter")
                    .isEqualTo(Messages.get("error.zap.unreachable"));
            Messages.setLanguage("sv");
            assertThat(ErrorMessages.of(noRoute, Os.LINUX)).isEqualTo("Zappen svarar inte. Har den ström, och är den "
                    + "här datorn på samma nätverk?");
        } finally {
            Messages.setLanguage(null);
        }
    }

    @Test
    void eachAdviceAboutBlockedMdnsSaysTheFixInBothLanguages() {
        try {
            Messages.setLanguage("en");
            assertThat(ErrorMessages.localNetwork(FindAdvice.NONE)).isEmpty();
            assertThat(ErrorMessages.localNetwork(FindAdvice.MACOS_LOCAL_NETWORK))
                    .contains("macOS is blocking Zap Commissioner")
                    .contains("System Settings → Privacy & Security → Local Network");
            assertThat(ErrorMessages.localNetwork(FindAdvice.WINDOWS_FIREWALL)).contains("Windows Defender Firewall")
                    .contains("Private").contains("MSI").contains("allow Zap Commissioner");
            assertThat(ErrorMessages.localNetwork(FindAdvice.WINDOWS_PUBLIC_NETWORK)).contains("set to Public")
                    .contains("Set the network to Private").contains("MSI").contains("allow Zap Commissioner");
            assertThat(ErrorMessages.localNetwork(FindAdvice.HOST_FIREWALL)).contains("a firewall on this computer")
                    .doesNotContain("Windows", "macOS");
            Messages.setLanguage("sv");
            assertThat(ErrorMessages.localNetwork(FindAdvice.MACOS_LOCAL_NETWORK))
                    .contains("Systeminställningar → Integritet och säkerhet → Lokalt nätverk");
            assertThat(ErrorMessages.localNetwork(FindAdvice.WINDOWS_FIREWALL))
                    .contains("Windows Defender-brandväggen").contains("Privat").contains("MSI-paketet");
            assertThat(ErrorMessages.localNetwork(FindAdvice.WINDOWS_PUBLIC_NETWORK)).contains("Offentligt")
                    .contains("Ställ in nätverket som Privat");
            assertThat(ErrorMessages.localNetwork(FindAdvice.HOST_FIREWALL))
                    .contains("en brandvägg på den här datorn");
        } finally {
            Messages.setLanguage(null);
        }
    }
}
