package com.sourceful.commissioner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;

import org.junit.jupiter.api.Test;

/** {@link Addresses} agrees with the independently written {@link AddressOracle} on valid, almost valid and any text. */
class AddressesPropertyTest {

    static Gen<String> around(Gen<String> valid) {
        return Gens.oneOf(valid, valid, Gens.nearMiss(valid), Gens.nearMiss(valid), Gens.nearMiss(valid), Gens.anyText(20));
    }

    @Test
    void dottedQuads() {
        Props.forAllStrings(3000, around(AddressOracle.dottedQuads()), text -> assertThat(Addresses.isDottedQuad(text))
                .as("%s", Props.show(text)).isEqualTo(AddressOracle.isDottedQuad(text)));
    }

    @Test
    void hostNames() {
        Props.forAllStrings(3000, around(AddressOracle.hosts()), text -> assertThat(Addresses.isHostName(text))
                .as("%s", Props.show(text)).isEqualTo(AddressOracle.isHostName(text)));
    }

    @Test
    void ports() {
        Props.forAllStrings(3000, around(AddressOracle.ports()), text -> assertThat(Addresses.isPort(text))
                .as("%s", Props.show(text)).isEqualTo(AddressOracle.isPort(text)));
    }
}
