package com.sourceful.commissioner.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapIdentity;
import com.sourceful.commissioner.zap.ZapSystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Zaps from every source at once (mDNS, {@code zap.local}, a subnet sweep, typed, remembered and given
 * addresses), confirms each candidate, and merges them by serial: the same Zap found twice is one {@link FoundZap}.
 * Listeners are called from background threads.
 */
public final class ZapDiscovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZapDiscovery.class);

    /** How discovery runs; {@link #defaults()} is what the app uses on a real site. */
    public record Options(List<InetAddress> mdnsInterfaces, List<Subnet> sweepSubnets, int port,
                          List<URI> knownAddresses, Optional<RecentZaps> recent, Duration autoSweepAfter,
                          Duration recheckEvery) {

        public static Options defaults() {
            List<InetAddress> interfaces = MdnsBrowser.siteInterfaces();
            return new Options(interfaces, List.of(), 80, List.of(), Optional.of(new RecentZaps(RecentZaps.defaultFile())),
                    Duration.ofSeconds(3), Duration.ofSeconds(5));
        }
    }

    /** What discovery tells its owner, from background threads. */
    public interface Listener {
        /** New, merged (another source or address), or its answering state changed. */
        void zapUpdated(FoundZap zap);

        default void sweepProgress(SubnetSweep.Progress progress) {
        }

        default void reportChanged(DiscoveryReport report) {
        }
    }

    private final Clock clock;
    private final MdnsBrowser mdns = new MdnsBrowser();
    private final ExecutorService confirmations = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "zap-confirm");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, FoundZap> bySerial = new ConcurrentHashMap<>();
    private final Set<URI> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile Options options = new Options(List.of(), List.of(), 80, List.of(), Optional.empty(), null, null);
    private volatile Listener listener = zap -> { };

    public ZapDiscovery(Clock clock) {
        this.clock = clock;
    }

    /** Starts every source; returns at once, the work runs in background threads. */
    public void start(Options startOptions, Listener startListener) {
        this.options = startOptions;
        this.listener = startListener;
        startOptions.knownAddresses().forEach(uri -> confirmLater(uri, FoundZap.Source.KNOWN));
        startOptions.recent().ifPresent(recent -> background(() ->
                recent.load().forEach(entry -> confirmLater(entry.lastAddress(), FoundZap.Source.RECENT))));
        background(() -> {
            mdns.start(startOptions.mdnsInterfaces(), uri -> confirmLater(uri, FoundZap.Source.MDNS));
            publishReport();
        });
        // TODO(issue 3): zap.local lookup, automatic sweep, re-checks of confirmed Zaps.
    }

    /** Starts the sweep of the configured subnets now. */
    public void sweepNow() {
        // TODO(issue 3)
    }

    public void cancelSweep() {
        // TODO(issue 3)
    }

    /** Checks a candidate in the background; the result, if it is a Zap, reaches the listener. */
    public void confirmLater(URI baseUri, FoundZap.Source source) {
        if (!inFlight.add(baseUri)) {
            return;
        }
        try {
            confirmations.execute(() -> {
                try {
                    confirm(baseUri, source);
                } catch (ZapException e) {
                    rejected.incrementAndGet();
                    LOG.info("Candidate {} from {} is not a usable Zap: {}", baseUri, source, e.getMessage());
                    publishReport();
                } finally {
                    inFlight.remove(baseUri);
                }
            });
        } catch (RejectedExecutionException closed) {
            inFlight.remove(baseUri);
        }
    }

    /** Confirms one address now (blocking): a Zap, or a {@link ZapException} that says why not. */
    public FoundZap confirm(URI baseUri, FoundZap.Source source) throws ZapException {
        FoundZap found = check(baseUri, source, clock);
        FoundZap merged = bySerial.merge(found.serial(), found, FoundZap::mergedWith);
        options.recent().ifPresent(recent -> recent.remember(merged));
        listener.zapUpdated(merged);
        return merged;
    }

    /** Is there a Zap at this address? Blocking and stateless; used by discovery and by the command line. */
    public static FoundZap check(URI baseUri, FoundZap.Source source, Clock clock) throws ZapException {
        try (ZapClient client = new ZapClient(baseUri)) {
            ZapSystem system = client.system();
            ZapIdentity identity = client.identity();
            int devices;
            try {
                devices = client.devices().size();
            } catch (ZapException e) {
                devices = -1; // A Zap that cannot list its devices is still a Zap.
            }
            return FoundZap.of(client.baseUri(), system, identity, devices, source, clock.instant());
        } catch (ZapException e) {
            // A 4xx or an answer of the wrong shape: something else lives there. A 5xx may be a busy Zap: say so as is.
            boolean clientError = e.kind() == ZapException.Kind.REJECTED && e.status() < 500;
            if (clientError || e.kind() == ZapException.Kind.BAD_RESPONSE) {
                throw new ZapException(ZapException.Kind.NOT_A_ZAP, e.operation(), e.status(),
                        e.serverMessage().orElse(e.getMessage()), null, e);
            }
            throw e;
        }
    }

    public List<FoundZap> found() {
        return List.copyOf(bySerial.values());
    }

    public DiscoveryReport report() {
        List<String> interfaces = new ArrayList<>();
        options.mdnsInterfaces().forEach(a -> interfaces.add(a.getHostAddress()));
        return new DiscoveryReport(List.copyOf(interfaces), mdns.activeInterfaces() > 0, Optional.empty(),
                options.sweepSubnets().stream().map(Subnet::toString).toList(), 0, 0, false, rejected.get());
    }

    private void publishReport() {
        listener.reportChanged(report());
    }

    private void background(Runnable work) {
        try {
            confirmations.execute(work);
        } catch (RejectedExecutionException closed) {
            // Closed while starting: nothing to do.
        }
    }

    /** Stops every source; jmDNS takes seconds to close, so call this off the UI thread. */
    @Override
    public void close() {
        confirmations.shutdownNow();
        mdns.close();
    }
}
