package com.sourceful.commissioner.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The control checks running in this app, so that leaving a step or closing the app can stop them and wait until
 * control is given back. Thread-safe.
 */
public final class ControlChecks {

    private final Map<ControlCheckRun, CountDownLatch> running = new ConcurrentHashMap<>();

    /** Runs {@code run} on the calling (background) thread, known to {@link #cancelAll} while it runs. */
    public ControlResult run(ControlCheckRun run, Consumer<ControlCheckRun.Progress> progress) {
        CountDownLatch done = new CountDownLatch(1);
        running.put(run, done);
        try {
            return run.run(progress);
        } finally {
            running.remove(run);
            done.countDown();
        }
    }

    public boolean anyRunning() {
        return !running.isEmpty();
    }

    /**
     * Cancels every running check and waits up to {@code timeout} for each to give control back.
     *
     * @return true when every check ended in time
     */
    public boolean cancelAll(Duration timeout) throws InterruptedException {
        List<CountDownLatch> waits = new ArrayList<>();
        running.forEach((run, done) -> {
            run.cancel();
            waits.add(done);
        });
        long until = System.nanoTime() + timeout.toNanos();
        for (CountDownLatch w : waits) {
            if (!w.await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
