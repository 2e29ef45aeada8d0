package com.sourceful.commissioner.ui.common;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;

/**
 * Start-up time: from JVM start to the first frame of a window actually rendered, for {@code --startup-probe} and
 * the start-up benchmark (which measures a bare JavaFX window with this same class).
 *
 * <p>How the first frame is found: a {@link Scene#addPostLayoutPulseListener post-layout pulse listener} notes the
 * first pulse after the window is showing — CSS and layout of the whole scene are done, and that pulse then hands
 * the frame to the render thread. The render itself runs on that thread; so right after that pulse (a
 * {@code runLater} queued from the listener) a 1×1 snapshot of the root is taken, which first waits for every
 * render in progress to finish (JavaFX does that before any snapshot). The time read after it is the first rendered
 * frame (plus the 1×1 snapshot, under a millisecond). JVM start is {@code RuntimeMXBean.getStartTime()}, in the
 * same wall clock as {@link System#currentTimeMillis()}; {@code ProcessHandle}'s start instant is not used because
 * on Linux it is derived from the boot time in whole seconds.
 *
 * <p>{@link #afterFirstFrame} uses the same two steps for work the app can start once its first frame is drawn.
 */
public final class StartupProbe {

    /** The first frame, in milliseconds after JVM start. */
    public record Result(long laidOutMs, long renderedMs) {

        /** The line {@code --startup-probe} prints and the benchmark parses. */
        public String line() {
            return String.format(Locale.ROOT, "startup-probe: first frame rendered %d ms after JVM start"
                    + " (laid out at %d ms)", renderedMs, laidOutMs);
        }
    }

    private StartupProbe() {
    }

    /**
     * Calls {@code done} (on the JavaFX thread) once the first frame of {@code scene} has been rendered after its
     * window shows. Call on the JavaFX thread, before or right after {@code stage.show()}.
     */
    public static void whenFirstFrameRendered(Scene scene, Consumer<Result> done) {
        afterFirstLayout(scene, laidOut -> {
            long rendered = waitForRender(scene);
            // The management classes load only now, after the clock was read.
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            done.accept(new Result(laidOut - jvmStart, rendered - jvmStart));
        });
    }

    /**
     * Runs {@code action} on the JavaFX thread once the first frame of {@code scene} is rendered: for work that can
     * wait until the window shows something, and should not compete with drawing it. Call before or right after
     * {@code stage.show()}.
     */
    public static void afterFirstFrame(Scene scene, Runnable action) {
        afterFirstLayout(scene, laidOut -> {
            waitForRender(scene);
            action.run();
        });
    }

    /**
     * Waits for the frame being rendered, as the next pulse would before touching the scene: a 1×1 snapshot first
     * waits for every render in progress. Returns the time after it.
     */
    private static long waitForRender(Scene scene) {
        SnapshotParameters oneByOne = new SnapshotParameters();
        oneByOne.setViewport(new Rectangle2D(0, 0, 1, 1));
        scene.getRoot().snapshot(oneByOne, new WritableImage(1, 1));
        return System.currentTimeMillis();
    }

    /** The first pulse with the window showing: CSS and layout done, the frame about to go to the render thread. */
    private static void afterFirstLayout(Scene scene, LongConsumer afterThatPulse) {
        boolean[] seen = new boolean[1];
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (seen[0] || scene.getWindow() == null || !scene.getWindow().isShowing()) {
                return;
            }
            seen[0] = true;
            long laidOut = System.currentTimeMillis();
            Platform.runLater(() -> {
                scene.removePostLayoutPulseListener(listener[0]);
                afterThatPulse.accept(laidOut);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
