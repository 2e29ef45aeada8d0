package com.sourceful.commissioner.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Watches the JavaFX pulses: an {@link AnimationTimer} asks for one every frame (~16 ms), so the time between two
 * calls is how long the JavaFX thread could not draw. A gap over 100 ms is a stutter the technician sees. Each gap's
 * JavaFX-thread CPU time is kept too: on a machine shared with other busy processes a gap can be the thread waiting
 * for a core, not working.
 * <p>
 * A page switch of the wizard lays out and draws a whole new step, which is not what a fault causes: from
 * {@link #navigated()} until the pulses are back to normal (a gap under {@link #SETTLED_NANOS}, at most
 * {@link #NAVIGATION_GRACE_NANOS}) gaps are kept apart ({@link #worstNavigationGapMs()}).
 */
final class PulseMonitor implements AutoCloseable {

    static final long NAVIGATION_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    static final long SETTLED_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

    private final AnimationTimer timer;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile long last;
    private volatile long lastCpu;
    private volatile long worstNanos;
    private volatile long worstCpuNanos;
    private volatile long worstNavigationNanos;
    private volatile long graceUntil;
    private volatile long pulses;

    private PulseMonitor() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long previous = last;
                if (previous != 0) {
                    long gap = t - previous;
                    if (t - graceUntil <= 0) {
                        worstNavigationNanos = Math.max(worstNavigationNanos, gap);
                        if (gap < SETTLED_NANOS) {
                            graceUntil = t; // drawn and settled: what follows counts again
                        }
                    } else {
                        worstNanos = Math.max(worstNanos, gap);
                        worstCpuNanos = Math.max(worstCpuNanos, cpu - lastCpu);
                    }
                }
                last = t;
                lastCpu = cpu;
                pulses++;
            }
        };
    }

    static PulseMonitor start() throws InterruptedException {
        PulseMonitor m = new PulseMonitor();
        if (Boolean.getBoolean("pulse.stacks") || System.getenv("PULSE_STACKS") != null) {
            Thread w = new Thread(m::watchdog, "pulse-watchdog");
            w.setDaemon(true);
            w.start();
        }
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

    /** The wizard switched pages (call on the JavaFX thread, as it happens). */
    void navigated() {
        graceUntil = System.nanoTime() + NAVIGATION_GRACE_NANOS;
    }

    /** Forgets what was measured; the next gap counts from the next pulse. */
    void reset() {
        last = 0;
        worstNanos = 0;
        worstCpuNanos = 0;
        worstNavigationNanos = 0;
        pulses = 0;
    }

    /** The longest time between two pulses since {@link #reset()}, in ms, page switches aside. */
    double worstGapMs() {
        long previous = last;
        long open = previous == 0 ? 0 : System.nanoTime() - previous;
        // A pulse may be due right now; only a wait clearly beyond a few frames counts as the thread being stuck.
        return Math.max(worstNanos, open > 50_000_000L ? open : 0) / 1e6;
    }

    /** The most JavaFX-thread CPU time spent between two pulses since {@link #reset()}, in ms, page switches aside. */
    double worstCpuMs() {
        return worstCpuNanos / 1e6;
    }

    double worstNavigationGapMs() {
        return worstNavigationNanos / 1e6;
    }

    long pulses() {
        return pulses;
    }

    /** With -Dpulse.stacks=true (or PULSE_STACKS set): prints what the JavaFX thread was doing in each gap over 60 ms. */
    private void watchdog() {
        Thread fx = null;
        while (true) {
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                return;
            }
            if (fx == null) {
                fx = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElse(null);
                continue;
            }
            long previous = last;
            if (previous != 0 && System.nanoTime() - previous > 60_000_000L) {
                StackTraceElement[] stack = fx.getStackTrace();
                StringBuilder sb = new StringBuilder("PULSE-GAP " + (System.nanoTime() - previous) / 1_000_000 + " ms"
                        + (System.nanoTime() - graceUntil <= 0 ? " (page switch)" : "") + ":");
                for (int i = 0; i < Math.min(stack.length, 40); i++) {
                    sb.append("\n    at ").append(stack[i]);
                }
                System.out.println(sb);
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        Platform.runLater(timer::stop);
    }
}
