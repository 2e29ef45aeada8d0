package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NovacoreEnvironmentTest {

    @Test
    void fixedEnvironmentsAreHttps() {
        assertThat(NovacoreEnvironment.PRODUCTION.baseUri()).isEqualTo(URI.create("https://novacore-mainnet.sourceful.dev"));
        assertThat(NovacoreEnvironment.TEST.baseUri()).isEqualTo(URI.create("https://novacore-testnet.sourceful.dev"));
        assertThatThrownBy(NovacoreEnvironment.CUSTOM::baseUri).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://novacore-testnet.sourceful.dev", "https://novacore.example.com:8443/api/",
            "HTTPS://10.1.2.3", "https://192.168.1.10", "  https://novacore-mainnet.sourceful.dev  "})
    void httpsIsAcceptedAnywhere(String url) {
        assertThat(NovacoreEnvironment.checkBaseUri(url)).isEqualTo(URI.create(url.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.5.6.7/", "http://localhost:9000", "http://LOCALHOST",
            "http://[::1]:8080/", "HTTP://127.0.0.1"})
    void httpIsAcceptedOnlyForLoopback(String url) {
        assertThat(NovacoreEnvironment.checkBaseUri(url).getHost()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://192.168.1.10:8080", "http://10.0.0.1", "http://novacore-testnet.sourceful.dev",
            "http://localhost.example.com", "http://127.0.0.1./", "http://127.0.0.1.nip.io/", "http://127.0.0.1@example.com/", "http://[2001:db8::1]/",
            "ftp://127.0.0.1", "novacore-testnet.sourceful.dev", "127.0.0.1:8080", "https://", "not a url", ""})
    void everythingElseIsRefused(String url) {
        assertThatThrownBy(() -> NovacoreEnvironment.checkBaseUri(url)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Found by NovacoreEnvironmentPropertyTest: these were accepted. A port over 65535 made every Novacore call throw
     * an unchecked IllegalArgumentException; a URL with user info cannot be sent at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"https://novacore.example:99999", "https://novacore.example:0", "http://127.0.0.1:70000",
            "https://user:pw@novacore.example", "https://@a", "https://01.2.3.4", "http://127.0.0.01:8081",
            "https://0x7f.0.0.1"})
    void badPortsUserInfoAndAmbiguousHostsAreRefused(String url) {
        assertThatThrownBy(() -> NovacoreEnvironment.checkBaseUri(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClientRefusesPlainHttpToANonLoopbackHost() {
        assertThatThrownBy(() -> new NovacoreClient(URI.create("http://192.168.1.10"), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }
}
