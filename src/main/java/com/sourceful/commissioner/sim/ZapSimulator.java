package com.sourceful.commissioner.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback stand-in for a Sourceful Zap gateway's local HTTP API, faithful to
 * {@code zap-local-api.md} and the seed provisioning page.
 * <ul>
 *   <li>Normal answers are made one at a time, like the ESP32; a fault's delay or hold happens outside that turn
 *       (from a small pool), so a held request never blocks the simulator, other endpoints or {@link #close()}.</li>
 *   <li>Faults ({@link ZapFault}) are set per endpoint with {@link #setFault(String, ZapFault)}.</li>
 *   <li>{@code POST /api/devices} takes {@code addDeviceDelay} (real time) to "connect": an address in an RFC 5737
 *       documentation range (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) "does not answer" (503 connection
 *       failed); a loopback endpoint is really connected to (503 if nothing listens); every other address answers
 *       without any connection being opened.</li>
 *   <li>{@code GET /api/devices/{sn}/registers/{address}} reads a Modbus device's registers ({@link SimRegisters}):
 *       a modbus_tcp device on loopback really, over Modbus TCP (1000 ms, like the firmware); one in an RFC 5737
 *       range does not answer (500 read failed); any other address, and modbus_rtu devices, answer the
 *       {@link ModbusTcpStandIn}'s values at their unit id without a connection. Other devices: 400.</li>
 *   <li>Telemetry comes from one energy balance per simulated site ({@link SimSite}: house load, PV, a battery in
 *       self-consumption, chargers; every meter reads the grid point) and is deterministic given the injected clock
 *       and the times the knobs were switched ({@link #addHouseLoad}, {@link #invertMeterSign}, {@link #setSun},
 *       {@link #rampSun}, {@link #batteryFixedPower}, ...). The first reading exists 1 s (clock time) after the
 *       device was added, before that {@code data/json} answers 204.</li>
 *   <li>Control ({@code POST /api/control/{sn}/init|battery|curtail|curtail/disable|deinit}): each accepted call is
 *       answered 202 {@code {status:"queued", sn, action}} and takes effect on the site {@link #CONTROL_QUEUE_DELAY}
 *       (clock time) later. {@code battery} and {@code curtail} need {@code init} first (409 otherwise, as a
 *       firmware that steers only what it took control of); {@code curtail/disable} and {@code deinit} are always
 *       accepted, so giving control back never fails on the simulator's account. A battery setpoint on a device
 *       without a battery DER, or a PV limit on one without PV, is refused with 400 (nothing there to steer).
 *       {@link #ignoreControl}, {@link #partialControl} and {@link #partialControlW} make a device carry out none or
 *       part of what it accepts; {@link #controlState} shows what the Zap holds.</li>
 *   <li>Each simulated Zap holds its own P-256 key pair ({@link #publicKeyHex()}) and signs claim messages on
 *       {@code POST /api/crypto/sign} ({@link ZapKey}).</li>
 * </ul>
 */
public final class ZapSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZapSimulator.class);
    /** How long after a control call is accepted it takes effect (clock time): the Zap queues commands. */
    public static final Duration CONTROL_QUEUE_DELAY = Duration.ofSeconds(1);
    /** The control actions, as the path after {@code /api/control/{sn}} names them. */
    private static final List<String> CONTROL_ACTIONS = List.of("init", "battery", "curtail", "curtail/disable",
            "deinit");
    private static final Pattern SERIAL = Pattern.compile("zap-[0-9a-f]{8,16}");
    static final String MDNS_TYPE = "_http._tcp.local.";
    static final String FIRMWARE_VERSION = "1.4.2";
    static final String SDK_VERSION = "v5.3.1";

    private final InetAddress bindAddress;
    private final int requestedPort;
    private final String serial;
    private final boolean announceMdns;
    private final SimLimits limits;
    private final Duration addDeviceDelay;
    private final Clock clock;
    private final String name;
    /** Firmware without {@code /api/crypto}: the endpoint answers 404 (the client identifies it by deviceId). */
    private final boolean noCrypto;
    /** When the Zap last started: uptime counts from here, and a reboot resets it. */
    private volatile long startedAtMs;
    private final SimReboot reboot;
    /** This Zap's P-256 key pair, for {@code publicKey} and {@code POST /api/crypto/sign}. */
    private final ZapKey key = ZapKey.generate();

    private final Map<String, SimDevice> devices = new LinkedHashMap<>();
    /**
     * A Zap's memory holds a few devices; the simulator answers past this many as a Zap low on memory does (503),
     * instead of growing without end when {@code simulate} meets a flood on a LAN. A site has a handful.
     */
    static final int MAX_DEVICES = 64;
    private volatile boolean lowMemory;
    /** What {@code /api/system} and the mDNS record report; an update between two visits changes it. */
    private volatile String firmwareVersion = FIRMWARE_VERSION;
    private final RequestStats stats = new RequestStats();
    /** The energy balance every device on this Zap is part of (see SimSite). */
    private final SimSite site;
    /** The Wi-Fi around the Zap and the network it is on (see SimWifi). */
    private final SimWifi wifi;

    /** Fault per normalized endpoint key ("*", "/api/system", "GET /api/devices/{sn}/data/json"); guarded by itself. */
    private final Map<String, ZapFault> faults = new LinkedHashMap<>();
    /** Normal answers are made one at a time, like the ESP32's HTTP server. */
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    private HttpServer server;
    private volatile SocketFront front;
    private ExecutorService executor;
    private Thread mdnsThread;
    private JmDNS jmdns;
    private volatile boolean closed;

    private ZapSimulator(Builder b) {
        this.bindAddress = b.bindAddress != null ? b.bindAddress : InetAddress.getLoopbackAddress();
        this.requestedPort = b.port;
        this.serial = b.serial != null ? b.serial : randomSerial();
        this.announceMdns = b.announceMdns;
        this.limits = b.limits;
        this.addDeviceDelay = b.addDeviceDelay;
        this.clock = b.clock;
        this.name = b.name;
        this.noCrypto = b.noCrypto;
        this.startedAtMs = clock.millis();
        this.reboot = new SimReboot(b.rebootDelay, b.rebootDown, clock, new SimReboot.Power() {
            @Override
            public void off() {
                powerOff();
            }

            @Override
            public void on() throws IOException {
                powerOn();
            }
        });
        this.site = new SimSite(ByteBuffer.wrap(SimHttp.sha256("site|" + serial)).getLong(), startedAtMs);
        this.wifi = new SimWifi(clock, ByteBuffer.wrap(SimHttp.sha256("wifi|" + serial)).getLong());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts a simulator with the given options. */
    public static ZapSimulator start(Builder options) throws IOException {
        return options.build().start();
    }

    /** Options for a {@link ZapSimulator}. */
    public static final class Builder {
        private InetAddress bindAddress;
        private int port;
        private String serial;
        private boolean announceMdns;
        private SimLimits limits = SimLimits.DEFAULT;
        private Duration addDeviceDelay = Duration.ofMillis(300);
        private Clock clock = Clock.systemUTC();
        private String name = "Zap (simulator)";
        private boolean noCrypto;
        private Duration rebootDelay = SimReboot.DEFAULT_DELAY;
        private Duration rebootDown = SimReboot.DEFAULT_DOWN;

        private Builder() {
        }

        /** Address to bind HTTP (and mDNS) to; default 127.0.0.1. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** HTTP port; 0 (default) picks an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Gateway serial, {@code zap-} + 8 to 16 lowercase hex digits; default random {@code zap-xxxxxxxx}. */
        public Builder serial(String serial) {
            if (serial == null || !SERIAL.matcher(serial).matches()) {
                throw new IllegalArgumentException("serial must look like zap-04772a97 (zap- and 8..16 lowercase hex digits)");
            }
            this.serial = serial;
            return this;
        }

        /** Announce {@code zap-<hex>} as {@code _http._tcp.local.} via jmDNS; default false. */
        public Builder announceMdns(boolean announce) {
            this.announceMdns = announce;
            return this;
        }

        /** What a client may hold of the public port (tests set short ones); default {@link SimLimits#DEFAULT}. */
        Builder limits(SimLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Simulated hardware connect time of {@code POST /api/devices} (real time); default 300 ms. */
        public Builder addDeviceDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("delay must be >= 0");
            }
            this.addDeviceDelay = delay;
            return this;
        }

        /** Clock for telemetry, uptime and first-reading timing; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Value of {@code GET /api/name}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** A firmware without {@code GET /api/crypto} (nor {@code POST /api/crypto/sign}): 404; default false. */
        public Builder noCrypto(boolean without) {
            this.noCrypto = without;
            return this;
        }

        /**
         * {@code POST /api/system/reboot}: the Zap goes down {@code delay} after answering and stays down for
         * {@code down} (real time, divided by a scaled clock's time scale); default 5 s and 5 s.
         */
        public Builder rebootTimes(Duration delay, Duration down) {
            if (delay == null || delay.isNegative() || down == null || down.isNegative()) {
                throw new IllegalArgumentException("reboot times must be >= 0");
            }
            this.rebootDelay = delay;
            this.rebootDown = down;
            return this;
        }

        public ZapSimulator build() {
            return new ZapSimulator(this);
        }

        /** Shorthand for {@code build().start()}. */
        public ZapSimulator start() throws IOException {
            return build().start();
        }
    }

    /** Starts HTTP (and, in the background, the mDNS announcement). Returns {@code this}. */
    public synchronized ZapSimulator start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        // The JDK server listens on a loopback port only; the public port is the SocketFront (see there why).
        HttpServer s = SimHttp.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // A pool, not one thread: a held (never-answers) or delayed request must not stop the others.
        // As many threads as the front lets connections in, so a request never waits in the queue.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.maxConnections(), limits.maxConnections(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), SimHttp.daemonThreads("zap-sim-http"));
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        try {
            front = openFront(requestedPort, s.getAddress());
        } catch (IOException | RuntimeException e) {
            s.stop(0);
            executor.shutdownNow();
            throw e;
        }
        server = s;
        LOG.info("Zap simulator {} listening on {}", serial, baseUri());
        if (announceMdns) {
            mdnsThread = new Thread(this::announce, "zap-sim-mdns");
            mdnsThread.setDaemon(true);
            mdnsThread.start();
        }
        return this;
    }

    private SocketFront openFront(int port, InetSocketAddress backend) throws IOException {
        return SocketFront.start(new InetSocketAddress(bindAddress, port), 128, backend, "zap-sim-front", () -> {
            synchronized (faults) {
                faults.notifyAll(); // a request held for that client is dropped at once
            }
        }, limits);
    }

    // ------------------------------------------------------------------ accessors

    public URI baseUri() {
        String host = bindAddress.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public int port() {
        SocketFront f = front;
        if (f == null) {
            throw new IllegalStateException("not started");
        }
        return f.port();
    }

    public String serial() {
        return serial;
    }

    /** The Zap's public key as {@code /api/system} reports it: {@code 04} + X + Y, 130 lower-case hex chars. */
    public String publicKeyHex() {
        return key.publicKeyHex();
    }

    public InetAddress address() {
        return bindAddress;
    }

    /** The mDNS instance name, {@code zap-<hex>}. */
    public String mdnsInstanceName() {
        return "zap-" + serial.substring(4);
    }

    /** Every device as {@code GET /api/devices} lists it. */
    public List<JsonObject> devices() {
        long now = clock.millis();
        synchronized (devices) {
            List<JsonObject> out = new ArrayList<>();
            devices.values().forEach(d -> out.add(d.listingJson(now)));
            return out;
        }
    }

    public Optional<JsonObject> device(String sn) {
        long now = clock.millis();
        synchronized (devices) {
            SimDevice d = devices.get(sn);
            return d == null ? Optional.empty() : Optional.of(d.listingJson(now));
        }
    }

    /** DER types of the device that are enabled for publishing; empty for an unknown device. */
    public Set<String> enabledDers(String sn) {
        synchronized (devices) {
            SimDevice d = devices.get(sn);
            Set<String> out = new LinkedHashSet<>();
            if (d != null) {
                d.ders.values().stream().filter(x -> x.enabled).forEach(x -> out.add(x.type));
            }
            return out;
        }
    }

    /** The Wi-Fi knobs: networks around, scan time, move delay and port. */
    public SimWifi wifi() {
        return wifi;
    }

    /** Every request this simulator has received (load measurements: the app must keep one in flight). */
    public RequestStats requestStats() {
        return stats;
    }

    /** Test knob: the Zap's firmware was updated (as between two visits); {@code /api/system} reports it from now. */
    public void setFirmwareVersion(String version) {
        this.firmwareVersion = Objects.requireNonNull(version);
    }

    /**
     * Test knob: someone changed a saved config field of a device (as a colleague's app could between two visits);
     * {@code GET /api/devices} lists the new value. The field must not be the device's identity (host, port, unit).
     *
     * @throws IllegalArgumentException no device with this sn
     */
    public void reconfigureDevice(String sn, String field, JsonElement value) {
        synchronized (devices) {
            known(sn).config.add(field, value.deepCopy());
        }
    }

    /** Fault knob: when true, {@code POST /api/devices} answers 503 low memory (free heap under ~55 KB). */
    public void setLowMemory(boolean low) {
        this.lowMemory = low;
    }

    /**
     * Load knob: a constant extra household load of {@code watts} on {@code phase} (1..3) from now on — every
     * meter's W and that phase's W and A rise by it at once; the battery (self-consumption) answers it within a few
     * seconds.
     * Replaces the phase's previous extra load; {@code addHouseLoad(0, phase)} removes it.
     */
    public void addHouseLoad(double watts, int phase) {
        if (phase < 1 || phase > 3) {
            throw new IllegalArgumentException("phase must be 1..3, was " + phase);
        }
        if (!Double.isFinite(watts)) {
            throw new IllegalArgumentException("watts must be finite");
        }
        site.setExtraLoad(phase - 1, watts, clock.millis());
    }

    /** Load knob: removes the extra load of every phase. */
    public void clearHouseLoads() {
        site.clearExtraLoads(clock.millis());
    }

    /**
     * Fault knob: when true, meters report W and phase W/A negated (a CT mounted the wrong way round). Only what the
     * meters report changes: the battery still regulates on the true grid, and energy totals count what flowed.
     */
    public void invertMeterSign(boolean inverted) {
        site.setCtReversed(inverted, clock.millis());
    }

    /** Scenario knob: from now on the sun gives {@code fraction} (0..1) of every PV inverter's rated power. */
    public void setSun(double fraction) {
        site.setSun(checkFraction(fraction), clock.millis());
    }

    /** Scenario knob: the sun moves linearly from where it is now to {@code fraction} over {@code over}, then stays. */
    public void rampSun(double fraction, Duration over) {
        if (over == null || over.isNegative()) {
            throw new IllegalArgumentException("ramp duration must be >= 0");
        }
        site.rampSun(checkFraction(fraction), over.toMillis(), clock.millis());
    }

    /** Scenario knob: back to the natural sun (a 4 min demo cycle between 4 % and 85 % of rated power). */
    public void naturalSun() {
        site.setSun(Double.NaN, clock.millis());
    }

    /** Scenario knob: batteries follow self-consumption (the default): they charge from surplus, cover deficit. */
    public void batterySelfConsumption() {
        site.setBatteryMode(SimSite.BatteryMode.SELF_CONSUMPTION, 0, clock.millis());
    }

    /** Scenario knob: every battery moves to {@code watts} (+ charging, − discharging) within its limits. */
    public void batteryFixedPower(double watts) {
        if (!Double.isFinite(watts)) {
            throw new IllegalArgumentException("watts must be finite");
        }
        site.setBatteryMode(SimSite.BatteryMode.FIXED, watts, clock.millis());
    }

    /** Scenario knob: every battery goes to 0 W. */
    public void batteryIdle() {
        site.setBatteryMode(SimSite.BatteryMode.IDLE, 0, clock.millis());
    }

    private static double checkFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sun must be a fraction 0..1, was " + fraction);
        }
        return fraction;
    }

    /** The site's energy balance (tests read the house load from it). */
    SimSite site() {
        return site;
    }

    /** The device as the simulator holds it (tests); null when unknown. */
    SimDevice simDevice(String sn) {
        synchronized (devices) {
            return devices.get(sn);
        }
    }

    @Override
    public void close() {
        HttpServer s;
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            reboot.cancel();
            s = server;
            t = mdnsThread;
        }
        synchronized (faults) {
            faults.notifyAll(); // held requests give up
        }
        if (front != null) {
            front.close();
        }
        if (s != null) {
            s.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JmDNS j;
        synchronized (this) {
            j = jmdns;
            jmdns = null;
        }
        if (j != null) {
            try {
                j.unregisterAllServices();
                j.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("closing jmDNS failed: {}", e.toString());
            }
        }
        LOG.info("Zap simulator {} stopped", serial);
    }

    // ------------------------------------------------------------------ faults

    /** The endpoints a fault can be set on ({@code {sn}} is any device serial), with or without a method, or "*". */
    public static final List<String> FAULT_ENDPOINTS = List.of("/api/system", "/api/system/reboot", "/api/crypto",
            "/api/crypto/sign", "/api/name", "/api/wifi", "/api/wifi/scan",
            "/api/devices", "/api/devices/supported", "/api/devices/types", "/api/devices/{sn}",
            "/api/devices/{sn}/data/json", "/api/devices/{sn}/types", "/api/devices/{sn}/ders",
            "/api/devices/{sn}/registers/{address}", "/api/control/{sn}/init", "/api/control/{sn}/battery",
            "/api/control/{sn}/curtail", "/api/control/{sn}/curtail/disable", "/api/control/{sn}/deinit");
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS");

    /**
     * Sets (replaces) the fault on {@code endpoint}: {@code "METHOD /path-template"}, {@code "/path-template"} (every
     * method) or {@code "*"} (every request). A request takes the most specific fault: method and path, then path,
     * then "*". Requests held by the endpoint's previous fault are released and answered by the new one.
     *
     * @throws IllegalArgumentException for an endpoint that is not one of {@link #FAULT_ENDPOINTS} or "*"
     */
    public void setFault(String endpoint, ZapFault fault) {
        Objects.requireNonNull(fault, "fault");
        String key = faultKey(endpoint);
        synchronized (faults) {
            faults.put(key, fault);
            faults.notifyAll();
        }
        LOG.info("fault on {}: {}", key, fault.spec());
    }

    /** Clears the fault on {@code endpoint} (same form as {@link #setFault}); held requests get the normal answer. */
    public void clearFault(String endpoint) {
        String key = faultKey(endpoint);
        synchronized (faults) {
            faults.remove(key);
            faults.notifyAll();
        }
        LOG.info("fault on {} cleared", key);
    }

    /** Clears every fault; held requests get the normal answer. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
            faults.notifyAll();
        }
        LOG.info("all faults cleared");
    }

    /** The faults set now, by normalized endpoint. */
    public Map<String, ZapFault> faults() {
        synchronized (faults) {
            return Map.copyOf(faults);
        }
    }

    /** "*", "/api/system" or "GET /api/system"; trailing slashes dropped, method upper-cased. */
    static String faultKey(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("empty endpoint; use * or [METHOD ]/path, e.g. \"GET /api/system\"");
        }
        String e = endpoint.strip();
        if (e.equals("*")) {
            return e;
        }
        String method = null;
        String path = e;
        int space = e.indexOf(' ');
        if (space > 0) {
            method = e.substring(0, space).toUpperCase(Locale.ROOT);
            path = e.substring(space + 1).strip();
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("unknown HTTP method '" + e.substring(0, space) + "' in endpoint '"
                        + e + "'");
            }
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!FAULT_ENDPOINTS.contains(path)) {
            throw new IllegalArgumentException("unknown endpoint '" + e + "'; use * or [METHOD ]one of "
                    + String.join(", ", FAULT_ENDPOINTS));
        }
        return method == null ? path : method + " " + path;
    }

    /** The endpoint template a request path falls under, or null for a path that is no endpoint. */
    static String templateOf(String path) {
        if (FAULT_ENDPOINTS.contains(path) && !path.contains("{")) {
            return path;
        }
        String prefix = path.startsWith("/api/control/") ? "/api/control/" : "/api/devices/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        String sn = slash < 0 ? rest : rest.substring(0, slash);
        if (sn.isEmpty()) {
            return null;
        }
        String after = slash < 0 ? "" : rest.substring(slash);
        if (after.matches("/registers/[^/]+")) {
            after = "/registers/{address}";
        }
        String template = prefix + "{sn}" + after;
        return FAULT_ENDPOINTS.contains(template) ? template : null;
    }

    private ZapFault faultFor(String method, String path) {
        String template = templateOf(path);
        synchronized (faults) {
            ZapFault f = template == null ? null : faults.get(method + " " + template);
            if (f == null && template != null) {
                f = faults.get(template);
            }
            return f != null ? f : faults.get("*");
        }
    }

    /** The request's fault, if any, then (unless the fault answered) the normal answer. */
    private void answer(TrackedExchange ex, String method, String path) throws IOException {
        ZapFault fault = faultFor(method, path);
        while (fault != null) {
            Wait end;
            if (fault instanceof ZapFault.Latency l) {
                long spread = l.max().toMillis() - l.min().toMillis();
                long ms = l.min().toMillis() + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1));
                end = waitWhileSet(ex, method, path, fault, ms);
                if (end == Wait.TIME_UP) {
                    break; // answer normally
                }
            } else if (fault instanceof ZapFault.NeverAnswers) {
                // Read the request, as a live server would, and keep it to answer with if the fault is cleared.
                byte[] body = ex.getRequestBody().readNBytes(SimHttp.MAX_BODY_BYTES + 1);
                ex.setStreams(new ByteArrayInputStream(body), null);
                end = waitWhileSet(ex, method, path, fault, -1);
            } else {
                sendFault(ex, method, path, fault);
                return;
            }
            if (end == Wait.GONE) {
                return; // closing, or the client hung up: the connection is closed without an answer
            }
            fault = faultFor(method, path);
        }
        routeInTurn(ex, method, path);
    }

    private enum Wait { TIME_UP, CHANGED, GONE }

    /**
     * Waits {@code ms} (for ever when negative) while {@code fault} is still the request's fault: TIME_UP when the
     * time ran out, CHANGED when the fault was cleared or replaced, GONE when the simulator is closing or the client
     * hung up (so timed-out clients do not pile up held requests, and threads, for as long as the fault stays).
     */
    private Wait waitWhileSet(HttpExchange ex, String method, String path, ZapFault fault, long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(ms, 0));
        synchronized (faults) {
            while (faultFor(method, path) == fault) {
                if (closed || Thread.currentThread().isInterrupted() || front.clientGone(ex.getRemoteAddress())) {
                    return Wait.GONE;
                }
                long left = ms < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    return Wait.TIME_UP;
                }
                try {
                    // A change of fault or a client hanging up wakes this; the slice is a safety net.
                    TimeUnit.NANOSECONDS.timedWait(faults, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Wait.GONE;
                }
            }
            return closed ? Wait.GONE : Wait.CHANGED;
        }
    }

    private void sendFault(TrackedExchange ex, String method, String path, ZapFault fault) throws IOException {
        if (fault instanceof ZapFault.Status st) {
            int code = st.code();
            if (code < 200 || code == 204 || code == 304) {
                ex.sendResponseHeaders(code, -1); // HTTP allows no body here
            } else {
                SimHttp.sendJson(ex, code, SimHttp.error("simulated " + code));
            }
        } else if (fault instanceof ZapFault.LowMemory) {
            JsonObject o = SimHttp.error("low memory");
            o.addProperty("message", "free heap below 55 KB");
            o.addProperty("free_heap", 48_312);
            SimHttp.sendJson(ex, 503, o);
        } else if (fault instanceof ZapFault.NoContent) {
            SimHttp.sendNoContent(ex);
        } else if (fault instanceof ZapFault.WrongContentType) {
            byte[] page = PORTAL_PAGE.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            try (var out = ex.getResponseBody()) {
                out.write(page);
            }
        } else if (fault instanceof ZapFault.HugeBody h) {
            sendHuge(ex, h.bytes());
        } else if (fault instanceof ZapFault.MalformedJson) {
            // The request is carried out; only its answer is damaged, like an answer mangled on bad Wi-Fi.
            byte[] full = normalAnswer(ex, method, path);
            byte[] cut = full.length >= 2 ? Arrays.copyOf(full, full.length / 2)
                    : ("{\"zap\":{\"deviceId\":\"" + serial).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, cut.length);
            try (var out = ex.getResponseBody()) {
                out.write(cut);
            }
        } else if (fault instanceof ZapFault.TruncatedBody || fault instanceof ZapFault.ResetMidBody) {
            byte[] full = normalAnswer(ex, method, path);
            if (full.length < 2) {
                full = "{\"message\":\"simulated answer\"}".getBytes(StandardCharsets.UTF_8);
            }
            sendHalf(ex, full, fault instanceof ZapFault.ResetMidBody);
        } else {
            throw new IllegalStateException("fault not handled here: " + fault);
        }
    }

    private static final String PORTAL_PAGE = "<!DOCTYPE html>\n<html><head><title>Wi-Fi login</title></head>"
            + "<body><h1>Welcome</h1><p>Please accept the terms of use to continue.</p>"
            + "<form method=\"post\" action=\"/login\"><button>Accept</button></form></body></html>\n";

    /** The body the normal answer would have had (the request is carried out). */
    private byte[] normalAnswer(HttpExchange ex, String method, String path) throws IOException {
        CapturingExchange capture = new CapturingExchange(ex);
        routeInTurn(capture, method, path);
        return capture.body();
    }

    /**
     * Status line and headers with the full Content-Length, half the body, then a FIN ({@code reset == false}) or a
     * TCP reset ({@code SO_LINGER 0}): written on the client's own socket, taken over from the {@link SocketFront}.
     */
    private void sendHalf(TrackedExchange ex, byte[] full, boolean reset) throws IOException {
        Optional<Socket> taken = front.takeOver(ex.getRemoteAddress());
        if (taken.isEmpty()) {
            return; // the client is gone already
        }
        try (Socket client = taken.get()) {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + full.length
                    + "\r\n\r\n";
            var out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            ex.done();
            out.write(full, 0, full.length / 2);
            out.flush();
            if (reset) {
                // A reset discards data still queued for sending: give the half body a moment to leave first.
                sleep(Duration.ofMillis(50));
                client.setSoLinger(true, 0);
            } else {
                client.shutdownOutput();
            }
        } catch (IOException e) {
            LOG.debug("client gone while cutting an answer short: {}", e.toString());
        }
    }

    /** A syntactically plausible JSON body of exactly {@code bytes}, streamed in 64 KB pieces. */
    private void sendHuge(HttpExchange ex, long bytes) throws IOException {
        byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes);
        long sent = 0;
        try (var out = ex.getResponseBody()) {
            boolean framed = bytes >= head.length + tail.length;
            if (framed) {
                out.write(head);
                sent += head.length;
            }
            long end = framed ? bytes - tail.length : bytes;
            while (sent < end && !closed) {
                int n = (int) Math.min(chunk.length, end - sent);
                out.write(chunk, 0, n);
                sent += n;
            }
            if (framed && !closed) {
                out.write(tail);
                sent += tail.length;
            }
        } catch (IOException e) {
            // The client hung up (as it should past its size cap): stop streaming.
            LOG.debug("huge body: client hung up after {} of {} bytes", sent, bytes);
        }
    }

    /** Runs a handler against the real request but keeps its answer, so a fault can damage it. */
    private static final class CapturingExchange extends DelegatingExchange {
        private final com.sun.net.httpserver.Headers responseHeaders = new com.sun.net.httpserver.Headers();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int code = -1;

        CapturingExchange(HttpExchange real) {
            super(real);
        }

        byte[] body() {
            return body.toByteArray();
        }

        @Override
        public com.sun.net.httpserver.Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public void close() {
            // the real exchange is closed by its handler
        }

        @Override
        public OutputStream getResponseBody() {
            return body;
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) {
            code = rCode;
        }

        @Override
        public int getResponseCode() {
            return code;
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Counts the request as finished just before the last byte of its answer goes out (or when it ends without
     * one), so a client that has its whole answer never sees it still in flight in {@link #requestStats()}.
     */
    private final class TrackedExchange extends DelegatingExchange {
        private boolean done;
        private long length = -2;
        private OutputStream body;

        TrackedExchange(HttpExchange real) {
            super(real);
        }

        synchronized void done() {
            if (!done) {
                done = true;
                stats.finished();
            }
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
            length = responseLength;
            if (responseLength < 0 || rCode < 200 || rCode == 204 || rCode == 304) {
                done(); // the headers are the whole answer
            }
            super.sendResponseHeaders(rCode, responseLength);
        }

        @Override
        public synchronized OutputStream getResponseBody() {
            if (body == null) {
                body = new FilterOutputStream(real.getResponseBody()) {
                    private long written;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        written += len;
                        if (length > 0 && written >= length) {
                            done();
                        }
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        done();
                        super.close();
                    }
                };
            }
            return body;
        }

        @Override
        public void close() {
            done();
            super.close();
        }
    }

    // ------------------------------------------------------------------ mDNS

    private void announce() {
        try {
            // jmDNS on an address no interface holds (127.0.0.2 on Linux, 0.0.0.0) falls back to the default
            // interface and would announce on the real network: announce only where the address lives.
            if (NetworkInterface.getByInetAddress(bindAddress) == null) {
                LOG.warn("mDNS: not announcing, no network interface holds {}", bindAddress.getHostAddress());
                return;
            }
            JmDNS j = JmDNS.create(bindAddress, "zap");
            synchronized (this) {
                if (closed) {
                    j.close();
                    return;
                }
                jmdns = j;
            }
            register(j);
        } catch (IOException | RuntimeException e) {
            LOG.warn("mDNS announcement failed: {}", e.toString());
        }
    }

    private void register(JmDNS j) throws IOException {
        // The TXT keys of real Zap firmware are not documented; these are the simulator's own choice.
        Map<String, String> props = new LinkedHashMap<>();
        props.put("path", "/api/");
        props.put("serial", serial);
        props.put("fw", firmwareVersion);
        ServiceInfo info = ServiceInfo.create(MDNS_TYPE, mdnsInstanceName(), port(), 0, 0, props);
        j.registerService(info);
        LOG.info("mDNS: announced {}.{} on {}:{}", mdnsInstanceName(), MDNS_TYPE, bindAddress.getHostAddress(), port());
    }

    /** After a move: the old record withdrawn, the new port announced (when this simulator announces at all). */
    private void reannounce() {
        JmDNS j;
        synchronized (this) {
            j = jmdns;
        }
        if (j == null) {
            return;
        }
        try {
            j.unregisterAllServices();
            register(j);
        } catch (IOException | RuntimeException e) {
            LOG.warn("mDNS re-announcement failed: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ HTTP

    private interface Handler {
        void handle(HttpExchange ex, List<String> params) throws IOException;
    }

    private void handle(HttpExchange original) throws IOException {
        TrackedExchange ex = new TrackedExchange(original);
        try (ex) {
            String path = SimHttp.normalizedPath(ex);
            String method = ex.getRequestMethod();
            LOG.debug("{} {}", method, path);
            stats.started(method, path);
            try {
                answer(ex, method, path);
            } finally {
                ex.done();
            }
        } catch (RuntimeException e) {
            LOG.error("internal error", e);
            try {
                SimHttp.sendJson(ex, 500, SimHttp.error("internal error"));
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        }
    }

    /** The normal answer, made in the ESP32's one-at-a-time turn. */
    private void routeInTurn(HttpExchange ex, String method, String path) throws IOException {
        oneAtATime.lock();
        try {
            route(ex, method, path);
        } finally {
            oneAtATime.unlock();
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        Map<String, Handler> byMethod = new LinkedHashMap<>();
        List<String> params = List.of();
        switch (path) {
            case "/api/system" -> byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, system()));
            case "/api/system/reboot" -> byMethod.put("POST", (e, p) -> {
                JsonObject o = new JsonObject();
                o.addProperty("status", "success");
                o.addProperty("message", "rebooting");
                SimHttp.sendJson(e, 200, o);
                reboot.schedule();
            });
            case "/api/crypto" -> {
                if (!noCrypto) {
                    byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, crypto()));
                }
            }
            case "/api/crypto/sign" -> {
                // Our choice: a firmware without /api/crypto has no signing either.
                if (!noCrypto) {
                    byMethod.put("POST", (e, p) -> key.answerSign(e, serial, clock.millis()));
                }
            }
            case "/api/name" -> byMethod.put("GET", (e, p) -> {
                JsonObject o = new JsonObject();
                o.addProperty("name", name);
                SimHttp.sendJson(e, 200, o);
            });
            case "/api/devices" -> {
                byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, listDevices()));
                byMethod.put("POST", (e, p) -> addDevice(e));
            }
            case "/api/devices/supported" -> byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, supported()));
            case "/api/wifi" -> {
                byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, wifi.status()));
                byMethod.put("POST", (e, p) -> joinWifi(e));
                byMethod.put("DELETE", (e, p) -> forgetWifi(e));
            }
            case "/api/wifi/scan" -> byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, wifi.startScan()));
            case "/api/devices/types" -> byMethod.put("GET", (e, p) -> SimHttp.sendJson(e, 200, ZapSchemas.connectionTypes()));
            default -> {
                String prefix = "/api/devices/";
                String control = "/api/control/";
                if (path.startsWith(control)) {
                    String rest = path.substring(control.length());
                    int slash = rest.indexOf('/');
                    if (slash > 0 && CONTROL_ACTIONS.contains(rest.substring(slash + 1))) {
                        params = List.of(rest.substring(0, slash), rest.substring(slash + 1));
                        byMethod.put("POST", (e, p) -> control(e, p.get(0), p.get(1)));
                    }
                } else if (path.startsWith(prefix)) {
                    String[] seg = path.substring(prefix.length()).split("/", -1);
                    params = List.of(seg[0]);
                    if (seg.length == 1) {
                        byMethod.put("DELETE", (e, p) -> deleteDevice(e, p.get(0)));
                    } else if (seg.length == 3 && seg[1].equals("data") && seg[2].equals("json")) {
                        byMethod.put("GET", (e, p) -> data(e, p.get(0)));
                    } else if (seg.length == 2 && seg[1].equals("types")) {
                        byMethod.put("POST", (e, p) -> setTypes(e, p.get(0)));
                    } else if (seg.length == 2 && seg[1].equals("ders")) {
                        byMethod.put("GET", (e, p) -> getDers(e, p.get(0)));
                        byMethod.put("POST", (e, p) -> setDers(e, p.get(0)));
                    } else if (seg.length == 3 && seg[1].equals("registers") && !seg[2].isEmpty()) {
                        params = List.of(seg[0], seg[2]);
                        byMethod.put("GET", (e, p) -> readRegisters(e, p.get(0), p.get(1)));
                    }
                }
            }
        }
        if (byMethod.isEmpty()) {
            SimHttp.sendJson(ex, 404, SimHttp.error("not found"));
            return;
        }
        Handler h = byMethod.get(method);
        if (h == null) {
            ex.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
            SimHttp.sendJson(ex, 405, SimHttp.error("method not allowed"));
            return;
        }
        h.handle(ex, params);
    }

    /**
     * Reboot: the port stops answering (open connections closed) and the mDNS record is withdrawn, as a Zap that
     * restarts (its responder restarts with it).
     */
    private void powerOff() {
        JmDNS j;
        synchronized (this) {
            if (closed || front == null) {
                return;
            }
            front.close();
            j = jmdns;
        }
        if (j != null) {
            j.unregisterAllServices();
        }
    }

    /** Reboot: the port answers again, the same one, with uptime from now, announced again; devices and faults kept. */
    private void powerOn() throws IOException {
        synchronized (this) {
            if (closed || front == null) {
                return;
            }
            startedAtMs = clock.millis();
            front = openFront(front.port(), server.getAddress());
        }
        LOG.info("Zap simulator {} back on {}", serial, baseUri());
        reannounce();
    }

    private JsonObject system() {
        long now = clock.millis();
        JsonObject network = wifi.networkJson(bindAddress.getHostAddress());
        JsonObject zap = new JsonObject();
        zap.addProperty("deviceId", serial);
        zap.addProperty("firmwareVersion", firmwareVersion);
        zap.addProperty("sdkVersion", SDK_VERSION);
        zap.add("network", network);
        // the same key /api/crypto reports
        zap.addProperty("publicKey", key.publicKeyHex());
        zap.addProperty("cpuFreqMHz", 240);
        zap.addProperty("flashSizeMB", 8);
        int deviceCount;
        synchronized (devices) {
            deviceCount = devices.size();
        }
        JsonObject mem = memoryKb(lowMemory, deviceCount);
        JsonObject load = new JsonObject();
        load.addProperty("last_1min", SimDevice.round(0.18 + 0.04 * deviceCount + 0.03 * Math.sin(now / 60_000.0), 2));
        load.addProperty("last_5min", SimDevice.round(0.17 + 0.04 * deviceCount, 2));
        load.addProperty("last_15min", SimDevice.round(0.16 + 0.04 * deviceCount, 2));
        JsonObject logging = new JsonObject();
        logging.addProperty("enabled", true);
        logging.addProperty("level", "info");
        JsonObject o = new JsonObject();
        o.add("zap", zap);
        o.addProperty("uptime_seconds", Math.max(0, (now - startedAtMs) / 1000));
        o.addProperty("time_utc_sec", Math.floorDiv(now, 1000L));
        o.addProperty("temperature_celsius", SimDevice.round(41 + 2.5 * Math.sin(now / 300_000.0), 1));
        o.add("processes_average", load);
        o.add("logging", logging);
        o.add("memory_kb", mem);
        return o;
    }

    /**
     * Heap in KB, consistent: used = total − free, percent_used = used / total, min (lowest free so far) ≤ free,
     * largest (biggest free block) &lt; free. {@code min_free} is the older name of {@code min}, kept for clients.
     */
    static JsonObject memoryKb(boolean low, int deviceCount) {
        int total = 320;
        int free = low ? 48 : Math.max(60, 142 - 6 * deviceCount);
        int min = low ? 41 : Math.min(96, free - 8);
        JsonObject mem = new JsonObject();
        mem.addProperty("total", total);
        mem.addProperty("free", free);
        mem.addProperty("used", total - free);
        mem.addProperty("percent_used", SimDevice.round(100.0 * (total - free) / total, 1));
        mem.addProperty("min", min);
        mem.addProperty("min_free", min);
        mem.addProperty("largest", free * 3 / 5);
        return mem;
    }

    private JsonObject crypto() {
        JsonObject o = new JsonObject();
        o.addProperty("deviceName", "zap");
        o.addProperty("serialNumber", serial);
        o.addProperty("publicKey", key.publicKeyHex());
        return o;
    }

    private static JsonObject supported() {
        JsonObject o = new JsonObject();
        // The documented shape has inverters, meters and ev_chargers. Ferroamp (battery/storage, MQTT) has no
        // documented group, so the simulator lists it in an extra "batteries" array; clients must tolerate it.
        Map<String, JsonArray> groups = new LinkedHashMap<>();
        for (String g : List.of(ZapProfile.INVERTERS, ZapProfile.METERS, ZapProfile.EV_CHARGERS, ZapProfile.BATTERIES)) {
            groups.put(g, new JsonArray());
        }
        int count = 0;
        for (ZapProfile p : ZapProfile.ALL.values()) {
            JsonObject e = new JsonObject();
            e.addProperty("display_name", p.displayName());
            e.addProperty("profile", p.id());
            JsonArray ct = new JsonArray();
            p.connectionTypes().forEach(ct::add);
            e.add("connection_types", ct);
            groups.get(p.group()).add(e);
            count++;
        }
        o.addProperty("count", count);
        groups.forEach(o::add);
        return o;
    }

    private JsonObject listDevices() {
        JsonArray a = new JsonArray();
        devices().forEach(a::add);
        JsonObject o = new JsonObject();
        o.addProperty("count", a.size());
        o.add("devices", a);
        return o;
    }

    private static JsonObject badRequest(String message, String field) {
        JsonObject o = SimHttp.error(message);
        if (field != null) {
            o.addProperty("field", field);
        }
        return o;
    }

    private void addDevice(HttpExchange ex) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        if (body == null) {
            SimHttp.sendJson(ex, 400, badRequest("request body must be a JSON object", null));
            return;
        }
        ZapConfigValidator.Valid v;
        try {
            v = ZapConfigValidator.validate(body);
        } catch (ZapConfigValidator.Invalid e) {
            SimHttp.sendJson(ex, 400, badRequest(e.getMessage(), e.field));
            return;
        }
        Optional<SimDevice> existing = findByIdentity(v.identity());
        if (existing.isPresent()) {
            JsonObject o = SimHttp.error("device already exists");
            o.addProperty("sn", existing.get().sn);
            SimHttp.sendJson(ex, 409, o);
            return;
        }
        boolean full;
        synchronized (devices) {
            full = devices.size() >= MAX_DEVICES;
        }
        if (lowMemory || full) {
            JsonObject o = SimHttp.error("low memory");
            o.addProperty("message", "free heap below 55 KB, device not added");
            SimHttp.sendJson(ex, 503, o);
            return;
        }
        sleep(addDeviceDelay);
        if (ZapConfigValidator.neverAnswers(v.endpointHost()) || !loopbackEndpointAnswers(v)) {
            JsonObject o = SimHttp.error("connection failed");
            o.addProperty("message", "no answer from " + v.endpointDescription() + "; device not added");
            o.addProperty("profile", v.profile().id());
            SimHttp.sendJson(ex, 503, o);
            return;
        }
        SimDevice d;
        synchronized (devices) {
            String sn = serialFor(v);
            long now = clock.millis();
            d = new SimDevice(sn, v.profile(), v.identity(), v.config(), now, site);
            devices.put(sn, d);
            site.join(d, now);
        }
        LOG.info("device {} added (profile {})", d.sn, d.profile.id());
        JsonObject o = new JsonObject();
        o.addProperty("message", "Device added");
        o.addProperty("sn", d.sn);
        synchronized (devices) {
            o.add("ders", d.dersJson());
        }
        SimHttp.sendJson(ex, 201, o);
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<SimDevice> findByIdentity(String identity) {
        synchronized (devices) {
            return devices.values().stream().filter(d -> d.identity.equals(identity)).findFirst();
        }
    }

    /** Profile prefix + 8 hex digits of SHA-256(gateway serial | endpoint identity); rehashed on a collision. */
    private String serialFor(ZapConfigValidator.Valid v) {
        for (int n = 0; ; n++) {
            String h = SimHttp.sha256Hex(serial + "|" + v.identity() + (n == 0 ? "" : "|" + n));
            String sn = v.profile().snPrefix() + h.substring(0, 8).toUpperCase(Locale.ROOT);
            if (!devices.containsKey(sn)) {
                return sn;
            }
        }
    }

    private SimDevice deviceOr404(HttpExchange ex, String sn) throws IOException {
        SimDevice d;
        synchronized (devices) {
            d = devices.get(sn);
        }
        if (d == null) {
            JsonObject o = SimHttp.error("device not found");
            o.addProperty("sn", sn);
            SimHttp.sendJson(ex, 404, o);
        }
        return d;
    }

    private void deleteDevice(HttpExchange ex, String sn) throws IOException {
        SimDevice d;
        synchronized (devices) {
            d = devices.remove(sn);
            if (d != null) {
                site.leave(d, clock.millis());
            }
        }
        if (d == null) {
            deviceOr404(ex, sn);
            return;
        }
        LOG.info("device {} removed", sn);
        sendDone(ex, "Device removed", sn);
    }

    /**
     * A device on loopback (the demo's Modbus stand-in, a test's closed port) is really connected to, as a Zap
     * would: nothing listening there means 503. Only loopback; any other address is decided by the rule alone.
     */
    private static boolean loopbackEndpointAnswers(ZapConfigValidator.Valid v) {
        String host = v.endpointHost();
        if (host == null || !host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return true;
        }
        JsonObject c = v.config();
        String portKey = c.has("broker_port") ? "broker_port" : "port";
        if (!c.has(portKey)) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), c.get(portKey).getAsInt()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code GET /api/devices/{sn}/registers/{address}}: 404, 400 (not Modbus, bad query), 500 read failed, 200. */
    private void readRegisters(HttpExchange ex, String sn, String address) throws IOException {
        SimDevice d = deviceOr404(ex, sn);
        if (d == null) {
            return;
        }
        SimRegisters.Device device;
        synchronized (devices) {
            device = SimRegisters.Device.of(d.config);
        }
        if (!device.modbus()) {
            JsonObject o = SimHttp.error("not a Modbus device");
            o.addProperty("message", "device " + sn + " is connected by " + device.connectionType()
                    + "; registers are read from modbus_tcp and modbus_rtu devices only");
            o.addProperty("sn", sn);
            SimHttp.sendJson(ex, 400, o);
            return;
        }
        SimRegisters.Request request;
        try {
            request = SimRegisters.parse(address, ex.getRequestURI().getRawQuery());
        } catch (SimRegisters.BadRequest e) {
            SimHttp.sendJson(ex, 400, badRequest(e.getMessage(), e.field));
            return;
        }
        int[] registers;
        try {
            registers = SimRegisters.read(device, request);
        } catch (SimRegisters.ReadFailed e) {
            JsonObject o = SimHttp.error("read failed");
            o.addProperty("message", e.getMessage());
            o.addProperty("sn", sn);
            SimHttp.sendJson(ex, 500, o);
            return;
        }
        SimHttp.sendJson(ex, 200, SimRegisters.answer(request, registers));
    }

    // ------------------------------------------------------------------ control

    /**
     * {@code POST /api/control/{sn}/{action}}: 404 unknown device; 400 a battery setpoint without a battery DER, a PV
     * limit without PV, {@code init} on a device with neither, or a bad {@code power_w}; 409 a setpoint or limit
     * before {@code init}; else 202 queued, in force {@link #CONTROL_QUEUE_DELAY} later.
     */
    private void control(HttpExchange ex, String sn, String action) throws IOException {
        SimDevice d = deviceOr404(ex, sn);
        if (d == null) {
            return;
        }
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        JsonObject refused;
        synchronized (devices) {
            refused = carryOut(d, action, body);
        }
        if (refused != null) {
            int status = refused.remove("status").getAsInt();
            SimHttp.sendJson(ex, status, refused);
            return;
        }
        LOG.info("control {} of {} queued", action, sn);
        JsonObject o = new JsonObject();
        o.addProperty("status", "queued");
        o.addProperty("sn", sn);
        o.addProperty("action", action);
        JsonElement id = body == null ? null : body.get("command_id");
        if (id != null && id.isJsonPrimitive() && (action.equals("battery") || action.equals("curtail"))) {
            o.add("command_id", id);
        }
        SimHttp.sendJson(ex, 202, o);
    }

    /**
     * Takes a control call into the device's state and the site's (caller holds the device lock).
     *
     * @return null when accepted, else the error answer with its HTTP status under "status"
     */
    private JsonObject carryOut(SimDevice d, String action, JsonObject body) {
        boolean battery = d.ders.containsKey("battery");
        boolean pv = d.ders.containsKey("pv");
        double powerW = Double.NaN;
        if (action.equals("battery") || action.equals("curtail")) {
            boolean forBattery = action.equals("battery");
            String der = forBattery ? "battery" : "pv";
            if (!(forBattery ? battery : pv)) {
                JsonObject e = SimHttp.error("no " + der);
                e.addProperty("message", "device " + d.sn + " has no " + der + " DER to "
                        + (forBattery ? "set" : "limit") + " (it has: " + String.join(", ", d.ders.keySet()) + ")");
                e.addProperty("sn", d.sn);
                return refusal(400, e);
            }
            JsonElement w = body == null ? null : body.get("power_w");
            if (w == null || !w.isJsonPrimitive() || !w.getAsJsonPrimitive().isNumber()
                    || !Double.isFinite(w.getAsDouble()) || (!forBattery && w.getAsDouble() < 0)) {
                String why = body == null ? "request body must be a JSON object with power_w"
                        : w == null ? "power_w is required"
                        : forBattery ? "power_w must be a number of watts (+ charge, - discharge)"
                        : "power_w must be a number of watts >= 0";
                return refusal(400, badRequest(why, body == null ? null : "power_w"));
            }
            if (!d.underControl) {
                JsonObject e = SimHttp.error("not under control");
                e.addProperty("message", "POST /api/control/" + d.sn + "/init first");
                e.addProperty("sn", d.sn);
                return refusal(409, e);
            }
            powerW = w.getAsDouble();
        } else if (action.equals("init") && !battery && !pv) {
            JsonObject e = SimHttp.error("nothing to control");
            e.addProperty("message", "device " + d.sn + " has no battery or pv DER");
            e.addProperty("sn", d.sn);
            return refusal(400, e);
        }
        switch (action) {
            case "init" -> {
                d.underControl = true;
                d.initCalls++;
            }
            case "battery" -> d.batterySetpointW = powerW;
            case "curtail" -> d.pvLimitW = powerW;
            case "curtail/disable" -> d.pvLimitW = Double.NaN;
            case "deinit" -> {
                d.underControl = false;
                d.batterySetpointW = Double.NaN;
                d.pvLimitW = Double.NaN;
                d.deinitCalls++;
            }
            default -> throw new IllegalStateException("no control action " + action);
        }
        site.command(d, clock.millis() + CONTROL_QUEUE_DELAY.toMillis(),
                new SimSite.Command(d.batterySetpointW, d.pvLimitW));
        return null;
    }

    private static JsonObject refusal(int status, JsonObject answer) {
        answer.addProperty("status", status);
        return answer;
    }

    /**
     * What the Zap holds for a device's control, as accepted (each call in force {@link #CONTROL_QUEUE_DELAY} after
     * it was accepted).
     *
     * @param underControl     {@code init} was accepted and no {@code deinit} since
     * @param batterySetpointW the battery setpoint accepted since the last {@code deinit}, W (+ charge)
     * @param pvLimitW         the PV limit accepted since the last {@code curtail/disable} or {@code deinit}, W
     * @param initCalls        {@code init} calls accepted in all
     * @param deinitCalls      {@code deinit} calls accepted in all
     */
    public record ControlState(boolean underControl, OptionalDouble batterySetpointW, OptionalDouble pvLimitW,
                               int initCalls, int deinitCalls) {
        /** Control given back: not under control, no setpoint, no PV limit. */
        public boolean released() {
            return !underControl && batterySetpointW.isEmpty() && pvLimitW.isEmpty();
        }
    }

    /**
     * The control the Zap holds for the device.
     *
     * @throws IllegalArgumentException no device with this sn
     */
    public ControlState controlState(String sn) {
        synchronized (devices) {
            SimDevice d = known(sn);
            return new ControlState(d.underControl, optional(d.batterySetpointW), optional(d.pvLimitW), d.initCalls,
                    d.deinitCalls);
        }
    }

    private static OptionalDouble optional(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Control knob: the device carries out every control call it accepts (the default). */
    public void followControl(String sn) {
        respond(sn, SimSite.Response.FOLLOW);
    }

    /**
     * Control knob: the device accepts control calls (202) and carries out none of them, as one whose inverter is
     * not set to take external commands.
     */
    public void ignoreControl(String sn) {
        respond(sn, SimSite.Response.IGNORE);
    }

    /**
     * Control knob: the device carries out {@code fraction} (0..1) of what it is asked: its battery goes to
     * {@code fraction} × the setpoint, its PV only {@code fraction} of the way from its output down to the limit.
     */
    public void partialControl(String sn, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be 0..1, was " + fraction);
        }
        respond(sn, new SimSite.Response(SimSite.Response.Kind.FRACTION, fraction));
    }

    /**
     * Control knob: the device follows up to {@code maxW}: its battery at most {@code maxW} either way (a power
     * limit set in the inverter), its PV down by at most {@code maxW} from its output.
     */
    public void partialControlW(String sn, double maxW) {
        if (!(maxW >= 0) || Double.isInfinite(maxW)) {
            throw new IllegalArgumentException("maxW must be a number >= 0, was " + maxW);
        }
        respond(sn, new SimSite.Response(SimSite.Response.Kind.MAX_W, maxW));
    }

    private void respond(String sn, SimSite.Response r) {
        synchronized (devices) {
            site.respond(known(sn), clock.millis(), r);
        }
    }

    /**
     * Scenario knob: the device's battery is at {@code fraction} (0..1) state of charge from the site's next 1 s step
     * on, and moves from there.
     *
     * @throws IllegalArgumentException no device with this sn, or it has no battery
     */
    public void setBatterySoc(String sn, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("SoC must be a fraction 0..1, was " + fraction);
        }
        synchronized (devices) {
            SimDevice d = known(sn);
            if (!d.ders.containsKey("battery")) {
                throw new IllegalArgumentException("device " + sn + " has no battery");
            }
            site.setSoc(d, clock.millis(), fraction);
        }
    }

    /** The device (caller holds the device lock). */
    private SimDevice known(String sn) {
        SimDevice d = devices.get(sn);
        if (d == null) {
            throw new IllegalArgumentException("no device " + sn);
        }
        return d;
    }

    /** The Zap's usual 200 answer to a change: {@code {message, sn}}. */
    private static void sendDone(HttpExchange ex, String message, String sn) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("message", message);
        o.addProperty("sn", sn);
        SimHttp.sendJson(ex, 200, o);
    }

    private void data(HttpExchange ex, String sn) throws IOException {
        SimDevice d = deviceOr404(ex, sn);
        if (d == null) {
            return;
        }
        JsonObject snap;
        synchronized (devices) {
            snap = d.snapshot(clock.millis());
        }
        if (snap == null) {
            SimHttp.sendNoContent(ex);
        } else {
            SimHttp.sendJson(ex, 200, snap);
        }
    }

    /** Parses {@code {"ders":[{type,...},...]}} and checks each type belongs to the device. */
    private List<JsonObject> derList(HttpExchange ex, SimDevice d) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        if (body == null) {
            SimHttp.sendJson(ex, 400, badRequest("request body must be a JSON object", null));
            return null;
        }
        JsonElement ders = body.get("ders");
        if (ders == null || !ders.isJsonArray()) {
            SimHttp.sendJson(ex, 400, badRequest(ders == null ? "ders is required" : "ders must be an array", "ders"));
            return null;
        }
        List<JsonObject> out = new ArrayList<>();
        JsonArray a = ders.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            String field = "ders[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                SimHttp.sendJson(ex, 400, badRequest(field + " must be an object", field));
                return null;
            }
            JsonObject e = a.get(i).getAsJsonObject();
            JsonElement type = e.get("type");
            if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
                SimHttp.sendJson(ex, 400, badRequest(field + ".type is required", field + ".type"));
                return null;
            }
            if (!d.ders.containsKey(type.getAsString())) {
                SimHttp.sendJson(ex, 400, badRequest("device " + d.sn + " has no DER of type '" + type.getAsString()
                        + "' (it has: " + String.join(", ", d.ders.keySet()) + ")", field + ".type"));
                return null;
            }
            if (e.has("enabled") && !(e.get("enabled").isJsonPrimitive() && e.get("enabled").getAsJsonPrimitive().isBoolean())) {
                SimHttp.sendJson(ex, 400, badRequest(field + ".enabled must be true or false", field + ".enabled"));
                return null;
            }
            out.add(e);
        }
        return out;
    }

    private void setTypes(HttpExchange ex, String sn) throws IOException {
        SimDevice d = deviceOr404(ex, sn);
        if (d == null) {
            return;
        }
        List<JsonObject> list = derList(ex, d);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).has("enabled")) {
                String f = "ders[" + i + "].enabled";
                SimHttp.sendJson(ex, 400, badRequest(f + " is required", f));
                return;
            }
        }
        synchronized (devices) {
            for (JsonObject e : list) {
                d.ders.get(e.get("type").getAsString()).enabled = e.get("enabled").getAsBoolean();
            }
        }
        sendDone(ex, "DER types updated", sn);
    }

    private void getDers(HttpExchange ex, String sn) throws IOException {
        SimDevice d = deviceOr404(ex, sn);
        if (d == null) {
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("sn", sn);
        synchronized (devices) {
            o.add("ders", d.dersJson());
        }
        SimHttp.sendJson(ex, 200, o);
    }

    private void setDers(HttpExchange ex, String sn) throws IOException {
        SimDevice d = deviceOr404(ex, sn);
        if (d == null) {
            return;
        }
        List<JsonObject> list = derList(ex, d);
        if (list == null) {
            return;
        }
        String[] numeric = {"rated_power", "installed_power", "capacity"};
        for (int i = 0; i < list.size(); i++) {
            for (String n : numeric) {
                JsonElement v = list.get(i).get(n);
                if (v != null && !v.isJsonNull()) {
                    boolean ok = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()
                            && Double.isFinite(v.getAsDouble()) && v.getAsDouble() >= 0;
                    if (!ok) {
                        String f = "ders[" + i + "]." + n;
                        SimHttp.sendJson(ex, 400, badRequest(f + " must be a non-negative number", f));
                        return;
                    }
                }
            }
        }
        synchronized (devices) {
            for (JsonObject e : list) {
                SimDevice.Der der = d.ders.get(e.get("type").getAsString());
                if (e.has("enabled")) {
                    der.enabled = e.get("enabled").getAsBoolean();
                }
                if (ZapConfigValidator.present(e, "rated_power")) {
                    der.ratedPower = e.get("rated_power").getAsDouble();
                }
                if (ZapConfigValidator.present(e, "installed_power")) {
                    der.installedPower = e.get("installed_power").getAsDouble();
                }
                if (ZapConfigValidator.present(e, "capacity")) {
                    der.capacity = e.get("capacity").getAsDouble();
                }
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("message", "DERs updated");
        o.addProperty("sn", sn);
        synchronized (devices) {
            o.add("ders", d.dersJson());
        }
        SimHttp.sendJson(ex, 200, o);
    }

    // ------------------------------------------------------------------ Wi-Fi

    /** {@code POST /api/wifi {ssid, psk}}: 200 at once, as a Zap answers before it tries; the key is never logged. */
    private void joinWifi(HttpExchange ex) throws IOException {
        JsonObject body = SimHttp.parseObject(SimHttp.readBody(ex));
        JsonElement ssid = body == null ? null : body.get("ssid");
        if (ssid == null || !ssid.isJsonPrimitive() || !ssid.getAsJsonPrimitive().isString()
                || ssid.getAsString().isEmpty()) {
            SimHttp.sendJson(ex, 400, badRequest("ssid is required", "ssid"));
            return;
        }
        JsonElement psk = body.get("psk");
        if (psk != null && !psk.isJsonNull() && !(psk.isJsonPrimitive() && psk.getAsJsonPrimitive().isString())) {
            SimHttp.sendJson(ex, 400, badRequest("psk must be a string", "psk"));
            return;
        }
        String key = psk == null || psk.isJsonNull() ? null : psk.getAsString();
        SimWifi.JoinOutcome outcome = wifi.join(ssid.getAsString(), key);
        LOG.info("Wi-Fi: joining \"{}\" (key not logged)", ssid.getAsString());
        JsonObject o = new JsonObject();
        o.addProperty("status", "success");
        o.addProperty("message", "connecting to " + ssid.getAsString());
        SimHttp.sendJson(ex, 200, o);
        leaveAddressLater(outcome == SimWifi.JoinOutcome.MOVES);
    }

    /** {@code DELETE /api/wifi}: credentials cleared; the Zap leaves its network (and this address) soon after. */
    private void forgetWifi(HttpExchange ex) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("status", "success");
        o.addProperty("message", "credentials cleared");
        SimHttp.sendJson(ex, 200, o);
        leaveAddressLater(false);
    }

    /** After the move delay: answer on another loopback port ({@code moves}) or nowhere at all. */
    private void leaveAddressLater(boolean moves) {
        Thread t = new Thread(() -> {
            sleep(wifi.moveDelay());
            try {
                moveFront(moves);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Wi-Fi: moving to a new port failed: {}", e.toString());
            }
        }, "zap-sim-wifi-move");
        t.setDaemon(true);
        t.start();
    }

    private void moveFront(boolean moves) throws IOException {
        SocketFront old;
        synchronized (this) {
            if (closed) {
                return;
            }
            old = front;
            old.close(); // first: the new port may be the old one
            if (moves) {
                wifi.arrived();
                front = openFront(wifi.movesToPort(), server.getAddress());
            } else {
                wifi.forget();
            }
        }
        if (moves) {
            LOG.info("Wi-Fi: Zap {} moved from port {} to {}", serial, old.port(), port());
            reannounce();
        } else {
            LOG.info("Wi-Fi: Zap {} left its network and answers nowhere now", serial);
        }
    }

    /** {@code zap-} and 8 random hex digits, the shape of a real Zap's serial. */
    static String randomSerial() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return "zap-" + HexFormat.of().formatHex(b);
    }
}
