package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.NewZapAndNovacore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app's claim (ClaimCommand → ZapClaim → ClaimSignature) against the simulators, which were written apart from it
 * to the same documents: the Zap signs for real, the stand-in verifies for real. They agree on every byte or this fails.
 */
class ClaimAgainstSimulatorsTest {

    NewZapAndNovacore sims;
    ZapSimulator zap;
    NovacoreStandIn nova;

    @BeforeEach
    void start() throws Exception {
        sims = NewZapAndNovacore.start();
        zap = sims.zap();
        nova = sims.novacore();
    }

    @AfterEach
    void stop() {
        sims.close();
    }

    private int claim(String org, Streams io) {
        String token = nova.issueToken(NovacoreStandIn.newIdentityId(), org, Duration.ofHours(1));
        return ClaimCommand.run(new String[]{"127.0.0.1:" + zap.port(), "--novacore", nova.baseUri().toString(),
                "--org", org}, new ByteArrayInputStream(token.getBytes(StandardCharsets.UTF_8)), null, io.out, io.err,
                Clock.systemUTC());
    }

    @Test
    void aNewZapIsClaimedThenIsAlreadyOursAndAnotherOrganisationIsRefused() {
        Streams first = new Streams();
        assertThat(claim(NovacoreStandIn.DEMO_ORG, first)).as(first.out() + first.err()).isZero();
        assertThat(first.out()).startsWith("claimed");

        Streams again = new Streams();
        assertThat(claim(NovacoreStandIn.DEMO_ORG, again)).as(again.out() + again.err()).isZero();
        assertThat(again.out()).startsWith("already claimed");

        Streams other = new Streams();
        assertThat(claim("org-other", other)).as(other.out() + other.err()).isEqualTo(3);
        assertThat(other.err()).startsWith("refused");
    }
}
