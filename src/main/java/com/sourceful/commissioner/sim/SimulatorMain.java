package com.sourceful.commissioner.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns]
 * [--fault ENDPOINT=SPEC]... [--dead-mdns-record] [--no-crypto]}: runs a {@link ZapSimulator} and a
 * {@link NovacoreStandIn} until Ctrl-C. Prints URLs, the gateway serial and the faults set, never a token.
 */
public final class SimulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns]",
            "                                 [--fault ENDPOINT=SPEC]... [--dead-mdns-record] [--no-crypto]",
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
            "  --no-crypto        act as a firmware without GET /api/crypto (it answers 404)",
            "  --help             show this help");

    /** Parsed command line. */
    record Options(InetAddress host, int port, int novacorePort, boolean mdns, boolean help,
                   Map<String, ZapFault> faults, boolean deadMdnsRecord, boolean noCrypto) {
        Options(InetAddress host, int port, int novacorePort, boolean mdns, boolean help) {
            this(host, port, novacorePort, mdns, help, Map.of(), false, false);
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
            return run(args, System.out, System.err, stop);
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

    /** Testable core: runs until {@code stop} reaches zero, then closes both servers. */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
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
            zap = ZapSimulator.builder().bindAddress(o.host()).port(o.port()).announceMdns(o.mdns())
                    .noCrypto(o.noCrypto()).start();
            for (Map.Entry<String, ZapFault> f : o.faults().entrySet()) {
                zap.setFault(f.getKey(), f.getValue());
            }
            nova = NovacoreStandIn.start(o.host(), o.novacorePort(), Clock.systemUTC());
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
            out.println("Novacore stand-in: " + nova.baseUri() + "  (HS256 demo secret; 3 demo sites)");
            out.println("Press Ctrl-C to stop.");
            out.flush();
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
        boolean noCrypto = false;
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
                case "--no-crypto" -> {
                    if (value != null) {
                        throw new UsageException("--no-crypto takes no value");
                    }
                    noCrypto = true;
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
                noCrypto);
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
