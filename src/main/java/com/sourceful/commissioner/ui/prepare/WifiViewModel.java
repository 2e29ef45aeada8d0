package com.sourceful.commissioner.ui.prepare;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.wifi.RssiVerdict;
import com.sourceful.commissioner.wifi.SignalSampler;
import com.sourceful.commissioner.wifi.Sleeper;
import com.sourceful.commissioner.wifi.WifiScan;
import com.sourceful.commissioner.wifi.ZapFollower;
import com.sourceful.commissioner.zap.WifiNetwork;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapSystem;

/**
 * The Wi-Fi panel of "Prepare the Zap": the Zap's network and signal, a scan, a join followed by the Zap's serial to
 * its new address, and the signal at the mounting spot. The decisions are the wifi package's (scan, verdict,
 * follower, sampler); this maps them to texts. The Zap is the session's, read at each action: a join moves it.
 * The password is held as typed (the field's text) and while the join request is in flight, then cleared.
 */
public final class WifiViewModel implements PreparePanel {

    /** How long things take; tests shorten them. */
    public record Tuning(Duration scanTimeout, Duration followTimeout, Duration followRound, Duration sampleFor,
                         Duration sampleEvery) {

        /** A scan waits 15 s, a follow 60 s (rounds of 3 s); the signal is read every second for 20 s. */
        public static Tuning defaults() {
            return new Tuning(WifiScan.DEFAULT_TIMEOUT, ZapFollower.DEFAULT_TIMEOUT, ZapFollower.DEFAULT_ROUND,
                    Duration.ofSeconds(20), Duration.ofSeconds(1));
        }
    }

    /** A network the scan heard, as the table shows it. */
    public record NetworkRow(String ssid, int rssi, String signal, String security, boolean current, boolean open) {
        /** The name, marked when it is the Zap's network now. */
        public String label() {
            return current ? Messages.get("prepare.wifi.network.current", ssid) : ssid;
        }
    }

    /**
     * A sleep that ends early when its work is stopped: a scan's polling then ends (interrupted), the sampling's
     * interval just returns (the sampler, cancelled first, then gives back what it read).
     */
    private static final class Stop {
        private final CountDownLatch stopped = new CountDownLatch(1);
        final Sleeper sleeper;

        Stop(boolean interrupts) {
            sleeper = d -> {
                if (stopped.await(d.toMillis(), TimeUnit.MILLISECONDS) && interrupts) {
                    throw new InterruptedException("stopped");
                }
            };
        }

        void now() {
            stopped.countDown();
        }
    }

    private final Tasks tasks;
    private final ZapClients zapClients;
    private final CommissioningSession session;
    private final Clock clock;
    private final Supplier<Optional<ZapDiscovery.Options>> discovery;
    private final Tuning tuning;

    private final ReadOnlyStringWrapper currentNetwork = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currentSignal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currentInternet = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ObservableList<NetworkRow> networks = FXCollections.observableArrayList();
    private final ObjectProperty<NetworkRow> selected = new SimpleObjectProperty<>();
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper joining = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sampling = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper followProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper sampleProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper signalHere = new ReadOnlyStringWrapper("");
    private final BooleanBinding canJoin;

    /** The serial the listed networks were heard by: another Zap's list is not this one's. */
    private String scannedBy;
    /** The password while the join request is in flight; null otherwise. */
    private volatile String inFlight;
    private Tasks.Handle load;
    private Tasks.Handle scan;
    private Stop scanStop;
    private Tasks.Handle join;
    private ZapFollower follower;
    private Tasks.Handle followTicks;
    private SignalSampler sampler;
    private Stop sampleStop;
    private boolean followCancelled;

    /**
     * @param discovery where to look for the Zap after a join (the app's configuration; empty: every LAN interface,
     *                  the subnets around them, port 80)
     */
    /** Told when the Zap answers at its new address (the step's header names it there). */
    private Runnable zapMoved = () -> { };

    public WifiViewModel(Tasks tasks, ZapClients zapClients, CommissioningSession session, Clock clock,
                         Supplier<Optional<ZapDiscovery.Options>> discovery, Tuning tuning) {
        this.tasks = tasks;
        this.zapClients = zapClients;
        this.session = session;
        this.clock = clock;
        this.discovery = discovery;
        this.tuning = tuning;
        busy.bind(scanning.or(joining));
        canJoin = Bindings.createBooleanBinding(() -> {
            NetworkRow row = selected.get();
            return row != null && !busy.get() && (row.open() || !typed().isEmpty());
        }, selected, busy, password);
    }

    public WifiViewModel(Tasks tasks, ZapClients zapClients, CommissioningSession session, Clock clock,
                         Supplier<Optional<ZapDiscovery.Options>> discovery) {
        this(tasks, zapClients, session, clock, discovery, Tuning.defaults());
    }

    // ---- the step's calls ----

    /** Shows the Zap's network now (read in the background). */
    /** {@code action} runs (on the JavaFX thread) when the Zap answers at a new address after a join. */
    void onZapMoved(Runnable action) {
        zapMoved = action;
    }

    @Override
    public void enter() {
        error.set("");
        Optional<CommissioningSession.Gateway> gateway = session.gateway();
        if (gateway.isEmpty()) {
            error.set(Messages.get("prepare.wifi.error.noZap"));
            return;
        }
        if (scannedBy != null && !scannedBy.equals(gateway.get().serial())) {
            networks.clear();
            scannedBy = null;
        }
        loadCurrent(gateway.get());
    }

    /** Stops everything: the scan, a join and its following, the sampling; the typed password is dropped. */
    @Override
    public void leave() {
        cancelLoad();
        stopScan();
        stopFollowing();
        cancelBackgroundWork();
        password.set("");
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Stops the scan or the join's following; the panel says it was cancelled. */
    @Override
    public void cancel() {
        boolean any = scanning.get() || joining.get();
        stopScan();
        stopFollowing();
        if (any) {
            status.set(Messages.get("prepare.wifi.cancelled"));
        }
    }

    /** Stops the signal sampling (what it read so far is shown); false when none runs. */
    @Override
    public boolean cancelBackgroundWork() {
        if (!sampling.get()) {
            return false;
        }
        if (sampler != null) {
            sampler.cancel();
        }
        if (sampleStop != null) {
            sampleStop.now();
        }
        return true;
    }

    /** The password while it is typed or in flight; empty after the join attempt. */
    @Override
    public Collection<String> secrets() {
        String sending = inFlight;
        return List.of(typed(), sending == null ? "" : sending).stream().filter(s -> !s.isEmpty()).distinct()
                .collect(Collectors.toUnmodifiableList());
    }

    private String typed() {
        String text = password.get();
        return text == null ? "" : text;
    }

    // ---- the panel's actions ----

    /** Scans, reading until new results come, and lists the networks strongest first. */
    public void scan() {
        if (busy.get()) {
            return;
        }
        Optional<CommissioningSession.Gateway> gateway = session.gateway();
        if (gateway.isEmpty()) {
            error.set(Messages.get("prepare.wifi.error.noZap"));
            return;
        }
        String serial = gateway.get().serial();
        ZapClient zap = zapClients.forZap(gateway.get().baseUri());
        Stop stop = new Stop(true);
        scanStop = stop;
        error.set("");
        warning.set("");
        status.set(Messages.get("prepare.wifi.scanning"));
        scanning.set(true);
        scan = tasks.job(() -> new WifiScan(clock, stop.sleeper).run(zap, tuning.scanTimeout()))
                .andFinally(() -> scanning.set(false))
                .onSuccess(r -> scanned(serial, r))
                .onFailure(this::scanFailed)
                .start();
    }

    /** Joins the selected network with the typed password, then follows the Zap by its serial. */
    public void join() {
        NetworkRow row = selected.get();
        if (!canJoin.get() || row == null) {
            return;
        }
        Optional<CommissioningSession.Gateway> gateway = session.gateway();
        if (gateway.isEmpty()) {
            error.set(Messages.get("prepare.wifi.error.noZap"));
            return;
        }
        cancelBackgroundWork(); // the Zap is about to leave the address the sampling reads
        CommissioningSession.Gateway from = gateway.get();
        ZapClient zap = zapClients.forZap(from.baseUri());
        String typed = row.open() ? "" : typed();
        inFlight = typed.isEmpty() ? null : typed;
        char[] psk = typed.toCharArray();
        followCancelled = false;
        error.set("");
        warning.set("");
        followProgress.set(0);
        status.set(Messages.get("prepare.wifi.joining", row.ssid()));
        joining.set(true);
        join = tasks.job(() -> {
            ZapSystem before = zap.system();
            zap.joinWifi(row.ssid(), psk); // zeroes psk
            return new ZapFollower.Target(from.serial(), from.baseUri(), before.localIp(), row.ssid(),
                    OptionalInt.of(row.rssi()), row.open());
        }).andFinally(() -> {
            Arrays.fill(psk, '\0');
            inFlight = null;
            password.set("");
        }).onSuccess(this::follow).onFailure(failure -> {
            joining.set(false);
            status.set("");
            if (stopped(failure)) {
                status.set(Messages.get("prepare.wifi.cancelled"));
            } else {
                error.set(Messages.get("prepare.wifi.join.failed", row.ssid(), ErrorMessages.of(failure)));
            }
        }).start();
    }

    /** Reads the Zap's signal for a while where it stands, and sums it up as the weakest reading and the median. */
    public void measure() {
        if (sampling.get() || busy.get()) {
            return;
        }
        Optional<CommissioningSession.Gateway> gateway = session.gateway();
        if (gateway.isEmpty()) {
            error.set(Messages.get("prepare.wifi.error.noZap"));
            return;
        }
        ZapClient zap = zapClients.forZap(gateway.get().baseUri());
        Stop stop = new Stop(false);
        SignalSampler s = new SignalSampler(clock, stop.sleeper);
        sampleStop = stop;
        sampler = s;
        int expected = (int) (tuning.sampleFor().toMillis() / tuning.sampleEvery().toMillis()) + 1;
        AtomicInteger taken = new AtomicInteger();
        sampleProgress.set(0);
        signalHere.set(Messages.get("prepare.wifi.measuring", 0, expected));
        sampling.set(true);
        SignalSampler.RssiSource source = () -> {
            try {
                return zap.system().rssi();
            } finally {
                int n = taken.incrementAndGet();
                tasks.onUiThread(() -> {
                    if (sampler == s && sampling.get()) {
                        sampleProgress.set(Math.min(1.0, n / (double) expected));
                        signalHere.set(Messages.get("prepare.wifi.measuring", n, expected));
                    }
                });
            }
        };
        tasks.job(() -> s.sample(source, tuning.sampleFor(), tuning.sampleEvery()))
                .andFinally(() -> {
                    sampling.set(false);
                    sampleProgress.set(0);
                })
                .onSuccess(summary -> signalHere.set(describe(summary)))
                .onFailure(failure -> signalHere.set(stopped(failure)
                        ? Messages.get("prepare.wifi.measure.stopped.none") : ErrorMessages.of(failure)))
                .start();
    }

    // ---- what happens in between ----

    private void loadCurrent(CommissioningSession.Gateway gateway) {
        cancelLoad();
        ZapClient zap = zapClients.forZap(gateway.baseUri());
        loading.set(true);
        load = tasks.job(zap::system)
                .andFinally(() -> loading.set(false))
                .onSuccess(this::showCurrent)
                .onFailure(failure -> {
                    if (!stopped(failure)) {
                        error.set(Messages.get("prepare.wifi.error.current", ErrorMessages.of(failure)));
                    }
                })
                .start();
    }

    private void showCurrent(ZapSystem system) {
        boolean connected = system.wifiConnected().orElse(system.ssid().isPresent());
        currentNetwork.set(!connected ? Messages.get("prepare.wifi.current.notConnected")
                : system.ssid().orElse(Messages.get("prepare.wifi.current.connected")));
        currentSignal.set(system.rssi().isPresent() ? signal(system.rssi().getAsInt())
                : Messages.get("prepare.wifi.notReported"));
        currentInternet.set(system.internetConnected()
                .map(yes -> Messages.get(yes ? "common.yes" : "common.no"))
                .orElse(Messages.get("prepare.wifi.notReported")));
    }

    private void scanned(String serial, WifiScan.Result result) {
        scannedBy = serial;
        String current = result.connectedSsid().orElse(null);
        networks.setAll(result.networks().stream().map(n -> row(n, n.ssid().equals(current))).toList());
        selected.set(null);
        status.set(Messages.get("prepare.wifi.scanned", networks.size()));
        if (!result.fresh()) {
            long seconds = tuning.scanTimeout().toSeconds();
            warning.set(networks.isEmpty() ? Messages.get("prepare.wifi.scan.nothing", seconds)
                    : Messages.get("prepare.wifi.scan.stale", seconds));
        }
    }

    private void scanFailed(Throwable failure) {
        if (stopped(failure)) {
            status.set(Messages.get("prepare.wifi.cancelled"));
            return;
        }
        status.set("");
        error.set(Messages.get("prepare.wifi.scan.failed", ErrorMessages.of(failure)));
    }

    private static NetworkRow row(WifiNetwork n, boolean current) {
        return new NetworkRow(n.ssid(), n.rssi(), signal(n.rssi()), security(n), current, n.open());
    }

    /** "-62 dBm – good" (in Swedish with a real minus sign, as the median beside it). */
    static String signal(int rssi) {
        return Messages.get("prepare.wifi.signal", Messages.decimal(rssi, 0),
                Messages.get("prepare.wifi.verdict." + RssiVerdict.of(rssi).word()));
    }

    /** Open, or the security as the Zap names it without its "_PSK" ("WPA2_PSK" is WPA2). */
    static String security(WifiNetwork n) {
        if (n.open()) {
            return Messages.get("prepare.wifi.security.open");
        }
        String auth = n.auth().toUpperCase(Locale.ROOT);
        return auth.endsWith("_PSK") ? auth.substring(0, auth.length() - "_PSK".length()) : auth;
    }

    private void follow(ZapFollower.Target target) {
        ZapDiscovery.Options where = discovery.get().orElseGet(ZapDiscovery.Options::defaults);
        ZapFollower f = new ZapFollower(clock, where, tuning.followRound());
        follower = f;
        Instant start = clock.instant();
        long limit = tuning.followTimeout().toSeconds();
        status.set(Messages.get("prepare.wifi.following", target.serial(), target.ssid(), 0, limit));
        followTicks = tasks.every(Duration.ofSeconds(1), () -> {
            long elapsed = Math.min(limit, Duration.between(start, clock.instant()).toSeconds());
            status.set(Messages.get("prepare.wifi.following", target.serial(), target.ssid(), elapsed, limit));
            followProgress.set(limit == 0 ? 1 : elapsed / (double) limit);
        });
        join = tasks.job(() -> f.follow(target, tuning.followTimeout()))
                .andFinally(() -> {
                    stopTicks();
                    joining.set(false);
                    followProgress.set(0);
                    follower = null;
                })
                .onSuccess(result -> followed(target, result))
                .onFailure(failure -> {
                    status.set(stopped(failure) ? Messages.get("prepare.wifi.cancelled") : "");
                    if (!stopped(failure)) {
                        error.set(ErrorMessages.of(failure));
                    }
                })
                .start();
    }

    private void followed(ZapFollower.Target target, ZapFollower.Result result) {
        if (followCancelled) {
            status.set(Messages.get("prepare.wifi.cancelled"));
            return;
        }
        if (result.arrived()) {
            FoundZap found = result.found().orElseThrow();
            URI now = found.baseUri();
            // The visit's record: which Zap joined which network, and where it answers now (never the password).
            session.wifiChanged(new CommissioningSession.WifiChange(target.serial(), target.ssid(), now,
                    clock.instant()));
            CommissioningSession.Gateway old = session.gateway().orElse(null);
            if (old != null && old.serial().equals(target.serial())) {
                session.selectGateway(new CommissioningSession.Gateway(old.serial(), now, old.firmwareVersion(),
                        old.serialConfirmed()));
                zapMoved.run();
            }
            networks.clear(); // heard from where the Zap was; a new scan tells where it is
            scannedBy = null;
            status.set(Messages.get("prepare.wifi.arrived", target.serial(), target.ssid(), found.address()));
            session.gateway().ifPresent(this::loadCurrent);
            return;
        }
        status.set("");
        StringBuilder advice = new StringBuilder(Messages.get("prepare.wifi.notFound", target.serial(),
                target.ssid(), result.waited().toSeconds()));
        for (ZapFollower.Hint hint : result.check()) {
            advice.append('\n').append("• ").append(hint(hint, target));
        }
        error.set(advice.toString());
    }

    /** What to check, with the numbers there are. */
    static String hint(ZapFollower.Hint hint, ZapFollower.Target target) {
        return switch (hint) {
            case WRONG_PASSWORD -> Messages.get("prepare.wifi.check.password", target.ssid());
            case OUT_OF_RANGE -> target.scannedRssi().isPresent()
                    ? Messages.get("prepare.wifi.check.range", target.ssid(), signal(target.scannedRssi().getAsInt()),
                            Messages.decimal(RssiVerdict.FAIR_FROM_DBM, 0))
                    : Messages.get("prepare.wifi.check.range.unheard", target.ssid());
            case LAPTOP_ON_OTHER_NETWORK -> Messages.get("prepare.wifi.check.laptop", target.ssid());
        };
    }

    /** "21 readings: weakest -63 dBm – good, median -61 dBm". */
    static String describe(SignalSampler.Summary summary) {
        String missed = summary.failed() == 0 ? "" : " " + Messages.get("prepare.wifi.measure.missed",
                summary.failed());
        if (summary.count() == 0) {
            return Messages.get(summary.cancelled() ? "prepare.wifi.measure.stopped.none"
                    : "prepare.wifi.measure.none") + missed;
        }
        double median = summary.median();
        String medianText = Messages.decimal(median, median == Math.rint(median) ? 0 : 1);
        String text = Messages.get(summary.cancelled() ? "prepare.wifi.measure.stopped" : "prepare.wifi.measured",
                summary.count(), signal(summary.min()), medianText);
        return text + missed;
    }

    /** Cancelled by the technician or by leaving: said as such, not as a failure. */
    private static boolean stopped(Throwable failure) {
        return failure instanceof CancellationException || failure instanceof InterruptedException;
    }

    private void stopScan() {
        if (scanStop != null) {
            scanStop.now();
        }
        if (scan != null && scanning.get()) {
            scan.cancel();
        }
    }

    private void stopFollowing() {
        if (!joining.get()) {
            return;
        }
        followCancelled = true;
        if (follower != null) {
            follower.cancel();
        }
        if (join != null) {
            join.cancel();
        }
        stopTicks();
    }

    private void stopTicks() {
        if (followTicks != null) {
            followTicks.cancel();
            followTicks = null;
        }
    }

    private void cancelLoad() {
        if (load != null && loading.get()) {
            load.cancel();
        }
    }

    // ---- properties ----

    public ReadOnlyStringProperty currentNetworkProperty() {
        return currentNetwork.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentSignalProperty() {
        return currentSignal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentInternetProperty() {
        return currentInternet.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Networks the last scan heard, strongest first. */
    public ObservableList<NetworkRow> networks() {
        return networks;
    }

    /** The network to join (the table's selection). */
    public ObjectProperty<NetworkRow> selectedProperty() {
        return selected;
    }

    /** The typed password (the field's text). */
    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty joiningProperty() {
        return joining.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    public BooleanBinding canJoinProperty() {
        return canJoin;
    }

    /** The following's part of its time limit, 0 to 1. */
    public ReadOnlyDoubleProperty followProgressProperty() {
        return followProgress.getReadOnlyProperty();
    }

    /** The sampling's readings taken of those planned, 0 to 1. */
    public ReadOnlyDoubleProperty sampleProgressProperty() {
        return sampleProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The signal at the mounting spot: the sampling's progress, then its summary. */
    public ReadOnlyStringProperty signalHereProperty() {
        return signalHere.getReadOnlyProperty();
    }
}
