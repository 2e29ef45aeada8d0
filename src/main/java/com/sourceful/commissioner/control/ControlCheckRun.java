package com.sourceful.commissioner.control;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.sourceful.commissioner.control.ControlResult.Limited;
import com.sourceful.commissioner.control.ControlResult.Outcome;
import com.sourceful.commissioner.control.ControlResult.Stop;
import com.sourceful.commissioner.zap.TelemetrySnapshot;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapDevice;
import com.sourceful.commissioner.zap.ZapException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control check from start to end, on one background thread ({@link #run}): a baseline of the whole site
 * without control, the hold written down ({@link ControlLedger#taken}), {@code init} and the setpoint, the site
 * watched until the {@link ControlJudge} stops it or the time is up, and control given back ({@link ControlRelease})
 * whatever happened — cancel, a failed call, an interrupted thread. {@link #cancel} may come from any thread.
 */
public final class ControlCheckRun {

    private static final Logger LOG = LoggerFactory.getLogger(ControlCheckRun.class);

    /** How long the baseline may take before the check gives up (the device gives no new readings). */
    public static final Duration BASELINE_TIMEOUT = Duration.ofSeconds(20);
    /** Under the setpoint, no new reading for this long ends the check (the Zap or the device went silent). */
    public static final Duration SILENCE_LIMIT = Duration.ofSeconds(10);

    /** Where the check is. */
    public enum Stage {
        /** Reading the site as it is, before control is taken. */
        BASELINE,
        /** Writing the hold down, {@code init} and the setpoint. */
        TAKING_CONTROL,
        /** The setpoint is in force; the site is watched. */
        HOLDING,
        /** {@code curtail/disable} and {@code deinit}. */
        RELEASING,
        DONE
    }

    /** What the check is doing, for the view: the latest reading and the seconds left of the hold. */
    public record Progress(Stage stage, Optional<ControlReading> latest, long secondsLeft) {
    }

    private final ControlPlan plan;
    private final ZapClient client;
    private final ControlLedger ledger;
    private final Clock clock;
    private final Duration pollPeriod;
    private final ControlJudge judge;
    private final Object wake = new Object();
    private volatile boolean cancelled;
    private List<String> devices;
    private long lastTimestamp = Long.MIN_VALUE;

    /**
     * @param clock      the time of the check (tests: the simulator's scaled clock)
     * @param pollPeriod the real time between two reads of the site
     */
    public ControlCheckRun(ControlPlan plan, ZapClient client, ControlLedger ledger, Clock clock, Duration pollPeriod) {
        this.plan = plan;
        this.client = client;
        this.ledger = ledger;
        this.clock = clock;
        this.pollPeriod = pollPeriod;
        this.judge = new ControlJudge(plan);
    }

    public ControlPlan plan() {
        return plan;
    }

    /** Stops the check at its next step; control is given back before {@link #run} returns. Any thread. */
    public void cancel() {
        cancelled = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Runs the whole check; never throws. Blocks for up to the plan's duration plus the baseline and release. */
    public ControlResult run(Consumer<Progress> progress) {
        Instant started = clock.instant();
        ControlHold hold = null;
        Stop stop;
        String problem = null;
        boolean commanded = false;
        try {
            progress.accept(new Progress(Stage.BASELINE, Optional.empty(), plan.duration().toSeconds()));
            long baselineEnd = clock.millis() + BASELINE_TIMEOUT.toMillis();
            while (judge.baselineReadings() < ControlLimits.BASELINE_READINGS && !stopping()
                    && clock.millis() < baselineEnd) {
                newReading().ifPresent(r -> {
                    judge.baseline(r);
                    progress.accept(new Progress(Stage.BASELINE, Optional.of(r), plan.duration().toSeconds()));
                });
                pause();
            }
            if (stopping()) {
                return finish(started, Stop.CANCELLED, null, false, null);
            }
            if (judge.baselineReadings() < ControlLimits.BASELINE_READINGS) {
                return finish(started, Stop.ERROR, "no new reading of the " + plan.action().derType() + " within "
                        + BASELINE_TIMEOUT.toSeconds() + " s", false, null);
            }
            progress.accept(new Progress(Stage.TAKING_CONTROL, Optional.empty(), plan.duration().toSeconds()));
            ControlHold taken = new ControlHold(plan.zapSerial(), plan.zapUri(), plan.deviceSn(), plan.action(),
                    clock.instant());
            try {
                ledger.taken(taken);
            } catch (IOException e) {
                return finish(started, Stop.ERROR, "could not save that control is taken: " + e.getMessage(), false,
                        null);
            }
            // From here on control may be held (an init whose answer is lost may still have been carried out).
            hold = taken;
            client.controlInit(plan.deviceSn());
            if (plan.action().battery()) {
                client.controlBattery(plan.deviceSn(), plan.setpointW());
            } else {
                client.controlCurtail(plan.deviceSn(), plan.powerW());
            }
            commanded = true;
            long commandedAt = clock.millis();
            judge.commanded(commandedAt);
            long deadline = commandedAt + plan.duration().toMillis();
            long lastNew = commandedAt;
            stop = Stop.DURATION;
            while (true) {
                if (stopping()) {
                    stop = Stop.CANCELLED;
                    break;
                }
                long now = clock.millis();
                if (now >= deadline) {
                    break;
                }
                Optional<ControlReading> r = newReading();
                long left = Math.max(0, (deadline - clock.millis() + 999) / 1000);
                if (r.isPresent()) {
                    lastNew = clock.millis();
                    progress.accept(new Progress(Stage.HOLDING, r, left));
                    Optional<Stop> early = judge.observe(r.get(), lastNew);
                    if (early.isPresent()) {
                        stop = early.get();
                        break;
                    }
                } else if (clock.millis() - lastNew > SILENCE_LIMIT.toMillis()) {
                    stop = Stop.ERROR;
                    problem = "no new reading of the " + plan.action().derType() + " for "
                            + SILENCE_LIMIT.toSeconds() + " s";
                    break;
                }
                pause();
            }
        } catch (ZapException e) {
            stop = Stop.ERROR;
            problem = e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn("The control check of {} failed", plan.deviceSn(), e);
            stop = Stop.ERROR;
            problem = e.toString();
        } finally {
            // Whatever happened, control goes back before the check reports (the result says whether it did).
            if (hold != null) {
                progress.accept(new Progress(Stage.RELEASING, Optional.empty(), 0));
            }
        }
        return finish(started, stop, problem, commanded, hold);
    }

    private boolean stopping() {
        if (Thread.currentThread().isInterrupted()) {
            cancelled = true;
        }
        return cancelled;
    }

    private ControlResult finish(Instant started, Stop stop, String problem, boolean commanded, ControlHold hold) {
        Optional<String> releaseProblem = Optional.empty();
        if (hold != null) {
            releaseProblem = ControlRelease.release(client, plan.deviceSn());
            if (releaseProblem.isEmpty()) {
                ledger.released(hold);
            } else {
                LOG.warn("Control of {} may not be given back: {}", plan.deviceSn(), releaseProblem.get());
            }
        }
        ControlJudge.Verdict v = judge.verdict(stop);
        Outcome outcome = stop == Stop.CANCELLED ? Outcome.CANCELLED : commanded ? v.outcome() : Outcome.NOT_RUN;
        Limited limited = outcome == Outcome.FOLLOWED_PARTLY ? v.limitedBy() : Limited.NONE;
        ControlResult result = new ControlResult(plan.zapSerial(), plan.deviceSn(), plan.action(), plan.setpointW(),
                plan.duration().toSeconds(), outcome, stop, limited, v.baselineW(), v.reachedW(), v.secondsToFollow(),
                v.meterDeltaW(), v.houseDeltaW(), v.socStart(), v.socEnd(), v.readings(), started, clock.instant(),
                Optional.ofNullable(problem), hold == null || releaseProblem.isEmpty(), releaseProblem);
        ledger.finished(result);
        return result;
    }

    /** The site now, when the device under test has a reading newer than the last one used; failures are skipped. */
    private Optional<ControlReading> newReading() {
        try {
            if (devices == null) {
                List<String> sns = new ArrayList<>();
                for (ZapDevice d : client.devices()) {
                    sns.add(d.sn());
                }
                if (!sns.contains(plan.deviceSn())) {
                    sns.add(plan.deviceSn());
                }
                devices = List.copyOf(sns);
            }
            Map<String, TelemetrySnapshot> all = new LinkedHashMap<>();
            for (String sn : devices) {
                try {
                    client.telemetry(sn).ifPresent(s -> all.put(sn, s));
                } catch (ZapException e) {
                    if (sn.equals(plan.deviceSn())) {
                        throw e;
                    }
                    LOG.debug("No reading of {} for the control check: {}", sn, e.toString());
                }
            }
            Optional<ControlReading> r = ControlReading.of(plan.deviceSn(), plan.action(), all);
            if (r.isEmpty() || r.get().timestampMs() == lastTimestamp) {
                return Optional.empty();
            }
            lastTimestamp = r.get().timestampMs();
            return r;
        } catch (ZapException e) {
            LOG.debug("No reading for the control check: {}", e.toString());
            return Optional.empty();
        }
    }

    private void pause() {
        synchronized (wake) {
            if (cancelled) {
                return;
            }
            try {
                wake.wait(Math.max(1, pollPeriod.toMillis()));
            } catch (InterruptedException e) {
                cancelled = true;
                Thread.currentThread().interrupt();
            }
        }
    }
}
