package com.sourceful.commissioner.ui;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: one window, the wizard. Started through {@code Main} (see there why). */
public final class App extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** Set by {@code Main} before launch, or given directly by tests. */
    private static volatile AppConfig pendingConfig;
    private static volatile Callable<AppConfig> pendingLaterConfig;
    private static volatile boolean pendingDemo;
    private static volatile Runnable pendingOnExit = () -> { };
    private static volatile boolean pendingStartupProbe;

    private final boolean demo;
    /** The configuration, when it is known at once; else {@link #laterConfig} makes it. */
    private final AppConfig config;
    private final Callable<AppConfig> laterConfig;
    private final Runnable onExit;
    private final boolean startupProbe;
    private final AppTuning tuning;
    private AppContext context;

    public App() {
        this(pendingDemo, pendingConfig, pendingLaterConfig, pendingOnExit, pendingStartupProbe, AppTuning.defaults());
        if (config == null && laterConfig == null) {
            throw new IllegalStateException("Main sets the configuration before launch");
        }
    }

    public App(AppConfig config, Runnable onExit) {
        this(config, onExit, AppTuning.defaults());
    }

    /** With other timeouts and poll period: tests of slow or broken Zaps. */
    public App(AppConfig config, Runnable onExit, AppTuning tuning) {
        this(config.demo(), Objects.requireNonNull(config), null, onExit, false, tuning);
    }

    /**
     * A configuration that takes time to make (demo mode starts its simulators): the window shows first, and
     * {@code config} runs in the background once its first frame is drawn; the Find step says it is starting.
     */
    public App(boolean demo, Callable<AppConfig> config, Runnable onExit) {
        this(demo, null, Objects.requireNonNull(config), onExit, false, AppTuning.defaults());
    }

    private App(boolean demo, AppConfig config, Callable<AppConfig> laterConfig, Runnable onExit,
                boolean startupProbe, AppTuning tuning) {
        this.demo = demo;
        this.config = config;
        this.laterConfig = laterConfig;
        this.onExit = onExit;
        this.startupProbe = startupProbe;
        this.tuning = tuning;
    }

    /** For {@code Application.launch}, which constructs the class itself. */
    public static void prepare(AppConfig config, Runnable onExit) {
        set(config.demo(), Objects.requireNonNull(config), null, onExit, false);
    }

    /**
     * As {@link #App(boolean, Callable, Runnable)}, for {@code Application.launch}; with {@code startupProbe} the app
     * prints the time from JVM start to its first rendered frame (see {@link StartupProbe}) and exits.
     */
    public static void prepareLater(boolean demo, Callable<AppConfig> config, Runnable onExit, boolean startupProbe) {
        set(demo, null, Objects.requireNonNull(config), onExit, startupProbe);
    }

    private static void set(boolean demo, AppConfig config, Callable<AppConfig> later, Runnable onExit,
                            boolean startupProbe) {
        pendingDemo = demo;
        pendingConfig = config;
        pendingLaterConfig = later;
        pendingOnExit = onExit;
        pendingStartupProbe = startupProbe;
    }

    /** Shows the wizard; step views other than Find load when first shown. */
    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        CompletableFuture<AppConfig> configured = config != null ? CompletableFuture.completedFuture(config)
                : new CompletableFuture<>();
        AppContext ctx = new AppContext(configured, demo, Tasks.fx(), Clock.systemDefaultZone(), tuning);
        context = ctx;
        Parent root = ctx.load(FxmlView.WIZARD);
        Scene scene = new Scene(root, 1040, 800);
        scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.title") + (demo ? " — " + Messages.get("wizard.demo") : ""));
        stage.setMinWidth(820);
        stage.setMinHeight(600);
        if (config == null) {
            // What can wait for the first frame waits: the demo's simulators, and with them the search and the outbox.
            StartupProbe.afterFirstFrame(scene, () -> ctx.tasks().run(laterConfig, ready -> {
                LOG.info("Started ({})", ready);
                configured.complete(ready);
            }, e -> {
                LOG.error("Could not start: {}", e.toString());
                configured.completeExceptionally(e);
            }));
        } else {
            LOG.info("Started ({})", config);
        }
        if (startupProbe) {
            StartupProbe.whenFirstFrameRendered(scene, result -> {
                System.out.println(result.line());
                System.out.flush();
                System.exit(0);
            });
        }
        stage.show();
        ctx.wizard().start();
        // Requests saved while Novacore was out of reach go out by themselves once it answers and a token is there.
        ctx.provision().watchOutbox(java.time.Duration.ofSeconds(30));
        announceBackgroundEvents(ctx, stage);
    }

    /** What happens behind the technician's back is said in a corner of the window, once per change. */
    private static void announceBackgroundEvents(AppContext ctx, Stage stage) {
        ctx.provision().addOutboxSentListener(sent -> CopyDetails.notify(stage, Messages.get("notify.outboxSent.title"),
                Messages.get("notify.outboxSent", sent)));
        ctx.verify().addZapConnectionListener(change -> {
            String zap = ctx.session().gateway().map(g -> g.serial()).orElse("");
            String key = change == com.sourceful.commissioner.ui.verify.VerifyViewModel.ZapConnection.LOST
                    ? "notify.zapLost" : "notify.zapBack";
            CopyDetails.notify(stage, Messages.get(key + ".title"), Messages.get(key, zap));
        });
    }

    public AppContext context() {
        return context;
    }

    @Override
    public void stop() {
        if (context == null) {
            return;
        }
        context.wizard().shutdown();
        AppContext closing = context;
        context = null;
        // jmDNS and the simulators take a moment to close; the window is already gone.
        Thread closer = new Thread(() -> {
            closing.close();
            onExit.run();
        }, "shutdown");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
