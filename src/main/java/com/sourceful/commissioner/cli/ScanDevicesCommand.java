package com.sourceful.commissioner.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.devicescan.FoundDeviceForm;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner;
import com.sourceful.commissioner.discovery.MdnsBrowser;
import com.sourceful.commissioner.discovery.Subnet;

/**
 * {@code zap-commissioner scan-devices [--subnet CIDR]... [--timeout SECONDS] [--json]}: scans subnets for energy
 * devices (Modbus TCP, MQTT brokers, logger ports) and lists what each is, or says what was tried (issue 18).
 */
public final class ScanDevicesCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner scan-devices [--subnet CIDR]... [--timeout SECONDS] [--json]",
            "",
            "Looks for energy devices on the local network (Modbus TCP inverters and meters, MQTT brokers,",
            "data-logger ports), reads who they are (reads only, one connection at a time per device) and lists them.",
            "  --subnet CIDR       scan this subnet, /24 or smaller, e.g. 192.168.1.0/24 (repeatable;",
            "                      default: the /24 around each LAN interface)",
            "  --timeout SECONDS   the longest the scan may take; it stops then with what it found (default 120)",
            "  --json              print a JSON array instead of one line per device",
            "  --help              show this help",
            "",
            "Exit status: 0 when at least one device was found, 1 when none, 2 on a bad argument.");

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** As the Zap sweep's: a LAN host answers in milliseconds or not at all. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    public static final int PARALLEL_HOSTS = 32;

    /** Parsed command line. */
    record Options(List<Subnet> subnets, Duration timeout, boolean json, boolean help) {
    }

    private ScanDevicesCommand() {
    }

    /** Entry point from {@code Main}. */
    public static int run(String[] args) {
        Args.quietLogging();
        return run(args, System.out, System.err, new ModbusDeviceScanner(), MdnsBrowser::siteSubnets);
    }

    /** Testable core; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, DeviceScanner scanner,
                   Supplier<List<Subnet>> defaultSubnets) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            err.println("scan-devices: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help()) {
            out.println(USAGE);
            return 0;
        }
        List<Subnet> subnets = o.subnets().isEmpty() ? defaultSubnets.get() : o.subnets();
        if (subnets.isEmpty()) {
            err.println("No energy device found: this computer has no LAN interface to scan around. Connect it to the"
                    + " site's network, or name a subnet: " + LaunchCommand.current()
                    + " scan-devices --subnet 192.168.1.0/24");
            return 1;
        }
        DeviceScanner.Options options = new DeviceScanner.Options(subnets, CONNECT_TIMEOUT, PARALLEL_HOSTS);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scan-devices-timeout");
            t.setDaemon(true);
            return t;
        });
        DeviceScanner.Report report;
        try {
            timer.schedule(scanner::cancel, o.timeout().toMillis(), TimeUnit.MILLISECONDS);
            report = scanner.scan(options, device -> {
                if (!o.json()) {
                    // As they are found: a /24 with silent hosts takes a while.
                    synchronized (out) {
                        out.println(line(device));
                        out.flush();
                    }
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("scan-devices: interrupted");
            return 1;
        } finally {
            timer.shutdownNow();
        }
        List<FoundDevice> devices = sorted(report.devices());
        if (o.json()) {
            out.println(json(devices));
        }
        out.flush();
        if (report.cancelled()) {
            err.println(cutShort(o, subnets, report));
        }
        if (devices.isEmpty()) {
            err.print(explain(subnets, report));
            err.flush();
            return 1;
        }
        return 0;
    }

    static Options parse(String[] args) throws UsageException {
        List<Subnet> subnets = new ArrayList<>();
        Duration timeout = DEFAULT_TIMEOUT;
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            Args.Option o = Args.Option.of(args[i]);
            String a = o.name();
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--json" -> {
                    o.noValue();
                    json = true;
                }
                case "--timeout" -> timeout = Args.timeoutSeconds(o.value(args, ++i));
                case "--subnet" -> {
                    Subnet s = Args.subnet(o.value(args, ++i));
                    if (!subnets.contains(s)) {
                        subnets.add(s);
                    }
                }
                default -> throw Args.unknown(a);
            }
        }
        return new Options(List.copyOf(subnets), timeout, json, help);
    }

    /** By address (numerically), port and unit id: the same scan lists the same way. */
    static List<FoundDevice> sorted(List<FoundDevice> devices) {
        return devices.stream().sorted(Comparator.comparingLong((FoundDevice d) -> addressNumber(d.address()))
                .thenComparingInt(FoundDevice::port)
                .thenComparingInt(d -> d.unitId().orElse(-1))).toList();
    }

    private static long addressNumber(String address) {
        try {
            byte[] b = InetAddress.getByName(address).getAddress(); // an IPv4 literal from the scan: no lookup
            long n = 0;
            for (byte x : b) {
                n = (n << 8) | (x & 0xff);
            }
            return n;
        } catch (UnknownHostException e) {
            return Long.MAX_VALUE;
        }
    }

    /** "192.168.1.20:502  unit 126  modbus_tcp  SMA SB5.0-1AV-41 serial 3001234567  profile sma  (evidence)". */
    static String line(FoundDevice d) {
        String who = String.join(" ", d.manufacturer().orElse("unknown maker"), d.model().orElse(""))
                .strip() + d.serial().map(s -> " serial " + s).orElse("");
        String unit = d.unitId().isPresent() ? "unit " + d.unitId().getAsInt() : "";
        // No maker read is no verdict on the Zap's support: say what is unknown, and a port's guess as a guess.
        String profile = d.profile().map(p -> "profile " + p)
                .or(() -> FoundDeviceForm.guessByPort(d).map(p -> "profile unknown (port suggests " + p + ")"))
                .orElse(d.manufacturer().isPresent() ? "not supported by the Zap" : "profile unknown");
        return String.format(Locale.ROOT, "%-21s %-8s %-11s %s  %s  (%s)", d.address() + ":" + d.port(), unit,
                d.protocol(), who, profile, d.evidence());
    }

    /** The shape: {address, port, unit_id, protocol, manufacturer, model, serial, profile, evidence}. */
    static String json(List<FoundDevice> devices) {
        JsonArray array = new JsonArray();
        for (FoundDevice d : devices) {
            JsonObject o = new JsonObject();
            o.addProperty("address", d.address());
            o.addProperty("port", d.port());
            o.addProperty("unit_id", d.unitId().isPresent() ? d.unitId().getAsInt() : null);
            o.addProperty("protocol", d.protocol());
            o.addProperty("manufacturer", d.manufacturer().orElse(null));
            o.addProperty("model", d.model().orElse(null));
            o.addProperty("serial", d.serial().orElse(null));
            o.addProperty("profile", d.profile().orElse(null));
            o.addProperty("evidence", d.evidence());
            array.add(o);
        }
        // Nulls written out: "profile": null says the Zap has none, which a missing key would not.
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(array);
    }

    static String cutShort(Options o, List<Subnet> subnets, DeviceScanner.Report r) {
        long suggested = Math.max(o.timeout().toSeconds() * 3, 300);
        List<String> rerun = new ArrayList<>();
        o.subnets().forEach(s -> rerun.addAll(List.of("--subnet", s.toString())));
        rerun.addAll(List.of("--timeout", String.valueOf(suggested)));
        if (o.json()) {
            rerun.add("--json");
        }
        int total = subnets.stream().mapToInt(s -> s.hosts().size()).sum();
        return "Note: the scan of " + names(subnets) + " was cut short by --timeout " + seconds(o.timeout()) + ": "
                + r.hostsProbed() + " of " + DiscoverCommand.addresses(total) + " scanned; a device on an address not"
                + " scanned is missing. For the whole scan try: " + LaunchCommand.current() + " scan-devices "
                + String.join(" ", rerun);
    }

    /** What was tried, and what to check. */
    static String explain(List<Subnet> subnets, DeviceScanner.Report r) {
        String nl = System.lineSeparator();
        String ports = r.portsTried().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "No energy device found in " + seconds(r.took()) + "." + nl
                + "  scanned:   " + names(subnets) + ": " + DiscoverCommand.addresses(r.hostsProbed())
                + " on TCP ports " + ports + " (Modbus TCP, MQTT, Solarman V5 loggers)"
                + (r.cancelled() ? ", stopped early" : "") + nl
                + "Check:" + nl
                + "  - Is this computer on the site's network (the same router as the inverter, not a guest network)?"
                + nl
                + "  - Is Modbus TCP switched on in the inverter (often off by default; see its installer menu)?" + nl
                + "  - Is the device on another subnet? Name it: " + LaunchCommand.current()
                + " scan-devices --subnet 192.168.1.0/24" + nl;
    }

    private static String names(List<Subnet> subnets) {
        return subnets.stream().map(Subnet::toString).collect(Collectors.joining(", "));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
