package com.sourceful.commissioner.discovery;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded-parallel probing of every host of some subnets; cancellable; reports progress. One sweep runs once:
 * after {@link #cancel()} it stays cancelled, so make a new one for the next sweep.
 */
public final class SubnetSweep {

    private static final Logger LOG = LoggerFactory.getLogger(SubnetSweep.class);

    public record Progress(int probed, int total) {
    }

    private final int parallelism;
    private final Object monitor = new Object();
    private volatile boolean cancelled;

    public SubnetSweep(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * Runs {@code probe} for every host (each address once, even when subnets overlap), at most
     * {@code parallelism} at once; blocks until done or cancelled and returns how many probes finished. A probe
     * that throws counts as probed. {@code onProgress} is called after each probe, from the probing threads, in
     * increasing order of {@code probed}.
     */
    public int run(List<Subnet> subnets, Consumer<Inet4Address> probe, Consumer<Progress> onProgress) {
        Set<Inet4Address> unique = new LinkedHashSet<>();
        subnets.forEach(s -> unique.addAll(s.hosts()));
        List<Inet4Address> hosts = new ArrayList<>(unique);
        int total = hosts.size();
        if (total == 0 || cancelled) {
            return 0;
        }
        int workers = Math.min(parallelism, total);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger probed = new AtomicInteger();
        AtomicInteger running = new AtomicInteger(workers);
        Object progressOrder = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "zap-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    try {
                        while (!cancelled) {
                            int i = next.getAndIncrement();
                            if (i >= total) {
                                break;
                            }
                            try {
                                probe.accept(hosts.get(i));
                            } catch (RuntimeException e) {
                                LOG.debug("probe of {} failed: {}", hosts.get(i).getHostAddress(), e.toString());
                            }
                            if (cancelled) {
                                break;
                            }
                            synchronized (progressOrder) {
                                int done = probed.incrementAndGet();
                                try {
                                    onProgress.accept(new Progress(done, total));
                                } catch (RuntimeException e) {
                                    LOG.warn("sweep progress listener failed: {}", e.toString());
                                }
                            }
                        }
                    } finally {
                        running.decrementAndGet();
                        synchronized (monitor) {
                            monitor.notifyAll();
                        }
                    }
                });
            }
            synchronized (monitor) {
                while (running.get() > 0 && !cancelled) {
                    monitor.wait(100);
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        } finally {
            // Running probes end on their own (bounded by their timeouts); their threads then end, idle ones now.
            pool.shutdownNow();
        }
        return probed.get();
    }

    /** From any thread: {@link #run} returns promptly; probes already running finish on their own. */
    public void cancel() {
        cancelled = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }
}
