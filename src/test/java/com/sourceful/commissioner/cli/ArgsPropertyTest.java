package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/**
 * Command-line values: {@code --port}, {@code --interface ADDRESS} and {@code check HOST[:PORT]} get valid values,
 * near misses and any text, and accept exactly what {@link AddressOracle} calls valid (else a usage error).
 */
class ArgsPropertyTest {

    static Gen<String> around(Gen<String> valid) {
        return Gens.oneOf(valid, Gens.nearMiss(valid), Gens.nearMiss(valid), Gens.anyText(20),
                Gens.constant("0", "65536", "+80", "-80", "٨٠", "８０", "80 80", "2147483648", "0x50", "", "010.0.0.1",
                        "1.2.3", "256.0.0.1", "1.2.3.4.", " 192.168.1.23 "));
    }

    @Test
    void portOption() {
        Props.forAllStrings(3000, around(AddressOracle.ports()), text -> {
            boolean valid = AddressOracle.isPort(text.strip());
            try {
                int p = Args.port("--port", text);
                assertThat(valid).as("%s accepted as %s", Props.show(text), Props.show(String.valueOf(p))).isTrue();
                assertThat(p).isEqualTo(Integer.parseInt(text.strip()));
            } catch (UsageException e) {
                assertThat(valid).as("%s refused", Props.show(text)).isFalse();
            }
        });
    }

    @Test
    void interfaceAddressOption() {
        Props.forAllStrings(3000, around(AddressOracle.dottedQuads()), text -> {
            boolean valid = AddressOracle.isDottedQuad(text.strip());
            try {
                var a = Args.ipv4("--interface", text);
                assertThat(valid).as("%s accepted as %s", Props.show(text), Props.show(a.toString())).isTrue();
                assertThat(a.getHostAddress()).isEqualTo(text.strip());
            } catch (UsageException e) {
                assertThat(valid).as("%s refused", Props.show(text)).isFalse();
            }
        });
    }

    /** {@code check HOST[:PORT]}: no scheme and no path, else what a typed Zap address allows. */
    @Test
    void checkTarget() {
        Gen<String> valid = (r, size) -> {
            String host = Gens.oneOf(AddressOracle.hosts(), Gens.constant("[::1]", "[fe80::1]")).next(r, size);
            return r.nextBoolean() ? host : host + ":" + AddressOracle.ports().next(r, size);
        };
        Props.forAllStrings(3000, around(valid), text -> {
            String t = text.strip();
            boolean expected = !t.contains("://") && !t.contains("/") && !t.contains("?") && !t.contains("#")
                    && !t.endsWith(":") && AddressOracle.isZapAddress(t);
            try {
                URI uri = CheckCommand.baseUri(text);
                assertThat(expected).as("%s accepted as %s", Props.show(text), Props.show(uri.toString())).isTrue();
            } catch (IllegalArgumentException e) {
                assertThat(expected).as("%s refused", Props.show(text)).isFalse();
            }
        });
    }
}
