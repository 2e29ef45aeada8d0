package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.telemetry.LoadTest;
import com.sourceful.commissioner.telemetry.LoadTestRun;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Warnings that catch wrong installs, and the guided load test, as the Verify step shows and records them. */
class VerifyChecksTest {

    private final Tasks.CurrentThread tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients();
    private final TestClock clock = TestClock.atNoon();
    private StubServer stub;
    private ZapSimulator sim;

    @AfterEach
    void stop() {
        clients.close();
        if (stub != null) {
            stub.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aPvReadingWithTheWrongSignIsExplainedAndNotProposedForPublishing() throws Exception {
        AtomicReference<String> pv = new AtomicReference<>("2500");
        stub = StubServer.start().on("/api/devices/SG1/data/json", ex -> StubServer.send(ex, 200, "application/json",
                "{\"pv\":{\"type\":\"pv\",\"W\":" + pv.get() + ",\"timestamp\":" + clock.millis() + "},"
                        + "\"battery\":{\"type\":\"battery\",\"W\":500,\"A\":1.2,\"SoC_nom_fract\":0.5,\"timestamp\":"
                        + clock.millis() + "}}"));
        session.selectGateway(new CommissioningSession.Gateway("zap-00000001", stub.baseUri(), "1"));
        session.deviceAdded(CommissioningSession.Device.of(new AddedDevice("SG1", "", List.of(new Der("pv", false),
                new Der("battery", false))), "sungrow", ProfileCatalogue.Group.INVERTER, "Sungrow",
                DeviceConfig.of("modbus_tcp", Map.of())));
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        assertThat(verify.warnings()).singleElement().asString()
                .contains("PV reads 2500 W").contains("must be negative");
        assertThat(verify.der("pv").orElseThrow().hasWarningProperty().get()).isTrue();
        assertThat(verify.der("pv").orElseThrow().publishProperty().get()).as("not proposed").isFalse();
        assertThat(verify.der("battery").orElseThrow().publishProperty().get()).as("plausible: proposed").isTrue();

        pv.set("-2500");
        clock.advance(Duration.ofSeconds(1));
        tasks.fireTimers();
        assertThat(verify.warnings()).isEmpty();
        assertThat(verify.der("pv").orElseThrow().publishProperty().get()).isTrue();
        verify.leave();
    }

    private VerifyViewModel onSimulatorWithMeter() throws Exception {
        return onSimulatorWithMeter(false);
    }

    /** A P1 meter on the simulator, commissioned; with {@code hybridToo} a Sungrow (PV and battery) on the same Zap. */
    private VerifyViewModel onSimulatorWithMeter(boolean hybridToo) throws Exception {
        sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        String sn;
        try (ZapClient client = new ZapClient(sim.baseUri())) {
            sn = client.addDevice(DeviceConfig.of("p1_uart", Map.of("baud_rate", 115200))).sn();
            if (hybridToo) {
                // The simulator decides a non-loopback address by its rules alone: nothing is sent there.
                client.addDevice(DeviceConfig.of("modbus_tcp", Map.of("profile", "sungrow", "ip", "192.168.1.60",
                        "port", 502, "unit_id", 1)));
            }
        }
        session.selectGateway(new CommissioningSession.Gateway(sim.serial(), sim.baseUri(), "1"));
        session.deviceAdded(CommissioningSession.Device.of(new AddedDevice(sn, "", List.of(new Der("meter", false))),
                "p1_meter", ProfileCatalogue.Group.METER, "P1", DeviceConfig.of("p1_uart", Map.of())));
        VerifyViewModel verify = new VerifyViewModel(tasks, clients, session);
        verify.enter();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            tasks.fireTimers();
        }
        assertThat(verify.hasMeterProperty().get()).isTrue();
        return verify;
    }

    private void seconds(int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(1));
            tasks.fireTimers();
        }
    }

    /** Start with the load off; once told to, the technician switches it on (a simulator knob). */
    private void loadTest(VerifyViewModel verify, int expectedPhase, double loadW, int loadPhase) {
        verify.loadWattsProperty().set("2000");
        verify.loadPhaseProperty().set(expectedPhase);
        assertThat(verify.loadTestPossibleProperty().get()).isTrue();
        verify.startLoadTest();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Keep the load off");
        assertThat(verify.loadTestSwitchOnProperty().get()).isFalse();
        seconds(LoadTestRun.BASELINE_READINGS);
        assertThat(verify.loadTestSwitchOnProperty().get()).as("baseline taken").isTrue();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Now switch the load on");
        if (loadW != 0) {
            sim.addHouseLoad(loadW, loadPhase);
        }
    }

    @Test
    void aKettleOnTheRightPhasePassesAndIsRecorded() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        loadTest(verify, 2, 2000, 2);
        seconds(LoadTest.HOLD_READINGS);
        assertThat(verify.loadTestRunningProperty().get()).isFalse();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Passed: the load was seen on L2 (+")
                .contains("kW of 2.0 kW expected)")
                .contains("Taken into account: the meter only (no PV, battery or charger on this Zap).");
        assertThat(verify.loadTestFailedProperty().get()).isFalse();
        assertThat(session.loadTests()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("PASSED");
            assertThat(r.measuredPhase()).isEqualTo(2);
            assertThat(r.measuredDeltaWatts()).isBetween(1700.0, 2300.0);
            assertThat(r.counted()).isEmpty();
        });
        verify.leave();
    }

    @Test
    void aP1MetersLoadTestReadsThePvAndBatteryOfTheOtherDevicesOnItsZap() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter(true);
        String hybrid = otherDevice();
        sim.requestStats().reset();
        seconds(2);
        assertThat(sim.requestStats().byRequest()).as("not read before the load test")
                .doesNotContainKey("GET /api/devices/" + hybrid + "/data/json");
        loadTest(verify, 3, 2000, 3);
        seconds(LoadTest.HOLD_READINGS);
        assertThat(verify.loadTestTextProperty().get()).startsWith("Passed: the load was seen on L3")
                .contains("Taken into account: the meter, PV (" + hybrid + "), Battery (" + hybrid + ").")
                .contains("DERs without phase data are assumed to be spread evenly over L1–L3.");
        assertThat(session.loadTests()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("PASSED");
            assertThat(r.counted()).containsExactly(new LoadTest.DerId("pv", hybrid),
                    new LoadTest.DerId("battery", hybrid));
            assertThat(r.evenSpreadAssumed()).isTrue();
        });
        // One whole-site read per poll: as many reads of the other device as of the meter's, one request at a time.
        Map<String, Long> asked = sim.requestStats().byRequest();
        long meterReads = asked.get("GET /api/devices/" + session.device().orElseThrow().sn() + "/data/json");
        assertThat(asked.get("GET /api/devices/" + hybrid + "/data/json")).isBetween(1L, meterReads);
        assertThat(sim.requestStats().maxInFlight()).isEqualTo(1);
        seconds(3);
        String hybridData = "GET /api/devices/" + hybrid + "/data/json";
        assertThat(sim.requestStats().byRequest().get(hybridData)).as("no longer read once the test is over")
                .isEqualTo(asked.get(hybridData));
        verify.leave();
    }

    private String otherDevice() throws Exception {
        try (ZapClient client = new ZapClient(sim.baseUri())) {
            String meterSn = session.device().orElseThrow().sn();
            return client.devices().stream().map(d -> d.sn()).filter(sn -> !sn.equals(meterSn)).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void aMeterReadingBackwardsFailsTheLoadTestWithItsNumbers() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        sim.invertMeterSign(true);
        seconds(4);
        loadTest(verify, 0, 2000, 1);
        seconds(LoadTest.HOLD_READINGS);
        assertThat(verify.loadTestTextProperty().get()).startsWith("The meter reads backwards: when the load went on, "
                + "the meter changed by -").contains("where about +2.0 kW was expected")
                .contains("while PV (+0.00 kW), battery (+0.00 kW) and charger (+0.00 kW)");
        assertThat(verify.loadTestFailedProperty().get()).as("shown as a warning").isTrue();
        assertThat(session.loadTests()).extracting(CommissioningSession.LoadTestResult::outcome)
                .containsExactly("METER_REVERSED");
        verify.leave();
    }

    @Test
    void nothingSwitchedOnWithinAMinuteIsNoLoad() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        loadTest(verify, 1, 0, 1);
        seconds(59);
        assertThat(verify.loadTestRunningProperty().get()).as("still watching").isTrue();
        seconds(2);
        assertThat(verify.loadTestTextProperty().get()).startsWith("No load seen – was it switched on");
        assertThat(verify.loadTestRunningProperty().get()).isFalse();
        verify.leave();
    }

    @Test
    void aLoadAlreadyOnAtStartIsNotSeen() throws Exception {
        // The old instructions said "switch on, then press Start": the baseline then holds the load.
        VerifyViewModel verify = onSimulatorWithMeter();
        sim.addHouseLoad(2000, 1);
        seconds(2);
        loadTest(verify, 1, 0, 1);
        seconds(61);
        assertThat(session.loadTests()).extracting(CommissioningSession.LoadTestResult::outcome)
                .containsExactly("NO_LOAD");
        verify.leave();
    }

    @Test
    void theInstructionsSayLoadOffStartThenOnInBothLanguages() {
        // The baseline is taken after Start: a load switched on before it would read as "no change".
        ResourceBundle en = ResourceBundle.getBundle("com.sourceful.commissioner.ui.messages", Locale.ENGLISH);
        ResourceBundle sv = ResourceBundle.getBundle("com.sourceful.commissioner.ui.messages",
                Locale.forLanguageTag("sv"));
        assertThat(en.getString("verify.load.intro")).startsWith("Switch the load off").contains("press Start")
                .contains("switch it on when told to");
        assertThat(sv.getString("verify.load.intro")).startsWith("Slå av lasten").contains("tryck på Starta")
                .contains("slå på den när du blir ombedd");
        assertThat(en.getString("verify.load.baseline")).startsWith("Keep the load off");
        assertThat(sv.getString("verify.load.baseline")).startsWith("Låt lasten vara avslagen");
    }

    @Test
    void aLoadTestNeedsAPlausibleLoad() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        verify.loadWattsProperty().set("abc");
        assertThat(verify.loadTestPossibleProperty().get()).isFalse();
        verify.loadWattsProperty().set("50");
        assertThat(verify.loadTestPossibleProperty().get()).isFalse();
        verify.loadWattsProperty().set("2000");
        assertThat(verify.loadTestPossibleProperty().get()).isTrue();
        verify.leave();
    }
}
