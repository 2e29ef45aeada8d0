package com.sourceful.commissioner.ui.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlChecks;
import com.sourceful.commissioner.control.ControlLedger;
import com.sourceful.commissioner.details.ErrorDetails;
import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.ui.add.AddDeviceController;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.done.DoneController;
import com.sourceful.commissioner.ui.done.DoneViewModel;
import com.sourceful.commissioner.ui.find.FindController;
import com.sourceful.commissioner.ui.find.FindViewModel;
import com.sourceful.commissioner.ui.prepare.ClaimController;
import com.sourceful.commissioner.ui.prepare.HealthController;
import com.sourceful.commissioner.ui.prepare.HealthViewModel;
import com.sourceful.commissioner.ui.prepare.WifiController;
import com.sourceful.commissioner.ui.prepare.WifiViewModel;
import com.sourceful.commissioner.ui.prepare.ClaimViewModel;
import com.sourceful.commissioner.ui.prepare.PrepareController;
import com.sourceful.commissioner.ui.prepare.PrepareViewModel;
import com.sourceful.commissioner.ui.provision.ProvisionController;
import com.sourceful.commissioner.ui.provision.ProvisionViewModel;
import com.sourceful.commissioner.ui.verify.VerifyController;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.ui.sitevisit.ControlReleaseOfferViewModel;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.common.SignInController;
import com.sourceful.commissioner.ui.wizard.FooterChoices;
import com.sourceful.commissioner.ui.wizard.StepErrorActions;
import com.sourceful.commissioner.ui.wizard.WizardController;
import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.FxmlView;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.OpenChooser;
import com.sourceful.commissioner.ui.common.SaveChooser;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.sitevisit.ResumeOfferViewModel;
import com.sourceful.commissioner.ui.sitevisit.SiteOverview;
import com.sourceful.commissioner.ui.sitevisit.SiteOverviewViewModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one window: the session, the view-models, and the controller factory that hands each FXML controller its
 * view-model. Plain constructor injection; the graph is small enough not to need a framework.
 */
public final class AppContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final boolean demo;
    private final Tasks tasks;
    private final ZapClients zapClients;
    private final CommissioningSession session = new CommissioningSession();
    private final FindViewModel find;
    /** The Novacore sign-in, one for the window: made where it is first needed (claiming, provisioning). */
    private final OnFirstUse<NovacoreSignIn> signIn;
    private final OnFirstUse<PrepareViewModel> prepare;
    // The later steps' view-models come when the wizard first goes there (or, Provision, with its outbox watch once
    // the first frame is drawn): the first frame shows only the frame and the Find step.
    private final OnFirstUse<AddDeviceViewModel> add;
    private final OnFirstUse<VerifyViewModel> verify;
    private final OnFirstUse<ProvisionViewModel> provision;
    private final OnFirstUse<DoneViewModel> done;
    private final WizardViewModel wizard;
    private final ReportSources reports;
    private final AppTheme theme = new AppTheme();
    /** The visit saved after every change, and the unfinished one offered for resuming (issue 19). */
    private final SiteVisits visits;
    private final List<Consumer<Exception>> visitSaveFailedListeners = new ArrayList<>();
    /** What changed since an earlier visit on the Zap chosen, offered by a notification (issue 19). */
    private final ReturnVisits returnVisits;
    /** The control checks running (issue 20): stopped, and control given back, before the app closes. */
    private final ControlChecks controlChecks = new ControlChecks();
    /** The visit record is where a check writes that it holds control, before it takes it. */
    private final SessionControlLedger controlLedger;
    private final Clock clock;
    /** Null: the platform's dialog. */
    private volatile OpenChooser openChooser;
    /** Where the technician is: the overview's times. */
    private final ZoneId zone;

    /** How long closing waits for control checks to give control back (a release is two quick calls). */
    public static final Duration CONTROL_RELEASE_WAIT = Duration.ofSeconds(10);

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
        this.zone = clock.getZone();
        this.clock = clock;
        this.zapClients = new ZapClients(tuning.zapClients());
        this.find = new FindViewModel(tasks, config, demo, session, () -> new ZapDiscovery(clock));
        CompletableFuture<AppConfig> known = config.toCompletableFuture();
        this.signIn = new OnFirstUse<>(() -> new NovacoreSignIn(tasks, config, session, clock));
        this.prepare = new OnFirstUse<>(() -> new PrepareViewModel(session, signIn.get(),
                new ClaimViewModel(tasks, zapClients, session, signIn.get(), clock),
                new WifiViewModel(tasks, zapClients, session, clock,
                        () -> Optional.ofNullable(known.getNow(null)).map(AppConfig::discovery)),
                new HealthViewModel(tasks, zapClients, session, clock, HealthViewModel.Tuning.defaults())));
        this.add = new OnFirstUse<>(() -> new AddDeviceViewModel(tasks, zapClients, session, () -> {
            AppConfig c = known.getNow(null);
            return c == null ? Map.of() : c.formPrefill();
        }, tuning.addRetryAfter(), () -> deviceScanner(known.getNow(null)))); // a new scanner per scan
        this.controlLedger = new SessionControlLedger(session, tasks, this::flushVisits);
        this.verify = new OnFirstUse<>(() -> new VerifyViewModel(tasks, zapClients, session,
                tuning.verifyPollPeriod(), controlChecks, controlLedger, clock, tuning.verifyPollPeriod()));
        this.provision = new OnFirstUse<>(() -> new ProvisionViewModel(tasks, config, session, clock,
                c -> new Outbox(c.outboxFolder(), clock), signIn.get()));
        this.visits = new SiteVisits(known, session, tasks, clock,
                e -> List.copyOf(visitSaveFailedListeners).forEach(l -> l.accept(e)));
        visits.start();
        this.reports = new ReportSources(session, known, demo, tasks, clock, find,
                () -> signIn.ifMade().map(s -> s.tokenTextProperty().get()),
                () -> visits.currentId().map(id -> visits.current()));
        this.done = new OnFirstUse<>(() -> new DoneViewModel(session, tasks, reports));
        this.returnVisits = new ReturnVisits(visits, session, tasks, clock, zapClients, signIn::get,
                () -> provision.ifMade().flatMap(ProvisionViewModel::outbox));
        returnVisits.start();
        this.wizard = WizardViewModel.madeOnFirstUse(
                List.<Supplier<? extends WizardStep>>of(() -> find, prepare, add, verify, provision, done));
    }

    /**
     * The device scan on the ports the supported vendors use; in demo mode also on its Modbus stand-in's own port,
     * so that "Find devices" finds something there (the stand-in has no identity registers: "not supported").
     */
    private static DeviceScanner deviceScanner(AppConfig config) {
        List<ModbusDeviceScanner.Port> ports = new ArrayList<>(ModbusDeviceScanner.STANDARD_PORTS);
        if (config != null && config.demo()) {
            Optional.ofNullable(config.formPrefill().get("modbus_tcp")).map(form -> form.get("port"))
                    .ifPresent(port -> ports.add(ModbusDeviceScanner.Port.modbus(Integer.parseInt(port), 1)));
        }
        return new ModbusDeviceScanner(ports);
    }

    /** The steps whose view-models are made so far (tests: the first frame makes only Find's). */
    Set<WizardViewModel.Step> stepsMade() {
        Set<WizardViewModel.Step> made = EnumSet.of(WizardViewModel.Step.FIND);
        Map.of(WizardViewModel.Step.PREPARE, prepare, WizardViewModel.Step.ADD, add,
                WizardViewModel.Step.VERIFY, verify,
                WizardViewModel.Step.PROVISION, provision, WizardViewModel.Step.DONE, done)
                .forEach((step, model) -> model.ifMade().ifPresent(m -> made.add(step)));
        return made;
    }

    /**
     * The controller FXML asks for, with its view-model (made now, if the step's view is shown before it is entered).
     * Compared one by one, so that a controller class loads only with its view.
     */
    private Object controller(Class<?> type) {
        if (type == FindController.class) {
            return new FindController(find);
        } else if (type == PrepareController.class) {
            return new PrepareController(prepare.get());
        } else if (type == ClaimController.class) {
            return new ClaimController(prepare.get().claim());
        } else if (type == WifiController.class) {
            return new WifiController(prepare.get().wifi());
        } else if (type == HealthController.class) {
            return new HealthController(prepare.get().health());
        } else if (type == SignInController.class) {
            return new SignInController(signIn.get());
        } else if (type == AddDeviceController.class) {
            return new AddDeviceController(add.get(), wizard);
        } else if (type == VerifyController.class) {
            return new VerifyController(verify.get());
        } else if (type == ProvisionController.class) {
            return new ProvisionController(provision.get());
        } else if (type == DoneController.class) {
            return new DoneController(done.get(), wizard, reports::saveChooser);
        }
        throw new IllegalStateException("no controller registered for " + type.getName());
    }

    /** The window's frame with its controller (built in code: see {@link WizardController#createView()}). */
    public Parent wizardView() {
        StepErrorActions errorActions = new StepErrorActions(
                () -> session.gateway().map(g -> ErrorDetails.address(g.baseUri())).orElse(null), wizard::secrets,
                reports);
        WizardController frame = new WizardController(wizard, demo, this::load,
                new FooterChoices(tasks, theme.choiceProperty()), errorActions);
        Parent view = frame.createView();
        SiteOverviewViewModel overview = new SiteOverviewViewModel(session::snapshot, session,
                this::zapBySerial, wizard::open, serial -> find.zaps().stream()
                        .filter(z -> z.serial().equals(serial)).findFirst(), visits, tasks, zone,
                wizard.busyProperty());
        frame.siteOverview(() -> SiteOverview.show(view.getScene().getWindow(), overview, reports::saveChooser,
                this::openChooser, returnVisits::latest));
        returnVisits.showOn(view);
        return view;
    }

    /** How the overview and the resume offer ask which visit file to open; tests answer without a dialog. */
    public void openChooser(OpenChooser chooser) {
        this.openChooser = chooser;
    }

    private OpenChooser openChooser() {
        OpenChooser c = openChooser;
        return c != null ? c : OpenChooser.fileChooser();
    }

    /**
     * A Zap of the visit other than the chosen one, by serial: as the Find step last saw it, else as the visit last
     * knew it (a resumed visit's Zap the search has not met yet).
     */
    private Optional<CommissioningSession.Gateway> zapBySerial(String serial) {
        return find.zaps().stream().filter(z -> z.serial().equals(serial)).findFirst()
                .map(z -> new CommissioningSession.Gateway(z.serial(), z.baseUri(), z.firmwareVersion(),
                        z.serialConfirmed()))
                .or(() -> session.gateways().stream().filter(g -> g.serial().equals(serial)).findFirst());
    }

    /** The offer to resume the unfinished visit at start; the wizard goes on at the step that fits it. */
    public ResumeOfferViewModel resumeOffer() {
        return new ResumeOfferViewModel(tasks, visits, wizard::open, visits, this::openChooser);
    }

    /** The offer at start to give back control an earlier run may still hold (before the resume offer). */
    public ControlReleaseOfferViewModel controlReleaseOffer() {
        return new ControlReleaseOfferViewModel(tasks, new ControlHolds(visits, zapClients, clock), zone);
    }

    /** Waits until the visit is on disk (the control ledger's save before control is taken). */
    private boolean flushVisits(Duration timeout) throws InterruptedException {
        return visits.flush(timeout);
    }

    /** The control checks running now. */
    public ControlChecks controlChecks() {
        return controlChecks;
    }

    /** Where a control check writes that it holds control: the visit record. */
    public ControlLedger controlLedger() {
        return controlLedger;
    }

    /** {@code listener} hears (JavaFX thread) when the visit could not be saved: once, until a save succeeds again. */
    public void addVisitSaveFailedListener(Consumer<Exception> listener) {
        visitSaveFailedListeners.add(listener);
    }

    /** Loads a view with its controller and the message bundle. */
    public Parent load(FxmlView view) {
        FXMLLoader loader = new FXMLLoader(AppContext.class.getResource(view.resource()), Messages.bundle());
        loader.setControllerFactory(this::controller);
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

    /** The Prepare step's view-model (made now, if the wizard has not been there yet). */
    public PrepareViewModel prepare() {
        return prepare.get();
    }

    public FindViewModel find() {
        return find;
    }

    /** The Add step's view-model (made now, if the wizard has not been there yet). */
    public AddDeviceViewModel add() {
        return add.get();
    }

    /** The Verify step's view-model (made now, if the wizard has not been there yet). */
    public VerifyViewModel verify() {
        return verify.get();
    }

    /** Runs {@code action} with the Verify step's view-model once it is made (at once, if it is). */
    public void whenVerifyMade(Consumer<VerifyViewModel> action) {
        verify.whenMade(action);
    }

    /** The Provision step's view-model (made now, if nothing has asked for it yet). */
    public ProvisionViewModel provision() {
        return provision.get();
    }

    /** The app's one client per Zap (tests reach a Zap through the same clients to compare). */
    public ZapClients zapClients() {
        return zapClients;
    }

    // ---- report and support bundle ---------------------------------------------------------------------------

    /** How the Done step and a step's error ask where to save; tests answer without a dialog. */
    public void saveChooser(SaveChooser chooser) {
        reports.saveChooser(chooser);
    }

    /** The log file the support bundle takes (default: the one {@code AppLog} writes, if it runs). */
    public void logFile(Path file) {
        reports.logFile(file);
    }

    /** Stops polling and discovery; call off the UI thread (jmDNS needs seconds to close). */
    @Override
    public void close() {
        try {
            // A check still running (the window closed another way than by its close box) gives control back first.
            if (!controlChecks.cancelAll(CONTROL_RELEASE_WAIT)) {
                LOG.warn("A control check did not end in {} s; the next start offers to release it",
                        CONTROL_RELEASE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        returnVisits.close();
        visits.close();
        find.shutdown();
        zapClients.close();
    }
}
