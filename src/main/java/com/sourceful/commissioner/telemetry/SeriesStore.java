package com.sourceful.commissioner.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** TEMPORARY stand-in of the issue 5 contract (boxed, undecimated); replaced by the telemetry branch on merge. */
public final class SeriesStore {
    public record Point(long timestampMs, double value) {
    }

    private final Map<String, List<Point>> points = new LinkedHashMap<>();

    public synchronized boolean add(String der, long timestampMs, double watts) {
        List<Point> list = points.computeIfAbsent(der, d -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1).timestampMs() >= timestampMs) {
            return false;
        }
        list.add(new Point(timestampMs, watts));
        return true;
    }

    public synchronized Set<String> ders() {
        return Set.copyOf(points.keySet());
    }

    public synchronized int size(String der) {
        return points.getOrDefault(der, List.of()).size();
    }

    public synchronized OptionalLong firstTimestamp() {
        return points.values().stream().filter(l -> !l.isEmpty()).mapToLong(l -> l.get(0).timestampMs()).min();
    }

    public synchronized OptionalLong lastTimestamp() {
        return points.values().stream().filter(l -> !l.isEmpty()).mapToLong(l -> l.get(l.size() - 1).timestampMs()).max();
    }

    public synchronized List<Point> window(String der, long fromMs, long toMs, int maxPoints) {
        return points.getOrDefault(der, List.of()).stream()
                .filter(p -> p.timestampMs() >= fromMs && p.timestampMs() <= toMs).toList();
    }

    public synchronized void clear() {
        points.clear();
    }
}
