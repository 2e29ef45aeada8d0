package com.sourceful.commissioner.ui.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Gateway;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.prepare.HealthViewModel.Row;
import com.sourceful.commissioner.zap.HealthLine.Verdict;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health panel's state without a window: work runs inline ({@link Tasks#currentThread()}), against the Zap
 * simulator or a stub on 127.0.0.1. The UI test drives the same through the panel's controls.
 */
class HealthViewModelTest {

    static final String SERIAL = "zap-04772a97";
    /** Short waits so an inline restart takes well under a second; a real Zap gets the defaults. */
    static final HealthViewModel.Tuning FAST = new HealthViewModel.Tuning(Duration.ofSeconds(20),
            Duration.ofMillis(25), Duration.ofSeconds(1));

    final List<AutoCloseable> toClose = new ArrayList<>();
    final CommissioningSession session = new CommissioningSession();
    final ZapClients clients = new ZapClients();

    @BeforeEach
    void english() {
        Messages.setLanguage("en");
    }

    @AfterEach
    void closeAll() throws Exception {
        Messages.setLanguage(null);
        clients.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    ZapSimulator sim(String serial, Duration rebootDelay, Duration rebootDown) throws Exception {
        ZapSimulator s = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0)
                .serial(serial).announceMdns(false).rebootTimes(rebootDelay, rebootDown).start();
        toClose.add(s);
        return s;
    }

    HealthViewModel vm(URI zap, String serial, HealthViewModel.Tuning tuning) {
        session.selectGateway(new Gateway(serial, zap, "1.0"));
        return new HealthViewModel(Tasks.currentThread(), clients, session, Clock.systemUTC(), tuning);
    }

    static Row row(HealthViewModel vm, String what) {
        return vm.rows().stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow();
    }

    @Test
    void lowMemory_isAWarningWithTheNumbers_inEnglishAndSwedish() throws Exception {
        ZapSimulator sim = sim(SERIAL, Duration.ofHours(1), Duration.ZERO);
        sim.setLowMemory(true);
        HealthViewModel vm = vm(sim.baseUri(), SERIAL, FAST);

        vm.enter();

        Row heap = row(vm, "Free memory");
        assertThat(heap.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(heap.value()).startsWith("48 KB free of ");
        assertThat(heap.note()).startsWith("48 KB free, under the 55 KB a new device needs");
        assertThat(vm.summaryProperty().get()).startsWith("One warning");
        assertThat(vm.summaryWarningProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.loadingProperty().get()).isFalse();

        Messages.setLanguage("sv");
        vm.refresh();
        Row sv = row(vm, "Ledigt minne");
        assertThat(sv.note()).startsWith("48\u00a0KB ledigt, under de 55\u00a0KB som en ny enhet kräver");
        assertThat(row(vm, "Temperatur").value()).matches("\\d+,\\d\u00a0°C");
    }

    @Test
    void everyFactIsListed_inTheLogicsOrder_withTheSimulatorsValues() throws Exception {
        ZapSimulator sim = sim(SERIAL, Duration.ofHours(1), Duration.ZERO);
        HealthViewModel vm = vm(sim.baseUri(), SERIAL, FAST);

        vm.enter();

        assertThat(vm.rows()).extracting(Row::what)
                .containsExactly("Firmware", "Uptime", "Free memory", "Temperature", "Internet", "Devices");
        assertThat(row(vm, "Free memory").verdict()).isEqualTo(Verdict.OK);
        assertThat(row(vm, "Free memory").note()).isEmpty();
        assertThat(row(vm, "Temperature").value()).matches("\\d+\\.\\d °C");
        assertThat(row(vm, "Devices").value()).isEqualTo("None yet");
        assertThat(vm.statusProperty().get()).startsWith("Zap " + SERIAL + " at 127.0.0.1:" + sim.port() + ", read at");
    }

    @Test
    void anOlderFirmware_saysUnknown_andADisconnectedDevice_whatToCheck() throws Exception {
        StubServer zap = StubServer.start();
        toClose.add(zap);
        zap.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"04772a97\"}}");
        zap.json("/api/devices", 200, "{\"count\":1,\"devices\":[{\"sn\":\"SG1\",\"type\":\"modbus_tcp\","
                + "\"profile\":\"sungrow\",\"connected\":false}]}");
        HealthViewModel vm = vm(zap.baseUri(), "zap-04772a97", FAST);

        vm.enter();

        assertThat(row(vm, "Free memory").value()).isEqualTo("Unknown");
        assertThat(row(vm, "Free memory").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(row(vm, "Free memory").note()).isEqualTo("This Zap's firmware does not report it.");
        Row device = row(vm, "Device sungrow SG1");
        assertThat(device.value()).isEqualTo("Disconnected");
        assertThat(device.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(device.note()).contains("cannot reach sungrow SG1").contains("device's power");
    }

    @Test
    void theListIsOneObject_soAViewsListenerOnItStays() throws Exception {
        // A fresh unmodifiable wrapper per call listens to the list weakly: the panel's listener was lost to the GC.
        HealthViewModel vm = vm(URI.create("http://127.0.0.1:" + StubServer.closedPort()), SERIAL, FAST);
        assertThat(vm.rows()).isSameAs(vm.rows());
    }

    @Test
    void leaving_closesTheConfirmationBar_andNothingIsRestartedAfterwards() throws Exception {
        StubServer zap = StubServer.start();
        toClose.add(zap);
        zap.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"04772a97\"}}");
        HealthViewModel vm = vm(zap.baseUri(), "zap-04772a97", FAST);

        vm.askRestart();
        vm.leave();
        vm.confirmRestart();

        assertThat(vm.confirmShownProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(zap.requests()).noneMatch(r -> r.contains("reboot"));
    }

    @Test
    void aZapThatDoesNotAnswer_isAClearError() throws Exception {
        HealthViewModel vm = vm(URI.create("http://127.0.0.1:" + StubServer.closedPort()), SERIAL, FAST);

        vm.enter();

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo(Messages.get("error.zap.unreachable"));
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void aReadThatFails_leavesNoLinesOfAnEarlierRead() throws Exception {
        ZapSimulator sim = sim(SERIAL, Duration.ofHours(1), Duration.ZERO);
        HealthViewModel vm = vm(sim.baseUri(), SERIAL, FAST);
        vm.enter();
        assertThat(vm.rows()).isNotEmpty();

        sim.close();
        vm.refresh();

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo(Messages.get("error.zap.unreachable"));
    }

    @Test
    void theConfirmationNamesTheZap_andKeepingItRunningAsksNothing() throws Exception {
        StubServer zap = StubServer.start();
        toClose.add(zap);
        zap.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"04772a97\"}}");
        zap.json("/api/system/reboot", 200, "{\"status\":\"success\"}");
        HealthViewModel vm = vm(zap.baseUri(), "zap-04772a97", FAST);

        vm.askRestart();
        assertThat(vm.confirmShownProperty().get()).isTrue();
        assertThat(vm.confirmTextProperty().get()).isEqualTo("Restart Zap zap-04772a97 at 127.0.0.1:"
                + zap.baseUri().getPort() + "? Its devices stop reporting for about a minute.");
        assertThat(vm.cancelBackgroundWork()).as("Esc closes the bar").isTrue();
        assertThat(vm.confirmShownProperty().get()).isFalse();
        assertThat(vm.cancelBackgroundWork()).as("then Esc goes back").isFalse();

        vm.askRestart();
        vm.keepRunning();
        vm.confirmRestart();
        assertThat(vm.confirmShownProperty().get()).isFalse();
        assertThat(zap.requests()).noneMatch(r -> r.contains("reboot"));
    }

    @Test
    void confirmed_theZapRestarts_comesBack_andTheListIsReadAgain() throws Exception {
        ZapSimulator sim = sim(SERIAL, Duration.ofMillis(100), Duration.ofMillis(300));
        HealthViewModel vm = vm(sim.baseUri(), SERIAL, FAST);
        List<Boolean> busy = new ArrayList<>();
        vm.busyProperty().addListener((o, was, now) -> busy.add(now));

        vm.askRestart();
        vm.confirmRestart();

        assertThat(busy).as("busy while waiting, then not").containsExactly(true, false);
        assertThat(vm.restartStatusProperty().get()).matches("Zap " + SERIAL + " is back after \\d+ s\\.");
        assertThat(vm.restartWarningProperty().get()).isEmpty();
        Row uptime = row(vm, "Uptime");
        assertThat(uptime.note()).as("read after the restart").startsWith("Restarted less than 10 min ago");
    }

    @Test
    void aZapThatDoesNotRestartWithinTheLimit_saysWhatToCheck() throws Exception {
        ZapSimulator sim = sim(SERIAL, Duration.ofHours(1), Duration.ZERO);
        HealthViewModel vm = vm(sim.baseUri(), SERIAL, new HealthViewModel.Tuning(Duration.ofMillis(200),
                Duration.ofMillis(25), Duration.ofSeconds(1)));

        vm.askRestart();
        vm.confirmRestart();

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.restartStatusProperty().get()).isEmpty();
        assertThat(vm.restartWarningProperty().get()).startsWith("Zap " + SERIAL + " is not back after 0 s.")
                .endsWith("It kept answering and did not restart: power it off and on.");
    }

    @Test
    void aZapThatWentDownAndStaysDown_saysToCheckPowerNetworkAndAddress() throws Exception {
        ZapSimulator sim = sim(SERIAL, Duration.ZERO, Duration.ofHours(1));
        HealthViewModel vm = vm(sim.baseUri(), SERIAL, new HealthViewModel.Tuning(Duration.ofMillis(500),
                Duration.ofMillis(25), Duration.ofSeconds(1)));

        vm.askRestart();
        vm.confirmRestart();

        assertThat(vm.restartWarningProperty().get()).startsWith("Zap " + SERIAL + " is not back after 0 s. Check "
                + "that it has power (its LED), its network cable or Wi-Fi");
    }

    @Test
    void anotherZapAtTheAddress_isNotRestarted() throws Exception {
        ZapSimulator other = sim("zap-0000beef", Duration.ZERO, Duration.ofHours(1));
        HealthViewModel vm = vm(other.baseUri(), SERIAL, FAST);

        vm.askRestart();
        vm.confirmRestart();

        assertThat(vm.restartWarningProperty().get()).startsWith("Another Zap (zap-0000beef) answers at 127.0.0.1:"
                + other.port() + ", not " + SERIAL + ": nothing was restarted.");
        assertThat(other.requestStats().byRequest().keySet()).noneMatch(r -> r.contains("reboot"));
    }
}
