package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.testsupport.OutputCapture;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The visit is saved after every change, off the session's thread, coalesced while a save runs, in the order of the
 * changes, and again after a failure. A save held up by the fake sink stands for a slow disk; a hang is a failure.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VisitRecorderTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Instant STARTED = Instant.parse("2026-06-21T09:00:00Z");

    /** Keeps what it is given; can hold each save until the test lets it go, and fail the calls it is told to. */
    static final class FakeSink implements VisitSink {
        final List<SiteVisit> saved = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        /** One permit per call as it comes in. */
        final Semaphore entered = new Semaphore(0);
        final AtomicInteger calls = new AtomicInteger();
        volatile Semaphore gate;
        volatile IntPredicate fails = call -> false;

        @Override
        public void save(SiteVisit visit) throws IOException {
            int call = calls.incrementAndGet();
            threads.add(Thread.currentThread());
            entered.release();
            Semaphore g = gate;
            if (g != null) {
                g.acquireUninterruptibly();
            }
            if (fails.test(call)) {
                throw new IOException("disk full (call " + call + ")");
            }
            saved.add(visit);
        }

        List<CommissioningSession.Snapshot> snapshots() {
            synchronized (saved) {
                return saved.stream().map(SiteVisit::session).toList();
            }
        }
    }

    final TestClock clock = TestClock.atNoon();
    final CommissioningSession session = new CommissioningSession();
    final FakeSink sink = new FakeSink();
    final VisitRecorder recorder = new VisitRecorder(session, "visit-1", STARTED, clock, sink);

    @AfterEach
    void close() {
        Semaphore g = sink.gate;
        if (g != null) {
            g.release(1000);
        }
        recorder.close();
    }

    @Test
    void eachChangeIsSavedOffTheSessionsThreadAsTheVisitSoFar() throws Exception {
        List<Long> told = new CopyOnWriteArrayList<>();
        recorder.addSavedListener(told::add);
        assertThat(recorder.lastSavedAt()).isEmpty();
        session.selectGateway(new CommissioningSession.Gateway("zap-1", URI.create("http://127.0.0.1:1"), "1.0"));

        assertThat(recorder.flush(WAIT)).isTrue();
        assertThat(sink.saved).hasSize(1);
        SiteVisit visit = sink.saved.get(0);
        assertThat(visit.id()).isEqualTo("visit-1");
        assertThat(visit.startedAt()).isEqualTo(STARTED);
        assertThat(visit.savedAt()).isEqualTo(clock.instant());
        assertThat(visit.finished()).isFalse();
        assertThat(visit.session()).isEqualTo(session.snapshot());
        assertThat(sink.threads).doesNotContain(Thread.currentThread());
        assertThat(recorder.changes()).isEqualTo(1);
        assertThat(recorder.savedChanges()).isEqualTo(1);
        assertThat(recorder.lastSavedAt()).contains(clock.instant());

        clock.advance(Duration.ofMinutes(1));
        session.technician("idt-1");
        assertThat(recorder.flush(WAIT)).isTrue();
        assertThat(sink.snapshots()).last().isEqualTo(session.snapshot());
        assertThat(recorder.lastSavedAt()).contains(clock.instant());
        // The listeners are told on the writer thread after the save counts as done, so flush may return first.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (told.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(told).containsExactly(1L, 2L);
    }

    @Test
    void changesWhileASaveRunsAreSavedOnceAsTheLatest() throws Exception {
        sink.gate = new Semaphore(0);
        List<Long> told = new CopyOnWriteArrayList<>();
        recorder.addSavedListener(told::add);
        session.technician("t-1");
        CommissioningSession.Snapshot first = session.snapshot();
        assertThat(sink.entered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the first save began").isTrue();
        // The session's thread goes on while the disk is slow (were the save on it, this would hang).
        for (int i = 2; i <= 100; i++) {
            session.technician("t-" + i);
        }
        sink.gate.release(1000);

        assertThat(recorder.flush(WAIT)).isTrue();
        assertThat(sink.snapshots()).containsExactly(first, session.snapshot());
        assertThat(recorder.savedChanges()).isEqualTo(100);
        assertThat(told).containsExactly(1L, 100L);
    }

    /** Random slow saves, failures and flushes: what is on disk only ever moves forward, to the last change. */
    @Test
    void aSaveNeverOverwritesANewerSnapshotWithAnOlderOne() throws Exception {
        sink.fails = call -> call % 3 == 0;
        List<CommissioningSession.Snapshot> after = new ArrayList<>();
        List<Long> told = new CopyOnWriteArrayList<>();
        recorder.addSavedListener(told::add);
        for (int i = 1; i <= 400; i++) {
            session.technician("t-" + i);
            after.add(session.snapshot());
            if (i % 37 == 0) {
                recorder.flush(WAIT);
            }
        }
        assertThat(recorder.flush(WAIT)).isTrue();

        List<Integer> order = sink.snapshots().stream().map(after::indexOf).toList();
        assertThat(order).doesNotContain(-1).isSorted().doesNotHaveDuplicates();
        assertThat(order).last().isEqualTo(399);
        assertThat(told).isSorted().doesNotHaveDuplicates().last().isEqualTo(400L);
        assertThat(sink.calls.get()).as("coalesced or not, some saves failed").isGreaterThan(order.size());
    }

    /** A flush while a newer save is under way does not try the older failed one again (it would overwrite it). */
    @Test
    void flushDoesNotRetryAFailedSaveOlderThanTheOneUnderWay() throws Exception {
        sink.fails = call -> call == 1;
        Semaphore failed = new Semaphore(0);
        recorder.addFailureListener(e -> failed.release());
        session.technician("t-1");
        assertThat(failed.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        sink.gate = new Semaphore(0);
        session.technician("t-2");
        assertThat(sink.entered.tryAcquire(2, WAIT.toSeconds(), TimeUnit.SECONDS)).as("the second save began").isTrue();

        assertThat(recorder.flush(Duration.ofMillis(50))).as("the disk is held up").isFalse();
        sink.gate.release(1000);
        assertThat(recorder.flush(WAIT)).isTrue();
        recorder.close();
        assertThat(sink.snapshots()).containsExactly(session.snapshot());
    }

    @Test
    void aFailedSaveIsToldWithoutTheVisitAndTheNextChangeSavesEverything() throws Exception {
        sink.fails = call -> call == 1;
        List<Exception> failures = new CopyOnWriteArrayList<>();
        Semaphore failed = new Semaphore(0);
        recorder.addFailureListener(e -> {
            failures.add(e);
            failed.release();
        });
        session.technician("idt-no-log-3f9a");
        assertThat(failed.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(failures).singleElement().extracting(Exception::getMessage).isEqualTo("disk full (call 1)");
        assertThat(recorder.savedChanges()).isZero();
        assertThat(recorder.lastSavedAt()).isEmpty();
        assertThat(sink.saved).isEmpty();

        session.gatewayClaimed("zap-1", "org-1");
        assertThat(recorder.flush(WAIT)).isTrue();
        assertThat(sink.snapshots()).containsExactly(session.snapshot());
        assertThat(sink.saved.get(0).session().technician()).contains("idt-no-log-3f9a");
        assertThat(recorder.savedChanges()).isEqualTo(2);
        assertThat(failures).hasSize(1);
        if (OutputCapture.installed()) {
            assertThat(OutputCapture.text()).contains("Could not save visit visit-1")
                    .doesNotContain("idt-no-log-3f9a");
        }
    }

    @Test
    void flushTriesTheNewestFailedSaveOnceMore() throws Exception {
        sink.fails = call -> call == 1;
        session.technician("idt-1");
        assertThat(recorder.flush(WAIT)).isTrue();
        assertThat(sink.calls).hasValue(2);
        assertThat(sink.snapshots()).containsExactly(session.snapshot());

        sink.fails = call -> true;
        session.technician("idt-2");
        assertThat(recorder.flush(WAIT)).as("failed, and failed again").isFalse();
        assertThat(sink.calls).hasValue(4);
        assertThat(recorder.savedChanges()).isEqualTo(1);
    }

    @Test
    void flushGivesUpAfterItsTimeWhileTheDiskHangs() throws Exception {
        sink.gate = new Semaphore(0);
        session.technician("idt-1");
        assertThat(recorder.flush(Duration.ofMillis(50))).isFalse();
        assertThat(recorder.savedChanges()).isZero();
        sink.gate.release(1000);
        assertThat(recorder.flush(WAIT)).isTrue();
    }

    @Test
    void closeWritesWhatWasChangedAndNothingAfter() throws Exception {
        sink.gate = new Semaphore(0);
        session.technician("t-1");
        CommissioningSession.Snapshot first = session.snapshot();
        assertThat(sink.entered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        session.technician("t-2");
        CommissioningSession.Snapshot second = session.snapshot();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(recorder::close);
        sink.gate.release(1000);
        closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(sink.snapshots()).containsExactly(first, second);

        session.technician("t-3");
        assertThat(recorder.changes()).isEqualTo(2);
        assertThat(recorder.flush(WAIT)).isTrue();
        assertThat(sink.calls).hasValue(2);
    }
}
