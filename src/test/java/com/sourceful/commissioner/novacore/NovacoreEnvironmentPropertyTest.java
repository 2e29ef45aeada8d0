package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/**
 * A custom Novacore URL (Provision step, {@code --novacore}): {@code https://} to any valid host, {@code http://}
 * only to a loopback host (a token never crosses a network in clear text), a port 1–65535 if any, no user info.
 * Whatever {@link NovacoreEnvironment#checkBaseUri} accepts meets that (AddressOracle's rules); what meets it is
 * accepted.
 */
class NovacoreEnvironmentPropertyTest {

    static Gen<String> urls() {
        Gen<String> hosts = Gens.oneOf(AddressOracle.hosts(), Gens.constant("localhost", "127.0.0.1", "127.1.2.3",
                "[::1]", "novacore-testnet.sourceful.dev", "192.168.1.10", "10.0.0.1", "[fe80::1]", "LOCALHOST"));
        return (r, size) -> {
            String s = (r.nextBoolean() ? "https" : r.nextInt(4) == 0 ? "HTTP" : "http") + "://" + hosts.next(r, size);
            if (r.nextBoolean()) {
                s += ":" + AddressOracle.ports().next(r, size);
            }
            if (r.nextBoolean()) {
                s += Gens.constant("/", "/api", "/v1/", "/?x=1").next(r, size);
            }
            return s;
        };
    }

    static boolean expected(String text) {
        String t = text.strip();
        AddressOracle.Parts p = AddressOracle.split(t);
        if (p == null || p.scheme() == null || !AddressOracle.isUriRest(p.rest())) {
            return false;
        }
        boolean hostOk = AddressOracle.isUrlHost(p.host());
        boolean portOk = p.port() == null || p.port().isEmpty() || AddressOracle.isPort(p.port());
        boolean schemeOk = p.scheme().equalsIgnoreCase("https")
                || (p.scheme().equalsIgnoreCase("http") && AddressOracle.isLoopbackHost(p.host()));
        return hostOk && portOk && schemeOk;
    }

    @Test
    void customUrlsAreAcceptedExactlyWhenSafe() {
        Gen<String> inputs = Gens.oneOf(urls(), Gens.nearMiss(urls()), Gens.nearMiss(urls()), Gens.anyText(30),
                Gens.constant("https://novacore.example:99999", "https://novacore.example:0", "http://127.0.0.1:70000",
                        "https://user:pw@novacore.example", "http://127.0.0.1@evil.example", "http://evil.example#@127.0.0.1",
                        "http://127.0.0.01:8081", "https://01.2.3.4", "http://localhost.:8081", "ftp://127.0.0.1",
                        "https:///path", "https://", "127.0.0.1:8081", "http://[::1]:8081", "http://[::ffff:127.0.0.1]"));
        Props.forAllStrings(3000, inputs, text -> {
            URI uri;
            try {
                uri = NovacoreEnvironment.checkBaseUri(text);
            } catch (IllegalArgumentException e) {
                assertThat(expected(text)).as("%s refused", Props.show(text)).isFalse();
                return;
            }
            assertThat(expected(text)).as("%s accepted as %s", Props.show(text), Props.show(uri.toString())).isTrue();
        });
    }
}
