package com.sourceful.commissioner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;

import com.sourceful.commissioner.cli.CheckCommand;
import com.sourceful.commissioner.cli.DiscoverCommand;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.sim.SimulatorMain;
import com.sourceful.commissioner.ui.App;
import com.sourceful.commissioner.ui.AppConfig;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * Entry point. Not an {@link Application} itself: a JavaFX application started from a plain jar (JavaFX on the
 * class path) must be launched from a class that does not extend it.
 */
public final class Main {

    private Main() {
    }

    static final String USAGE = """
            Usage:
              zap-commissioner [--demo] [--zap HOST[:PORT]]... [--mdns-interface ADDRESS]... [--novacore URL]
              zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns] [--fault ENDPOINT=SPEC]... [--dead-mdns-record]
              zap-commissioner discover [--timeout SECONDS] [--interface ADDRESS] [--subnet CIDR] [--port N] [--json]
              zap-commissioner check HOST[:PORT]

              --demo               start a simulated Zap and Novacore on this computer and use them
              --zap HOST[:PORT]    also check this address for a Zap at start
              --mdns-interface A   browse mDNS on this local address only (default: every LAN interface)
              --novacore URL       use this Novacore base URL (https, or http on loopback)
            """;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(SimulatorMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("discover")) {
            System.exit(DiscoverCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        AppConfig config;
        DemoEnvironment demo = null;
        try {
            if (Arrays.asList(args).contains("--demo")) {
                demo = DemoEnvironment.start();
                config = demo.config();
            } else {
                config = parse(args, System.err);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("Could not start the demo simulators: " + e.getMessage());
            System.exit(1);
            return;
        }
        DemoEnvironment toClose = demo;
        App.prepare(config, () -> {
            if (toClose != null) {
                toClose.close();
            }
        });
        Application.launch(App.class, args);
        System.exit(0);
    }

    static AppConfig parse(String[] args, PrintStream err) {
        List<URI> zaps = new ArrayList<>();
        List<InetAddress> interfaces = new ArrayList<>();
        Optional<URI> novacore = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--zap" -> zaps.add(ZapClient.baseUriOf(value(args, ++i, a)));
                case "--mdns-interface" -> {
                    String address = value(args, ++i, a);
                    try {
                        interfaces.add(InetAddress.getByName(address));
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException("--mdns-interface: not an address: " + address);
                    }
                }
                case "--novacore" -> novacore = Optional.of(NovacoreEnvironment.checkBaseUri(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("Unknown option: " + a);
            }
        }
        ZapDiscovery.Options defaults = ZapDiscovery.Options.defaults();
        ZapDiscovery.Options discovery = new ZapDiscovery.Options(
                interfaces.isEmpty() ? defaults.mdnsInterfaces() : List.copyOf(interfaces), defaults.sweepSubnets(),
                defaults.port(), List.copyOf(zaps), defaults.recent(), defaults.autoSweepAfter(), defaults.recheckEvery());
        return new AppConfig(false, discovery, novacore, Optional.empty());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
