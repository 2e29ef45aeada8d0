package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.ZapRebootWaiter.Kind;
import com.sourceful.commissioner.zap.ZapRebootWaiter.Outcome;
import com.sourceful.commissioner.zap.ZapRebootWaiter.Phase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reboot a Zap and wait for it at the same address, against the simulator on 127.0.0.1. */
class ZapRebootWaiterTest {

    static final String SERIAL = "zap-04772a97";

    final List<Phase> phases = new ArrayList<>();
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    ZapSimulator sim(String serial, TestClock clock, Duration delay, Duration down) throws Exception {
        return sim(serial, clock, delay, down, 0);
    }

    ZapSimulator sim(String serial, TestClock clock, Duration delay, Duration down, int port) throws Exception {
        ZapSimulator s = ZapSimulator.builder().serial(serial).clock(clock).port(port).rebootTimes(delay, down)
                .start();
        toClose.add(s);
        return s;
    }

    ZapClient client(ZapSimulator sim) {
        ZapClient c = new ZapClient(sim.baseUri());
        toClose.add(c);
        return c;
    }

    List<Kind> kinds() {
        return phases.stream().map(Phase::kind).toList();
    }

    @Test
    void theZapGoesAwayAndComesBack_atTheSameAddress_withItsSerial_restarted() throws Exception {
        TestClock simClock = TestClock.atNoon();
        ZapSimulator sim = sim(SERIAL, simClock, Duration.ofMillis(100), Duration.ofMillis(400));
        simClock.advance(Duration.ofHours(3));
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(30), Duration.ofMillis(25));

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> false, phases::add);

        assertThat(kinds()).containsExactly(Kind.ASKED, Kind.GONE, Kind.BACK);
        assertThat(outcome.back()).isTrue();
        assertThat(outcome.last().detail()).isEqualTo(SERIAL);
        assertThat(outcome.systemAfter()).hasValueSatisfying(s -> assertThat(s.uptimeSeconds()).hasValue(0));
        assertThat(phases.get(2).elapsed()).isGreaterThanOrEqualTo(phases.get(1).elapsed());
    }

    @Test
    void anOlderFirmwareWithoutUptimeOrCrypto_isBackOnceItWasGoneAndAnswersWithItsDeviceId() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        StubServer zap = StubServer.start();
        toClose.add(zap);
        // Answers, then (waits 2 to 3) closes every connection without a word, as a restarting Zap, then answers.
        zap.on("/api/system", ex -> {
            if (waits.get() < 2 || waits.get() > 3) {
                StubServer.send(ex, 200, "application/json", "{\"zap\":{\"deviceId\":\"04772a97\"}}");
            }
        });
        zap.json("/api/system/reboot", 200, "{\"status\":\"success\"}");
        ZapClient client = new ZapClient(zap.baseUri());
        toClose.add(client);
        TestClock clock = TestClock.atNoon();
        ZapRebootWaiter waiter = new ZapRebootWaiter(client, clock, d -> {
            waits.incrementAndGet();
            clock.advance(d);
        }, Duration.ofSeconds(90), Duration.ofSeconds(2));

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> false, phases::add);

        assertThat(kinds()).containsExactly(Kind.ASKED, Kind.GONE, Kind.BACK);
        assertThat(phases.get(1).elapsed()).isEqualTo(Duration.ofSeconds(4));
        assertThat(outcome.last().elapsed()).isEqualTo(Duration.ofSeconds(8));
        assertThat(zap.requests()).contains("POST /api/system/reboot");
    }

    @Test
    void aZapThatNeverComesBack_endsAfterTheLimit_withWhatToCheck_withoutWaitingTheRealTime() throws Exception {
        TestClock simClock = TestClock.atNoon();
        ZapSimulator sim = sim(SERIAL, simClock, Duration.ofHours(1), Duration.ZERO);
        TestClock clock = TestClock.atNoon();
        // The first wait ends with the Zap gone for good (the simulator closed); each wait moves the test clock.
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), clock, d -> {
            sim.close();
            clock.advance(d);
        }, Duration.ofSeconds(90), Duration.ofSeconds(2));
        long realStart = System.nanoTime();

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> false, phases::add);

        assertThat(kinds()).containsExactly(Kind.ASKED, Kind.GONE, Kind.NOT_BACK);
        assertThat(outcome.back()).isFalse();
        assertThat(outcome.systemAfter()).isEmpty();
        assertThat(outcome.last().elapsed()).isEqualTo(Duration.ofSeconds(90));
        assertThat(outcome.notBack()).contains(ZapRebootWaiter.NotBack.STAYED_AWAY);
        assertThat(outcome.last().detail()).startsWith("not back within 90 s")
                .contains("power").contains("new address");
        assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aZapThatKeepsAnsweringWithoutRestarting_isNotBack_andSaysSo() throws Exception {
        ZapSimulator sim = sim(SERIAL, TestClock.atNoon(), Duration.ofHours(1), Duration.ZERO);
        TestClock clock = TestClock.atNoon();
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), clock, clock::advance, Duration.ofSeconds(10),
                Duration.ofSeconds(2));

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> false, phases::add);

        assertThat(kinds()).containsExactly(Kind.ASKED, Kind.NOT_BACK);
        assertThat(outcome.last().detail()).contains("kept answering").contains("did not restart");
        assertThat(outcome.notBack()).contains(ZapRebootWaiter.NotBack.NEVER_WENT_DOWN);
    }

    @Test
    void anotherZapAtTheAddressAfterTheRestart_isNotTakenForThisOne() throws Exception {
        TestClock simClock = TestClock.atNoon();
        ZapSimulator sim = sim(SERIAL, simClock, Duration.ofHours(1), Duration.ZERO);
        simClock.advance(Duration.ofHours(3));
        int port = sim.port();
        TestClock clock = TestClock.atNoon();
        AtomicBoolean swapped = new AtomicBoolean();
        // While "rebooting", another Zap takes the address (DHCP gave it away): fresh uptime, another serial.
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), clock, d -> {
            if (swapped.compareAndSet(false, true)) {
                sim.close();
                try {
                    sim("zap-0badc0de", TestClock.atNoon(), Duration.ofHours(1), Duration.ZERO, port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            clock.advance(d);
        }, Duration.ofSeconds(20), Duration.ofSeconds(2));

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> false, phases::add);

        // GONE or not depends on whether the client's kept-alive connection to the first one was tried.
        assertThat(kinds()).filteredOn(k -> k != Kind.GONE).containsExactly(Kind.ASKED, Kind.OTHER_ZAP,
                Kind.NOT_BACK);
        assertThat(phases).filteredOn(p -> p.kind() == Kind.OTHER_ZAP).extracting(Phase::detail)
                .containsExactly("zap-0badc0de");
        assertThat(outcome.last().detail()).contains("another Zap (zap-0badc0de)").contains("new address");
        assertThat(outcome.notBack()).contains(ZapRebootWaiter.NotBack.ANOTHER_ZAP_ANSWERS);
        assertThat(outcome.othersSeen()).containsExactly("zap-0badc0de");
    }

    @Test
    void anotherZapThanTheOneConfirmed_isNotRebooted() throws Exception {
        ZapSimulator sim = sim(SERIAL, TestClock.atNoon(), Duration.ZERO, Duration.ZERO);
        TestClock clock = TestClock.atNoon();
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), clock, clock::advance, Duration.ofSeconds(10),
                Duration.ofSeconds(2));

        Outcome outcome = waiter.rebootAndWait("zap-0badc0de", () -> false, phases::add);

        assertThat(kinds()).containsExactly(Kind.NOT_ASKED);
        assertThat(outcome.last().detail()).contains(SERIAL).contains("not rebooted");
        assertThat(sim.requestStats().byRequest()).doesNotContainKey("POST /api/system/reboot");
    }

    @Test
    void aZapThatCannotBeReached_isNotAsked() throws Exception {
        ZapSimulator sim = sim(SERIAL, TestClock.atNoon(), Duration.ZERO, Duration.ZERO);
        ZapClient zap = client(sim);
        sim.close();
        TestClock clock = TestClock.atNoon();

        Outcome outcome = new ZapRebootWaiter(zap, clock, clock::advance, Duration.ofSeconds(10),
                Duration.ofSeconds(2)).rebootAndWait(SERIAL, () -> false, phases::add);

        assertThat(kinds()).containsExactly(Kind.NOT_ASKED);
        assertThat(outcome.last().detail()).startsWith("could not read the Zap before rebooting it");
    }

    @Test
    void cancelling_endsTheWait() throws Exception {
        ZapSimulator sim = sim(SERIAL, TestClock.atNoon(), Duration.ofHours(1), Duration.ZERO);
        TestClock clock = TestClock.atNoon();
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), clock, clock::advance, Duration.ofSeconds(90),
                Duration.ofSeconds(2));

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> clock.instant().isAfter(TestClock.atNoon().instant()
                .plusSeconds(5)), phases::add);

        assertThat(kinds()).containsExactly(Kind.ASKED, Kind.CANCELLED);
        assertThat(outcome.last().elapsed()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void anInterruptedWait_isCancelled_andKeepsTheInterrupt() throws Exception {
        ZapSimulator sim = sim(SERIAL, TestClock.atNoon(), Duration.ofHours(1), Duration.ZERO);
        ZapRebootWaiter waiter = new ZapRebootWaiter(client(sim), TestClock.atNoon(), d -> {
            throw new InterruptedException();
        }, Duration.ofSeconds(90), Duration.ofSeconds(2));

        Outcome outcome = waiter.rebootAndWait(SERIAL, () -> false, phases::add);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(kinds()).containsExactly(Kind.ASKED, Kind.CANCELLED);
    }
}
