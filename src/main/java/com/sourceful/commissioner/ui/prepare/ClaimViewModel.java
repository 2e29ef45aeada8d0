package com.sourceful.commissioner.ui.prepare;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.ClaimOrganisation;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ZapClaim;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.ClaimedGateway;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.common.ZapClients;

/**
 * The claim panel: who holds the chosen Zap (asked of Novacore once signed in), the organisation that claims it, and
 * "Claim this Zap". What a claim answer means is {@link ZapClaim}'s to decide; this maps it to the panel's texts.
 */
public final class ClaimViewModel implements PreparePanel {


    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Tasks tasks;
    private final ZapClients zapClients;
    private final CommissioningSession session;
    private final NovacoreSignIn signIn;
    private final Clock clock;
    private final StringProperty organisation = new SimpleStringProperty("");
    private final ObservableList<String> organisations = FXCollections.observableArrayList();
    private final StringProperty organisationHint = new SimpleStringProperty("");
    private final StringProperty standing = new SimpleStringProperty("");
    private final ObjectProperty<Tone> standingTone = new SimpleObjectProperty<>(Tone.NONE);
    private final StringProperty result = new SimpleStringProperty("");
    private final ObjectProperty<Tone> resultTone = new SimpleObjectProperty<>(Tone.NONE);
    private final BooleanProperty claiming = new SimpleBooleanProperty();
    private final BooleanProperty claimedHere = new SimpleBooleanProperty();
    private final BooleanBinding canClaim;
    private Tasks.Handle work;
    /** Which Zap the panel's texts are about; another Zap starts afresh. */
    private String shownFor;
    /** The organisation was filled in by the panel (token or sites), not typed: a new sign-in may replace it. */
    private boolean organisationDecided;
    private boolean entered;

    public ClaimViewModel(Tasks tasks, ZapClients zapClients, CommissioningSession session, NovacoreSignIn signIn,
                          Clock clock) {
        this.tasks = tasks;
        this.zapClients = zapClients;
        this.session = session;
        this.signIn = signIn;
        this.clock = clock;
        // Enabled without an organisation too (pressing it then asks for one): the button is the step's first
        // focus, and the organisation arrives a moment after the step shows.
        canClaim = Bindings.createBooleanBinding(() -> signIn.signedInProperty().get() && !claiming.get(),
                signIn.signedInProperty(), claiming);
        signIn.tokenProperty().addListener((o, was, now) -> {
            if (entered) {
                organisationDecided = organisationDecided || organisation.get().isBlank();
                refresh();
            }
        });
    }

    /** The step is shown for the session's Zap: who holds it, if the technician is signed in. */
    @Override
    public void enter() {
        entered = true;
        String serial = serial();
        if (!serial.equals(shownFor)) {
            shownFor = serial;
            result.set("");
            resultTone.set(Tone.NONE);
            claimedHere.set(false);
        }
        refresh();
    }

    @Override
    public void leave() {
        entered = false;
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return claiming;
    }

    /** A key sign-in running beside the technician. */
    @Override
    public boolean cancelBackgroundWork() {
        return signIn.cancelSigningIn();
    }

    /** The pasted token. */
    @Override
    public Collection<String> secrets() {
        return signIn.secrets();
    }

    private String serial() {
        return session.gateway().map(CommissioningSession.Gateway::serial).orElse("");
    }

    /** Decides the organisation (token, sites, or the technician), then asks who holds the Zap. */
    public void refresh() {
        String serial = serial();
        if (!signIn.signedInProperty().get()) {
            show(Messages.get("prepare.claim.signInFirst", serial), Tone.NONE);
            return;
        }
        AccessToken token = signIn.tokenProperty().get();
        NovacoreClient client = signIn.client();
        show(Messages.get("prepare.claim.checking", serial), Tone.NONE);
        tasks.job(() -> client.sites(token))
                .onSuccess(sites -> decided(ClaimOrganisation.decide(Optional.of(token), sites)))
                // Without the sites the token's organisation (if any) still decides; else the technician types it.
                .onFailure(e -> decided(ClaimOrganisation.decide(Optional.of(token), List.of())))
                .start();
    }

    private void decided(ClaimOrganisation.Decision decision) {
        organisations.setAll(decision.choices());
        organisationHint.set(Messages.get("prepare.claim.org." + switch (decision.source()) {
            case TOKEN -> "fromToken";
            case SITES -> "fromSites";
            case TECHNICIAN -> "choose";
        }));
        if (decision.organisation().isPresent() && (organisationDecided || organisation.get().isBlank())) {
            organisation.set(decision.organisation().get());
            organisationDecided = true;
        }
        checkStanding();
    }

    /** Asks Novacore whether the organisation's gateways list the Zap. */
    public void checkStanding() {
        String serial = serial();
        String org = organisation.get().strip();
        if (!signIn.signedInProperty().get()) {
            show(Messages.get("prepare.claim.signInFirst", serial), Tone.NONE);
            return;
        }
        if (org.isEmpty()) {
            show(Messages.get("prepare.claim.chooseOrg", serial), Tone.WARNING);
            return;
        }
        ZapClaim claim = claim(org);
        tasks.job(() -> claim.status(serial))
                .onSuccess(status -> {
                    if (!org.equals(organisation.get().strip())) {
                        return; // another organisation was chosen meanwhile; its own check follows
                    }
                    if (status.standing() == ZapClaim.Standing.CLAIMED_BY_THIS_ORG) {
                        session.gatewayClaimed(serial, org);
                        show(Messages.get("prepare.claim.ours", serial, org, since(status.gateway())), Tone.OK);
                    } else {
                        show(Messages.get("prepare.claim.notOurs", serial, org), Tone.WARNING);
                    }
                })
                .onFailure(e -> show(Messages.get("prepare.claim.checkFailed", serial, ErrorMessages.of(e)),
                        Tone.ERROR))
                .start();
    }

    /** " since 2026-12-06 14:02" in this computer's time zone; Novacore's text as it is when it is not ISO-8601. */
    private static String since(Optional<ClaimedGateway> gateway) {
        return gateway.flatMap(ClaimedGateway::claimedAt).map(at -> {
            try {
                return SINCE.format(Instant.parse(at));
            } catch (DateTimeParseException e) {
                return at;
            }
        }).map(at -> Messages.get("prepare.claim.since", at)).orElse("");
    }

    private ZapClaim claim(String org) {
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        AccessToken token = signIn.tokenProperty().get();
        return new ZapClaim(zapClients.forZap(gateway.baseUri()), signIn.client(), token,
                token.identityId().orElse(""), org, clock);
    }

    /** "Claim this Zap": the Zap signs, the app checks, Novacore decides. */
    public void claim() {
        if (!canClaim.get()) {
            return;
        }
        String org = organisation.get().strip();
        AccessToken token = signIn.tokenProperty().get();
        String serial = serial();
        if (org.isEmpty()) {
            show(Messages.get("prepare.claim.chooseOrg", serial), Tone.WARNING);
            return;
        }
        if (token.identityId().isEmpty()) {
            showResult(Messages.get("prepare.claim.noIdentity"), Tone.ERROR);
            return;
        }
        ZapClaim claim = claim(org);
        claiming.set(true);
        showResult(Messages.get("prepare.claim.claiming", serial), Tone.NONE);
        work = tasks.job(claim::claim)
                .andFinally(() -> {
                    work = null;
                    claiming.set(false);
                })
                .onSuccess(this::claimed)
                .on(CancellationException.class, e -> showResult(Messages.get("prepare.claim.cancelled"), Tone.WARNING))
                .onFailure(e -> showResult(ErrorMessages.of(e), Tone.ERROR))
                .start();
    }

    private void claimed(ZapClaim.Result r) {
        String serial = r.serial().orElse(serial());
        String org = organisation.get().strip();
        String key = "prepare.claim.outcome." + r.outcome().name();
        String text = Messages.get(key, serial, org, r.explanation());
        showResult(text, switch (r.outcome().group()) {
            case DONE -> Tone.OK;
            case REFUSED -> Tone.WARNING;
            case FAILED -> Tone.ERROR;
        });
        if (r.done()) {
            session.gatewayClaimed(serial, org);
            claimedHere.set(true);
            show(Messages.get("prepare.claim.ours", serial, org, since(r.gateway())), Tone.OK);
        }
        if (r.outcome() == ZapClaim.Outcome.CLAIMED_BY_ANOTHER) {
            // Now known: the list said only "not ours", the claim's 409 says whose it is not.
            show(Messages.get("prepare.claim.another", serial), Tone.WARNING);
        }
    }

    /** Stops a claim that runs (it may have reached Novacore: claiming again is safe). */
    @Override
    public void cancel() {
        if (work != null) {
            work.cancel();
        }
    }

    private void show(String text, Tone tone) {
        standing.set(text);
        standingTone.set(tone);
    }

    private void showResult(String text, Tone tone) {
        result.set(text);
        resultTone.set(tone);
    }

    public StringProperty organisationProperty() {
        return organisation;
    }

    /** The organisation was typed or chosen by the technician (not filled in from the token or sites). */
    public void organisationChosen(String org) {
        organisationDecided = false;
        organisation.set(org == null ? "" : org.strip());
        checkStanding();
    }

    public ObservableList<String> organisations() {
        return organisations;
    }

    public StringProperty organisationHintProperty() {
        return organisationHint;
    }

    public StringProperty standingProperty() {
        return standing;
    }

    public ObjectProperty<Tone> standingToneProperty() {
        return standingTone;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public ObjectProperty<Tone> resultToneProperty() {
        return resultTone;
    }

    /** Claimed (now or before) by a claim from this panel. */
    public ReadOnlyBooleanProperty claimedHereProperty() {
        return claimedHere;
    }

    public BooleanBinding canClaimProperty() {
        return canClaim;
    }

    public NovacoreSignIn signIn() {
        return signIn;
    }
}
