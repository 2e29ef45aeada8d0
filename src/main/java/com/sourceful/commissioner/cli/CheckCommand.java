package com.sourceful.commissioner.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/** {@code zap-commissioner check HOST[:PORT]}: is there a Zap at this address, and how is it? */
public final class CheckCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner check HOST[:PORT]",
            "",
            "Asks the address for /api/system and /api/crypto and prints the Zap's identity and health.",
            "  HOST[:PORT]  the Zap's address, e.g. 192.168.1.20 or 192.168.1.20:8080 (port 80 if not given)",
            "  --help       show this help",
            "",
            "Exit status: 0 when a Zap answered, 1 when it is not a Zap or does not answer, 2 on a bad argument.");

    private CheckCommand() {
    }

    /** Entry point from {@code Main}. */
    public static int run(String[] args) {
        Args.quietLogging();
        return run(args, System.out, System.err, Clock.systemUTC());
    }

    /** Testable core; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        String target = null;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (a.startsWith("-")) {
                return usage(err, "unknown option '" + a + "'");
            }
            if (target != null) {
                return usage(err, "one address only; unexpected '" + a + "'");
            }
            target = a;
        }
        if (target == null) {
            return usage(err, "which address? e.g. check 192.168.1.20");
        }
        URI base;
        try {
            base = baseUri(target);
        } catch (IllegalArgumentException e) {
            return usage(err, "not an address: '" + target + "' (" + e.getMessage() + ")");
        }
        String where = base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
        try {
            FoundZap zap = ZapDiscovery.check(base, FoundZap.Source.TYPED, clock);
            out.println(describe(zap));
            out.flush();
            return 0;
        } catch (ZapException e) {
            err.println(why(where, e));
            err.flush();
            return 1;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("check: " + message);
        err.println(USAGE);
        return 2;
    }

    /** {@link #baseUri}, or a usage mistake that quotes the target and says what is wrong with it. */
    static URI zapAddress(String target) throws UsageException {
        try {
            return baseUri(target);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not an address: '" + target + "' (" + e.getMessage() + ")");
        }
    }

    /** HOST, HOST:PORT or [IPv6]:PORT as a base URI; IllegalArgumentException says what is wrong. */
    static URI baseUri(String target) {
        String t = target.strip();
        if (t.contains("://") || t.contains("/")) {
            throw new IllegalArgumentException("give HOST or HOST:PORT, without http:// or a path");
        }
        String host = t;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' after the IPv6 address");
            }
            host = t.substring(0, close + 1);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected :PORT after the IPv6 address");
                }
                port = rest.substring(1);
            }
        } else if (t.indexOf(':') >= 0) {
            if (t.indexOf(':') != t.lastIndexOf(':')) {
                throw new IllegalArgumentException("put an IPv6 address in brackets: [fe80::1]:80");
            }
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        }
        if (!host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.%a-zA-Z]+]")) {
            throw new IllegalArgumentException("not a host name or IP address");
        }
        if (port != null) {
            try {
                int p = Integer.parseInt(port);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port must be a number 1-65535");
            }
        }
        return ZapClient.baseUriOf(port == null ? host : host + ":" + port);
    }

    static String describe(FoundZap z) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Zap ").append(z.serial()).append(" at ").append(z.baseUri()).append(nl);
        sb.append("  firmware  ").append(z.firmwareVersion()).append(nl);
        sb.append("  Wi-Fi     ").append(z.ssid().map(s -> "\"" + s + "\"").orElse("not reported"));
        if (z.rssi().isPresent()) {
            sb.append(", RSSI ").append(z.rssi().getAsInt()).append(" dBm");
        }
        sb.append(nl);
        sb.append("  internet  ").append(z.internetConnected().map(c -> c ? "connected" : "NOT connected")
                .orElse("not reported")).append(nl);
        sb.append("  devices   ").append(z.deviceCount() < 0 ? "could not be listed" : String.valueOf(z.deviceCount()));
        return sb.toString();
    }

    static String why(String where, ZapException e) {
        String detail = e.serverMessage().map(m -> ": " + m).orElse("");
        return switch (e.kind()) {
            // The transport's detail for these two is an exception name, not words for a technician.
            case UNREACHABLE -> where + " does not answer: nothing accepts connections there"
                    + ". Check the address and port, that the Zap is powered, and that this computer is on its network.";
            case TIMEOUT -> where + " did not answer in time"
                    + ". A busy Zap may answer later; try again.";
            case NOT_A_ZAP -> where + " answers, but it is not a Zap" + detail + ".";
            case REJECTED -> where + " refused the request with HTTP " + e.status() + detail + ".";
            case BAD_RESPONSE -> where + " gave an unexpected answer" + detail + ".";
            case CONNECTION_LOST -> where + " began to answer, but the connection broke mid-answer" + detail
                    + ". Weak Wi-Fi can do this; try again.";
            case TOO_LARGE -> where + " sent an answer too large for a Zap" + detail + ".";
            case NOT_JSON -> where + " answered with a web page or other content, not the Zap API" + detail
                    + ". A Wi-Fi login page or a router may be answering instead of the Zap.";
        };
    }
}
