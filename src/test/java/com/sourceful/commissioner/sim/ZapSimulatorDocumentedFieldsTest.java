package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fields of zap-local-api.md the real firmware sends and other clients read (issue 13, item 3). */
class ZapSimulatorDocumentedFieldsTest {

    TestClock clock;
    ZapSimulator sim;
    URI base;

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.atNoon();
        sim = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO).clock(clock).start();
        base = sim.baseUri();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void systemCarriesTemperatureMemoryLoadLoggingAndTheZapsHardware() {
        for (boolean low : new boolean[]{false, true}) {
            sim.setLowMemory(low);
            JsonObject o = Http.get(base, "/api/system").json();
            assertThat(o.get("temperature_celsius").getAsDouble()).isBetween(20.0, 80.0);
            JsonObject mem = o.getAsJsonObject("memory_kb");
            int total = mem.get("total").getAsInt();
            int free = mem.get("free").getAsInt();
            assertThat(mem.get("used").getAsInt()).isEqualTo(total - free);
            assertThat(mem.get("percent_used").getAsDouble()).isCloseTo(100.0 * (total - free) / total, within(0.05));
            assertThat(mem.get("min").getAsInt()).isPositive().isLessThanOrEqualTo(free);
            assertThat(mem.get("largest").getAsInt()).isPositive().isLessThan(free);
            JsonObject load = o.getAsJsonObject("processes_average");
            for (String k : new String[]{"last_1min", "last_5min", "last_15min"}) {
                assertThat(load.get(k).getAsDouble()).as(k).isBetween(0.0, 10.0);
            }
            JsonObject logging = o.getAsJsonObject("logging");
            assertThat(logging.get("enabled").getAsBoolean()).isTrue();
            assertThat(logging.get("level").getAsString()).isNotBlank();
            JsonObject zap = o.getAsJsonObject("zap");
            assertThat(zap.get("publicKey").getAsString())
                    .isEqualTo(Http.get(base, "/api/crypto").json().get("publicKey").getAsString());
            assertThat(zap.get("cpuFreqMHz").getAsInt()).isEqualTo(240);
            assertThat(zap.get("flashSizeMB").getAsInt()).isPositive();
        }
    }

    @Test
    void batteryDataCarriesItsPowerLimits() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        clock.advance(Duration.ofSeconds(1));
        JsonObject bat = Http.get(base, "/api/devices/" + sg + "/data/json").json().getAsJsonObject("battery");
        assertThat(bat.get("upper_limit_W").getAsLong()).isEqualTo(5000);
        assertThat(bat.get("lower_limit_W").getAsLong()).isEqualTo(-5000);
        Http.post(base, "/api/devices/" + sg + "/ders", "{\"ders\":[{\"type\":\"battery\",\"rated_power\":6000}]}");
        bat = Http.get(base, "/api/devices/" + sg + "/data/json").json().getAsJsonObject("battery");
        assertThat(bat.get("upper_limit_W").getAsLong()).isEqualTo(6000);
        assertThat(bat.get("lower_limit_W").getAsLong()).isEqualTo(-6000);
    }

    @Test
    void aP1MeterKeepsItsManufacturerAndReportsItAsMake() {
        String p1 = Http.addDevice(base, "{\"type\":\"p1_uart\",\"manufacturer\":\"Kaifa\"}");
        clock.advance(Duration.ofSeconds(1));
        assertThat(Http.get(base, "/api/devices").json().getAsJsonArray("devices").get(0).getAsJsonObject()
                .get("manufacturer").getAsString()).isEqualTo("Kaifa");
        JsonObject m = Http.get(base, "/api/devices/" + p1 + "/data/json").json().getAsJsonObject("meter");
        assertThat(m.get("make").getAsString()).isEqualTo("Kaifa");
    }

    @Test
    void aP1MeterWithoutManufacturerReportsTheProfilesMake() {
        String p1 = Http.addDevice(base, ZapSimulatorTest.P1);
        clock.advance(Duration.ofSeconds(1));
        JsonObject m = Http.get(base, "/api/devices/" + p1 + "/data/json").json().getAsJsonObject("meter");
        assertThat(m.get("make").getAsString()).isEqualTo("P1");
    }

    @Test
    void dersAnswerWholeNumbersAsIntegers() {
        String sg = Http.addDevice(base, ZapSimulatorTest.SUNGROW);
        Http.Reply r = Http.post(base, "/api/devices/" + sg + "/ders", "{\"ders\":[{\"type\":\"pv\",\"enabled\":true,"
                + "\"rated_power\":10200,\"installed_power\":10500.0},{\"type\":\"battery\",\"capacity\":9600.5}]}");
        assertThat(r.status()).isEqualTo(200);
        for (String body : new String[]{r.body(), Http.get(base, "/api/devices/" + sg + "/ders").body(),
                Http.get(base, "/api/devices").body()}) {
            assertThat(body).contains("\"rated_power\":10200,", "\"installed_power\":10500}", "\"capacity\":9600.5")
                    .doesNotContain("10200.0");
        }
    }
}
