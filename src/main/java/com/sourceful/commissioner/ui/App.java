package com.sourceful.commissioner.ui;

import java.time.Clock;
import java.util.Objects;

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
    private static volatile Runnable pendingOnExit = () -> { };

    private final AppConfig config;
    private final Runnable onExit;
    private final AppTuning tuning;
    private AppContext context;

    public App() {
        this(Objects.requireNonNull(pendingConfig, "Main sets the configuration before launch"), pendingOnExit);
    }

    public App(AppConfig config, Runnable onExit) {
        this(config, onExit, AppTuning.defaults());
    }

    /** With other timeouts and poll period: tests of slow or broken Zaps. */
    public App(AppConfig config, Runnable onExit, AppTuning tuning) {
        this.config = config;
        this.onExit = onExit;
        this.tuning = tuning;
    }

    /** For {@code Application.launch}, which constructs the class itself. */
    public static void prepare(AppConfig config, Runnable onExit) {
        pendingConfig = config;
        pendingOnExit = onExit;
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = new AppContext(config, Tasks.fx(), Clock.systemDefaultZone(), tuning);
        Parent root = context.load(FxmlView.WIZARD);
        Scene scene = new Scene(root, 1040, 800);
        scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.title") + (config.demo() ? " — " + Messages.get("wizard.demo") : ""));
        stage.setMinWidth(820);
        stage.setMinHeight(600);
        stage.show();
        context.wizard().start();
        // Requests saved while Novacore was out of reach go out by themselves once it answers and a token is there.
        context.provision().watchOutbox(java.time.Duration.ofSeconds(30));
        LOG.info("Started ({})", config);
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
