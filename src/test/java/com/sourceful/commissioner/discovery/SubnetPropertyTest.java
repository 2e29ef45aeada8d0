package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/**
 * {@code discover --subnet CIDR}: an IPv4 address (AddressOracle's dotted quad) and a prefix of ASCII digits from
 * 24 to 32. Anything else is refused with an IllegalArgumentException; an accepted subnet holds its address.
 */
class SubnetPropertyTest {

    static Gen<String> cidrs() {
        return (r, size) -> AddressOracle.dottedQuads().next(r, size) + "/" + r.nextInt(22, 33);
    }

    @Test
    void subnetsAreParsedExactlyWhenValid() {
        Gen<String> inputs = Gens.oneOf(cidrs(), Gens.nearMiss(cidrs()), Gens.nearMiss(cidrs()), Gens.anyText(25),
                Gens.constant("127.0.0.0/24", "127.0.0.0/٢٤", "127.0.0.0/+24", "127.0.0.0/024", "010.0.0.0/24",
                        "999.1.1.1/24", "1.2.3/24", "127.0.0.0/", "/24", "127.0.0.0/24/24", "::1/128", "127.0.0.0/23"));
        Props.forAllStrings(3000, inputs, text -> {
            String t = text == null ? "" : text.strip();
            int slash = t.indexOf('/');
            boolean valid = slash > 0 && AddressOracle.isDottedQuad(t.substring(0, slash))
                    && AddressOracle.isNumberIn(t.substring(slash + 1), 24, 32);
            Subnet s;
            try {
                s = Subnet.parse(text);
            } catch (IllegalArgumentException e) {
                assertThat(valid).as("%s refused", Props.show(text)).isFalse();
                return;
            }
            assertThat(valid).as("%s accepted as %s", Props.show(text), Props.show(s.toString())).isTrue();
            assertThat(s.prefix()).isEqualTo(Integer.parseInt(t.substring(slash + 1)));
            assertThat(s.contains(InetAddress.getByName(t.substring(0, slash)))).isTrue();
        });
    }
}
