package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sourceful.commissioner.zap.TelemetrySnapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tiles of a reading: L1–L3 are marked with their phase, so the view can put them in the same columns. */
class LiveValuesTest {

    private Locale saved;

    @BeforeEach
    void english() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterEach
    void back() {
        Locale.setDefault(saved);
    }

    @Test
    void aMetersPhasesAreTilesOfTheirPhaseWithPowerFirstAndVoltageAndCurrentUnder() {
        List<LiveValues.Tile> tiles = LiveValues.tiles(reading("meter", "W", 1200, "Hz", 50.01,
                "L1_W", 990, "L1_V", 230, "L1_A", 4.3, "L2_W", 110, "L2_V", 231, "L2_A", 0.5,
                "L3_W", 100, "L3_V", 229, "L3_A", 0.4));
        assertThat(tiles).filteredOn(t -> t.phase() == 0).extracting(LiveValues.Tile::label)
                .containsExactly("Power", "Frequency");
        assertThat(tiles).filteredOn(t -> t.phase() > 0).extracting(LiveValues.Tile::phase).containsExactly(1, 2, 3);
        LiveValues.Tile l1 = tiles.stream().filter(t -> t.phase() == 1).findFirst().orElseThrow();
        assertThat(l1.label()).isEqualTo("L1");
        assertThat(l1.value()).isEqualTo("0.99 kW");
        assertThat(l1.detail()).isEqualTo("230 V · 4.3 A");
        assertThat(l1.text()).as("the report's line, as before").isEqualTo("230 V · 4.3 A · 0.99 kW");
    }

    @Test
    void aChargersPhasesAreTilesOfTheirPhaseToo() {
        List<LiveValues.Tile> tiles = LiveValues.tiles(reading("v2x_charger", "W", 7400, "status", "charging",
                "L1_W", 2500, "L2_W", 2450, "L3_W", 2450));
        assertThat(tiles).filteredOn(t -> t.phase() > 0).extracting(LiveValues.Tile::label)
                .containsExactly("L1", "L2", "L3");
        assertThat(tiles.get(0).text()).isEqualTo("7.40 kW");
    }

    private static TelemetrySnapshot.Reading reading(String type, Object... kv) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            values.put((String) kv[i], kv[i + 1] instanceof Number n ? (Object) n.doubleValue() : kv[i + 1]);
        }
        return new TelemetrySnapshot.Reading(type, "Test", 1000, Map.copyOf(values));
    }
}
