package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The sweep machinery with fake probes: no packet is sent. */
class SubnetSweepTest {

    static long sweepThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("zap-sweep") && t.isAlive()).count();
    }

    static void awaitNoSweepThreads() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (sweepThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sweepThreads()).as("sweep threads left").isZero();
    }

    @Test
    void probesEveryHostOnceWithAtMostParallelismAtOnceAndReportsProgress() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Inet4Address> probed = ConcurrentHashMap.newKeySet();
        List<SubnetSweep.Progress> progress = new CopyOnWriteArrayList<>();
        SubnetSweep sweep = new SubnetSweep(8);
        // Overlapping subnets: each address once.
        int n = sweep.run(List.of(Subnet.parse("10.9.8.0/24"), Subnet.parse("10.9.8.0/28")), host -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            probed.add(host);
            running.decrementAndGet();
        }, progress::add);
        assertThat(n).isEqualTo(254);
        assertThat(probed).hasSize(254);
        assertThat(most.get()).isBetween(2, 8);
        assertThat(progress).hasSize(254);
        assertThat(progress).extracting(SubnetSweep.Progress::probed).isSorted();
        assertThat(progress.get(253)).isEqualTo(new SubnetSweep.Progress(254, 254));
        assertThat(progress).allMatch(p -> p.total() == 254);
        awaitNoSweepThreads();
    }

    @Test
    void aFailingProbeCountsAsProbed() {
        SubnetSweep sweep = new SubnetSweep(4);
        int n = sweep.run(List.of(Subnet.parse("10.0.0.0/29")), host -> {
            throw new IllegalStateException("boom");
        }, p -> { });
        assertThat(n).isEqualTo(6);
        assertThat(new SubnetSweep(2).run(List.of(), h -> { }, p -> { })).isZero();
        assertThatThrownBy(() -> new SubnetSweep(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelMidRunReturnsPromptlyWhileSlowProbesAreStillRunning() throws Exception {
        SubnetSweep sweep = new SubnetSweep(4);
        CountDownLatch started = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Integer> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(sweep.run(List.of(Subnet.parse("10.1.2.0/24")), host -> {
            calls.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // a probe stuck on its timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, p -> { })));
        runner.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        sweep.cancel();
        runner.join(2000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(runner.isAlive()).isFalse();
        assertThat(ms).as("not the probe's 10 s timeout").isLessThan(1500);
        assertThat(sweep.cancelled()).isTrue();
        assertThat(result.get()).isZero();
        release.countDown();
        awaitNoSweepThreads();
        assertThat(calls.get()).as("no new probes after cancel").isEqualTo(4);
        // A cancelled sweep stays cancelled.
        assertThat(sweep.run(List.of(Subnet.parse("10.1.2.0/30")), h -> { }, p -> { })).isZero();
    }
}
