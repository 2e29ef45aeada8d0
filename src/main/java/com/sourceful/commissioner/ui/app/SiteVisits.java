package com.sourceful.commissioner.ui.app;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.sitevisit.VisitResume;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitProgress;
import com.sourceful.commissioner.visit.VisitRecorder;
import com.sourceful.commissioner.visit.VisitStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visit of this run, saved after every change in the configuration's visits folder ({@link VisitRecorder} into a
 * {@link VisitStore}), and the saved visits for the resume offer. A new visit is recorded from the start; resuming an
 * unfinished one stops that recording, makes the session the saved one's and records under the saved visit's id. No
 * folder configured (tests): nothing is saved and nothing offered.
 */
final class SiteVisits implements VisitResume, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SiteVisits.class);
    /** The configuration may come after the window (demo mode starts its simulators first). */
    private static final Duration CONFIG_WAIT = Duration.ofSeconds(30);

    private final CompletableFuture<AppConfig> config;
    private final CommissioningSession session;
    private final Tasks tasks;
    private final Clock clock;
    private final Consumer<Exception> saveFailed;
    /** Made off the JavaFX thread (it creates the folder and cleans left-over temporary files). */
    private final CompletableFuture<Optional<VisitStore>> store = new CompletableFuture<>();
    private VisitRecorder recorder;
    private volatile String visitId;
    private boolean closed;
    private volatile boolean failing;

    /** @param saveFailed told on the JavaFX thread when a save fails ("could not save the visit: …") */
    SiteVisits(CompletableFuture<AppConfig> config, CommissioningSession session, Tasks tasks, Clock clock,
               Consumer<Exception> saveFailed) {
        this.config = config;
        this.session = session;
        this.tasks = tasks;
        this.clock = clock;
        this.saveFailed = saveFailed;
    }

    /** Opens the store in the background, then records a new visit from the session's next change (JavaFX thread). */
    void start() {
        config.thenAccept(c -> tasks.job(() -> {
            if (c.visitsFolder().isEmpty()) {
                return Optional.<VisitStore>empty();
            }
            return Optional.of(new VisitStore(c.visitsFolder().get()));
        }).onSuccess(opened -> {
            store.complete(opened);
            opened.ifPresent(s -> record(UUID.randomUUID().toString(), clock.instant(), s, false));
        }).onFailure(e -> {
            LOG.warn("The visits folder could not be opened: {}", e.toString());
            store.complete(Optional.empty());
            saveFailed.accept(e instanceof Exception x ? x : new IOException(e.toString()));
        }).start());
    }

    private synchronized void record(String id, Instant startedAt, VisitStore s, boolean resumed) {
        if (closed) {
            return;
        }
        visitId = id;
        // Saved from its first work worth resuming on (a resumed visit is so already): a start that only signs in and
        // looks at a Zap leaves no file behind, to be offered at every later start.
        boolean[] saving = {resumed};
        recorder = new VisitRecorder(session, id, startedAt, clock, visit -> {
            if (saving[0] || VisitProgress.worthResuming(visit.session())) {
                saving[0] = true;
                s.save(visit);
            }
        });
        // Told once while saves fail (each change retries), again only after one succeeded.
        recorder.addSavedListener(change -> failing = false);
        recorder.addFailureListener(e -> {
            if (!failing) {
                failing = true;
                tasks.onUiThread(() -> saveFailed.accept(e));
            }
        });
    }

    @Override
    public Optional<SiteVisit> unfinished() throws IOException {
        Optional<VisitStore> s = storeWhenOpen();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        // The visit this run began is not offered back to it (nothing of it is saved before its first change).
        String own = visitId;
        return s.get().history().stream().filter(v -> !v.finished() && !v.id().equals(own))
                .filter(v -> VisitProgress.worthResuming(v.session())).findFirst();
    }

    @Override
    public void resume(SiteVisit visit) {
        Optional<VisitStore> s = store.getNow(Optional.empty());
        if (s.isEmpty()) {
            return;
        }
        VisitRecorder scrap;
        String scrapId;
        synchronized (this) {
            scrap = recorder;
            scrapId = visitId;
            if (scrap != null) {
                scrap.stopRecording(); // before the session changes: its new content is the resumed visit's
            }
        }
        session.resumeFrom(visit.session());
        record(visit.id(), visit.startedAt(), s.get(), true);
        if (scrap != null) {
            // What this run did before resuming (if anything) is kept, finished, in the history.
            tasks.job(() -> {
                scrap.close();
                try {
                    s.get().finish(scrapId);
                } catch (NoSuchFileException nothingWorthSaving) {
                    // it did nothing worth resuming, so nothing of it was saved
                }
                return scrapId;
            }).onFailure(e -> LOG.warn("The visit begun before resuming could not be closed: {}", e.toString()))
                    .start();
        }
    }

    @Override
    public void startNew(SiteVisit visit) throws IOException {
        Optional<VisitStore> s = storeWhenOpen();
        if (s.isPresent()) {
            s.get().finish(visit.id());
        }
    }

    /** Writes what is not saved yet and stops recording; off the JavaFX thread (waits for the disk). */
    @Override
    public void close() {
        VisitRecorder r;
        synchronized (this) {
            closed = true;
            r = recorder;
        }
        if (r != null) {
            r.close();
        }
    }

    private Optional<VisitStore> storeWhenOpen() throws IOException {
        try {
            return store.get(CONFIG_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the visits folder is not open", e);
        }
    }
}
