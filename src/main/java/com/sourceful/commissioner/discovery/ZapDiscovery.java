package com.sourceful.commissioner.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapIdentity;
import com.sourceful.commissioner.zap.ZapSystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Zaps from several sources (mDNS, typed addresses, remembered ones), confirms each candidate, and merges
 * them by serial: the same Zap found twice is one {@link FoundZap}. Listeners are called from background threads.
 */
public final class ZapDiscovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZapDiscovery.class);

    private final Clock clock;
    private final MdnsBrowser mdns = new MdnsBrowser();
    private final ExecutorService confirmations = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "zap-confirm");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, FoundZap> bySerial = new ConcurrentHashMap<>();
    private final Set<URI> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Consumer<FoundZap> listener = z -> { };

    public ZapDiscovery(Clock clock) {
        this.clock = clock;
    }

    /** Starts mDNS browsing on the given addresses; each confirmed Zap is reported to {@code onFound}. */
    public void start(List<InetAddress> mdnsInterfaces, Consumer<FoundZap> onFound) {
        this.listener = onFound;
        mdns.start(mdnsInterfaces, uri -> confirmLater(uri, FoundZap.Source.MDNS));
    }

    public int mdnsInterfaceCount() {
        return mdns.activeInterfaces();
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
                    LOG.info("Candidate {} from {} is not a usable Zap: {}", baseUri, source, e.getMessage());
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
        listener.accept(merged);
        return merged;
    }

    /** Is there a Zap at this address? Blocking; used by discovery and by the command line. */
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

    /** Stops browsing; jmDNS takes seconds to close, so call this off the UI thread. */
    @Override
    public void close() {
        confirmations.shutdownNow();
        mdns.close();
    }
}
