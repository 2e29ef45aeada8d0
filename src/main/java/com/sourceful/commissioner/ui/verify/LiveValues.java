package com.sourceful.commissioner.ui.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.zap.TelemetrySnapshot;

/** The key values of a reading as tiles: a label and a number with its unit, e.g. "SoC" / "56 %". */
final class LiveValues {

    /**
     * One large value on a DER's card, with a smaller detail under it (may be empty). {@code phase} is 1–3 for a
     * phase's value (the view puts L1, L2, L3 in the same columns on every card), 0 for any other.
     */
    record Tile(String label, String value, String detail, int phase) {

        Tile(String label, String value) {
            this(label, value, "", 0);
        }

        /** The whole tile as one line, e.g. "230 V · 4.3 A · 0.99 kW" (for the report and the summary line). */
        String text() {
            return detail.isEmpty() ? value : detail + " · " + value;
        }
    }

    private LiveValues() {
    }

    static List<Tile> tiles(TelemetrySnapshot.Reading r) {
        List<Tile> out = new ArrayList<>();
        r.watts().ifPresent(w -> out.add(new Tile(Messages.get("value.power"), kw(w))));
        switch (r.type()) {
            case "pv" -> {
                for (int m = 1; m <= 2; m++) {
                    OptionalDouble v = r.number("mppt" + m + "_V");
                    OptionalDouble a = r.number("mppt" + m + "_A");
                    if (v.isPresent()) {
                        out.add(new Tile("MPPT" + m, fmt(v.getAsDouble(), 0) + " V · " + fmt(a.orElse(0), 1) + " A"));
                    }
                }
                r.number("total_generation_Wh").ifPresent(wh -> out.add(new Tile(Messages.get("value.generated"), kwh(wh))));
            }
            case "battery" -> {
                r.number("SoC_nom_fract").ifPresent(s -> out.add(new Tile(Messages.get("value.soc"), fmt(s * 100, 0) + " %")));
                r.number("V").ifPresent(v -> out.add(new Tile(Messages.get("value.voltage"), fmt(v, 1) + " V")));
                r.number("A").ifPresent(a -> out.add(new Tile(Messages.get("value.current"), fmt(a, 1) + " A")));
                r.number("total_charge_Wh").ifPresent(wh -> out.add(new Tile(Messages.get("value.charged"), kwh(wh))));
                r.number("total_discharge_Wh").ifPresent(wh -> out.add(new Tile(Messages.get("value.discharged"), kwh(wh))));
            }
            case "meter" -> {
                r.number("Hz").ifPresent(hz -> out.add(new Tile(Messages.get("value.frequency"), fmt(hz, 2) + " Hz")));
                r.number("total_import_Wh").ifPresent(wh -> out.add(new Tile(Messages.get("value.imported"), kwh(wh))));
                r.number("total_export_Wh").ifPresent(wh -> out.add(new Tile(Messages.get("value.exported"), kwh(wh))));
                addPhases(r, out);
            }
            case "v2x_charger" -> {
                r.text("status").ifPresent(s -> out.add(new Tile(Messages.get("value.status"), s)));
                r.number("vehicle_soc_fract").ifPresent(s -> out.add(new Tile(Messages.get("value.vehicleSoc"), fmt(s * 100, 0) + " %")));
                r.number("session_charge_Wh").ifPresent(wh -> out.add(new Tile(Messages.get("value.sessionCharged"), kwh(wh))));
                addPhases(r, out);
            }
            default -> {
            }
        }
        return out;
    }

    /** L1, L2, L3 as the phase's power with its voltage and current under it, for each phase the reading has. */
    private static void addPhases(TelemetrySnapshot.Reading r, List<Tile> out) {
        for (int phase = 1; phase <= 3; phase++) {
            OptionalDouble w = r.number("L" + phase + "_W");
            if (w.isPresent()) {
                out.add(new Tile("L" + phase, kw(w.getAsDouble()), fmt(r.number("L" + phase + "_V").orElse(0), 0)
                        + " V · " + fmt(r.number("L" + phase + "_A").orElse(0), 1) + " A", phase));
            }
        }
    }

    static String kw(double watts) {
        return fmt(watts / 1000.0, 2) + " kW";
    }

    static String kwh(double wattHours) {
        return fmt(wattHours / 1000.0, 1) + " kWh";
    }

    static String fmt(double v, int decimals) {
        return Messages.decimal(v, decimals);
    }
}
