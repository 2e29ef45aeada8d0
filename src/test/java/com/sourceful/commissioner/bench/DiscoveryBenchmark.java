package com.sourceful.commissioner.bench;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.SubnetSweep;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.sim.ZapSimulator;

/**
 * Discovery timings on loopback (not a test; run by {@code bench/discovery} and {@code bench/run}): (a) from
 * {@code ZapDiscovery.start} to the first Zap confirmed through mDNS, for a simulator already announced on
 * 127.0.0.1; (b) a full sweep of 127.0.0.0/24 with one simulator in it, from {@code sweepNow()} to the last progress
 * event. Median, min and max of N runs. Nothing outside 127.0.0.0/8 is queried or probed.
 */
public final class DiscoveryBenchmark {

    static final double MDNS_TARGET_S = 0.5;
    static final double SWEEP_TARGET_S = 2.0;
    static final Duration MDNS_LIMIT = Duration.ofSeconds(15);
    static final Duration SWEEP_START_LIMIT = Duration.ofSeconds(5);
    static final Duration SWEEP_LIMIT = Duration.ofSeconds(60);

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--runs") || args[i].equals("-n")) && i + 1 < args.length) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("Usage: bench/discovery [--runs N]   (default 5)");
                return;
            } else {
                System.err.println("unknown argument: " + args[i] + " (usage: bench/discovery [--runs N])");
                System.exit(2);
            }
        }
        if (runs < 1) {
            System.err.println("--runs must be at least 1");
            System.exit(2);
        }
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Clock clock = Clock.systemUTC();
        System.out.printf(Locale.ROOT, "Discovery benchmark, loopback only, %d runs each%n", runs);
        System.out.println("machine: " + machine());
        String mdnsRow;
        String sweepRow;
        Result mdnsResult;
        Result sweepResult;
        try (ZapSimulator sim = ZapSimulator.builder().bindAddress(loopback).port(0).announceMdns(true).clock(clock)
                .start()) {
            System.out.println("simulator " + sim.serial() + " at " + sim.baseUri() + ", announced as "
                    + sim.mdnsInstanceName() + "; waiting 5 s for its mDNS probing to finish");
            Thread.sleep(5000);
            mdnsResult = mdns(sim, loopback, clock, runs);
            mdnsRow = row("mDNS: start -> first confirmed Zap", mdnsResult, MDNS_TARGET_S);
            sweepResult = sweep(sim, clock, runs);
            sweepRow = row("sweep of 127.0.0.0/24 (254 hosts)", sweepResult, SWEEP_TARGET_S);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-38s %9s %9s %9s %9s  %s%n", "", "median", "min", "max", "target", "");
        System.out.println(mdnsRow);
        System.out.println(sweepRow);
        // For bench/run: the medians in milliseconds (a failed figure is left out).
        mdnsResult.median().ifPresent(s -> BenchRun.result("mdns_first_zap_ms", s * 1000));
        sweepResult.median().ifPresent(s -> BenchRun.result("sweep_24_ms", s * 1000));
        System.exit(0); // jmDNS leaves non-daemon timers behind
    }

    /** Seconds per run, or the reason there are none. */
    record Result(List<Double> seconds, String failure) {
        static Result failed(String why) {
            return new Result(List.of(), why);
        }

        Optional<Double> median() {
            if (failure != null || seconds.isEmpty()) {
                return Optional.empty();
            }
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            int n = sorted.size();
            return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
        }
    }

    static Result mdns(ZapSimulator sim, InetAddress loopback, Clock clock, int runs) {
        List<Double> times = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            CountDownLatch found = new CountDownLatch(1);
            AtomicLong foundAt = new AtomicLong();
            ZapDiscovery discovery = new ZapDiscovery(clock);
            ZapDiscovery.Options options = new ZapDiscovery.Options(List.of(loopback), List.of(), sim.port(),
                    List.of(), Optional.empty(), null, Duration.ofMinutes(10));
            try {
                long start = System.nanoTime();
                discovery.start(options, zap -> {
                    if (zap.serial().equals(sim.serial()) && zap.sources().contains(FoundZap.Source.MDNS)
                            && foundAt.compareAndSet(0, System.nanoTime())) {
                        found.countDown();
                    }
                });
                if (!found.await(MDNS_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Result.failed("not found by mDNS within " + MDNS_LIMIT.toSeconds() + " s (run " + run + ")");
                }
                double s = (foundAt.get() - start) / 1e9;
                times.add(s);
                System.out.printf(Locale.ROOT, "  mDNS run %d: %.3f s%n", run, s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed("interrupted");
            } finally {
                discovery.close(); // seconds: jmDNS says goodbye; not timed
            }
        }
        return new Result(times, null);
    }

    static Result sweep(ZapSimulator sim, Clock clock, int runs) {
        List<Double> times = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            AtomicLong lastProgress = new AtomicLong();
            AtomicLong firstProgress = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong sweepFoundSim = new AtomicLong();
            ZapDiscovery discovery = new ZapDiscovery(clock);
            ZapDiscovery.Options options = new ZapDiscovery.Options(List.of(), List.of(Subnet.parse("127.0.0.0/24")),
                    sim.port(), List.of(), Optional.empty(), null, Duration.ofMinutes(10));
            try {
                discovery.start(options, new ZapDiscovery.Listener() {
                    @Override
                    public void zapUpdated(FoundZap zap) {
                        if (zap.serial().equals(sim.serial()) && zap.sources().contains(FoundZap.Source.SWEEP)) {
                            sweepFoundSim.set(1);
                        }
                    }

                    @Override
                    public void sweepProgress(SubnetSweep.Progress p) {
                        long now = System.nanoTime();
                        firstProgress.compareAndSet(0, now);
                        lastProgress.set(now);
                        if (p.total() > 0 && p.probed() >= p.total()) {
                            done.countDown();
                        }
                    }
                });
                long start = System.nanoTime();
                discovery.sweepNow();
                long limit = start + SWEEP_LIMIT.toNanos();
                while (!done.await(100, TimeUnit.MILLISECONDS)) {
                    long now = System.nanoTime();
                    if (firstProgress.get() == 0 && now - start > SWEEP_START_LIMIT.toNanos()) {
                        return Result.failed("sweep not available (no progress within "
                                + SWEEP_START_LIMIT.toSeconds() + " s of sweepNow())");
                    }
                    if (now > limit) {
                        return Result.failed("sweep did not finish within " + SWEEP_LIMIT.toSeconds() + " s");
                    }
                }
                double s = (lastProgress.get() - start) / 1e9;
                times.add(s);
                // The confirmation of the one Zap may land just after the last progress event.
                Thread.sleep(200);
                System.out.printf(Locale.ROOT, "  sweep run %d: %.3f s%s%n", run, s,
                        sweepFoundSim.get() == 1 ? "" : "  (the simulator was NOT reported with source SWEEP)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed("interrupted");
            } catch (RuntimeException e) {
                return Result.failed("sweep not available (" + e + ")");
            } finally {
                discovery.close();
            }
        }
        return new Result(times, null);
    }

    static String row(String what, Result r, double targetSeconds) {
        if (r.failure() != null) {
            return String.format(Locale.ROOT, "%-38s %s", what, r.failure());
        }
        List<Double> sorted = new ArrayList<>(r.seconds());
        Collections.sort(sorted);
        int n = sorted.size();
        double median = r.median().orElseThrow();
        return String.format(Locale.ROOT, "%-38s %7.3f s %7.3f s %7.3f s  < %.1f s  %s", what, median, sorted.get(0),
                sorted.get(n - 1), targetSeconds, median < targetSeconds ? "met" : "MISSED");
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores, %s %s %s, Java %s (%s)", rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }
}
