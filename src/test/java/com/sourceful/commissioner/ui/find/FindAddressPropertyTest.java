package com.sourceful.commissioner.ui.find;

import static org.assertj.core.api.Assertions.assertThat;

import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Props;

import org.junit.jupiter.api.Test;

/** The Find step's typed-address check enables "Check" exactly for valid Zap addresses (see AddressOracle). */
class FindAddressPropertyTest {

    @Test
    void checkIsOfferedExactlyForValidAddresses() {
        Props.forAllStrings(3000, AddressOracle.zapAddressInputs(), text -> assertThat(FindViewModel.isValidAddress(text))
                .as("%s", Props.show(text)).isEqualTo(AddressOracle.isZapAddress(text)));
    }
}
