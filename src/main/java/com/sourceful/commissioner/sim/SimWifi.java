package com.sourceful.commissioner.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The Wi-Fi around a simulated Zap and the network it is on: a scan whose results appear only after
 * {@link #scanTime} (clock time), RSSI that jitters a little per read (seeded, so runs repeat), and a join that
 * decides what becomes of the Zap once it leaves its present network.
 * <p>
 * A join with the right key (or to an open network) in range moves the Zap: after {@link #moveDelay} (real time)
 * its HTTP server answers on another loopback port. A wrong key, an unknown network or one weaker than
 * {@link #OUT_OF_RANGE_DBM} lose it: it is never reachable again (a real Zap only learns later that the key was
 * wrong, and this firmware's fallback is not documented, so the simulator takes the worst case). Keys are compared,
 * never logged or shown.
 */
public final class SimWifi {

    /** Below this a Zap does not manage to associate. */
    public static final int OUT_OF_RANGE_DBM = -85;
    /** The network the simulator is on when it starts. */
    public static final String START_SSID = "Simulated-WiFi";
    static final int START_RSSI = -54;

    /** A network's security as {@code GET /api/wifi} names it. */
    public enum Auth { OPEN, WPA2_PSK, WPA3_PSK }

    /** A network the simulated Zap can hear; {@code psk} is null for an open one and never printed. */
    public record Network(String ssid, int rssi, Auth auth, String psk) {
        public Network {
            Objects.requireNonNull(ssid, "ssid");
            Objects.requireNonNull(auth, "auth");
            if ((auth == Auth.OPEN) != (psk == null)) {
                throw new IllegalArgumentException("an open network has no key, a protected one has one");
            }
        }

        @Override
        public String toString() {
            return "Network[" + ssid + ", " + rssi + " dBm, " + auth + "]";
        }
    }

    /** What a join leads to, decided when it is asked for. */
    enum JoinOutcome { MOVES, LOST }

    /** The default neighbourhood: a site network, a weak neighbour and an open guest network. */
    public static List<Network> defaultNetworks() {
        return List.of(new Network("Site-WiFi", -62, Auth.WPA2_PSK, "correct horse"),
                new Network("Neighbour", -80, Auth.WPA3_PSK, "not-yours-1"),
                new Network("Guest", -71, Auth.OPEN, null));
    }

    private final Clock clock;
    private final Random jitter;
    private List<Network> around = defaultNetworks();
    private List<Network> lastScan = List.of();
    private long scanDoneAtMs = Long.MIN_VALUE;
    private boolean scanning;
    private Duration scanTime = Duration.ofSeconds(3);
    private Duration moveDelay = Duration.ofSeconds(2);
    private int movesToPort;
    private String ssid = START_SSID;
    private int baseRssi = START_RSSI;
    private boolean connected = true;
    private Network joining;

    SimWifi(Clock clock, long seed) {
        this.clock = clock;
        this.jitter = new Random(seed);
    }

    /** Replaces the networks around the Zap (tests). */
    public synchronized void setNetworks(List<Network> networks) {
        this.around = List.copyOf(networks);
    }

    /** How long (clock time) a scan takes before its results show in {@code GET /api/wifi}; default 3 s. */
    public synchronized void setScanTime(Duration time) {
        this.scanTime = Objects.requireNonNull(time);
    }

    /** How long (real time) after a join the Zap leaves its address; default 2 s. */
    public synchronized void setMoveDelay(Duration delay) {
        this.moveDelay = Objects.requireNonNull(delay);
    }

    /** The loopback port the Zap answers on after a successful join; 0 (default) an ephemeral one. */
    public synchronized void setMovesToPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        this.movesToPort = port;
    }

    /** The network the Zap is on now, or null. */
    public synchronized String connectedSsid() {
        return connected ? ssid : null;
    }

    synchronized Duration moveDelay() {
        return moveDelay;
    }

    synchronized int movesToPort() {
        return movesToPort;
    }

    /** {@code GET /api/wifi/scan}: starts a scan (a scan under way is not restarted). */
    synchronized JsonObject startScan() {
        if (!scanning) {
            scanning = true;
            scanDoneAtMs = clock.millis() + scanTime.toMillis();
        }
        JsonObject o = new JsonObject();
        o.addProperty("status", "success");
        o.addProperty("message", "scan initiated");
        return o;
    }

    /** {@code GET /api/wifi}: the last finished scan's results (empty before the first) and the present network. */
    synchronized JsonObject status() {
        if (scanning && clock.millis() >= scanDoneAtMs) {
            scanning = false;
            // A scan's readings are taken once and kept, as a Zap keeps its last results until the next scan.
            List<Network> heard = new ArrayList<>();
            around.forEach(n -> heard.add(new Network(n.ssid(), read(n.rssi()), n.auth(), n.psk())));
            lastScan = List.copyOf(heard);
        }
        JsonArray list = new JsonArray();
        for (Network n : lastScan) {
            JsonObject e = new JsonObject();
            e.addProperty("ssid", n.ssid());
            e.addProperty("rssi", n.rssi());
            e.addProperty("auth", n.auth().name());
            list.add(e);
        }
        JsonObject o = new JsonObject();
        o.add("ssids", list);
        if (connected) {
            o.addProperty("connected", ssid);
        } else {
            o.add("connected", JsonNull.INSTANCE);
        }
        return o;
    }

    /** The {@code network} object of {@code GET /api/system}. */
    synchronized JsonObject networkJson(String localIp) {
        JsonObject network = new JsonObject();
        network.addProperty("wifiStatus", connected ? "connected" : "disconnected");
        network.addProperty("wifiConnected", connected);
        network.addProperty("localIP", localIp);
        if (connected) {
            network.addProperty("ssid", ssid);
            network.addProperty("rssi", read(baseRssi));
        }
        network.addProperty("internetConnected", connected);
        return network;
    }

    /**
     * {@code POST /api/wifi}: what the join will lead to; the Zap stays on its present network until
     * {@link #arrived()} (a lost Zap is simply never heard of again).
     */
    synchronized JoinOutcome join(String joinSsid, String psk) {
        Network target = around.stream().filter(n -> n.ssid().equals(joinSsid)).findFirst().orElse(null);
        boolean keyFits = target != null && (target.auth() == Auth.OPEN || target.psk().equals(psk));
        if (target == null || !keyFits || target.rssi() < OUT_OF_RANGE_DBM) {
            return JoinOutcome.LOST;
        }
        joining = target;
        return JoinOutcome.MOVES;
    }

    /** The move of the last good join has happened: the Zap is on that network now. */
    synchronized void arrived() {
        if (joining != null) {
            ssid = joining.ssid();
            baseRssi = joining.rssi();
            connected = true;
            joining = null;
        }
    }

    /** {@code DELETE /api/wifi}: credentials gone, the Zap leaves its network. */
    synchronized void forget() {
        connected = false;
    }

    /** A reading of a signal of {@code rssi}: within 2 dB of it, as a real radio's readings wander. */
    private int read(int rssi) {
        return rssi + jitter.nextInt(5) - 2;
    }

    /** The networks around now (tests). */
    public synchronized List<Network> networks() {
        return new ArrayList<>(around);
    }
}
