package com.sourceful.commissioner.wifi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Good from -67 dBm, fair down to -75, weak below. */
class RssiVerdictTest {

    @ParameterizedTest
    @CsvSource({"-30, GOOD", "-67, GOOD", "-68, FAIR", "-75, FAIR", "-76, WEAK", "-90, WEAK"})
    void theLinesAreWhereTheyAreSaidToBe(int rssi, RssiVerdict expected) {
        assertThat(RssiVerdict.of(rssi)).isEqualTo(expected);
    }
}
