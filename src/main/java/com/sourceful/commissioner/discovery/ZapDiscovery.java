package com.sourceful.commissioner.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.http.HttpTransport;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;
import com.sourceful.commissioner.zap.ZapIdentity;
import com.sourceful.commissioner.zap.ZapSystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Zaps from every source at once (mDNS, {@code zap.local}, a subnet sweep, typed, remembered and given
 * addresses), confirms each candidate, and merges them by serial: the same Zap found twice is one {@link FoundZap}.
 * Confirmed Zaps are re-checked now and then; one that stops answering is reported with {@code answering=false}
 * and stays listed. Listeners are called from background threads.
 */
public final class ZapDiscovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZapDiscovery.class);
    /** Sweep probes and re-checks: a LAN host answers in milliseconds or not at all. */
    static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration PROBE_RESPONSE_TIMEOUT = Duration.ofMillis(1500);
    private static final int PROBE_MAX_BODY_BYTES = 512 * 1024;
    static final int SWEEP_PARALLELISM = 32;
    static final Duration ZAP_LOCAL_TIMEOUT = Duration.ofMillis(1500);
    private static final long REPORT_THROTTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** How discovery runs; {@link #defaults()} is what the app uses on a real site. */
    public record Options(List<InetAddress> mdnsInterfaces, List<Subnet> sweepSubnets, int port,
                          List<URI> knownAddresses, Optional<RecentZaps> recent, Duration autoSweepAfter,
                          Duration recheckEvery) {

        /** Site interfaces, the subnets around them (at most a /24 each), port 80, remembered Zaps, 3 s, 5 s. */
        public static Options defaults() {
            List<InetAddress> interfaces = MdnsBrowser.siteInterfaces();
            return new Options(interfaces, MdnsBrowser.siteSubnets(), 80, List.of(),
                    Optional.of(new RecentZaps(RecentZaps.defaultFile())), Duration.ofSeconds(3), Duration.ofSeconds(5));
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

        /** A re-check of a confirmed Zap failed, and how: said on every failed re-check, so the reason stays current. */
        default void recheckFailed(FoundZap zap, ZapException why) {
        }
    }

    private final Clock clock;
    private final ZapLocalLookup.Lookup zapLocal;
    private final MdnsBrowser mdns = new MdnsBrowser();
    private final ExecutorService confirmations = Executors.newFixedThreadPool(4, daemon("zap-confirm"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("zap-discovery-timer"));
    private final Map<String, FoundZap> bySerial = new ConcurrentHashMap<>();
    private final Set<URI> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> recheckInFlight = ConcurrentHashMap.newKeySet();
    private final Set<URI> rejected = ConcurrentHashMap.newKeySet();
    /** Zap-looking mDNS records whose address gave no Zap, by base URI: reported, and asked again on re-checks. */
    private final Map<URI, DiscoveryReport.UnansweredMdns> unansweredMdns = new ConcurrentHashMap<>();
    private final AtomicReference<SubnetSweep> sweep = new AtomicReference<>();
    private final AtomicLong lastProgressReport = new AtomicLong();
    private volatile Options options = new Options(List.of(), List.of(), 80, List.of(), Optional.empty(), null, null);
    private volatile Listener listener = zap -> { };
    private volatile boolean closed;
    private volatile boolean rechecksPaused;
    private volatile Optional<Boolean> zapLocalAnswered = Optional.empty();
    private volatile List<String> sweptSubnets = List.of();
    private volatile int addressesProbed;
    private volatile int addressesToProbe;
    private volatile boolean sweepRunning;
    /** An mDNS query was refused with "No route to host" (on macOS: Local Network privacy). */
    private volatile boolean multicastNoRoute;

    public ZapDiscovery(Clock clock) {
        this(clock, ZapLocalLookup::lookup);
    }

    /** With another way to look up {@code zap.local} (tests: one whose query is refused). */
    ZapDiscovery(Clock clock, ZapLocalLookup.Lookup zapLocal) {
        this.clock = clock;
        this.zapLocal = zapLocal;
    }

    /** Starts every source; returns at once, the work runs in background threads. */
    public void start(Options startOptions, Listener startListener) {
        this.options = startOptions;
        this.listener = startListener;
        startOptions.knownAddresses().forEach(uri -> confirmLater(uri, FoundZap.Source.KNOWN));
        startOptions.recent().ifPresent(recent -> background(() ->
                recent.load().forEach(entry -> confirmLater(entry.lastAddress(), FoundZap.Source.RECENT))));
        background(() -> {
            mdns.start(startOptions.mdnsInterfaces(), (name, uri) -> confirmLater(uri, FoundZap.Source.MDNS, name));
            publishReport();
        });
        background(this::lookUpZapLocal);
        Duration after = startOptions.autoSweepAfter();
        if (after != null && !after.isNegative() && !startOptions.sweepSubnets().isEmpty()) {
            // Once, also when mDNS found some: a site has several Zaps and one may not announce itself.
            schedule(() -> {
                LOG.info("{} Zap(s) confirmed after {} ms: sweeping {} once", bySerial.size(), after.toMillis(),
                        startOptions.sweepSubnets());
                sweepNow();
            }, after);
        }
        Duration every = startOptions.recheckEvery();
        if (every != null && !every.isNegative() && !every.isZero()) {
            try {
                timers.scheduleWithFixedDelay(this::recheckAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closedAlready) {
                // Closed while starting.
            }
        }
    }

    /** Starts the sweep of the configured subnets now; a no-op while one runs, without subnets, or once closed. */
    public void sweepNow() {
        List<Subnet> subnets = options.sweepSubnets();
        if (closed || subnets.isEmpty()) {
            return;
        }
        SubnetSweep next = new SubnetSweep(SWEEP_PARALLELISM);
        if (!sweep.compareAndSet(null, next)) {
            return; // one is running
        }
        int total = (int) subnets.stream().flatMap(s -> s.hosts().stream()).distinct().count();
        sweptSubnets = subnets.stream().map(Subnet::toString).toList();
        addressesProbed = 0;
        addressesToProbe = total;
        sweepRunning = true;
        publishReport();
        int port = options.port();
        Thread runner = new Thread(() -> {
            try {
                int probed = next.run(subnets, host -> probe(host, port), this::progress);
                addressesProbed = probed;
                LOG.info("Sweep of {} {} after {} of {} addresses", sweptSubnets,
                        next.cancelled() ? "cancelled" : "done", probed, total);
            } catch (RuntimeException e) {
                LOG.warn("Sweep failed: {}", e.toString());
            } finally {
                sweepRunning = false;
                sweep.compareAndSet(next, null);
                publishReport();
            }
        }, "zap-sweep-run");
        runner.setDaemon(true);
        runner.start();
        if (zapLocalAnswered.isEmpty() || !zapLocalAnswered.get()) {
            background(this::lookUpZapLocal); // asked for a search: ask zap.local again too
        }
    }

    public void cancelSweep() {
        SubnetSweep running = sweep.get();
        if (running != null) {
            running.cancel();
        }
    }

    /** Checks a candidate in the background; the result, if it is a Zap, reaches the listener. */
    public void confirmLater(URI baseUri, FoundZap.Source source) {
        confirmLater(baseUri, source, null);
    }

    /** The same for a candidate an mDNS record named {@code mdnsName}: if nothing answers there, the report says so. */
    private void confirmLater(URI baseUri, FoundZap.Source source, String mdnsName) {
        if (closed || !inFlight.add(baseUri)) {
            return;
        }
        try {
            confirmations.execute(() -> {
                try {
                    confirm(baseUri, source);
                } catch (ZapException e) {
                    if (closed) {
                        return; // cut short by close(): not news about the candidate
                    }
                    LOG.info("Candidate {} from {} is not a usable Zap: {}", baseUri, source, e.getMessage());
                    if (mdnsName != null) {
                        noteUnanswered(mdnsName, baseUri, e);
                    }
                } finally {
                    inFlight.remove(baseUri);
                }
            });
        } catch (RejectedExecutionException closedNow) {
            inFlight.remove(baseUri);
        }
    }

    /** Confirms one address now (blocking): a Zap, or a {@link ZapException} that says why not. */
    public FoundZap confirm(URI baseUri, FoundZap.Source source) throws ZapException {
        try {
            return accept(check(baseUri, source, clock));
        } catch (ZapException e) {
            noteRejected(baseUri, e);
            throw e;
        }
    }

    /** Is there a Zap at this address? Blocking and stateless; used by discovery and by the command line. */
    public static FoundZap check(URI baseUri, FoundZap.Source source, Clock clock) throws ZapException {
        try (ZapClient client = new ZapClient(baseUri)) {
            return check(client, source, clock);
        }
    }

    /** The same with short timeouts: for sweep probes and re-checks, where most addresses do not answer. */
    static FoundZap quickCheck(URI baseUri, FoundZap.Source source, Clock clock) throws ZapException {
        HttpTransport http = new HttpTransport(PROBE_CONNECT_TIMEOUT, PROBE_RESPONSE_TIMEOUT, PROBE_MAX_BODY_BYTES);
        try (ZapClient client = new ZapClient(baseUri, http)) {
            return check(client, source, clock);
        } finally {
            try {
                http.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    private static FoundZap check(ZapClient client, FoundZap.Source source, Clock clock) throws ZapException {
        try {
            ZapSystem system = client.system();
            // A firmware without /api/crypto is still a Zap: /api/system's zap object says so; deviceId keys it.
            ZapIdentity identity = client.identityOrDeviceId(system);
            int devices;
            try {
                devices = client.devices().size();
            } catch (ZapException e) {
                devices = -1; // A Zap that cannot list its devices is still a Zap.
            }
            return FoundZap.of(client.baseUri(), system, identity, devices, source, clock.instant());
        } catch (ZapException e) {
            // A 4xx, an answer of the wrong shape, a web page or a flood: something else lives there. A 5xx may be a
            // busy Zap, and a broken connection a weak one: say so as is.
            boolean clientError = e.kind() == ZapException.Kind.REJECTED && e.status() < 500;
            boolean somethingElse = e.kind() == ZapException.Kind.BAD_RESPONSE || e.kind() == ZapException.Kind.NOT_JSON
                    || e.kind() == ZapException.Kind.TOO_LARGE;
            if (clientError || somethingElse) {
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
        List<DiscoveryReport.UnansweredMdns> unanswered = unansweredMdns.values().stream()
                .sorted(Comparator.comparing(DiscoveryReport.UnansweredMdns::instanceName)
                        .thenComparing(DiscoveryReport.UnansweredMdns::address))
                .toList();
        return new DiscoveryReport(List.copyOf(interfaces), mdns.activeInterfaces() > 0, zapLocalAnswered,
                sweptSubnets, addressesProbed, addressesToProbe, sweepRunning, rejected.size(), unanswered,
                multicastNoRoute);
    }

    // ---------------------------------------------------------------------------------------------- internals

    /** Merges a confirmed Zap by serial, remembers it, tells the listener. */
    private FoundZap accept(FoundZap found) {
        // Forget an unanswered mDNS record for this address first: whoever sees the Zap listed sees no stale record.
        boolean wasUnanswered = unansweredMdns.remove(normalized(found.baseUri())) != null;
        FoundZap merged = bySerial.merge(found.serial(), found, FoundZap::mergedWith);
        options.recent().ifPresent(recent -> recent.remember(merged));
        notifyUpdated(merged);
        if (wasUnanswered) {
            LOG.info("The mDNS record for {} answers now", found.baseUri());
            publishReport();
        }
        return merged;
    }

    /**
     * A Zap-looking mDNS record whose address did not give a Zap. One that answered as something else is counted as
     * rejected; one where nothing (or nothing whole) answered is listed by name and address, so an empty list can
     * say "zap-… was announced at 192.168.1.20:80, but nothing answers there" instead of dropping it in silence.
     */
    private void noteUnanswered(String mdnsName, URI baseUri, ZapException e) {
        if (e.kind() == ZapException.Kind.NOT_A_ZAP || closed) {
            return;
        }
        DiscoveryReport.UnansweredMdns record = new DiscoveryReport.UnansweredMdns(mdnsName, baseUri.getHost(),
                baseUri.getPort() < 0 ? 80 : baseUri.getPort(), e.kind(), e.status());
        DiscoveryReport.UnansweredMdns before = unansweredMdns.put(normalized(baseUri), record);
        if (!record.equals(before)) {
            LOG.info("mDNS record {} points at {}, where no Zap answers: {}", mdnsName, record.address(), e.getMessage());
            publishReport();
        }
    }

    private void noteRejected(URI baseUri, ZapException e) {
        if (e.kind() == ZapException.Kind.NOT_A_ZAP && rejected.add(normalized(baseUri))) {
            publishReport();
        }
    }

    private static URI normalized(URI baseUri) {
        return baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
    }

    private void lookUpZapLocal() {
        Options o = options;
        List<Inet4Address> addresses = zapLocal.lookup(o.mdnsInterfaces(), ZAP_LOCAL_TIMEOUT,
                () -> multicastNoRoute = true);
        if (closed) {
            return;
        }
        boolean answered = !addresses.isEmpty() || zapLocalAnswered.orElse(false);
        zapLocalAnswered = Optional.of(answered);
        LOG.info("{} answered with {}", ZapLocalLookup.HOST, addresses);
        addresses.forEach(a -> confirmLater(URI.create("http://" + a.getHostAddress() + ":" + o.port() + "/"),
                FoundZap.Source.ZAP_LOCAL));
        publishReport();
    }

    /** One sweep probe: quietly nothing where nobody answers. */
    private void probe(Inet4Address host, int port) {
        if (closed) {
            return;
        }
        URI uri = URI.create("http://" + host.getHostAddress() + ":" + port + "/");
        if (alreadyKnown(uri)) {
            return; // a confirmed Zap (or one being confirmed) is not asked again: it serves one request at a time
        }
        try {
            accept(quickCheck(uri, FoundZap.Source.SWEEP, clock));
        } catch (ZapException e) {
            noteRejected(uri, e);
        }
    }

    /** A confirmed, answering Zap lives at this address, or a confirmation is asking it right now. */
    private boolean alreadyKnown(URI uri) {
        return inFlight.contains(uri)
                || bySerial.values().stream().anyMatch(z -> z.answering() && normalized(z.baseUri()).equals(uri));
    }

    private void progress(SubnetSweep.Progress p) {
        addressesProbed = p.probed();
        try {
            listener.sweepProgress(p);
        } catch (RuntimeException e) {
            LOG.warn("Listener failed on sweep progress: {}", e.toString());
        }
        long now = System.nanoTime();
        long last = lastProgressReport.get();
        if (p.probed() == p.total() || (now - last >= REPORT_THROTTLE_NANOS && lastProgressReport.compareAndSet(last, now))) {
            publishReport();
        }
    }

    /**
     * Stops ({@code true}) or resumes asking the confirmed Zaps again every {@code recheckEvery}. While the technician
     * works with one Zap — whose own polling shows whether it answers — its gateway, which serves one request at a
     * time, should get nothing else. Resuming rechecks at once. mDNS, sweeps and typed addresses are not paused.
     */
    public void pauseRechecks(boolean paused) {
        rechecksPaused = paused;
        if (!paused && !closed) {
            try {
                timers.execute(this::recheckAll);
            } catch (RejectedExecutionException closedNow) {
                // closed meanwhile
            }
        }
    }

    private void recheckAll() {
        if (closed || rechecksPaused) {
            return;
        }
        // An mDNS record is announced once; a Zap that was restarting when it was seen is found by asking again.
        unansweredMdns.forEach((uri, record) -> confirmLater(uri, FoundZap.Source.MDNS, record.instanceName()));
        for (FoundZap zap : bySerial.values()) {
            String serial = zap.serial();
            if (!recheckInFlight.add(serial)) {
                continue;
            }
            try {
                confirmations.execute(() -> {
                    try {
                        recheck(serial);
                    } finally {
                        recheckInFlight.remove(serial);
                    }
                });
            } catch (RejectedExecutionException closedNow) {
                recheckInFlight.remove(serial);
                return;
            }
        }
    }

    /** Asks a confirmed Zap again at its last address; a change of answering reaches the listener. */
    private void recheck(String serial) {
        FoundZap known = bySerial.get(serial);
        if (known == null || closed) {
            return;
        }
        boolean answers;
        int devices = known.deviceCount();
        ZapException why = null;
        try {
            FoundZap now = quickCheck(known.baseUri(), FoundZap.Source.SWEEP, clock);
            answers = now.serial().equals(serial); // another Zap at the address means ours is gone from it
            if (answers && now.deviceCount() >= 0) {
                devices = now.deviceCount(); // a device added or removed since shows in the list
            }
        } catch (ZapException e) {
            answers = false;
            why = e;
        }
        boolean answering = answers;
        int deviceCount = devices;
        FoundZap[] changed = new FoundZap[1];
        bySerial.computeIfPresent(serial, (k, v) -> {
            boolean sameAddress = v.baseUri().equals(known.baseUri());
            if (sameAddress && (v.answering() != answering || v.deviceCount() != deviceCount)) {
                changed[0] = v.withAnswering(answering).withDeviceCount(deviceCount);
                return changed[0];
            }
            return v;
        });
        if (changed[0] != null && !closed) {
            LOG.info("Zap {} at {}: {}", serial, known.baseUri(), answering == known.answering()
                    ? deviceCount + " devices" : answering ? "answers again" : "stopped answering");
            notifyUpdated(changed[0]);
        }
        if (why != null && !closed) {
            try {
                listener.recheckFailed(bySerial.getOrDefault(serial, known), why);
            } catch (RuntimeException e) {
                LOG.warn("Listener failed on a failed re-check of {}: {}", serial, e.toString());
            }
        }
    }

    private void notifyUpdated(FoundZap zap) {
        try {
            listener.zapUpdated(zap);
        } catch (RuntimeException e) {
            LOG.warn("Listener failed on {}: {}", zap.serial(), e.toString());
        }
    }

    private void publishReport() {
        if (closed) {
            return;
        }
        try {
            listener.reportChanged(report());
        } catch (RuntimeException e) {
            LOG.warn("Listener failed on the report: {}", e.toString());
        }
    }

    private void background(Runnable work) {
        try {
            confirmations.execute(work);
        } catch (RejectedExecutionException closedNow) {
            // Closed while starting: nothing to do.
        }
    }

    private void schedule(Runnable work, Duration after) {
        try {
            timers.schedule(work, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedNow) {
            // Closed while starting.
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops the sweep, the timers and every confirmation at once, so nothing more is found or reported; fast, unlike
     * {@link #close()}. Whatever a stopped confirmation was checking may vanish now without being logged as broken.
     */
    public void stop() {
        closed = true;
        cancelSweep();
        timers.shutdownNow();
        confirmations.shutdownNow();
    }

    /** {@link #stop()}, then closes mDNS; jmDNS takes seconds to close, so call this off the UI thread. */
    @Override
    public void close() {
        stop();
        mdns.close();
    }
}
