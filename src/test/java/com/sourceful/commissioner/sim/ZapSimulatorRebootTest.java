package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/system/reboot}: 200, then the port stops answering for a while and answers again, the same port,
 * uptime reset and devices kept.
 */
class ZapSimulatorRebootTest {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Whether something accepts a TCP connection on the loopback port. */
    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the condition holds; false when {@code within} passed first. */
    static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }

    @Test
    void rebootAnswers200_thenThePortGoesAway_andComesBackTheSame_withUptimeResetAndDevicesKept() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator sim = ZapSimulator.builder().serial("zap-04772a97").clock(clock)
                .addDeviceDelay(Duration.ZERO).rebootTimes(Duration.ofMillis(100), Duration.ofMillis(300)).start()) {
            String sn = Http.addDevice(sim.baseUri(), ZapSimulatorTest.SUNGROW);
            clock.advance(Duration.ofHours(2));
            int port = sim.port();
            assertThat(Http.get(sim.baseUri(), "/api/system").json().get("uptime_seconds").getAsLong())
                    .isEqualTo(7_200);

            Http.Reply reply = Http.post(sim.baseUri(), "/api/system/reboot", null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(eventually(PATIENCE, () -> !answers(port))).as("goes away").isTrue();
            assertThat(eventually(PATIENCE, () -> answers(port))).as("comes back").isTrue();
            assertThat(sim.port()).isEqualTo(port);
            JsonObject system = Http.get(sim.baseUri(), "/api/system").json();
            assertThat(system.get("uptime_seconds").getAsLong()).isZero();
            assertThat(system.getAsJsonObject("zap").get("deviceId").getAsString()).isEqualTo("zap-04772a97");
            assertThat(sim.device(sn)).isPresent();
            assertThat(Http.get(sim.baseUri(), "/api/devices").json().get("count").getAsInt()).isEqualTo(1);
        }
    }

    @Test
    void rebootIsAPost() throws Exception {
        try (ZapSimulator sim = ZapSimulator.builder().rebootTimes(Duration.ZERO, Duration.ZERO).start()) {
            Http.Reply reply = Http.get(sim.baseUri(), "/api/system/reboot");

            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.raw().headers().firstValue("Allow")).hasValue("POST");
        }
    }

    @Test
    void aFasterClock_rebootsFaster() throws Exception {
        // The documented 5 s + 5 s, at --time-scale 100: 100 ms real time, well inside the patience below.
        Clock fast = new ScaledClock(Clock.systemUTC(), 100);
        try (ZapSimulator sim = ZapSimulator.builder().clock(fast).start()) {
            long startedBy = fast.millis();

            assertThat(Http.post(sim.baseUri(), "/api/system/reboot", null).status()).isEqualTo(200);

            // Unrestarted, its uptime is at least the (simulated) seconds since startedBy, read before asking;
            // restarted, it counts from at least 10 simulated seconds later (5 s to go down, 5 s down).
            assertThat(eventually(Duration.ofSeconds(4), () -> {
                long sinceStartedBy = (fast.millis() - startedBy) / 1000;
                return uptime(sim) < sinceStartedBy - 5;
            })).isTrue();
        }
    }

    static long uptime(ZapSimulator sim) {
        try {
            return Http.get(sim.baseUri(), "/api/system").json().get("uptime_seconds").getAsLong();
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
