package com.sourceful.commissioner.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongToDoubleFunction;

/**
 * One device added to the simulated Zap: its saved config, its DERs, and a deterministic telemetry model.
 * <p>
 * Telemetry is a pure function of (device, time): curves are sinusoids of the clock time plus a small
 * jitter derived by hashing (device seed, second), and energy totals are integrated on a fixed 10 s grid
 * anchored at the time the device was added (rectangle rule, so they never decrease).
 * Sign conventions follow zap-local-api.md: pv W &lt; 0 generating; battery W, A &gt; 0 charging;
 * meter W &gt; 0 import; v2x W &gt; 0 charging.
 */
final class SimDevice {

    /** The Zap reads a device about once a second; the first reading is ready 1 s after adding. */
    static final long HARVEST_INTERVAL_MS = 1_000;
    /** Period of the simulated "sun": a few minutes, so a technician sees the PV curve move. */
    static final double SUN_PERIOD_S = 240;
    static final double BATTERY_PERIOD_S = 180;
    static final double LOAD_PERIOD_S = 97;
    static final double EV_CAPACITY_WH = 64_000;
    static final double EV_NOMINAL_W = 7_360;
    static final double EV_EFFICIENCY = 0.96;
    private static final long INTEGRATION_STEP_MS = 10_000;

    /** What a device sees of the rest of the simulated site. */
    interface Site {
        /** How the meter of a P1 device sees the rest of the site (other devices' pv + battery + charger W). */
        double otherDevicesPowerW(SimDevice self, long tMs);

        /** Extra household load (W) on phase index 0..2 that every meter reports (ZapSimulator.addHouseLoad). */
        default double extraPhaseLoadW(int phaseIndex) {
            return 0;
        }

        /** Whether meters report W and phase W/A negated, as a CT mounted the wrong way round would. */
        default boolean meterSignInverted() {
            return false;
        }
    }

    static final class Der {
        final String type;
        boolean enabled;
        Double ratedPower;
        Double installedPower;
        Double capacity;

        Der(String type) {
            this.type = type;
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("type", type);
            o.addProperty("enabled", enabled);
            if (ratedPower != null) {
                o.addProperty("rated_power", ratedPower);
            }
            if (installedPower != null) {
                o.addProperty("installed_power", installedPower);
            }
            if (capacity != null) {
                o.addProperty("capacity", capacity);
            }
            return o;
        }
    }

    final String sn;
    final ZapProfile profile;
    final String identity;
    /** Saved config, defaults applied. Holds the password (if any) — never serialise it as is. */
    final JsonObject config;
    final long addedAtMs;
    final Map<String, Der> ders = new LinkedHashMap<>();
    private final long seed;
    private final Site site;
    private final Accumulator pvGeneration;
    private final Accumulator batteryCharge;
    private final Accumulator batteryDischarge;
    private final Accumulator meterImport;
    private final Accumulator meterExport;
    private final double phaseShift;

    SimDevice(String sn, ZapProfile profile, String identity, JsonObject config, long addedAtMs, Site site) {
        this.sn = sn;
        this.profile = profile;
        this.identity = identity;
        this.config = config;
        this.addedAtMs = addedAtMs;
        this.site = site;
        this.seed = ByteBuffer.wrap(SimHttp.sha256(sn)).getLong();
        this.phaseShift = unit(seed, 1) * 2 * Math.PI;
        for (String t : profile.ders()) {
            ders.put(t, new Der(t));
        }
        this.pvGeneration = new Accumulator(addedAtMs, t -> -pvW(t));
        this.batteryCharge = new Accumulator(addedAtMs, t -> Math.max(0, batteryW(t)));
        this.batteryDischarge = new Accumulator(addedAtMs, t -> Math.max(0, -batteryW(t)));
        this.meterImport = new Accumulator(addedAtMs, t -> Math.max(0, meterW(t)));
        this.meterExport = new Accumulator(addedAtMs, t -> Math.max(0, -meterW(t)));
    }

    /** Saved config + sn, connected, last_harvest, path, ders — without the password. */
    JsonObject listingJson(long nowMs) {
        JsonObject o = config.deepCopy();
        o.remove("password");
        o.addProperty("sn", sn);
        o.addProperty("connected", true);
        OptionalLong h = latestHarvest(nowMs);
        if (h.isPresent()) {
            o.addProperty("last_harvest", h.getAsLong());
        }
        o.addProperty("path", "/api/devices/" + sn);
        o.add("ders", dersJson());
        return o;
    }

    JsonArray dersJson() {
        JsonArray a = new JsonArray();
        ders.values().forEach(d -> a.add(d.toJson()));
        return a;
    }

    /** Time of the latest reading at {@code nowMs}, empty before the first one. */
    OptionalLong latestHarvest(long nowMs) {
        long elapsed = nowMs - addedAtMs;
        if (elapsed < HARVEST_INTERVAL_MS) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(addedAtMs + (elapsed / HARVEST_INTERVAL_MS) * HARVEST_INTERVAL_MS);
    }

    // ---------------------------------------------------------------- model

    private double pvRatedW() {
        Der d = ders.get("pv");
        return d != null && d.ratedPower != null && d.ratedPower > 0 ? d.ratedPower : profile.pvRatedW();
    }

    private double batteryMaxW() {
        Der d = ders.get("battery");
        return d != null && d.ratedPower != null && d.ratedPower > 0 ? d.ratedPower : profile.batteryMaxW();
    }

    private double batteryWh() {
        Der d = ders.get("battery");
        return d != null && d.capacity != null && d.capacity > 0 ? d.capacity : profile.batteryWh();
    }

    /** Relative "sun" in [0.05, 1]. */
    private double sun(long tMs) {
        double x = 2 * Math.PI * (tMs / 1000.0) / SUN_PERIOD_S + phaseShift;
        return 0.05 + 0.95 * (0.5 + 0.5 * Math.sin(x));
    }

    /** PV power in W, negative (generating), |W| ≤ rated. 0 when the device has no PV. */
    double pvW(long tMs) {
        if (!ders.containsKey("pv")) {
            return 0;
        }
        double rated = pvRatedW();
        double w = rated * 0.85 * sun(tMs) * (1 + 0.03 * jitter(tMs, 2));
        return -Math.round(Math.min(rated, Math.max(0, w)));
    }

    private double batteryAngle(long tMs) {
        return 2 * Math.PI * (tMs / 1000.0) / BATTERY_PERIOD_S + phaseShift * 1.7;
    }

    /** Battery power in W: positive charging, negative discharging; alternates with a 3 min period. */
    double batteryW(long tMs) {
        if (!ders.containsKey("battery")) {
            return 0;
        }
        return Math.round(batteryMaxW() * 0.8 * Math.sin(batteryAngle(tMs)));
    }

    /** SoC in [0.225, 0.825]; its derivative has the sign of {@link #batteryW}. */
    double batterySoc(long tMs) {
        return round(0.525 - 0.3 * Math.cos(batteryAngle(tMs)), 3);
    }

    private double evSessionWh(long tMs) {
        double hours = Math.max(0, tMs - addedAtMs) / 3_600_000.0;
        double full = Math.max(0, (0.95 - evSoc0()) * EV_CAPACITY_WH / EV_EFFICIENCY);
        return Math.min(full, EV_NOMINAL_W * hours);
    }

    private double evSoc0() {
        return 0.35 + 0.1 * unit(seed, 3);
    }

    double evSoc(long tMs) {
        return round(evSoc0() + evSessionWh(tMs) * EV_EFFICIENCY / EV_CAPACITY_WH, 4);
    }

    private boolean evCharging(long tMs) {
        return evSoc(tMs) < 0.95;
    }

    /** V2X charger power in W (positive charging), ~7.4 kW until the car is at 95 %. */
    double v2xW(long tMs) {
        if (!ders.containsKey("v2x_charger") || !evCharging(tMs)) {
            return 0;
        }
        return Math.round(EV_NOMINAL_W + 40 * jitter(tMs, 4));
    }

    /** Household load of one phase, W (150–450). */
    private double phaseLoadW(long tMs, int phase) {
        double x = 2 * Math.PI * (tMs / 1000.0) / LOAD_PERIOD_S + phase * 2.1 + phaseShift;
        return 150 + 250 * (0.5 + 0.5 * Math.sin(x)) + 30 * jitter(tMs, 10 + phase);
    }

    /** What this device's meter sees besides the house load. */
    private double meteredDerW(long tMs) {
        if (profile.id().equals("p1_meter")) {
            return site.otherDevicesPowerW(this, tMs);
        }
        return pvW(tMs) + batteryW(tMs);
    }

    /** Per-phase meter W (whole watts); their sum is the meter W. */
    long[] meterPhasesW(long tMs) {
        double der = meteredDerW(tMs);
        long[] w = new long[3];
        for (int i = 0; i < 3; i++) {
            w[i] = Math.round(phaseLoadW(tMs, i) + site.extraPhaseLoadW(i) + der / 3);
        }
        return w;
    }

    double meterW(long tMs) {
        if (!ders.containsKey("meter")) {
            return 0;
        }
        long[] p = meterPhasesW(tMs);
        return p[0] + p[1] + p[2];
    }

    /** Net power this device contributes at the grid connection (for a P1 meter elsewhere). */
    double sitePowerW(long tMs) {
        return pvW(tMs) + batteryW(tMs) + v2xW(tMs);
    }

    static double gridHz(long tMs, double jitter) {
        double x = 2 * Math.PI * (tMs / 1000.0) / 41.0;
        return round(50 + 0.035 * Math.sin(x) + 0.01 * jitter, 3);
    }

    private double phaseV(long tMs, int phase) {
        double x = 2 * Math.PI * (tMs / 1000.0) / 67.0 + phase;
        return round(230 + 2.5 * Math.sin(x) + 0.5 * jitter(tMs, 20 + phase), 1);
    }

    // ---------------------------------------------------------------- snapshot

    /** The latest snapshot at {@code nowMs}; null before the first reading. */
    JsonObject snapshot(long nowMs) {
        OptionalLong h = latestHarvest(nowMs);
        if (h.isEmpty()) {
            return null;
        }
        long t = h.getAsLong();
        JsonObject o = new JsonObject();
        if (ders.containsKey("pv")) {
            o.add("pv", pvBlock(t));
        }
        if (ders.containsKey("battery")) {
            o.add("battery", batteryBlock(t));
        }
        if (ders.containsKey("meter")) {
            o.add("meter", meterBlock(t));
        }
        if (ders.containsKey("v2x_charger")) {
            o.add("v2x_charger", v2xBlock(t));
        }
        o.addProperty("version", "v0");
        o.addProperty("format", profile.id());
        return o;
    }

    private JsonObject block(String type, long t) {
        JsonObject b = new JsonObject();
        b.addProperty("type", type);
        b.addProperty("make", profile.make());
        b.addProperty("timestamp", t);
        b.addProperty("read_time_ms", 40 + (int) Math.floorMod(mix(seed ^ (t * 31 + type.hashCode())), 81L));
        return b;
    }

    private JsonObject pvBlock(long t) {
        JsonObject b = block("pv", t);
        double w = pvW(t);
        double rated = pvRatedW();
        b.addProperty("W", (long) w);
        b.addProperty("rated_power_W", Math.round(rated));
        double gen = -w;
        double v1 = round(380 + 60 * sun(t) + 2 * jitter(t, 30), 1);
        double v2 = round(370 + 55 * sun(t) + 2 * jitter(t, 31), 1);
        double share1 = 0.55;
        b.addProperty("mppt1_V", v1);
        b.addProperty("mppt1_A", round(gen * share1 / v1, 2));
        b.addProperty("mppt2_V", v2);
        b.addProperty("mppt2_A", round(gen * (1 - share1) / v2, 2));
        b.addProperty("heatsink_C", round(25 + 20 * gen / rated + jitter(t, 32), 1));
        b.addProperty("total_generation_Wh", Math.round(baseWh(5, 5_000_000, 20_000_000) + pvGeneration.valueAt(t)));
        b.addProperty("lower_limit_W", 0);
        b.addProperty("upper_limit_W", Math.round(rated));
        return b;
    }

    private JsonObject batteryBlock(long t) {
        JsonObject b = block("battery", t);
        double w = batteryW(t);
        double soc = batterySoc(t);
        double v = round(380 + 40 * soc + 0.5 * jitter(t, 40), 1);
        b.addProperty("W", (long) w);
        b.addProperty("A", round(w / v, 2));
        b.addProperty("V", v);
        b.addProperty("SoC_nom_fract", soc);
        b.addProperty("heatsink_C", round(22 + 8 * Math.abs(w) / Math.max(1, batteryMaxW()) + 0.5 * jitter(t, 41), 1));
        b.addProperty("total_charge_Wh", Math.round(baseWh(6, 1_000_000, 4_000_000) + batteryCharge.valueAt(t)));
        b.addProperty("total_discharge_Wh", Math.round(baseWh(7, 900_000, 3_600_000) + batteryDischarge.valueAt(t)));
        b.addProperty("capacity_Wh", Math.round(batteryWh()));
        return b;
    }

    /**
     * The meter block. With the site's meter sign inverted, W and the phase W and A are negated (a CT mounted the
     * wrong way round); the energy totals keep counting what really flowed, so they still never decrease.
     */
    private JsonObject meterBlock(long t) {
        JsonObject b = block("meter", t);
        long[] p = meterPhasesW(t);
        if (site.meterSignInverted()) {
            for (int i = 0; i < 3; i++) {
                p[i] = -p[i];
            }
        }
        b.addProperty("W", p[0] + p[1] + p[2]);
        b.addProperty("Hz", gridHz(t, jitter(t, 50)));
        for (int i = 0; i < 3; i++) {
            double v = phaseV(t, i);
            String l = "L" + (i + 1) + "_";
            b.addProperty(l + "V", v);
            b.addProperty(l + "A", round(p[i] / v, 2));
            b.addProperty(l + "W", p[i]);
        }
        b.addProperty("total_import_Wh", Math.round(baseWh(8, 20_000_000, 60_000_000) + meterImport.valueAt(t)));
        b.addProperty("total_export_Wh", Math.round(baseWh(9, 5_000_000, 30_000_000) + meterExport.valueAt(t)));
        return b;
    }

    private JsonObject v2xBlock(long t) {
        JsonObject b = block("v2x_charger", t);
        boolean charging = evCharging(t);
        double w = v2xW(t);
        double soc = evSoc(t);
        b.addProperty("status", charging ? "charging" : "suspended");
        b.addProperty("protocol", "ISO15118-20");
        b.addProperty("control_mode", "external");
        b.addProperty("plug_connected", true);
        b.addProperty("W", (long) w);
        long[] pw = new long[3];
        pw[0] = Math.round(w / 3);
        pw[1] = Math.round(w / 3);
        pw[2] = (long) w - pw[0] - pw[1];
        double vAvg = 0;
        double aSum = 0;
        JsonObject phases = new JsonObject();
        for (int i = 0; i < 3; i++) {
            double v = phaseV(t, i);
            double a = round(pw[i] / v, 2);
            vAvg += v / 3;
            aSum += a;
            String l = "L" + (i + 1) + "_";
            phases.addProperty(l + "V", v);
            phases.addProperty(l + "A", a);
            phases.addProperty(l + "W", pw[i]);
        }
        b.addProperty("A", round(aSum / 3, 2));
        b.addProperty("V", round(vAvg, 1));
        b.addProperty("Hz", gridHz(t, jitter(t, 60)));
        phases.entrySet().forEach(e -> b.add(e.getKey(), e.getValue()));
        double dcW = Math.round(w * EV_EFFICIENCY);
        double dcV = round(350 + 60 * soc, 1);
        b.addProperty("dc_W", (long) dcW);
        b.addProperty("dc_V", dcV);
        b.addProperty("dc_A", round(dcW / dcV, 2));
        b.addProperty("vehicle_soc_fract", soc);
        b.addProperty("ev_target_energy_req_Wh", Math.round(Math.max(0, 0.95 - soc) * EV_CAPACITY_WH));
        b.addProperty("ev_max_energy_req_Wh", Math.round(Math.max(0, 1.0 - soc) * EV_CAPACITY_WH));
        b.addProperty("ev_min_energy_req_Wh", Math.round(Math.max(0, 0.2 - soc) * EV_CAPACITY_WH));
        double session = evSessionWh(t);
        b.addProperty("session_charge_Wh", Math.round(session));
        b.addProperty("session_discharge_Wh", 0);
        b.addProperty("total_charge_Wh", Math.round(baseWh(11, 800_000, 3_000_000) + session));
        b.addProperty("total_discharge_Wh", Math.round(baseWh(12, 50_000, 400_000)));
        return b;
    }

    // ---------------------------------------------------------------- helpers

    private double baseWh(int salt, double min, double max) {
        return Math.floor(min + (max - min) * unit(seed, salt));
    }

    /** Deterministic jitter in [-1, 1] for (device, second, salt). */
    private double jitter(long tMs, int salt) {
        return unit(seed ^ (Math.floorDiv(tMs, 1000L) * 0x9E3779B97F4A7C15L), salt) * 2 - 1;
    }

    /** Deterministic value in [0, 1). */
    private static double unit(long seed, int salt) {
        return (mix(seed + salt * 0xBF58476D1CE4E5B9L) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /**
     * Energy (Wh) of a non-negative power function integrated from {@code t0} on a fixed grid; memoised so a
     * long-running simulator only integrates new steps. Never decreases while time moves forward.
     */
    static final class Accumulator {
        private final long t0;
        private final LongToDoubleFunction powerW;
        private long doneSteps;
        private double doneWh;

        Accumulator(long t0, LongToDoubleFunction powerW) {
            this.t0 = t0;
            this.powerW = powerW;
        }

        synchronized double valueAt(long tMs) {
            if (tMs <= t0) {
                return 0;
            }
            long steps = (tMs - t0) / INTEGRATION_STEP_MS;
            if (steps < doneSteps) {
                doneSteps = 0;
                doneWh = 0;
            }
            while (doneSteps < steps) {
                doneWh += Math.max(0, powerW.applyAsDouble(t0 + doneSteps * INTEGRATION_STEP_MS))
                        * INTEGRATION_STEP_MS / 3_600_000.0;
                doneSteps++;
            }
            long stepStart = t0 + steps * INTEGRATION_STEP_MS;
            double partial = Math.max(0, powerW.applyAsDouble(stepStart)) * (tMs - stepStart) / 3_600_000.0;
            return doneWh + partial;
        }
    }
}
