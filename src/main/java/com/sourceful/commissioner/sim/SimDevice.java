package com.sourceful.commissioner.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One device added to the simulated Zap: its saved config, its DERs, and how its telemetry blocks look.
 * <p>
 * The numbers come from the Zap's {@link SimSite} (one energy balance per site, see there): pv, battery and meter
 * values and the energy counters; the v2x charger's session is modelled here (a car charging at ~7.4 kW from the time
 * the device was added until it is at 95 %). Voltages, frequency, temperatures and read times are deterministic
 * functions of (device, time). Sign conventions follow zap-local-api.md: pv W &lt; 0 generating; battery W, A &gt; 0
 * charging; meter W &gt; 0 import; v2x W &gt; 0 charging.
 */
final class SimDevice {

    /** The Zap reads a device about once a second; the first reading is ready 1 s after adding. */
    static final long HARVEST_INTERVAL_MS = 1_000;
    static final double EV_CAPACITY_WH = 64_000;
    static final double EV_NOMINAL_W = 7_360;
    static final double EV_EFFICIENCY = 0.96;

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
            addNumber(o, "rated_power", ratedPower);
            addNumber(o, "installed_power", installedPower);
            addNumber(o, "capacity", capacity);
            return o;
        }

        /** A whole number as an integer (10200, not 10200.0), as the firmware answers. */
        private static void addNumber(JsonObject o, String key, Double v) {
            if (v == null) {
                return;
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                o.addProperty(key, v.longValue());
            } else {
                o.addProperty(key, v);
            }
        }
    }

    final String sn;
    final ZapProfile profile;
    final String identity;
    /** Saved config, defaults applied. Holds the password (if any) — never serialise it as is. */
    final JsonObject config;
    final long addedAtMs;
    final Map<String, Der> ders = new LinkedHashMap<>();
    // The control calls the Zap accepted for the device (guarded by the simulator's device lock); they take effect
    // on the site after the queue delay (SimSite#command).
    boolean underControl;
    /** The battery setpoint in force, W; NaN for none. */
    double batterySetpointW = Double.NaN;
    /** The PV limit in force, W; NaN for none. */
    double pvLimitW = Double.NaN;
    int initCalls;
    int deinitCalls;
    final double phaseShift;
    private final long seed;
    private final SimSite site;

    SimDevice(String sn, ZapProfile profile, String identity, JsonObject config, long addedAtMs, SimSite site) {
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

    double pvRatedW() {
        Der d = ders.get("pv");
        return d != null && d.ratedPower != null && d.ratedPower > 0 ? d.ratedPower : profile.pvRatedW();
    }

    double batteryMaxW() {
        Der d = ders.get("battery");
        return d != null && d.ratedPower != null && d.ratedPower > 0 ? d.ratedPower : profile.batteryMaxW();
    }

    double batteryWh() {
        Der d = ders.get("battery");
        return d != null && d.capacity != null && d.capacity > 0 ? d.capacity : profile.batteryWh();
    }

    /** SoC when the battery joins the site: 35–65 %. */
    double initialSoc() {
        return 0.35 + 0.3 * unit(seed, 8);
    }

    /** The value of {@code make} in the blocks: a P1 meter's given manufacturer, else the profile's make. */
    String make() {
        if (config.has("manufacturer") && config.get("manufacturer").isJsonPrimitive()) {
            return config.get("manufacturer").getAsString();
        }
        return profile.make();
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
        return Math.round(EV_NOMINAL_W + 40 * jitter(seed, tMs, 4));
    }

    /** The charger's W per phase (whole watts, summing to {@link #v2xW}); zeros without a charger. */
    long[] v2xPhasesW(long tMs) {
        long w = (long) v2xW(tMs);
        long[] pw = new long[3];
        pw[0] = Math.round(w / 3.0);
        pw[1] = Math.round(w / 3.0);
        pw[2] = w - pw[0] - pw[1];
        return pw;
    }

    static double gridHz(long tMs, double jitter) {
        double x = 2 * Math.PI * (tMs / 1000.0) / 41.0;
        return round(50 + 0.035 * Math.sin(x) + 0.01 * jitter, 3);
    }

    private double phaseV(long tMs, int phase) {
        double x = 2 * Math.PI * (tMs / 1000.0) / 67.0 + phase;
        return round(230 + 2.5 * Math.sin(x) + 0.5 * jitter(seed, tMs, 20 + phase), 1);
    }

    // ---------------------------------------------------------------- snapshot

    /** The latest snapshot at {@code nowMs}; null before the first reading. */
    JsonObject snapshot(long nowMs) {
        OptionalLong h = latestHarvest(nowMs);
        if (h.isEmpty()) {
            return null;
        }
        long t = h.getAsLong();
        SimSite.Reading site = this.site.read(t);
        SimSite.DeviceReading mine = site.devices().get(this);
        if (mine == null) {
            return null; // removed meanwhile
        }
        JsonObject o = new JsonObject();
        if (ders.containsKey("pv")) {
            o.add("pv", pvBlock(t, mine, this.site.sun(t)));
        }
        if (ders.containsKey("battery")) {
            o.add("battery", batteryBlock(t, mine));
        }
        if (ders.containsKey("meter")) {
            o.add("meter", meterBlock(t, site, mine));
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
        b.addProperty("make", make());
        b.addProperty("timestamp", t);
        b.addProperty("read_time_ms", 40 + (int) Math.floorMod(mix(seed ^ (t * 31 + type.hashCode())), 81L));
        return b;
    }

    private JsonObject pvBlock(long t, SimSite.DeviceReading r, double sun) {
        JsonObject b = block("pv", t);
        long w = r.pvW();
        double rated = pvRatedW();
        b.addProperty("W", w);
        b.addProperty("rated_power_W", Math.round(rated));
        double gen = -w;
        double v1 = round(380 + 60 * sun + 2 * jitter(seed, t, 30), 1);
        double v2 = round(370 + 55 * sun + 2 * jitter(seed, t, 31), 1);
        double share1 = 0.55;
        b.addProperty("mppt1_V", v1);
        b.addProperty("mppt1_A", round(gen * share1 / v1, 2));
        b.addProperty("mppt2_V", v2);
        b.addProperty("mppt2_A", round(gen * (1 - share1) / v2, 2));
        b.addProperty("heatsink_C", round(25 + 20 * gen / rated + jitter(seed, t, 32), 1));
        b.addProperty("total_generation_Wh", energy(baseWh(5, 5_000_000, 20_000_000) + r.pvGenerationWh()));
        b.addProperty("lower_limit_W", 0);
        b.addProperty("upper_limit_W", Math.round(rated));
        return b;
    }

    private JsonObject batteryBlock(long t, SimSite.DeviceReading r) {
        JsonObject b = block("battery", t);
        long w = r.batteryW();
        double soc = r.soc();
        double v = round(380 + 40 * soc + 0.5 * jitter(seed, t, 40), 1);
        long maxW = Math.round(batteryMaxW());
        b.addProperty("W", w);
        b.addProperty("A", round(w / v, 2));
        b.addProperty("V", v);
        b.addProperty("SoC_nom_fract", round(soc, 4));
        b.addProperty("heatsink_C", round(22 + 8.0 * Math.abs(w) / Math.max(1, maxW) + 0.5 * jitter(seed, t, 41), 1));
        b.addProperty("total_charge_Wh", energy(baseWh(6, 1_000_000, 4_000_000) + r.batteryChargeWh()));
        b.addProperty("total_discharge_Wh", energy(baseWh(7, 900_000, 3_600_000) + r.batteryDischargeWh()));
        b.addProperty("capacity_Wh", Math.round(batteryWh()));
        // charge limit positive, discharge limit negative, in the battery's sign convention
        b.addProperty("upper_limit_W", maxW);
        b.addProperty("lower_limit_W", -maxW);
        return b;
    }

    /**
     * The meter block: the site's grid point. With the CT reversed, W and the phase W and A are negated; the energy
     * totals keep counting what really flowed, so they still never decrease.
     */
    private JsonObject meterBlock(long t, SimSite.Reading site, SimSite.DeviceReading r) {
        JsonObject b = block("meter", t);
        long[] p = site.meterPhasesW();
        b.addProperty("W", p[0] + p[1] + p[2]);
        b.addProperty("Hz", gridHz(t, jitter(seed, t, 50)));
        for (int i = 0; i < 3; i++) {
            double v = phaseV(t, i);
            String l = "L" + (i + 1) + "_";
            b.addProperty(l + "V", v);
            b.addProperty(l + "A", round(p[i] / v, 2));
            b.addProperty(l + "W", p[i]);
        }
        b.addProperty("total_import_Wh", energy(baseWh(8, 20_000_000, 60_000_000) + r.importWh()));
        b.addProperty("total_export_Wh", energy(baseWh(9, 5_000_000, 30_000_000) + r.exportWh()));
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
        long[] pw = v2xPhasesW(t);
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
        b.addProperty("Hz", gridHz(t, jitter(seed, t, 60)));
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
        b.addProperty("total_charge_Wh", energy(baseWh(11, 800_000, 3_000_000) + session));
        b.addProperty("total_discharge_Wh", Math.round(baseWh(12, 50_000, 400_000)));
        return b;
    }

    // ---------------------------------------------------------------- helpers

    private double baseWh(int salt, double min, double max) {
        return Math.floor(min + (max - min) * unit(seed, salt));
    }

    /** An energy counter as reported: Wh with two decimals, so it advances with every 1 s reading. */
    private static double energy(double wh) {
        return round(wh, 2);
    }

    /** Deterministic jitter in [-1, 1] for (seed, second, salt). */
    static double jitter(long seed, long tMs, int salt) {
        return unit(seed ^ (Math.floorDiv(tMs, 1000L) * 0x9E3779B97F4A7C15L), salt) * 2 - 1;
    }

    /** Deterministic value in [0, 1). */
    static double unit(long seed, int salt) {
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
}
