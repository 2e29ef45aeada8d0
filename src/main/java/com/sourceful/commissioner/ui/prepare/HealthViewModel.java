package com.sourceful.commissioner.ui.prepare;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Gateway;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.HealthLine;
import com.sourceful.commissioner.zap.HealthLine.Verdict;
import com.sourceful.commissioner.zap.HealthReport;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapDevice;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapHealth;
import com.sourceful.commissioner.zap.ZapMemory;
import com.sourceful.commissioner.zap.ZapRebootWaiter;
import com.sourceful.commissioner.zap.ZapRebootWaiter.Kind;
import com.sourceful.commissioner.zap.ZapRebootWaiter.Outcome;
import com.sourceful.commissioner.zap.ZapRebootWaiter.Phase;
import com.sourceful.commissioner.zap.ZapSystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Prepare the Zap" step's health panel: the session's Zap's health ({@link ZapHealth}) in the app's words, and a
 * restart with an inline confirmation that waits for the Zap to come back ({@link ZapRebootWaiter}). The verdicts are
 * the logic's; this class only words them.
 */
public final class HealthViewModel implements PreparePanel {

    private static final Logger LOG = LoggerFactory.getLogger(HealthViewModel.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * Times tests shorten.
     *
     * @param rebootLimit how long a restarted Zap may take to come back
     * @param rebootPoll  how often it is asked meanwhile
     * @param tick        how often the elapsed seconds shown while waiting are updated
     */
    public record Tuning(Duration rebootLimit, Duration rebootPoll, Duration tick) {
        public static Tuning defaults() {
            return new Tuning(ZapRebootWaiter.DEFAULT_LIMIT, ZapRebootWaiter.DEFAULT_POLL, Duration.ofSeconds(1));
        }
    }

    /**
     * One line of the list, worded in the app's language.
     *
     * @param note why the verdict (with the numbers), or "" when there is nothing to say
     */
    public record Row(String what, String value, Verdict verdict, String note) {
    }

    /** What one read of the Zap gave. */
    record Snapshot(ZapSystem system, HealthReport report) {
    }

    /** How a restart ended: not asked because another Zap answers there, or the waiter's outcome. */
    private record RestartEnd(Optional<String> otherSerial, Optional<Outcome> outcome) {
    }

    private final Tasks tasks;
    private final ZapClients zapClients;
    private final CommissioningSession session;
    private final Clock clock;
    private final Tuning tuning;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** One wrapper, held: it listens to {@link #rows} weakly, so a wrapper made per call loses its listeners. */
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper summaryWarning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper confirmShown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper confirmText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper restartStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper restartWarning = new ReadOnlyStringWrapper("");

    /** Each read and each restart has a number; an answer for an older one (cancelled, left) is dropped. */
    private int loadGeneration;
    private int restartGeneration;
    private Tasks.Handle load;
    /** The serial of the Zap whose lines are shown, null when none are. */
    private String shownSerial;
    private Tasks.Handle restart;
    private AtomicBoolean restartCancelled;
    private Tasks.Handle ticker;
    /** The Zap the confirmation bar names. */
    private Gateway pending;
    /** The Zap being restarted, what the wait has seen so far, and since when. */
    private Gateway restarting;
    private Phase lastPhase;
    private final Set<String> othersSeen = new LinkedHashSet<>();

    public HealthViewModel(Tasks tasks, ZapClients zapClients, CommissioningSession session, Clock clock,
                           Tuning tuning) {
        this.tasks = tasks;
        this.zapClients = zapClients;
        this.session = session;
        this.clock = clock;
        this.tuning = tuning;
    }

    // ---- the step's calls -----------------------------------------------------------------------------------

    /** The step is shown for the session's Zap: read its health (what a restart said before is over). */
    @Override
    public void enter() {
        if (!busy.get()) {
            restartStatus.set("");
            restartWarning.set("");
        }
        refresh();
    }

    /** The step is left: nothing goes on unseen (a read, a wait for a restart, the confirmation bar). */
    @Override
    public void leave() {
        stopLoad();
        if (busy.get()) {
            cancel();
        }
        keepRunning();
    }

    /** Restarting: the wizard waits until the Zap is back or the wait is cancelled. */
    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Stops waiting for a restarted Zap (it may still be restarting: the panel says so). */
    @Override
    public void cancel() {
        if (!busy.get()) {
            return;
        }
        restartGeneration++;
        if (restartCancelled != null) {
            restartCancelled.set(true);
        }
        if (restart != null) {
            restart.cancel();
        }
        stopTicker();
        busy.set(false);
        restartStatus.set("");
        restartWarning.set(Messages.get("prepare.health.restart.cancelled", restarting.serial()));
    }

    /** Closes the confirmation bar or stops a read; false when neither was there (Esc then goes back). */
    @Override
    public boolean cancelBackgroundWork() {
        if (confirmShown.get()) {
            keepRunning();
            return true;
        }
        if (loading.get()) {
            stopLoad();
            status.set(Messages.get("prepare.health.readStopped"));
            return true;
        }
        return false;
    }

    /** Nothing this panel holds is secret. */
    @Override
    public Collection<String> secrets() {
        return List.of();
    }

    // ---- health -----------------------------------------------------------------------------------------------

    /** Reads the session's Zap's health again, in the background. */
    public void refresh() {
        Optional<Gateway> gateway = session.gateway();
        stopLoad();
        if (gateway.isEmpty()) {
            clearLines();
            status.set("");
            error.set(Messages.get("prepare.health.noZap"));
            return;
        }
        Gateway g = gateway.get();
        if (!g.serial().equals(shownSerial)) {
            clearLines(); // another Zap's lines are not shown while this one is read
        }
        ZapClient zap = zapClients.forZap(g.baseUri());
        int generation = ++loadGeneration;
        loading.set(true);
        error.set("");
        status.set(Messages.get("prepare.health.reading", g.serial(), address(g.baseUri())));
        load = tasks.job(() -> read(zap))
                .andFinally(() -> {
                    if (generation == loadGeneration) {
                        loading.set(false);
                    }
                })
                .onSuccess(snapshot -> {
                    if (generation == loadGeneration) {
                        show(g, snapshot);
                    }
                })
                .onFailure(e -> {
                    if (generation == loadGeneration && !(e instanceof CancellationException)) {
                        // Lines of an earlier read would pass for the Zap's state now.
                        clearLines();
                        status.set("");
                        error.set(ErrorMessages.of(e));
                    }
                })
                .start();
    }

    /** {@code /api/system} must answer; without {@code /api/devices} the devices are unknown. */
    static Snapshot read(ZapClient zap) throws ZapException {
        ZapSystem system = zap.system();
        Optional<List<ZapDevice>> devices;
        try {
            devices = Optional.of(zap.devices());
        } catch (ZapException e) {
            LOG.info("Health: the Zap's devices could not be read ({})", e.kind());
            devices = Optional.empty();
        }
        return new Snapshot(system, ZapHealth.assess(system, devices));
    }

    private void clearLines() {
        rows.clear();
        summary.set("");
        summaryWarning.set(false);
        shownSerial = null;
    }

    private void show(Gateway g, Snapshot snapshot) {
        shownSerial = g.serial();
        rows.setAll(snapshot.report().lines().stream().map(l -> row(l, snapshot.system())).toList());
        HealthReport report = snapshot.report();
        summaryWarning.set(report.verdict() == Verdict.WARNING);
        summary.set(switch (report.verdict()) {
            case OK -> Messages.get("prepare.health.summary.ok");
            case UNKNOWN -> Messages.get("prepare.health.summary.unknown");
            case WARNING -> Messages.get("prepare.health.summary.warning", report.warnings().size());
        });
        String at = LocalTime.ofInstant(clock.instant(), clock.getZone()).format(TIME);
        status.set(Messages.get("prepare.health.readAt", g.serial(), address(g.baseUri()), at));
    }

    private void stopLoad() {
        loadGeneration++;
        if (load != null) {
            load.cancel();
            load = null;
        }
        loading.set(false);
    }

    /** One line in the app's words: the logic's value is English, so values with words or numbers are made here. */
    static Row row(HealthLine line, ZapSystem system) {
        String what = switch (line.fact()) {
            case FIRMWARE -> Messages.get("prepare.health.fact.firmware");
            case UPTIME -> Messages.get("prepare.health.fact.uptime");
            case FREE_HEAP -> Messages.get("prepare.health.fact.freeHeap");
            case TEMPERATURE -> Messages.get("prepare.health.fact.temperature");
            case INTERNET -> Messages.get("prepare.health.fact.internet");
            case DEVICES -> Messages.get("prepare.health.fact.devices");
            case DEVICE -> Messages.get("prepare.health.fact.device", line.subject());
        };
        if (line.reason() == HealthLine.Reason.NOT_REPORTED) {
            String note = line.fact() == HealthLine.Fact.DEVICES ? Messages.get("prepare.health.note.devicesUnread")
                    : Messages.get("prepare.health.note.notReported");
            return new Row(what, Messages.get("prepare.health.value.unknown"), line.verdict(), note);
        }
        String value = switch (line.fact()) {
            case FIRMWARE, UPTIME -> line.value();
            case FREE_HEAP -> heap(system.memoryKb());
            case TEMPERATURE -> Messages.get("prepare.health.value.celsius",
                    Messages.decimal(system.temperatureCelsius().orElse(0), 1));
            case INTERNET -> Messages.get(line.verdict() == Verdict.OK ? "prepare.health.value.yes"
                    : "prepare.health.value.no");
            case DEVICES -> Messages.get("prepare.health.value.none");
            case DEVICE -> Messages.get(line.verdict() == Verdict.OK ? "prepare.health.value.connected"
                    : "prepare.health.value.disconnected");
        };
        String note = switch (line.reason()) {
            case FINE, NOT_REPORTED, NO_DEVICES -> "";
            case RESTARTED_RECENTLY -> Messages.get("prepare.health.note.restartedRecently",
                    ZapHealth.RECENT_RESTART.toMinutes());
            case BELOW_ADD_DEVICE_LIMIT -> Messages.get("prepare.health.note.lowHeap",
                    system.memoryKb().free().orElse(0), ZapHealth.ADD_DEVICE_LIMIT_KB);
            case HOT -> Messages.get("prepare.health.note.hot",
                    Messages.decimal(system.temperatureCelsius().orElse(0), 1), Math.round(ZapHealth.HOT_CELSIUS));
            case NO_INTERNET -> Messages.get("prepare.health.note.noInternet");
            case DISCONNECTED -> Messages.get("prepare.health.note.disconnected", line.subject());
        };
        return new Row(what, value, line.verdict(), note);
    }

    private static String heap(ZapMemory memory) {
        long free = memory.free().orElse(0);
        String value = memory.total().isPresent()
                ? Messages.get("prepare.health.value.heapOf", free, memory.total().getAsLong())
                : Messages.get("prepare.health.value.heap", free);
        return memory.min().isPresent()
                ? Messages.get("prepare.health.value.heapLowest", value, memory.min().getAsLong()) : value;
    }

    // ---- restart ----------------------------------------------------------------------------------------------

    /** "Restart Zap…": shows the confirmation bar naming the session's Zap as it is now. */
    public void askRestart() {
        if (busy.get()) {
            return;
        }
        Optional<Gateway> gateway = session.gateway();
        if (gateway.isEmpty()) {
            restartWarning.set(Messages.get("prepare.health.noZap"));
            return;
        }
        pending = gateway.get();
        restartWarning.set("");
        confirmText.set(Messages.get("prepare.health.restart.confirm", pending.serial(),
                address(pending.baseUri())));
        confirmShown.set(true);
    }

    /** "Keep it running": the bar goes away, nothing is asked of the Zap. */
    public void keepRunning() {
        pending = null;
        confirmShown.set(false);
    }

    /** The technician confirmed: restart the Zap the bar named, and wait for it by its serial. */
    public void confirmRestart() {
        Gateway named = pending;
        keepRunning();
        if (named == null || busy.get()) {
            return;
        }
        if (!session.gateway().equals(Optional.of(named))) {
            // The session's Zap changed under the bar: ask again, naming the one that would be restarted.
            askRestart();
            return;
        }
        int generation = ++restartGeneration;
        AtomicBoolean cancelled = new AtomicBoolean();
        restartCancelled = cancelled;
        restarting = named;
        lastPhase = null;
        othersSeen.clear();
        busy.set(true);
        restartWarning.set("");
        restartStatus.set(Messages.get("prepare.health.restart.asking", named.serial()));
        ZapClient zap = zapClients.forZap(named.baseUri());
        ZapRebootWaiter waiter = new ZapRebootWaiter(zap, clock, d -> Thread.sleep(d.toMillis()),
                tuning.rebootLimit(), tuning.rebootPoll());
        Consumer<Phase> phases = phase -> tasks.onUiThread(() -> {
            if (generation == restartGeneration) {
                phase(phase);
            }
        });
        restart = tasks.job(() -> restart(zap, waiter, named.serial(), cancelled, phases))
                .andFinally(() -> {
                    if (generation == restartGeneration) {
                        stopTicker();
                        busy.set(false);
                    }
                })
                .onSuccess(end -> {
                    if (generation == restartGeneration) {
                        ended(named, end);
                    }
                })
                .onFailure(e -> {
                    if (generation == restartGeneration && !(e instanceof CancellationException)) {
                        restartStatus.set("");
                        restartWarning.set(Messages.get("prepare.health.restart.notAsked", named.serial(),
                                ErrorMessages.of(e)));
                    }
                })
                .start();
    }

    /**
     * Reads the Zap first so a failure to reach it is worded by {@link ErrorMessages}, and another Zap at the address
     * is named; then the waiter asks again, restarts and waits.
     */
    private static RestartEnd restart(ZapClient zap, ZapRebootWaiter waiter, String serial, AtomicBoolean cancelled,
                                      Consumer<Phase> phases) throws ZapException {
        String answering = zap.identityOrDeviceId(zap.system()).serialNumber();
        if (!answering.equalsIgnoreCase(serial)) {
            return new RestartEnd(Optional.of(answering), Optional.empty());
        }
        return new RestartEnd(Optional.empty(), Optional.of(waiter.rebootAndWait(serial, cancelled::get, phases)));
    }

    private void phase(Phase phase) {
        lastPhase = phase;
        switch (phase.kind()) {
            case ASKED -> {
                Instant asked = clock.instant().minus(phase.elapsed());
                stopTicker();
                ticker = tasks.every(tuning.tick(), () -> showWaiting(Duration.between(asked, clock.instant())));
                showWaiting(phase.elapsed());
            }
            case GONE -> showWaiting(phase.elapsed());
            case OTHER_ZAP -> {
                othersSeen.add(phase.detail());
                showWaiting(phase.elapsed());
            }
            default -> {
                // The terminal phases are the outcome's, worded in ended().
            }
        }
    }

    /** The phase the wait is in, with the seconds since the restart was asked. */
    private void showWaiting(Duration elapsed) {
        if (lastPhase == null || restarting == null) {
            return;
        }
        long seconds = elapsed.toSeconds();
        String serial = restarting.serial();
        restartStatus.set(switch (lastPhase.kind()) {
            case GONE -> Messages.get("prepare.health.restart.down", serial, seconds);
            case OTHER_ZAP -> Messages.get("prepare.health.restart.other", serial, seconds,
                    String.join(", ", othersSeen), address(restarting.baseUri()));
            default -> Messages.get("prepare.health.restart.goingDown", serial, seconds);
        });
    }

    private void ended(Gateway named, RestartEnd end) {
        restartStatus.set("");
        if (end.otherSerial().isPresent()) {
            restartWarning.set(Messages.get("prepare.health.restart.otherZap", end.otherSerial().get(),
                    address(named.baseUri()), named.serial()));
            return;
        }
        Phase last = end.outcome().orElseThrow().last();
        long seconds = last.elapsed().toSeconds();
        switch (last.kind()) {
            case BACK -> {
                restartStatus.set(Messages.get("prepare.health.restart.back", named.serial(), seconds));
                refresh();
            }
            case NOT_BACK -> {
                ZapRebootWaiter.Outcome outcome = end.outcome().orElseThrow();
                String check = switch (outcome.notBack().orElse(ZapRebootWaiter.NotBack.STAYED_AWAY)) {
                    case ANOTHER_ZAP_ANSWERS -> Messages.get("prepare.health.restart.check.other",
                            String.join(", ", outcome.othersSeen()), address(named.baseUri()));
                    case NEVER_WENT_DOWN -> Messages.get("prepare.health.restart.check.stayedUp");
                    case STAYED_AWAY -> Messages.get("prepare.health.restart.check.gone");
                };
                restartWarning.set(Messages.get("prepare.health.restart.notBack", named.serial(), seconds, check));
            }
            case CANCELLED -> restartWarning.set(Messages.get("prepare.health.restart.cancelled", named.serial()));
            default -> {
                // NOT_ASKED after this panel's own read: the Zap refused the request or stopped answering before it.
                LOG.info("Restart of {} not asked: {}", named.serial(), last.detail());
                restartWarning.set(Messages.get("prepare.health.restart.refused", named.serial()));
            }
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel();
            ticker = null;
        }
    }

    /** host or host:port, as a technician types it. */
    private static String address(URI base) {
        return base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
    }

    // ---- properties -------------------------------------------------------------------------------------------

    /** The health lines of the last read, in the logic's order. */
    public ObservableList<Row> rows() {
        return readOnlyRows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Which Zap was read and when (or that it is being read). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The report's verdict in a sentence: all fine, some unknown, n warnings. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty summaryWarningProperty() {
        return summaryWarning.getReadOnlyProperty();
    }

    /** Why the health could not be read. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty confirmShownProperty() {
        return confirmShown.getReadOnlyProperty();
    }

    /** The confirmation's question, naming the Zap by serial and address. */
    public ReadOnlyStringProperty confirmTextProperty() {
        return confirmText.getReadOnlyProperty();
    }

    /** The restart's progress, and that the Zap is back. */
    public ReadOnlyStringProperty restartStatusProperty() {
        return restartStatus.getReadOnlyProperty();
    }

    /** A restart that did not go as planned: not back, cancelled, refused, another Zap. */
    public ReadOnlyStringProperty restartWarningProperty() {
        return restartWarning.getReadOnlyProperty();
    }
}
