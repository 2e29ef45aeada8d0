package com.sourceful.commissioner.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;
import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.telemetry.ChartWindow;
import com.sourceful.commissioner.telemetry.LivePolling;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.AddedDevice;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapClient;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Polling as the technician lives it, against a Zap whose answers the test scripts: 204 first, live readings,
 * a reading that stops changing (stale), a Zap that stops answering (back-off, nothing lost) and comes back.
 * Time moves only when the test fires the timers.
 */
class VerifyPollingTest {

    private final Tasks.CurrentThread tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final ZapClients clients = new ZapClients(uri -> new ZapClient(uri,
            new HttpTransport(Duration.ofMillis(500), Duration.ofSeconds(1), 1 << 20)));
    private final AtomicInteger status = new AtomicInteger(204);
    private final AtomicReference<Long> timestamp = new AtomicReference<>(1_750_000_000_000L);
    private final AtomicInteger requests = new AtomicInteger();
    private StubServer zap;
    private VerifyViewModel verify;

    @BeforeEach
    void start() throws Exception {
        zap = StubServer.start().on("/api/devices/SG1/data/json", ex -> {
            requests.incrementAndGet();
            long ts = timestamp.get();
            String body = "{\"pv\":{\"type\":\"pv\",\"W\":-2500,\"timestamp\":" + ts + "},"
                    + "\"battery\":{\"type\":\"battery\",\"W\":-500,\"A\":-1.2,\"SoC_nom_fract\":0.85,\"timestamp\":" + ts + "},"
                    + "\"version\":\"v0\",\"format\":\"sungrow\"}";
            if (status.get() == 204) {
                ex.sendResponseHeaders(204, -1);
                ex.close();
            } else {
                StubServer.send(ex, status.get(), "application/json", status.get() == 200 ? body : "{\"error\":\"busy\"}");
            }
        });
        session.selectGateway(new CommissioningSession.Gateway("zap-00000001", zap.baseUri(), "1"));
        session.deviceAdded(CommissioningSession.Device.of(new AddedDevice("SG1", "", List.of(new Der("pv", false),
                new Der("battery", false))), "sungrow", ProfileCatalogue.Group.INVERTER, "Sungrow",
                DeviceConfig.of("modbus_tcp", Map.of())));
        verify = new VerifyViewModel(tasks, clients, session);
    }

    @AfterEach
    void stop() {
        verify.leave();
        clients.close();
        zap.close();
    }

    private void tick() {
        timestamp.set(timestamp.get() + 1000);
        tasks.fireTimers();
    }

    @Test
    void noReadingYetIsWaitingNotAnError() {
        verify.enter();
        assertThat(verify.statusProperty().get()).startsWith("Waiting for the first reading");
        assertThat(verify.zapSilentProperty().get()).isFalse();
        assertThat(verify.errorProperty().get()).isEmpty();
        status.set(200);
        tick();
        assertThat(verify.statusProperty().get()).startsWith("Live");
        assertThat(verify.store().size("pv")).isEqualTo(1);
    }

    @Test
    void theReadingsOwnTimestampDrivesTheAxisAndARepeatedReadingTurnsStale() {
        status.set(200);
        verify.enter();
        tick();
        tick();
        assertThat(verify.store().size("pv")).isEqualTo(3);
        assertThat(verify.der("pv").orElseThrow().series().getData()).extracting(d -> d.getXValue().doubleValue())
                .containsExactly(0.0, 1 / 60.0, 2 / 60.0);
        // The Zap keeps answering with the same reading: the device behind it went quiet.
        for (int i = 0; i < LivePolling.STALE_AFTER_POLLS; i++) {
            tasks.fireTimers();
        }
        assertThat(verify.staleProperty().get()).isTrue();
        assertThat(verify.statusProperty().get()).startsWith("Stale");
        assertThat(verify.store().size("pv")).as("a repeated reading is not a new point").isEqualTo(3);
        tick();
        assertThat(verify.staleProperty().get()).isFalse();
    }

    @Test
    void aSilentZapIsRetriedWithBackOffAndNothingDrawnIsLost() {
        status.set(200);
        verify.enter();
        tick();
        int points = verify.store().size("pv");
        status.set(503);
        tick();
        assertThat(verify.zapSilentProperty().get()).isTrue();
        assertThat(verify.statusProperty().get()).contains("No new reading").contains("HTTP 503").contains("2 s");
        tick();
        assertThat(verify.statusProperty().get()).contains("4 s");
        tick();
        tick();
        tick();
        assertThat(verify.statusProperty().get()).contains("15 s");
        assertThat(LivePolling.backoff(LivePolling.PERIOD, 20)).isEqualTo(LivePolling.MAX_BACKOFF);
        assertThat(verify.store().size("pv")).isEqualTo(points);
        assertThat(verify.der("pv").orElseThrow().series().getData()).hasSize(points);

        status.set(200);
        tick();
        assertThat(verify.zapSilentProperty().get()).isFalse();
        assertThat(verify.statusProperty().get()).startsWith("Live");
        assertThat(verify.store().size("pv")).isEqualTo(points + 1);
    }

    @Test
    void pauseKeepsTheDataAndStopsAskingUntilResumed() {
        status.set(200);
        verify.enter();
        tick();
        verify.pause();
        int asked = requests.get();
        tick();
        tick();
        assertThat(requests.get()).as("no polling while paused").isEqualTo(asked);
        assertThat(verify.statusProperty().get()).startsWith("Paused");
        assertThat(verify.store().size("pv")).isEqualTo(2);
        verify.resume();
        assertThat(verify.store().size("pv")).isEqualTo(3);
    }

    @Test
    void atMostOneRequestIsInFlightAndLeavingStopsPolling() {
        status.set(200);
        verify.enter();
        verify.pollOnce();
        tick();
        int asked = requests.get();
        verify.leave();
        tick();
        tick();
        assertThat(requests.get()).isEqualTo(asked);
    }

    @Test
    void theWindowLimitsWhatTheChartShowsAndPanMovesIt() {
        status.set(200);
        verify.enter();
        for (int i = 0; i < 330; i++) {
            tick();
        }
        var pv = verify.der("pv").orElseThrow();
        assertThat(pv.series().getData().size()).isLessThanOrEqualTo(ChartWindow.CHART_POINTS);
        double lastX = pv.series().getData().get(pv.series().getData().size() - 1).getXValue().doubleValue();
        double firstX = pv.series().getData().get(0).getXValue().doubleValue();
        assertThat(lastX - firstX).as("five minutes").isLessThanOrEqualTo(5.0 + 1e-9).isGreaterThan(4.9);
        verify.windowProperty().set(ChartWindow.SESSION);
        assertThat(pv.series().getData().get(0).getXValue().doubleValue()).isZero();
        verify.windowProperty().set(ChartWindow.LAST_5_MIN);
        verify.panMinutesProperty().set(1.0);
        double pannedLast = pv.series().getData().get(pv.series().getData().size() - 1).getXValue().doubleValue();
        assertThat(pannedLast).isCloseTo(lastX - 1.0, Offset.offset(1 / 60.0));
    }
}
