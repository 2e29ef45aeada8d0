package com.sourceful.commissioner.ui.verify;

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
import javafx.beans.binding.BooleanBinding;
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
import com.sourceful.commissioner.report.ChartImage;
import com.sourceful.commissioner.report.LoadTestText;
import com.sourceful.commissioner.report.ReportTexts;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.telemetry.Plausibility;
import com.sourceful.commissioner.telemetry.SeriesStore;
import com.sourceful.commissioner.telemetry.SiteReader;
import com.sourceful.commissioner.telemetry.SiteReading;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.wizard.WizardStep;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/**
 * Step 3: live power per DER from {@code data/json}, about once a second with at most one request in flight; the
 * readings' own timestamps drive the time axis. A stale reading is marked, a silent Zap is retried with back-off
 * and the series drawn so far are kept. Plausibility warnings, a guided load test, and the choice of which DERs
 * publish (sent only on Next).
 */
public final class VerifyViewModel implements WizardStep {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerifyViewModel.class);

    public static final Duration POLL_PERIOD = Duration.ofSeconds(1);
    /** Back-off ceiling for a Zap that stopped answering: still noticed within seconds when it is back. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** A reading whose timestamp has not moved for this many answered polls is stale. */
    public static final int STALE_AFTER_POLLS = 3;
    /** Points per series handed to the chart, whatever the window: the store decimates, peaks survive. */
    public static final int CHART_POINTS = 600;
    public static final Duration LOAD_TEST_TIMEOUT = Duration.ofSeconds(60);
    /** Whole-site readings with the load off, after Start, before the technician is told to switch it on. */
    static final int BASELINE_READINGS = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The Zap's connection changed: it stopped answering, or answers again. */
    public enum ZapConnection {
        LOST, BACK
    }

    /** What the chart shows. */
    public enum Window {
        LAST_5_MIN(Duration.ofMinutes(5)), LAST_HOUR(Duration.ofHours(1)), SESSION(null);

        private final Duration span;

        Window(Duration span) {
            this.span = span;
        }

        public Optional<Duration> span() {
            return Optional.ofNullable(span);
        }
    }

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;
    private final SeriesStore store = new SeriesStore();
    private final Duration pollPeriod;

    private final ObservableList<DerLiveView> ders = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    /** The failure behind {@link #errorProperty()}, for "Copy details"; cleared with the error. */
    private final ObjectProperty<Throwable> errorCause = new SimpleObjectProperty<>();
    /** Told once when the Zap stops answering and once when it answers again; not on every poll. */
    private final List<Consumer<ZapConnection>> connectionListeners = new ArrayList<>();
    private Tasks.Handle publishTask;
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final BooleanProperty zapSilent = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(Window.LAST_5_MIN);
    /** How far back the window's end is from the newest reading, in minutes (0 = follow the data). */
    private final DoubleProperty panMinutes = new SimpleDoubleProperty();
    private final DoubleProperty sessionMinutes = new SimpleDoubleProperty();
    /** The span the chart shows, in minutes since the first reading: the view draws its time axis from it. */
    private final DoubleProperty chartFromMinutes = new SimpleDoubleProperty();
    private final DoubleProperty chartToMinutes = new SimpleDoubleProperty();
    private final BooleanProperty publishing = new SimpleBooleanProperty();
    private final BooleanProperty anyPublished = new SimpleBooleanProperty();
    private final BooleanProperty metadataValid = new SimpleBooleanProperty(true);
    private final BooleanBinding ready = Bindings.createBooleanBinding(() -> anyPublished.get() && metadataValid.get(),
            anyPublished, metadataValid);
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
    private boolean inFlight;
    private int failures;
    private long newestTimestamp = -1;
    private int unchangedPolls;
    private String deviceSn;
    private int readings;
    /** A meter reading came in since the device was entered: a load test can start. */
    private boolean meterSeen;
    private LoadTest loadTest;
    /** While a load test runs: reads the Zap's other devices in the same poll (their PV, battery, charger). */
    private SiteReader siteReader;
    /** Per DER type, the time of its latest reading (the reading's own timestamp). */
    private final Map<String, Long> lastReadingAt = new HashMap<>();
    /** Set by the view: the chart's pixels, taken on the JavaFX thread; empty when there is nothing to take. */
    private Supplier<Optional<ChartImage.Pixels>> chartCapture;
    private double loadTestWatts;
    private int loadTestPhase;

    public VerifyViewModel(Tasks tasks, ZapClients clients, CommissioningSession session) {
        this(tasks, clients, session, POLL_PERIOD);
    }

    /** @param pollPeriod how often to ask for a reading (tests: faster); the back-off after failures scales with it */
    public VerifyViewModel(Tasks tasks, ZapClients clients, CommissioningSession session, Duration pollPeriod) {
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
        this.pollPeriod = pollPeriod;
        window.addListener((o, a, b) -> refreshChart());
        loadWatts.addListener((o, a, b) -> loadTestPossible.set(canStartLoadTest()));
        loadTestRunning.addListener((o, a, b) -> loadTestPossible.set(canStartLoadTest()));
        panMinutes.addListener((o, a, b) -> refreshChart());
        error.addListener((o, was, now) -> {
            if (now == null || now.isEmpty()) {
                errorCause.set(null);
            }
        });
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
        error.set("");
        if (!device.sn().equals(deviceSn)) {
            deviceSn = device.sn();
            newestTimestamp = -1;
            unchangedPolls = 0;
            readings = 0;
            failures = 0;
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
            updateReady();
            status.set(Messages.get("verify.status.waiting"));
        }
        active = true;
        pollOnce();
    }

    @Override
    public void leave() {
        active = false;
        cancelTimer();
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
        if (deviceSn == null || readings == 0) {
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
        pixels.ifPresent(p -> tasks.run(() -> ChartImage.png(p), png -> session.chartImage(sn, png),
                e -> LOG.warn("Could not encode the chart for the report: {}", e.toString())));
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
        status.set(Messages.get("verify.status.paused", readings));
    }

    public void resume() {
        paused.set(false);
        pollOnce();
    }

    /** One poll; skipped while the previous one is still out, so a slow Zap is never asked twice at once. */
    public void pollOnce() {
        if (inFlight || deviceSn == null || !active || paused.get()) {
            return;
        }
        inFlight = true;
        cancelTimer();
        String sn = deviceSn;
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        SiteReader site = siteReader;
        tasks.run(() -> poll(client, sn, site), polled -> {
            inFlight = false;
            if (!sn.equals(deviceSn)) {
                return;
            }
            failures = 0;
            if (zapSilent.get()) {
                zapSilent.set(false);
                tell(ZapConnection.BACK);
            }
            show(polled.snapshot(), polled.others(), site);
            schedule(pollPeriod);
        }, e -> {
            inFlight = false;
            if (!sn.equals(deviceSn)) {
                return;
            }
            failures++;
            Duration wait = backoff(pollPeriod, failures);
            if (!zapSilent.get()) {
                zapSilent.set(true);
                tell(ZapConnection.LOST);
            }
            status.set(Messages.get("verify.status.lost", ErrorMessages.of(e), (wait.toMillis() + 999) / 1000));
            schedule(wait);
        });
    }

    /** One poll's answers: the device's snapshot and, during a load test, the other devices' (null when not read). */
    private record Polled(Optional<TelemetrySnapshot> snapshot, Map<String, TelemetrySnapshot> others) {
    }

    /** In the background: the device, then during a load test each other device of the Zap, one request at a time. */
    private static Polled poll(ZapClient client, String sn, SiteReader site) throws ZapException {
        Optional<TelemetrySnapshot> snapshot = client.telemetry(sn);
        Map<String, TelemetrySnapshot> others = null;
        if (site != null && snapshot.isPresent()) {
            try {
                others = site.others();
            } catch (ZapException e) {
                // This reading is left out of the load test; the live view goes on.
                LOG.debug("Could not read the Zap's other devices: {}", e.toString());
            }
        }
        return new Polled(snapshot, others);
    }

    /** 2, 4, 8 … seconds after each failure in a row, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(int failuresInARow) {
        return backoff(POLL_PERIOD, failuresInARow);
    }

    /** Twice the poll period after the first failure, doubling after each further one, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(Duration period, int failuresInARow) {
        long millis = period.toMillis() << Math.min(failuresInARow, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private void show(Optional<TelemetrySnapshot> maybe, Map<String, TelemetrySnapshot> others, SiteReader site) {
        if (maybe.isEmpty()) {
            // 204: before the first reading that is waiting; after it, the Zap lost its reading of the device.
            status.set(readings == 0 ? Messages.get("verify.status.waiting")
                    : Messages.get("verify.status.noReading", readings));
            return;
        }
        TelemetrySnapshot snapshot = maybe.get();
        long newest = snapshot.readings().values().stream().mapToLong(TelemetrySnapshot.Reading::timestampMs).max().orElse(0);
        if (newest <= newestTimestamp) {
            // The Zap answered with the same reading again: the device behind it may have stopped answering.
            unchangedPolls++;
            if (unchangedPolls >= STALE_AFTER_POLLS) {
                stale.set(true);
                status.set(Messages.get("verify.status.stale", TIME.format(Instant.ofEpochMilli(newestTimestamp)),
                        unchangedPolls));
            } else if (readings > 0) {
                // Answering again after a failure or a 204: live, even before the device's next reading.
                status.set(Messages.get("verify.status.live", TIME.format(Instant.ofEpochMilli(newestTimestamp)), readings));
            }
            return;
        }
        newestTimestamp = newest;
        unchangedPolls = 0;
        stale.set(false);
        readings++;
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
        if (snapshot.readings().containsKey("meter")) {
            meterSeen = true;
            loadTestPossible.set(canStartLoadTest());
            if (loadTest != null && site == siteReader && others != null) {
                SiteReading.of(deviceSn, snapshot, others).ifPresent(this::observeSite);
            }
        }
        refreshChart();
        status.set(Messages.get("verify.status.live", TIME.format(Instant.ofEpochMilli(newest)), readings));
    }

    private void checkPlausibility(TelemetrySnapshot snapshot) {
        Map<String, Double> rated = new HashMap<>();
        for (DerLiveView d : ders) {
            d.ratedPowerW().ifPresent(w -> rated.put(d.type(), w));
        }
        List<Plausibility.Warning> found = Plausibility.check(snapshot, rated);
        warnings.setAll(found.stream().map(VerifyViewModel::describe).toList());
        Set<String> suspicious = found.stream().map(Plausibility.Warning::der).collect(Collectors.toSet());
        for (DerLiveView d : ders) {
            d.hasWarningProperty().set(suspicious.contains(d.type()));
            if (snapshot.readings().containsKey(d.type())) {
                // Every DER with plausible data is proposed for publishing; nothing reaches the Zap before Next.
                d.propose(!suspicious.contains(d.type()));
            }
        }
    }

    static String describe(Plausibility.Warning w) {
        return Messages.get("warn." + w.kind().name().toLowerCase(Locale.ROOT),
                Messages.getOr("der." + w.der(), w.der()), w.value(), w.limit());
    }

    private void refreshChart() {
        if (store.lastTimestamp().isEmpty()) {
            return;
        }
        long first = store.firstTimestamp().getAsLong();
        long last = store.lastTimestamp().getAsLong();
        sessionMinutes.set((last - first) / 60_000.0);
        long end = last - Math.round(panMinutes.get() * 60_000);
        long from = window.get().span().map(s -> end - s.toMillis()).orElse(first);
        chartFromMinutes.set((Math.max(first, from) - first) / 60_000.0);
        chartToMinutes.set((end - first) / 60_000.0);
        for (DerLiveView der : ders) {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            // A gap in the readings (silent Zap, 204, failed polls) stays a gap: no line across it.
            for (List<SeriesStore.Point> run : store.segments(der.type(), Math.max(first, from), end, CHART_POINTS)) {
                for (int k = 0; k < run.size(); k++) {
                    SeriesStore.Point p = run.get(k);
                    XYChart.Data<Number, Number> d = new XYChart.Data<>((p.timestampMs() - first) / 60_000.0,
                            p.value() / 1000.0);
                    if (k == 0 && !points.isEmpty()) {
                        d.setExtraValue(GapLineChart.AFTER_GAP);
                    }
                    points.add(d);
                }
            }
            der.showPoints(points);
        }
    }

    // ---- load test ------------------------------------------------------------------------------------------

    /** A whole-site reading during a load test: first the baseline (load off), then watching for the step. */
    private void observeSite(SiteReading reading) {
        if (!loadTestSwitchOn.get()) {
            loadTest.baseline(reading);
            if (loadTest.baselineReadings() >= BASELINE_READINGS) {
                loadTest.started(Instant.ofEpochMilli(reading.timestampMs()));
                loadTestSwitchOn.set(true);
                loadTestText.set(Messages.get("verify.load.watching", loadTestWatts,
                        loadTestPhase == 0 ? Messages.get("verify.load.anyPhase") : "L" + loadTestPhase));
            }
            return;
        }
        loadTest.observe(reading).ifPresent(this::finishLoadTest);
    }

    /**
     * With the load still off, the technician presses Start: the whole site is read for a baseline, then the
     * technician is told to switch the load on ({@link #loadTestSwitchOnProperty()}) and the house is watched.
     */
    public void startLoadTest() {
        if (!canStartLoadTest()) {
            return;
        }
        loadTestWatts = Double.parseDouble(loadWatts.get().strip());
        loadTestPhase = loadPhase.get();
        loadTest = new LoadTest(loadTestWatts, loadTestPhase, LOAD_TEST_TIMEOUT);
        siteReader = new SiteReader(clients.forZap(session.gateway().orElseThrow().baseUri()), deviceSn);
        loadTestRunning.set(true);
        loadTestSwitchOn.set(false);
        loadTestFailed.set(false);
        loadTestPossible.set(false);
        loadTestText.set(Messages.get("verify.load.baseline"));
        pollOnce();
    }

    public boolean canStartLoadTest() {
        String w = loadWatts.get() == null ? "" : loadWatts.get().strip();
        try {
            double watts = Double.parseDouble(w);
            return !loadTestRunning.get() && meterSeen && watts >= 100 && watts <= 20_000;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public void cancelLoadTest() {
        if (loadTest != null) {
            endLoadTest();
            loadTestText.set(Messages.get("verify.load.cancelled"));
        }
    }

    private void endLoadTest() {
        loadTest = null;
        siteReader = null;
        loadTestSwitchOn.set(false);
        loadTestRunning.set(false);
    }

    private void finishLoadTest(LoadTest.Verdict verdict) {
        endLoadTest();
        loadTestFailed.set(verdict.outcome() != LoadTest.Outcome.PASSED);
        CommissioningSession.LoadTestResult result = new CommissioningSession.LoadTestResult(deviceSn, loadTestWatts,
                loadTestPhase, verdict.outcome().name(), verdict.consumptionDeltaW(), verdict.phase(), verdict.at(),
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
        error.set("");
        publishTask = tasks.run(() -> {
            // Metadata first (rated power, installed PV, capacity), then only the publish flags that changed.
            if (!metadata.isEmpty()) {
                client.updateDers(device.sn(), metadata);
            }
            if (!changes.isEmpty()) {
                client.setPublishing(device.sn(), changes);
            }
            return client.ders(device.sn());
        }, (List<Der> confirmed) -> {
            publishTask = null;
            publishing.set(false);
            Set<String> enabled = confirmed.stream().filter(Der::enabled).map(Der::type).collect(Collectors.toSet());
            if (!enabled.containsAll(wanted)) {
                error.set(Messages.get("verify.error.notConfirmed", String.join(", ", wanted)));
                return;
            }
            session.publishedDers(ders.stream().map(DerLiveView::type).filter(enabled::contains).toList());
            proceed.run();
        }, e -> {
            publishTask = null;
            publishing.set(false);
            if (e instanceof CancellationException) {
                error.set(Messages.get("verify.error.publishCancelled"));
                return;
            }
            errorCause.set(e);
            error.set(Messages.get("verify.error.publish", ErrorMessages.of(e)));
        });
    }

    /** Esc or Cancel while publishing: stop waiting for the Zap. */
    @Override
    public void cancel() {
        if (publishTask != null) {
            publishTask.cancel();
        }
    }

    /** Esc during a load test stops the test, and stays on the step. */
    @Override
    public boolean cancelBackgroundWork() {
        if (loadTestRunning.get()) {
            cancelLoadTest();
            return true;
        }
        return false;
    }

    @Override
    public ObjectProperty<Throwable> errorCauseProperty() {
        return errorCause;
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

    public SeriesStore store() {
        return store;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
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

    public ObjectProperty<Window> windowProperty() {
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

    /** A load test can start: a meter reading for the baseline, a plausible load (100 W–20 kW), none running. */
    public BooleanProperty loadTestPossibleProperty() {
        return loadTestPossible;
    }

    public BooleanProperty hasMeterProperty() {
        return hasMeter;
    }
}
