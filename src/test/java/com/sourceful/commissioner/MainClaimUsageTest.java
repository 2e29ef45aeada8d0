package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The app's usage text lists the claim command with its token options, and no way to pass the token itself. */
class MainClaimUsageTest {

    @Test
    void usageListsClaim() {
        assertThat(Main.USAGE).contains("zap-commissioner claim HOST[:PORT] --novacore URL --org ORG [--token-file FILE]")
                .doesNotContain("--token ");
    }
}
