package com.sourceful.commissioner.ui.app;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import com.sourceful.commissioner.ui.sitevisit.VisitActions;
import com.sourceful.commissioner.ui.sitevisit.VisitResume;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFileException;
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
final class SiteVisits implements VisitResume, VisitActions, ReturnVisits.Visits, AutoCloseable {

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
    private volatile Instant startedAt;
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
        this.startedAt = startedAt;
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
        // What this run did before resuming (if anything) is kept, finished, in the history.
        switchTo(visit.session(), visit.id(), visit.startedAt(), true, true, e -> { });
    }

    @Override
    public SiteVisit current() {
        Instant now = clock.instant();
        String id = visitId;
        Instant began = startedAt;
        return new SiteVisit(id != null ? id : UUID.randomUUID().toString(), began != null ? began : now, now, false,
                session.snapshot());
    }

    @Override
    public void export(SiteVisit visit, Path target) throws IOException {
        VisitStore.exportTo(visit, target);
    }

    @Override
    public SiteVisit importFile(Path file) throws VisitFileException, IOException {
        Optional<VisitStore> s = storeWhenOpen();
        if (s.isEmpty()) {
            throw new IOException("visits are not saved in this run (no visits folder)");
        }
        return s.get().importVisit(file, clock.instant());
    }

    @Override
    public void open(SiteVisit imported) {
        // The visit so far stays unfinished: nothing of it is lost, and a later start offers it again.
        switchTo(imported.session(), imported.id(), imported.startedAt(), true, false, e -> { });
    }

    @Override
    public void finishAndStartNew(Consumer<Throwable> notFinished) {
        CommissioningSession.Snapshot empty = new CommissioningSession.Snapshot(Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), List.of(), List.of(), List.of(), Map.of(), session.technician(),
                List.of());
        switchTo(empty, UUID.randomUUID().toString(), clock.instant(), false, true, notFinished);
    }

    /**
     * The session goes on from {@code snapshot}, recorded as the visit {@code id}; the visit recorded so far stops
     * being recorded first (its last changes are still written) and, if {@code finishOld}, is then marked finished.
     * JavaFX thread (the session's); the disk is waited for in the background.
     */
    private void switchTo(CommissioningSession.Snapshot snapshot, String id, Instant began, boolean resumed,
                          boolean finishOld, Consumer<Throwable> notFinished) {
        Optional<VisitStore> s = store.getNow(Optional.empty());
        VisitRecorder scrap;
        String scrapId;
        synchronized (this) {
            scrap = recorder;
            scrapId = visitId;
            recorder = null;
            if (scrap != null) {
                scrap.stopRecording(); // before the session changes: its new content is the next visit's
            }
        }
        session.resumeFrom(snapshot);
        if (s.isPresent()) {
            record(id, began, s.get(), resumed);
        } else {
            visitId = id;
            startedAt = began;
        }
        if (scrap != null) {
            tasks.job(() -> {
                scrap.close();
                if (finishOld && s.isPresent()) {
                    try {
                        s.get().finish(scrapId);
                    } catch (NoSuchFileException nothingWorthSaving) {
                        // it did nothing worth resuming, so nothing of it was saved
                    }
                }
                return scrapId;
            }).onFailure(e -> {
                LOG.warn("The visit {} could not be closed: {}", scrapId, e.toString());
                notFinished.accept(e);
            }).start();
        }
    }

    @Override
    public void startNew(SiteVisit visit) throws IOException {
        Optional<VisitStore> s = storeWhenOpen();
        if (s.isPresent()) {
            s.get().finish(visit.id());
        }
    }

    /**
     * Waits until every change of the session so far is on disk, at most {@code timeout}; off the JavaFX thread. True
     * when no visit is recorded (no visits folder: nothing is ever saved in this run).
     */
    boolean flush(Duration timeout) throws InterruptedException {
        VisitRecorder r;
        synchronized (this) {
            r = recorder;
        }
        return r == null || r.flush(timeout);
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

    @Override
    public Optional<VisitStore> store() throws IOException {
        return storeWhenOpen();
    }

    @Override
    public Optional<String> currentId() {
        return Optional.ofNullable(visitId);
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
