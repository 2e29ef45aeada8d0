package com.sourceful.commissioner.ui.add;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ConnectionSchemas;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.commissioning.ZapOffer;
import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.devicescan.FoundDeviceForm;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.preflight.Preflight;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.wizard.StepViewModel;
import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapDevice;
import com.sourceful.commissioner.zap.ZapException;

/**
 * Step 2: choose a profile, fill its form (from the Zap's own schema, with vendor defaults and hints), check the
 * connection from the laptop, and add the device to the Zap. The Zap's existing devices can be opened or removed.
 */
public final class AddDeviceViewModel extends StepViewModel {

    /** A profile as offered in the list, with its group for grouping and for Novacore's device type. */
    public record ProfileChoice(String profile, String displayName, ProfileCatalogue.Group group, List<String> connectionTypes) {
        @Override
        public String toString() {
            return displayName;
        }
    }

    /** A device the scan found, and the device on the Zap at the same address, port and unit id, if any. */
    public record FoundRow(FoundDevice device, Optional<String> onZapSn) {
        public boolean onZap() {
            return onZapSn.isPresent();
        }

        /** For a broker that did not tell whose it is: the profile its port suggests, to be shown as a guess. */
        public Optional<String> profileGuess() {
            return FoundDeviceForm.guessByPort(device);
        }
    }

    /** Until the app is given a real scanner: "Find devices" says the scan is not available here. */
    public static final Supplier<DeviceScanner> NO_DEVICE_SCANNER = () -> new DeviceScanner() {
        @Override
        public Report scan(Options options, Listener listener) {
            throw new UnsupportedOperationException("no device scanner in this build");
        }

        @Override
        public void cancel() {
        }
    };
    /** Short: a LAN device answers within milliseconds; a silent address should not hold the scan. */
    public static final Duration SCAN_CONNECT_TIMEOUT = Duration.ofMillis(500);
    /** Hosts scanned at once; each gets at most one connection at a time. */
    public static final int SCAN_PARALLEL_HOSTS = 16;

    /** A Zap that could not list its profiles or connection types is asked again after this long. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;
    private final Supplier<Map<String, Map<String, String>>> prefill;

    private final ObservableList<ProfileChoice> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileChoice> profile = new SimpleObjectProperty<>();
    private final ObservableList<String> connectionTypes = FXCollections.observableArrayList();
    private final ObjectProperty<String> connectionType = new SimpleObjectProperty<>();
    private final ObservableList<FormField> fields = FXCollections.observableArrayList();
    private final ObservableList<ZapDevice> devices = FXCollections.observableArrayList();
    private final StringProperty hint = new SimpleStringProperty("");
    private final StringProperty preflight = new SimpleStringProperty("");
    private final ObjectProperty<PreflightResult.Outcome> preflightOutcome = new SimpleObjectProperty<>();
    private final StringProperty nextLabel = new SimpleStringProperty("");
    private final StringProperty conflictingSn = new SimpleStringProperty("");
    private final StringProperty devicesProblem = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty adding = new SimpleBooleanProperty();
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanProperty fieldsValid = new SimpleBooleanProperty();
    private List<ConnectionTypeSpec> schema = ConnectionSchemas.builtIn();
    private String loadedFor;
    private Tasks.Handle running;
    /** The config whose preflight failed: Next then adds it anyway, as the technician decided. */
    private DeviceConfig failedPreflight;
    /** How long before the Zap is asked again for what it could not list. */
    private final Duration retryAfter;
    private Tasks.Handle retry;
    private boolean offerInFlight;
    private boolean active;

    private Supplier<DeviceScanner> scanners;
    private final ObservableList<FoundDevice> foundDevices = FXCollections.observableArrayList();
    private final ObservableList<FoundRow> foundRows = FXCollections.observableArrayList();
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final StringProperty scanStatus = new SimpleStringProperty("");
    private final StringProperty scanNote = new SimpleStringProperty("");
    private DeviceScanner scanner;
    private Tasks.Handle scanRun;
    /** Which scan the results arriving belong to: those of a stopped scan are dropped. */
    private int scanNumber;
    /** The result the form was filled from: its identity goes on to Provision while the form still holds it. */
    private FoundDevice filledFrom;

    public AddDeviceViewModel(Tasks tasks, ZapClients clients, CommissioningSession session) {
        this(tasks, clients, session, Map.of());
    }

    /** @param prefill per connection type, values to start the form from (demo mode's stand-ins) */
    public AddDeviceViewModel(Tasks tasks, ZapClients clients, CommissioningSession session,
                              Map<String, Map<String, String>> prefill) {
        this(tasks, clients, session, () -> prefill, RETRY_AFTER);
    }

    /**
     * @param prefill    as above, read each time a form is built (demo mode knows it once its stand-ins run)
     * @param retryAfter how long before the Zap is asked again for a list it could not send (tests: shorter)
     */
    public AddDeviceViewModel(Tasks tasks, ZapClients clients, CommissioningSession session,
                              Supplier<Map<String, Map<String, String>>> prefill, Duration retryAfter) {
        this(tasks, clients, session, prefill, retryAfter, NO_DEVICE_SCANNER);
    }

    /** @param scanners makes the scanner of "Find devices on this network" (one per scan) */
    public AddDeviceViewModel(Tasks tasks, ZapClients clients, CommissioningSession session,
                              Supplier<Map<String, Map<String, String>>> prefill, Duration retryAfter,
                              Supplier<DeviceScanner> scanners) {
        this.scanners = scanners;
        this.retryAfter = retryAfter;
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
        this.prefill = prefill;
        busyWhen(loading.or(adding).or(checking).or(scanning));
        // "Already on this Zap" follows the Zap's list, which is read again after every add and removal.
        devices.addListener((ListChangeListener<ZapDevice>) c -> updateFoundRows());
        foundDevices.addListener((ListChangeListener<FoundDevice>) c -> updateFoundRows());
        readyWhen(Bindings.createBooleanBinding(() -> profile.get() != null && connectionType.get() != null
                && fieldsValid.get(), profile, connectionType, fieldsValid));
        profile.addListener((o, was, now) -> {
            // The same profile again, from a list the Zap sent later: keep the connection type and what was typed.
            boolean sameProfile = was != null && now != null && was.profile().equals(now.profile());
            String keepType = sameProfile && now.connectionTypes().contains(connectionType.get()) ? connectionType.get() : null;
            Map<String, String> typed = keepType == null ? Map.of() : typedTexts();
            if (!sameProfile) {
                // A 409 and its "open the device" button were about the device of the profile before.
                clearError();
                conflictingSn.set("");
            }
            connectionTypes.setAll(now == null ? List.of() : now.connectionTypes());
            connectionType.set(keepType != null ? keepType : connectionTypes.isEmpty() ? null : connectionTypes.get(0));
            rebuildFields();
            restoreTexts(typed);
        });
        connectionType.addListener((o, was, now) -> rebuildFields());
    }

    @Override
    public void enter() {
        clearError();
        conflictingSn.set("");
        active = true;
        cancelRetry();
        if (!offerInFlight) {
            loadOffer(false);
        }
    }

    @Override
    public void leave() {
        active = false;
        cancelRetry();
    }

    /**
     * "Add another device": the form as on the first visit (the first profile offered, its defaults), with nothing
     * left of the device added before: no typed values, preflight result, error or status.
     */
    @Override
    public void startAfresh() {
        clearError();
        conflictingSn.set("");
        statusProperty().set("");
        failedPreflight = null;
        profile.set(null);
        selectFirstIfNone();
        configChanged();
    }

    /**
     * Asks the Zap for its profiles and connection types: on every visit (two small answers), and again by itself
     * ({@code quiet}: no busy state, Next stays usable) while the step is shown and the last answer was not complete.
     * What the technician chose and typed stays as long as the profile is still offered.
     */
    private void loadOffer(boolean quiet) {
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        boolean known = gateway.serial().equals(loadedFor);
        offerInFlight = true;
        if (!quiet) {
            loading.set(true);
            if (!known) {
                statusProperty().set(Messages.get("add.status.loading"));
            }
        }
        ZapClient client = clients.forZap(gateway.baseUri());
        Tasks.Handle handle = tasks.job(() -> ZapOffer.ask(client)).andFinally(() -> {
            offerInFlight = false;
            loading.set(false);
        }).onSuccess(offer -> offered(gateway, offer)).onFailure(e -> notOffered(known, quiet, e)).start();
        if (!quiet) {
            running = handle; // Esc cancels what the technician waits for, not a quiet re-ask
        }
    }

    /** What the Zap offers replaces the list; the choice and what was typed stay where the form is the same. */
    private void offered(CommissioningSession.Gateway gateway, ZapOffer offer) {
        loadedFor = gateway.serial();
        Map<String, String> typed = typedTexts();
        String formBefore = formKey();
        List<ConnectionTypeSpec> before = schema;
        schema = offer.schema();
        List<ProfileChoice> choices = offer.supported().stream().map(p -> new ProfileChoice(p.profile(),
                p.displayName(), ProfileCatalogue.Group.ofZapGroup(p.group()), p.connectionTypes())).toList();
        if (!profiles.equals(choices)) {
            profiles.setAll(choices);
        }
        statusProperty().set(offer.typesProblem().isPresent()
                ? Messages.get("add.status.builtInSchemaWhy", ErrorMessages.of(offer.typesProblem().get()))
                : offer.types().isEmpty() ? Messages.get("add.status.builtInSchema")
                : Messages.get("add.status.fromZap", profiles.size()));
        selectFirstIfNone();
        if (!schema.equals(before)) {
            rebuildFields();
            if (formKey().equals(formBefore)) {
                restoreTexts(typed);
            }
        }
        refreshDevices();
        if (offer.typesProblem().isPresent()) {
            retryLater();
        }
    }

    /** The Zap did not list its profiles: keep the list it sent before, or offer the documented ones. */
    private void notOffered(boolean known, boolean quiet, Throwable e) {
        retryLater();
        if (known) {
            // The Zap listed its profiles before: keep that list, the choice and the form, and say why.
            statusProperty().set(Messages.get("add.status.keptOffer", ErrorMessages.of(e)));
            if (!quiet) {
                refreshDevices();
            }
            return;
        }
        // The Zap would not say what it supports: offer what the documents say, and tell the technician.
        if (!quiet || profiles.isEmpty()) {
            schema = ConnectionSchemas.builtIn();
            profiles.setAll(ProfileCatalogue.builtIn().stream()
                    .map(p -> new ProfileChoice(p.id(), p.displayName(), p.group(), p.connectionTypes())).toList());
            selectFirstIfNone();
        }
        statusProperty().set(Messages.get("add.status.builtIn", ErrorMessages.of(e)));
    }

    /** The Zap's answer was not complete: ask again after a while, as long as the step is shown. */
    private void retryLater() {
        cancelRetry();
        if (active) {
            retry = tasks.after(retryAfter, () -> {
                retry = null;
                if (active && !offerInFlight) {
                    loadOffer(true);
                }
            });
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }

    /** Keeps the chosen profile (by id) when the list is replaced; the first one when there was none. */
    private void selectFirstIfNone() {
        ProfileChoice current = profile.get();
        if (current == null || !profiles.contains(current)) {
            ProfileChoice first = profiles.isEmpty() ? null : profiles.get(0);
            profile.set(current == null ? first : profiles.stream()
                    .filter(p -> p.profile().equals(current.profile())).findFirst().orElse(first));
        }
    }

    /** Which form is shown: profile and connection type. */
    private String formKey() {
        return (profile.get() == null ? "" : profile.get().profile()) + "/" + connectionType.get();
    }

    /** What the form holds now, by field name. */
    private Map<String, String> typedTexts() {
        Map<String, String> out = new HashMap<>();
        fields.forEach(f -> {
            if (f.textProperty().get() != null) {
                out.put(f.name(), f.textProperty().get());
            }
        });
        return out;
    }

    private void restoreTexts(Map<String, String> typed) {
        fields.forEach(f -> Optional.ofNullable(typed.get(f.name())).ifPresent(f.textProperty()::set));
    }

    private void rebuildFields() {
        List<FormField> built = new ArrayList<>();
        String type = connectionType.get();
        ProfileChoice choice = profile.get();
        if (type != null) {
            Map<String, String> vendor = new HashMap<>(
                    choice == null ? Map.of() : ProfileCatalogue.vendorDefaults(choice.profile(), type));
            vendor.putAll(prefill.get().getOrDefault(type, Map.of()));
            schema.stream().filter(s -> s.type().equals(type)).findFirst().ifPresent(spec -> {
                for (ConnectionTypeSpec.Parameter p : spec.parameters()) {
                    // The profile is chosen above the form, not typed.
                    if (!p.name().equals("profile") && !p.name().equals("type")) {
                        FormField field = new FormField(type, p);
                        Optional.ofNullable(vendor.get(p.name())).ifPresent(field.textProperty()::set);
                        built.add(field);
                    }
                }
            });
        }
        fields.setAll(built);
        fields.forEach(f -> {
            f.problemProperty().addListener((o, a, b) -> updateValidity());
            f.textProperty().addListener((o, a, b) -> configChanged());
        });
        hint.set(choice == null || type == null ? "" : ProfileCatalogue.hintKey(choice.profile(), type)
                .map(Messages::get).orElse(""));
        configChanged();
        updateValidity();
    }

    private void configChanged() {
        failedPreflight = null;
        preflight.set("");
        preflightOutcome.set(null);
        nextLabel.set("");
    }

    private void updateValidity() {
        fieldsValid.set(fields.stream().allMatch(FormField::valid));
    }

    /** The config as it will be sent. */
    public DeviceConfig config() {
        Map<String, Object> values = new LinkedHashMap<>();
        ProfileChoice p = profile.get();
        boolean schemaHasProfile = schema.stream().filter(s -> s.type().equals(connectionType.get()))
                .flatMap(s -> s.parameters().stream()).anyMatch(par -> par.name().equals("profile"));
        if (schemaHasProfile) {
            values.put("profile", p.profile());
        }
        for (FormField f : fields) {
            f.value().ifPresent(v -> values.put(f.name(), v));
        }
        return DeviceConfig.of(connectionType.get(), values);
    }

    // ---- preflight ------------------------------------------------------------------------------------------

    /** "Test connection": the laptop-side check alone. */
    public void testConnection() {
        if (!readyProperty().get() || busyProperty().get()) {
            return;
        }
        runPreflight(config(), result -> { });
    }

    private void runPreflight(DeviceConfig config, Consumer<PreflightResult> then) {
        checking.set(true);
        clearError();
        // Many inverters serve one Modbus TCP client at a time, so the technician should know the check lets go at once.
        preflight.set(Messages.get("modbus_tcp".equals(config.type()) ? "preflight.running.modbus" : "preflight.running"));
        preflightOutcome.set(null);
        running = tasks.job(() -> Preflight.check(config, Preflight.DEFAULT_TIMEOUT))
                .andFinally(() -> checking.set(false))
                .onSuccess(result -> {
                    // Kept for the hand-over report; it belongs to the device added next.
                    session.preflightChecked(result);
                    showPreflight(result);
                    if (result.outcome() == PreflightResult.Outcome.FAILED) {
                        failedPreflight = config;
                        nextLabel.set(Messages.get("mnemonic.add.addAnyway"));
                    }
                    then.accept(result);
                })
                // Only a config the form let through but the check cannot use (it validates first) fails so.
                .on(IllegalArgumentException.class,
                        e -> preflight.set(Messages.get("preflight.unusable", e.getMessage())))
                .onFailure(e -> preflight.set(ErrorMessages.of(e)))
                .start();
    }

    private void showPreflight(PreflightResult result) {
        preflightOutcome.set(result.outcome());
        String sentence = PreflightText.describe(result);
        if (result.outcome() == PreflightResult.Outcome.FAILED && !hint.get().isEmpty()) {
            sentence += " " + hint.get();
        }
        preflight.set(sentence);
    }

    // ---- adding ---------------------------------------------------------------------------------------------

    @Override
    public void next(Runnable proceed) {
        DeviceConfig config = config();
        if (config.equals(failedPreflight)) {
            add(config, proceed);
            return;
        }
        runPreflight(config, result -> {
            if (result.outcome() != PreflightResult.Outcome.FAILED) {
                add(config, proceed);
            }
        });
    }

    private void add(DeviceConfig config, Runnable proceed) {
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        ProfileChoice choice = profile.get();
        adding.set(true);
        clearError();
        conflictingSn.set("");
        statusProperty().set(Messages.get("add.status.adding", gateway.serial()));
        ZapClient client = clients.forZap(gateway.baseUri());
        running = tasks.job(() -> client.addDevice(config))
                .andFinally(() -> adding.set(false))
                .onSuccess(added -> {
                    statusProperty().set(Messages.get("add.status.added", added.sn(), added.ders().size()));
                    session.identityFound(identityForForm());
                    session.deviceAdded(CommissioningSession.Device.of(added, choice.profile(), choice.group(),
                            choice.displayName(), config.withoutSecrets()));
                    failedPreflight = null;
                    nextLabel.set("");
                    // The list below the form counts the new device, also when the technician comes back.
                    refreshDevices();
                    proceed.run();
                })
                .on(ZapException.class, z -> {
                    addFailed(z);
                    if (z.status() == 409) {
                        z.conflictingSerial().ifPresent(conflictingSn::set);
                        refreshDevices();
                    } else if (z.kind() != ZapException.Kind.REJECTED) {
                        // The answer was lost, not a refusal: the Zap may have added the device all the same.
                        refreshDevices();
                    }
                })
                .onFailure(this::addFailed)
                .start();
    }

    private void addFailed(Throwable e) {
        statusProperty().set("");
        showError(AddErrorText.describe(e), e);
    }

    // ---- the Zap's devices ----------------------------------------------------------------------------------

    /** Re-reads the Zap's device list (old and new firmware shapes). */
    public void refreshDevices() {
        session.gateway().ifPresent(gateway -> {
            ZapClient client = clients.forZap(gateway.baseUri());
            tasks.job(client::devices).onSuccess(list -> {
                devicesProblem.set("");
                devices.setAll(list);
            }).onFailure(e -> devicesProblem.set(Messages.get("add.devices.failed", ErrorMessages.of(e)))).start();
        });
    }

    /** The device the Zap already has, to verify and provision it instead of adding it again. */
    public void openExisting(ZapDevice device) {
        String profileId = ProfileCatalogue.profileOf(device);
        ProfileChoice choice = profiles.stream().filter(p -> p.profile().equals(profileId)).findFirst()
                .orElseGet(() -> ProfileCatalogue.find(profileId)
                        .map(p -> new ProfileChoice(p.id(), p.displayName(), p.group(), p.connectionTypes()))
                        .orElse(new ProfileChoice(profileId, profileId.isEmpty() ? device.sn() : profileId,
                                ProfileCatalogue.Group.INVERTER, List.of())));
        // Opened, not added here: a preflight or scan result of the form is not this device's.
        session.preflightChecked(null);
        session.identityFound(null);
        session.deviceAdded(new CommissioningSession.Device(device.sn(), choice.profile(), choice.group().zapGroup(),
                choice.displayName(), device.configWithoutSecrets(), device.ders()));
    }

    public Optional<ZapDevice> deviceWithSn(String sn) {
        return devices.stream().filter(d -> d.sn().equals(sn)).findFirst();
    }

    /** Removes a device from the Zap (the view asks for confirmation first). */
    public void remove(ZapDevice device) {
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        adding.set(true);
        clearError();
        tasks.job(() -> {
            client.removeDevice(device.sn());
            return Instant.now();
        }).andFinally(() -> adding.set(false)).onSuccess(removedAt -> {
            // Recorded as soon as the Zap confirms, whether or not the list can be read again after it.
            session.deviceRemoved(device.sn(), device.profile().orElse(""), removedAt);
            devices.remove(device);
            statusProperty().set(Messages.get("add.devices.removed", device.sn()));
            if (device.sn().equals(conflictingSn.get())) {
                conflictingSn.set("");
            }
            refreshDevices();
        }).onFailure(e -> showError(Messages.get("add.devices.removeFailed", device.sn(), ErrorMessages.of(e)), e))
                .start();
    }

    @Override
    public void cancel() {
        if (scanning.get()) {
            stopScan();
        }
        if (running != null) {
            running.cancel();
        }
    }

    // ---- finding devices on the LAN -------------------------------------------------------------------------

    /** Swaps the scanner (demo mode and tests: a stand-in); the next scan uses it. */
    public void useScanner(Supplier<DeviceScanner> scanners) {
        this.scanners = scanners;
    }

    /** "Find devices on this network": the /24 around the Zap's address, results shown as they are found. */
    public void findDevices() {
        if (scanning.get()) {
            return;
        }
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        String host = gateway.baseUri().getHost();
        DeviceScanner thisScan = scanners.get();
        int number = ++scanNumber;
        scanner = thisScan;
        foundDevices.clear();
        scanNote.set("");
        scanning.set(true);
        scanStatus.set(Messages.get("add.scan.starting", host));
        DeviceScanner.Listener listener = new DeviceScanner.Listener() {
            @Override
            public void found(FoundDevice device) {
                tasks.onUiThread(() -> {
                    if (number == scanNumber) {
                        foundDevices.add(device);
                    }
                });
            }

            @Override
            public void progress(DeviceScanner.Progress progress) {
                tasks.onUiThread(() -> {
                    if (number == scanNumber && scanning.get()) {
                        scanStatus.set(Messages.get("add.scan.progress", progress.hostsDone(), progress.hostsTotal(),
                                foundDevices.size()));
                    }
                });
            }
        };
        scanRun = tasks.job(() -> {
            // The Zap's address may be a name (mDNS): looked up here, off the UI thread.
            Subnet subnet = FoundDeviceForm.around(InetAddress.getByName(host));
            return thisScan.scan(new DeviceScanner.Options(List.of(subnet), SCAN_CONNECT_TIMEOUT,
                    SCAN_PARALLEL_HOSTS), listener);
        }).andFinally(() -> {
            if (number == scanNumber) {
                scanning.set(false);
            }
        }).onSuccess(report -> {
            if (number != scanNumber) {
                return;
            }
            // The report is complete; a result told just before the end may not have reached the list yet.
            report.devices().stream().filter(d -> !foundDevices.contains(d)).forEach(foundDevices::add);
            scanStatus.set(Messages.get(report.cancelled() ? "add.scan.stopped" : "add.scan.done",
                    foundDevices.size(), report.hostsProbed(), report.took().toMillis() / 1000.0));
        }).on(CancellationException.class, e -> {
            if (number == scanNumber) {
                scanStatus.set(Messages.get("add.scan.stopped", foundDevices.size(), 0, 0.0));
            }
        }).on(UnsupportedOperationException.class, e -> scanStatus.set(Messages.get("add.scan.unavailable")))
                .onFailure(e -> scanStatus.set(Messages.get("add.scan.failed", ErrorMessages.of(e)))).start();
    }

    /** Esc or Cancel during a scan: the scanner lets go (within about a second); what it found stays. */
    private void stopScan() {
        if (scanner != null) {
            scanner.cancel();
        }
        scanning.set(false);
        scanNumber++;
        scanStatus.set(Messages.get("add.scan.stoppedNow", foundDevices.size()));
        if (scanRun != null) {
            scanRun.cancel();
        }
    }

    private void updateFoundRows() {
        foundRows.setAll(foundDevices.stream().map(d -> new FoundRow(d,
                FoundDeviceForm.onZap(d, devices).map(ZapDevice::sn))).toList());
    }

    /**
     * "Add this device": fills profile, connection and the form from the result, and keeps what the device said
     * about itself for Provision. A result the form cannot take (a logger port, an unknown broker, a device the Zap
     * has no profile for) is explained instead.
     */
    public void fillFrom(FoundDevice device) {
        FoundDeviceForm.Fill fill = FoundDeviceForm.fill(device);
        Optional<String> profileId = FoundDeviceForm.profile(device);
        Optional<ProfileChoice> choice = profileId.flatMap(this::profileNamed);
        Optional<String> type = FoundDeviceForm.connectionType(device);
        if (type.isEmpty()) {
            scanNote.set(Messages.get("add.scan.needs." + fill.name().toLowerCase(Locale.ROOT),
                    device.address() + ":" + device.port()));
            return;
        }
        if (choice.isEmpty() || !choice.get().connectionTypes().contains(type.get())) {
            scanNote.set(Messages.get("add.scan.notOffered", profileId.orElse("")));
            return;
        }
        profile.set(choice.get());
        connectionType.set(type.get());
        FoundDeviceForm.values(device).forEach((name, value) ->
                field(name).ifPresent(f -> f.textProperty().set(value)));
        filledFrom = device;
        // A profile guessed from the port is said to be one: the scan did not tell whose broker it is.
        scanNote.set(fill == FoundDeviceForm.Fill.MQTT_FORM_GUESSED_BY_PORT
                ? Messages.get("add.scan.filled.guess", device.address() + ":" + device.port(),
                        choice.get().displayName())
                : Messages.get(fill == FoundDeviceForm.Fill.MODBUS_FORM ? "add.scan.filled"
                        : "add.scan.filled.credentials", device.address() + ":" + device.port()));
    }

    /** What the scan read from the device the form still holds; empty when the form was changed to another. */
    private CommissioningSession.Identity identityForForm() {
        if (filledFrom == null || !filledFrom.profile().map(p -> profile.get() != null
                && p.equals(profile.get().profile())).orElse(false)) {
            return null;
        }
        boolean same = FoundDeviceForm.values(filledFrom).entrySet().stream().allMatch(e -> field(e.getKey())
                .map(f -> e.getValue().equals(f.textProperty().get() == null ? "" : f.textProperty().get().strip()))
                .orElse(false));
        return same ? new CommissioningSession.Identity(filledFrom.manufacturer(), filledFrom.model(),
                filledFrom.serial()) : null;
    }

    public ObservableList<FoundRow> foundRows() {
        return foundRows;
    }

    public BooleanProperty scanningProperty() {
        return scanning;
    }

    /** How far the scan is, or how it ended. */
    public StringProperty scanStatusProperty() {
        return scanStatus;
    }

    /** What "Add this device" filled, or what the result needs instead. */
    public StringProperty scanNoteProperty() {
        return scanNote;
    }

    /** The passwords typed into the form. */
    @Override
    public Collection<String> secrets() {
        return fields.stream().filter(FormField::secret).map(f -> f.textProperty().get())
                .filter(t -> t != null && !t.isBlank()).toList();
    }

    @Override
    public ObservableStringValue nextLabelProperty() {
        return nextLabel;
    }

    public ObservableList<ProfileChoice> profiles() {
        return profiles;
    }

    public ObjectProperty<ProfileChoice> profileProperty() {
        return profile;
    }

    public Optional<ProfileChoice> profileNamed(String id) {
        return profiles.stream().filter(p -> p.profile().equals(id)).findFirst();
    }

    public ObservableList<String> connectionTypes() {
        return connectionTypes;
    }

    public ObjectProperty<String> connectionTypeProperty() {
        return connectionType;
    }

    public ObservableList<FormField> fields() {
        return fields;
    }

    public Optional<FormField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public ObservableList<ZapDevice> devices() {
        return devices;
    }

    public StringProperty hintProperty() {
        return hint;
    }

    public StringProperty preflightProperty() {
        return preflight;
    }

    public ObjectProperty<PreflightResult.Outcome> preflightOutcomeProperty() {
        return preflightOutcome;
    }

    /** Why the Zap's device list could not be read; empty when it could. */
    public StringProperty devicesProblemProperty() {
        return devicesProblem;
    }

    public StringProperty conflictingSnProperty() {
        return conflictingSn;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty addingProperty() {
        return adding;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }
}
