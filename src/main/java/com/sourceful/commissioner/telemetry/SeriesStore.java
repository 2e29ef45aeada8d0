package com.sourceful.commissioner.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Power readings per DER over the readings' own timestamps, compact enough for a whole day at 1 Hz.
 * <p>
 * Each DER keeps two growable primitive arrays (timestamps {@code long[]}, watts {@code double[]}, capacity doubled
 * when full): 16 bytes a point, so 8 h at 1 Hz of four DERs is about 1.8 MB (plus at most as much again of spare
 * capacity). Timestamps of a DER strictly increase, which lets {@link #window} find its range by binary search.
 * All methods are synchronized: the poller appends while the UI thread reads windows.
 */
public final class SeriesStore {

    /** One stored reading. */
    public record Point(long timestampMs, double value) { }

    private static final int INITIAL_CAPACITY = 64;
    /**
     * A break longer than this many typical reading intervals is a gap. 2.5: a reading missed now and then (a repeated
     * snapshot, one 204) leaves a break of 2 intervals, which is still a line; one failed poll, after which the app
     * waits twice the poll period, leaves 3 and is a gap.
     */
    public static final double GAP_FACTOR = 2.5;

    private static final class Series {
        long[] t = new long[INITIAL_CAPACITY];
        double[] v = new double[INITIAL_CAPACITY];
        int n;

        void add(long ts, double w) {
            if (n == t.length) {
                int cap = t.length * 2;
                t = Arrays.copyOf(t, cap);
                v = Arrays.copyOf(v, cap);
            }
            t[n] = ts;
            v[n] = w;
            n++;
        }

        /** First index with t[i] &gt;= ts (n if none). */
        int lowerBound(long ts) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] < ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** First index with t[i] &gt; ts (n if none). */
        int upperBound(long ts) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] <= ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private final Map<String, Series> series = new LinkedHashMap<>();

    /**
     * Appends; a timestamp not after the DER's last one is ignored (the Zap repeats a snapshot between reads), and so
     * is a value that is not finite (NaN would break the min/max of a window). Returns whether it was added.
     */
    public synchronized boolean add(String der, long timestampMs, double watts) {
        if (der == null) {
            throw new IllegalArgumentException("der must not be null");
        }
        if (!Double.isFinite(watts)) {
            return false;
        }
        Series s = series.get(der);
        if (s != null && s.n > 0 && timestampMs <= s.t[s.n - 1]) {
            return false;
        }
        if (s == null) {
            s = new Series();
            series.put(der, s);
        }
        s.add(timestampMs, watts);
        return true;
    }

    /** The DERs that have at least one point, in the order they first got one. */
    public synchronized Set<String> ders() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(series.keySet()));
    }

    /** Number of points of the DER, 0 for an unknown one. */
    public synchronized int size(String der) {
        Series s = series.get(der);
        return s == null ? 0 : s.n;
    }

    /** The earliest timestamp over all DERs; empty when the store is empty. */
    public synchronized OptionalLong firstTimestamp() {
        return series.values().stream().filter(s -> s.n > 0).mapToLong(s -> s.t[0]).min();
    }

    /** The latest timestamp over all DERs; empty when the store is empty. */
    public synchronized OptionalLong lastTimestamp() {
        return series.values().stream().filter(s -> s.n > 0).mapToLong(s -> s.t[s.n - 1]).max();
    }

    /**
     * The DER's points with timestampMs in [fromMs, toMs], at most maxPoints: min/max per bucket so peaks survive.
     * <p>
     * When the range holds more than {@code maxPoints} points it is cut into {@code maxPoints / 2} buckets of (nearly)
     * equal point count, and each bucket contributes its minimum and its maximum point, in time order (one point when
     * they coincide). Empty for an unknown DER or an empty range ({@code fromMs > toMs}).
     *
     * @param maxPoints at least 2 (a bucket needs room for its minimum and its maximum)
     */
    public synchronized List<Point> window(String der, long fromMs, long toMs, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, was " + maxPoints);
        }
        Series s = series.get(der);
        if (s == null || fromMs > toMs) {
            return List.of();
        }
        int lo = s.lowerBound(fromMs);
        int hi = s.upperBound(toMs);
        int count = hi - lo;
        if (count <= 0) {
            return List.of();
        }
        List<Point> out = new ArrayList<>(Math.min(count, maxPoints));
        decimate(s, lo, hi, maxPoints, out);
        return out;
    }

    /**
     * The DER's points in [fromMs, toMs] as runs without a gap, at most maxPoints in all (decimated per run like
     * {@link #window}). A gap is a break between two consecutive readings longer than {@link #GAP_FACTOR} times their
     * typical spacing (the median interval in the range): the Zap was silent, answered 204, or could not be asked. A
     * break too short to see at this zoom (under four points' worth of the range at {@code maxPoints}) is no gap, so
     * there are never more runs than {@code maxPoints / 4 + 1}. Empty for an unknown DER or an empty range.
     *
     * @param maxPoints at least 2; below 4 the range is one run
     */
    public synchronized List<List<Point>> segments(String der, long fromMs, long toMs, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, was " + maxPoints);
        }
        Series s = series.get(der);
        if (s == null || fromMs > toMs) {
            return List.of();
        }
        int lo = s.lowerBound(fromMs);
        int hi = s.upperBound(toMs);
        if (hi <= lo) {
            return List.of();
        }
        // Where each run starts: starts[k] .. starts[k + 1] - 1 are the points of run k.
        List<Integer> starts = new ArrayList<>();
        starts.add(lo);
        if (maxPoints >= 4 && hi - lo >= 2) {
            double visible = 4.0 * (toMs - fromMs) / maxPoints;
            double gap = Math.max(GAP_FACTOR * typicalInterval(s, lo, hi), visible);
            for (int i = lo + 1; i < hi; i++) {
                if (s.t[i] - s.t[i - 1] > gap) {
                    starts.add(i);
                }
            }
        }
        starts.add(hi);
        int runs = starts.size() - 1;
        int total = hi - lo;
        // Two points per run for its minimum and maximum, the rest shared by point count: never more than maxPoints.
        long spare = Math.max(0, maxPoints - 2L * runs);
        List<List<Point>> out = new ArrayList<>(runs);
        for (int k = 0; k < runs; k++) {
            int a = starts.get(k);
            int b = starts.get(k + 1);
            int budget = (int) Math.min(b - a, 2 + spare * (b - a) / total);
            List<Point> run = new ArrayList<>(budget);
            decimate(s, a, b, budget, run);
            out.add(run);
        }
        return out;
    }

    /** Median spacing of the readings lo..hi-1, from at most 1024 evenly chosen intervals. */
    private static long typicalInterval(Series s, int lo, int hi) {
        int intervals = hi - lo - 1;
        int n = Math.min(intervals, 1024);
        long[] d = new long[n];
        for (int j = 0; j < n; j++) {
            int i = lo + 1 + (int) ((long) intervals * j / n);
            d[j] = s.t[i] - s.t[i - 1];
        }
        Arrays.sort(d);
        return d[n / 2];
    }

    /** Points a..b-1 into out: all of them when they fit in budget, else min and max of budget / 2 buckets. */
    private static void decimate(Series s, int a, int b, int budget, List<Point> out) {
        int count = b - a;
        if (count <= budget) {
            for (int i = a; i < b; i++) {
                out.add(new Point(s.t[i], s.v[i]));
            }
            return;
        }
        int buckets = budget / 2;
        for (int k = 0; k < buckets; k++) {
            int start = a + (int) ((long) count * k / buckets);
            int end = a + (int) ((long) count * (k + 1) / buckets);
            int min = start;
            int max = start;
            for (int i = start + 1; i < end; i++) {
                if (s.v[i] < s.v[min]) {
                    min = i;
                }
                if (s.v[i] > s.v[max]) {
                    max = i;
                }
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            out.add(new Point(s.t[first], s.v[first]));
            if (second != first) {
                out.add(new Point(s.t[second], s.v[second]));
            }
        }
    }

    /** Forgets every point of every DER. */
    public synchronized void clear() {
        series.clear();
    }
}
