package com.sourceful.commissioner.cli;

import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.MdnsBrowser;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;

/**
 * {@code zap-commissioner discover [--timeout SECONDS] [--interface ADDRESS]... [--subnet CIDR]... [--port N] [--json]}:
 * runs every discovery source for a while and lists the confirmed Zaps, or explains why none were found.
 */
public final class DiscoverCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner discover [--timeout SECONDS] [--interface ADDRESS]... [--subnet CIDR]... [--port N] [--json]",
            "",
            "Looks for Zaps on the local network (mDNS, zap.local, and one sweep of the subnet, also when mDNS",
            "found some: a Zap may not announce itself) and lists them.",
            "  --timeout SECONDS   how long to look (default 5)",
            "  --interface ADDRESS browse mDNS on this IPv4 address of this computer (repeatable;",
            "                      default: every LAN interface)",
            "  --subnet CIDR       sweep this subnet, /24 or smaller, e.g. 192.168.1.0/24 (repeatable;",
            "                      swept at once; default: the /24 around each interface, swept after 2 s)",
            "  --port N            HTTP port of the Zaps (default 80)",
            "  --json              print a JSON array instead of a table",
            "  --help              show this help",
            "",
            "Exit status: 0 when at least one Zap was found, 1 when none, 2 on a bad argument.");

    static final Duration AUTO_SWEEP_AFTER = Duration.ofSeconds(2);
    static final Duration RECHECK_EVERY = Duration.ofSeconds(5);

    /** Parsed command line. */
    record Options(Duration timeout, List<InetAddress> interfaces, List<Subnet> subnets, int port, boolean json,
                   boolean help) {
    }

    private DiscoverCommand() {
    }

    /** Entry point from {@code Main}. */
    public static int run(String[] args) {
        Args.quietLogging();
        return run(args, System.out, System.err, Clock.systemUTC());
    }

    /** Testable core; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            err.println("discover: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help()) {
            out.println(USAGE);
            return 0;
        }
        ZapDiscovery.Options options = discoveryOptions(o);
        List<FoundZap> zaps;
        DiscoveryReport report;
        ZapDiscovery discovery = new ZapDiscovery(clock);
        try {
            discovery.start(options, zap -> { });
            if (!o.subnets().isEmpty()) {
                discovery.sweepNow(); // asked for: swept whatever mDNS finds meanwhile, from the start
            }
            try {
                Thread.sleep(o.timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            zaps = discovery.found().stream().filter(FoundZap::answering)
                    .sorted(Comparator.comparing(FoundZap::serial)).toList();
            report = discovery.report();
        } finally {
            discovery.close();
        }
        if (o.json()) {
            out.println(json(zaps));
        } else {
            zaps.forEach(z -> out.println(line(z)));
        }
        out.flush();
        String command = LaunchCommand.current();
        sweepCutShort(o, options, report, command).ifPresent(err::println);
        if (zaps.isEmpty()) {
            err.print(explain(o, options, report, command));
            err.flush();
            return 1;
        }
        return 0;
    }

    static Options parse(String[] args) throws UsageException {
        Duration timeout = Duration.ofSeconds(5);
        List<InetAddress> interfaces = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        int port = 80;
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
                case "--port" -> port = Args.port(a, o.value(args, ++i));
                case "--interface" -> interfaces.add(localAddress(o.value(args, ++i)));
                case "--subnet" -> subnets.add(Args.subnet(o.value(args, ++i)));
                default -> throw Args.unknown(a);
            }
        }
        return new Options(timeout, List.copyOf(interfaces), List.copyOf(subnets), port, json, help);
    }

    /** An IPv4 literal that belongs to this computer: jmDNS can only run on a local address. */
    private static InetAddress localAddress(String value) throws UsageException {
        Inet4Address a = Args.ipv4("--interface", value);
        try {
            if (NetworkInterface.getByInetAddress(a) == null) {
                throw new UsageException("--interface " + value + " is not an address of this computer");
            }
        } catch (SocketException e) {
            throw new UsageException("--interface " + value + ": cannot list the network interfaces (" + e.getMessage() + ")");
        }
        return a;
    }

    static ZapDiscovery.Options discoveryOptions(Options o) {
        List<InetAddress> interfaces = o.interfaces().isEmpty() ? MdnsBrowser.siteInterfaces() : o.interfaces();
        List<Subnet> subnets;
        if (!o.subnets().isEmpty()) {
            subnets = o.subnets();
        } else if (!o.interfaces().isEmpty()) {
            subnets = subnetsAround(o.interfaces());
        } else {
            subnets = ZapDiscovery.Options.defaults().sweepSubnets();
        }
        return new ZapDiscovery.Options(List.copyOf(interfaces), List.copyOf(subnets), o.port(), List.of(),
                Optional.empty(), AUTO_SWEEP_AFTER, RECHECK_EVERY);
    }

    /** The /24 (or narrower) around each given interface address, from its interface's prefix length. */
    static List<Subnet> subnetsAround(List<InetAddress> addresses) {
        List<Subnet> out = new ArrayList<>();
        for (InetAddress address : addresses) {
            int prefix = 24;
            try {
                NetworkInterface nif = NetworkInterface.getByInetAddress(address);
                if (nif != null) {
                    for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                        if (ia.getAddress().equals(address)) {
                            prefix = ia.getNetworkPrefixLength();
                        }
                    }
                }
            } catch (SocketException e) {
                // keep the /24 guess
            }
            Subnet s = Subnet.around(address, prefix);
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static String line(FoundZap z) {
        return String.format(Locale.ROOT, "%-20s %-22s firmware %-8s found by %s", z.serial(), hostPort(z.baseUri()),
                z.firmwareVersion(), sources(z));
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 80 : uri.getPort();
    }

    private static String sources(FoundZap z) {
        return EnumSet.copyOf(z.sources()).stream().map(DiscoverCommand::sourceName).collect(Collectors.joining(", "));
    }

    private static String sourceName(FoundZap.Source s) {
        return switch (s) {
            case MDNS -> "mDNS";
            case ZAP_LOCAL -> "zap.local";
            case TYPED -> "typed address";
            case RECENT -> "remembered address";
            case SWEEP -> "subnet sweep";
            case KNOWN -> "given address";
        };
    }

    static String json(List<FoundZap> zaps) {
        JsonArray array = new JsonArray();
        for (FoundZap z : zaps) {
            JsonObject o = new JsonObject();
            o.addProperty("serial", z.serial());
            o.addProperty("address", z.baseUri().getHost());
            o.addProperty("port", port(z.baseUri()));
            o.addProperty("firmware", z.firmwareVersion());
            JsonArray sources = new JsonArray();
            EnumSet.copyOf(z.sources()).forEach(s -> sources.add(s.name()));
            o.add("sources", sources);
            o.addProperty("answering", z.answering());
            array.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().create().toJson(array);
    }

    /**
     * Said when the sweep did not finish (or not start) within {@code --timeout}: a Zap on an address not probed yet
     * would be missing from the list without a word. Empty when the sweep finished or there was none to run.
     */
    static Optional<String> sweepCutShort(Options o, ZapDiscovery.Options options, DiscoveryReport r, String command) {
        if (options.sweepSubnets().isEmpty()) {
            return Optional.empty();
        }
        String subnets = options.sweepSubnets().stream().map(Subnet::toString).collect(Collectors.joining(", "));
        boolean started = !r.sweptSubnets().isEmpty();
        if (started && !r.sweepRunning() && r.addressesProbed() >= r.addressesToProbe()) {
            return Optional.empty();
        }
        long suggested = Math.max(o.timeout().toSeconds() * 3, 30);
        String what = started
                ? "the sweep of " + subnets + " was cut short by --timeout " + seconds(o.timeout()) + ": "
                        + r.addressesProbed() + " of " + addresses(r.addressesToProbe()) + " probed"
                : "the sweep of " + subnets + " had not started when --timeout " + seconds(o.timeout())
                        + " ended (it starts after " + seconds(AUTO_SWEEP_AFTER) + ")";
        return Optional.of("Note: " + what + "; a Zap on an address not probed is missing. For the whole sweep try: "
                + command + " discover " + String.join(" ", rerunArgs(o, suggested)));
    }

    /** The options as given, with a longer timeout. */
    private static List<String> rerunArgs(Options o, long timeoutSeconds) {
        List<String> args = new ArrayList<>();
        o.interfaces().forEach(a -> args.addAll(List.of("--interface", a.getHostAddress())));
        o.subnets().forEach(s -> args.addAll(List.of("--subnet", s.toString())));
        if (o.port() != 80) {
            args.addAll(List.of("--port", String.valueOf(o.port())));
        }
        args.addAll(List.of("--timeout", String.valueOf(timeoutSeconds)));
        if (o.json()) {
            args.add("--json");
        }
        return args;
    }

    /** "1 address" / "3 addresses": how every line counts addresses. */
    static String addresses(int n) {
        return n + (n == 1 ? " address" : " addresses");
    }

    /** Why nothing was found, from everything discovery tried, and what to check, naming the command as run. */
    static String explain(Options o, ZapDiscovery.Options options, DiscoveryReport r) {
        return explain(o, options, r, LaunchCommand.current());
    }

    static String explain(Options o, ZapDiscovery.Options options, DiscoveryReport r, String command) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("No Zap found in ").append(seconds(o.timeout())).append('.').append(nl);
        if (r.mdnsInterfaces().isEmpty()) {
            sb.append("  mDNS:      no network interface to browse on (no LAN interface is up)").append(nl);
        } else {
            sb.append("  mDNS:      browsed _http._tcp on ").append(String.join(", ", r.mdnsInterfaces()))
                    .append(r.multicastSent() ? " (queries sent, no Zap answered)"
                            : " (could not start: no multicast query was sent)").append(nl);
        }
        sb.append("  zap.local: ").append(r.zapLocalAnswered()
                .map(answered -> answered ? "answered, but the address was not a Zap" : "no answer")
                .orElse("not tried")).append(nl);
        if (r.sweptSubnets().isEmpty()) {
            sb.append("  sweep:     no subnet to sweep").append(nl);
        } else if (r.addressesToProbe() == 0 && r.addressesProbed() == 0) {
            sb.append("  sweep:     ").append(String.join(", ", r.sweptSubnets()))
                    .append(" not swept (no addresses probed)").append(nl);
        } else {
            sb.append("  sweep:     ").append(String.join(", ", r.sweptSubnets())).append(": ")
                    .append(r.addressesProbed()).append(" of ").append(addresses(r.addressesToProbe()))
                    .append(" probed on port ").append(options.port())
                    .append(r.sweepRunning() ? " (stopped at the timeout)" : "").append(nl);
        }
        for (DiscoveryReport.UnansweredMdns record : r.unansweredMdns()) {
            sb.append("  mDNS:      ").append(record.instanceName()).append(" was announced at ").append(record.address())
                    .append(", but nothing answered there as a Zap (").append(switch (record.problem()) {
                        case UNREACHABLE -> "nothing accepts connections there";
                        case TIMEOUT -> "no answer in time";
                        case REJECTED -> "it answered HTTP " + record.status();
                        default -> "the connection broke";
                    }).append("); the Zap may be restarting or have moved to another address").append(nl);
        }
        // Counted once, over every source (mDNS, zap.local, sweep), by address: the other lines do not count them.
        sb.append("  rejected:  ").append(addresses(r.candidatesRejected()))
                .append(r.candidatesRejected() == 1 ? " answered but is not a Zap" : " answered but are not Zaps")
                .append(nl);
        sb.append("Check:").append(nl);
        sb.append("  - Is this computer on the same network as the Zap (the same router, not mobile data or a VPN)?").append(nl);
        sb.append("  - A guest network usually has client isolation: devices cannot see each other. Use the main network.").append(nl);
        sb.append("  - Windows: is the network profile Public? Public blocks discovery; set it to Private.").append(nl);
        sb.append("  - Does the Zap use another port? Try --port. Do you know its address? Try: ").append(command)
                .append(" check HOST").append(nl);
        if (r.multicastSent() || r.mdnsInterfaces().isEmpty()) {
            sb.append("  - Try a longer --timeout, or name the interface with --interface ADDRESS: ").append(command)
                    .append(" discover --timeout 30 --interface ADDRESS").append(nl);
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
