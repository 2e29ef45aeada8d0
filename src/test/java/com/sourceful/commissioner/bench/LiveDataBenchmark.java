package com.sourceful.commissioner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import com.sourceful.commissioner.telemetry.SeriesStore;
import com.sourceful.commissioner.ui.verify.GapLineChart;

/**
 * Live-data benchmark (not a test; run by {@code bench/live-data} and {@code bench/run}): a {@link SeriesStore}
 * holding a whole 8 h session at 1 Hz of four DERs (pv, battery, meter, v2x_charger): (a) the heap it takes,
 * measured after settled GCs; (b) the time to render one frame of the whole-session chart — a JavaFX
 * {@code GapLineChart} 1000×400 (the Verify step's chart) in headless Monocle with the software pipeline, its four
 * series set from {@code segments(der, first, last, 1200)} each as the Verify step sets them, timed around
 * {@code scene.snapshot(null)} (median of 15 frames after 5 warm-ups) — the same chart with empty series (its fixed
 * cost), and the same frame once without decimation.
 */
public final class LiveDataBenchmark {

    static final List<String> DERS = List.of("pv", "battery", "meter", "v2x_charger");
    static final int SECONDS = 8 * 3600;
    static final long T0 = 1_750_500_000_000L;
    static final int MAX_POINTS = 1200;
    static final int COARSE_POINTS = 600;
    static final int WARMUPS = 5;
    static final int FRAMES = 15;
    static final double HEAP_TARGET_MB = 256;
    static final double FRAME_TARGET_MS = 16;

    private LiveDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Headless JavaFX: must be set before the toolkit starts.
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("testfx.headless", "true");
        System.setProperty("java.awt.headless", "true");

        System.out.println("Live-data benchmark: 8 h at 1 Hz x 4 DERs (" + DERS.size() * SECONDS + " points)");
        System.out.println("machine: " + machine());
        System.out.println("load average at start: " + loadAverage());

        // (a) heap
        long before = settledUsedHeap();
        SeriesStore store = fill();
        long after = settledUsedHeap();
        double storeMb = (after - before) / 1048576.0;
        double totalMb = after / 1048576.0;
        int points = DERS.stream().mapToInt(store::size).sum();

        // (b) frame time
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        if (!up.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start");
        }
        Chart chart = onFx(Chart::new);
        long first = store.firstTimestamp().orElseThrow();
        long last = store.lastTimestamp().orElseThrow();

        double[] decimated = new double[FRAMES];
        double[] decimatedWithData = new double[FRAMES];
        int[] shown = new int[1];
        for (int i = 0; i < WARMUPS + FRAMES; i++) {
            double[] t = onFx(() -> chart.frame(store, first, last, MAX_POINTS, shown));
            if (i >= WARMUPS) {
                decimatedWithData[i - WARMUPS] = t[0];
                decimated[i - WARMUPS] = t[1];
            }
        }
        int shownDecimated = shown[0];
        // A coarser decimation for comparison (about one point per 2 px of plot width).
        double[] coarse = new double[FRAMES];
        for (int i = 0; i < WARMUPS + FRAMES; i++) {
            double[] t = onFx(() -> chart.frame(store, first, last, COARSE_POINTS, shown));
            if (i >= WARMUPS) {
                coarse[i - WARMUPS] = t[1];
            }
        }
        int shownCoarse = shown[0];
        // Fixed cost: the same chart with empty series (axes, legend, CSS, layout, software render, pixel read-back).
        SeriesStore empty = new SeriesStore();
        double[] emptyFrames = new double[FRAMES];
        for (int i = 0; i < WARMUPS + FRAMES; i++) {
            double[] t = onFx(() -> chart.frame(empty, first, last, MAX_POINTS, shown));
            if (i >= WARMUPS) {
                emptyFrames[i - WARMUPS] = t[1];
            }
        }
        // The specified decimation again, now that the JIT has seen some 40 frames: shows how much of the first
        // median was warm-up.
        double[] again = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            again[i] = onFx(() -> chart.frame(store, first, last, MAX_POINTS, shown))[1];
        }
        double[] full = onFx(() -> chart.frame(store, first, last, Integer.MAX_VALUE, shown));
        int shownFull = shown[0];
        // Back to the decimated view, then the whole process's heap with JavaFX and the chart up.
        onFx(() -> chart.frame(store, first, last, MAX_POINTS, shown));
        double withFxMb = settledUsedHeap() / 1048576.0;

        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %12s %10s %s%n", "measure", "value", "target", "");
        System.out.println("-".repeat(90));
        System.out.printf(Locale.ROOT, "%-58s %9.2f MB %7.0f MB %s%n", "(a) heap of the store (" + points + " points, after GC)",
                storeMb, HEAP_TARGET_MB, storeMb < HEAP_TARGET_MB ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f MB %7.0f MB %s%n", "    total heap used, store filled (after GC)", totalMb,
                HEAP_TARGET_MB, totalMb < HEAP_TARGET_MB ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f MB %7.0f MB %s%n", "    total heap used, JavaFX + chart up (after GC)",
                withFxMb, HEAP_TARGET_MB, withFxMb < HEAP_TARGET_MB ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n",
                "(b) frame, decimated: snapshot (" + shownDecimated + " points)", median(decimated), FRAME_TARGET_MS,
                median(decimated) < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n", "    same incl. segments() + data replacement",
                median(decimatedWithData), FRAME_TARGET_MS, median(decimatedWithData) < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n",
                "    frame, NOT decimated: snapshot (" + shownFull + " points, once)", full[1], FRAME_TARGET_MS,
                full[1] < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n", "    same incl. segments() + data replacement",
                full[0], FRAME_TARGET_MS, full[0] < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n",
                "    frame, decimated to " + COARSE_POINTS + "/series: snapshot (" + shownCoarse + " points)", median(coarse),
                FRAME_TARGET_MS, median(coarse) < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n",
                "    frame, decimated, measured again after the other runs", median(again), FRAME_TARGET_MS,
                median(again) < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "%-58s %9.2f ms %7.0f ms %s%n", "    fixed cost: same chart, empty series (median)",
                median(emptyFrames), FRAME_TARGET_MS, median(emptyFrames) < FRAME_TARGET_MS ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "decimated snapshot ms: min %.2f, median %.2f, max %.2f (%d frames after %d warm-ups)%n",
                Arrays.stream(decimated).min().orElse(0), median(decimated), Arrays.stream(decimated).max().orElse(0),
                FRAMES, WARMUPS);
        System.out.println("JavaFX " + System.getProperty("javafx.runtime.version") + ", glass "
                + System.getProperty("glass.platform") + "/" + System.getProperty("monocle.platform") + ", prism "
                + System.getProperty("prism.order"));
        System.out.println("load average at end: " + loadAverage());
        // For bench/run: the store's heap, and a frame as the app draws it (600 points a series, after warm-up).
        BenchRun.result("chart_heap_mb", storeMb);
        BenchRun.result("chart_frame_ms", median(coarse));
        Platform.exit();
        // keep the store reachable until after the heap measurement and the frames
        if (store.size("meter") != SECONDS) {
            throw new AssertionError("store lost points");
        }
        System.exit(0);
    }

    /** Four plausible 1 Hz curves: PV (negative, a day's bell), battery (± swings), meter (the balance), EV charger. */
    static SeriesStore fill() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < SECONDS; i++) {
            long t = T0 + i * 1000L;
            double day = Math.sin(Math.PI * i / SECONDS);
            double noise = Math.sin(i * 12.9898) * 43758.5453 % 1;
            double pv = -Math.round(8000 * day * day * (0.9 + 0.1 * noise));
            double battery = Math.round(4000 * Math.sin(2 * Math.PI * i / 1800.0));
            double v2x = (i % 7200) < 5400 ? 7360 + Math.round(40 * noise) : 0;
            double house = 600 + 300 * Math.sin(2 * Math.PI * i / 97.0) + (i % 900 < 180 ? 2000 : 0);
            double meter = Math.round(house + pv + battery + v2x);
            s.add("pv", t, pv);
            s.add("battery", t, battery);
            s.add("meter", t, meter);
            s.add("v2x_charger", t, v2x);
        }
        return s;
    }

    /** Used heap after GC, repeated until two successive readings agree within 64 KB (at most 10 rounds). */
    static long settledUsedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long prev = Long.MIN_VALUE;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(used - prev) < 64 * 1024) {
                break;
            }
            prev = used;
        }
        return used;
    }

    /** The whole-session chart, built and used on the FX thread only. */
    static final class Chart {
        final GapLineChart chart;
        final Scene scene;
        final List<XYChart.Series<Number, Number>> series = new ArrayList<>();

        Chart() {
            NumberAxis x = new NumberAxis();
            x.setLabel("hours");
            x.setForceZeroInRange(false);
            NumberAxis y = new NumberAxis();
            y.setLabel("W");
            chart = new GapLineChart(x, y);
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            chart.setPrefSize(1000, 400);
            for (String der : DERS) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(der);
                series.add(s);
                chart.getData().add(s);
            }
            scene = new Scene(chart, 1000, 400);
        }

        /** Replaces the four series' data and renders; returns {window+replace+snapshot ms, snapshot ms}. */
        double[] frame(SeriesStore store, long first, long last, int maxPoints, int[] shown) {
            long t0 = System.nanoTime();
            int n = 0;
            for (int i = 0; i < DERS.size(); i++) {
                ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
                for (List<SeriesStore.Point> run : store.segments(DERS.get(i), first, last, maxPoints)) {
                    for (int k = 0; k < run.size(); k++) {
                        SeriesStore.Point p = run.get(k);
                        XYChart.Data<Number, Number> d = new XYChart.Data<>((p.timestampMs() - first) / 3_600_000.0,
                                p.value());
                        if (k == 0 && !data.isEmpty()) {
                            d.setExtraValue(GapLineChart.AFTER_GAP);
                        }
                        data.add(d);
                    }
                }
                series.get(i).setData(data);
                n += data.size();
            }
            long t1 = System.nanoTime();
            scene.snapshot(null);
            long t2 = System.nanoTime();
            shown[0] = n;
            return new double[] {(t2 - t0) / 1e6, (t2 - t1) / 1e6};
        }
    }

    static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(120, TimeUnit.SECONDS);
    }

    /** /proc/loadavg where there is one: other processes on the machine skew the frame times. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores, %s %s %s, Java %s (%s), max heap %d MB", rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() / 1048576);
    }
}
