package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.ui.Tasks;
import com.sourceful.commissioner.ui.ZapClients;
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
        sim = ZapSimulator.builder().port(0).addDeviceDelay(Duration.ZERO).clock(clock).start();
        String sn;
        try (ZapClient client = new ZapClient(sim.baseUri())) {
            sn = client.addDevice(DeviceConfig.of("p1_uart", Map.of("baud_rate", 115200))).sn();
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

    @Test
    void aKettleOnTheRightPhasePassesAndIsRecorded() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        verify.loadWattsProperty().set("2000");
        verify.loadPhaseProperty().set(2);
        assertThat(verify.loadTestPossibleProperty().get()).isTrue();
        verify.startLoadTest();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Watching the meter");
        sim.addHouseLoad(2000, 2);
        seconds(3);
        assertThat(verify.loadTestRunningProperty().get()).isFalse();
        assertThat(verify.loadTestTextProperty().get()).startsWith("Passed").contains("L2");
        assertThat(verify.loadTestFailedProperty().get()).isFalse();
        assertThat(session.loadTests()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("PASSED");
            assertThat(r.measuredPhase()).isEqualTo(2);
            assertThat(r.measuredDeltaWatts()).isBetween(1500.0, 2500.0);
        });
        verify.leave();
    }

    @Test
    void aMeterReadingBackwardsFailsTheLoadTestWithAnExplanation() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        sim.invertMeterSign(true);
        seconds(4);
        verify.loadWattsProperty().set("2000");
        verify.startLoadTest();
        sim.addHouseLoad(2000, 1);
        seconds(3);
        assertThat(verify.loadTestTextProperty().get()).startsWith("Wrong sign");
        assertThat(verify.loadTestFailedProperty().get()).as("shown as a warning").isTrue();
        assertThat(session.loadTests()).extracting(CommissioningSession.LoadTestResult::outcome).containsExactly("WRONG_SIGN");
        verify.leave();
    }

    @Test
    void nothingHappeningWithinAMinuteIsSaid() throws Exception {
        VerifyViewModel verify = onSimulatorWithMeter();
        verify.loadWattsProperty().set("2000");
        verify.startLoadTest();
        seconds(62);
        assertThat(verify.loadTestTextProperty().get()).satisfiesAnyOf(
                t -> assertThat(t).startsWith("No change"), t -> assertThat(t).startsWith("Too small"));
        assertThat(verify.loadTestRunningProperty().get()).isFalse();
        verify.leave();
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
