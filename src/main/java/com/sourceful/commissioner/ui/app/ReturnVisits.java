package com.sourceful.commissioner.ui.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.stage.Window;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.sitevisit.ReturnVisit;
import com.sourceful.commissioner.ui.sitevisit.ReturnVisitViewModel;
import com.sourceful.commissioner.visit.ReturnVisitReader;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitComparison;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.ZapClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next visit (issue 19): when the technician chooses a Zap that an earlier visit worked on, what changed since
 * is read in the background ({@link ReturnVisitReader}, {@link VisitComparison}) and offered by a notification on the
 * window ("Show changes", {@link ReturnVisit}). Choosing another Zap cancels a comparison still running.
 * <p>
 * The earlier visit is the newest that worked on the Zap (or chose the Novacore site chosen now), began before this
 * run and is not the visit going on (resumed, or opened from a colleague's file): a record is never compared with
 * itself.
 */
final class ReturnVisits implements AutoCloseable {

    /** The visits of this computer as {@link SiteVisits} keeps them: one store, shared. */
    interface Visits {
        /** The store once open (empty: visits are not saved in this run); waits for it, so off the JavaFX thread. */
        Optional<VisitStore> store() throws IOException;

        /** The id of the visit going on now, once there is one. */
        Optional<String> currentId();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReturnVisits.class);

    private final Visits visits;
    private final CommissioningSession session;
    private final Tasks tasks;
    private final Clock clock;
    private final ZapClients zapClients;
    private final Supplier<NovacoreSignIn> signIn;
    private final Supplier<Optional<Outbox>> outbox;
    private final Instant runStartedAt;
    private final List<Consumer<ReturnVisitViewModel>> listeners = new ArrayList<>();
    private String lastSerial;
    private volatile Tasks.Handle running;
    private Supplier<Window> window = () -> null;
    private ReturnVisitViewModel latest;
    private volatile boolean closed;

    /**
     * @param signIn  the window's Novacore sign-in (made on first use; JavaFX thread)
     * @param outbox  the outbox, once the configuration names it (JavaFX thread)
     */
    ReturnVisits(Visits visits, CommissioningSession session, Tasks tasks, Clock clock, ZapClients zapClients,
                 Supplier<NovacoreSignIn> signIn, Supplier<Optional<Outbox>> outbox) {
        this.visits = visits;
        this.session = session;
        this.tasks = tasks;
        this.clock = clock;
        this.zapClients = zapClients;
        this.signIn = signIn;
        this.outbox = outbox;
        this.runStartedAt = clock.instant();
    }

    /** Watches the session for a Zap chosen (JavaFX thread). */
    void start() {
        session.addChangeListener(this::sessionChanged);
    }

    /** Where the notification goes: the window {@code view} is in, once it is shown. */
    void showOn(Node view) {
        window = () -> view.getScene() == null ? null : view.getScene().getWindow();
    }

    /** {@code listener} hears (JavaFX thread) each comparison made; tests. */
    void addListener(Consumer<ReturnVisitViewModel> listener) {
        listeners.add(listener);
    }

    /** The latest comparison made, if any (JavaFX thread). */
    Optional<ReturnVisitViewModel> latest() {
        return Optional.ofNullable(latest);
    }

    private void sessionChanged() {
        String serial = session.gateway().map(CommissioningSession.Gateway::serial).orElse(null);
        if (Objects.equals(serial, lastSerial)) {
            return;
        }
        lastSerial = serial;
        if (running != null) {
            running.cancel();
            running = null;
        }
        if (serial == null) {
            return;
        }
        ZapClient zap = zapClients.forZap(session.gateway().get().baseUri());
        Optional<ReturnVisitReader.SiteDevices> novacore = novacore(signIn.get());
        Optional<Outbox> box = outbox.get();
        ReturnVisitReader reader = new ReturnVisitReader(ErrorMessages::of);
        Optional<String> site = session.site().flatMap(CommissioningSession.SiteChoice::novacoreSiteId);
        running = tasks.job(() -> {
            Optional<VisitStore> s = visits.store();
            if (s.isEmpty()) {
                return Optional.<VisitComparison.Result>empty();
            }
            Optional<String> current = visits.currentId();
            Optional<SiteVisit> earlier = VisitComparison.earlierVisit(s.get().history(), serial, site,
                    v -> !v.startedAt().isBefore(runStartedAt) || current.equals(Optional.of(v.id())));
            return earlier.map(e -> VisitComparison.compare(e, serial, reader.read(e, serial, zap, novacore,
                    () -> box.orElseThrow(() -> new IllegalStateException("the outbox is not open yet")).entries())));
        }).onSuccess(found -> {
            running = null;
            found.ifPresent(this::show);
        }).on(CancellationException.class, cancelled -> { })
                .onFailure(e -> LOG.warn("The return-visit comparison failed: {}", e.getClass().getName())).start();
    }

    private void show(VisitComparison.Result result) {
        if (closed) {
            return; // a comparison that ended as the app closed: its window may already be another app's (tests)
        }
        ReturnVisitViewModel vm = new ReturnVisitViewModel(result, ZoneId.systemDefault());
        latest = vm;
        List.copyOf(listeners).forEach(l -> l.accept(vm));
        Window w = window.get();
        if (w != null && w.isShowing()) {
            ReturnVisit.notify(w, vm);
        }
    }

    /** Novacore's site devices with the token of now; empty when not signed in. JavaFX thread (the sign-in's). */
    private static Optional<ReturnVisitReader.SiteDevices> novacore(NovacoreSignIn signIn) {
        Optional<AccessToken> token = signIn.token();
        if (token.isEmpty() || signIn.baseUri().isEmpty()) {
            return Optional.empty();
        }
        NovacoreClient client = signIn.client();
        AccessToken t = token.get();
        return Optional.of(siteId -> client.siteDevices(siteId, t));
    }

    /** Stops a comparison still running; any thread. */
    @Override
    public void close() {
        closed = true;
        Tasks.Handle r = running;
        if (r != null) {
            r.cancel();
        }
    }
}
