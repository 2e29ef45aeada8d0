package com.sourceful.commissioner.ui.find;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

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
import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.ui.AppConfig;
import com.sourceful.commissioner.ui.ErrorMessages;
import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.ui.Tasks;
import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.zap.ZapClient;

/** Step 1: Zaps found by mDNS, remembered or typed, confirmed and merged by serial. */
public final class FindViewModel implements WizardStep {

    private final Tasks tasks;
    private final AppConfig config;
    private final CommissioningSession session;
    private final Supplier<ZapDiscovery> discoveryFactory;

    private final ObservableList<FoundZap> zaps = FXCollections.observableArrayList();
    private final ObjectProperty<FoundZap> selected = new SimpleObjectProperty<>();
    private final StringProperty typedAddress = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanBinding ready = selected.isNotNull();
    private final BooleanBinding typedValid = Bindings.createBooleanBinding(() -> isValidAddress(typedAddress.get()), typedAddress);
    private ZapDiscovery discovery;

    public FindViewModel(Tasks tasks, AppConfig config, CommissioningSession session,
                         Supplier<ZapDiscovery> discoveryFactory) {
        this.tasks = tasks;
        this.config = config;
        this.session = session;
        this.discoveryFactory = discoveryFactory;
    }

    @Override
    public void enter() {
        if (discovery != null) {
            return;
        }
        discovery = discoveryFactory.get();
        searching.set(true);
        status.set(Messages.get("find.status.starting"));
        discovery.start(config.discovery(), new ZapDiscovery.Listener() {
            @Override
            public void zapUpdated(FoundZap zap) {
                tasks.onUiThread(() -> found(zap));
            }

            @Override
            public void reportChanged(DiscoveryReport report) {
                tasks.onUiThread(() -> reported(report));
            }
        });
    }

    private void reported(DiscoveryReport report) {
        if (zaps.isEmpty()) {
            status.set(report.multicastSent()
                    ? Messages.get("find.status.searching", report.mdnsInterfaces().size())
                    : Messages.get("find.status.noMulticast"));
        }
    }

    private void found(FoundZap zap) {
        zaps.removeIf(z -> z.serial().equals(zap.serial()));
        zaps.add(zap);
        zaps.sort(Comparator.comparing(FoundZap::serial));
        if (selected.get() != null && selected.get().serial().equals(zap.serial())) {
            selected.set(zap);
        }
        if (selected.get() == null && zaps.size() == 1) {
            selected.set(zap);
        }
        status.set(Messages.get("find.status.found", zaps.size()));
    }

    /** Checks the typed address now, e.g. "192.168.1.20" or "zap.local:8080". */
    public void checkTypedAddress() {
        if (!typedValid.get() || checking.get()) {
            return;
        }
        URI uri = ZapClient.baseUriOf(typedAddress.get());
        checking.set(true);
        error.set("");
        tasks.run(() -> discovery.confirm(uri, FoundZap.Source.TYPED), zap -> {
            checking.set(false);
            found(zap);
            selected.set(zaps.stream().filter(z -> z.serial().equals(zap.serial())).findFirst().orElse(zap));
        }, e -> {
            checking.set(false);
            error.set(Messages.get("find.error.typed", typedAddress.get(), ErrorMessages.of(e)));
        });
    }

    static boolean isValidAddress(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            URI uri = ZapClient.baseUriOf(text);
            return uri.getHost() != null && (uri.getPort() == -1 || (uri.getPort() > 0 && uri.getPort() <= 65535));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void next(Runnable proceed) {
        FoundZap zap = selected.get();
        session.selectGateway(new CommissioningSession.Gateway(zap.serial(), zap.baseUri(), zap.firmwareVersion()));
        proceed.run();
    }

    /** Stops mDNS; closing jmDNS takes seconds, so it happens in the background. */
    public void shutdown() {
        ZapDiscovery d = discovery;
        discovery = null;
        if (d != null) {
            tasks.run(() -> {
                d.close();
                return null;
            }, x -> { }, e -> { });
        }
    }

    @Override
    public ObservableBooleanValue readyProperty() {
        return ready;
    }

    @Override
    public ObservableBooleanValue busyProperty() {
        return checking;
    }

    public ObservableList<FoundZap> zaps() {
        return zaps;
    }

    public List<FoundZap> zapsSnapshot() {
        return List.copyOf(zaps);
    }

    public ObjectProperty<FoundZap> selectedProperty() {
        return selected;
    }

    public StringProperty typedAddressProperty() {
        return typedAddress;
    }

    public BooleanBinding typedAddressValidProperty() {
        return typedValid;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty searchingProperty() {
        return searching;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }
}
