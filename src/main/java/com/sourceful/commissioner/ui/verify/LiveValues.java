package com.sourceful.commissioner.ui.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.zap.TelemetrySnapshot;

/** The key values of a reading as one line of text with units, e.g. "−4.21 kW · 612 V / 3.4 A". */
final class LiveValues {

    private LiveValues() {
    }

    static String describe(TelemetrySnapshot.Reading r) {
        List<String> parts = new ArrayList<>();
        r.watts().ifPresent(w -> parts.add(kw(w)));
        switch (r.type()) {
            case "pv" -> {
                r.number("mppt1_V").ifPresent(v -> parts.add(Messages.get("value.mppt", 1, fmt(v, 0),
                        fmt(r.number("mppt1_A").orElse(0), 1))));
                r.number("total_generation_Wh").ifPresent(wh -> parts.add(Messages.get("value.generated", fmt(wh / 1000, 1))));
            }
            case "battery" -> {
                r.number("SoC_nom_fract").ifPresent(s -> parts.add(Messages.get("value.soc", fmt(s * 100, 0))));
                r.number("V").ifPresent(v -> parts.add(fmt(v, 1) + " V"));
            }
            case "meter" -> {
                r.number("Hz").ifPresent(hz -> parts.add(fmt(hz, 2) + " Hz"));
                for (int phase = 1; phase <= 3; phase++) {
                    int p = phase;
                    r.number("L" + p + "_W").ifPresent(w -> parts.add("L" + p + " " + kw(w)));
                }
            }
            case "v2x_charger" -> {
                r.text("status").ifPresent(parts::add);
                r.number("vehicle_soc_fract").ifPresent(s -> parts.add(Messages.get("value.vehicleSoc", fmt(s * 100, 0))));
            }
            default -> {
            }
        }
        return String.join("  ·  ", parts);
    }

    static String kw(double watts) {
        return fmt(watts / 1000.0, 2) + " kW";
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.getDefault(), "%." + decimals + "f", v);
    }
}
