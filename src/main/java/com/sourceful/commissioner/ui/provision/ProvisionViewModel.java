package com.sourceful.commissioner.ui.provision;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.novacore.Site;
import com.sourceful.commissioner.ui.AppConfig;
import com.sourceful.commissioner.ui.ErrorMessages;
import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.ui.Tasks;
import com.sourceful.commissioner.ui.wizard.WizardStep;

/**
 * Step 4: register the device and its DERs in Novacore. Everything the Zap told us is pre-filled; the token stays
 * in memory only.
 */
public final class ProvisionViewModel implements WizardStep {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    public static final List<String> DEVICE_TYPES = List.of("inverter", "meter", "charger");

    private final Tasks tasks;
    private final CommissioningSession session;
    private final Clock clock;

    private final ObjectProperty<NovacoreEnvironment> environment = new SimpleObjectProperty<>(NovacoreEnvironment.PRODUCTION);
    private final StringProperty customUrl = new SimpleStringProperty("");
    private final StringProperty tokenText = new SimpleStringProperty("");
    private final ObjectProperty<AccessToken> token = new SimpleObjectProperty<>();
    private final StringProperty tokenInfo = new SimpleStringProperty("");
    private final ObservableList<Site> sites = FXCollections.observableArrayList();
    private final StringProperty siteId = new SimpleStringProperty("");
    private final StringProperty gatewaySerial = new SimpleStringProperty("");
    private final StringProperty hardwareId = new SimpleStringProperty("");
    private final StringProperty deviceType = new SimpleStringProperty("inverter");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty manufacturer = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final ObservableList<DerEntryRow> ders = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty sending = new SimpleBooleanProperty();
    private final BooleanProperty loadingSites = new SimpleBooleanProperty();
    private final BooleanBinding ready;
    private NovacoreClient client;
    private String preparedFor;

    public ProvisionViewModel(Tasks tasks, AppConfig config, CommissioningSession session, Clock clock) {
        this.tasks = tasks;
        this.session = session;
        this.clock = clock;
        config.novacoreBase().ifPresent(uri -> {
            environment.set(NovacoreEnvironment.CUSTOM);
            customUrl.set(uri.toString());
        });
        tokenText.addListener((o, a, b) -> readToken());
        // The name follows "<profile> <model>", as in the seed's "Sungrow SH10RT", until the technician edits it.
        model.addListener((o, was, now) -> {
            if (name.get().equals(autoName(was))) {
                name.set(autoName(now));
            }
        });
        config.demoToken().ifPresent(tokenText::set);
        ready = Bindings.createBooleanBinding(() -> token.get() != null && baseUri().isPresent()
                        && !siteId.get().isBlank() && !ders.isEmpty()
                        && ders.stream().noneMatch(d -> d.nameProperty().get().isBlank()),
                token, siteId, environment, customUrl, ders);
    }

    @Override
    public void enter() {
        error.set("");
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        CommissioningSession.Device device = session.device().orElseThrow();
        if (!device.sn().equals(preparedFor)) {
            preparedFor = device.sn();
            gatewaySerial.set(gateway.serial());
            hardwareId.set(device.sn());
            deviceType.set(device.group().novacoreDeviceType());
            String make = ProfileCatalogue.manufacturer(device.profile());
            manufacturer.set(make);
            model.set("");
            name.set(autoName(""));
            ders.setAll(session.publishedDers().stream().map(DerEntryRow::new).toList());
            status.set("");
        }
        if (sites.isEmpty()) {
            loadSites();
        }
    }

    private String autoName(String modelText) {
        String base = session.device().map(CommissioningSession.Device::displayName).orElse("");
        return modelText == null || modelText.isBlank() ? base : base + " " + modelText.strip();
    }

    private void readToken() {
        String text = tokenText.get();
        token.set(null);
        if (text == null || text.isBlank()) {
            tokenInfo.set(Messages.get("provision.token.none"));
            return;
        }
        try {
            AccessToken t = AccessToken.parse(text);
            if (t.isExpired(clock.instant())) {
                tokenInfo.set(Messages.get("provision.token.expired",
                        t.expiresAt().map(EXPIRY::format).orElse("?")));
                return;
            }
            token.set(t);
            String who = t.identityId().orElse(Messages.get("provision.token.unknownIdentity"));
            String until = t.expiresAt().map(EXPIRY::format).orElse("?");
            tokenInfo.set(t.expiresWithin(clock.instant(), Duration.ofHours(1))
                    ? Messages.get("provision.token.expiresSoon", who, until)
                    : Messages.get("provision.token.valid", who, until));
        } catch (AccessToken.InvalidTokenException e) {
            tokenInfo.set(Messages.get("provision.token.invalid", e.getMessage()));
        }
    }

    public Optional<URI> baseUri() {
        if (environment.get() != NovacoreEnvironment.CUSTOM) {
            return Optional.of(environment.get().baseUri());
        }
        try {
            return Optional.of(NovacoreEnvironment.checkBaseUri(customUrl.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private NovacoreClient client() {
        URI uri = baseUri().orElseThrow();
        if (client == null || !client.baseUri().toString().startsWith(uri.toString())) {
            if (client != null) {
                client.close();
            }
            client = new NovacoreClient(uri, clock);
        }
        return client;
    }

    /** Lists the sites the token may see, to pick from instead of typing an id. */
    public void loadSites() {
        AccessToken t = token.get();
        if (t == null || baseUri().isEmpty() || loadingSites.get()) {
            return;
        }
        NovacoreClient c = client();
        loadingSites.set(true);
        tasks.run(() -> c.sites(t), list -> {
            loadingSites.set(false);
            sites.setAll(list);
            if (siteId.get().isBlank() && !list.isEmpty()) {
                siteId.set(list.get(0).id());
            }
        }, e -> {
            loadingSites.set(false);
            status.set(Messages.get("provision.sites.failed", ErrorMessages.of(e)));
        });
    }

    public ProvisionRequest request() {
        return new ProvisionRequest(gatewaySerial.get(), hardwareId.get(), deviceType.get(), siteId.get().strip(),
                name.get(), manufacturer.get(), model.get(),
                ders.stream().map(d -> new ProvisionRequest.DerEntry(d.nameProperty().get().strip(), d.novacoreType()))
                        .toList());
    }

    @Override
    public void next(Runnable proceed) {
        ProvisionRequest request = request();
        AccessToken t = token.get();
        NovacoreClient c = client();
        sending.set(true);
        error.set("");
        status.set(Messages.get("provision.status.sending"));
        tasks.run(() -> c.provision(request, t), (ProvisionResult result) -> {
            sending.set(false);
            status.set("");
            session.provisioned(result);
            proceed.run();
        }, e -> {
            sending.set(false);
            status.set("");
            error.set(ErrorMessages.of(e));
        });
    }

    /** The site id from a chosen list entry or as typed. */
    public void chooseSite(Site site) {
        if (site != null) {
            siteId.set(site.id());
        }
    }

    @Override
    public ObservableBooleanValue readyProperty() {
        return ready;
    }

    @Override
    public ObservableBooleanValue busyProperty() {
        return sending;
    }

    public ObjectProperty<NovacoreEnvironment> environmentProperty() {
        return environment;
    }

    public StringProperty customUrlProperty() {
        return customUrl;
    }

    public StringProperty tokenTextProperty() {
        return tokenText;
    }

    public StringProperty tokenInfoProperty() {
        return tokenInfo;
    }

    public ObjectProperty<AccessToken> tokenProperty() {
        return token;
    }

    public ObservableList<Site> sites() {
        return sites;
    }

    public StringProperty siteIdProperty() {
        return siteId;
    }

    public StringProperty gatewaySerialProperty() {
        return gatewaySerial;
    }

    public StringProperty hardwareIdProperty() {
        return hardwareId;
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

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty loadingSitesProperty() {
        return loadingSites;
    }
}
