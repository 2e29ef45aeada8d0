package com.sourceful.commissioner.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns]
 * [--fault ENDPOINT=SPEC]... [--dead-mdns-record] [--no-crypto] [--extra-load W@Ln]... [--reversed-ct]
 * [--time-scale N]}: runs a
 * {@link ZapSimulator} and a {@link NovacoreStandIn} until Ctrl-C, and reads site commands ({@link #command}) from
 * standard input while it runs, answering each with one line. Prints URLs, the gateway serial and the faults set,
 * never a token.
 */
public final class SimulatorMain {

    static final String COMMANDS = "load W L1|L2|L3 | load off | ct reversed|normal | sun F (0..1) | sun F Ns (ramp) | sun auto"
            + " | battery self|idle|W | control follow|ignore|partial F|partial Ww [SN] | soc F [SN] | help";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns]",
            "                                 [--fault ENDPOINT=SPEC]... [--dead-mdns-record] [--no-crypto] [--claimed]",
            "                                 [--extra-load W@Ln]... [--reversed-ct] [--time-scale N]",
            "",
            "Runs a simulated Zap gateway and a Novacore stand-in until Ctrl-C.",
            "  --port N           Zap simulator HTTP port (default 8080, 0 = any free port)",
            "  --host ADDRESS     IP address to bind both servers to (default 127.0.0.1)",
            "  --novacore-port M  Novacore stand-in HTTP port (default 8081, 0 = any free port)",
            "  --no-mdns          do not announce the Zap as zap-<hex>._http._tcp.local.",
            "  --fault ENDPOINT=SPEC",
            "                     make the Zap misbehave (repeatable). ENDPOINT is * (every request), a path such as",
            "                     /api/system or /api/devices/{sn}/data/json, or METHOD and path: \"GET /api/system\".",
            "                     SPEC is latency=2s | latency=500ms | latency=1s..15s | status=CODE | low-memory",
            "                     | no-content | malformed-json | truncated | wrong-content-type | huge-body[=50MB]",
            "                     | reset | never-answers",
            "                     e.g. --fault \"GET /api/system=latency=3s\" --fault \"*=status=503\"",
            "  --dead-mdns-record also announce a zap-<hex> record on 127.0.0.1 (loopback only) whose port has",
            "                     nothing listening",
            "  --extra-load W@Ln  switch on an extra house load of W watts on phase L1, L2 or L3 (repeatable,",
            "                     one per phase), e.g. --extra-load 2000@L2",
            "  --reversed-ct      meters report power negated, as with a CT mounted the wrong way round",
            "  --time-scale N     simulated time runs N times faster than real time (default 1; up to 1000)",
            "  --no-crypto        act as a firmware without GET /api/crypto (it and /api/crypto/sign answer 404)",
            "  --claimed          the Zap starts claimed for the demo sites' org-demo (default: new, unclaimed, as",
            "                     on a first visit; the wizard's Prepare step or the `claim` command claims it)",
            "  --help             show this help",
            "",
            "While it runs, type a command and Enter (each is answered with one line):",
            "  " + COMMANDS);

    /** Parsed command line; {@code extraLoadW} maps a phase (1..3) to watts. */
    record Options(InetAddress host, int port, int novacorePort, boolean mdns, boolean help,
                   Map<String, ZapFault> faults, boolean deadMdnsRecord, boolean noCrypto,
                   Map<Integer, Double> extraLoadW,
                   boolean reversedCt, double timeScale, boolean claimed) {
        Options(InetAddress host, int port, int novacorePort, boolean mdns, boolean help) {
            this(host, port, novacorePort, mdns, help, Map.of(), false, false, Map.of(), false, 1, false);
        }
    }

    /** A command-line mistake; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private SimulatorMain() {
    }

    /** Runs until the JVM is asked to stop (Ctrl-C). Returns 0, 1 when a server cannot start, 2 on a bad argument. */
    public static int run(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        boolean hooked = false;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
            return run(args, System.in, System.out, System.err, stop);
        } finally {
            stopped.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: nothing to remove
                }
            }
        }
    }

    /** Testable core without commands on standard input: runs until {@code stop} reaches zero. */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
        return run(args, null, out, err, stop);
    }

    /**
     * Testable core: runs until {@code stop} reaches zero, then closes both servers. Lines from {@code commands} (when
     * not null) are site commands, each answered on {@code out}; its end leaves the simulator running.
     */
    static int run(String[] args, InputStream commands, PrintStream out, PrintStream err, CountDownLatch stop) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            err.println("simulate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help()) {
            out.println(USAGE);
            return 0;
        }
        ZapSimulator zap = null;
        NovacoreStandIn nova = null;
        DeadMdnsRecord dead = null;
        try {
            Clock clock = o.timeScale() == 1 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), o.timeScale());
            zap = ZapSimulator.builder().bindAddress(o.host()).port(o.port()).announceMdns(o.mdns()).clock(clock)
                    .noCrypto(o.noCrypto())
                    .start();
            for (Map.Entry<String, ZapFault> f : o.faults().entrySet()) {
                zap.setFault(f.getKey(), f.getValue());
            }
            for (Map.Entry<Integer, Double> l : o.extraLoadW().entrySet()) {
                zap.addHouseLoad(l.getValue(), l.getKey());
            }
            zap.invertMeterSign(o.reversedCt());
            nova = NovacoreStandIn.start(o.host(), o.novacorePort(), Clock.systemUTC());
            // Novacore knows the Zap's key. New (not claimed) unless --claimed, as on a first visit: the wizard's
            // Prepare step claims it; --claimed skips that, for trying the later steps.
            nova.registerGateway(zap.serial(), zap.publicKeyHex());
            if (o.claimed()) {
                nova.claimGateway(zap.serial(), NovacoreStandIn.DEMO_ORG);
            }
            out.println("Zap simulator:     " + zap.baseUri() + "  (serial " + zap.serial() + ")");
            if (o.mdns()) {
                out.println("  mDNS:            " + zap.mdnsInstanceName() + "." + ZapSimulator.MDNS_TYPE);
            }
            out.println("  unreachable rule: Modbus/MQTT addresses in 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 never answer; 127.x:port answers only if something listens");
            for (Map.Entry<String, ZapFault> f : o.faults().entrySet()) {
                out.println("  fault:           " + f.getKey() + " -> " + f.getValue().spec());
            }
            if (o.deadMdnsRecord()) {
                dead = DeadMdnsRecord.announce();
                out.println("  dead mDNS record: " + dead.instanceName() + "." + ZapSimulator.MDNS_TYPE + " -> "
                        + dead.address().getHostAddress() + ":" + dead.port() + " (nothing listens there)");
            }
            for (Map.Entry<Integer, Double> l : o.extraLoadW().entrySet()) {
                out.println("  extra load:      " + Math.round(l.getValue()) + " W on L" + l.getKey());
            }
            if (o.reversedCt()) {
                out.println("  CT reversed:     meters report power negated");
            }
            if (o.timeScale() != 1) {
                out.println("  time scale:      simulated time runs " + formatScale(o.timeScale()) + " times faster");
            }
            out.println("Novacore stand-in: " + nova.baseUri() + "  (HS256 demo secret; 3 demo sites)");
            out.println("  gateway:         " + zap.serial() + " registered, "
                    + (o.claimed() ? "claimed for the sites' org (" : "not claimed (claim it for the sites' org ")
                    + NovacoreStandIn.DEMO_ORG + ")");
            if (commands != null) {
                out.println("Commands: " + COMMANDS);
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            if (commands != null) {
                readCommands(commands, zap, out);
            }
            stop.await();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("simulate: cannot start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            if (dead != null) {
                dead.close();
            }
            if (nova != null) {
                nova.close();
            }
            if (zap != null) {
                zap.close();
            }
        }
    }

    static Options parse(String[] args) throws UsageException {
        InetAddress host = InetAddress.getLoopbackAddress();
        int port = 8080;
        int novacorePort = 8081;
        boolean mdns = true;
        boolean help = false;
        boolean deadMdnsRecord = false;
        boolean reversedCt = false;
        double timeScale = 1;
        Map<Integer, Double> extraLoads = new TreeMap<>();
        boolean noCrypto = false;
        boolean claimed = false;
        Map<String, ZapFault> faults = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "simulate" -> {
                    if (i != 0) {
                        throw new UsageException("unexpected argument 'simulate'");
                    }
                }
                case "--help", "-h" -> help = true;
                case "--no-mdns" -> {
                    if (value != null) {
                        throw new UsageException("--no-mdns takes no value");
                    }
                    mdns = false;
                }
                case "--dead-mdns-record" -> {
                    if (value != null) {
                        throw new UsageException("--dead-mdns-record takes no value");
                    }
                    deadMdnsRecord = true;
                }
                case "--reversed-ct" -> {
                    if (value != null) {
                        throw new UsageException("--reversed-ct takes no value");
                    }
                    reversedCt = true;
                }
                case "--extra-load", "--time-scale" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(a + (a.equals("--time-scale") ? " needs a number, e.g. 10"
                                    : " needs W@Ln, e.g. --extra-load 2000@L2"));
                        }
                        value = args[++i];
                    }
                    if (a.equals("--time-scale")) {
                        timeScale = parseTimeScale(value);
                    } else {
                        Map.Entry<Integer, Double> l = parseExtraLoad(value);
                        if (extraLoads.put(l.getKey(), l.getValue()) != null) {
                            throw new UsageException("--extra-load: L" + l.getKey() + " is given twice");
                        }
                    }
                }
                case "--no-crypto" -> {
                    if (value != null) {
                        throw new UsageException("--no-crypto takes no value");
                    }
                    noCrypto = true;
                }
                case "--claimed" -> {
                    if (value != null) {
                        throw new UsageException("--claimed takes no value");
                    }
                    claimed = true;
                }
                case "--fault" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("--fault needs ENDPOINT=SPEC, e.g. --fault \"GET /api/system=latency=3s\"");
                        }
                        value = args[++i];
                    }
                    Map.Entry<String, ZapFault> f = parseFault(value);
                    if (faults.containsKey(f.getKey())) {
                        throw new UsageException("--fault: " + f.getKey() + " is given twice (one fault per endpoint)");
                    }
                    faults.put(f.getKey(), f.getValue());
                }
                case "--port", "--novacore-port", "--host" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (a.equals("--host")) {
                        host = parseHost(value);
                    } else if (a.equals("--port")) {
                        port = parsePort(a, value);
                    } else {
                        novacorePort = parsePort(a, value);
                    }
                }
                default -> throw new UsageException("unknown argument '" + a + "'");
            }
        }
        if (port != 0 && port == novacorePort) {
            throw new UsageException("--port and --novacore-port must differ (both are " + port + ")");
        }
        return new Options(host, port, novacorePort, mdns, help, Collections.unmodifiableMap(faults), deadMdnsRecord,
                noCrypto, Collections.unmodifiableMap(extraLoads), reversedCt, timeScale, claimed);
    }

    /** {@code W@Ln}, e.g. {@code 2000@L2}: watts (may be negative, within ±100 kW) on phase 1..3. */
    static Map.Entry<Integer, Double> parseExtraLoad(String value) throws UsageException {
        Matcher m = EXTRA_LOAD.matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException("--extra-load needs W@Ln, e.g. 2000@L2; got '" + value + "'");
        }
        return Map.entry(Integer.parseInt(m.group(2)), parseWatts(m.group(1)));
    }

    private static double parseTimeScale(String value) throws UsageException {
        try {
            double v = Double.parseDouble(value.trim());
            if (v >= 0.1 && v <= 1000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--time-scale must be a number from 0.1 to 1000, got '" + value + "'");
    }

    private static final Pattern EXTRA_LOAD = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(?:W|w)?@[Ll]([123])");
    private static final Pattern WATTS = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)s?");
    private static final double MAX_WATTS = 100_000;

    private static double parseWatts(String text) throws UsageException {
        if (!WATTS.matcher(text).matches() || Math.abs(Double.parseDouble(text)) > MAX_WATTS) {
            throw new UsageException("watts must be a number within ±100000, got '" + text + "'");
        }
        return Double.parseDouble(text);
    }

    private static String formatScale(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }

    /** Reads commands until the stream ends, answering each non-blank line with one line. */
    private static void readCommands(InputStream commands, ZapSimulator zap, PrintStream out) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(commands, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        out.println(command(zap, line));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                out.println("commands: standard input failed (" + e.getMessage() + "); the simulator keeps running");
            }
        }, "simulator-commands");
        t.setDaemon(true); // a read from System.in cannot be interrupted; the JVM must not wait for it
        t.start();
    }

    /**
     * One site command, answered with one line: {@code ok: …} or {@code error: …} (never an exception).
     * {@code load W L1|L2|L3}, {@code load off}, {@code ct reversed|normal}, {@code sun F} (0..1 of rated PV power),
     * {@code sun F Ns} (ramp over N simulated seconds), {@code sun auto}, {@code battery self|idle|W},
     * {@code control follow|ignore|partial F|partial Ww [SN]} (how devices carry out the Zap's control calls),
     * {@code soc F [SN]} (a battery's state of charge), {@code help}.
     */
    static String command(ZapSimulator zap, String line) {
        String[] w = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            switch (w[0]) {
                case "load" -> {
                    if (w.length == 2 && w[1].equals("off")) {
                        zap.clearHouseLoads();
                        return "ok: no extra load";
                    }
                    if (w.length == 3 && w[2].matches("l[123]")) {
                        int phase = w[2].charAt(1) - '0';
                        double watts = parseWatts(w[1]);
                        zap.addHouseLoad(watts, phase);
                        return "ok: extra load " + Math.round(watts) + " W on L" + phase;
                    }
                    return "error: load needs W and a phase (load 2000 L2) or off (load off)";
                }
                case "ct" -> {
                    if (w.length == 2 && (w[1].equals("reversed") || w[1].equals("normal"))) {
                        zap.invertMeterSign(w[1].equals("reversed"));
                        return w[1].equals("reversed") ? "ok: CT reversed, meters report power negated"
                                : "ok: CT normal";
                    }
                    return "error: ct needs reversed or normal";
                }
                case "sun" -> {
                    if (w.length == 2 && (w[1].equals("auto") || w[1].equals("natural"))) {
                        zap.naturalSun();
                        return "ok: natural sun";
                    }
                    double f = w.length >= 2 && w.length <= 3 && WATTS.matcher(w[1]).matches()
                            ? Double.parseDouble(w[1]) : Double.NaN;
                    if (!(f >= 0 && f <= 1)) {
                        return "error: sun needs a fraction 0..1 of rated PV power (sun 0.3), a ramp (sun 0.8 60s)"
                                + " or auto";
                    }
                    if (w.length == 3) {
                        Matcher m = SECONDS.matcher(w[2]);
                        if (!m.matches()) {
                            return "error: sun ramp needs seconds, e.g. sun 0.8 60s";
                        }
                        double seconds = Double.parseDouble(m.group(1));
                        zap.rampSun(f, Duration.ofMillis(Math.round(seconds * 1000)));
                        return "ok: sun ramps to " + f + " over " + m.group(1) + " s";
                    }
                    zap.setSun(f);
                    return "ok: sun " + f;
                }
                case "battery" -> {
                    if (w.length == 2 && w[1].equals("self")) {
                        zap.batterySelfConsumption();
                        return "ok: battery follows self-consumption";
                    }
                    if (w.length == 2 && w[1].equals("idle")) {
                        zap.batteryIdle();
                        return "ok: battery idle";
                    }
                    if (w.length == 2 && WATTS.matcher(w[1]).matches()) {
                        double watts = parseWatts(w[1]);
                        zap.batteryFixedPower(watts);
                        return "ok: battery at " + Math.round(watts) + " W (within its limits; + charging)";
                    }
                    return "error: battery needs self, idle or watts (+ charging, - discharging)";
                }
                case "control" -> {
                    return control(zap, w);
                }
                case "soc" -> {
                    double f = w.length >= 2 && w.length <= 3 && WATTS.matcher(w[1]).matches()
                            ? Double.parseDouble(w[1]) : Double.NaN;
                    if (!(f >= 0 && f <= 1)) {
                        return "error: soc needs a fraction 0..1 and optionally a device sn (soc 0.5 SG12AB34CD)";
                    }
                    List<String> sns = devicesWith(zap, w.length == 3 ? w[2] : null, "battery");
                    if (sns.isEmpty()) {
                        return "error: " + (w.length == 3 ? "no device " + w[2] + " with a battery" : "no battery");
                    }
                    sns.forEach(sn -> zap.setBatterySoc(sn, f));
                    return "ok: SoC " + f + " for " + String.join(", ", sns);
                }
                case "help" -> {
                    return "commands: " + COMMANDS;
                }
                default -> {
                    return "error: unknown command '" + w[0] + "'; commands: " + COMMANDS;
                }
            }
        } catch (UsageException | IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    /**
     * {@code control follow|ignore [SN]}, {@code control partial F|Ww [SN]} (a fraction 0..1 or 40%, or a power
     * such as 500w): how the device (every device with a battery or PV without SN) carries out control calls.
     */
    private static String control(ZapSimulator zap, String[] w) throws UsageException {
        String usage = "error: control needs follow, ignore, partial F (0..1 or 40%) or partial Ww (500w), and "
                + "optionally a device sn";
        if (w.length < 2) {
            return usage;
        }
        boolean partial = w[1].equals("partial");
        int snAt = partial ? 3 : 2;
        if (!(w[1].equals("follow") || w[1].equals("ignore") || partial) || w.length > snAt + 1
                || (partial && w.length < 3)) {
            return usage;
        }
        List<String> sns = devicesWith(zap, w.length > snAt ? w[snAt] : null, "battery", "pv");
        if (sns.isEmpty()) {
            return "error: " + (w.length > snAt ? "no device " + w[snAt] + " with a battery or PV"
                    : "no device with a battery or PV yet");
        }
        String how;
        if (w[1].equals("follow")) {
            sns.forEach(zap::followControl);
            how = "follow control";
        } else if (w[1].equals("ignore")) {
            sns.forEach(zap::ignoreControl);
            how = "accept control and ignore it";
        } else {
            Matcher m = PARTIAL.matcher(w[2]);
            if (!m.matches()) {
                return usage;
            }
            double v = Double.parseDouble(m.group(1));
            if ("w".equals(m.group(2))) {
                double maxW = parseWatts(m.group(1));
                sns.forEach(sn -> zap.partialControlW(sn, maxW));
                how = "follow control up to " + Math.round(maxW) + " W";
            } else {
                double f = "%".equals(m.group(2)) ? v / 100 : v;
                if (!(f >= 0 && f <= 1)) {
                    return usage;
                }
                sns.forEach(sn -> zap.partialControl(sn, f));
                how = "follow " + Math.round(f * 100) + " % of control";
            }
        }
        return "ok: " + String.join(", ", sns) + " " + how;
    }

    private static final Pattern PARTIAL = Pattern.compile("(\\d+(?:\\.\\d+)?)(%|w)?");

    /** The sns of the devices with one of {@code ders}: the one named (any case), or every one when null. */
    private static List<String> devicesWith(ZapSimulator zap, String sn, String... ders) {
        List<String> out = new ArrayList<>();
        for (JsonObject d : zap.devices()) {
            String s = d.get("sn").getAsString();
            boolean has = false;
            for (JsonElement e : d.getAsJsonArray("ders")) {
                has |= List.of(ders).contains(e.getAsJsonObject().get("type").getAsString());
            }
            if (has && (sn == null || s.equalsIgnoreCase(sn))) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code ENDPOINT=SPEC}: the endpoint ends at the first '=' (endpoints have none), the rest is the fault. */
    static Map.Entry<String, ZapFault> parseFault(String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new UsageException("--fault needs ENDPOINT=SPEC, e.g. \"GET /api/system=latency=3s\" or \"*=reset\"; got '"
                    + value + "'");
        }
        String endpoint = value.substring(0, eq);
        String spec = value.substring(eq + 1);
        try {
            String key = ZapSimulator.faultKey(endpoint);
            return Map.entry(key, ZapFault.parse(spec));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fault '" + value + "': " + e.getMessage());
        }
    }

    private static int parsePort(String option, String value) throws UsageException {
        try {
            int p = Integer.parseInt(value.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a port number 0-65535, got '" + value + "'");
        }
    }

    /** A literal IPv4/IPv6 address or "localhost"; never resolved through DNS. */
    private static InetAddress parseHost(String value) throws UsageException {
        String v = value.trim();
        try {
            if (v.equalsIgnoreCase("localhost")) {
                return InetAddress.getLoopbackAddress();
            }
            int[] o = ZapConfigValidator.parseIpv4(v);
            if (o != null) {
                return InetAddress.getByAddress(new byte[]{(byte) o[0], (byte) o[1], (byte) o[2], (byte) o[3]});
            }
            if (v.contains(":") && v.matches("[0-9A-Fa-f:.%\\[\\]a-zA-Z]+")) {
                // an IPv6 literal: getByName does not look literals up
                return InetAddress.getByName(v.replace("[", "").replace("]", ""));
            }
        } catch (UnknownHostException e) {
            // fall through
        }
        throw new UsageException("--host must be an IP address such as 127.0.0.1, got '" + value + "'");
    }
}
