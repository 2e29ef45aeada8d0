package com.sourceful.commissioner;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Application;
import javafx.application.Platform;

import com.sourceful.commissioner.cli.CheckCommand;
import com.sourceful.commissioner.cli.ClaimCommand;
import com.sourceful.commissioner.cli.DiscoverCommand;
import com.sourceful.commissioner.cli.ScanDevicesCommand;
import com.sourceful.commissioner.cli.WifiCommand;
import com.sourceful.commissioner.discovery.RecentZaps;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.files.SingleInstance;
import com.sourceful.commissioner.files.SingleInstance.ShowAnswer;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.report.AppLog;
import com.sourceful.commissioner.sim.SimulatorMain;
import com.sourceful.commissioner.ui.app.AlreadyOpenNotice;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Preferences;
import com.sourceful.commissioner.ui.common.ThemeChoice;
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
              zap-commissioner [--demo] [--lang en|sv] [--theme system|light|dark] [--zap HOST[:PORT]]... [--mdns-interface ADDRESS]... [--novacore URL]
              zap-commissioner simulate [--port N] [--host ADDRESS] [--novacore-port M] [--no-mdns] [--fault ENDPOINT=SPEC]...
                                        [--dead-mdns-record] [--no-crypto] [--extra-load W@Ln]... [--reversed-ct] [--time-scale N]
              zap-commissioner discover [--timeout SECONDS] [--interface ADDRESS] [--subnet CIDR] [--port N] [--json]
              zap-commissioner scan-devices [--subnet CIDR]... [--timeout SECONDS] [--json]
              zap-commissioner check HOST[:PORT]
              zap-commissioner claim HOST[:PORT] --novacore URL --org ORG [--token-file FILE]
              zap-commissioner wifi HOST[:PORT] [--scan | --join SSID]   (password from standard input)

              --demo               start a simulated Zap and Novacore on this computer and use them
              --lang en|sv         show the app in English or Swedish (default: the language chosen in the
                                   app, else the OS language: Swedish when it is Swedish, else English)
              --theme T            system (as the OS is set), light or dark (default: the theme chosen in
                                   the app, else system)
              --zap HOST[:PORT]    also check this address for a Zap at start
              --mdns-interface A   browse mDNS on this local address only (default: every LAN interface)
              --novacore URL       use this Novacore base URL (https, or http on loopback)
              --startup-probe      with --demo only: print the time from JVM start to the first rendered
                                   frame of the wizard, then exit (the start-up benchmark uses it)

            One app per user: a start while it is open brings that window to the front (or says the app is
            open) and exits with status 3.
            """;

    /** The exit status of a start refused because the app is open already for this user. */
    static final int ALREADY_OPEN = 3;
    /** Held until the process ends; a collected channel would release the lock. */
    private static volatile SingleInstance instanceLock;

    /**
     * Takes the one-app-per-user lock in the settings folder, before anything there is touched: a second app would
     * clear the first one's outbox files in progress. False when another app holds it: that app is asked to show its
     * window, and when it does not, a notice says the app is open (started from an icon, a terminal line is seen by
     * no one). True, logged, when the lock cannot be taken at all (a read-only home): refusing to start there would
     * help no one.
     */
    static boolean singleInstance(String[] args) {
        Path folder = RecentZaps.defaultFile().getParent();
        try {
            Optional<SingleInstance> lock = SingleInstance.tryAcquire(folder);
            if (lock.isEmpty()) {
                ShowAnswer answer = SingleInstance.askToShow(folder);
                System.err.println("Zap Commissioner is already open for this user: "
                        + (answer == ShowAnswer.SHOWN ? "its window is brought to the front."
                        : "use its window (it did not answer: " + answer + "). " + folder + File.separator
                        + SingleInstance.FILE_NAME + " is held by it."));
                if (answer != ShowAnswer.SHOWN) {
                    showAlreadyOpenNotice(args, answer);
                }
                return false;
            }
            instanceLock = lock.get();
            instanceLock.answerShowRequests(App::showWindow);
        } catch (IOException | RuntimeException e) {
            System.err.println("Starting without the one-app check (or without showing this window to a second "
                    + "start): " + e);
        }
        return true;
    }

    /** In the language and theme the open app uses (read, not written: the settings belong to that app). */
    private static void showAlreadyOpenNotice(String[] args, ShowAnswer answer) {
        try {
            Preferences.Values saved = Preferences.load(Preferences.defaultFile());
            Optional<String> lang;
            try {
                lang = language(args).or(saved::language);
            } catch (IllegalArgumentException e) {
                lang = saved.language();
            }
            lang.ifPresent(Messages::setLanguage);
            AlreadyOpenNotice.showAndWait(answer,
                    AppTheme.isDark(saved.theme().orElse(ThemeChoice.SYSTEM), saved.osDark()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // No display (a terminal over SSH): the line on standard error has said it.
        }
    }

    public static void main(String[] args) {
        // Before any logger exists: HttpClient's header and wire loggers would print the token at debug level.
        AppLog.silenceHttpWireLoggers();
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(SimulatorMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("discover")) {
            System.exit(DiscoverCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("scan-devices")) {
            System.exit(ScanDevicesCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("claim")) {
            System.exit(ClaimCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("wifi")) {
            System.exit(WifiCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        if (!singleInstance(args)) {
            System.exit(ALREADY_OPEN);
            return;
        }
        // The app's log also goes to a capped file in the OS's log folder (for support bundles); the file opens with
        // the first line logged, so nothing here costs start-up time.
        AppLog.teeStandardError(AppLog.defaultFile(), AppLog.MAX_BYTES);
        boolean probe = Arrays.asList(args).contains("--startup-probe");
        if (probe && !Arrays.asList(args).contains("--demo")) {
            // The probe is for benchmarks: it must never browse the real network.
            System.err.println("--startup-probe runs in demo mode only: add --demo");
            System.exit(2);
            return;
        }
        try {
            // --lang, else the choice saved in the app, else the OS language. The settings are one small file.
            Path preference = Preferences.defaultFile();
            Preferences.Values saved = Preferences.load(preference);
            language(args).or(saved::language).ifPresent(lang -> {
                Messages.setLanguage(lang);
                // JavaFX's own texts (dialog buttons, context menus) and number formats follow the default locale.
                if (!lang.equals(Locale.getDefault().getLanguage())) {
                    Locale.setDefault(Messages.locale());
                }
            });
            // --theme, else the choice saved in the app, else as the OS is set (asked now, in the background).
            // The file first: the OS check's thread saves its answer there.
            Preferences.useFile(preference);
            AppTheme.startEarly(theme(args).or(saved::theme).orElse(ThemeChoice.SYSTEM), saved.osDark());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (Arrays.asList(args).contains("--demo")) {
            // The window shows first; the simulators start once it has drawn its first frame (the Find step says so).
            // Closed with the window; if it closes while they still start, System.exit below ends them.
            AtomicReference<DemoEnvironment> demo = new AtomicReference<>();
            App.prepareLater(true, () -> {
                demo.set(DemoEnvironment.start());
                return demo.get().config();
            }, () -> {
                DemoEnvironment started = demo.get();
                if (started != null) {
                    started.close();
                }
            }, probe);
        } else {
            AppConfig config;
            try {
                config = parse(args, System.err);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.err.print(USAGE);
                System.exit(2);
                return;
            }
            App.prepare(config, () -> { });
        }
        closeOnTerminate();
        Application.launch(App.class, args);
        closeInstanceLock();
        System.exit(0);
    }

    /** The window is gone: no door left for a next start to knock on (the OS would drop the lock anyway). */
    private static void closeInstanceLock() {
        SingleInstance lock = instanceLock;
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not close the one-app lock: " + e);
            }
        }
    }

    /**
     * SIGTERM (logging out, {@code kill}, a service manager) and SIGINT (Ctrl+C in the terminal that started it) close
     * the window as its close button does: {@code App.stop} runs and closes jmDNS, the outbox watch and the demo's
     * simulators. Left to the JVM's shutdown hooks, JavaFX's renderer could stop under a running pulse and print a
     * RejectedExecutionException. Should the close hang, the process still ends after 10 s, with the usual status of
     * a process ended by that signal.
     */
    @SuppressWarnings("removal")
    private static void closeOnTerminate() {
        for (String name : List.of("TERM", "INT")) {
            int statusIfHung = 128 + (name.equals("TERM") ? 15 : 2);
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    Thread watchdog = new Thread(() -> {
                        try {
                            Thread.sleep(10_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                        Runtime.getRuntime().halt(statusIfHung);
                    }, "terminate-watchdog");
                    watchdog.setDaemon(true);
                    watchdog.start();
                    Platform.exit();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
                // This OS has no such signal (or the JVM keeps it): the default handling stays.
            }
        }
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
                case "--lang" -> value(args, ++i, a); // validated and applied by language(args)
                case "--theme" -> value(args, ++i, a); // validated and applied by theme(args)
                case "--novacore" -> novacore = Optional.of(NovacoreEnvironment.checkBaseUri(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("Unknown option: " + a);
            }
        }
        ZapDiscovery.Options defaults = ZapDiscovery.Options.defaults();
        ZapDiscovery.Options discovery = new ZapDiscovery.Options(
                interfaces.isEmpty() ? defaults.mdnsInterfaces() : List.copyOf(interfaces), defaults.sweepSubnets(),
                defaults.port(), List.copyOf(zaps), defaults.recent(), defaults.autoSweepAfter(), defaults.recheckEvery());
        return new AppConfig(false, discovery, novacore, Optional.empty()).withVisitsIn(VisitStore.defaultFolder());
    }

    /** The {@code --lang} value, if given; an unknown language is an {@link IllegalArgumentException}. */
    static Optional<String> language(String[] args) {
        Optional<String> lang = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang")) {
                String v = value(args, ++i, "--lang");
                lang = Optional.of(Messages.parseLanguage(v).orElseThrow(() -> new IllegalArgumentException(
                        "--lang: unknown language \"" + v + "\": use en (English) or sv (Swedish)")));
            }
        }
        return lang;
    }

    /** The {@code --theme} value, if given; an unknown one is an {@link IllegalArgumentException}. */
    static Optional<ThemeChoice> theme(String[] args) {
        Optional<ThemeChoice> theme = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--theme")) {
                String v = value(args, ++i, "--theme");
                theme = Optional.of(ThemeChoice.parse(v).orElseThrow(() -> new IllegalArgumentException(
                        "--theme: unknown theme \"" + v + "\": use system, light or dark")));
            }
        }
        return theme;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
