package com.sourceful.commissioner.sim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site behind one simulated Zap: one energy balance that every device added to the Zap is part of.
 * <ul>
 *   <li><b>House</b>: per phase a base load (110–170 W), a slow wander (0–60 W, 97 s period so the demo moves),
 *       noise (±12 W, new each second), a fridge on L1 (85 W, on 40 % of a 300 s cycle) and the switchable extra
 *       load of {@link #setExtraLoad}. About 450–800 W in all.</li>
 *   <li><b>PV</b> (every device with a pv DER): rated power × the site's sun × a smooth cloud ripple (±2.5 %);
 *       one sun per site, so two inverters move together. The natural sun is a 4 min demo cycle between 4 % and
 *       85 % of rated power, continuous (no jumps); {@link #setSun} fixes it, {@link #rampSun} ramps it.</li>
 *   <li><b>Battery</b> (every device with a battery DER), in self-consumption by default: it aims at the power that
 *       would bring the true grid to zero, measured at the previous 1 s step (so a change shows in the battery from
 *       the second step after it), and approaches it as a first-order lag ({@link #BATTERY_TAU_S}); held within
 *       ±rated power and SoC {@link #SOC_MIN}..{@link #SOC_MAX}. Its power is constant within a step and in whole
 *       watts, and SoC integrates it exactly over capacity (no conversion losses). {@link #setBatteryMode} fixes
 *       its power or idles it. Several batteries each run the same loop. {@link #setSoc} puts a battery's SoC at
 *       a value from the next step on.</li>
 *   <li><b>Control</b> ({@link #command}, from the Zap's control calls): a device with a battery setpoint aims its
 *       battery at it instead of its own mode (same lag, same power and SoC limits); a PV limit caps the device's
 *       PV, the cap moving by at most {@link #PV_RAMP_FRACTION_PER_S} of rated power a second, down to the limit
 *       from what the PV makes, and up again until above rated power once lifted. The device's {@link Response}
 *       decides how much of a command it carries out (all, none, or part). Other devices keep their own mode
 *       (batteries in self-consumption compensate: that is real).</li>
 *   <li><b>V2X charger</b>: the device's own session model ({@link SimDevice#v2xPhasesW}).</li>
 *   <li><b>Grid point</b>: per phase, house + Σ pv W / 3 + Σ battery W / 3 + Σ charger phase W (pv and battery are
 *       three-phase inverters, split evenly; signs of zap-local-api.md). Every meter on the site (a hybrid
 *       inverter's meter, a P1 meter) reads this same point, rounded to whole watts per phase; with the CT reversed
 *       ({@link #setCtReversed}) meters report it negated, while the battery still regulates on the true grid.</li>
 *   <li><b>Energy counters</b> integrate each device's power from the time it was added (rectangle rule on the
 *       1 s steps, the last step partially): pv generation, battery charge/discharge, meter import/export of the
 *       true grid.</li>
 * </ul>
 * The state is integrated on demand in fixed {@link #STEP_MS} steps from the Zap's start up to the time asked for,
 * memoised. Knob changes, control commands (at the time they take effect), responses, SoC settings and devices
 * joining or leaving are recorded with their (clock) time; one at or before the
 * memoised step makes the next reading replay from the start, so results depend only on the clock and those times.
 * (DER ratings changed through {@code POST /ders} apply from the next step computed; they are not replayed.)
 */
final class SimSite {

    static final long STEP_MS = 1_000;
    /** Time constant of the battery's approach to its target: it settles within a few seconds, not at once. */
    static final double BATTERY_TAU_S = 2.5;
    static final double SETTLE_W = 20;
    static final double SOC_MIN = 0.10;
    static final double SOC_MAX = 0.95;
    /**
     * How fast a PV limit moves the inverter's output cap, as a share of its rated power per second (down to a new
     * limit, up once lifted): a 10 kW inverter moves 1 kW a second, as an inverter's power gradient does.
     */
    static final double PV_RAMP_FRACTION_PER_S = 0.10;
    static final double SUN_PERIOD_S = 240;
    static final double LOAD_PERIOD_S = 97;
    static final double FRIDGE_W = 85;
    static final double FRIDGE_PERIOD_S = 300;
    private static final double SUN_MIN = 0.04;
    private static final double SUN_MAX = 0.85;
    private static final double MS_PER_HOUR = 3_600_000.0;

    enum BatteryMode { SELF_CONSUMPTION, FIXED, IDLE }

    /**
     * What the Zap has asked of one device under control, from the time it takes effect: a battery setpoint W and a
     * PV limit W, each NaN for none (the device's own mode, no cap).
     */
    record Command(double batteryW, double pvLimitW) {
        static final Command NONE = new Command(Double.NaN, Double.NaN);
    }

    /**
     * How a device carries out control commands: {@code FOLLOW} all of them, {@code IGNORE} none, {@code FRACTION}
     * part: the battery goes to {@code value} × its setpoint and the PV only {@code value} of the way from its output
     * down to the limit; {@code MAX_W}: the battery at most {@code value} W either way and the PV down by at most
     * {@code value} W.
     */
    record Response(Kind kind, double value) {
        enum Kind { FOLLOW, IGNORE, FRACTION, MAX_W }

        static final Response FOLLOW = new Response(Kind.FOLLOW, 0);
        static final Response IGNORE = new Response(Kind.IGNORE, 0);

        /** The battery W the device aims at for a setpoint (NaN: its own mode). */
        double batteryW(double setpointW) {
            if (Double.isNaN(setpointW)) {
                return Double.NaN;
            }
            return switch (kind) {
                case FOLLOW -> setpointW;
                case IGNORE -> Double.NaN;
                case FRACTION -> value * setpointW;
                case MAX_W -> Math.max(-value, Math.min(value, setpointW));
            };
        }

        /** The PV cap (|W|) the device aims at for a limit while making {@code outputW} (+∞: no cap). */
        double pvCapW(double limitW, double outputW) {
            if (Double.isNaN(limitW) || kind == Kind.IGNORE) {
                return Double.POSITIVE_INFINITY;
            }
            double cut = Math.max(0, outputW - limitW);
            return switch (kind) {
                case FOLLOW -> limitW;
                case FRACTION -> outputW > limitW ? outputW - value * cut : limitW;
                case MAX_W -> outputW > limitW ? outputW - Math.min(value, cut) : limitW;
                case IGNORE -> Double.POSITIVE_INFINITY;
            };
        }
    }

    /**
     * Values over time (the site's knobs, a device's commands): the value set last at or before a time is in force
     * then.
     */
    private static final class Timeline<T> {
        private final List<Long> times = new ArrayList<>();
        private final List<T> values = new ArrayList<>();
        private final T initial;

        Timeline(T initial) {
            this.initial = initial;
        }

        /** Index of the value in force at {@code tMs}; -1 for the initial one. */
        int indexAt(long tMs) {
            int i = times.size() - 1;
            while (i >= 0 && times.get(i) > tMs) {
                i--;
            }
            return i;
        }

        T value(int index) {
            return index < 0 ? initial : values.get(index);
        }

        T at(long tMs) {
            return value(indexAt(tMs));
        }

        /** Kept sorted by time; a value set at the same time as another comes after it (last wins). */
        void set(long tMs, T value) {
            int i = times.size();
            while (i > 0 && times.get(i - 1) > tMs) {
                i--;
            }
            times.add(i, tMs);
            values.add(i, value);
        }
    }

    /** A sun fixed ({@code from == to}) or ramping linearly from {@code startMs} over {@code durationMs}. */
    record Sun(double from, double to, long startMs, long durationMs) {
        double at(long tMs) {
            if (durationMs <= 0 || tMs >= startMs + durationMs) {
                return to;
            }
            double f = Math.max(0, (double) (tMs - startMs) / durationMs);
            return from + (to - from) * f;
        }
    }

    /** The knobs' settings from one change on; {@code sun} null is the natural sun. */
    record Knobs(double[] extraLoadW, boolean ctReversed, Sun sun, BatteryMode batteryMode, double batteryFixedW) {
        static final Knobs DEFAULT = new Knobs(new double[3], false, null, BatteryMode.SELF_CONSUMPTION, 0);

        Knobs withExtraLoad(int phaseIndex, double watts) {
            double[] l = extraLoadW.clone();
            l[phaseIndex] = watts;
            return new Knobs(l, ctReversed, sun, batteryMode, batteryFixedW);
        }

        Knobs withCtReversed(boolean reversed) {
            return new Knobs(extraLoadW, reversed, sun, batteryMode, batteryFixedW);
        }

        Knobs withSun(Sun s) {
            return new Knobs(extraLoadW, ctReversed, s, batteryMode, batteryFixedW);
        }

        Knobs withBattery(BatteryMode mode, double fixedW) {
            return new Knobs(extraLoadW, ctReversed, sun, mode, fixedW);
        }
    }

    /** One device's values at one time. Power in whole watts; energy in Wh since the device was added. */
    record DeviceReading(long pvW, long batteryW, double soc, double pvGenerationWh, double batteryChargeWh,
                         double batteryDischargeWh, double importWh, double exportWh) {
    }

    /**
     * The site at one time: the house load per phase, the true grid per phase (W, rounded), whether meters report it
     * negated, and each present device's values.
     */
    record Reading(long tMs, double[] houseW, long[] gridW, boolean ctReversed, Map<SimDevice, DeviceReading> devices) {
        /** What a meter on the site reports per phase: the grid, negated with the CT reversed. */
        long[] meterPhasesW() {
            long[] w = gridW.clone();
            if (ctReversed) {
                for (int i = 0; i < 3; i++) {
                    w[i] = -w[i];
                }
            }
            return w;
        }
    }

    private static final class Member {
        final SimDevice device;
        final long joinedMs;
        long leftMs = Long.MAX_VALUE;
        final Timeline<Command> commands = new Timeline<>(Command.NONE);
        final Timeline<Response> responses = new Timeline<>(Response.FOLLOW);
        final Timeline<Double> socSettings = new Timeline<>(Double.NaN);

        Member(SimDevice device, long joinedMs) {
            this.device = device;
            this.joinedMs = joinedMs;
        }

        boolean presentAt(long tMs) {
            return joinedMs <= tMs && tMs < leftMs;
        }

        /** How long (ms) of [a, b) the device was part of the site. */
        long overlapMs(long a, long b) {
            return Math.max(0, Math.min(b, leftMs) - Math.max(a, joinedMs));
        }
    }

    private static final class DeviceState {
        boolean batteryStarted;
        double soc;
        long batteryW;
        double pvWh;
        double chargeWh;
        double dischargeWh;
        double importWh;
        double exportWh;
        /** The PV's output cap, |W|; +∞ while uncapped. */
        double pvCapW = Double.POSITIVE_INFINITY;
        /** The command and response (timeline indexes) the targets below were worked out for. */
        int commandIndex = -1;
        int responseIndex = -1;
        /** The battery's setpoint as carried out (NaN: its own mode) and the PV cap aimed at (+∞: none). */
        double controlBatteryW = Double.NaN;
        double controlPvCapW = Double.POSITIVE_INFINITY;
        /** The last SoC setting (timeline index) applied. */
        int socIndex = -1;

        DeviceState copy() {
            DeviceState c = new DeviceState();
            c.batteryStarted = batteryStarted;
            c.soc = soc;
            c.batteryW = batteryW;
            c.pvWh = pvWh;
            c.chargeWh = chargeWh;
            c.dischargeWh = dischargeWh;
            c.importWh = importWh;
            c.exportWh = exportWh;
            c.pvCapW = pvCapW;
            c.commandIndex = commandIndex;
            c.responseIndex = responseIndex;
            c.controlBatteryW = controlBatteryW;
            c.controlPvCapW = controlPvCapW;
            c.socIndex = socIndex;
            return c;
        }
    }

    private final long seed;
    private final long originMs;
    private final double phaseShift;
    private final List<Member> members = new ArrayList<>();
    private final Timeline<Knobs> knobs = new Timeline<>(Knobs.DEFAULT);

    // memo: state after the control update at boundary memoStep (that step's battery power set, not yet integrated)
    private long memoStep = -1;
    private final Map<Member, DeviceState> states = new IdentityHashMap<>();
    /** True grid (sum of phases) at the memo boundary: what the batteries measure for the next step. */
    private long measuredGridW;

    SimSite(long seed, long originMs) {
        this.seed = seed;
        this.originMs = originMs;
        this.phaseShift = SimDevice.unit(seed, 1) * 2 * Math.PI;
    }

    // ------------------------------------------------------------------ membership and knobs

    synchronized void join(SimDevice d, long atMs) {
        members.add(new Member(d, atMs));
        changedAt(atMs);
    }

    synchronized void leave(SimDevice d, long atMs) {
        for (Member m : members) {
            if (m.device == d && m.leftMs == Long.MAX_VALUE) {
                m.leftMs = Math.max(atMs, m.joinedMs);
            }
        }
        changedAt(atMs);
    }

    synchronized void setExtraLoad(int phaseIndex, double watts, long atMs) {
        record(atMs, knobsAt(atMs).withExtraLoad(phaseIndex, watts));
    }

    synchronized void clearExtraLoads(long atMs) {
        Knobs k = knobsAt(atMs);
        record(atMs, new Knobs(new double[3], k.ctReversed(), k.sun(), k.batteryMode(), k.batteryFixedW()));
    }

    synchronized void setCtReversed(boolean reversed, long atMs) {
        record(atMs, knobsAt(atMs).withCtReversed(reversed));
    }

    /** Fixes the sun at {@code fraction} (0..1) of PV rated power; NaN returns to the natural sun. */
    synchronized void setSun(double fraction, long atMs) {
        record(atMs, knobsAt(atMs).withSun(Double.isNaN(fraction) ? null : new Sun(fraction, fraction, atMs, 0)));
    }

    /** Ramps the sun linearly from where it is at {@code atMs} to {@code fraction} over {@code durationMs}. */
    synchronized void rampSun(double fraction, long durationMs, long atMs) {
        record(atMs, knobsAt(atMs).withSun(new Sun(sun(atMs), fraction, atMs, durationMs)));
    }

    synchronized void setBatteryMode(BatteryMode mode, double fixedW, long atMs) {
        record(atMs, knobsAt(atMs).withBattery(mode, fixedW));
    }

    /** The device's commands from {@code effectiveMs} on (the Zap's queue delay already added). */
    synchronized void command(SimDevice d, long effectiveMs, Command c) {
        member(d).commands.set(effectiveMs, c);
        changedAt(effectiveMs);
    }

    /** How the device carries out commands from {@code atMs} on. */
    synchronized void respond(SimDevice d, long atMs, Response r) {
        member(d).responses.set(atMs, r);
        changedAt(atMs);
    }

    /** The device's battery is at {@code soc} (0..1) from the first step at or after {@code atMs}. */
    synchronized void setSoc(SimDevice d, long atMs, double soc) {
        member(d).socSettings.set(atMs, soc);
        changedAt(atMs);
    }

    private Member member(SimDevice d) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).device == d) {
                return members.get(i);
            }
        }
        throw new IllegalArgumentException("device " + d.sn + " is not on this site");
    }

    synchronized Knobs knobsAt(long tMs) {
        return knobs.at(tMs);
    }

    private void record(long atMs, Knobs k) {
        // a change at the same time as the last replaces its effect (last wins)
        knobs.set(atMs, k);
        changedAt(atMs);
    }

    /** A change at or before the memoised boundary invalidates the memo: the next reading replays from the start. */
    private void changedAt(long atMs) {
        if (memoStep >= 0 && atMs <= boundary(memoStep)) {
            memoStep = -1;
            states.clear();
            measuredGridW = 0;
        }
    }

    // ------------------------------------------------------------------ the model

    /** The site's sun at {@code tMs}, as a fraction of PV rated power. */
    synchronized double sun(long tMs) {
        Sun s = knobsAt(tMs).sun();
        if (s != null) {
            return Math.max(0, Math.min(1, s.at(tMs)));
        }
        double x = 2 * Math.PI * (tMs / 1000.0) / SUN_PERIOD_S + phaseShift;
        return SUN_MIN + (SUN_MAX - SUN_MIN) * (0.5 + 0.5 * Math.sin(x));
    }

    /** House load per phase (W) at {@code tMs}, including the extra load switched on then. */
    synchronized double[] houseW(long tMs) {
        double[] extra = knobsAt(tMs).extraLoadW();
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            double base = 110 + 60 * SimDevice.unit(seed, 10 + i);
            double x = 2 * Math.PI * (tMs / 1000.0) / LOAD_PERIOD_S + i * 2.1 + phaseShift;
            double wander = 60 * (0.5 + 0.5 * Math.sin(x));
            double noise = 12 * SimDevice.jitter(seed, tMs, 20 + i);
            w[i] = base + wander + noise + extra[i];
        }
        double cycle = (tMs / 1000.0 + FRIDGE_PERIOD_S * SimDevice.unit(seed, 13)) / FRIDGE_PERIOD_S;
        if (cycle - Math.floor(cycle) < 0.4) {
            w[0] += FRIDGE_W;
        }
        return w;
    }

    /**
     * PV W of one device at {@code tMs}: negative (generating), whole watts, |W| ≤ rated and ≤ the state's cap; 0
     * without PV.
     */
    private long pvW(SimDevice d, long tMs, DeviceState s) {
        if (!d.ders.containsKey("pv")) {
            return 0;
        }
        double cap = s == null ? Double.POSITIVE_INFINITY : s.pvCapW;
        return -Math.round(Math.min(cap, naturalPvW(d, tMs)));
    }

    /** What the device's PV would make at {@code tMs} without a cap, |W|. */
    private double naturalPvW(SimDevice d, long tMs) {
        double rated = d.pvRatedW();
        double t = tMs / 1000.0;
        double clouds = 1 + 0.015 * Math.sin(2 * Math.PI * t / 23 + d.phaseShift)
                + 0.01 * Math.sin(2 * Math.PI * t / 7.3 + 2 * d.phaseShift);
        return Math.min(rated, Math.max(0, rated * sun(tMs) * clouds));
    }

    private long boundary(long step) {
        return originMs + step * STEP_MS;
    }

    /** The true grid per phase at {@code tMs} with the batteries at the given state. */
    private long[] grid(long tMs, double[] house, Map<Member, DeviceState> at) {
        double derW = 0;
        double[] v2x = new double[3];
        for (Member m : members) {
            if (!m.presentAt(tMs)) {
                continue;
            }
            DeviceState s = at.get(m);
            derW += pvW(m.device, tMs, s);
            if (s != null) {
                derW += s.batteryW;
            }
            long[] ev = m.device.v2xPhasesW(tMs);
            for (int i = 0; i < 3; i++) {
                v2x[i] += ev[i];
            }
        }
        long[] g = new long[3];
        for (int i = 0; i < 3; i++) {
            g[i] = Math.round(house[i] + derW / 3 + v2x[i]);
        }
        return g;
    }

    private void advanceTo(long tMs) {
        long last = Math.floorDiv(tMs - originMs, STEP_MS);
        while (memoStep < last) {
            if (memoStep >= 0) {
                integrate(states, boundary(memoStep), boundary(memoStep) + STEP_MS, measuredGridW);
            }
            memoStep++;
            controlUpdate(boundary(memoStep));
        }
    }

    /** At a step boundary: each battery sets its power for the step from the grid measured at the previous one. */
    private void controlUpdate(long a) {
        Knobs k = knobsAt(a);
        double alpha = 1 - Math.exp(-STEP_MS / 1000.0 / BATTERY_TAU_S);
        for (Member m : members) {
            if (m.presentAt(a)) {
                DeviceState s = states.computeIfAbsent(m, x -> new DeviceState());
                control(m, s, a);
                if (m.device.ders.containsKey("pv")) {
                    movePvCap(m.device, s, a);
                }
            }
        }
        for (Member m : members) {
            if (!m.presentAt(a) || !m.device.ders.containsKey("battery")) {
                continue;
            }
            DeviceState s = states.computeIfAbsent(m, x -> new DeviceState());
            if (!s.batteryStarted) {
                s.batteryStarted = true;
                s.soc = m.device.initialSoc();
                s.batteryW = 0;
                applySoc(m, s, a);
                continue; // it measures from this step on
            }
            applySoc(m, s, a);
            double target = !Double.isNaN(s.controlBatteryW) ? s.controlBatteryW : switch (k.batteryMode()) {
                case SELF_CONSUMPTION -> s.batteryW - measuredGridW;
                case FIXED -> k.batteryFixedW();
                case IDLE -> 0;
            };
            double maxW = m.device.batteryMaxW();
            double capWh = m.device.batteryWh();
            // within a few watts it settles on the target (an inverter's step), else it approaches it
            double next = Math.abs(target - s.batteryW) <= SETTLE_W ? target
                    : s.batteryW + alpha * (target - s.batteryW);
            double upper = Math.min(maxW, (SOC_MAX - s.soc) * capWh * MS_PER_HOUR / STEP_MS);
            double lower = Math.max(-maxW, -(s.soc - SOC_MIN) * capWh * MS_PER_HOUR / STEP_MS);
            long w = Math.round(next);
            if (w > upper) {
                w = (long) Math.floor(Math.max(0, upper));
            }
            if (w < lower) {
                w = (long) Math.ceil(Math.min(0, lower));
            }
            s.batteryW = w;
        }
        for (Member m : members) {
            if (m.presentAt(a)) {
                states.computeIfAbsent(m, x -> new DeviceState());
            }
        }
        long[] g = grid(a, houseW(a), states);
        measuredGridW = g[0] + g[1] + g[2];
    }

    /** At a step boundary: a new command or response sets what the device aims at, from where it is now. */
    private void control(Member m, DeviceState s, long a) {
        int ci = m.commands.indexAt(a);
        int ri = m.responses.indexAt(a);
        if (ci == s.commandIndex && ri == s.responseIndex) {
            return;
        }
        s.commandIndex = ci;
        s.responseIndex = ri;
        Command c = m.commands.value(ci);
        Response r = m.responses.value(ri);
        s.controlBatteryW = m.device.ders.containsKey("battery") ? r.batteryW(c.batteryW()) : Double.NaN;
        double output = m.device.ders.containsKey("pv") ? Math.min(s.pvCapW, naturalPvW(m.device, a)) : 0;
        s.controlPvCapW = r.pvCapW(c.pvLimitW(), output);
    }

    /**
     * The PV's cap moves towards the cap aimed at by at most the ramp a step, starting from what the PV makes (an
     * inverter ramps from its output); lifted, it rises until it is above rated power and then is gone, so a
     * device given back is uncapped within (rated − limit) / ramp seconds whatever the sun does.
     */
    private void movePvCap(SimDevice d, DeviceState s, long a) {
        double rated = d.pvRatedW();
        double ramp = PV_RAMP_FRACTION_PER_S * rated * STEP_MS / 1000.0;
        if (s.pvCapW == Double.POSITIVE_INFINITY && s.controlPvCapW == Double.POSITIVE_INFINITY) {
            return;
        }
        if (s.controlPvCapW == Double.POSITIVE_INFINITY) {
            // lifted: the cap rises from where it is (whatever the sun does) and is gone past rated power
            double cap = s.pvCapW + ramp;
            s.pvCapW = cap >= rated ? Double.POSITIVE_INFINITY : cap;
            return;
        }
        double cap = Math.min(s.pvCapW, naturalPvW(d, a));
        if (cap > s.controlPvCapW) {
            s.pvCapW = Math.max(s.controlPvCapW, cap - ramp);
        } else {
            s.pvCapW = Math.min(s.controlPvCapW, cap + ramp);
        }
    }

    /** A SoC setting made since the last step takes effect now. */
    private static void applySoc(Member m, DeviceState s, long a) {
        int i = m.socSettings.indexAt(a);
        if (i > s.socIndex) {
            s.socIndex = i;
            s.soc = m.socSettings.value(i);
        }
    }

    /** Integrates [a, b) (b at most one step after a) with the rates at a. */
    private void integrate(Map<Member, DeviceState> into, long a, long b, long gridW) {
        for (Member m : members) {
            long ms = m.overlapMs(a, b);
            DeviceState s = into.get(m);
            if (ms == 0 || s == null) {
                continue;
            }
            double h = ms / MS_PER_HOUR;
            s.pvWh += -pvW(m.device, a, s) * h;
            if (s.batteryStarted) {
                s.soc += s.batteryW * h / m.device.batteryWh();
                s.chargeWh += Math.max(0, s.batteryW) * h;
                s.dischargeWh += Math.max(0, -s.batteryW) * h;
            }
            if (m.device.ders.containsKey("meter")) {
                s.importWh += Math.max(0, gridW) * h;
                s.exportWh += Math.max(0, -gridW) * h;
            }
        }
    }

    /** The site at {@code tMs}. */
    synchronized Reading read(long tMs) {
        advanceTo(tMs);
        Map<Member, DeviceState> at = new IdentityHashMap<>();
        states.forEach((m, s) -> at.put(m, s.copy()));
        for (Member m : members) {
            if (m.presentAt(tMs)) {
                at.computeIfAbsent(m, x -> new DeviceState());
            }
        }
        if (memoStep >= 0) {
            integrate(at, boundary(memoStep), tMs, measuredGridW);
        }
        double[] house = houseW(tMs);
        long[] grid = grid(tMs, house, at);
        Map<SimDevice, DeviceReading> devices = new IdentityHashMap<>();
        for (Member m : members) {
            if (!m.presentAt(tMs)) {
                continue;
            }
            DeviceState s = at.get(m);
            double set = m.socSettings.at(tMs);
            double soc = s.batteryStarted ? s.soc : Double.isNaN(set) ? m.device.initialSoc() : set;
            devices.put(m.device, new DeviceReading(pvW(m.device, tMs, s), s.batteryW, soc, s.pvWh, s.chargeWh,
                    s.dischargeWh, s.importWh, s.exportWh));
        }
        return new Reading(tMs, house, grid, knobsAt(tMs).ctReversed(), devices);
    }
}
