package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.sourceful.commissioner.zap.HealthLine.Fact;
import com.sourceful.commissioner.zap.HealthLine.Reason;
import com.sourceful.commissioner.zap.HealthLine.Verdict;

import org.junit.jupiter.api.Test;

/** Each fact of a Zap's health: its verdict, its reason, and "unknown" (never 0 or fine) when the Zap is silent. */
class ZapHealthTest {

    static ZapMemory memory(long free) {
        return new ZapMemory(OptionalLong.of(320), OptionalLong.of(free), OptionalLong.of(320 - free),
                OptionalDouble.of(100.0 * (320 - free) / 320), OptionalLong.of(free - 5), OptionalLong.of(free / 2));
    }

    static ZapSystem system(long uptimeSeconds, double celsius, long freeKb, boolean internet) {
        return new ZapSystem("zap-04772a97", "1.4.2", Optional.of("Site-WiFi"), OptionalInt.of(-60),
                Optional.of(true), Optional.of(internet), Optional.of("127.0.0.1"), OptionalLong.of(uptimeSeconds),
                OptionalDouble.of(celsius), memory(freeKb));
    }

    /** What a firmware that reports only its zap object gives. */
    static ZapSystem silent() {
        return new ZapSystem("", "?", Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalLong.empty());
    }

    static ZapDevice device(String sn, String profile, String type, boolean connected) {
        Map<String, Object> config = profile == null ? Map.of("type", type) : Map.of("type", type, "profile", profile);
        return new ZapDevice(sn, config, connected, OptionalLong.empty(), List.of());
    }

    static HealthLine line(HealthReport r, Fact fact) {
        return r.lines().stream().filter(l -> l.fact() == fact).findFirst().orElseThrow();
    }

    @Test
    void aHealthyZap_isOkOnEveryLine_inTheFixedOrder() {
        HealthReport r = ZapHealth.assess(system(3 * 86_400 + 4 * 3_600, 41.5, 120, true),
                Optional.of(List.of(device("SN1", "sungrow", "modbus_tcp", true))));

        assertThat(r.lines()).extracting(HealthLine::fact).containsExactly(Fact.FIRMWARE, Fact.UPTIME,
                Fact.FREE_HEAP, Fact.TEMPERATURE, Fact.INTERNET, Fact.DEVICE);
        assertThat(r.lines()).allSatisfy(l -> {
            assertThat(l.verdict()).isEqualTo(Verdict.OK);
            assertThat(l.reason()).isEqualTo(Reason.FINE);
        });
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.warnings()).isEmpty();
        assertThat(line(r, Fact.FIRMWARE).value()).isEqualTo("1.4.2");
        assertThat(line(r, Fact.UPTIME).value()).isEqualTo("3 d 4 h");
        assertThat(line(r, Fact.FREE_HEAP).value()).isEqualTo("120 KB free of 320 KB (lowest 115 KB)");
        assertThat(line(r, Fact.TEMPERATURE).value()).isEqualTo("41.5 °C");
        assertThat(line(r, Fact.INTERNET).value()).isEqualTo("yes");
        assertThat(line(r, Fact.DEVICE).subject()).isEqualTo("sungrow SN1");
        assertThat(line(r, Fact.DEVICE).value()).isEqualTo("connected");
    }

    @Test
    void freeHeapUnderTheAddDeviceLimit_isAWarningNamingTheLimit_atTheLimitItIsOk() {
        HealthLine low = line(ZapHealth.assess(system(7_200, 40, 54, true), Optional.of(List.of())), Fact.FREE_HEAP);
        HealthLine atLimit = line(ZapHealth.assess(system(7_200, 40, 55, true), Optional.of(List.of())),
                Fact.FREE_HEAP);

        assertThat(low.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(low.reason()).isEqualTo(Reason.BELOW_ADD_DEVICE_LIMIT);
        assertThat(low.explanation()).contains("55 KB").contains("add a device");
        assertThat(atLimit.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aboveSeventyDegrees_isAWarning_seventyIsOk() {
        HealthLine hot = line(ZapHealth.assess(system(7_200, 70.1, 120, true), Optional.of(List.of())),
                Fact.TEMPERATURE);
        HealthLine warm = line(ZapHealth.assess(system(7_200, 70.0, 120, true), Optional.of(List.of())),
                Fact.TEMPERATURE);

        assertThat(hot.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(hot.reason()).isEqualTo(Reason.HOT);
        assertThat(hot.value()).isEqualTo("70.1 °C");
        assertThat(hot.explanation()).contains("70 °C");
        assertThat(warm.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void noInternet_isAWarning() {
        HealthReport r = ZapHealth.assess(system(7_200, 40, 120, false), Optional.of(List.of()));

        HealthLine internet = line(r, Fact.INTERNET);
        assertThat(internet.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(internet.reason()).isEqualTo(Reason.NO_INTERNET);
        assertThat(internet.value()).isEqualTo("no");
        assertThat(r.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(r.warnings()).containsExactly(internet);
    }

    @Test
    void aDisconnectedDevice_isAWarningNamingItsProfileAndSerial_eachDeviceHasItsLine() {
        HealthReport r = ZapHealth.assess(system(7_200, 40, 120, true), Optional.of(List.of(
                device("SN1", "sungrow", "modbus_tcp", true),
                device("SN2", "sma", "modbus_tcp", false),
                device("SN3", null, "p1_uart", false))));

        List<HealthLine> devices = r.lines().stream().filter(l -> l.fact() == Fact.DEVICE).toList();
        assertThat(devices).extracting(HealthLine::subject).containsExactly("sungrow SN1", "sma SN2", "p1_uart SN3");
        assertThat(devices).extracting(HealthLine::verdict).containsExactly(Verdict.OK, Verdict.WARNING,
                Verdict.WARNING);
        assertThat(devices.get(1).reason()).isEqualTo(Reason.DISCONNECTED);
        assertThat(devices.get(1).value()).isEqualTo("disconnected");
        assertThat(devices.get(1).explanation()).startsWith("sma SN2 is disconnected");
        assertThat(r.warnings()).hasSize(2);
    }

    @Test
    void aZapWithoutDevices_saysSo_andOneWhoseListCouldNotBeRead_isUnknown() {
        HealthLine none = line(ZapHealth.assess(system(7_200, 40, 120, true), Optional.of(List.of())), Fact.DEVICES);
        HealthLine unread = line(ZapHealth.assess(system(7_200, 40, 120, true), Optional.empty()), Fact.DEVICES);

        assertThat(none.verdict()).isEqualTo(Verdict.OK);
        assertThat(none.reason()).isEqualTo(Reason.NO_DEVICES);
        assertThat(unread.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unread.value()).isEqualTo("unknown");
    }

    @Test
    void anUptimeUnderTenMinutes_isNotedAsARecentRestart_tenMinutesIsNot() {
        HealthLine recent = line(ZapHealth.assess(system(599, 40, 120, true), Optional.of(List.of())), Fact.UPTIME);
        HealthLine settled = line(ZapHealth.assess(system(600, 40, 120, true), Optional.of(List.of())),
                Fact.UPTIME);

        assertThat(recent.reason()).isEqualTo(Reason.RESTARTED_RECENTLY);
        assertThat(recent.value()).isEqualTo("9 min 59 s");
        assertThat(recent.explanation()).contains("restarted recently").contains("crashed");
        assertThat(settled.reason()).isEqualTo(Reason.FINE);
    }

    @Test
    void aFirmwareThatReportsNothing_isUnknownOnEveryLine_neverZeroOrOk() {
        HealthReport r = ZapHealth.assess(silent(), Optional.empty());

        assertThat(r.lines()).extracting(HealthLine::fact).containsExactly(Fact.FIRMWARE, Fact.UPTIME,
                Fact.FREE_HEAP, Fact.TEMPERATURE, Fact.INTERNET, Fact.DEVICES);
        assertThat(r.lines()).allSatisfy(l -> {
            assertThat(l.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(l.reason()).isEqualTo(Reason.NOT_REPORTED);
            assertThat(l.value()).isEqualTo("unknown");
            assertThat(l.explanation()).isNotBlank();
        });
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void memoryWithoutFree_isUnknown_andWithoutTotalOrMin_showsWhatItHas() {
        ZapMemory onlyTotal = new ZapMemory(OptionalLong.of(320), OptionalLong.empty(), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty());
        ZapMemory onlyFree = new ZapMemory(OptionalLong.empty(), OptionalLong.of(80), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty());

        assertThat(ZapHealth.freeHeap(onlyTotal).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(ZapHealth.freeHeap(onlyFree).value()).isEqualTo("80 KB free");
        assertThat(ZapHealth.freeHeap(onlyFree).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void oneWarningOutweighsUnknowns() {
        ZapSystem s = new ZapSystem("", "?", Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.of(false), Optional.empty(), OptionalLong.empty());

        assertThat(ZapHealth.assess(s, Optional.empty()).verdict()).isEqualTo(Verdict.WARNING);
    }

    @Test
    void uptimeForPeople_theTwoLargestUnits() {
        assertThat(ZapHealth.formatUptime(Duration.ofSeconds(0))).isEqualTo("0 s");
        assertThat(ZapHealth.formatUptime(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(ZapHealth.formatUptime(Duration.ofSeconds(7 * 60 + 3))).isEqualTo("7 min 3 s");
        assertThat(ZapHealth.formatUptime(Duration.ofMinutes(5 * 60 + 12))).isEqualTo("5 h 12 min");
        assertThat(ZapHealth.formatUptime(Duration.ofHours(24))).isEqualTo("1 d 0 h");
        assertThat(ZapHealth.formatUptime(Duration.ofHours(3 * 24 + 4).plusMinutes(59))).isEqualTo("3 d 4 h");
    }

    @Test
    void aSmallerUptimeInTheLaterSnapshot_isARestart_aLargerOneIsTheSameRun_aMissingOneIsUnknown() {
        ZapSystem early = system(3_600, 40, 120, true);
        ZapSystem later = system(3_660, 40, 120, true);
        ZapSystem restarted = system(12, 40, 120, true);

        assertThat(ZapHealth.restartedBetween(early, restarted)).isEqualTo(ZapHealth.Restart.RESTARTED);
        assertThat(ZapHealth.restartedBetween(early, later)).isEqualTo(ZapHealth.Restart.SAME_RUN);
        assertThat(ZapHealth.restartedBetween(early, early)).isEqualTo(ZapHealth.Restart.SAME_RUN);
        assertThat(ZapHealth.restartedBetween(early, silent())).isEqualTo(ZapHealth.Restart.UNKNOWN);
        assertThat(ZapHealth.restartedBetween(silent(), early)).isEqualTo(ZapHealth.Restart.UNKNOWN);
    }
}
