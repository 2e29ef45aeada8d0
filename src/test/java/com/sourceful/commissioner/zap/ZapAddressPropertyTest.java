package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Props;

import org.junit.jupiter.api.Test;

/**
 * {@link ZapClient#baseUriOf}, which turns a typed Zap address ("192.168.1.20", "zap.local:8080", "http://…") into
 * the base URI every call uses, gets valid addresses, near misses and any text. It accepts exactly what
 * {@link AddressOracle#isZapAddress} calls valid (and only throws IllegalArgumentException otherwise), and what it
 * returns is {@code http://host[:port]/}.
 */
class ZapAddressPropertyTest {

    @Test
    void typedAddressesAreAcceptedExactlyWhenValid() {
        Props.forAllStrings(4000, AddressOracle.zapAddressInputs(), text -> {
            URI uri;
            try {
                uri = ZapClient.baseUriOf(text);
            } catch (IllegalArgumentException refused) {
                assertThat(AddressOracle.isZapAddress(text)).as("%s refused, but it is a valid address",
                        Props.show(text)).isFalse();
                return;
            }
            assertThat(AddressOracle.isZapAddress(text)).as("%s accepted as %s", Props.show(text), Props.show(uri.toString())).isTrue();
            assertThat(uri.getScheme()).isEqualToIgnoringCase("http");
            assertThat(uri.getHost()).isNotNull();
            assertThat(uri.getRawUserInfo()).isNull();
            assertThat(uri.getPort()).isBetween(-1, 65535).isNotZero();
            assertThat(uri.getRawPath()).isEqualTo("/");
            assertThat(uri.getRawQuery()).isNull();
        });
    }
}
