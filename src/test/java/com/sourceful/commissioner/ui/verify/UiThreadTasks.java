package com.sourceful.commissioner.ui.verify;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.sourceful.commissioner.ui.common.Tasks;

/**
 * {@link Tasks} as the app runs them, without a JavaFX toolkit: work on background threads, results, timers and
 * {@link #onUiThread} on one "UI" thread of their own. Tests touch the view-models only through {@link #onUi}, so
 * every property is read and written on that one thread, as in the app.
 */
final class UiThreadTasks extends Tasks implements AutoCloseable {

    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> daemon(r, "test-ui"));
    private final ExecutorService background = Executors.newCachedThreadPool(r -> daemon(r, "test-background"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "test-timers"));

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Future<?> f = background.submit(() -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                ui.execute(() -> onFailure.accept(e));
                return;
            }
            ui.execute(() -> onSuccess.accept(value));
        });
        return () -> {
            if (f.cancel(true)) {
                ui.execute(() -> onFailure.accept(new CancellationException()));
            }
        };
    }

    @Override
    public Handle every(Duration period, Runnable action) {
        ScheduledFuture<?> f = timers.scheduleAtFixedRate(() -> ui.execute(action), period.toMillis(),
                period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Handle after(Duration delay, Runnable action) {
        ScheduledFuture<?> f = timers.schedule(() -> ui.execute(action), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void onUiThread(Runnable action) {
        ui.execute(action);
    }

    /** {@code call}'s answer, computed on the UI thread. */
    <T> T onUi(Callable<T> call) throws Exception {
        try {
            return ui.submit(call).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    void onUi(Runnable action) throws Exception {
        onUi(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until {@code condition} (read on the UI thread) holds; fails after {@code timeout}. */
    void waitFor(Duration timeout, String what, BooleanSupplier condition) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!onUi(condition::getAsBoolean)) {
            if (System.nanoTime() > until) {
                throw new TimeoutException("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        background.shutdownNow();
        ui.shutdownNow();
    }
}
