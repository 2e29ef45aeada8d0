package com.sourceful.commissioner.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way view-models do slow work: off the JavaFX thread, with results delivered back on it. Tests use
 * {@link #currentThread()} so a view-model runs deterministically, without a toolkit or sleeping.
 */
public abstract class Tasks {

    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    /** Something running or scheduled that can be stopped. */
    public interface Handle {
        void cancel();
    }

    /** Runs {@code work} in the background; exactly one of the callbacks follows on the UI thread, unless cancelled. */
    public abstract <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Background work described before it starts: {@code tasks.job(work).onSuccess(..).on(ZapException.class, ..)
     * .onFailure(..).andFinally(..).start()}. Exactly one outcome handler follows on the UI thread.
     */
    public <T> Job<T> job(Callable<T> work) {
        return new Job<>(this, work);
    }

    /** Runs {@code action} on the UI thread every {@code period}, first after one period. */
    public abstract Handle every(Duration period, Runnable action);

    /** Runs {@code action} on the UI thread once, after {@code delay}. */
    public abstract Handle after(Duration delay, Runnable action);

    /** Runs {@code action} on the UI thread soon; for events from background threads (mDNS, discovery). */
    public abstract void onUiThread(Runnable action);

    /**
     * One piece of background work and what follows it. Failures go to the first {@link #on} handler whose type
     * matches (in the order given), else to {@link #onFailure}; a cancelled job fails with a
     * {@link CancellationException}. A failure nobody handles is logged by its type only (its message may hold what
     * was typed).
     */
    public static final class Job<T> {
        private record Typed(Class<? extends Throwable> type, Consumer<Throwable> handler) { }

        private final Tasks tasks;
        private final Callable<T> work;
        private final List<Typed> typed = new ArrayList<>();
        private Consumer<? super T> onSuccess = value -> { };
        private Consumer<Throwable> onFailure = failure -> LOG.warn("Background work failed: {}",
                failure.getClass().getName());
        private Runnable andFinally = () -> { };

        private Job(Tasks tasks, Callable<T> work) {
            this.tasks = tasks;
            this.work = work;
        }

        public Job<T> onSuccess(Consumer<? super T> handler) {
            this.onSuccess = handler;
            return this;
        }

        /** Failures of {@code type} (and its subtypes) go here, before any later {@code on} and {@link #onFailure}. */
        public <E extends Throwable> Job<T> on(Class<E> type, Consumer<? super E> handler) {
            typed.add(new Typed(type, failure -> handler.accept(type.cast(failure))));
            return this;
        }

        /** Every failure no {@link #on} handler took. */
        public Job<T> onFailure(Consumer<Throwable> handler) {
            this.onFailure = handler;
            return this;
        }

        /**
         * Runs once the work is over, whatever the outcome (cancelled too), on the UI thread and <em>before</em> the
         * outcome's handler: a spinner goes off here, and a handler that starts new work can turn it on again.
         */
        public Job<T> andFinally(Runnable action) {
            this.andFinally = action;
            return this;
        }

        public Handle start() {
            return tasks.run(work, value -> {
                andFinally.run();
                onSuccess.accept(value);
            }, failure -> {
                andFinally.run();
                typed.stream().filter(t -> t.type().isInstance(failure)).findFirst()
                        .map(Typed::handler).orElse(onFailure).accept(failure);
            });
        }
    }

    /** The real thing: JavaFX {@link Task}s on daemon threads. */
    public static Tasks fx() {
        return new FxTasks();
    }

    /** Everything at once on the calling thread; timers only fire through {@link CurrentThread#fireTimers()}. */
    public static CurrentThread currentThread() {
        return new CurrentThread();
    }

    private static final class FxTasks extends Tasks {
        private final AtomicInteger counter = new AtomicInteger();
        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "background-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });

        @Override
        public <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    return work.call();
                }
            };
            task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
            task.setOnFailed(e -> {
                Throwable error = task.getException();
                if (!(error instanceof Exception)) {
                    LOG.error("Background work failed", error);
                }
                onFailure.accept(error);
            });
            // A cancelled task still tells its owner, so no spinner is left running.
            task.setOnCancelled(e -> onFailure.accept(new CancellationException()));
            executor.execute(task);
            return () -> task.cancel(true);
        }

        @Override
        public Handle every(Duration period, Runnable action) {
            Timeline timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> action.run()));
            timeline.setCycleCount(Timeline.INDEFINITE);
            timeline.play();
            return timeline::stop;
        }

        @Override
        public Handle after(Duration delay, Runnable action) {
            Timeline timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(delay.toMillis()), e -> action.run()));
            timeline.play();
            return timeline::stop;
        }

        @Override
        public void onUiThread(Runnable action) {
            Platform.runLater(action);
        }
    }

    /** For view-model tests: work runs inline, timers wait to be fired by the test. */
    public static final class CurrentThread extends Tasks {
        private final List<Runnable> repeating = new ArrayList<>();
        private final List<Runnable> once = new ArrayList<>();

        @Override
        public <T> Handle run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return () -> { };
            }
            onSuccess.accept(value);
            return () -> { };
        }

        @Override
        public Handle every(Duration period, Runnable action) {
            repeating.add(action);
            return () -> repeating.remove(action);
        }

        @Override
        public Handle after(Duration delay, Runnable action) {
            once.add(action);
            return () -> once.remove(action);
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        /** Fires every timer once, as if its period had passed. */
        public void fireTimers() {
            List<Runnable> due = new ArrayList<>(once);
            once.clear();
            due.addAll(repeating);
            due.forEach(Runnable::run);
        }
    }
}
