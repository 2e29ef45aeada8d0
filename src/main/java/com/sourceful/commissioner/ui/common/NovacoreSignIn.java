package com.sourceful.commissioner.ui.common;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.details.ErrorDetails;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.novacore.TechnicianKey;

/**
 * The technician's Novacore sign-in for the whole session: which Novacore, the token (pasted, or from a key sign-in)
 * and who it names. One per window, shown where it is first needed (claiming a Zap, provisioning) and kept in memory
 * only: the token is never written anywhere, and {@link #secrets()} keeps it out of every report.
 */
public final class NovacoreSignIn {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Tasks tasks;
    private final CommissioningSession session;
    private final Clock clock;
    private final ObjectProperty<NovacoreEnvironment> environment =
            new SimpleObjectProperty<>(NovacoreEnvironment.PRODUCTION);
    private final StringProperty customUrl = new SimpleStringProperty("");
    private final StringProperty tokenText = new SimpleStringProperty("");
    private final ObjectProperty<AccessToken> token = new SimpleObjectProperty<>();
    private final StringProperty tokenInfo = new SimpleStringProperty("");
    private final StringProperty keyStatus = new SimpleStringProperty("");
    /** Until the configuration is there no Novacore is known (not even production's): nothing is sent before. */
    private final BooleanProperty configured = new SimpleBooleanProperty();
    private final BooleanBinding signedIn;
    private Tasks.Handle signingIn;
    private NovacoreClient client;

    public NovacoreSignIn(Tasks tasks, CompletionStage<AppConfig> config, CommissioningSession session, Clock clock) {
        this.tasks = tasks;
        this.session = session;
        this.clock = clock;
        // What a key sign-in said (e.g. that the connection was intercepted) was about the Novacore chosen then.
        environment.addListener((o, a, b) -> forgetKeyStatus());
        customUrl.addListener((o, a, b) -> forgetKeyStatus());
        tokenText.addListener((o, a, b) -> readToken());
        signedIn = Bindings.createBooleanBinding(() -> token.get() != null && baseUri().isPresent(),
                token, configured, environment, customUrl);
        AppConfig now = config.toCompletableFuture().getNow(null);
        if (now != null) {
            configured(now);
        } else {
            // A demo that could not start says so on the Find step; nothing to do here.
            config.thenAccept(c -> tasks.onUiThread(() -> configured(c)));
        }
    }

    private void configured(AppConfig config) {
        config.novacoreBase().ifPresent(uri -> {
            environment.set(NovacoreEnvironment.CUSTOM);
            customUrl.set(uri.toString());
        });
        configured.set(true);
        config.demoToken().ifPresent(tokenText::set);
    }

    private void readToken() {
        String text = tokenText.get();
        token.set(null);
        if (text == null || text.isBlank()) {
            tokenInfo.set(Messages.get("provision.token.none"));
            return;
        }
        try {
            useToken(AccessToken.parse(text));
        } catch (AccessToken.InvalidTokenException e) {
            tokenInfo.set(Messages.get("provision.token.invalid", e.getMessage()));
        }
    }

    /** Shows who the token belongs to and until when; an expired token is refused here, before any request. */
    private void useToken(AccessToken t) {
        if (t.isExpired(clock.instant())) {
            token.set(null);
            tokenInfo.set(Messages.get("provision.token.expired", t.expiresAt().map(EXPIRY::format).orElse("?")));
            return;
        }
        // The report names who commissioned: the person the token names, else its identity; never the token.
        session.technician(t.person().or(t::identityId).orElse(null));
        String who = t.identityId().orElse(Messages.get("provision.token.unknownIdentity"));
        String until = t.expiresAt().map(EXPIRY::format).orElse("?");
        tokenInfo.set(t.expiresWithin(clock.instant(), Duration.ofHours(1))
                ? Messages.get("provision.token.expiresSoon", who, until)
                : Messages.get("provision.token.valid", who, until));
        token.set(t);
    }

    /** The Novacore chosen, once the configuration is there and a custom address is a valid one. */
    public Optional<URI> baseUri() {
        if (!configured.get()) {
            return Optional.empty();
        }
        if (environment.get() != NovacoreEnvironment.CUSTOM) {
            return Optional.of(environment.get().baseUri());
        }
        try {
            return Optional.of(NovacoreEnvironment.checkBaseUri(customUrl.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The one client for the Novacore chosen now (made again when the choice changes). Needs {@link #baseUri()}. */
    public NovacoreClient client() {
        URI uri = baseUri().orElseThrow();
        if (client == null || !client.baseUri().toString().startsWith(uri.toString())) {
            if (client != null) {
                client.close();
            }
            client = new NovacoreClient(uri, clock);
        }
        return client;
    }

    private void forgetKeyStatus() {
        if (signingIn == null) {
            keyStatus.set("");
        }
    }

    /** Signs in with the technician's Ed25519 key file: challenge, sign, verify. The key is not kept. */
    public void signInWithKey(Path keyFile) {
        if (baseUri().isEmpty()) {
            return;
        }
        NovacoreClient c = client();
        keyStatus.set(Messages.get("provision.key.signingIn"));
        if (signingIn != null) {
            signingIn.cancel();
        }
        Tasks.Handle[] mine = new Tasks.Handle[1];
        mine[0] = tasks.job(() -> c.signIn(TechnicianKey.load(keyFile)))
                .andFinally(() -> {
                    if (signingIn == mine[0]) {
                        signingIn = null;
                    }
                })
                .onSuccess(t -> {
                    keyStatus.set("");
                    // The token from a key sign-in is used as is; it never passes through a text field.
                    tokenText.set("");
                    useToken(t);
                })
                .on(CancellationException.class, e -> { }) // said so by cancelSigningIn
                .on(TechnicianKey.InvalidKeyFileException.class,
                        e -> keyStatus.set(Messages.get("provision.key.invalid", e.getMessage())))
                .onFailure(e -> keyStatus.set(ErrorMessages.of(e)))
                .start();
        // Tasks that run at once (tests) are done here already.
        signingIn = keyStatus.get().equals(Messages.get("provision.key.signingIn")) ? mine[0] : null;
    }

    /** Stops a key sign-in that runs (Esc); false when none does. */
    public boolean cancelSigningIn() {
        if (signingIn != null) {
            signingIn.cancel();
            signingIn = null;
            keyStatus.set(Messages.get("provision.key.cancelled"));
            return true;
        }
        return false;
    }

    /** The pasted token, so that no report contains it. */
    public Collection<String> secrets() {
        String t = tokenText.get();
        return t == null || t.isBlank() ? List.of() : List.of(t.strip());
    }

    /** Novacore's address for a report; null before one is known. */
    public String serviceAddress() {
        return baseUri().map(ErrorDetails::address).orElse(null);
    }

    /** A valid token and a Novacore to send it to. */
    public BooleanBinding signedInProperty() {
        return signedIn;
    }

    /** The configuration is there (until then no Novacore is chosen). */
    public BooleanProperty configuredProperty() {
        return configured;
    }

    public ObjectProperty<NovacoreEnvironment> environmentProperty() {
        return environment;
    }

    public StringProperty customUrlProperty() {
        return customUrl;
    }

    public StringProperty tokenTextProperty() {
        return tokenText;
    }

    public StringProperty tokenInfoProperty() {
        return tokenInfo;
    }

    public ReadOnlyObjectProperty<AccessToken> tokenProperty() {
        return token;
    }

    public StringProperty keyStatusProperty() {
        return keyStatus;
    }

    /** The token now, if there is a valid one. */
    public Optional<AccessToken> token() {
        return Optional.ofNullable(token.get());
    }
}
