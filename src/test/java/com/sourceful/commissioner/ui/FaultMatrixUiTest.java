package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.telemetry.ChartWindow;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.app.App;

/**
 * The fault matrix (issue 7): every way the simulated Zap can misbehave, on every endpoint each wizard step uses, in a
 * real headless window. For each, the window names the problem, no spinner or busy state outlives the client's
 * deadline, the JavaFX thread keeps drawing while the fault is on, the step recovers once the fault is cleared (Find
 * and Verify and Add's profile list by themselves, adding and publishing on the technician's retry), and nothing
 * gathered before is lost (the chosen Zap, the form as typed, the chart, the rated power typed on Verify).
 * <p>
 * One app for the whole matrix, steps in wizard order (Find, Add, Verify with Provision), cases one after the other.
 * The app runs with short Zap client timeouts (connect 300 ms, answer 700 ms, adding a device 1.5 s), Verify polls every
 * 400 ms and Add asks again after 250 ms, so a 15 s latency shows the timeout path without waiting 15 s, and a 250 ms
 * latency the slow-but-fine path. Discovery's re-checks keep their built-in short timeouts (0.5 s + 1.5 s).
 * <p>
 * Provision talks to Novacore only; the Zap call on the way into it is the DER metadata ({@code POST /ders}) sent with
 * Verify's Next, so that is where the Provision endpoint is faulted. Pulse gaps per fault and case are printed and
 * written to {@code target/fault-matrix-pulse-gaps.txt}; PULSE_STACKS=1 prints what the JavaFX thread did in a gap.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class FaultMatrixUiTest {

    static final Duration CONNECT = Duration.ofMillis(300);
    static final Duration ANSWER = Duration.ofMillis(700);
    static final Duration ADD_ANSWER = Duration.ofMillis(1500);
    /** The whole-call deadline of one Zap request in these tests. */
    static final Duration DEADLINE = CONNECT.plus(ANSWER);
    static final Duration POLL = Duration.ofMillis(400);
    /** Add asks the Zap again for what it could not list after this long. */
    static final Duration ADD_RETRY = Duration.ofMillis(250);
    /** Discovery's re-check deadline (ZapDiscovery's probe timeouts). */
    static final Duration RECHECK_DEADLINE = Duration.ofMillis(2000);
    static final double MAX_PULSE_GAP_MS = 100;
    /**
     * JavaFX-thread CPU between two pulses. Headless Monocle composes the screen's pixels on that thread (in a JFR
     * profile of the Verify cases, 40 % of its samples were Framebuffer.composePixels); a real window does not do that
     * work there. The heaviest case (latency on data/json) is where the "Zap stopped answering" notification opens a
     * window of its own (a PULSE_STACKS=1 run shows its sizing and layout in the gap): 45-80 ms in healthy runs,
     * 102-110 ms with two busy loops on a 2-core machine. Blocking I/O on the JavaFX thread is caught by the wall-gap
     * assertion instead.
     */
    static final double MAX_FX_CPU_MS = 200;
    /**
     * Wall-clock gaps are asserted under 100 ms only on request (FAULTS_STRICT_PULSES=1 or -Dfaults.strictPulses=true):
     * on a 2-core machine shared with other builds a pulse can wait hundreds of ms for a core while the JavaFX thread
     * has nothing to do. By default the test asserts what the app controls: under {@link #MAX_FX_CPU_MS} of
     * JavaFX-thread CPU between two pulses, and no wall gap as long as a client deadline (what blocking I/O on the
     * JavaFX thread would cause).
     */
    static final boolean STRICT_PULSES = Boolean.getBoolean("faults.strictPulses")
            || System.getenv("FAULTS_STRICT_PULSES") != null;

    /** One fault, what the window must say about it (null: a slow Zap that still answers in time). */
    record Fault(String name, ZapFault fault, String says) {
        boolean slowButFine() {
            return says == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("latency 250 ms", ZapFault.Latency.fixed(Duration.ofMillis(250)), null),
            new Fault("latency 15 s", ZapFault.Latency.fixed(Duration.ofSeconds(15)), "did not answer in time"),
            new Fault("latency 3-15 s random", new ZapFault.Latency(Duration.ofSeconds(3), Duration.ofSeconds(15)),
                    "did not answer in time"),
            new Fault("status 400", new ZapFault.Status(400), "HTTP 400"),
            new Fault("status 404", new ZapFault.Status(404), "HTTP 404"),
            new Fault("status 500", new ZapFault.Status(500), "HTTP 500"),
            new Fault("status 502", new ZapFault.Status(502), "HTTP 502"),
            new Fault("status 503", new ZapFault.Status(503), "HTTP 503"),
            new Fault("503 low memory", new ZapFault.LowMemory(), "low on memory"),
            new Fault("204 forever", new ZapFault.NoContent(), "HTTP 204"),
            new Fault("malformed JSON", new ZapFault.MalformedJson(), "not valid JSON"),
            new Fault("truncated body", new ZapFault.TruncatedBody(), "broke in the middle of its answer"),
            new Fault("wrong content type", new ZapFault.WrongContentType(), "web page"),
            new Fault("50 MB body", new ZapFault.HugeBody(), "too large"),
            new Fault("reset mid-body", new ZapFault.ResetMidBody(), "broke in the middle of its answer"),
            new Fault("never answers", new ZapFault.NeverAnswers(), "did not answer in time"));

    /** Worst pulse gap per fault (over all endpoints) and per case, for the report. */
    static final Map<String, Double> WORST_BY_FAULT = new ConcurrentHashMap<>();
    static final Map<String, Double> WORST_CPU_BY_FAULT = new ConcurrentHashMap<>();
    static final Map<String, String> WORST_BY_CASE = new ConcurrentHashMap<>();
    static final List<HttpTransport> TRANSPORTS = new CopyOnWriteArrayList<>();
    static PulseMonitor pulses;

    static Stream<Arguments> faultsOn(String... endpoints) {
        return Stream.of(endpoints).flatMap(e -> FAULTS.stream().map(f -> Arguments.of(f, e)));
    }

    static AppTuning shortTimeouts() {
        return new AppTuning(uri -> {
            HttpTransport http = new HttpTransport(CONNECT, ANSWER, 2 * 1024 * 1024);
            TRANSPORTS.add(http);
            return new ZapClient(uri, http, ADD_ANSWER);
        }, POLL, ADD_RETRY);
    }

    /**
     * The demo's configuration, but the Zap found only at its known address: no mDNS (other processes on this computer
     * may announce simulated Zaps on loopback too) and no sweep; re-checked every {@code recheck} (null: never).
     */
    static AppConfig knownAddressOnly(AppConfig c, Duration recheck) {
        return new AppConfig(c.demo(), new ZapDiscovery.Options(List.of(), List.of(), c.discovery().port(),
                c.discovery().knownAddresses(), Optional.empty(), null, recheck), c.novacoreBase(), c.demoToken(),
                c.formPrefill(), c.outboxFolder());
    }

    static PulseMonitor pulses() throws InterruptedException {
        if (pulses == null) {
            pulses = PulseMonitor.start();
        }
        return pulses;
    }

    /** One app for the whole matrix; the steps' cases follow each other in it (Find, then Add, then Verify). */
    static DemoApp fixture;

    /** Whatever the JavaFX thread threw and nobody caught: a crash the window would not show. */
    static final List<Throwable> UNCAUGHT = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startApp() throws Exception {
        // The Zap at its known address only, re-checked every 200 ms (Find's cases watch the re-checks).
        fixture = DemoApp.start(c -> knownAddressOnly(c, Duration.ofMillis(200)), shortTimeouts());
        PulseMonitor monitor = pulses();
        new FxRobot().interact(() -> {
            fixture.app.context().wizard().currentProperty().addListener((o, was, now) -> monitor.navigated());
            Thread fx = Thread.currentThread();
            Thread.UncaughtExceptionHandler before = fx.getUncaughtExceptionHandler();
            fx.setUncaughtExceptionHandler((t, e) -> {
                UNCAUGHT.add(e);
                before.uncaughtException(t, e);
            });
        });
    }

    @AfterAll
    static void report() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (pulses != null) {
            pulses.close();
        }
        for (HttpTransport t : TRANSPORTS) {
            t.close();
        }
        StringBuilder out = new StringBuilder("Worst JavaFX pulse gap per fault while it was on (wall ms, JavaFX thread CPU ms):\n");
        new TreeMap<>(WORST_BY_FAULT).forEach((f, ms) -> out.append(String.format("  %-26s %6.1f  %6.1f%n", f, ms,
                WORST_CPU_BY_FAULT.getOrDefault(f, 0.0))));
        out.append("Per case:\n");
        new TreeMap<>(WORST_BY_CASE).forEach((c, text) -> out.append(String.format("  %-72s %s%n", c, text)));
        System.out.print(out);
        Path file = Path.of("target", "fault-matrix-pulse-gaps.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    // ---- shared checks ----------------------------------------------------------------------------------------

    /** What the shared app offers the cases of one step. */
    abstract static class Step {
        final DemoEnvironment demo = fixture.demo;
        final App app = fixture.app;
        final FxThreadRobot robot = new FxThreadRobot();

        ZapSimulator zap() {
            return demo.zap();
        }

        Scene scene() {
            return fixture.scene(robot);
        }

        WizardViewModel wizard() {
            return app.context().wizard();
        }

        /** The text of a label of the step as the technician sees it: shown, and scrolled into the window. */
        String visible(String id) throws Exception {
            WaitForAsyncUtils.waitForFxEvents();
            return onFx(() -> {
                Node n = scene().lookup(id);
                assertThat(n).as(id + " on screen").isNotNull();
                assertThat(treeVisible(n)).as(id + " visible").isTrue();
                assertThat(inView(n)).as(id + " scrolled into view").isTrue();
                return ((Label) n).getText();
            });
        }

        String fieldText(String id) throws Exception {
            return onFx(() -> ((TextInputControl) scene().lookup(id)).getText());
        }

        /** No busy state, and no visible spinner or indeterminate bar anywhere in the window. */
        void assertNothingSpins() throws Exception {
            assertThat(wizard().busyProperty().get()).as("wizard busy").isFalse();
            List<String> spinning = onFx(() -> {
                List<String> found = new ArrayList<>();
                collectSpinners(scene().getRoot(), found);
                return found;
            });
            assertThat(spinning).as("spinners still running").isEmpty();
        }

        /** Waits for the busy state to end and checks it ended within {@code limit} of {@code since} (nanoTime). */
        void busyEndsWithin(long since, Duration limit) throws Exception {
            waitUntil(limit.plusSeconds(3), () -> !wizard().busyProperty().get());
            long took = System.nanoTime() - since;
            assertThat(Duration.ofNanos(took)).as("busy for").isLessThanOrEqualTo(limit.plusMillis(800));
            WaitForAsyncUtils.waitForFxEvents();
            assertNothingSpins();
        }

        /** A case that failed half-way must not leave its fault on for the next one; nothing crashed. */
        @AfterEach
        void clearLeftovers() {
            zap().clearFaults();
            List<Throwable> thrown = List.copyOf(UNCAUGHT);
            UNCAUGHT.clear();
            assertThat(thrown).as("exceptions nobody caught on the JavaFX thread").isEmpty();
        }

        void setFault(String endpoint, Fault f) throws InterruptedException {
            zap().setFault(endpoint, f.fault());
            pulses().reset();
        }

        /** Clears every fault and records the worst pulse gap while it was on. */
        void clearFault(Fault f, String endpoint) throws InterruptedException {
            double worst = pulses().worstGapMs();
            double cpu = pulses().worstCpuMs();
            zap().clearFaults();
            WORST_BY_FAULT.merge(f.name(), worst, Math::max);
            WORST_CPU_BY_FAULT.merge(f.name(), cpu, Math::max);
            WORST_BY_CASE.put(getClass().getSimpleName() + ": " + f.name() + " on " + endpoint,
                    String.format("%6.1f ms (JavaFX thread CPU %5.1f ms; page switch %6.1f ms)", worst, cpu,
                            pulses().worstNavigationGapMs()));
            assertThat(cpu).as("most JavaFX-thread CPU (ms) between two pulses while '%s' was on %s", f.name(), endpoint)
                    .isLessThan(MAX_FX_CPU_MS);
            assertThat(worst).as("worst pulse gap (ms) while '%s' was on %s", f.name(), endpoint)
                    .isLessThan(STRICT_PULSES ? MAX_PULSE_GAP_MS : DEADLINE.toMillis());
        }

        void waitForStep(WizardViewModel.Step step) throws Exception {
            waitUntil(Duration.ofSeconds(10), () -> wizard().currentStep() == step);
            WaitForAsyncUtils.waitForFxEvents();
        }

        void clickNext() throws Exception {
            press("#nextButton");
        }

        /** From Find or Prepare (whose panels no case here is about) on to "Add a device". */
        void onToAdd() throws Exception {
            if (wizard().currentStep() == WizardViewModel.Step.FIND) {
                waitUntil(Duration.ofSeconds(10), () -> wizard().canGoNextProperty().get());
                clickNext();
                waitForStep(WizardViewModel.Step.PREPARE);
            }
            waitUntil(Duration.ofSeconds(10), () -> wizard().canGoNextProperty().get());
            clickNext();
            waitForStep(WizardViewModel.Step.ADD);
        }

        void clickBack() throws Exception {
            press("#backButton");
        }

        /**
         * Presses a button as a click does (a disabled button does nothing), without the robot's animated mouse
         * path, which costs a few hundred ms per click and would be most of the matrix's time.
         */
        void press(String id) throws Exception {
            onFx(() -> {
                Button b = (Button) scene().lookup(id);
                assertThat(b).as(id).isNotNull();
                assertThat(treeVisible(b)).as(id + " visible").isTrue();
                b.fire();
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    static void waitUntil(Duration limit, BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS, condition::getAsBoolean);
    }

    static boolean treeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    /** Within its step's scroll pane's viewport and the window, vertically (1 px tolerance). */
    static boolean inView(Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        double top = 0;
        double bottom = node.getScene().getHeight();
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane scroll) {
                Bounds v = scroll.localToScene(scroll.getLayoutBounds());
                top = Math.max(top, v.getMinY());
                bottom = Math.min(bottom, v.getMaxY());
                break;
            }
        }
        return b.getMinY() >= top - 1 && b.getMaxY() <= bottom + 1;
    }

    static void collectSpinners(Node node, List<String> found) {
        if (node instanceof ProgressIndicator p && p.isIndeterminate() && treeVisible(p)) {
            found.add(p.getId() != null ? p.getId() : p.getClass().getSimpleName());
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collectSpinners(child, found);
            }
        }
    }

    // ---- Find -------------------------------------------------------------------------------------------------

    @Nested
    @Order(1)
    @DisplayName("Find: GET /api/system and /api/crypto")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Find extends Step {

        @BeforeAll
        void start() throws Exception {
            waitUntil(Duration.ofSeconds(10), this::zapChosen);
        }

        private boolean zapChosen() {
            var find = app.context().find();
            return find.zaps().size() == 1 && find.zaps().get(0).answering() && wizard().canGoNextProperty().get()
                    && find.selectedProperty().get() != null;
        }

        private long asked(String request) {
            return zap().requestStats().byRequest().getOrDefault(request, 0L);
        }

        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("com.sourceful.commissioner.ui.FaultMatrixUiTest#findCases")
        void theZapListNamesTheProblemAndTheZapComesBack(Fault f, String endpoint) throws Exception {
            waitUntil(Duration.ofSeconds(10), this::zapChosen);
            var find = app.context().find();
            String serial = find.selectedProperty().get().serial();
            long start = System.nanoTime();
            setFault(endpoint, f);
            // A 404 on /api/crypto is a firmware without it: still a Zap, identified by its deviceId.
            boolean noCrypto = endpoint.equals("GET /api/crypto") && f.fault().equals(new ZapFault.Status(404));
            if (f.slowButFine() || noCrypto) {
                // Two re-checks through the slow endpoint, and the Zap stays listed as answering.
                long before = asked(endpoint);
                waitUntil(Duration.ofSeconds(10), () -> asked(endpoint) >= before + 2);
                assertThat(find.zaps().get(0).answering()).as("answering while slow").isTrue();
                assertThat(visible("#statusLabel")).contains("One Zap found").doesNotContain("not answering");
            } else {
                // The status is one summary; the reason is in the Zap's own row.
                waitUntil(RECHECK_DEADLINE.plusSeconds(4), () -> !find.zaps().get(0).answering()
                        && find.rowNote(find.zaps().get(0)).contains(f.says()));
                WaitForAsyncUtils.waitForFxEvents();
                assertThat(visible("#statusLabel")).contains("1 not answering").doesNotContain(f.says());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("noticed within a re-check")
                        .isLessThan(RECHECK_DEADLINE.plusSeconds(2));
            }
            assertNothingSpins();
            // Nothing gathered is lost: the Zap stays listed and chosen.
            assertThat(find.zaps()).extracting(FoundZap::serial).containsExactly(serial);
            assertThat(find.selectedProperty().get().serial()).isEqualTo(serial);

            clearFault(f, endpoint);
            waitUntil(RECHECK_DEADLINE.plusSeconds(4), this::zapChosen);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(visible("#statusLabel")).contains("One Zap found").doesNotContain("no longer");
            assertNothingSpins();
        }
    }

    static Stream<Arguments> findCases() {
        return faultsOn("GET /api/system", "GET /api/crypto");
    }

    // ---- Add --------------------------------------------------------------------------------------------------

    @Nested
    @Order(2)
    @DisplayName("Add: GET /api/devices/supported, GET /api/devices/types, POST /api/devices")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Add extends Step {

        /** What the technician typed: a Sungrow on the demo's Modbus stand-in, unit id 2. */
        private String port;

        @BeforeAll
        void start() throws Exception {
            port = String.valueOf(demo.modbus().port());
            onToAdd();
            waitUntil(Duration.ofSeconds(10), () -> !app.context().add().loadingProperty().get()
                    && app.context().add().profileNamed("sungrow").isPresent());
            robot.interact(() -> app.context().add().profileProperty()
                    .set(app.context().add().profileNamed("sungrow").orElseThrow()));
            WaitForAsyncUtils.waitForFxEvents();
            typeInto("#field-ip", "127.0.0.1");
            typeInto("#field-port", port);
            typeInto("#field-unit_id", "2");
            // Warm-up, no fault: the first add and the first look at Verify load and lay out what the cases reuse.
            clickNext();
            waitForStep(WizardViewModel.Step.VERIFY);
            waitUntil(Duration.ofSeconds(10), () -> app.context().verify().store().size("pv") >= 1);
        }


        private void typeInto(String id, String text) throws Exception {
            robot.doubleClickOn(id);
            robot.interact(() -> ((TextInputControl) robot.lookup(id).query()).selectAll());
            robot.write(text);
            assertThat(fieldText(id)).isEqualTo(text);
        }

        private void assertFormKept() throws Exception {
            assertThat(app.context().add().profileProperty().get().profile()).isEqualTo("sungrow");
            assertThat(fieldText("#field-ip")).isEqualTo("127.0.0.1");
            assertThat(fieldText("#field-port")).isEqualTo(port);
            assertThat(fieldText("#field-unit_id")).isEqualTo("2");
            assertThat(app.context().session().gateway().orElseThrow().serial()).isEqualTo(zap().serial());
        }


        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("com.sourceful.commissioner.ui.FaultMatrixUiTest#addListCases")
        void theProfileListNamesTheProblemAndTheFormStays(Fault f, String endpoint) throws Exception {
            var add = app.context().add();
            clickBack();
            waitForStep(WizardViewModel.Step.PREPARE);
            waitUntil(Duration.ofSeconds(10), () -> wizard().canGoNextProperty().get());
            setFault(endpoint, f);
            long since = System.nanoTime();
            clickNext();
            waitForStep(WizardViewModel.Step.ADD);
            busyEndsWithin(since, DEADLINE.multipliedBy(2));
            if (f.slowButFine()) {
                assertThat(visible("#statusLabel")).startsWith("The Zap supports");
            } else {
                assertThat(visible("#statusLabel")).contains(f.says());
            }
            assertFormKept();

            clearFault(f, endpoint);
            // No click: the step asks the Zap again by itself.
            waitUntil(ADD_RETRY.plus(DEADLINE.multipliedBy(2)).plusSeconds(3),
                    () -> add.statusProperty().get().startsWith("The Zap supports"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(visible("#statusLabel")).startsWith("The Zap supports");
            assertNothingSpins();
            assertFormKept();
        }

        /** Each case starts on the form with nothing on the Zap, whatever the case before it left. */
        @BeforeEach
        void onTheForm() throws Exception {
            zap().clearFaults();
            waitUntil(Duration.ofSeconds(10), () -> !wizard().busyProperty().get());
            while (wizard().currentStep().ordinal() > WizardViewModel.Step.ADD.ordinal()) {
                WizardViewModel.Step was = wizard().currentStep();
                clickBack();
                waitUntil(Duration.ofSeconds(10), () -> wizard().currentStep() != was);
            }
            if (wizard().currentStep().ordinal() < WizardViewModel.Step.ADD.ordinal()) {
                onToAdd();
            }
            try (ZapClient direct = new ZapClient(zap().baseUri())) {
                for (var device : direct.devices()) {
                    direct.removeDevice(device.sn());
                }
            }
            waitUntil(Duration.ofSeconds(10), () -> !wizard().busyProperty().get());
        }

        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("com.sourceful.commissioner.ui.FaultMatrixUiTest#addDeviceCases")
        void addingNamesTheProblemKeepsTheFormAndSucceedsOnRetry(Fault f, String endpoint) throws Exception {
            var add = app.context().add();
            waitUntil(Duration.ofSeconds(5), () -> wizard().canGoNextProperty().get());
            setFault(endpoint, f);
            long since = System.nanoTime();
            clickNext();
            if (f.slowButFine()) {
                waitForStep(WizardViewModel.Step.VERIFY);
            } else {
                // Preflight (the laptop's own Modbus read) first, then the Zap's answer to POST /api/devices.
                waitUntil(CONNECT.plus(ADD_ANSWER).plusSeconds(5), () -> !add.errorProperty().get().isEmpty());
                busyEndsWithin(since, CONNECT.plus(ADD_ANSWER).plusSeconds(1));
                assertThat(visible("#errorLabel")).contains(f.says());
                assertThat(wizard().currentStep()).isEqualTo(WizardViewModel.Step.ADD);
                assertFormKept();
            }
            clearFault(f, endpoint);
            if (!f.slowButFine()) {
                // The retry: added now, or (the Zap had added it before the answer broke) already there, opened.
                clickNext();
                waitUntil(CONNECT.plus(ADD_ANSWER).plusSeconds(5), () -> wizard().currentStep()
                        == WizardViewModel.Step.VERIFY || (!add.conflictingSnProperty().get().isEmpty()
                        && add.deviceWithSn(add.conflictingSnProperty().get()).isPresent()));
                if (wizard().currentStep() != WizardViewModel.Step.VERIFY) {
                    press("#openConflictButton");
                }
                waitForStep(WizardViewModel.Step.VERIFY);
            }
            String sn = app.context().session().device().orElseThrow().sn();
            assertThat(zap().device(sn)).as("the Zap holds the device").isPresent();
            assertThat(zap().devices()).as("added once").hasSize(1);

            // Back on the form, everything typed is still there.
            clickBack();
            waitForStep(WizardViewModel.Step.ADD);
            busyEndsWithin(System.nanoTime(), DEADLINE.multipliedBy(2));
            assertFormKept();
        }
    }

    static Stream<Arguments> addListCases() {
        return faultsOn("GET /api/devices/supported", "GET /api/devices/types");
    }

    static Stream<Arguments> addDeviceCases() {
        return faultsOn("POST /api/devices");
    }

    // ---- Verify and Provision ---------------------------------------------------------------------------------

    @Nested
    @Order(3)
    @DisplayName("Verify: GET data/json and GET ders; Provision: POST ders")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class VerifyAndProvision extends Step {

        private static final String RATED = "15000";

        @BeforeAll
        void start() throws Exception {
            fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
            waitForStep(WizardViewModel.Step.VERIFY);
            var verify = app.context().verify();
            waitUntil(Duration.ofSeconds(10), () -> verify.store().size("pv") >= 2 && wizard().canGoNextProperty().get());
            // A rated power the technician typed: sent with POST /ders on the way to Provision, and kept.
            robot.interact(() -> verify.der("pv").orElseThrow().ratedPowerProperty().set(RATED));
            // Warm-up, no fault: the first publish and the first look at Provision.
            clickNext();
            waitForStep(WizardViewModel.Step.PROVISION);
            clickBack();
            waitForStep(WizardViewModel.Step.VERIFY);
        }


        /** Each case starts on Verify, whatever the case before it left. */
        @BeforeEach
        void onVerify() throws Exception {
            zap().clearFaults();
            waitUntil(Duration.ofSeconds(10), () -> !wizard().busyProperty().get());
            if (wizard().currentStep() == WizardViewModel.Step.PROVISION) {
                clickBack();
            }
            waitForStep(WizardViewModel.Step.VERIFY);
            // The technician watches the chart: the step at its top (a revealed error may have scrolled it down).
            robot.interact(() -> {
                for (Node n = scene().lookup("#statusLabel"); n != null; n = n.getParent()) {
                    if (n instanceof ScrollPane scroll) {
                        scroll.setVvalue(scroll.getVmin());
                        break;
                    }
                }
            });
        }

        private String live() {
            return app.context().verify().statusProperty().get();
        }

        private void assertDataKept(int points) throws Exception {
            var verify = app.context().verify();
            assertThat(verify.store().size("pv")).as("readings kept").isGreaterThanOrEqualTo(points);
            assertThat(onFx(() -> verify.der("pv").orElseThrow().series().getData().size())).as("chart points kept")
                    .isGreaterThanOrEqualTo(Math.min(points, ChartWindow.CHART_POINTS));
            assertThat(fieldText("#meta-ratedPower-pv")).isEqualTo(RATED);
            assertThat(app.context().session().device().orElseThrow().sn()).isNotBlank();
        }

        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("com.sourceful.commissioner.ui.FaultMatrixUiTest#verifyDataCases")
        void liveDataNamesTheProblemKeepsTheChartAndResumesByItself(Fault f, String endpoint) throws Exception {
            var verify = app.context().verify();
            waitUntil(Duration.ofSeconds(10), () -> live().startsWith("Live"));
            int points = verify.store().size("pv");
            setFault(endpoint, f);
            if (f.slowButFine()) {
                waitUntil(Duration.ofSeconds(6), () -> verify.store().size("pv") >= points + 1);
                assertThat(visible("#statusLabel")).startsWith("Live");
            } else {
                waitUntil(DEADLINE.plus(POLL).plusSeconds(4), () -> live().contains(f.says()));
                WaitForAsyncUtils.waitForFxEvents();
                assertThat(visible("#statusLabel")).contains(f.says()).contains("kept");
            }
            assertNothingSpins();
            assertDataKept(points);

            clearFault(f, endpoint);
            int kept = verify.store().size("pv");
            // No click: the next poll (after the back-off) gets live data again.
            waitUntil(Duration.ofSeconds(8), () -> live().startsWith("Live") && verify.store().size("pv") > kept);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(visible("#statusLabel")).startsWith("Live");
            assertDataKept(kept + 1);
        }

        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("com.sourceful.commissioner.ui.FaultMatrixUiTest#publishCases")
        void publishingNamesTheProblemKeepsEverythingAndSucceedsOnRetry(Fault f, String endpoint) throws Exception {
            var verify = app.context().verify();
            waitUntil(Duration.ofSeconds(10), () -> live().startsWith("Live") && wizard().canGoNextProperty().get());
            int points = verify.store().size("pv");
            setFault(endpoint, f);
            long since = System.nanoTime();
            clickNext();
            if (f.slowButFine()) {
                waitForStep(WizardViewModel.Step.PROVISION);
            } else {
                // Up to three calls: DER metadata, publish flags, the list read back.
                waitUntil(DEADLINE.multipliedBy(3).plusSeconds(4), () -> !verify.errorProperty().get().isEmpty());
                busyEndsWithin(since, DEADLINE.multipliedBy(3));
                assertThat(visible("#errorLabel")).startsWith("Could not change publishing").contains(f.says());
                assertThat(wizard().currentStep()).isEqualTo(WizardViewModel.Step.VERIFY);
                assertDataKept(points);
            }
            clearFault(f, endpoint);
            if (!f.slowButFine()) {
                clickNext();
                waitForStep(WizardViewModel.Step.PROVISION);
            }
            String sn = app.context().session().device().orElseThrow().sn();
            assertThat(zap().enabledDers(sn)).as("published on the Zap").isNotEmpty();
            assertThat(zap().device(sn).orElseThrow().getAsJsonArray("ders").asList()).as("rated power on the Zap")
                    .anySatisfy(d -> {
                        assertThat(d.getAsJsonObject().get("type").getAsString()).isEqualTo("pv");
                        assertThat(d.getAsJsonObject().get("rated_power").getAsDouble()).isEqualTo(Double.parseDouble(RATED));
                    });
            assertThat(app.context().provision().hardwareIdProperty().get()).isEqualTo(sn);

            clickBack();
            waitForStep(WizardViewModel.Step.VERIFY);
            waitUntil(Duration.ofSeconds(8), () -> live().startsWith("Live"));
            assertDataKept(points);
        }
    }

    static Stream<Arguments> verifyDataCases() {
        return faultsOn("GET /api/devices/{sn}/data/json");
    }

    static Stream<Arguments> publishCases() {
        return faultsOn("GET /api/devices/{sn}/ders", "POST /api/devices/{sn}/ders");
    }
}
