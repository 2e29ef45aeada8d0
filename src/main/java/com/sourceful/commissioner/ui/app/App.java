package com.sourceful.commissioner.ui.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import com.sourceful.commissioner.ui.verify.VerifyViewModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.StartupProbe;
import com.sourceful.commissioner.ui.sitevisit.ControlReleaseOffer;
import com.sourceful.commissioner.ui.sitevisit.ResumeOffer;

/** The JavaFX application: one window, the wizard. Started through {@code Main} (see there why). */
public final class App extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    /** Every step stays usable down to this size (200 % scaling on a 1920×1080 laptop is 960×540 less a task bar). */
    static final double MIN_WIDTH = 720;
    static final double MIN_HEIGHT = 480;

    /** Set by {@code Main} before launch, or given directly by tests. */
    private static volatile AppConfig pendingConfig;
    private static volatile Callable<AppConfig> pendingLaterConfig;
    private static volatile boolean pendingDemo;
    private static volatile Runnable pendingOnExit = () -> { };
    private static volatile boolean pendingStartupProbe;
    /** The wizard's window once shown, for {@link #showWindow}. */
    private static volatile Stage shownStage;

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
        CompletableFuture<AppConfig> configured = config != null ? CompletableFuture.completedFuture(config)
                : new CompletableFuture<>();
        AppContext ctx = new AppContext(configured, demo, Tasks.fx(), Clock.systemDefaultZone(), tuning);
        context = ctx;
        Parent root = ctx.wizardView();
        // Never larger than the screen: at 200 % a 1920×1080 laptop has 960×540 (less the task bar) to show it in.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1040, screen.getWidth()), Math.min(800, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        // Light or dark before the first frame (Primer Light or Dark, the app's tokens); follows the OS from then on.
        ctx.theme().install(stage);
        stage.setTitle(Messages.get("app.title") + (demo ? " — " + Messages.get("wizard.demo") : ""));
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
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
        // The window icon (title bar, task bar, Alt+Tab) is decoded off the JavaFX thread, once the first frame is there.
        StartupProbe.afterFirstFrame(scene, () -> ctx.tasks().run(App::windowIcons, stage.getIcons()::setAll,
                e -> LOG.warn("No window icon: {}", e.toString())));
        if (startupProbe) {
            StartupProbe.whenFirstFrameRendered(scene, result -> {
                System.out.println(result.line());
                System.out.flush();
                System.exit(0);
            });
        }
        stage.show();
        shownStage = stage;
        fitInto(stage, screen);
        ctx.wizard().start();
        // Requests saved while Novacore was out of reach go out by themselves once it answers and a token is there.
        // The Provision step's view-model, which watches them, is made after the first frame and the Find step's view
        // (queued once more, as that view is).
        StartupProbe.afterFirstFrame(scene, () -> ctx.tasks().onUiThread(() -> {
            ctx.provision().watchOutbox(Duration.ofSeconds(30));
            ctx.provision().addOutboxSentListener(sent -> CopyDetails.notify(stage, CopyDetails.Notice.DONE,
                    Messages.get("notify.outboxSent.title"), Messages.get("notify.outboxSent", sent)));
        }));
        announceZapConnection(ctx, stage);
        ctx.addVisitSaveFailedListener(e -> CopyDetails.notify(stage, CopyDetails.Notice.WARNING,
                Messages.get("visit.saveFailed.title"), Messages.get("visit.saveFailed", ErrorMessages.of(e))));
        // An unfinished visit (a crash, a closed lid) is offered for resuming once the window is there.
        // Control an earlier run may still hold comes first: a customer's battery steered by nobody matters more.
        StartupProbe.afterFirstFrame(scene, () -> ctx.tasks().onUiThread(
                () -> ControlReleaseOffer.offerIfAny(stage, ctx.controlReleaseOffer(),
                        () -> ResumeOffer.offerIfAny(stage, ctx.resumeOffer()))));
        giveControlBackBeforeClosing(ctx, stage);
    }

    /**
     * Brings the wizard's window forward (a second start asked for it): restored if minimised, raised, focused. Any
     * thread; nothing before the window first shows (it is about to). The OS may still only flash it in the task bar.
     */
    public static void showWindow() {
        Stage stage = shownStage;
        if (stage != null) {
            Platform.runLater(() -> {
                stage.setIconified(false);
                stage.toFront();
                stage.requestFocus();
            });
        }
    }

    /**
     * Closing the window during a control check first stops it and gives control back (the check's result and release
     * reach the visit record), then closes; the window says so meanwhile. A check that does not end within {@link
     * AppContext#CONTROL_RELEASE_WAIT} stays in the record, and the next start offers to release it.
     */
    private static void giveControlBackBeforeClosing(AppContext ctx, Stage stage) {
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (!ctx.controlChecks().anyRunning()) {
                return;
            }
            e.consume();
            CopyDetails.notify(stage, CopyDetails.Notice.WARNING, Messages.get("control.closing.title"),
                    Messages.get("control.closing"));
            ctx.tasks().job(() -> ctx.controlChecks().cancelAll(AppContext.CONTROL_RELEASE_WAIT))
                    .andFinally(stage::close).start();
        });
    }

    /** What happens behind the technician's back is said in a corner of the window, once per change. */
    private static void announceZapConnection(AppContext ctx, Stage stage) {
        ctx.whenVerifyMade(verify -> verify.addZapConnectionListener(change -> {
            String zap = ctx.session().gateway().map(g -> g.serial()).orElse("");
            boolean lost = change == VerifyViewModel.ZapConnection.LOST;
            String key = lost ? "notify.zapLost" : "notify.zapBack";
            CopyDetails.notify(stage, lost ? CopyDetails.Notice.WARNING : CopyDetails.Notice.DONE,
                    Messages.get(key + ".title"), Messages.get(key, zap));
        }));
    }

    /** The app icon in the sizes the OSes pick from (drawn by {@code assets/MakeIcons.java}). */
    static List<Image> windowIcons() {
        List<Image> icons = new ArrayList<>();
        for (int size : new int[] {16, 32, 64, 256}) {
            String url = Objects.requireNonNull(App.class.getResource("icons/icon-" + size + ".png"), "icon " + size)
                    .toExternalForm();
            icons.add(new Image(url));
        }
        return icons;
    }

    /** The window with its title bar inside the screen's visual bounds (the scene alone fits; the frame may not). */
    static void fitInto(Stage stage, Rectangle2D screen) {
        if (stage.getWidth() > screen.getWidth()) {
            stage.setWidth(screen.getWidth());
        }
        if (stage.getHeight() > screen.getHeight()) {
            stage.setHeight(screen.getHeight());
        }
        if (stage.getX() < screen.getMinX() || stage.getX() + stage.getWidth() > screen.getMaxX()) {
            stage.setX(screen.getMinX() + (screen.getWidth() - stage.getWidth()) / 2);
        }
        if (stage.getY() < screen.getMinY() || stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.setY(screen.getMinY());
        }
    }

    public AppContext context() {
        return context;
    }

    @Override
    public void stop() {
        if (context == null) {
            return;
        }
        LOG.info("Closing");
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
