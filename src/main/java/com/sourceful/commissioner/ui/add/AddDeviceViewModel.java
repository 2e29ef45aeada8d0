package com.sourceful.commissioner.ui.add;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import com.sourceful.commissioner.commissioning.ConnectionSchemas;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.ui.ErrorMessages;
import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.ui.Tasks;
import com.sourceful.commissioner.ui.ZapClients;
import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.SupportedProfile;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/** Step 2: choose a profile, fill its form (from the Zap's own schema), and add the device to the Zap. */
public final class AddDeviceViewModel implements WizardStep {

    /** A profile as offered in the list, with its group for grouping and for Novacore's device type. */
    public record ProfileChoice(String profile, String displayName, ProfileCatalogue.Group group, List<String> connectionTypes) {
        @Override
        public String toString() {
            return displayName;
        }
    }

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;

    private final ObservableList<ProfileChoice> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileChoice> profile = new SimpleObjectProperty<>();
    private final ObservableList<String> connectionTypes = FXCollections.observableArrayList();
    private final ObjectProperty<String> connectionType = new SimpleObjectProperty<>();
    private final ObservableList<FormField> fields = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty adding = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty fieldsValid = new SimpleBooleanProperty();
    private final BooleanBinding ready;
    private List<ConnectionTypeSpec> schema = ConnectionSchemas.builtIn();
    private String loadedFor;
    private Tasks.Handle running;

    public AddDeviceViewModel(Tasks tasks, ZapClients clients, CommissioningSession session) {
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
        busy.bind(loading.or(adding));
        ready = Bindings.createBooleanBinding(() -> profile.get() != null && connectionType.get() != null
                && fieldsValid.get(), profile, connectionType, fieldsValid);
        profile.addListener((o, was, now) -> {
            connectionTypes.setAll(now == null ? List.of() : now.connectionTypes());
            connectionType.set(connectionTypes.isEmpty() ? null : connectionTypes.get(0));
            rebuildFields();
        });
        connectionType.addListener((o, was, now) -> rebuildFields());
    }

    @Override
    public void enter() {
        error.set("");
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        if (gateway.serial().equals(loadedFor)) {
            return;
        }
        loading.set(true);
        status.set(Messages.get("add.status.loading"));
        ZapClient client = clients.forZap(gateway.baseUri());
        running = tasks.run(() -> {
            List<SupportedProfile> supported = client.supportedProfiles();
            List<ConnectionTypeSpec> types;
            try {
                types = client.connectionTypes();
            } catch (ZapException e) {
                types = List.of();
            }
            return new Object[] {supported, types};
        }, result -> {
            @SuppressWarnings("unchecked")
            List<SupportedProfile> supported = (List<SupportedProfile>) result[0];
            @SuppressWarnings("unchecked")
            List<ConnectionTypeSpec> types = (List<ConnectionTypeSpec>) result[1];
            loading.set(false);
            loadedFor = gateway.serial();
            schema = types.isEmpty() ? ConnectionSchemas.builtIn() : types;
            profiles.setAll(supported.stream().map(p -> new ProfileChoice(p.profile(), p.displayName(),
                    ProfileCatalogue.Group.ofZapGroup(p.group()), p.connectionTypes())).toList());
            status.set(types.isEmpty() ? Messages.get("add.status.builtInSchema")
                    : Messages.get("add.status.fromZap", profiles.size()));
            selectFirstIfNone();
        }, e -> {
            loading.set(false);
            // The Zap would not say what it supports: offer what the documents say, and tell the technician.
            schema = ConnectionSchemas.builtIn();
            profiles.setAll(ProfileCatalogue.builtIn().stream()
                    .map(p -> new ProfileChoice(p.id(), p.displayName(), p.group(), p.connectionTypes())).toList());
            status.set(Messages.get("add.status.builtIn", ErrorMessages.of(e)));
            selectFirstIfNone();
        });
    }

    private void selectFirstIfNone() {
        if (profile.get() == null || !profiles.contains(profile.get())) {
            profile.set(profiles.isEmpty() ? null : profiles.get(0));
        }
    }

    private void rebuildFields() {
        List<FormField> built = new ArrayList<>();
        String type = connectionType.get();
        if (type != null) {
            schema.stream().filter(s -> s.type().equals(type)).findFirst().ifPresent(spec -> {
                for (ConnectionTypeSpec.Parameter p : spec.parameters()) {
                    // The profile is chosen above the form, not typed.
                    if (!p.name().equals("profile") && !p.name().equals("type")) {
                        built.add(new FormField(type, p));
                    }
                }
            });
        }
        fields.setAll(built);
        fields.forEach(f -> f.problemProperty().addListener((o, a, b) -> updateValidity()));
        updateValidity();
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

    @Override
    public void next(Runnable proceed) {
        CommissioningSession.Gateway gateway = session.gateway().orElseThrow();
        DeviceConfig config = config();
        ProfileChoice choice = profile.get();
        adding.set(true);
        error.set("");
        status.set(Messages.get("add.status.adding", gateway.serial()));
        ZapClient client = clients.forZap(gateway.baseUri());
        running = tasks.run(() -> client.addDevice(config), (AddedDevice added) -> {
            adding.set(false);
            status.set(Messages.get("add.status.added", added.sn(), added.ders().size()));
            session.deviceAdded(CommissioningSession.Device.of(added, choice.profile(), choice.group(),
                    choice.displayName(), DeviceConfig.of(config.type(), config.redacted())));
            proceed.run();
        }, e -> {
            adding.set(false);
            status.set("");
            error.set(describe(e));
        });
    }

    private static String describe(Throwable e) {
        if (e instanceof ZapException z && z.kind() == ZapException.Kind.REJECTED) {
            return switch (z.status()) {
                case 400 -> Messages.get("add.error.400", z.field().orElse("?"), z.serverMessage().orElse(""));
                case 409 -> Messages.get("add.error.409", z.field().filter(f -> f.startsWith("sn:"))
                        .map(f -> f.substring(3)).orElse("?"));
                case 503 -> Messages.get("add.error.503", z.serverMessage().orElse(""));
                default -> ErrorMessages.zap(z);
            };
        }
        if (e instanceof java.util.concurrent.CancellationException) {
            return Messages.get("add.error.cancelled");
        }
        if (e instanceof ZapException z && z.kind() == ZapException.Kind.TIMEOUT) {
            return Messages.get("add.error.timeout");
        }
        return ErrorMessages.of(e);
    }

    @Override
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public ObservableBooleanValue readyProperty() {
        return ready;
    }

    @Override
    public ObservableBooleanValue busyProperty() {
        return busy;
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

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty addingProperty() {
        return adding;
    }
}
