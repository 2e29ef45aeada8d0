package com.sourceful.commissioner.ui.verify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlCheckRun;
import com.sourceful.commissioner.control.ControlChecks;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlLedger;
import com.sourceful.commissioner.control.ControlLimits;
import com.sourceful.commissioner.control.ControlPlan;
import com.sourceful.commissioner.control.ControlRelease;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.report.ControlCheckText;
import com.sourceful.commissioner.report.ReportTexts;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * Verify's control check (issue 20): the technician picks a small test the device's DERs allow, sees why it cannot run
 * ({@link ControlPlan#check}) or, once confirmed, runs it ({@link ControlCheckRun} in {@link ControlChecks}) in the
 * background and sees its progress and verdict. Control is given back by the run itself on every exit; cancel, Esc,
 * leaving the step and choosing another device only ask it to stop. The ledger records the result; this class only
 * maps state to properties.
 */
public final class ControlCheckViewModel {

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;
    private final ControlChecks checks;
    private final ControlLedger ledger;
    private final Clock clock;
    private final Duration pollPeriod;

    private final ObservableList<ControlAction> actions = FXCollections.observableArrayList();
    private final ObjectProperty<ControlAction> action = new SimpleObjectProperty<>();
    private final StringProperty power = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final BooleanProperty available = new SimpleBooleanProperty();
    private final BooleanProperty canStart = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    /** Cancel was asked for: control is being given back, the run has not returned yet. */
    private final BooleanProperty stopping = new SimpleBooleanProperty();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty liveText = new SimpleStringProperty("");
    private final StringProperty verdictText = new SimpleStringProperty("");
    private final ObjectProperty<Tone> verdictTone = new SimpleObjectProperty<>(Tone.NONE);
    /** The last check may not have given control back: "Release again" is offered. */
    private final BooleanProperty releaseNeeded = new SimpleBooleanProperty();
    private final BooleanProperty releasing = new SimpleBooleanProperty();
    /** Something else on the step would be disturbed by a check (a load test runs). */
    private final BooleanProperty blocked = new SimpleBooleanProperty();

    private CommissioningSession.Device device;
    private List<DerLiveView> ders = List.of();
    private ControlPlan.DerFacts batteryFacts = ControlPlan.DerFacts.unknown();
    private ControlPlan.DerFacts pvFacts = ControlPlan.DerFacts.unknown();
    private Optional<ControlPlan> plan = Optional.empty();
    /**
     * The technician typed a power: the default no longer replaces it while the action stays a battery's (or a PV's).
     */
    private boolean powerTouched;
    private boolean settingDefault;
    private ControlCheckRun run;
    /** The hold the last run took and may not have given back, for "Release again". */
    private ControlHold unreleased;
    private ZapClient unreleasedClient;

    public ControlCheckViewModel(Tasks tasks, ZapClients clients, CommissioningSession session, ControlChecks checks,
                                 ControlLedger ledger, Clock clock, Duration pollPeriod) {
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
        this.checks = checks;
        this.ledger = ledger;
        this.clock = clock;
        this.pollPeriod = pollPeriod;
        action.addListener((o, was, now) -> {
            // A battery's W typed stays between charge and discharge; a PV limit is another number altogether.
            if (was == null || now == null || was.battery() != now.battery()) {
                powerTouched = false;
            }
            if (!powerTouched) {
                defaultPower();
            }
            recheck();
        });
        power.addListener((o, was, now) -> {
            powerTouched |= !settingDefault;
            recheck();
        });
        duration.addListener((o, was, now) -> recheck());
        running.addListener((o, was, now) -> recheck());
        releasing.addListener((o, was, now) -> recheck());
        blocked.addListener((o, was, now) -> recheck());
    }

    /**
     * Another device (or the first): a running check is stopped (it gives control back in the background), and the
     * tests its DERs allow are offered afresh.
     */
    void device(CommissioningSession.Device device, List<DerLiveView> ders) {
        if (run != null) {
            // Its result is the ledger's (and the visit record's): this box now shows the new device.
            run.cancel();
            run = null;
            running.set(false);
            stopping.set(false);
        }
        this.device = device;
        this.ders = List.copyOf(ders);
        batteryFacts = ControlPlan.DerFacts.unknown();
        pvFacts = ControlPlan.DerFacts.unknown();
        List<ControlAction> allowed = new ArrayList<>();
        if (ders.stream().anyMatch(d -> d.type().equals("battery"))) {
            allowed.add(ControlAction.CHARGE);
            allowed.add(ControlAction.DISCHARGE);
        }
        if (ders.stream().anyMatch(d -> d.type().equals("pv"))) {
            allowed.add(ControlAction.LIMIT_PV);
        }
        actions.setAll(allowed);
        available.set(!allowed.isEmpty());
        progressText.set("");
        liveText.set("");
        verdictText.set("");
        verdictTone.set(Tone.NONE);
        releaseNeeded.set(false);
        unreleased = null;
        powerTouched = false;
        setDefault(duration, String.valueOf(ControlLimits.DEFAULT_DURATION.toSeconds()));
        if (allowed.isEmpty()) {
            action.set(null);
        } else if (action.get() == allowed.get(0)) {
            defaultPower();
        } else {
            action.set(allowed.get(0));
        }
        recheck();
    }

    /** A new reading of the device (the one Verify polls): where the battery and PV stand now. */
    void reading(TelemetrySnapshot snapshot) {
        batteryFacts = facts(snapshot, "battery", batteryFacts);
        pvFacts = facts(snapshot, "pv", pvFacts);
        if (!powerTouched && action.get() == ControlAction.LIMIT_PV && power.get().isEmpty()) {
            defaultPower();
        }
        recheck();
    }

    private ControlPlan.DerFacts facts(TelemetrySnapshot snapshot, String type, ControlPlan.DerFacts before) {
        OptionalDouble rated = ders.stream().filter(d -> d.type().equals(type)).findFirst()
                .map(DerLiveView::ratedPowerW).orElse(OptionalDouble.empty());
        TelemetrySnapshot.Reading r = snapshot.readings().get(type);
        if (r == null || r.watts().isEmpty()) {
            return new ControlPlan.DerFacts(rated, before.currentW(), before.soc());
        }
        OptionalDouble soc = type.equals("battery") ? r.number("SoC_nom_fract") : OptionalDouble.empty();
        return new ControlPlan.DerFacts(rated, r.watts(), soc);
    }

    /**
     * A battery: {@link ControlLimits#DEFAULT_POWER_W}. A PV limit: half of what it makes now, to 100 W (empty until
     * a reading says what it makes).
     */
    private void defaultPower() {
        ControlAction a = action.get();
        if (a == null) {
            return;
        }
        String text = "";
        if (a.battery()) {
            text = String.valueOf(Math.round(ControlLimits.DEFAULT_POWER_W));
        } else if (pvFacts.currentW().isPresent()) {
            double generating = Math.max(0, -pvFacts.currentW().getAsDouble());
            text = String.valueOf(Math.round(generating / 2 / 100) * 100);
        }
        setDefault(power, text);
    }

    private void setDefault(StringProperty field, String text) {
        settingDefault = true;
        try {
            field.set(text);
        } finally {
            settingDefault = false;
        }
    }

    /** The typed check against the limits and the latest reading; not while a check runs (the DER is moved then). */
    private void recheck() {
        if (running.get()) {
            canStart.set(false);
            return;
        }
        ControlAction a = action.get();
        if (device == null || a == null || session.gateway().isEmpty()) {
            plan = Optional.empty();
            problems.clear();
            canStart.set(false);
            return;
        }
        ControlPlan.Checked checked = check(a);
        plan = checked.plan();
        List<String> why = new ArrayList<>(checked.problems().stream().map(p -> describe(a, p)).toList());
        if (blocked.get()) {
            why.add(Messages.get("verify.control.loadTestRunning"));
        }
        problems.setAll(why);
        canStart.set(plan.isPresent() && !releasing.get() && !blocked.get());
    }

    private ControlPlan.Checked check(ControlAction a) {
        CommissioningSession.Gateway zap = session.gateway().orElseThrow();
        return ControlPlan.check(zap.serial(), zap.baseUri(), device.sn(), a, power.get(), duration.get(),
                a.battery() ? batteryFacts : pvFacts);
    }

    /** A problem as a sentence with its numbers: W as typed, seconds, SoC in %. */
    static String describe(ControlAction action, ControlPlan.Problem p) {
        String kind = p.kind().name().toLowerCase(Locale.ROOT);
        boolean pv = action == ControlAction.LIMIT_PV;
        return switch (p.kind()) {
            case POWER_NOT_A_NUMBER, DURATION_NOT_A_NUMBER -> Messages.get("verify.control.problem." + kind);
            case NO_READING -> Messages.get("verify.control.problem." + kind + (pv ? ".pv" : ""));
            case POWER_TOO_HIGH -> Messages.get("verify.control.problem." + kind + (pv ? ".pv" : ""), p.value(),
                    p.limit(), ControlLimits.MAX_POWER_W);
            case POWER_TOO_LOW, CHANGE_TOO_SMALL -> Messages.get("verify.control.problem." + kind + (pv ? ".pv" : ""),
                    p.value(), p.limit(), ControlLimits.MIN_CHANGE_W);
            case DURATION_TOO_SHORT, DURATION_TOO_LONG -> Messages.get("verify.control.problem." + kind, p.value(),
                    p.limit());
            case SOC_TOO_LOW_TO_DISCHARGE, SOC_TOO_HIGH_TO_CHARGE -> Messages.get("verify.control.problem." + kind,
                    p.value() * 100, p.limit() * 100);
        };
    }

    /** The check as typed, for the confirmation; empty when it cannot run (the problems say why). */
    public Optional<ControlPlan> planToConfirm() {
        recheck();
        return canStart.get() ? plan : Optional.empty();
    }

    /** What the confirmation says first: which device on which Zap. */
    public String confirmationHeader(ControlPlan p) {
        String name = device == null ? "" : device.displayName();
        return Messages.get("verify.control.confirm.header", name.isBlank() ? p.deviceSn() : name, p.deviceSn(),
                p.zapSerial(), p.zapUri().getAuthority());
    }

    /** What the check will do to the customer's installation, and the limits that keep it safe. */
    public String confirmationText(ControlPlan p) {
        OptionalDouble now = (p.action().battery() ? batteryFacts : pvFacts).currentW();
        return ControlCheckText.plan(p, now, texts()) + "\n\n" + Messages.get("verify.control.confirm.limits",
                ControlLimits.MAX_POWER_W, ControlLimits.MAX_DURATION.toSeconds());
    }

    /** The technician confirmed {@code confirmed}: it starts, if the check as typed still gives exactly that plan. */
    public void confirm(ControlPlan confirmed) {
        if (planToConfirm().filter(confirmed::equals).isEmpty()) {
            return;
        }
        ZapClient client = clients.forZap(confirmed.zapUri());
        AtomicReference<ControlHold> taken = new AtomicReference<>();
        ControlCheckRun started = new ControlCheckRun(confirmed, client, remembering(taken), clock, pollPeriod);
        run = started;
        stopping.set(false);
        verdictText.set("");
        verdictTone.set(Tone.NONE);
        releaseNeeded.set(false);
        unreleased = null;
        liveText.set("");
        progressText.set(Messages.get("verify.control.stage.baseline"));
        running.set(true);
        tasks.job(() -> checks.run(started, p -> tasks.onUiThread(() -> progress(started, p))))
                .onSuccess(result -> finished(started, result, taken.get(), client))
                .onFailure(e -> failed(started, e))
                .start();
    }

    /** The ledger the run writes to, also telling this view-model which hold it took (for "Release again"). */
    private ControlLedger remembering(AtomicReference<ControlHold> taken) {
        return new ControlLedger() {
            @Override
            public void taken(ControlHold hold) throws IOException {
                ledger.taken(hold);
                taken.set(hold);
            }

            @Override
            public void released(ControlHold hold) {
                ledger.released(hold);
            }

            @Override
            public void finished(ControlResult result) {
                ledger.finished(result);
            }
        };
    }

    private void progress(ControlCheckRun of, ControlCheckRun.Progress p) {
        if (of != run) {
            return;
        }
        String der = Messages.get("control.der." + of.plan().action().derType());
        p.latest().ifPresent(r -> liveText.set(Messages.get("verify.control.live", der, r.derW(),
                of.plan().targetW())));
        if (stopping.get()) {
            return; // "giving control back…" until the run returns
        }
        progressText.set(switch (p.stage()) {
            case BASELINE -> Messages.get("verify.control.stage.baseline");
            case TAKING_CONTROL -> Messages.get("verify.control.stage.taking_control", der);
            case HOLDING -> Messages.get("verify.control.stage.holding", der, of.plan().targetW(), p.secondsLeft());
            case RELEASING, DONE -> Messages.get("verify.control.stage.releasing");
        });
    }

    private void finished(ControlCheckRun of, ControlResult result, ControlHold hold, ZapClient client) {
        if (!ended(of)) {
            return;
        }
        ReportTexts t = texts();
        String hint = device == null ? ""
                : ControlCheckText.hint(result, device.profile(), t).map(h -> "\n" + h).orElse("");
        verdictText.set(ControlCheckText.verdict(result, t) + hint + "\n" + ControlCheckText.release(result, t));
        verdictTone.set(result.outcome() == ControlResult.Outcome.FOLLOWED && result.released() ? Tone.OK
                : Tone.WARNING);
        if (!result.released() && hold != null) {
            unreleased = hold;
            unreleasedClient = client;
            releaseNeeded.set(true);
        }
        recheck();
    }

    /** Not expected (a run reports its failures in its result); shown, and the inputs are free again. */
    private void failed(ControlCheckRun of, Throwable e) {
        if (!ended(of)) {
            return;
        }
        verdictText.set(Messages.get("verify.control.error", ErrorMessages.of(e)));
        verdictTone.set(Tone.WARNING);
        recheck();
    }

    /** The run {@code of} returned: when it is still this box's, the box is free again (false: it was replaced). */
    private boolean ended(ControlCheckRun of) {
        if (of != run) {
            return false;
        }
        run = null;
        running.set(false);
        stopping.set(false);
        progressText.set("");
        liveText.set(""); // the verdict has the numbers; a last live line would read as still running
        return true;
    }

    /**
     * Cancel, Esc or leaving the step: the run stops at its next step and gives control back; "giving control back…"
     * shows until it returns its result. The view-model does not cancel the background job: the run's result comes
     * after release.
     */
    public void cancel() {
        if (run != null && !stopping.get()) {
            stopping.set(true);
            progressText.set(Messages.get("verify.control.stage.releasing"));
            run.cancel();
        }
    }

    /** "Release again": {@code curtail/disable} and {@code deinit} once more, in the background. */
    public void releaseAgain() {
        ControlHold hold = unreleased;
        ZapClient client = unreleasedClient;
        if (hold == null || releasing.get()) {
            return;
        }
        releasing.set(true);
        progressText.set(Messages.get("verify.control.releasingAgain"));
        tasks.job(() -> {
            Optional<String> problem = ControlRelease.release(client, hold.deviceSn());
            if (problem.isEmpty()) {
                ledger.released(hold);
            }
            return problem;
        }).andFinally(() -> {
            releasing.set(false);
            progressText.set("");
        }).onSuccess(problem -> {
            if (unreleased != hold) {
                return;
            }
            if (problem.isEmpty()) {
                unreleased = null;
                releaseNeeded.set(false);
                verdictText.set(Messages.get("control.released"));
                verdictTone.set(Tone.OK);
            } else {
                verdictText.set(Messages.get("control.notReleased", problem.get()));
                verdictTone.set(Tone.WARNING);
            }
        }).onFailure(e -> {
            verdictText.set(Messages.get("control.notReleased", ErrorMessages.of(e)));
            verdictTone.set(Tone.WARNING);
        }).start();
    }

    void blockedBy(boolean otherWork) {
        blocked.set(otherWork);
    }

    /** What the check does and the limits that keep it safe, with their numbers. */
    public String intro() {
        return Messages.get("verify.control.intro", ControlLimits.MAX_POWER_W, ControlLimits.MIN_DURATION.toSeconds(),
                ControlLimits.MAX_DURATION.toSeconds(), ControlLimits.MIN_SOC_TO_DISCHARGE * 100,
                ControlLimits.MAX_SOC_TO_CHARGE * 100, ControlLimits.MAX_IMPORT_W / 1000);
    }

    /** The action's name in the user's language. */
    public static String label(ControlAction a) {
        return Messages.get("verify.control.action." + a.name().toLowerCase(Locale.ROOT));
    }

    private static ReportTexts texts() {
        return new ReportTexts(Messages.bundle(), Messages.locale());
    }

    public ObservableList<ControlAction> actions() {
        return actions;
    }

    public ObjectProperty<ControlAction> actionProperty() {
        return action;
    }

    public StringProperty powerProperty() {
        return power;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    /** Why the check as typed cannot run, one sentence each. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** The device has a battery or a PV to check. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available;
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyBooleanProperty stoppingProperty() {
        return stopping;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText;
    }

    /** The DER's live W against the setpoint while the check runs. */
    public ReadOnlyStringProperty liveTextProperty() {
        return liveText;
    }

    public ReadOnlyStringProperty verdictTextProperty() {
        return verdictText;
    }

    public ReadOnlyObjectProperty<Tone> verdictToneProperty() {
        return verdictTone;
    }

    public ReadOnlyBooleanProperty releaseNeededProperty() {
        return releaseNeeded;
    }

    public ReadOnlyBooleanProperty releasingProperty() {
        return releasing;
    }
}
