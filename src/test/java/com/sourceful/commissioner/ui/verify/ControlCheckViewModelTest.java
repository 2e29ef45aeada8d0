package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlChecks;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlLedger;
import com.sourceful.commissioner.control.ControlPlan;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verify's control check as the technician meets it: only the tests the device's DERs allow, problems in sentences
 * with their numbers, nothing sent to the Zap before the confirmation, progress and the verdict, and control given
 * back on cancel, on leaving the step and on "Release again". Against the Zap simulator on loopback, and a stub Zap on
 * loopback where the simulator cannot (yet) be made to answer that way.
 */
class ControlCheckViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients();
    private final RecordingLedger ledger = new RecordingLedger();
    private final ControlChecks checks = new ControlChecks();
    private UiThreadTasks background;
    private ZapSimulator sim;
    private StubServer stub;

    @AfterEach
    void stop() {
        Messages.setLanguage(null);
        if (background != null) {
            background.close();
        }
        clients.close();
        if (sim != null) {
            sim.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    // ---- what can be checked, and why not --------------------------------------------------------------------

    @Test
    void aBatteryAndPvOfferTheirTestsAndProblemsAreSentencesWithTheirNumbers() throws Exception {
        TestClock clock = TestClock.atNoon();
        Tasks.CurrentThread tasks = Tasks.currentThread();
        sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        String sn = addSungrow();
        sim.batteryIdle();
        sim.setSun(0.5);
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            tasks.fireTimers();
        }
        ControlCheckViewModel control = verify.controlCheck();
        assertThat(control.availableProperty().get()).isTrue();
        assertThat(control.actions()).containsExactly(ControlAction.CHARGE, ControlAction.DISCHARGE,
                ControlAction.LIMIT_PV);
        assertThat(control.actionProperty().get()).isEqualTo(ControlAction.CHARGE);
        assertThat(control.powerProperty().get()).isEqualTo("1000");
        assertThat(control.durationProperty().get()).isEqualTo("30");
        assertThat(control.problems()).isEmpty();
        assertThat(control.canStartProperty().get()).isTrue();

        control.powerProperty().set("2500");
        assertThat(control.problems()).containsExactly("2,500 W is too much: a check asks a battery for at most "
                + "2,000 W (the smaller of its rated power and 2,000 W).");
        assertThat(control.canStartProperty().get()).isFalse();
        control.powerProperty().set("a lot");
        assertThat(control.problems()).containsExactly("The power is not a number of watts.");
        assertThat(control.canStartProperty().get()).isFalse();
        control.powerProperty().set("1000");
        control.durationProperty().set("300");
        assertThat(control.problems()).containsExactly("300 s is longer than a check may steer the customer's "
                + "installation: at most 120 s.");
        assertThat(control.canStartProperty().get()).isFalse();
        control.durationProperty().set("30");
        assertThat(control.canStartProperty().get()).isTrue();
        control.powerProperty().set("1500");
        control.actionProperty().set(ControlAction.DISCHARGE);
        assertThat(control.powerProperty().get()).as("a battery's W typed stays").isEqualTo("1500");

        // A PV limit starts at half of what the PV makes now, to 100 W.
        double pvW;
        try (ZapClient client = new ZapClient(sim.baseUri())) {
            pvW = client.telemetry(sn).orElseThrow().readings().get("pv").watts().getAsDouble();
        }
        assertThat(pvW).as("generating in half sun").isLessThan(-1000);
        control.actionProperty().set(ControlAction.LIMIT_PV);
        assertThat(control.powerProperty().get()).isEqualTo(String.valueOf(Math.round(-pvW / 2 / 100) * 100));
        assertThat(control.problems()).isEmpty();
        verify.leave();
    }

    @Test
    void aBatteryTooEmptyIsNotDischargedAndTheSentenceSaysWhyInBothLanguages() throws Exception {
        // The simulator's state of charge cannot be set (yet): a stub Zap reads 15 %.
        stub = StubServer.start();
        AtomicLong timestamp = new AtomicLong(1_700_000_000_000L);
        stub.on("/api/devices/BAT1/data/json", ex -> StubServer.send(ex, 200, "application/json",
                "{\"battery\":{\"type\":\"battery\",\"W\":0,\"SoC_nom_fract\":0.15,\"timestamp\":"
                        + timestamp.addAndGet(1000) + "}}"));
        session.selectGateway(new CommissioningSession.Gateway("zap-00000001", stub.baseUri(), "1"));
        session.deviceAdded(CommissioningSession.Device.of(new AddedDevice("BAT1", "",
                List.of(new Der("battery", false))), "sungrow", ProfileCatalogue.Group.INVERTER, "Sungrow",
                DeviceConfig.of("modbus_tcp", Map.of())));
        Tasks.CurrentThread tasks = Tasks.currentThread();
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        ControlCheckViewModel control = verify.controlCheck();
        assertThat(control.actions()).as("no PV on this device").containsExactly(ControlAction.CHARGE,
                ControlAction.DISCHARGE);
        assertThat(control.problems()).as("charging from 15 % is fine").isEmpty();

        control.actionProperty().set(ControlAction.DISCHARGE);
        assertThat(control.problems()).containsExactly("The battery is at 15 % state of charge: no discharge test "
                + "below 20 % (the customer keeps a reserve). Charge it instead.");
        assertThat(control.canStartProperty().get()).isFalse();
        assertThat(control.planToConfirm()).isEmpty();

        Messages.setLanguage("sv");
        control.powerProperty().set("1500");
        assertThat(control.problems()).containsExactly("Batteriets laddningsnivå är 15\u00a0%: ingen urladdning "
                + "under 20\u00a0% (kunden behåller en reserv). Ladda det i stället.");
        control.powerProperty().set("2500");
        assertThat(control.problems()).contains("2\u00a0500\u00a0W är för mycket: ett styrtest begär högst "
                + "2\u00a0000\u00a0W av ett batteri (det minsta av dess märkeffekt och 2\u00a0000\u00a0W).");
        verify.leave();
    }

    @Test
    void aMeterHasNoControlCheck() throws Exception {
        TestClock clock = TestClock.atNoon();
        sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        AddedDevice meter;
        try (ZapClient client = new ZapClient(sim.baseUri())) {
            meter = client.addDevice(DeviceConfig.of("p1_uart", Map.of("baud_rate", 115200)));
        }
        session.selectGateway(new CommissioningSession.Gateway(sim.serial(), sim.baseUri(), "1"));
        session.deviceAdded(CommissioningSession.Device.of(meter, "p1_meter", ProfileCatalogue.Group.METER, "P1",
                DeviceConfig.of("p1_uart", Map.of())));
        VerifyViewModel verify = new VerifyViewModel(Tasks.currentThread(), clients, session);
        verify.enter();
        assertThat(verify.controlCheck().availableProperty().get()).isFalse();
        assertThat(verify.controlCheck().actions()).isEmpty();
        assertThat(verify.controlCheck().planToConfirm()).isEmpty();
        verify.leave();
    }

    @Test
    void everyProblemHasASentenceInBothLanguages() {
        for (String language : List.of("en", "sv")) {
            ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, Locale.forLanguageTag(language));
            for (ControlPlan.Problem.Kind kind : ControlPlan.Problem.Kind.values()) {
                for (ControlAction action : ControlAction.values()) {
                    Messages.setLanguage(language);
                    String text = ControlCheckViewModel.describe(action, new ControlPlan.Problem(kind, 3000, 2000));
                    assertThat(text).as(language + " " + kind + " " + action).doesNotStartWith("!")
                            .doesNotContain("{");
                }
            }
            for (ControlAction action : ControlAction.values()) {
                assertThat(bundle.containsKey("verify.control.action." + action.name().toLowerCase(Locale.ROOT)))
                        .isTrue();
            }
        }
    }

    @Test
    void noControlCheckWhileALoadTestRunsAndNoLoadTestWhileAControlCheckRuns() throws Exception {
        StubZap zap = new StubZap();
        VerifyViewModel verify = running(Clock.systemUTC());
        ControlCheckViewModel control = verify.controlCheck();
        background.waitFor(WAIT, "both possible", () -> control.canStartProperty().get()
                && verify.loadTestPossibleProperty().get());
        background.onUi(verify::startLoadTest);
        assertThat(background.onUi(() -> control.canStartProperty().get())).isFalse();
        assertThat(background.onUi(() -> List.copyOf(control.problems()))).containsExactly("Wait until the load test "
                + "is over: a battery or PV moved on purpose would spoil its verdict, and the house's load step this "
                + "one's.");
        background.onUi(verify::cancelLoadTest);
        assertThat(background.onUi(() -> control.canStartProperty().get())).isTrue();

        startAndHold(control);
        assertThat(background.onUi(() -> verify.loadTestPossibleProperty().get())).isFalse();
        background.onUi(control::cancel);
        background.waitFor(WAIT, "the check's end", () -> !control.runningProperty().get());
        assertThat(background.onUi(() -> verify.loadTestPossibleProperty().get())).isTrue();
        assertThat(zap.controlCalls()).endsWith("POST /api/control/SG1/deinit");
        background.onUi(verify::leave);
    }

    // ---- confirm, run, verdict --------------------------------------------------------------------------------

    @Test
    void nothingIsSentBeforeTheConfirmationAndAZapRefusingControlIsNotRun() throws Exception {
        Clock clock = new FastClock(20);
        sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        String sn = addSungrow();
        sim.batteryIdle();
        // Today's simulator answers control with 404; one that knows control (issue 20) is told to refuse init.
        if (ZapSimulator.FAULT_ENDPOINTS.contains("/api/control/{sn}/init")) {
            sim.setFault("POST /api/control/{sn}/init", new ZapFault.Status(500));
        }
        VerifyViewModel verify = running(clock);
        ControlCheckViewModel control = verify.controlCheck();
        background.waitFor(WAIT, "a check that can start", () -> control.canStartProperty().get());

        ControlPlan plan = background.onUi(() -> control.planToConfirm().orElseThrow());
        assertThat(plan.deviceSn()).isEqualTo(sn);
        assertThat(plan.zapSerial()).isEqualTo(sim.serial());
        assertThat(background.onUi(() -> control.confirmationHeader(plan))).isEqualTo("Sungrow (serial " + sn
                + ") on Zap " + sim.serial() + " at " + sim.baseUri().getAuthority());
        assertThat(background.onUi(() -> control.confirmationText(plan)))
                .startsWith("The battery will be told to charge at 1,000 W for up to 30 s")
                .contains("It stops at once if the grid import passes 10 kW")
                .contains("never asks a battery for more than 2,000 W or its rated power, and never steers the "
                        + "installation longer than 120 s.");
        assertThat(controlCalls()).as("nothing sent before the confirmation").isEmpty();

        // A confirmation of a check that is no longer the one typed starts nothing.
        background.onUi(() -> control.powerProperty().set("1500"));
        background.onUi(() -> control.confirm(plan));
        assertThat(background.onUi(() -> control.runningProperty().get())).isFalse();
        assertThat(controlCalls()).isEmpty();

        background.onUi(() -> control.powerProperty().set("1000"));
        background.onUi(() -> control.confirm(plan));
        assertThat(background.onUi(() -> control.runningProperty().get())).isTrue();
        assertThat(background.onUi(() -> control.canStartProperty().get())).as("one check at a time").isFalse();
        background.waitFor(WAIT, "the verdict", () -> !control.runningProperty().get());
        assertThat(background.onUi(() -> control.verdictTextProperty().get()))
                .startsWith("Not run: control of the battery was not taken or the setpoint was not accepted");
        assertThat(background.onUi(() -> control.verdictToneProperty().get())).isEqualTo(Tone.WARNING);
        assertThat(ledger.finished).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ControlResult.Outcome.NOT_RUN);
            assertThat(r.deviceSn()).isEqualTo(sn);
        });
        assertThat(controlCalls()).contains("POST /api/control/" + sn + "/init",
                "POST /api/control/" + sn + "/deinit");
        background.onUi(verify::leave);
    }

    @Test
    void cancelStopsTheCheckAndControlIsGivenBackBeforeTheVerdict() throws Exception {
        StubZap zap = new StubZap();
        VerifyViewModel verify = running(Clock.systemUTC());
        ControlCheckViewModel control = verify.controlCheck();
        startAndHold(control);

        // Esc, as the wizard sends it: the check stops, the step stays. Read in the same UI-thread turn as Esc: the run
        // can give control back and end before a later turn (a CI run once read "stopping" after that).
        List<Object> atEsc = background.onUi(() -> List.of(verify.cancelBackgroundWork(),
                control.stoppingProperty().get(), control.progressTextProperty().get()));
        assertThat(atEsc).containsExactly(true, true, "Giving control back…");
        background.waitFor(WAIT, "the check's end", () -> !control.runningProperty().get());
        assertThat(background.onUi(() -> control.verdictTextProperty().get()))
                .isEqualTo("Cancelled before a verdict on the battery.\nControl given back: the device is in its own "
                        + "mode again (and any PV limit lifted).");
        assertThat(background.onUi(() -> control.releaseNeededProperty().get())).isFalse();
        assertThat(background.onUi(() -> control.liveTextProperty().get())).as("no live line after the end").isEmpty();
        assertThat(zap.controlCalls()).containsSubsequence("POST /api/control/SG1/init",
                "POST /api/control/SG1/battery", "POST /api/control/SG1/curtail/disable",
                "POST /api/control/SG1/deinit");
        assertThat(ledger.taken).singleElement().extracting(ControlHold::deviceSn).isEqualTo("SG1");
        assertThat(ledger.released).hasSize(1);
        assertThat(ledger.finished).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ControlResult.Outcome.CANCELLED);
            assertThat(r.released()).isTrue();
        });
        assertThat(background.onUi(() -> control.canStartProperty().get())).as("free for another").isTrue();
        background.onUi(verify::leave);
    }

    @Test
    void leavingTheStepStopsTheCheckAndGivesControlBack() throws Exception {
        StubZap zap = new StubZap();
        VerifyViewModel verify = running(Clock.systemUTC());
        ControlCheckViewModel control = verify.controlCheck();
        startAndHold(control);

        boolean stoppingAtLeave = background.onUi(() -> {
            verify.leave();
            return control.stoppingProperty().get(); // in the same turn: the run may end before the next one
        });
        assertThat(stoppingAtLeave).isTrue();
        background.waitFor(WAIT, "the check's end", () -> !control.runningProperty().get());
        assertThat(zap.controlCalls()).endsWith("POST /api/control/SG1/curtail/disable",
                "POST /api/control/SG1/deinit");
        assertThat(ledger.finished).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ControlResult.Outcome.CANCELLED);
            assertThat(r.released()).isTrue();
        });
        assertThat(checks.anyRunning()).isFalse();
    }

    @Test
    void anotherDeviceStopsTheCheckOfTheFirst() throws Exception {
        StubZap zap = new StubZap();
        VerifyViewModel verify = running(Clock.systemUTC());
        ControlCheckViewModel control = verify.controlCheck();
        startAndHold(control);

        background.onUi(() -> {
            session.deviceAdded(CommissioningSession.Device.of(new AddedDevice("PV2", "",
                    List.of(new Der("pv", false))), "sungrow", ProfileCatalogue.Group.INVERTER, "Sungrow",
                    DeviceConfig.of("modbus_tcp", Map.of())));
            verify.enter();
        });
        assertThat(background.onUi(() -> control.runningProperty().get())).as("the box shows the new device")
                .isFalse();
        assertThat(background.onUi(() -> List.copyOf(control.actions()))).containsExactly(ControlAction.LIMIT_PV);
        background.waitFor(WAIT, "control of SG1 given back",
                () -> zap.controlCalls().contains("POST /api/control/SG1/deinit"));
        background.waitFor(WAIT, "the first check's end", () -> !checks.anyRunning());
        assertThat(ledger.finished).singleElement().satisfies(r -> {
            assertThat(r.deviceSn()).isEqualTo("SG1");
            assertThat(r.released()).isTrue();
        });
        assertThat(background.onUi(() -> control.verdictTextProperty().get())).as("not the first device's").isEmpty();
        background.onUi(verify::leave);
    }

    @Test
    void controlNotGivenBackIsOfferedAgainAndTheLedgerHearsWhenItIs() throws Exception {
        StubZap zap = new StubZap();
        zap.deinitFails.set(true);
        VerifyViewModel verify = running(Clock.systemUTC());
        ControlCheckViewModel control = verify.controlCheck();
        startAndHold(control);
        background.onUi(control::cancel);
        background.waitFor(WAIT, "the check's end", () -> !control.runningProperty().get());
        assertThat(background.onUi(() -> control.verdictTextProperty().get()))
                .contains("Control may NOT be given back: ").contains("Release it again before you leave.");
        assertThat(background.onUi(() -> control.verdictToneProperty().get())).isEqualTo(Tone.WARNING);
        assertThat(background.onUi(() -> control.releaseNeededProperty().get())).isTrue();
        assertThat(ledger.released).isEmpty();

        zap.deinitFails.set(false);
        background.onUi(control::releaseAgain);
        background.waitFor(WAIT, "released again", () -> !control.releaseNeededProperty().get());
        assertThat(background.onUi(() -> control.verdictTextProperty().get())).startsWith("Control given back");
        assertThat(background.onUi(() -> control.verdictToneProperty().get())).isEqualTo(Tone.OK);
        assertThat(ledger.released).singleElement().isEqualTo(ledger.taken.get(0));
        background.onUi(verify::leave);
    }

    @Test
    void aBatteryThatFollowsIsFollowedAndControlIsGivenBack() throws Exception {
        Clock clock = new FastClock(20);
        sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        String sn = addSungrow();
        VerifyViewModel verify = running(clock);
        ControlCheckViewModel control = verify.controlCheck();
        background.waitFor(WAIT, "a check that can start", () -> control.canStartProperty().get());
        ControlPlan plan = background.onUi(() -> control.planToConfirm().orElseThrow());
        background.onUi(() -> control.confirm(plan));
        background.waitFor(WAIT, "the check under control", () -> control.liveTextProperty().get()
                .startsWith("Live: the battery at "));
        background.waitFor(WAIT, "the verdict", () -> !control.runningProperty().get());
        assertThat(background.onUi(() -> control.verdictTextProperty().get())).startsWith("Followed: the battery went "
                + "from ").contains("(asked 1,000 W)").endsWith("Control given back: the device is in its own mode "
                + "again (and any PV limit lifted).");
        assertThat(background.onUi(() -> control.verdictToneProperty().get())).isEqualTo(Tone.OK);
        assertThat(ledger.finished).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ControlResult.Outcome.FOLLOWED);
            assertThat(r.released()).isTrue();
        });
        assertThat(controlCalls()).contains("POST /api/control/" + sn + "/deinit");
        background.onUi(verify::leave);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A Sungrow (PV and battery) on the simulator, chosen in the session; its serial. */
    private String addSungrow() throws Exception {
        AddedDevice added;
        try (ZapClient client = new ZapClient(sim.baseUri())) {
            // The simulator decides a non-loopback address by its rules alone: nothing is sent there.
            added = client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip",
                    "192.168.1.60", "port", 502, "unit_id", 1)));
        }
        session.selectGateway(new CommissioningSession.Gateway(sim.serial(), sim.baseUri(), "1"));
        session.deviceAdded(CommissioningSession.Device.of(added, "sungrow", ProfileCatalogue.Group.INVERTER,
                "Sungrow", DeviceConfig.of("modbus_tcp", Map.of())));
        return added.sn();
    }

    /** Verify on the session's device with background work, polling fast; entered. */
    private VerifyViewModel running(Clock clock) throws Exception {
        background = new UiThreadTasks();
        VerifyViewModel verify = new VerifyViewModel(background, clients, session, Duration.ofMillis(50), checks,
                ledger, clock, Duration.ofMillis(20));
        background.onUi(verify::enter);
        return verify;
    }

    /** Confirms the check as typed and waits until the setpoint is in force. */
    private void startAndHold(ControlCheckViewModel control) throws Exception {
        background.waitFor(WAIT, "a check that can start", () -> control.canStartProperty().get());
        ControlPlan plan = background.onUi(() -> control.planToConfirm().orElseThrow());
        background.onUi(() -> control.confirm(plan));
        background.waitFor(WAIT, "the setpoint in force", () -> control.progressTextProperty().get()
                .startsWith("Under control: the battery asked for 1,000 W; watching"));
        assertThat(background.onUi(() -> control.liveTextProperty().get()))
                .isEqualTo("Live: the battery at 0 W, asked 1,000 W.");
    }

    private List<String> controlCalls() {
        return sim.requestStats().byRequest().keySet().stream().filter(r -> r.contains("/api/control/")).toList();
    }

    /** What a control check wrote down. */
    private static final class RecordingLedger implements ControlLedger {
        final List<ControlHold> taken = new CopyOnWriteArrayList<>();
        final List<ControlHold> released = new CopyOnWriteArrayList<>();
        final List<ControlResult> finished = new CopyOnWriteArrayList<>();

        @Override
        public void taken(ControlHold hold) {
            taken.add(hold);
        }

        @Override
        public void released(ControlHold hold) {
            released.add(hold);
        }

        @Override
        public void finished(ControlResult result) {
            finished.add(result);
        }
    }

    /**
     * A Zap on loopback that accepts every control call (202 queued) and whose battery SG1 (at 50 %, with a meter)
     * ignores them, so a check runs until it is stopped; a new reading at every request.
     */
    private final class StubZap {
        final AtomicBoolean deinitFails = new AtomicBoolean();
        private final AtomicLong timestamp = new AtomicLong(1_700_000_000_000L);

        StubZap() throws Exception {
            stub = StubServer.start();
            stub.json("/api/devices", 200, "{\"count\":1,\"devices\":[{\"sn\":\"SG1\",\"type\":\"modbus_tcp\","
                    + "\"profile\":\"sungrow\"}]}");
            stub.on("/api/devices/SG1/data/json", ex -> {
                long t = timestamp.addAndGet(1000);
                StubServer.send(ex, 200, "application/json", "{\"battery\":{\"type\":\"battery\",\"W\":0,"
                        + "\"SoC_nom_fract\":0.5,\"timestamp\":" + t + "},\"meter\":{\"type\":\"meter\",\"W\":400,"
                        + "\"timestamp\":" + t + "}}");
            });
            for (String action : List.of("init", "battery", "curtail", "curtail/disable", "deinit")) {
                stub.on("/api/control/SG1/" + action, ex -> {
                    ex.getRequestBody().readAllBytes();
                    boolean fail = action.equals("deinit") && deinitFails.get();
                    StubServer.send(ex, fail ? 500 : 202, "application/json", fail ? "{\"error\":\"busy\"}"
                            : "{\"status\":\"queued\",\"sn\":\"SG1\",\"action\":\"" + action + "\"}");
                });
            }
            session.selectGateway(new CommissioningSession.Gateway("zap-00000001", stub.baseUri(), "1"));
            session.deviceAdded(CommissioningSession.Device.of(new AddedDevice("SG1", "",
                    List.of(new Der("battery", false), new Der("meter", false))), "sungrow",
                    ProfileCatalogue.Group.INVERTER, "Sungrow", DeviceConfig.of("modbus_tcp", Map.of())));
        }

        List<String> controlCalls() {
            return stub.requests().stream().filter(r -> r.contains("/api/control/")).toList();
        }
    }

    /**
     * The simulator's and the check's time, {@code scale} times faster than real time, so a check of 30 s takes a
     * moment (the simulator's own scaled clock is not public yet).
     */
    private static final class FastClock extends Clock {
        private final long startMs = System.currentTimeMillis();
        private final long startNanos = System.nanoTime();
        private final double scale;

        FastClock(double scale) {
            this.scale = scale;
        }

        @Override
        public long millis() {
            return startMs + Math.round((System.nanoTime() - startNanos) / 1e6 * scale);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
