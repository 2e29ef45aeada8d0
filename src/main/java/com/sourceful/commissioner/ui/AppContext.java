package com.sourceful.commissioner.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.ui.add.AddDeviceController;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.done.DoneController;
import com.sourceful.commissioner.ui.done.DoneViewModel;
import com.sourceful.commissioner.ui.find.FindController;
import com.sourceful.commissioner.ui.find.FindViewModel;
import com.sourceful.commissioner.ui.provision.ProvisionController;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;
import com.sourceful.commissioner.ui.verify.VerifyController;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.ui.wizard.WizardController;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

/**
 * Wires one window: the session, the view-models, and the controller factory that hands each FXML controller its
 * view-model. Plain constructor injection; the graph is small enough not to need a framework.
 */
public final class AppContext implements AutoCloseable {

    private final boolean demo;
    private final Tasks tasks;
    private final ZapClients zapClients;
    private final CommissioningSession session = new CommissioningSession();
    private final FindViewModel find;
    private final AddDeviceViewModel add;
    private final VerifyViewModel verify;
    private final ProvisionViewModel provision;
    private final DoneViewModel done;
    private final WizardViewModel wizard;
    private final Map<Class<?>, Supplier<Object>> controllers;
    private final AppTheme theme = new AppTheme();

    public AppContext(AppConfig config, Tasks tasks, Clock clock) {
        this(CompletableFuture.completedFuture(config), config.demo(), tasks, clock, AppTuning.defaults());
    }

    public AppContext(AppConfig config, Tasks tasks, Clock clock, AppTuning tuning) {
        this(CompletableFuture.completedFuture(config), config.demo(), tasks, clock, tuning);
    }

    /**
     * With a configuration that may come later: the window shows at once, and what needs the configuration (the
     * search, the outbox, Novacore) waits for it. Demo mode completes it once its simulators run.
     */
    public AppContext(CompletionStage<AppConfig> config, boolean demo, Tasks tasks, Clock clock, AppTuning tuning) {
        this.demo = demo;
        this.tasks = tasks;
        this.zapClients = new ZapClients(tuning.zapClients());
        this.find = new FindViewModel(tasks, config, demo, session, () -> new ZapDiscovery(clock));
        CompletableFuture<AppConfig> known = config.toCompletableFuture();
        this.add = new AddDeviceViewModel(tasks, zapClients, session, () -> {
            AppConfig c = known.getNow(null);
            return c == null ? Map.of() : c.formPrefill();
        }, tuning.addRetryAfter());
        this.verify = new VerifyViewModel(tasks, zapClients, session, tuning.verifyPollPeriod());
        this.provision = new ProvisionViewModel(tasks, config, session, clock,
                c -> new com.sourceful.commissioner.outbox.Outbox(c.outboxFolder(), clock));
        this.done = new DoneViewModel(session);
        this.wizard = new WizardViewModel(List.of(find, add, verify, provision, done));
        this.controllers = Map.of(
                WizardController.class, () -> new WizardController(wizard, demo, this),
                FindController.class, () -> new FindController(find),
                AddDeviceController.class, () -> new AddDeviceController(add, wizard),
                VerifyController.class, () -> new VerifyController(verify),
                ProvisionController.class, () -> new ProvisionController(provision),
                DoneController.class, () -> new DoneController(done, wizard));
    }

    /** Loads a view with its controller and the message bundle. */
    public Parent load(FxmlView view) {
        FXMLLoader loader = new FXMLLoader(AppContext.class.getResource(view.resource()), Messages.bundle());
        loader.setControllerFactory(type -> {
            Supplier<Object> supplier = controllers.get(type);
            if (supplier == null) {
                throw new IllegalStateException("no controller registered for " + type.getName());
            }
            return supplier.get();
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + view, e);
        }
    }

    /** Light or dark, and the choice between them. */
    public AppTheme theme() {
        return theme;
    }

    /** Simulators on this computer; the window says so. */
    public boolean demo() {
        return demo;
    }

    public Tasks tasks() {
        return tasks;
    }

    public CommissioningSession session() {
        return session;
    }

    public WizardViewModel wizard() {
        return wizard;
    }

    public FindViewModel find() {
        return find;
    }

    public AddDeviceViewModel add() {
        return add;
    }

    public VerifyViewModel verify() {
        return verify;
    }

    public ProvisionViewModel provision() {
        return provision;
    }

    /** The app's one client per Zap (tests reach a Zap through the same clients to compare). */
    public ZapClients zapClients() {
        return zapClients;
    }

    /** Stops polling and discovery; call off the UI thread (jmDNS needs seconds to close). */
    @Override
    public void close() {
        find.shutdown();
        zapClients.close();
    }
}
