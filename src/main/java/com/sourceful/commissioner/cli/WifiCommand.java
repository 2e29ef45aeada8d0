package com.sourceful.commissioner.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.wifi.RssiVerdict;
import com.sourceful.commissioner.wifi.Sleeper;
import com.sourceful.commissioner.wifi.WifiScan;
import com.sourceful.commissioner.wifi.ZapFollower;
import com.sourceful.commissioner.zap.WifiNetwork;
import com.sourceful.commissioner.zap.WifiStatus;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapSystem;

/**
 * {@code zap-commissioner wifi HOST[:PORT] [--scan | --join SSID]}: a Zap's Wi-Fi from the command line. The password
 * of {@code --join} is read from standard input (a prompt without echo on a terminal), never from an argument.
 */
public final class WifiCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner wifi HOST[:PORT] [--scan | --join SSID] [--timeout SECONDS]",
            "                             [--interface ADDRESS]... [--subnet CIDR]... [--port N]",
            "",
            "Shows the Zap's Wi-Fi network and signal (good, fair, or weak below -75 dBm), scans, or joins a network.",
            "  HOST[:PORT]         the Zap's address now, e.g. 192.168.4.1 (port 80 if not given)",
            "  --scan              scan and list the networks the Zap hears, strongest first",
            "  --join SSID         join SSID; the password is read from standard input (one line; empty for an",
            "                      open network), then the Zap is followed by its serial to its new address",
            "  --timeout SECONDS   how long to follow the Zap after --join (default 60)",
            "  --interface ADDRESS look for it by mDNS on this IPv4 address of this computer (repeatable;",
            "                      default: every LAN interface)",
            "  --subnet CIDR       sweep this subnet for it, /24 or smaller (repeatable; default: around each",
            "                      interface)",
            "  --port N            the port it answers on after the move (default: the port of HOST[:PORT])",
            "  --help              show this help",
            "",
            "Exit status: 0 when done (after --join: the Zap answers on the new network), 1 when the Zap does not",
            "answer or is not found on the new network in time, 2 on a bad argument.");

    /** Parsed command line. */
    record Options(String target, boolean scan, Optional<String> join, Duration timeout, List<InetAddress> interfaces,
                   List<Subnet> subnets, OptionalInt port, boolean help) {
    }

    private WifiCommand() {
    }

    /** Entry point from {@code Main}. */
    public static int run(String[] args) {
        Args.quietLogging();
        return run(args, new InputStreamReader(System.in, StandardCharsets.UTF_8), System.console(), System.out,
                System.err, Clock.systemUTC(), Sleeper.REAL);
    }

    /** Testable core; {@code console} (may be null) is used for the password when there is one. */
    static int run(String[] args, Reader in, Console console, PrintStream out, PrintStream err, Clock clock,
                   Sleeper sleeper) {
        Options o;
        URI base;
        try {
            o = parse(args);
            if (o.help()) {
                out.println(USAGE);
                return 0;
            }
            base = CheckCommand.zapAddress(o.target());
        } catch (UsageException e) {
            err.println("wifi: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String where = base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
        try (ZapClient zap = new ZapClient(base)) {
            if (o.scan()) {
                return scan(zap, out, err, clock, sleeper);
            }
            if (o.join().isPresent()) {
                char[] psk = readPassword(in, console, o.join().get());
                try {
                    return join(zap, o, base, psk, out, err, clock);
                } finally {
                    Arrays.fill(psk, '\0');
                }
            }
            out.println(describe(zap.system()));
            out.flush();
            return 0;
        } catch (ZapException e) {
            err.println(CheckCommand.why(where, e));
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("wifi: could not read the password from standard input: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("wifi: interrupted");
            return 1;
        }
    }

    static Options parse(String[] args) throws UsageException {
        String target = null;
        boolean scan = false;
        Optional<String> join = Optional.empty();
        Duration timeout = ZapFollower.DEFAULT_TIMEOUT;
        List<InetAddress> interfaces = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        OptionalInt port = OptionalInt.empty();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--scan" -> scan = true;
                case "--join" -> {
                    if (join.isPresent()) {
                        throw new UsageException("one --join only");
                    }
                    String ssid = Args.value(args, ++i, a);
                    if (ssid.isEmpty() || ssid.getBytes(StandardCharsets.UTF_8).length > 32) {
                        throw new UsageException("--join needs a network name of 1 to 32 bytes");
                    }
                    join = Optional.of(ssid);
                }
                case "--timeout" -> timeout = Args.timeoutSeconds(Args.value(args, ++i, a));
                case "--port" -> port = OptionalInt.of(Args.port(a, Args.value(args, ++i, a)));
                case "--interface" -> interfaces.add(DiscoverCommand.parse(new String[] {a, Args.value(args, ++i, a)})
                        .interfaces().get(0));
                case "--subnet" -> subnets.addAll(DiscoverCommand.parse(new String[] {a, Args.value(args, ++i, a)})
                        .subnets());
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    if (target != null) {
                        throw new UsageException("one address only; unexpected '" + a + "'");
                    }
                    target = a;
                }
            }
        }
        if (help) {
            return new Options(target, scan, join, timeout, interfaces, subnets, port, true);
        }
        if (target == null) {
            throw new UsageException("which Zap? e.g. wifi 192.168.4.1");
        }
        if (scan && join.isPresent()) {
            throw new UsageException("--scan or --join, not both");
        }
        return new Options(target, scan, join, timeout, List.copyOf(interfaces), List.copyOf(subnets), port, false);
    }

    /** One line of standard input (or a prompt without echo on a terminal), without its line end. */
    static char[] readPassword(Reader in, Console console, String ssid) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("Wi-Fi password for \"%s\" (empty for an open network): ", ssid);
            return typed == null ? new char[0] : typed;
        }
        char[] buffer = new char[64];
        int n = 0;
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (n == buffer.length) {
                char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                Arrays.fill(buffer, '\0');
                buffer = bigger;
            }
            buffer[n++] = (char) c;
        }
        if (n > 0 && buffer[n - 1] == '\r') {
            n--;
        }
        char[] out = Arrays.copyOf(buffer, n);
        Arrays.fill(buffer, '\0');
        return out;
    }

    private static int scan(ZapClient zap, PrintStream out, PrintStream err, Clock clock, Sleeper sleeper)
            throws ZapException, InterruptedException {
        WifiScan.Result r = new WifiScan(clock, sleeper).run(zap, WifiScan.DEFAULT_TIMEOUT);
        for (WifiNetwork n : r.networks()) {
            boolean current = r.connectedSsid().map(n.ssid()::equals).orElse(false);
            out.println(String.format(Locale.ROOT, "%s %4d dBm  %-4s  %-9s  %s", current ? "*" : " ", n.rssi(),
                    RssiVerdict.of(n.rssi()).word(), n.auth().isEmpty() ? "?" : n.auth(), quoted(n.ssid())));
        }
        out.flush();
        if (!r.fresh()) {
            err.println(r.networks().isEmpty() ? "The Zap heard no networks within "
                    + WifiScan.DEFAULT_TIMEOUT.toSeconds() + " s of scanning."
                    : "No new scan results came within " + WifiScan.DEFAULT_TIMEOUT.toSeconds()
                            + " s; these are the Zap's earlier ones.");
            err.flush();
        }
        return r.networks().isEmpty() ? 1 : 0;
    }

    private static int join(ZapClient zap, Options o, URI base, char[] psk, PrintStream out, PrintStream err,
                            Clock clock) throws ZapException, InterruptedException {
        String ssid = o.join().orElseThrow();
        ZapSystem before = zap.system();
        String serial = zap.identityOrDeviceId(before).serialNumber();
        // How the Zap last heard the network (no new scan: the technician may have just run one).
        WifiStatus heard = zap.wifi();
        Optional<WifiNetwork> network = WifiScan.strongestFirst(heard.networks()).stream()
                .filter(n -> n.ssid().equals(ssid)).findFirst();
        boolean open = network.map(WifiNetwork::open).orElse(psk.length == 0);
        zap.joinWifi(ssid, psk);
        out.println("Zap " + serial + " is joining " + quoted(ssid) + "; following it by its serial for up to "
                + o.timeout().toSeconds() + " s...");
        out.flush();
        int port = o.port().orElse(base.getPort() == -1 ? 80 : base.getPort());
        DiscoverCommand.Options d = new DiscoverCommand.Options(o.timeout(), o.interfaces(), o.subnets(), port, false,
                false);
        ZapDiscovery.Options where = DiscoverCommand.discoveryOptions(d);
        ZapFollower follower = new ZapFollower(clock, where, ZapFollower.DEFAULT_ROUND);
        ZapFollower.Target target = new ZapFollower.Target(serial, base, before.localIp(), ssid,
                network.map(n -> OptionalInt.of(n.rssi())).orElse(OptionalInt.empty()), open);
        ZapFollower.Result result = follower.follow(target, o.timeout());
        if (result.arrived()) {
            FoundZap z = result.found().orElseThrow();
            String signal = z.rssi().isPresent() ? ", RSSI " + z.rssi().getAsInt() + " dBm ("
                    + RssiVerdict.of(z.rssi().getAsInt()).word() + ")" : "";
            out.println("Zap " + serial + " answers on " + quoted(ssid) + " at " + z.address() + signal + ".");
            out.flush();
            return 0;
        }
        err.println("Zap " + serial + " did not answer on " + quoted(ssid) + " within " + o.timeout().toSeconds()
                + " s. Check:");
        for (ZapFollower.Hint h : result.check()) {
            err.println("  - " + hint(h, ssid));
        }
        err.flush();
        return 1;
    }

    static String hint(ZapFollower.Hint h, String ssid) {
        return switch (h) {
            case WRONG_PASSWORD -> "the password: a Zap accepts any and only then finds out it is wrong; "
                    + "reach it on its own network again and join once more";
            case OUT_OF_RANGE -> "the signal: " + quoted(ssid) + " may be out of the Zap's range where it is "
                    + "(weaker than -75 dBm, or not heard in its last scan); move it or the access point closer";
            case LAPTOP_ON_OTHER_NETWORK -> "this computer: it must be on " + quoted(ssid)
                    + " too (not a guest network or VPN) to find the Zap there";
        };
    }

    static String describe(ZapSystem s) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Zap ").append(s.deviceId()).append(nl);
        boolean connected = s.wifiConnected().orElse(s.ssid().isPresent());
        sb.append("  Wi-Fi     ").append(connected ? s.ssid().map(WifiCommand::quoted).orElse("connected")
                : "not connected").append(nl);
        if (s.rssi().isPresent()) {
            int rssi = s.rssi().getAsInt();
            sb.append("  signal    ").append(rssi).append(" dBm, ").append(RssiVerdict.of(rssi).word()).append(nl);
        }
        s.localIp().ifPresent(ip -> sb.append("  address   ").append(ip).append(nl));
        sb.append("  internet  ").append(s.internetConnected().map(c -> c ? "yes" : "no").orElse("not reported"));
        return sb.toString();
    }

    private static String quoted(String ssid) {
        return "\"" + ssid + "\"";
    }
}
