package com.sourceful.commissioner.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sourceful.commissioner.Main;
import com.sourceful.commissioner.testsupport.ChildApp;

/**
 * {@code bench/run}: every benchmark, each in fresh JVMs, one table, and {@code bench/results.json}. Not a test.
 *
 * <ul>
 *   <li>Start-up: {@code Main --demo --startup-probe} and {@link BareStartup}, alternately, one untimed warm-up
 *       each, then {@code --startup-runs} timed runs each; medians and their ratio. With {@code --cds}: from the
 *       jars instead ({@code target/zap-commissioner.jar}, as the README runs it, and a jar of BareStartup), each
 *       run four starts: app and bare window plain, then each with a class-data archive of its own, made by one
 *       start of it with {@code -XX:ArchiveClassesAtExit} before the runs.</li>
 *   <li>Discovery: {@link DiscoveryBenchmark} with {@code --runs}; its medians.</li>
 *   <li>Flow and gateway load: {@link FlowBenchmark}; the flow's median over its runs, the gateway load's median
 *       over its windows, the most requests in flight over all of them.</li>
 *   <li>Live data: {@link LiveDataBenchmark} in {@code --live-data-runs} JVMs; medians.</li>
 * </ul>
 * Every JVM runs headless (Monocle, software rendering) and resolves host names only from
 * {@code src/test/resources/test-hosts}; everything listens and is reached on loopback only.
 */
public final class BenchRun {

    /** Children report a figure with a line {@code BENCH key=value}. */
    static final String PREFIX = "BENCH ";
    static final Pattern RESULT = Pattern.compile("BENCH (\\w+)=(-?[0-9.]+(?:E-?[0-9]+)?)");
    static final Pattern PROBE = Pattern.compile(
            "startup-probe: first frame rendered (\\d+) ms after JVM start \\(laid out at (\\d+) ms\\)");
    /** What JDK 17 prints when a class-data archive named with -XX:SharedArchiveFile does not match (and goes on). */
    static final String ARCHIVE_REFUSED = "Unable to use shared archive";
    static final List<String> KEYS = List.of("startup_ms", "bare_startup_ms", "startup_ratio", "mdns_first_zap_ms",
            "sweep_24_ms", "flow_ms", "flow_actions", "chart_heap_mb", "chart_frame_ms", "gateway_rps",
            "gateway_max_inflight");
    static final Set<String> PARTS = new LinkedHashSet<>(List.of("startup", "discovery", "flow", "live-data"));
    static final String USAGE = """
            Usage: bench/run [--startup-runs N] [--runs N] [--flow-runs N] [--live-data-runs N]
                             [--gateway-windows N] [--gateway-window-seconds S] [--only PART[,PART]...] [--cds]
              --startup-runs N          timed start-ups of the app and of the bare window, each (default 7)
              --cds                     start-up from the jars, each run with and without class-data archives
                                        (of the app's classes, of the bare window's), alternately
              --runs N                  discovery runs (default 5)
              --flow-runs N             complete demo flows (default 5)
              --gateway-windows N       windows the Verify step is measured in (default 3)
              --gateway-window-seconds  length of one window (default 10)
              --live-data-runs N        live-data JVMs (default 3)
              --only PARTS              some of: startup, discovery, flow, live-data (flow includes the gateway
                                        load); bench/results.json is written by a full run only
            """;

    /** For the benchmarks run as children: one figure, parsed by {@link #collect}. */
    static void result(String key, double value) {
        System.out.println(PREFIX + key + "=" + format(value));
        System.out.flush();
    }

    private BenchRun() {
    }

    public static void main(String[] args) throws Exception {
        int startupRuns = 7;
        int discoveryRuns = 5;
        int flowRuns = 5;
        int gatewayWindows = 3;
        int gatewayWindowSeconds = 10;
        int liveDataRuns = 3;
        boolean cds = false;
        Set<String> only = new LinkedHashSet<>(PARTS);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                return;
            }
            if (a.equals("--cds")) {
                cds = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--startup-runs" -> startupRuns = positive(a, v);
                case "--runs" -> discoveryRuns = positive(a, v);
                case "--flow-runs" -> flowRuns = positive(a, v);
                case "--gateway-windows" -> gatewayWindows = positive(a, v);
                case "--gateway-window-seconds" -> gatewayWindowSeconds = positive(a, v);
                case "--live-data-runs" -> liveDataRuns = positive(a, v);
                case "--only" -> {
                    only = new LinkedHashSet<>(Arrays.asList(v.split(",")));
                    if (!PARTS.containsAll(only)) {
                        usage("--only takes some of " + PARTS);
                    }
                }
                default -> usage("unknown argument: " + a);
            }
        }

        Machine machine = Machine.here();
        long began = System.nanoTime();
        System.out.println("bench/run on " + machine.oneLine() + ", " + machine.date());
        System.out.println("load average (1, 5, 15 min) at start: " + machine.loadAtStart()
                + " (other work on this machine slows every figure)");
        Map<String, Double> results = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();

        if (only.contains("startup") && cds) {
            startupWithArchives(startupRuns, results, notes);
        } else if (only.contains("startup")) {
            section("Start-up: JVM start to first rendered frame, app (--demo) and a bare one-label JavaFX window,"
                    + " alternately, 1 warm-up + " + startupRuns + " runs each");
            List<Double> app = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int run = 0; run <= startupRuns; run++) {
                double b = probe(BareStartup.class.getName());
                double s = probe(Main.class.getName(), "--demo", "--startup-probe");
                String label = run == 0 ? "warm-up" : "run " + run;
                System.out.printf(Locale.ROOT, "  %-8s app %6.0f ms   bare %6.0f ms   ratio %.2f   load %s%n", label,
                        s, b, s / b, Machine.loadAverageNow().split(" ")[0]);
                if (run > 0) {
                    app.add(s);
                    bare.add(b);
                    ratios.add(s / b);
                }
            }
            results.put("startup_ms", median(app));
            results.put("bare_startup_ms", median(bare));
            // The ratio within a run (both measured back to back, under the same load), then the median of those.
            results.put("startup_ratio", median(ratios));
            notes.put("startup_ms", range(app));
            notes.put("bare_startup_ms", range(bare));
            notes.put("startup_ratio", range(ratios) + " (median of each run's ratio)");
        }
        if (only.contains("discovery")) {
            section("Discovery on loopback: " + discoveryRuns + " runs");
            Map<String, Double> r = collect(child(List.of(), DiscoveryBenchmark.class.getName(),
                    "--runs", String.valueOf(discoveryRuns)));
            results.putAll(r);
        }
        if (only.contains("flow")) {
            section("Flow: " + flowRuns + " complete demo flows; gateway load: " + gatewayWindows + " windows of "
                    + gatewayWindowSeconds + " s with the Verify step open");
            Map<String, Double> r = collect(child(List.of("-Xmx1g"), FlowBenchmark.class.getName(),
                    "--runs", String.valueOf(flowRuns), "--gateway-windows", String.valueOf(gatewayWindows),
                    "--gateway-window-seconds", String.valueOf(gatewayWindowSeconds)));
            results.putAll(r);
        }
        if (only.contains("live-data")) {
            section("Live data: " + liveDataRuns + " JVMs");
            List<Double> heap = new ArrayList<>();
            List<Double> frame = new ArrayList<>();
            for (int run = 1; run <= liveDataRuns; run++) {
                Map<String, Double> r = collect(child(List.of("-Xmx1g"), LiveDataBenchmark.class.getName()));
                Optional.ofNullable(r.get("chart_heap_mb")).ifPresent(heap::add);
                Optional.ofNullable(r.get("chart_frame_ms")).ifPresent(frame::add);
            }
            if (!heap.isEmpty()) {
                results.put("chart_heap_mb", median(heap));
                notes.put("chart_heap_mb", range(heap));
            }
            if (!frame.isEmpty()) {
                results.put("chart_frame_ms", median(frame));
                notes.put("chart_frame_ms", range(frame));
            }
        }

        double minutes = (System.nanoTime() - began) / 60e9;
        System.out.println();
        System.out.println(table(machine, results, notes, minutes));
        List<String> missing = KEYS.stream().filter(k -> !results.containsKey(k)).toList();
        if (cds) {
            System.out.println("(start-up from the jars, --cds: bench/results.json not written)");
        } else if (only.equals(PARTS) && missing.isEmpty()) {
            Path json = Path.of("bench", "results.json");
            Files.writeString(json, json(results), StandardCharsets.UTF_8);
            System.out.println("wrote " + json);
        } else if (only.equals(PARTS)) {
            System.out.println("bench/results.json NOT written: no figure for " + missing);
            System.exit(1);
        } else {
            System.out.println("(a partial run: bench/results.json not written)");
        }
    }

    /**
     * {@code --cds}: the app and the bare window from jars (a class-data archive holds classes from jars only), each
     * run four fresh JVMs back to back: bare and app plain, bare and app with their own archive. Both archives are
     * made first, by one start of each with {@code -XX:ArchiveClassesAtExit} (that start is the warm-up).
     */
    static void startupWithArchives(int runs, Map<String, Double> results, Map<String, String> notes)
            throws IOException, InterruptedException {
        section("Start-up from the jars, with and without class-data archives: app (--demo) and a bare one-label"
                + " window, alternately, 1 archive-making start + " + runs + " runs of four");
        String classPath = jarClassPath();
        Path dir = Path.of("target", "bench-cds").toAbsolutePath();
        Files.createDirectories(dir);
        Path appArchive = dir.resolve("app.jsa");
        Path bareArchive = dir.resolve("bare.jsa");
        Files.deleteIfExists(appArchive);
        Files.deleteIfExists(bareArchive);
        String app = Main.class.getName();
        String bare = BareStartup.class.getName();
        String[] appArgs = {"--demo", "--startup-probe"};
        double b = probe(classPath, List.of("-XX:ArchiveClassesAtExit=" + bareArchive), bare);
        double s = probe(classPath, List.of("-XX:ArchiveClassesAtExit=" + appArchive), app, appArgs);
        System.out.printf(Locale.ROOT, "  making the archives: app %6.0f ms, bare %6.0f ms (%s %d MB, %s %d MB)%n",
                s, b, appArchive.getFileName(), Files.size(appArchive) >> 20, bareArchive.getFileName(),
                Files.size(bareArchive) >> 20);
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            double bPlain = probe(classPath, List.of(), bare);
            double sPlain = probe(classPath, List.of(), app, appArgs);
            double bCds = probe(classPath, List.of("-XX:SharedArchiveFile=" + bareArchive), bare);
            double sCds = probe(classPath, List.of("-XX:SharedArchiveFile=" + appArchive), app, appArgs);
            System.out.printf(Locale.ROOT, "  run %-3d  plain: app %5.0f  bare %5.0f  ratio %.2f"
                    + "   with archives: app %5.0f  bare %5.0f  ratio %.2f   load %s%n", run, sPlain, bPlain,
                    sPlain / bPlain, sCds, bCds, sCds / bCds, Machine.loadAverageNow().split(" ")[0]);
            figures.computeIfAbsent("startup_ms", k -> new ArrayList<>()).add(sPlain);
            figures.computeIfAbsent("bare_startup_ms", k -> new ArrayList<>()).add(bPlain);
            figures.computeIfAbsent("startup_ratio", k -> new ArrayList<>()).add(sPlain / bPlain);
            figures.computeIfAbsent("cds_startup_ms", k -> new ArrayList<>()).add(sCds);
            figures.computeIfAbsent("cds_bare_startup_ms", k -> new ArrayList<>()).add(bCds);
            figures.computeIfAbsent("cds_startup_ratio", k -> new ArrayList<>()).add(sCds / bCds);
            figures.computeIfAbsent("cds_app_only_ratio", k -> new ArrayList<>()).add(sCds / bPlain);
        }
        figures.forEach((key, values) -> {
            results.put(key, median(values));
            notes.put(key, range(values) + (key.endsWith("ratio") ? " (median of each run's ratio)" : ""));
        });
    }

    /**
     * The jars the README's {@code java -jar} runs (target/zap-commissioner.jar; its manifest names target/lib/), the
     * bare window's jar that bench/run makes, and Monocle for running headless.
     */
    static String jarClassPath() {
        String monocle = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle")).findFirst()
                .orElseThrow(() -> new IllegalStateException("Monocle is not on the class path"));
        List<String> jars = List.of(Path.of("target", "zap-commissioner.jar").toAbsolutePath().toString(),
                Path.of("target", "bench-bare.jar").toAbsolutePath().toString(), monocle);
        for (String jar : jars) {
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException(jar + " missing: run bench/run, which builds it");
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    // ---- the table -----------------------------------------------------------------------------------------

    record Row(String key, String what, String unit, String aim, int decimals) {
    }

    static final List<Row> ROWS = List.of(
            new Row("startup_ms", "start-up, app (--demo): JVM start to first rendered frame", "ms", "", 0),
            new Row("bare_startup_ms", "start-up, bare JavaFX window with one label", "ms", "", 0),
            new Row("startup_ratio", "start-up ratio app / bare", "", "<= 1.3", 2),
            new Row("cds_startup_ms", "start-up, app, with its class-data archive (--cds)", "ms", "", 0),
            new Row("cds_bare_startup_ms", "start-up, bare window, with its own archive (--cds)", "ms", "", 0),
            new Row("cds_startup_ratio", "start-up ratio app / bare, both with archives (--cds)", "", "<= 1.3", 2),
            new Row("cds_app_only_ratio", "start-up ratio app with archive / plain bare (--cds)", "", "", 2),
            new Row("mdns_first_zap_ms", "discovery: first Zap confirmed by mDNS", "ms", "< 500", 0),
            new Row("sweep_24_ms", "discovery: sweep of 127.0.0.0/24", "ms", "< 2000", 0),
            new Row("flow_ms", "flow: find, add Sungrow, first reading, provision", "ms", "< 5000", 0),
            new Row("flow_actions", "flow: user actions (clicks, typed fields, keys)", "", "<= 10", 0),
            new Row("chart_heap_mb", "live data: 8 h x 4 DERs at 1 Hz, heap after GC", "MB", "< 256", 2),
            new Row("chart_frame_ms", "live data: whole-session chart frame (600 pts/series)", "ms", "< 16", 1),
            new Row("gateway_rps", "gateway load: requests/s to the Zap, Verify open", "1/s", "about 1", 2),
            new Row("gateway_max_inflight", "gateway load: most requests in flight at once", "", "1", 0));

    static String table(Machine machine, Map<String, Double> results, Map<String, String> notes, double minutes) {
        StringBuilder b = new StringBuilder();
        String rule = "-".repeat(112);
        b.append(rule).append('\n');
        b.append(String.format(Locale.ROOT, "%-56s %12s  %-9s %s%n", "figure (median)", "value", "aim",
                "range / note"));
        b.append(rule).append('\n');
        for (Row r : ROWS) {
            if (r.key().startsWith("cds_") && !results.containsKey(r.key())) {
                continue; // only with --cds
            }
            Double v = results.get(r.key());
            String value = v == null ? "n/a" : String.format(Locale.ROOT, "%." + r.decimals() + "f", v)
                    + (r.unit().isEmpty() ? "" : " " + r.unit());
            b.append(String.format(Locale.ROOT, "%-56s %12s  %-9s %s%n", r.what(), value, r.aim(),
                    notes.getOrDefault(r.key(), "")));
        }
        b.append(rule).append('\n');
        b.append("machine: ").append(machine.oneLine()).append('\n');
        b.append("date: ").append(machine.date()).append(String.format(Locale.ROOT, "; whole run %.1f min", minutes))
                .append("; load average at start ").append(machine.loadAtStart()).append(", at end ")
                .append(Machine.loadAverageNow());
        return b.toString();
    }

    static String json(Map<String, Double> results) {
        StringBuilder b = new StringBuilder("{\n");
        for (int i = 0; i < KEYS.size(); i++) {
            String k = KEYS.get(i);
            b.append("  \"").append(k).append("\": ").append(format(results.get(k)))
                    .append(i + 1 < KEYS.size() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }

    /** Whole numbers without a fraction, others with up to three decimals; always a JSON number. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }

    // ---- running children ----------------------------------------------------------------------------------

    static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dtestfx.robot=glass", "-Dtestfx.headless=true", "-Djava.awt.headless=true");

    private static final Path BENCH_HOME = Path.of("target", "bench-home").toAbsolutePath();

    static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        return command(System.getProperty("java.class.path"), jvmOptions, mainClass, args);
    }

    static List<String> command(String classPath, List<String> jvmOptions, String mainClass, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(jvmOptions);
        c.addAll(HEADLESS);
        // A home of its own: the app writes its settings and log file there, never into the user's.
        c.add("-Duser.home=" + BENCH_HOME);
        c.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        // No DNS: the only names resolvable are those of the test hosts file (localhost).
        c.add("-Djdk.net.hosts.file=" + Path.of("src/test/resources/test-hosts").toAbsolutePath());
        c.add("-cp");
        c.add(classPath);
        c.add(mainClass);
        c.addAll(List.of(args));
        return c;
    }

    /**
     * A child started with {@code command}, its settings and log folders in {@link #BENCH_HOME}: without %APPDATA%,
     * $XDG_CONFIG_HOME, %LOCALAPPDATA% or $XDG_STATE_HOME, which would win over user.home and put the benchmark's
     * settings and log into the user's
     * (and make a benchmark run meet the user's open app as "already open").
     */
    static ProcessBuilder inBenchHome(List<String> command) {
        return ChildApp.withFoldersInHome(new ProcessBuilder(command));
    }

    /** Runs a child JVM, echoing its output indented; returns its output lines. */
    static List<String> child(List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        Process p = inBenchHome(command(jvmOptions, mainClass, args)).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        int cssWarnings = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean skipNext = false;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.contains("javafx.scene.CssStyleHelper")) {
                    // java.util.logging: a date line, then the message; counted, not echoed.
                    cssWarnings++;
                    skipNext = true;
                } else if (skipNext) {
                    skipNext = false;
                } else if (!line.startsWith(PREFIX) && !line.contains("Unsupported JavaFX configuration")
                        && !line.contains("PlatformImpl startup")) {
                    System.out.println("  | " + line);
                }
            }
        }
        if (cssWarnings > 0) {
            System.out.println("  | (" + cssWarnings + " JavaFX CSS warnings not shown: ControlsFX's custom-text-field"
                    + " looks up Modena colours the AtlantaFX theme does not define)");
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            System.out.println("  (" + mainClass + " exited with " + p.exitValue() + ")");
        }
        return lines;
    }

    static Map<String, Double> collect(List<String> lines) {
        Map<String, Double> r = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                r.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return r;
    }

    /** One start-up in a fresh JVM: milliseconds from JVM start to the first rendered frame. */
    static double probe(String mainClass, String... args) throws IOException, InterruptedException {
        return probe(System.getProperty("java.class.path"), List.of(), mainClass, args);
    }

    static double probe(String classPath, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        Process p = inBenchHome(command(classPath, jvmOptions, mainClass, args)).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return startupMillis(mainClass, out);
    }

    /**
     * The probe's figure from a child's output. A run whose class-data archive the JVM refused is no figure: it would
     * count as "with the archive" while running without.
     */
    static double startupMillis(String mainClass, String out) {
        if (out.contains(ARCHIVE_REFUSED)) {
            throw new IllegalStateException(mainClass + " ran without its class-data archive:\n" + out);
        }
        Matcher m = PROBE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException(mainClass + " printed no start-up time:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    // ---- small things --------------------------------------------------------------------------------------

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String range(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int decimals = max >= 100 ? 0 : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f–%." + decimals + "f over %d runs", min, max,
                values.size());
    }

    static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        usage(option + " takes a whole number of at least 1");
        return 0;
    }

    static void usage(String problem) {
        System.err.println(problem);
        System.err.print(USAGE);
        System.exit(2);
    }

    /** What the figures were measured on. */
    record Machine(String cpu, int cores, String os, String java, String date, String loadAtStart) {

        static Machine here() {
            String cpu = readFirst(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)")
                    .orElse(System.getProperty("os.arch"));
            String os = readFirst(Path.of("/etc/os-release"), "PRETTY_NAME=\"?([^\"]+)\"?")
                    .map(pretty -> pretty + ", ").orElse("")
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch");
            String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
            String date = ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return new Machine(cpu, Runtime.getRuntime().availableProcessors(), os, java, date, loadAverageNow());
        }

        String oneLine() {
            return String.format(Locale.ROOT, "%s, %d cores; %s; %s", cpu, cores, os, java);
        }

        static String loadAverageNow() {
            return readFirst(Path.of("/proc/loadavg"), "(\\S+ \\S+ \\S+).*").orElse("n/a");
        }

        static Optional<String> readFirst(Path file, String regex) {
            try {
                Pattern p = Pattern.compile(regex);
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = p.matcher(line.trim());
                    if (m.matches()) {
                        return Optional.of(m.group(1).trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: say less
            }
            return Optional.empty();
        }
    }
}
