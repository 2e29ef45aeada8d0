package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.HealthLine.Fact;
import com.sourceful.commissioner.zap.HealthLine.Verdict;

import org.junit.jupiter.api.Test;

/** What health needs of {@code GET /api/system} (temperature, memory), read tolerantly, and the reboot call. */
class ZapClientHealthTest {

    static HttpTransport.Response ok(String body) {
        return new HttpTransport.Response(200, body, Optional.of("application/json"), Map.of());
    }

    @Test
    void temperatureAndMemory_areRead() throws Exception {
        ZapSystem s = ZapClient.readSystem(ok("{\"zap\":{\"deviceId\":\"zap-04772a97\"},\"uptime_seconds\":99,"
                + "\"temperature_celsius\":43.5,\"memory_kb\":{\"total\":320,\"free\":48,\"used\":272,"
                + "\"percent_used\":85.0,\"min\":41,\"largest\":28}}"));

        assertThat(s.temperatureCelsius()).isEqualTo(OptionalDouble.of(43.5));
        assertThat(s.memoryKb()).isEqualTo(new ZapMemory(OptionalLong.of(320), OptionalLong.of(48),
                OptionalLong.of(272), OptionalDouble.of(85.0), OptionalLong.of(41), OptionalLong.of(28)));
        assertThat(s.uptimeSeconds()).isEqualTo(OptionalLong.of(99));
    }

    @Test
    void missingOrUnreadableFields_areUnknown_notZero() throws Exception {
        ZapSystem bare = ZapClient.readSystem(ok("{\"zap\":{}}"));
        ZapSystem odd = ZapClient.readSystem(ok("{\"zap\":{},\"temperature_celsius\":\"hot\",\"memory_kb\":"
                + "{\"free\":-1,\"total\":\"320\"}}"));
        ZapSystem notAnObject = ZapClient.readSystem(ok("{\"zap\":{},\"memory_kb\":12}"));

        assertThat(bare.temperatureCelsius()).isEmpty();
        assertThat(bare.memoryKb()).isEqualTo(ZapMemory.UNKNOWN);
        assertThat(odd.temperatureCelsius()).isEmpty();
        assertThat(odd.memoryKb()).isEqualTo(ZapMemory.UNKNOWN);
        assertThat(notAnObject.memoryKb()).isEqualTo(ZapMemory.UNKNOWN);
    }

    @Test
    void theOlderNameMinFree_isReadWhenMinIsMissing() throws Exception {
        ZapSystem s = ZapClient.readSystem(ok("{\"zap\":{},\"memory_kb\":{\"free\":90,\"min_free\":70}}"));

        assertThat(s.memoryKb().min()).isEqualTo(OptionalLong.of(70));
        assertThat(s.memoryKb().total()).isEmpty();
    }

    @Test
    void theSimulatorsHealth_isFine_andItsLowMemoryKnob_isAWarningUnderTheAddDeviceLimit() throws Exception {
        try (ZapSimulator sim = ZapSimulator.builder().serial("zap-04772a97").clock(TestClock.atNoon())
                .addDeviceDelay(Duration.ZERO).start();
             ZapClient zap = new ZapClient(sim.baseUri())) {
            HealthReport fine = ZapHealth.assess(zap.system(), Optional.of(zap.devices()));
            sim.setLowMemory(true);
            ZapSystem low = zap.system();
            HealthReport lowReport = ZapHealth.assess(low, Optional.of(List.of()));

            assertThat(fine.lines()).filteredOn(l -> l.fact() != Fact.UPTIME)
                    .allSatisfy(l -> assertThat(l.verdict()).as(l.fact().name()).isEqualTo(Verdict.OK));
            assertThat(low.memoryKb().free().getAsLong()).isLessThan(ZapHealth.ADD_DEVICE_LIMIT_KB);
            assertThat(lowReport.warnings()).extracting(HealthLine::fact).containsExactly(Fact.FREE_HEAP);
        }
    }

    @Test
    void reboot_isAPostTheZapAnswers200() throws Exception {
        try (ZapSimulator sim = ZapSimulator.builder().serial("zap-04772a97").clock(TestClock.atNoon())
                .rebootTimes(Duration.ofHours(1), Duration.ZERO).start();
             ZapClient zap = new ZapClient(sim.baseUri())) {
            zap.reboot();

            assertThat(sim.requestStats().byRequest()).containsEntry("POST /api/system/reboot", 1L);
        }
    }

    @Test
    void aRefusedReboot_isAnError() throws Exception {
        try (ZapSimulator sim = ZapSimulator.builder().serial("zap-04772a97").start();
             ZapClient zap = new ZapClient(sim.baseUri())) {
            sim.setFault("*", new ZapFault.Status(500));

            assertThatThrownBy(zap::reboot).isInstanceOfSatisfying(ZapException.class, e -> {
                assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
                assertThat(e.status()).isEqualTo(500);
            });
        }
    }
}
