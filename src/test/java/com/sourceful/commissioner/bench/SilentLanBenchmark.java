package com.sourceful.commissioner.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.discovery.SubnetSweep;
import com.sourceful.commissioner.discovery.ZapDiscovery;

/**
 * The Zap sweep's worst case (not a test; run by {@code bench/silent-lan} inside a network namespace it creates): a
 * full sweep of a /24 where every address but one simulated Zap is silent, from {@code sweepNow()} to the last
 * progress event, as {@link DiscoveryBenchmark} times it on loopback. No mDNS interface is given, so nothing is
 * multicast; the namespace has no route out, so nothing leaves it.
 */
public final class SilentLanBenchmark {

    /** Issue "Find every Zap"'s estimate: 254 hosts, 32 at once, a 500 ms connect timeout each. */
    static final double ESTIMATE_S = 4.0;
    static final Duration SWEEP_LIMIT = Duration.ofSeconds(120);

    private SilentLanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        Subnet subnet = null;
        String zap = null;
        int port = 80;
        String silent = "silent";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--subnet" -> subnet = Subnet.parse(value);
                case "--zap" -> zap = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--silent" -> silent = value;
                default -> {
                    System.err.println("unknown argument: " + args[i]
                            + " (usage: --subnet CIDR --zap ADDRESS [--port N] [--runs N] [--silent WORD])");
                    System.exit(2);
                }
            }
            i++;
        }
        if (subnet == null || zap == null || runs < 1) {
            System.err.println("--subnet and --zap are needed, --runs at least 1");
            System.exit(2);
        }
        System.out.println("machine: " + DiscoveryBenchmark.machine());
        List<Double> times = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Optional<String> found = Optional.empty();
            double s;
            try {
                AtomicReference<String> foundAt = new AtomicReference<>();
                s = sweep(subnet, port, zap, foundAt);
                found = Optional.ofNullable(foundAt.get());
            } catch (IllegalStateException e) {
                System.out.println("  run " + run + ": " + e.getMessage());
                System.exit(1);
                return;
            }
            times.add(s);
            System.out.printf(Locale.ROOT, "  run %d: %.3f s, %s%n", run, s,
                    found.map(a -> "the Zap found by the sweep at " + a).orElse("the Zap was NOT found by the sweep"));
            if (found.isEmpty()) {
                System.exit(1);
            }
        }
        DiscoveryBenchmark.Result result = new DiscoveryBenchmark.Result(times, null);
        String key = "sweep_24_silent_" + silent + "_ms";
        List<Double> sorted = times.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "sweep of %s, silent hosts %s: median %.3f s, min %.3f s, max %.3f s over %d"
                        + " runs (estimated before: about %.0f s)%n", subnet, silent, result.median().orElseThrow(),
                sorted.get(0), sorted.get(sorted.size() - 1), runs, ESTIMATE_S);
        result.median().ifPresent(m -> BenchRun.result(key, m * 1000));
        System.exit(0);
    }

    /** Seconds from {@code sweepNow()} to the last progress event; the address the Zap was confirmed at, if any. */
    static double sweep(Subnet subnet, int port, String zapAddress, AtomicReference<String> foundAt)
            throws InterruptedException {
        AtomicLong lastProgress = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch zapFound = new CountDownLatch(1);
        ZapDiscovery discovery = new ZapDiscovery(Clock.systemUTC());
        ZapDiscovery.Options options = new ZapDiscovery.Options(List.of(), List.of(subnet), port, List.of(),
                Optional.empty(), null, Duration.ofMinutes(10));
        try {
            discovery.start(options, new ZapDiscovery.Listener() {
                @Override
                public void zapUpdated(FoundZap zap) {
                    URI uri = zap.baseUri();
                    if (zap.sources().contains(FoundZap.Source.SWEEP) && uri.getHost().equals(zapAddress)) {
                        foundAt.set(uri.getHost() + ":" + port);
                        zapFound.countDown();
                    }
                }

                @Override
                public void sweepProgress(SubnetSweep.Progress p) {
                    lastProgress.set(System.nanoTime());
                    if (p.total() > 0 && p.probed() >= p.total()) {
                        done.countDown();
                    }
                }
            });
            long start = System.nanoTime();
            discovery.sweepNow();
            if (!done.await(SWEEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the sweep did not finish within " + SWEEP_LIMIT.toSeconds() + " s");
            }
            // The Zap's confirmation may land just after the last progress event; not timed.
            zapFound.await(3, TimeUnit.SECONDS);
            return (lastProgress.get() - start) / 1e9;
        } finally {
            discovery.close();
        }
    }
}
