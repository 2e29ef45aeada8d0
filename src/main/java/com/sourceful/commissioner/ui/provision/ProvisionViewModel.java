package com.sourceful.commissioner.ui.provision;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.details.ErrorDetails;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.Site;
import com.sourceful.commissioner.novacore.TechnicianKey;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.outbox.OutboxSender;
import com.sourceful.commissioner.provisioning.Provisioner;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.wizard.StepViewModel;

/**
 * Step 4: register the device and its DERs in Novacore. Everything the Zap told us is pre-filled; the token stays
 * in memory only. The Zap's and the device's serials are the session's; what becomes of a request is
 * {@link Provisioner}'s to decide, and this maps its outcome to what the step shows.
 */
public final class ProvisionViewModel extends StepViewModel {

    public static final List<String> DEVICE_TYPES = List.of("inverter", "meter", "charger");

    private final Tasks tasks;
    private final CommissioningSession session;
    private final Clock clock;
    /** Null until the configuration is there. */
    private Outbox outbox;
    private final ObservableList<Outbox.Entry> outboxEntries = FXCollections.observableArrayList();
    private final StringProperty outboxNotice = new SimpleStringProperty("");
    private final StringProperty siteWarning = new SimpleStringProperty("");
    private Tasks.Handle retry;
    private boolean sendingOutbox;

    private final NovacoreSignIn signIn;
    private final ObservableList<Site> sites = FXCollections.observableArrayList();
    private final StringProperty siteId = new SimpleStringProperty("");
    private final StringProperty nextLabel = new SimpleStringProperty(Messages.get("mnemonic.provision.send"));
    /** The session's Zap serial and device serial as the form shows them (read-only; the request reads the session). */
    private final ReadOnlyStringWrapper gatewaySerial = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hardwareId = new ReadOnlyStringWrapper("");
    /** The serial came from deviceId, not /api/crypto: the technician checks it on the label before it is sent. */
    private final BooleanProperty serialUnconfirmed = new SimpleBooleanProperty();
    private final BooleanProperty serialChecked = new SimpleBooleanProperty();
    private final StringProperty deviceType = new SimpleStringProperty("inverter");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty manufacturer = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final ObservableList<DerEntryRow> ders = FXCollections.observableArrayList();
    /** Told how many saved requests reached Novacore when the outbox went out by itself. */
    private final List<IntConsumer> outboxSentListeners = new ArrayList<>();
    private Tasks.Handle sendingTask;
    private final BooleanProperty sending = new SimpleBooleanProperty();
    private final BooleanProperty loadingSites = new SimpleBooleanProperty();
    /** Novacore lists the Zap among none of the site's organisation's gateways: claim first. */
    private final BooleanProperty claimMissing = new SimpleBooleanProperty();
    private long claimChecks;
    /** Which device on which Zap the form was filled in for; not sent (the request reads the session). */
    private record FormFor(String gatewaySerial, String sn) {
    }

    /** The technician's edits (site, name, model, DER names) stay while the session's device is this one. */
    private FormFor formFilledFor;
    private boolean entered;

    public ProvisionViewModel(Tasks tasks, AppConfig config, CommissioningSession session, Clock clock, Outbox outbox) {
        this(tasks, CompletableFuture.completedFuture(config), session, clock, c -> outbox);
    }

    /** With a sign-in of its own (tests of this step alone); the app shares one across the steps. */
    public ProvisionViewModel(Tasks tasks, CompletionStage<AppConfig> config, CommissioningSession session, Clock clock,
                              Function<AppConfig, Outbox> outboxFor) {
        this(tasks, config, session, clock, outboxFor, new NovacoreSignIn(tasks, config, session, clock));
    }

    /**
     * With a configuration that may come later (demo mode: once its simulators run); the outbox is opened in the
     * folder it names.
     */
    public ProvisionViewModel(Tasks tasks, CompletionStage<AppConfig> config, CommissioningSession session, Clock clock,
                              Function<AppConfig, Outbox> outboxFor, NovacoreSignIn signIn) {
        this.tasks = tasks;
        this.session = session;
        this.clock = clock;
        this.signIn = signIn;
        siteId.addListener((o, a, b) -> checkSite());
        signIn.tokenProperty().addListener((o, a, b) -> checkSite());
        // The name follows "<profile> <model>", as in the seed's "Sungrow SH10RT", until the technician edits it.
        model.addListener((o, was, now) -> {
            if (name.get().equals(autoName(was))) {
                name.set(autoName(now));
            }
        });
        BooleanBinding ready = Bindings.createBooleanBinding(() -> signIn.signedInProperty().get()
                        && !siteId.get().isBlank() && !ders.isEmpty()
                        && ders.stream().noneMatch(d -> d.nameProperty().get().isBlank())
                        && (!serialUnconfirmed.get() || serialChecked.get()) && !claimMissing.get(),
                signIn.signedInProperty(), siteId, ders, serialUnconfirmed, serialChecked, claimMissing);
        readyWhen(ready);
        busyWhen(sending);
        AppConfig now = config.toCompletableFuture().getNow(null);
        if (now != null) {
            outbox = outboxFor.apply(now);
        } else {
            // A demo that could not start says so on the Find step; nothing to do here.
            config.thenAccept(c -> tasks.onUiThread(() -> {
                outbox = outboxFor.apply(c);
                refreshOutbox();
            }));
        }
        // Signed in (a token, or the configuration's Novacore arriving later): the sites it may see.
        signIn.signedInProperty().addListener((o, was, signedIn) -> {
            if (signedIn && entered && sites.isEmpty()) {
                loadSites();
            }
        });
    }

    @Override
    public void enter() {
        entered = true;
        clearError();
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        CommissioningSession.Device device = session.device().orElseThrow();
        gatewaySerial.set(gateway.serial());
        hardwareId.set(device.sn());
        FormFor now = new FormFor(gateway.serial(), device.sn());
        if (!now.equals(formFilledFor)) {
            formFilledFor = now;
            serialUnconfirmed.set(!gateway.serialConfirmed());
            serialChecked.set(false);
            deviceType.set(device.group().novacoreDeviceType());
            // What the device said about itself in the scan, when it was added from one; else the profile's maker.
            Optional<CommissioningSession.Identity> identity = session.identity();
            String make = ProfileCatalogue.manufacturer(device.profile());
            manufacturer.set(identity.flatMap(CommissioningSession.Identity::manufacturer).orElse(make));
            model.set("");
            name.set(autoName(""));
            // After the name: the name follows the model, as when it is typed.
            identity.flatMap(CommissioningSession.Identity::model).ifPresent(model::set);
            ders.setAll(session.publishedDers().stream().map(DerEntryRow::new).toList());
            statusProperty().set("");
        }
        if (sites.isEmpty()) {
            loadSites();
        } else {
            // Back from the steps before (the Zap claimed on Prepare meanwhile, a device removed): ask again.
            checkSite();
        }
    }

    private String autoName(String modelText) {
        String base = session.device().map(CommissioningSession.Device::displayName).orElse("");
        return modelText == null || modelText.isBlank() ? base : base + " " + modelText.strip();
    }

    /** Lists the sites the token may see, to pick from instead of typing an id. */
    public void loadSites() {
        AccessToken t = signIn.tokenProperty().get();
        if (!signIn.signedInProperty().get() || loadingSites.get()) {
            return;
        }
        NovacoreClient c = signIn.client();
        loadingSites.set(true);
        tasks.job(() -> c.sites(t))
                .andFinally(() -> loadingSites.set(false))
                .onSuccess(list -> {
                    sites.setAll(list);
                    if (siteId.get().isBlank() && !list.isEmpty()) {
                        siteId.set(list.get(0).id());
                    }
                })
                .onFailure(e -> statusProperty().set(Messages.get("provision.sites.failed", ErrorMessages.of(e))))
                .start();
    }

    public BooleanProperty serialUnconfirmedProperty() {
        return serialUnconfirmed;
    }

    /** The technician checked an unconfirmed serial on the Zap's label. */
    public BooleanProperty serialCheckedProperty() {
        return serialChecked;
    }

    /** The request as the form and the session make it: the serials are read from the session when it is sent. */
    public ProvisionRequest request() {
        String serial = session.gateway().map(CommissioningSession.Gateway::serial).orElseThrow();
        String sn = session.device().map(CommissioningSession.Device::sn).orElseThrow();
        return new ProvisionRequest(serial, sn, deviceType.get(), siteId.get().strip(), name.get(), manufacturer.get(),
                model.get(), ders.stream()
                        .map(d -> new ProvisionRequest.DerEntry(d.nameProperty().get().strip(), d.novacoreType()))
                        .toList());
    }

    @Override
    public void next(Runnable proceed) {
        ProvisionRequest request = request();
        // The site the request goes to is the one chosen, also when typed rather than picked from the list.
        recordSite(request.siteId());
        AccessToken t = signIn.tokenProperty().get();
        NovacoreClient c = signIn.client();
        Provisioner provisioner = new Provisioner(outbox);
        sending.set(true);
        clearError();
        statusProperty().set(Messages.get("provision.status.sending"));
        sendingTask = tasks.job(() -> provisioner.provision(request, c.baseUri(), r -> c.provision(r, t)))
                .andFinally(() -> {
                    sendingTask = null;
                    sending.set(false);
                    statusProperty().set("");
                })
                .onSuccess(outcome -> show(outcome, proceed))
                .on(CancellationException.class, e -> statusProperty().set(Messages.get("provision.status.cancelled")))
                .onFailure(e -> showError(ErrorMessages.of(e), e))
                .start();
    }

    private void show(Provisioner.Outcome outcome, Runnable proceed) {
        if (outcome instanceof Provisioner.Provisioned p) {
            session.provisioned(p.result());
            proceed.run();
        } else if (outcome instanceof Provisioner.RateLimited limited) {
            // Novacore asked to wait: wait as told, then send again (still busy, Esc cancels).
            sending.set(true);
            statusProperty().set(Messages.get("provision.status.waiting", limited.retryAfter().toSeconds()));
            retry = tasks.after(limited.retryAfter(), () -> {
                retry = null;
                next(proceed);
            });
        } else if (outcome instanceof Provisioner.Queued queued) {
            // Novacore cannot be reached now: the request waits in the outbox, and the commissioning goes on.
            String why = ErrorMessages.of(queued.why());
            outboxNotice.set(Messages.get("provision.outbox.queued", why, queued.outboxId()));
            session.provisionQueued(queued.outboxId());
            refreshOutbox();
            proceed.run();
        } else if (outcome instanceof Provisioner.NotQueued notQueued) {
            showError(Messages.get("provision.outbox.saveFailed", ErrorMessages.of(notQueued.why()),
                    notQueued.cause().getMessage()), notQueued.cause());
        } else if (outcome instanceof Provisioner.Refused refused) {
            showError(ErrorMessages.of(refused.cause()), refused.cause());
        }
    }

    @Override
    public void cancel() {
        if (retry != null) {
            retry.cancel();
            retry = null;
            sending.set(false);
            statusProperty().set(Messages.get("error.cancelled"));
        } else if (sendingTask != null) {
            // The request may have arrived; provisioning again is safe (Novacore answers with what it has).
            sendingTask.cancel();
        }
    }

    /** Esc while signing in with a key: stop it, and stay on the step. */
    @Override
    public boolean cancelBackgroundWork() {
        return signIn.cancelSigningIn();
    }

    /** The pasted token, so that no report contains it. */
    @Override
    public Collection<String> secrets() {
        return signIn.secrets();
    }

    @Override
    public String serviceAddress() {
        return signIn.serviceAddress();
    }

    /** The session's sign-in, which this step's form shows. */
    public NovacoreSignIn signIn() {
        return signIn;
    }

    /** The Novacore chosen now, if one is. */
    public Optional<URI> baseUri() {
        return signIn.baseUri();
    }

    /** {@code listener} hears how many saved requests reached Novacore each time the outbox goes out by itself. */
    public void addOutboxSentListener(IntConsumer listener) {
        outboxSentListeners.add(listener);
    }

    // ---- outbox ---------------------------------------------------------------------------------------------

    /** The outbox, once the configuration names its folder (empty before). JavaFX thread. */
    public Optional<Outbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    /** Re-reads the outbox (files on disk: in the background). */
    public void refreshOutbox() {
        Outbox o = outbox;
        if (o == null) {
            return; // read once the configuration is there
        }
        tasks.run(o::load, listing -> {
            outboxEntries.setAll(listing.entries());
            if (!listing.skipped().isEmpty()) {
                outboxNotice.set(Messages.get("provision.outbox.refused", listing.skipped().size(),
                        listing.skipped().stream().map(s -> s.file() + " (" + s.reason() + ")")
                                .collect(Collectors.joining(", "))));
            }
        }, e -> outboxNotice.set(ErrorMessages.of(e)));
    }

    /**
     * What the outbox table says about an entry: the device id once sent; which environment it waits for when it was
     * queued for one the technician is not signed in to now (it is not sent); else the last reason.
     */
    public String outboxDetail(Outbox.Entry e) {
        if (e.result().isPresent()) {
            return e.result().get().deviceId();
        }
        Optional<URI> now = baseUri();
        if (e.state() == Outbox.State.PENDING && (now.isEmpty() || !Outbox.sameBase(e.novacoreBase(), now.get()))) {
            return Messages.get("provision.outbox.otherEnvironment", environmentName(e.novacoreBase()));
        }
        return e.lastError().orElse("");
    }

    /** Production or Test as the environment box names them, else the address as recorded. */
    private static String environmentName(String recordedBase) {
        for (NovacoreEnvironment env : NovacoreEnvironment.values()) {
            if (env != NovacoreEnvironment.CUSTOM && Outbox.sameBase(recordedBase, env.baseUri())) {
                return Messages.get("provision.env." + env.name().toLowerCase(Locale.ROOT));
            }
        }
        return recordedBase;
    }

    /** Sends what waits in the outbox, if there is a valid token; safe to repeat. */
    public void sendOutbox() {
        sendOutbox(false);
    }

    private void sendOutbox(boolean byItself) {
        AccessToken t = signIn.tokenProperty().get();
        Optional<URI> signedIn = baseUri();
        if (t == null || signedIn.isEmpty() || outbox == null || sendingOutbox || t.isExpired(clock.instant())) {
            return;
        }
        sendingOutbox = true;
        OutboxSender sender = new OutboxSender(outbox, uri -> new NovacoreClient(uri, clock));
        tasks.job(() -> sender.sendPending(t, signedIn.get()))
                .andFinally(() -> sendingOutbox = false)
                .onSuccess(report -> {
                    if (report.sent() > 0 || report.failed() > 0) {
                        outboxNotice.set(Messages.get("provision.outbox.sent", report.sent(), report.failed(),
                                report.stillPending()));
                    }
                    if (byItself && report.sent() > 0) {
                        List.copyOf(outboxSentListeners).forEach(l -> l.accept(report.sent()));
                    }
                    refreshOutbox();
                })
                .onFailure(e -> outboxNotice.set(ErrorMessages.of(e)))
                .start();
    }

    /** Every so often, send what waits (automatically, when Novacore is reachable and a token is there). */
    public Tasks.Handle watchOutbox(Duration every) {
        refreshOutbox();
        return tasks.every(every, () -> {
            if (outboxEntries.stream().anyMatch(e -> e.state() == Outbox.State.PENDING)) {
                sendOutbox(true);
            }
        });
    }

    // ---- site and sign-in -----------------------------------------------------------------------------------

    /** Warns before provisioning hardware the site already holds (a repeat is safe, but the technician should know). */
    private void checkSite() {
        siteWarning.set("");
        if (claimMissing.get()) {
            claimMissing.set(false);
            clearError();
        }
        AccessToken t = signIn.tokenProperty().get();
        String id = siteId.get() == null ? "" : siteId.get().strip();
        Optional<String> hardware = session.device().map(CommissioningSession.Device::sn);
        if (!signIn.signedInProperty().get() || id.isEmpty() || hardware.isEmpty()) {
            return;
        }
        NovacoreClient c = signIn.client();
        tasks.run(() -> c.siteDevices(id, t), devices -> devices.stream()
                .filter(d -> d.hardwareId().equals(hardware.get())).findFirst()
                .ifPresent(d -> siteWarning.set(Messages.get("provision.site.already", d.deviceId(), d.name()))),
                e -> { });
        checkClaim(c, t, id);
    }

    /**
     * A device is not provisioned on a Zap the site's organisation has not claimed (Novacore would refuse it): the
     * step says to claim first, before anything is sent. The organisation is the listed site's, else the token's;
     * when neither says, or Novacore cannot be asked now, sending decides (a refusal says the same).
     */
    private void checkClaim(NovacoreClient c, AccessToken t, String site) {
        claimMissing.set(false);
        String serial = session.gateway().map(CommissioningSession.Gateway::serial).orElse("");
        Optional<String> org = sites.stream().filter(s -> s.id().equals(site)).map(Site::orgId)
                .filter(o -> !o.isBlank()).findFirst().or(t::orgId);
        if (org.isEmpty() || serial.isEmpty()) {
            return;
        }
        long asked = ++claimChecks;
        tasks.run(() -> c.gateways(org.get(), t), gateways -> {
            if (asked != claimChecks) {
                return; // another site was chosen meanwhile
            }
            if (gateways.stream().anyMatch(g -> g.serial().equals(serial))) {
                session.gatewayClaimed(serial, org.get());
            } else {
                claimMissing.set(true);
                showError(Messages.get("provision.claimFirst", serial, org.get()), null);
            }
        }, e -> { });
    }

    /** The site id from a chosen list entry or as typed. */
    public void chooseSite(Site site) {
        if (site != null) {
            siteId.set(site.id());
            recordSite(site.id());
        }
    }

    /** The visit's record of the site chosen: Novacore's id, with its name when Novacore listed it. */
    private void recordSite(String id) {
        String wanted = id.strip();
        if (wanted.isEmpty()) {
            return;
        }
        String name = sites.stream().filter(s -> s.id().equals(wanted)).map(Site::name).findFirst().orElse("");
        CommissioningSession.SiteChoice choice = new CommissioningSession.SiteChoice(Optional.of(wanted), name);
        if (!session.site().equals(Optional.of(choice))) {
            session.siteChosen(choice);
        }
    }

    /** The site box's text as typed: a listed site by its label, id or name, else a site id as typed. */
    public void siteTyped(String text) {
        siteId.set(siteFor(text).map(Site::id).orElse(""));
    }

    /** The site a text in the site box means; a site not (yet) listed is taken as its id. Empty for no text. */
    public Optional<Site> siteFor(String text) {
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sites.stream().filter(s -> s.toString().equals(typed) || s.id().equals(typed)
                || !s.name().isBlank() && s.name().equalsIgnoreCase(typed)).findFirst()
                .orElse(new Site(typed, "", "")));
    }

    /** How the site box shows a site id: the listed site's name and id, else the id. */
    public String siteLabel(String id) {
        String wanted = id == null ? "" : id;
        return sites.stream().filter(s -> s.id().equals(wanted)).findFirst().map(Site::toString).orElse(wanted);
    }

    /** Next sends the request: it says so ("Provision"). */
    @Override
    public ObservableStringValue nextLabelProperty() {
        return nextLabel;
    }

    public ObjectProperty<NovacoreEnvironment> environmentProperty() {
        return signIn.environmentProperty();
    }

    public StringProperty customUrlProperty() {
        return signIn.customUrlProperty();
    }

    public StringProperty tokenTextProperty() {
        return signIn.tokenTextProperty();
    }

    public StringProperty tokenInfoProperty() {
        return signIn.tokenInfoProperty();
    }

    public ReadOnlyObjectProperty<AccessToken> tokenProperty() {
        return signIn.tokenProperty();
    }

    public void signInWithKey(Path keyFile) {
        signIn.signInWithKey(keyFile);
    }

    public ObservableList<Site> sites() {
        return sites;
    }

    public StringProperty siteIdProperty() {
        return siteId;
    }

    public ReadOnlyStringProperty gatewaySerialProperty() {
        return gatewaySerial.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hardwareIdProperty() {
        return hardwareId.getReadOnlyProperty();
    }

    public StringProperty deviceTypeProperty() {
        return deviceType;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty manufacturerProperty() {
        return manufacturer;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public ObservableList<DerEntryRow> ders() {
        return ders;
    }

    public ObservableList<Outbox.Entry> outboxEntries() {
        return outboxEntries;
    }

    public StringProperty outboxNoticeProperty() {
        return outboxNotice;
    }

    public StringProperty siteWarningProperty() {
        return siteWarning;
    }

    public StringProperty keyStatusProperty() {
        return signIn.keyStatusProperty();
    }

    public BooleanProperty loadingSitesProperty() {
        return loadingSites;
    }
}
