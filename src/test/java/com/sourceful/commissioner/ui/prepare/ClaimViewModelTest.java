package com.sourceful.commissioner.ui.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.NewZapAndNovacore;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.common.ZapClients;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claim panel against the simulators: who holds the Zap, the organisation, and each kind of claim answer. */
class ClaimViewModelTest {

    NewZapAndNovacore sims;
    ZapSimulator zap;
    NovacoreStandIn nova;
    ZapClients clients = new ZapClients();
    CommissioningSession session = new CommissioningSession();
    ClaimViewModel claim;
    NovacoreSignIn signIn;

    @BeforeEach
    void start() throws Exception {
        sims = NewZapAndNovacore.start();
        zap = sims.zap();
        nova = sims.novacore();
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), "1"));
        AppConfig config = new AppConfig(true, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(),
                Optional.empty(), null, null), Optional.of(nova.baseUri()), Optional.empty());
        Tasks tasks = Tasks.currentThread();
        signIn = new NovacoreSignIn(tasks, CompletableFuture.completedFuture(config), session,
                Clock.systemUTC());
        claim = new ClaimViewModel(tasks, clients, session, signIn, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        clients.close();
        sims.close();
    }

    private void signInAs(String org) {
        signIn.tokenTextProperty().set(nova.issueToken(NovacoreStandIn.newIdentityId(), org, Duration.ofHours(1)));
    }

    @Test
    void aNewZapIsNotOursUntilClaimedThenItIsAndTheSessionKnows() {
        claim.enter();
        assertThat(claim.standingProperty().get()).isEqualTo(Messages.get("prepare.claim.signInFirst", zap.serial()));
        assertThat(claim.canClaimProperty().get()).isFalse();

        signInAs(null); // the demo's token names no organisation: the demo sites' org_id decides
        assertThat(claim.organisationProperty().get()).isEqualTo(NovacoreStandIn.DEMO_ORG);
        assertThat(claim.organisationHintProperty().get()).isEqualTo(Messages.get("prepare.claim.org.fromSites"));
        assertThat(claim.standingProperty().get())
                .isEqualTo(Messages.get("prepare.claim.notOurs", zap.serial(), NovacoreStandIn.DEMO_ORG));
        assertThat(claim.standingToneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(session.claimedBy(zap.serial())).isEmpty();

        claim.claim();
        assertThat(claim.resultProperty().get()).isEqualTo(Messages.get("prepare.claim.outcome.CLAIMED",
                zap.serial(), NovacoreStandIn.DEMO_ORG, ""));
        assertThat(claim.resultToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(claim.standingProperty().get()).startsWith(Messages.get("prepare.claim.ours", zap.serial(),
                NovacoreStandIn.DEMO_ORG, "").replaceAll("\\.$", ""));
        assertThat(session.claimedBy(zap.serial())).contains(NovacoreStandIn.DEMO_ORG);

        claim.claim();
        assertThat(claim.resultProperty().get()).isEqualTo(Messages.get("prepare.claim.outcome.ALREADY_OURS",
                zap.serial(), NovacoreStandIn.DEMO_ORG, ""));

        // Entered again later: Novacore's list now says it is ours, and since when (local time, to the minute).
        claim.enter();
        assertThat(claim.standingToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(claim.standingProperty().get()).matches(".* since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\.");
    }

    @Test
    void aZapAnotherOrganisationHoldsIsAClearStop() {
        nova.claimGateway(zap.serial(), "org-other");
        signInAs(null);
        claim.enter();
        claim.claim();
        assertThat(claim.resultProperty().get()).isEqualTo(Messages.get("prepare.claim.outcome.CLAIMED_BY_ANOTHER",
                zap.serial(), NovacoreStandIn.DEMO_ORG, ""));
        assertThat(claim.resultToneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(claim.standingProperty().get()).as("now known: another's, not new")
                .isEqualTo(Messages.get("prepare.claim.another", zap.serial()));
        assertThat(session.claimedBy(zap.serial())).isEmpty();
    }

    @Test
    void theTokensOrganisationWinsOverTheSitesAndATypedOneIsKept() {
        signInAs("org-token");
        claim.enter();
        assertThat(claim.organisationProperty().get()).isEqualTo("org-token");
        assertThat(claim.organisations()).containsExactly("org-token", NovacoreStandIn.DEMO_ORG);

        claim.organisationChosen(NovacoreStandIn.DEMO_ORG);
        claim.refresh();
        assertThat(claim.organisationProperty().get()).as("chosen by the technician: kept")
                .isEqualTo(NovacoreStandIn.DEMO_ORG);
    }

    @Test
    void aZapThatCannotBeAskedIsExplainedAndNothingIsClaimed() {
        signInAs(null);
        claim.enter();
        zap.close();
        claim.claim();
        assertThat(claim.resultToneProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(claim.resultProperty().get()).as("the Zap's failure, in the panel's words")
                .startsWith(Messages.get("prepare.claim.outcome.ZAP_FAILED", zap.serial(), NovacoreStandIn.DEMO_ORG,
                        "").strip());
        assertThat(session.claimedBy(zap.serial())).isEmpty();
    }
}
