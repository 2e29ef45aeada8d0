package com.sourceful.commissioner.discovery;

import java.net.Inet4Address;
import java.util.List;
import java.util.function.Consumer;

/** Bounded-parallel probing of every host of some subnets; cancellable; reports progress. */
public final class SubnetSweep {

    public record Progress(int probed, int total) {
    }

    private final int parallelism;
    private volatile boolean cancelled;

    public SubnetSweep(int parallelism) {
        this.parallelism = parallelism;
    }

    /** Runs {@code probe} for every host, at most {@code parallelism} at once; blocks until done or cancelled. */
    public int run(List<Subnet> subnets, Consumer<Inet4Address> probe, Consumer<Progress> onProgress) {
        throw new UnsupportedOperationException("issue 3: not yet (parallelism " + parallelism + ")");
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
