package com.sourceful.commissioner.ui.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlChecks;
import com.sourceful.commissioner.control.ControlLedger;
import com.sourceful.commissioner.report.ChartImage;
import com.sourceful.commissioner.report.LoadTestText;
import com.sourceful.commissioner.report.ReportTexts;
import com.sourceful.commissioner.telemetry.ChartWindow;
import com.sourceful.commissioner.telemetry.LivePolling;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.telemetry.LoadTestRun;
import com.sourceful.commissioner.telemetry.Plausibility;
import com.sourceful.commissioner.telemetry.SeriesStore;
import com.sourceful.commissioner.telemetry.SiteReader;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.wizard.StepViewModel;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3: live power per DER from {@code data/json} as {@link LivePolling} paces it (about once a second, at most one
 * request in flight, back-off when the Zap is silent); the readings' own timestamps drive the time axis, the
 * {@link ChartWindow} picks what the chart shows, and the series drawn so far are kept. Plausibility warnings, a
 * guided load test ({@link LoadTestRun}), and the choice of which DERs publish (sent only on Next). This class maps
 * their state to properties and texts, and schedules the polls through {@link Tasks}.
 */
public final class VerifyViewModel extends StepViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyViewModel.class);

    public static final Duration POLL_PERIOD = LivePolling.PERIOD;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** The Zap's connection changed: it stopped answering, or answers again. */
    public enum ZapConnection {
        LOST, BACK
    }

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;
    private final SeriesStore store = new SeriesStore();
    private final LivePolling polling;
    private final IdentityCheckViewModel identityCheck;
    private final ControlCheckViewModel controlCheck;

    private final ObservableList<DerLiveView> ders = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    /** Told once when the Zap stops answering and once when it answers again; not on every poll. */
    private final List<Consumer<ZapConnection>> connectionListeners = new ArrayList<>();
    private Tasks.Handle publishTask;
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final BooleanProperty zapSilent = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<ChartWindow> window = new SimpleObjectProperty<>(ChartWindow.LAST_5_MIN);
    /** How far back the window's end is from the newest reading, in minutes (0 = follow the data). */
    private final DoubleProperty panMinutes = new SimpleDoubleProperty();
    private final DoubleProperty sessionMinutes = new SimpleDoubleProperty();
    /** The span the chart shows, in minutes since the first reading: the view draws its time axis from it. */
    private final DoubleProperty chartFromMinutes = new SimpleDoubleProperty();
    private final DoubleProperty chartToMinutes = new SimpleDoubleProperty();
    private final BooleanProperty publishing = new SimpleBooleanProperty();
    private final BooleanProperty anyPublished = new SimpleBooleanProperty();
    private final BooleanProperty metadataValid = new SimpleBooleanProperty(true);
    private final StringProperty loadWatts = new SimpleStringProperty("2000");
    private final IntegerProperty loadPhase = new SimpleIntegerProperty(0);
    private final BooleanProperty loadTestRunning = new SimpleBooleanProperty();
    /** The baseline is taken: the technician is told to switch the load on now. */
    private final BooleanProperty loadTestSwitchOn = new SimpleBooleanProperty();
    private final StringProperty loadTestText = new SimpleStringProperty("");
    /** The last load test did not pass (phase, meter, nothing seen, inconclusive): the view shows it as a warning. */
    private final BooleanProperty loadTestFailed = new SimpleBooleanProperty();
    private final BooleanProperty hasMeter = new SimpleBooleanProperty();
    private final BooleanProperty loadTestPossible = new SimpleBooleanProperty();

    private Tasks.Handle next;
    private boolean active;
    private String deviceSn;
    /** A meter reading came in since the device was entered: a load test can start. */
    private boolean meterSeen;
    /** The load test running, if any: its site reader reads the Zap's other devices in the same poll. */
    private LoadTestRun loadTest;
    /** Per DER type, the time of its latest reading (the reading's own timestamp). */
    private final Map<String, Long> lastReadingAt = new HashMap<>();
    /** Set by the view: the chart's pixels, taken on the JavaFX thread; empty when there is nothing to take. */
    private Supplier<Optional<ChartImage.Pixels>> chartCapture;

    public VerifyViewModel(Tasks tasks, ZapClients clients, CommissioningSession session) {
        this(tasks, clients, session, POLL_PERIOD);
    }

    /** @param pollPeriod how often to ask for a reading (tests: faster); the back-off after failures scales with it */
    public VerifyViewModel(Tasks tasks, ZapClients clients, CommissioningSession session, Duration pollPeriod) {
        this(tasks, clients, session, pollPeriod, new ControlChecks(), ControlLedger.NONE, Clock.systemUTC(),
                POLL_PERIOD);
    }

    /**
     * @param controlChecks  the app's running control checks (closing the app stops them)
     * @param controlLedger  where a control check writes down the control it holds, and its result
     * @param controlClock   the control check's time (tests: the simulator's)
     * @param controlPeriod  the real time between two reads of the site during a control check
     */
    public VerifyViewModel(Tasks tasks, ZapClients clients, CommissioningSession session, Duration pollPeriod,
                           ControlChecks controlChecks, ControlLedger controlLedger, Clock controlClock,
                           Duration controlPeriod) {
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
        this.polling = new LivePolling(pollPeriod);
        this.identityCheck = new IdentityCheckViewModel(tasks, clients, session);
        this.controlCheck = new ControlCheckViewModel(tasks, clients, session, controlChecks, controlLedger,
                controlClock, controlPeriod);
        window.addListener((o, a, b) -> refreshChart());
        loadWatts.addListener((o, a, b) -> loadTestPossible.set(canStartLoadTest()));
        loadTestRunning.addListener((o, a, b) -> {
            loadTestPossible.set(canStartLoadTest());
            controlCheck.blockedBy(b);
        });
        // A battery or PV moved on purpose would spoil the load test's verdict, and the other way round.
        controlCheck.runningProperty().addListener((o, a, b) -> loadTestPossible.set(canStartLoadTest()));
        panMinutes.addListener((o, a, b) -> refreshChart());
        busyWhen(publishing);
        readyWhen(Bindings.createBooleanBinding(() -> anyPublished.get() && metadataValid.get(), anyPublished,
                metadataValid));
    }

    /** {@code listener} hears when the Zap stops answering the live-data polls and when it answers again. */
    public void addZapConnectionListener(Consumer<ZapConnection> listener) {
        connectionListeners.add(listener);
    }

    private void tell(ZapConnection change) {
        List.copyOf(connectionListeners).forEach(l -> l.accept(change));
    }

    @Override
    public void enter() {
        CommissioningSession.Device device = session.device().orElseThrow();
        clearError();
        if (!device.sn().equals(deviceSn)) {
            deviceSn = device.sn();
            polling.restart();
            store.clear();
            warnings.clear();
            meterSeen = false;
            lastReadingAt.clear();
            cancelLoadTest();
            loadTestText.set("");
            stale.set(false);
            zapSilent.set(false);
            ders.setAll(device.ders().stream().map(DerLiveView::new).toList());
            ders.forEach(d -> {
                d.publishProperty().addListener((o, a, b) -> updateReady());
                d.metadataProblemProperty().addListener((o, a, b) -> updateReady());
            });
            hasMeter.set(ders.stream().anyMatch(d -> d.type().equals("meter")));
            controlCheck.device(device, ders);
            updateReady();
            statusProperty().set(Messages.get("verify.status.waiting"));
        }
        identityCheck.check(device);
        active = true;
        pollOnce();
    }

    /** The line that says whether the Zap reads the device the scan found. */
    public IdentityCheckViewModel identityCheck() {
        return identityCheck;
    }

    /** The check whether the device follows the Zap's control (a battery or PV). */
    public ControlCheckViewModel controlCheck() {
        return controlCheck;
    }

    @Override
    public void leave() {
        active = false;
        cancelTimer();
        // A running control check stops: control is given back in the background; the ledger records the result.
        controlCheck.cancel();
        keepForReport();
    }

    /** The view hands over how to take the chart's pixels (a snapshot of the chart node). */
    public void captureChartWith(Supplier<Optional<ChartImage.Pixels>> capture) {
        this.chartCapture = capture;
    }

    /**
     * For the hand-over report: the DERs' latest values and a PNG of the chart, as the technician leaves the step
     * (the latest visit wins). The pixels are taken here, on the UI thread; the PNG is encoded in the background.
     */
    private void keepForReport() {
        if (deviceSn == null || polling.readings() == 0) {
            return;
        }
        String sn = deviceSn;
        List<CommissioningSession.DerLive> values = new ArrayList<>();
        for (DerLiveView der : ders) {
            Long at = lastReadingAt.get(der.type());
            if (at == null) {
                continue;
            }
            values.add(new CommissioningSession.DerLive(der.type(), der.label(), Instant.ofEpochMilli(at),
                    der.tiles().stream().map(t -> new CommissioningSession.LiveValue(t.label(), t.text())).toList()));
        }
        session.liveSnapshot(sn, new CommissioningSession.LiveSnapshot(Instant.now(), values));
        if (chartCapture == null) {
            return;
        }
        Optional<ChartImage.Pixels> pixels;
        try {
            pixels = chartCapture.get();
        } catch (RuntimeException e) {
            LOG.warn("Could not take the chart for the report: {}", e.toString());
            return;
        }
        pixels.ifPresent(p -> tasks.job(() -> ChartImage.png(p))
                .onSuccess(png -> session.chartImage(sn, png))
                .onFailure(e -> LOG.warn("Could not encode the chart for the report: {}", e.toString()))
                .start());
    }

    private void cancelTimer() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void schedule(Duration delay) {
        cancelTimer();
        if (active && !paused.get()) {
            next = tasks.after(delay, this::pollOnce);
        }
    }

    private void updateReady() {
        anyPublished.set(ders.stream().anyMatch(d -> d.publishProperty().get()));
        metadataValid.set(ders.stream().allMatch(d -> d.metadataProblemProperty().get().isEmpty()));
    }

    /** Stops polling; what was drawn stays, and the chart can still be panned. */
    public void pause() {
        paused.set(true);
        cancelTimer();
        statusProperty().set(Messages.get("verify.status.paused", polling.readings()));
    }

    public void resume() {
        paused.set(false);
        pollOnce();
    }

    /** One poll; skipped while the previous one is still out, so a slow Zap is never asked twice at once. */
    public void pollOnce() {
        if (deviceSn == null || !active || paused.get() || !polling.begin()) {
            return;
        }
        cancelTimer();
        String sn = deviceSn;
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        LoadTestRun run = loadTest;
        SiteReader site = run == null ? null : run.site();
        tasks.job(() -> LivePolling.read(client, sn, site))
                .andFinally(polling::end)
                .onSuccess(read -> {
                    if (sn.equals(deviceSn)) {
                        answered(polling.answered(read.snapshot()), read, run);
                    }
                })
                .onFailure(e -> {
                    if (sn.equals(deviceSn)) {
                        failed(polling.failed(), e);
                    }
                })
                .start();
    }

    private void answered(LivePolling.Answered answered, LivePolling.Read read, LoadTestRun run) {
        if (answered.back()) {
            zapSilent.set(false);
            tell(ZapConnection.BACK);
        }
        show(answered.answer(), read, run);
        schedule(answered.next());
    }

    private void failed(LivePolling.Failed failed, Throwable e) {
        if (failed.lost()) {
            zapSilent.set(true);
            tell(ZapConnection.LOST);
        }
        long seconds = (failed.next().toMillis() + 999) / 1000;
        statusProperty().set(Messages.get("verify.status.lost", ErrorMessages.of(e), seconds));
        schedule(failed.next());
    }

    private void show(LivePolling.Answer answer, LivePolling.Read read, LoadTestRun run) {
        stale.set(polling.stale());
        String newest = TIME.format(Instant.ofEpochMilli(polling.newestTimestamp()));
        switch (answer) {
            case WAITING -> statusProperty().set(Messages.get("verify.status.waiting"));
            case NO_READING -> statusProperty().set(Messages.get("verify.status.noReading", polling.readings()));
            case STALE -> statusProperty().set(Messages.get("verify.status.stale", newest, polling.unchangedPolls()));
            case REPEATED -> {
                if (polling.readings() > 0) {
                    // Answering again after a failure or a 204: live, even before the device's next reading.
                    statusProperty().set(Messages.get("verify.status.live", newest, polling.readings()));
                }
            }
            case NEW_READING -> {
                showReading(read.snapshot().orElseThrow(), read.others(), run);
                statusProperty().set(Messages.get("verify.status.live", newest, polling.readings()));
            }
        }
    }

    private void showReading(TelemetrySnapshot snapshot, Map<String, TelemetrySnapshot> others, LoadTestRun run) {
        for (DerLiveView der : ders) {
            TelemetrySnapshot.Reading r = snapshot.readings().get(der.type());
            if (r == null) {
                continue;
            }
            r.watts().ifPresent(w -> store.add(der.type(), r.timestampMs(), w));
            lastReadingAt.put(der.type(), r.timestampMs());
            der.showValues(LiveValues.tiles(r));
        }
        checkPlausibility(snapshot);
        controlCheck.reading(snapshot);
        if (snapshot.readings().containsKey("meter")) {
            meterSeen = true;
            loadTestPossible.set(canStartLoadTest());
            if (run != null && run == loadTest) {
                showLoadTest(run.observe(snapshot, others));
            }
        }
        refreshChart();
    }

    private void checkPlausibility(TelemetrySnapshot snapshot) {
        Map<String, Double> rated = new HashMap<>();
        for (DerLiveView d : ders) {
            d.ratedPowerW().ifPresent(w -> rated.put(d.type(), w));
        }
        Plausibility.Review review = Plausibility.review(snapshot, rated);
        warnings.setAll(review.warnings().stream().map(VerifyViewModel::describe).toList());
        for (DerLiveView d : ders) {
            d.hasWarningProperty().set(review.suspicious(d.type()));
            // Nothing reaches the Zap before Next: this only proposes.
            review.proposal(d.type()).ifPresent(d::propose);
        }
    }

    static String describe(Plausibility.Warning w) {
        return Messages.get("warn." + w.kind().name().toLowerCase(Locale.ROOT),
                Messages.getOr("der." + w.der(), w.der()), w.value(), w.limit());
    }

    private void refreshChart() {
        window.get().range(store, panMinutes.get()).ifPresent(range -> {
            sessionMinutes.set(range.minutes(range.lastMs()));
            chartFromMinutes.set(range.minutes(range.fromMs()));
            chartToMinutes.set(range.minutes(range.toMs()));
            for (DerLiveView der : ders) {
                der.showPoints(chartPoints(range, der.type()));
            }
        });
    }

    private List<XYChart.Data<Number, Number>> chartPoints(ChartWindow.Range range, String der) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        // A gap in the readings (silent Zap, 204, failed polls) stays a gap: no line across it.
        for (List<SeriesStore.Point> run : range.segments(store, der)) {
            for (int k = 0; k < run.size(); k++) {
                SeriesStore.Point p = run.get(k);
                XYChart.Data<Number, Number> d = new XYChart.Data<>(range.minutes(p.timestampMs()), p.value() / 1000.0);
                if (k == 0 && !points.isEmpty()) {
                    d.setExtraValue(GapLineChart.AFTER_GAP);
                }
                points.add(d);
            }
        }
        return points;
    }

    // ---- load test ------------------------------------------------------------------------------------------

    private void showLoadTest(LoadTestRun.Stage stage) {
        switch (stage) {
            case BASELINE -> { }
            case SWITCH_ON -> {
                if (!loadTestSwitchOn.get()) {
                    loadTestSwitchOn.set(true);
                    loadTestText.set(Messages.get("verify.load.watching", loadTest.watts(),
                            loadTest.phase() == 0 ? Messages.get("verify.load.anyPhase") : "L" + loadTest.phase()));
                }
            }
            case DONE -> finishLoadTest(loadTest, loadTest.verdict().orElseThrow());
        }
    }

    /**
     * With the load still off, the technician presses Start: the whole site is read for a baseline, then the
     * technician is told to switch the load on ({@link #loadTestSwitchOnProperty()}) and the house is watched.
     */
    public void startLoadTest() {
        if (!canStartLoadTest()) {
            return;
        }
        double watts = LoadTestRun.watts(loadWatts.get()).orElseThrow();
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        loadTest = new LoadTestRun(watts, loadPhase.get(), deviceSn, new SiteReader(client, deviceSn));
        loadTestRunning.set(true);
        loadTestSwitchOn.set(false);
        loadTestFailed.set(false);
        loadTestPossible.set(false);
        loadTestText.set(Messages.get("verify.load.baseline"));
        pollOnce();
    }

    public boolean canStartLoadTest() {
        return !loadTestRunning.get() && !controlCheck.runningProperty().get() && meterSeen
                && LoadTestRun.watts(loadWatts.get()).isPresent();
    }

    public void cancelLoadTest() {
        if (loadTest != null) {
            endLoadTest();
            loadTestText.set(Messages.get("verify.load.cancelled"));
        }
    }

    private void endLoadTest() {
        loadTest = null;
        loadTestSwitchOn.set(false);
        loadTestRunning.set(false);
    }

    private void finishLoadTest(LoadTestRun run, LoadTest.Verdict verdict) {
        endLoadTest();
        loadTestFailed.set(verdict.outcome() != LoadTest.Outcome.PASSED);
        CommissioningSession.LoadTestResult result = new CommissioningSession.LoadTestResult(deviceSn, run.watts(),
                run.phase(), verdict.outcome().name(), verdict.consumptionDeltaW(), verdict.phase(), verdict.at(),
                verdict.meterDeltaW(), verdict.pvDeltaW(), verdict.batteryDeltaW(), verdict.v2xDeltaW(),
                verdict.counted(),
                verdict.evenSpreadAssumed());
        ReportTexts texts = new ReportTexts(Messages.bundle(), Messages.locale());
        loadTestText.set(LoadTestText.verdict(result, texts) + "\n" + LoadTestText.basis(result, texts));
        session.recordLoadTest(result);
    }

    // ---- publishing -----------------------------------------------------------------------------------------

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
        List<Der> metadata = ders.stream().map(DerLiveView::changedMetadata).flatMap(Optional::stream).toList();
        publishing.set(true);
        clearError();
        publishTask = tasks.job(() -> {
            // Metadata first (rated power, installed PV, capacity), then only the publish flags that changed.
            if (!metadata.isEmpty()) {
                client.updateDers(device.sn(), metadata);
            }
            if (!changes.isEmpty()) {
                client.setPublishing(device.sn(), changes);
            }
            return client.ders(device.sn());
        }).andFinally(() -> {
            publishTask = null;
            publishing.set(false);
        }).onSuccess(confirmed -> {
            Set<String> enabled = confirmed.stream().filter(Der::enabled).map(Der::type).collect(Collectors.toSet());
            if (!enabled.containsAll(wanted)) {
                showError(Messages.get("verify.error.notConfirmed", String.join(", ", wanted)), null);
                return;
            }
            session.publishedDers(ders.stream().map(DerLiveView::type).filter(enabled::contains).toList());
            proceed.run();
        }).on(CancellationException.class, e -> showError(Messages.get("verify.error.publishCancelled"), null))
                .onFailure(e -> showError(Messages.get("verify.error.publish", ErrorMessages.of(e)), e))
                .start();
    }

    /** Esc or Cancel while publishing: stop waiting for the Zap. */
    @Override
    public void cancel() {
        if (publishTask != null) {
            publishTask.cancel();
        }
    }

    /**
     * Esc during a load test stops the test, and during a control check stops the check (control is given back),
     * and stays on the step.
     */
    @Override
    public boolean cancelBackgroundWork() {
        if (loadTestRunning.get()) {
            cancelLoadTest();
            return true;
        }
        if (controlCheck.runningProperty().get()) {
            // While control is being given back, Esc stays too: the technician sees whether it was.
            controlCheck.cancel();
            return true;
        }
        return false;
    }

    public ObservableList<DerLiveView> ders() {
        return ders;
    }

    public Optional<DerLiveView> der(String type) {
        return ders.stream().filter(d -> d.type().equals(type)).findFirst();
    }

    public SeriesStore store() {
        return store;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public BooleanProperty staleProperty() {
        return stale;
    }

    public BooleanProperty zapSilentProperty() {
        return zapSilent;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ObjectProperty<ChartWindow> windowProperty() {
        return window;
    }

    public DoubleProperty panMinutesProperty() {
        return panMinutes;
    }

    public DoubleProperty chartFromMinutesProperty() {
        return chartFromMinutes;
    }

    public DoubleProperty chartToMinutesProperty() {
        return chartToMinutes;
    }

    public DoubleProperty sessionMinutesProperty() {
        return sessionMinutes;
    }

    public StringProperty loadWattsProperty() {
        return loadWatts;
    }

    public IntegerProperty loadPhaseProperty() {
        return loadPhase;
    }

    public BooleanProperty loadTestRunningProperty() {
        return loadTestRunning;
    }

    /** The baseline is taken: now the technician switches the load on. */
    public ObservableBooleanValue loadTestSwitchOnProperty() {
        return loadTestSwitchOn;
    }

    public ObservableBooleanValue loadTestFailedProperty() {
        return loadTestFailed;
    }

    public StringProperty loadTestTextProperty() {
        return loadTestText;
    }

    /**
     * A load test can start: a meter reading for the baseline, a plausible load (100 W–20 kW), no load test or control
     * check running.
     */
    public BooleanProperty loadTestPossibleProperty() {
        return loadTestPossible;
    }

    public BooleanProperty hasMeterProperty() {
        return hasMeter;
    }
}
