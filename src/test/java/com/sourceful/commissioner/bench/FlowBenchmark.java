package com.sourceful.commissioner.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextInputControl;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.sim.RequestStats;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.app.AppContext;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.testfx.api.FxRobot;
import com.sourceful.commissioner.ui.FxThreadRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The complete demo flow driven headless like a technician (not a test; run by {@code bench/run}): find the demo's
 * Zap, add a Sungrow inverter, wait for its first reading on the Verify step, provision it. Every robot click,
 * typed field and key press is counted; waiting and looking are not actions. The app starts as {@code Main} starts
 * demo mode (window first, simulators after its first frame); the time runs from the window shown to the Done step,
 * so it includes the simulators starting and the search. Then the gateway load: the same flow up to the Verify step,
 * left open, the simulator counting what the app asks the Zap.
 */
public final class FlowBenchmark {

    static final long STEP_LIMIT_S = 30;

    private FlowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int windows = 3;
        int windowSeconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--gateway-windows" -> windows = Integer.parseInt(args[i + 1]);
                case "--gateway-window-seconds" -> windowSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        FxToolkit.registerPrimaryStage();

        List<Double> times = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        List<String> actions = null;
        for (int run = 1; run <= runs; run++) {
            Flow flow = new Flow(true);
            try {
                flow.complete();
            } finally {
                flow.close();
            }
            times.add(flow.elapsedMs);
            System.out.printf(Locale.ROOT, "flow run %d: %.0f ms, %d actions (%s)%n", run, flow.elapsedMs,
                    flow.actions.size(), flow.stepTimes());
            counts.add((double) flow.actions.size());
            if (actions == null || flow.actions.size() > actions.size()) {
                actions = flow.actions;
            }
        }
        System.out.println("actions of the longest run, in order:");
        for (int i = 0; i < actions.size(); i++) {
            System.out.printf(Locale.ROOT, "  %2d. %s%n", i + 1, actions.get(i));
        }
        BenchRun.result("flow_ms", BenchRun.median(times));
        BenchRun.result("flow_actions", BenchRun.median(counts));

        gatewayLoad(windows, windowSeconds);
        System.exit(0); // jmDNS and the app's executors leave threads behind
    }

    /** The Verify step open on the demo's Sungrow: requests per second and the most in flight, per window. */
    static void gatewayLoad(int windows, int windowSeconds) throws Exception {
        // Not announced over mDNS: only this app talks to the simulated Zap, so its counts are the app's alone.
        Flow flow = new Flow(false);
        try {
            flow.upToFirstReading();
            RequestStats stats = flow.demo().zap().requestStats();
            List<Double> rates = new ArrayList<>();
            int maxInFlight = 0;
            Map<String, Long> all = new LinkedHashMap<>();
            for (int w = 1; w <= windows; w++) {
                stats.reset();
                long start = System.nanoTime();
                Thread.sleep(windowSeconds * 1000L);
                long total = stats.total();
                int most = stats.maxInFlight();
                Map<String, Long> by = stats.byRequest();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (flow.wizard().currentStep() != WizardViewModel.Step.VERIFY) {
                    throw new IllegalStateException("left the Verify step");
                }
                rates.add(total / seconds);
                maxInFlight = Math.max(maxInFlight, most);
                by.forEach((k, v) -> all.merge(k, v, Long::sum));
                System.out.printf(Locale.ROOT, "gateway window %d: %d requests in %.1f s = %.2f/s,"
                        + " at most %d in flight; %s%n", w, total, seconds, total / seconds, most, by);
            }
            System.out.println("gateway requests over all windows: " + all);
            BenchRun.result("gateway_rps", BenchRun.median(rates));
            BenchRun.result("gateway_max_inflight", maxInFlight);
        } finally {
            flow.close();
        }
    }

    /** One run of the app in demo mode, driven by a robot that counts what it does. */
    static final class Flow {
        final FxThreadRobot robot = new FxThreadRobot();
        final List<String> actions = new ArrayList<>();
        final Map<String, Double> stepAt = new LinkedHashMap<>();
        final AtomicReference<DemoEnvironment> demo = new AtomicReference<>();
        App app;
        long start;
        double elapsedMs;

        /** @param announceMdns as {@link DemoEnvironment#start(boolean)} */
        Flow(boolean announceMdns) throws Exception {
            // As Main starts demo mode: the window first, the simulators once it has drawn its first frame.
            app = (App) FxToolkit.setupApplication(() -> new App(true, () -> {
                demo.set(DemoEnvironment.start(announceMdns));
                return demo.get().config();
            }, () -> { }));
            start = System.nanoTime();
        }

        DemoEnvironment demo() {
            return demo.get();
        }

        AppContext context() {
            return app.context();
        }

        WizardViewModel wizard() {
            return context().wizard();
        }

        void complete() throws Exception {
            upToFirstReading();
            // Verify: the first reading is there; publish what is proposed.
            click("#nextButton", "Verify: Next (publish the proposed DERs)");
            waitForStep(WizardViewModel.Step.PROVISION);
            // Provision: gateway, hardware id, DERs, site and the demo token are filled in.
            waitFor("Provision ready", () -> !robot.lookup("#nextButton").queryButton().isDisabled());
            click("#nextButton", "Provision: Provision");
            waitForStep(WizardViewModel.Step.DONE);
            elapsedMs = (System.nanoTime() - start) / 1e6;
            List<JsonObject> sent = demo().novacore().provisionRequests();
            if (sent.size() != 1 || !sent.get(0).get("manufacturer").getAsString().equals("Sungrow")) {
                throw new IllegalStateException("Novacore did not get one Sungrow: " + sent);
            }
        }

        void upToFirstReading() throws Exception {
            // Find: the demo's Zap is listed, and chosen by itself when it is the only one.
            waitFor("the demo's Zap listed", () -> demo() != null && context().find().zaps().stream()
                    .anyMatch(z -> z.serial().equals(demo().zap().serial()) && z.answering()));
            FoundZap selected = context().find().selectedProperty().get();
            if (selected == null || !selected.serial().equals(demo().zap().serial())) {
                // Other programs on this computer may announce simulated Zaps on loopback too: pick ours.
                String ours = demo().zap().serial();
                waitFor("the demo's Zap's row", () -> ourRow(ours).isPresent());
                click(ourRow(ours).orElseThrow(),
                        "Find: choose the demo's Zap (another Zap on this computer was listed too)");
            }
            waitFor("Find ready", () -> !robot.lookup("#nextButton").queryButton().isDisabled());
            click("#nextButton", "Find: Next");
            waitForStep(WizardViewModel.Step.PREPARE);
            // Prepare: the demo's Zap is new, as on a first visit; the sign-in and organisation are filled in.
            String serial = demo().zap().serial();
            waitFor("Claim possible", () -> !robot.lookup("#claimButton").queryButton().isDisabled());
            click("#claimButton", "Prepare: Claim this Zap");
            waitFor("claimed", () -> context().session().claimedBy(serial).isPresent());
            waitFor("Prepare ready", () -> !robot.lookup("#nextButton").queryButton().isDisabled());
            click("#nextButton", "Prepare: Next");
            waitForStep(WizardViewModel.Step.ADD);
            // Add: Sungrow, and its Modbus TCP address (demo mode fills in its stand-in's).
            AddDeviceViewModel add = context().add();
            waitFor("profiles listed", () -> !add.profiles().isEmpty() && !add.loadingProperty().get());
            AddDeviceViewModel.ProfileChoice chosen = add.profileProperty().get();
            if (chosen == null || !chosen.profile().equals("sungrow")) {
                click("#profileBox", "Add: open the profile list");
                Node sungrow = robot.lookup(".list-cell").match((ListCell<?> c) -> c.getText() != null
                        && c.getText().startsWith("Sungrow")).query();
                click(sungrow, "Add: choose Sungrow");
            }
            for (String field : List.of("ip", "port", "unit_id")) {
                robot.lookup("#field-" + field).tryQuery().ifPresent(n -> {
                    String text = n instanceof TextInputControl t ? t.getText()
                            : n instanceof ComboBox<?> c && c.getValue() != null ? c.getValue().toString() : "";
                    if (text == null || text.isBlank()) {
                        throw new IllegalStateException("Add: " + field + " is empty; the flow would type it");
                    }
                });
            }
            waitFor("Add ready", () -> !robot.lookup("#nextButton").queryButton().isDisabled());
            click("#nextButton", "Add: Next (connection checked, device added)");
            waitForStep(WizardViewModel.Step.VERIFY);
            // Verify: wait for the first reading (looking is not an action).
            waitFor("first reading", () -> context().verify().der("pv")
                    .map(d -> !d.series().getData().isEmpty()).orElse(false));
            stepAt.put("first reading", (System.nanoTime() - start) / 1e6);
        }

        Optional<Node> ourRow(String serial) {
            return robot.lookup("#zapTable .table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof FoundZap z
                    && z.serial().equals(serial)).tryQuery();
        }

        void click(String query, String what) {
            Node node = robot.lookup(query).query();
        click(node, what);
        }

        void click(Node node, String what) {
            actions.add("click — " + what);
            robot.clickOn(node);
        }

        void waitForStep(WizardViewModel.Step step) throws TimeoutException {
            waitFor(step.name(), () -> wizard().currentStep() == step);
            WaitForAsyncUtils.waitForFxEvents();
            stepAt.put(step.name(), (System.nanoTime() - start) / 1e6);
        }

        void waitFor(String what, Callable<Boolean> condition) throws TimeoutException {
            try {
                WaitForAsyncUtils.waitFor(STEP_LIMIT_S, TimeUnit.SECONDS, condition);
            } catch (TimeoutException e) {
                throw new TimeoutException("no " + what + " within " + STEP_LIMIT_S + " s");
            }
        }

        String stepTimes() {
            StringBuilder b = new StringBuilder();
            stepAt.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" at ")
                    .append(String.format(Locale.ROOT, "%.0f ms", v)));
            return b.toString();
        }

        void close() throws Exception {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
            DemoEnvironment d = demo.get();
            if (d != null) {
                d.close();
            }
        }
    }
}
