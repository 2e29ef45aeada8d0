package com.sourceful.commissioner.ui.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.ErrorMessages;
import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.ui.Tasks;
import com.sourceful.commissioner.ui.ZapClients;
import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * Step 3: live power per DER from {@code data/json}, polled about once a second with at most one request in flight,
 * and the choice of which DERs publish. Nothing is sent to the Zap until Next.
 */
public final class VerifyViewModel implements WizardStep {

    public static final Duration POLL_PERIOD = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;

    private final ObservableList<DerLiveView> ders = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty publishing = new SimpleBooleanProperty();
    private final BooleanProperty anyPublished = new SimpleBooleanProperty();
    private final BooleanProperty metadataValid = new SimpleBooleanProperty(true);
    private final BooleanBinding ready = Bindings.createBooleanBinding(() -> anyPublished.get() && metadataValid.get(),
            anyPublished, metadataValid);
    private Tasks.Handle poller;
    private boolean inFlight;
    private long firstTimestampMs = -1;
    private String deviceSn;
    private int readings;

    public VerifyViewModel(Tasks tasks, ZapClients clients, CommissioningSession session) {
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
    }

    @Override
    public void enter() {
        CommissioningSession.Device device = session.device().orElseThrow();
        error.set("");
        if (!device.sn().equals(deviceSn)) {
            deviceSn = device.sn();
            firstTimestampMs = -1;
            readings = 0;
            ders.setAll(device.ders().stream().map(d -> new DerLiveView(d, true)).toList());
            ders.forEach(d -> {
                d.publishProperty().addListener((o, a, b) -> updateReady());
                d.metadataProblemProperty().addListener((o, a, b) -> updateReady());
            });
            updateReady();
            status.set(Messages.get("verify.status.waiting"));
        }
        pollOnce();
        poller = tasks.every(POLL_PERIOD, this::pollOnce);
    }

    @Override
    public void leave() {
        if (poller != null) {
            poller.cancel();
            poller = null;
        }
    }

    private void updateReady() {
        anyPublished.set(ders.stream().anyMatch(d -> d.publishProperty().get()));
        metadataValid.set(ders.stream().allMatch(d -> d.metadataProblemProperty().get().isEmpty()));
    }

    /** One poll; skipped while the previous one is still out, so a slow Zap is never asked twice at once. */
    public void pollOnce() {
        if (inFlight || deviceSn == null) {
            return;
        }
        inFlight = true;
        String sn = deviceSn;
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        tasks.run(() -> client.telemetry(sn), snapshot -> {
            inFlight = false;
            if (sn.equals(deviceSn)) {
                show(snapshot);
            }
        }, e -> {
            inFlight = false;
            status.set(Messages.get("verify.status.lost", ErrorMessages.of(e)));
        });
    }

    private void show(Optional<TelemetrySnapshot> snapshot) {
        if (snapshot.isEmpty()) {
            status.set(Messages.get("verify.status.waiting"));
            return;
        }
        readings++;
        long newest = 0;
        for (DerLiveView der : ders) {
            Optional<TelemetrySnapshot.Reading> reading = Optional.ofNullable(snapshot.get().readings().get(der.type()));
            if (reading.isEmpty()) {
                continue;
            }
            TelemetrySnapshot.Reading r = reading.get();
            newest = Math.max(newest, r.timestampMs());
            if (firstTimestampMs < 0) {
                firstTimestampMs = r.timestampMs();
            }
            r.watts().ifPresent(w -> der.addPoint((r.timestampMs() - firstTimestampMs) / 1000.0, w));
            der.valuesProperty().set(LiveValues.describe(r));
        }
        status.set(Messages.get("verify.status.live", TIME.format(Instant.ofEpochMilli(newest)), readings));
    }

    @Override
    public void next(Runnable proceed) {
        CommissioningSession.Device device = session.device().orElseThrow();
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        // Only what changed goes to the Zap; the list is read back to confirm.
        Map<String, Boolean> changes = new LinkedHashMap<>();
        for (DerLiveView d : ders) {
            if (d.publishProperty().get() != d.enabledOnZap()) {
                changes.put(d.type(), d.publishProperty().get());
            }
        }
        Set<String> wanted = ders.stream().filter(d -> d.publishProperty().get()).map(DerLiveView::type)
                .collect(Collectors.toSet());
        List<Der> metadata = ders.stream().map(DerLiveView::changedMetadata).flatMap(java.util.Optional::stream).toList();
        publishing.set(true);
        error.set("");
        tasks.run(() -> {
            // Metadata first (rated power, installed PV, capacity), then only the publish flags that changed.
            if (!metadata.isEmpty()) {
                client.updateDers(device.sn(), metadata);
            }
            if (!changes.isEmpty()) {
                client.setPublishing(device.sn(), changes);
            }
            return client.ders(device.sn());
        }, (List<Der> confirmed) -> {
            publishing.set(false);
            Set<String> enabled = confirmed.stream().filter(Der::enabled).map(Der::type).collect(Collectors.toSet());
            if (!enabled.containsAll(wanted)) {
                error.set(Messages.get("verify.error.notConfirmed", String.join(", ", wanted)));
                return;
            }
            session.publishedDers(ders.stream().map(DerLiveView::type).filter(enabled::contains).toList());
            proceed.run();
        }, e -> {
            publishing.set(false);
            error.set(Messages.get("verify.error.publish", ErrorMessages.of(e)));
        });
    }

    @Override
    public ObservableBooleanValue readyProperty() {
        return ready;
    }

    @Override
    public ObservableBooleanValue busyProperty() {
        return publishing;
    }

    public ObservableList<DerLiveView> ders() {
        return ders;
    }

    public Optional<DerLiveView> der(String type) {
        return ders.stream().filter(d -> d.type().equals(type)).findFirst();
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }
}
