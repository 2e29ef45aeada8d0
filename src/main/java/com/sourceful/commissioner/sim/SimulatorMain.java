package com.sourceful.commissioner.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns]}: runs a
 * {@link ZapSimulator} and a {@link NovacoreStandIn} until Ctrl-C. Prints URLs and the gateway serial, never a token.
 */
public final class SimulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns]",
            "",
            "Runs a simulated Zap gateway and a Novacore stand-in until Ctrl-C.",
            "  --port N           Zap simulator HTTP port (default 8080, 0 = any free port)",
            "  --host ADDRESS     IP address to bind both servers to (default 127.0.0.1)",
            "  --novacore-port M  Novacore stand-in HTTP port (default 8081, 0 = any free port)",
            "  --no-mdns          do not announce the Zap as zap-<hex>._http._tcp.local.",
            "  --help             show this help");

    /** Parsed command line. */
    record Options(InetAddress host, int port, int novacorePort, boolean mdns, boolean help) {
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
        try {
            zap = ZapSimulator.builder().bindAddress(o.host()).port(o.port()).announceMdns(o.mdns()).start();
            nova = NovacoreStandIn.start(o.host(), o.novacorePort(), Clock.systemUTC());
            out.println("Zap simulator:     " + zap.baseUri() + "  (serial " + zap.serial() + ")");
            if (o.mdns()) {
                out.println("  mDNS:            " + zap.mdnsInstanceName() + "." + ZapSimulator.MDNS_TYPE);
            }
            out.println("  unreachable rule: Modbus/MQTT addresses in 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 never answer; 127.x:port answers only if something listens");
            out.println("Novacore stand-in: " + nova.baseUri() + "  (HS256 demo secret; 3 demo sites)");
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stop.await();
            return 0;
        } catch (IOException e) {
            err.println("simulate: cannot start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
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
        return new Options(host, port, novacorePort, mdns, help);
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
