package com.sourceful.commissioner.telemetry;

import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.TelemetrySnapshot.Reading;

import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made readings and snapshots for tests: numbers become Double, as ZapClient parses them. */
final class Readings {

    private Readings() {
    }

    /** @param kv alternating keys and values (Number, Boolean or String) */
    static Reading reading(String type, long timestampMs, Object... kv) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", type);
        values.put("timestamp", (double) timestampMs);
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            values.put((String) kv[i], v instanceof Number n ? (Object) n.doubleValue() : v);
        }
        return new Reading(type, "Test", timestampMs, Map.copyOf(values));
    }

    static Reading meter(long timestampMs, double w, double l1, double l2, double l3) {
        return reading("meter", timestampMs, "W", w, "L1_W", l1, "L2_W", l2, "L3_W", l3);
    }

    static Reading meter(long timestampMs, double w) {
        return reading("meter", timestampMs, "W", w);
    }

    static TelemetrySnapshot snapshot(Reading... readings) {
        Map<String, Reading> m = new LinkedHashMap<>();
        for (Reading r : readings) {
            m.put(r.type(), r);
        }
        return new TelemetrySnapshot("test", Map.copyOf(m));
    }
}
