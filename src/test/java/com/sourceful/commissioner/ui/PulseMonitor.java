package com.sourceful.commissioner.ui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Watches the JavaFX pulses: an {@link AnimationTimer} asks for one every frame (~16 ms), so the time between two
 * calls is how long the JavaFX thread could not draw. A gap over 100 ms is a stutter the technician sees.
 */
final class PulseMonitor implements AutoCloseable {

    private final AnimationTimer timer;
    private volatile long last;
    private volatile long worstNanos;
    private volatile long pulses;

    private PulseMonitor() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long previous = last;
                if (previous != 0) {
                    worstNanos = Math.max(worstNanos, t - previous);
                }
                last = t;
                pulses++;
            }
        };
    }

    static PulseMonitor start() throws InterruptedException {
        PulseMonitor m = new PulseMonitor();
        CountDownLatch started = new CountDownLatch(1);
        Platform.runLater(() -> {
            m.timer.start();
            started.countDown();
        });
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX thread did not start the pulse monitor");
        }
        return m;
    }

    /** Forgets what was measured; the next gap counts from the next pulse. */
    void reset() {
        last = 0;
        worstNanos = 0;
        pulses = 0;
    }

    /** The longest time between two pulses since {@link #reset()}, in ms; also counts the time since the last pulse. */
    double worstGapMs() {
        long previous = last;
        long sinceLast = previous == 0 ? 0 : System.nanoTime() - previous;
        // A pulse may be due right now; only a wait clearly beyond one frame counts as the thread being stuck.
        long open = sinceLast > 50_000_000L ? sinceLast : 0;
        return Math.max(worstNanos, open) / 1e6;
    }

    long pulses() {
        return pulses;
    }

    @Override
    public void close() {
        Platform.runLater(timer::stop);
    }
}
