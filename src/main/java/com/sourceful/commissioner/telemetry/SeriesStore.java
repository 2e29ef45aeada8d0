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
        if (count <= maxPoints) {
            List<Point> out = new ArrayList<>(count);
            for (int i = lo; i < hi; i++) {
                out.add(new Point(s.t[i], s.v[i]));
            }
            return out;
        }
        int buckets = maxPoints / 2;
        List<Point> out = new ArrayList<>(buckets * 2);
        for (int b = 0; b < buckets; b++) {
            int start = lo + (int) ((long) count * b / buckets);
            int end = lo + (int) ((long) count * (b + 1) / buckets);
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
        return out;
    }

    /** Forgets every point of every DER. */
    public synchronized void clear() {
        series.clear();
    }
}
