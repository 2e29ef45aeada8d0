package com.sourceful.commissioner.visit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import com.sourceful.commissioner.commissioning.CommissioningSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the visit after every change of the session, off the session's thread: the session is snapshotted on its
 * own thread when it changes (it is not thread-safe), and one writer thread saves the newest snapshot. Changes that
 * come while a save runs are coalesced: the next save takes only the latest of them. Saves are in the order of the
 * changes, so an older snapshot never overwrites a newer one. A failed save is logged (never the visit's content)
 * and told to the failure listeners; the next change saves everything again.
 *
 * <p>Changes are numbered from 1 in the order the session told them; {@link #savedChanges()} is the number of the
 * newest change whose snapshot is saved (everything up to it is on disk).
 *
 * <p>Nothing is saved until the first change (a visit with nothing done is not worth resuming). The visit saved is
 * never finished: close the recorder before the store finishes the visit, so no late save reopens it.
 */
public final class VisitRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VisitRecorder.class);
    /** How long {@link #close()} waits for the save under way and the newest change to be written. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** A change and the session as it was right after it. */
    private record Change(long number, CommissioningSession.Snapshot snapshot) {
    }

    private final CommissioningSession session;
    private final String id;
    private final Instant startedAt;
    private final Clock clock;
    private final VisitSink sink;
    private final Thread writer;
    private final List<LongConsumer> savedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Exception>> failureListeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when there is a change to save, or the recorder closes. */
    private final Condition toSave = lock.newCondition();
    /** Signalled when the writer finished a save (saved or failed), or ended. */
    private final Condition finished = lock.newCondition();
    // Guarded by lock.
    private long changes;
    /** The newest change not yet taken by the writer; null when the writer has taken them all. */
    private Change pending;
    /** The newest change, when its save failed and nothing newer has been saved since (flush tries it again). */
    private Change failed;
    private long saved;
    private Instant lastSavedAt;
    private boolean closed;

    /**
     * Starts recording the session's changes as the visit {@code id} begun at {@code startedAt} (a resumed visit
     * keeps its id and start).
     */
    public VisitRecorder(CommissioningSession session, String id, Instant startedAt, Clock clock, VisitSink sink) {
        this.session = Objects.requireNonNull(session);
        this.id = Objects.requireNonNull(id);
        this.startedAt = Objects.requireNonNull(startedAt);
        this.clock = Objects.requireNonNull(clock);
        this.sink = Objects.requireNonNull(sink);
        this.writer = new Thread(this::write, "visit-writer");
        // A save stuck in the file system must not keep the app from exiting; close() waits for the last one.
        writer.setDaemon(true);
        writer.start();
        session.addChangeListener(this::changed);
    }

    /** Told on the writer thread after each save, with the number of the newest change saved. */
    public void addSavedListener(LongConsumer listener) {
        savedListeners.add(Objects.requireNonNull(listener));
    }

    /** Told on the writer thread when a save fails ("could not save the visit: …"); a later save may succeed. */
    public void addFailureListener(Consumer<Exception> listener) {
        failureListeners.add(Objects.requireNonNull(listener));
    }

    /** The number of changes the session has told so far (before the recorder closed). */
    public long changes() {
        lock.lock();
        try {
            return changes;
        } finally {
            lock.unlock();
        }
    }

    /** The number of the newest change saved: the session as it was after that change is on disk. */
    public long savedChanges() {
        lock.lock();
        try {
            return saved;
        } finally {
            lock.unlock();
        }
    }

    /** When the visit was last saved (its {@code savedAt}); empty before the first save. */
    public Optional<Instant> lastSavedAt() {
        lock.lock();
        try {
            return Optional.ofNullable(lastSavedAt);
        } finally {
            lock.unlock();
        }
    }

    /** On the session's thread: numbered and snapshotted now, saved by the writer. */
    private void changed() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            pending = new Change(++changes, session.snapshot());
            toSave.signal();
        } finally {
            lock.unlock();
        }
    }

    private void write() {
        try {
            while (true) {
                Change next;
                lock.lock();
                try {
                    while (pending == null && !closed) {
                        toSave.await();
                    }
                    if (pending == null) {
                        return;
                    }
                    next = pending;
                    pending = null;
                } finally {
                    lock.unlock();
                }
                save(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void save(Change change) {
        Instant at = clock.instant();
        Exception failure = null;
        try {
            sink.save(new SiteVisit(id, startedAt, at, false, change.snapshot()));
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            if (failure == null) {
                saved = change.number();
                lastSavedAt = at;
                if (failed != null && failed.number() <= saved) {
                    failed = null;
                }
            } else if (change.number() > saved) {
                failed = change;
            }
            finished.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure == null) {
            for (LongConsumer listener : savedListeners) {
                tell(() -> listener.accept(change.number()));
            }
        } else {
            // The exception's kind and message (a path, a reason), never the visit.
            LOG.warn("Could not save visit {} after change {}: {}", id, change.number(), failure.toString());
            Exception told = failure;
            for (Consumer<Exception> listener : failureListeners) {
                tell(() -> listener.accept(told));
            }
        }
    }

    private static void tell(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("A visit save listener failed", e);
        }
    }

    /**
     * Waits until every change so far is saved, at most {@code timeout}; when the newest change's save had failed,
     * tries it once more. For closing the app and for tests.
     *
     * @return whether every change so far is saved
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            long target = changes;
            boolean retried = false;
            while (saved < target) {
                if (!writer.isAlive()) {
                    return false;
                }
                // Only the newest change is tried again: nothing newer can be on its way to the disk meanwhile.
                if (pending == null && failed != null && failed.number() == target) {
                    if (retried) {
                        return false;
                    }
                    pending = failed;
                    failed = null;
                    retried = true;
                    toSave.signal();
                }
                if (nanos <= 0) {
                    return false;
                }
                nanos = finished.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Later changes are not saved, from now on; what was changed before is still written. Does not wait (for the
     * session's thread, which must not block on the disk); {@link #close()} waits.
     */
    public void stopRecording() {
        lock.lock();
        try {
            closed = true;
            toSave.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops recording: later changes are not saved. The save under way and the newest change not yet saved are
     * still written; waits for them at most {@link #CLOSE_WAIT}.
     */
    @Override
    public void close() {
        stopRecording();
        try {
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
