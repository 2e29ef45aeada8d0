package com.sourceful.commissioner.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

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
}
