package com.sourceful.commissioner.wifi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.ZapDiscovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a join, finds the Zap again by its serial on its new network: discovery's every source (mDNS,
 * {@code zap.local}, a sweep of the subnets, the address it reported), each asked again every round, with
 * discovery's own confirmation by serial. It has arrived when a Zap with that serial answers and reports the network
 * it was asked to join (or, when it reports no network name, answers at an address other than the one it left).
 * Until then the old address may still answer on the old network: that is not arrival.
 */
public final class ZapFollower {

    private static final Logger LOG = LoggerFactory.getLogger(ZapFollower.class);

    /** A Zap joins, gets an address by DHCP and announces itself in well under a minute. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_ROUND = Duration.ofSeconds(3);

    /** What to check when the Zap does not come back, most likely first. */
    public enum Hint { WRONG_PASSWORD, OUT_OF_RANGE, LAPTOP_ON_OTHER_NETWORK }

    /** What the follower was asked: the Zap, where it was, the network it joins and how strong that was heard. */
    public record Target(String serial, URI previousAddress, Optional<String> reportedLocalIp, String ssid,
                         OptionalInt scannedRssi, boolean openNetwork) {
    }

    /** The Zap found (and where), or not within the time, with what to check. */
    public record Result(Optional<FoundZap> found, Duration waited, List<Hint> check) {
        public boolean arrived() {
            return found.isPresent();
        }
    }

    private final Clock clock;
    private final ZapDiscovery.Options discovery;
    private final Duration round;
    private volatile boolean cancelled;
    private final CountDownLatch cancel = new CountDownLatch(1);

    /**
     * {@code clock} stamps what discovery finds; the follower's own time is real time. {@code discovery} says where
     * to look: mDNS interfaces, subnets to sweep and the port the Zap answers on after the move (80 in the field);
     * its known addresses are asked every round too.
     */
    public ZapFollower(Clock clock, ZapDiscovery.Options discovery, Duration round) {
        this.clock = clock;
        this.discovery = discovery;
        this.round = round;
    }

    public void cancel() {
        cancelled = true;
        cancel.countDown();
    }

    /** Blocks until the Zap is found on its new network, the time is up, or {@link #cancel()}. */
    public Result follow(Target target, Duration timeout) throws InterruptedException {
        // Real time, whatever the clock: the Zap's move and discovery's probes take real time.
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<URI> asked = new ArrayList<>(discovery.knownAddresses());
        target.reportedLocalIp().filter(ip -> !ip.isBlank())
                .map(ip -> URI.create("http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + discovery.port()
                        + "/"))
                .filter(uri -> !uri.equals(target.previousAddress()) && !asked.contains(uri))
                .ifPresent(asked::add);
        AtomicReference<FoundZap> arrived = new AtomicReference<>();
        CountDownLatch found = new CountDownLatch(1);
        ZapDiscovery.Options options = new ZapDiscovery.Options(discovery.mdnsInterfaces(), discovery.sweepSubnets(),
                discovery.port(), List.copyOf(asked), Optional.empty(), Duration.ZERO, null);
        ZapDiscovery finder = new ZapDiscovery(clock);
        try {
            finder.start(options, zap -> {
                if (hasArrived(zap, target) && arrived.compareAndSet(null, zap)) {
                    found.countDown();
                }
            });
            while (!cancelled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                if (found.await(Math.min(round.toNanos(), left), TimeUnit.NANOSECONDS) || cancel.getCount() == 0) {
                    break;
                }
                // Each round asks again: an address that did not answer a moment ago may now.
                asked.forEach(uri -> finder.confirmLater(uri, FoundZap.Source.KNOWN));
                finder.sweepNow();
            }
        } finally {
            finder.stop();
            Thread closer = new Thread(finder::close, "zap-follow-close"); // jmDNS takes seconds to close
            closer.setDaemon(true);
            closer.start();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        FoundZap zap = arrived.get();
        if (zap != null) {
            LOG.info("Zap {} answers on \"{}\" at {} after {} s", target.serial(), target.ssid(), zap.baseUri(),
                    waited.toSeconds());
            return new Result(Optional.of(zap), waited, List.of());
        }
        LOG.info("Zap {} not found on \"{}\" within {} s", target.serial(), target.ssid(), waited.toSeconds());
        return new Result(Optional.empty(), waited, hints(target));
    }

    static boolean hasArrived(FoundZap zap, Target target) {
        if (!zap.serial().equals(target.serial()) || !zap.answering()) {
            return false;
        }
        return zap.ssid().map(target.ssid()::equals)
                .orElse(!normalized(zap.baseUri()).equals(normalized(target.previousAddress())));
    }

    /**
     * What to check, most likely first: a network heard weakly (or not at all) is out of range first; else a wrong
     * password (not for an open network); and always this computer, which must be on the network the Zap joined.
     */
    static List<Hint> hints(Target target) {
        List<Hint> out = new ArrayList<>();
        boolean weak = target.scannedRssi().isEmpty() || target.scannedRssi().getAsInt() < RssiVerdict.FAIR_FROM_DBM;
        if (weak) {
            out.add(Hint.OUT_OF_RANGE);
        }
        if (!target.openNetwork()) {
            out.add(Hint.WRONG_PASSWORD);
        }
        if (!weak) {
            out.add(Hint.OUT_OF_RANGE);
        }
        out.add(Hint.LAPTOP_ON_OTHER_NETWORK);
        return List.copyOf(out);
    }

    private static String normalized(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s : s + "/";
    }
}
