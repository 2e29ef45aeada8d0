package com.sourceful.commissioner.devicescan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.commissioning.ProfileCatalogue;

/**
 * The device scan's MQTT part, on one connection the scanner opened: a CONNECT without credentials; when the broker
 * accepts it, a SUBSCRIBE (QoS 0) to the topics that tell a device, a bounded wait for the first PUBLISH, and a
 * DISCONNECT. Never sends credentials, never publishes. MQTT 3.1.1 (OASIS standard, 29 October 2014), by hand: the
 * scan needs four packet types, not a client library.
 *
 * <p>Ferroamp. Ferroamp's own "extapi" document was not found in the searchable corpus; third-party sources agree:
 * henricm/ha-ferroamp README.md (https://github.com/henricm/ha-ferroamp): the EnergyHub's broker publishes
 * {@code extapi/data/ehub} every 1 s, {@code extapi/data/eso} and {@code extapi/data/sso} every 5 s,
 * {@code extapi/data/esm} every 60 s, and MQTT is enabled by Ferroamp Support, who give the user name and password;
 * its custom_components/ferroamp/const.py (topics, device name "EnergyHub") and tests/test_sensor.py (payloads).
 * openhab/openhab-addons bundles/org.openhab.binding.ferroamp (README.md: "the MQTT broker residing on the
 * EnergyHub", EnergyHub Wall and XL; FerroampBindingConstants.java: the same four topics, port 1883;
 * src/test/resources/json/ehub.json). Payloads are JSON objects of {@code {"<key>": {"val": "…"}}} or per phase
 * {@code {"L1": …, "L2": …, "L3": …}}, with {@code ts} (time stamp). The ehub message carries no id or serial of
 * the EnergyHub; sso, eso and esm messages carry {@code id.val}, the id of that unit (an SSO's serial such as
 * PS00990-A04-S20120476, an ESO's or ESM's number), which is not the EnergyHub's serial, so it goes into the evidence
 * and not into {@link FoundDevice#serial()}. No model (Wall or XL) is published either.
 *
 * <p>Ambibox V2X. Nothing public was found about its MQTT interface (the Zap's reference says port 1884, user
 * {@code external-ems}; evcc's Ambibox template uses Modbus TCP instead): no topics are subscribed for it, and an
 * Ambibox broker is told only by the port hint when it asks for credentials.
 */
final class MqttBrokerProbe {

    /** Ferroamp's extapi data topics (see the class comment for the sources). */
    static final String FERROAMP_TOPIC_FILTER = "extapi/data/#";
    static final String FERROAMP_TOPIC_PREFIX = "extapi/data/";
    static final String FERROAMP_EHUB_TOPIC = "extapi/data/ehub";
    /** What the scan subscribes to: the topics that tell a device (Ferroamp's; none is known for Ambibox). */
    static final List<String> TOPIC_FILTERS = List.of(FERROAMP_TOPIC_FILTER);

    /**
     * How long an accepting broker is given to deliver a message on those topics: the EnergyHub publishes ehub every
     * second, so one period and a half catches the next one wherever its cycle is, with room for a busy broker. Only
     * a broker that accepts a CONNECT without credentials costs this, and it returns at the first message. Ports of
     * a host go one after the other, so a host with such brokers on 1883 and 1884 takes up to 3 s in its own thread
     * while the other hosts are scanned (bench/device-scan --anonymous-broker: +0.4 to +0.6 s on a loopback /24).
     */
    static final Duration PUBLISH_WAIT = Duration.ofMillis(1500);

    /** Larger packets are not read (a Ferroamp ehub message is about 3 KB). */
    static final int MAX_PACKET = 256 * 1024;

    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int DISCONNECT = 14;
    /** CONNACK return codes 4 (bad user name or password) and 5 (not authorised). */
    static final int BAD_CREDENTIALS = 4;
    static final int NOT_AUTHORISED = 5;
    private static final int SUBSCRIPTION_ID = 1;
    private static final int SUBACK_FAILURE = 0x80;

    /** A packet that is not what MQTT 3.1.1 allows, or cut short. */
    static final class MalformedPacketException extends IOException {
        MalformedPacketException(String message) {
            super(message);
        }
    }

    /** One control packet: its type (1..14), the fixed header's four flag bits, and the rest. */
    record Packet(int type, int flags, byte[] body) {
    }

    /**
     * A PUBLISH: topic, QoS, packet id (QoS 1 and 2 only), payload, and whether the broker kept it from earlier
     * (retained: it may be old; its {@code ts} says how old).
     */
    record Publish(String topic, int qos, OptionalInt packetId, byte[] payload, boolean retained) {
        Publish(String topic, int qos, OptionalInt packetId, byte[] payload) {
            this(topic, qos, packetId, payload, false);
        }
    }

    private final Socket socket;
    private final Duration timeout;
    private final Duration publishWait;
    private final BooleanSupplier cancelled;

    /**
     * @param timeout   for the CONNACK (the scan's connect timeout)
     * @param cancelled polled between packets; the scanner's cancel also closes the socket, which ends any read
     */
    MqttBrokerProbe(Socket socket, Duration timeout, Duration publishWait, BooleanSupplier cancelled) {
        this.socket = socket;
        this.timeout = timeout;
        this.publishWait = publishWait;
        this.cancelled = cancelled;
    }

    /** Empty when what listens is no MQTT broker (or went away before its CONNACK). */
    Optional<FoundDevice> probe(String address, int port) {
        int code;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(connect());
            out.flush();
            Packet connack = read(System.nanoTime() + timeout.toNanos());
            if (connack.type() != CONNACK || connack.flags() != 0 || connack.body().length != 2) {
                return Optional.empty();
            }
            code = connack.body()[1] & 0xFF;
        } catch (IOException e) {
            return Optional.empty();
        }
        if (code == BAD_CREDENTIALS || code == NOT_AUTHORISED) {
            return Optional.of(unidentified(address, port, "MQTT broker — needs its credentials (CONNACK code " + code
                    + " to a CONNECT without credentials)" + portHint(port).map(h -> "; hint: " + h).orElse("")));
        }
        if (code != 0) {
            return Optional.of(unidentified(address, port, "MQTT broker: refused a CONNECT without credentials"
                    + " (CONNACK code " + code + ")" + portHint(port).map(h -> "; hint: " + h).orElse("")));
        }
        return Optional.of(listen(address, port));
    }

    /** After an accepted CONNECT: subscribe, wait for the first message on the topics, let go. */
    private FoundDevice listen(String address, int port) {
        long start = System.nanoTime();
        long deadline = start + publishWait.toNanos();
        String tried = String.join(", ", TOPIC_FILTERS);
        List<String> heard = new ArrayList<>();
        try {
            OutputStream out = socket.getOutputStream();
            out.write(subscribe(SUBSCRIPTION_ID, TOPIC_FILTERS));
            out.flush();
            while (!cancelled.getAsBoolean()) {
                Packet packet = read(deadline);
                if (packet.type() == SUBACK && subackRefused(packet)) {
                    heard.add("the broker refused the subscription");
                } else if (packet.type() == PUBLISH) {
                    Publish publish = publish(packet.flags(), packet.body());
                    double after = (System.nanoTime() - start) / 1e9;
                    Optional<FoundDevice> told = identify(address, port, publish, after);
                    if (told.isPresent()) {
                        return told.get();
                    }
                    heard.add(String.format(Locale.ROOT, "%s after %.1f s, not Ferroamp's extapi JSON",
                            publish.topic(), after));
                }
                // other packets (PINGRESP, a second SUBACK …) say nothing about the device
            }
        } catch (SocketTimeoutException waitOver) {
            // nothing (more) published within the wait
        } catch (MalformedPacketException e) {
            heard.add("a malformed packet: " + e.getMessage());
        } catch (IOException e) {
            heard.add("the connection ended: " + e.getMessage());
        } finally {
            disconnect();
        }
        return unidentified(address, port, String.format(Locale.ROOT, "MQTT broker: a CONNECT without credentials was"
                + " accepted; which device publishes there is not told (subscribed to %s, no telling message within"
                + " %.1f s%s)", tried, publishWait.toMillis() / 1000.0,
                heard.isEmpty() ? "" : "; " + String.join("; ", heard)));
    }

    private void disconnect() {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (DISCONNECT << 4), 0});
            out.flush();
        } catch (IOException ignored) {
            // the broker went away or the scan was cancelled: nothing to say goodbye to
        }
    }

    private static boolean subackRefused(Packet suback) {
        byte[] b = suback.body();
        for (int i = 2; i < b.length; i++) {
            if ((b[i] & 0xFF) == SUBACK_FAILURE) {
                return true;
            }
        }
        return false;
    }

    /** A message on Ferroamp's extapi topics with a JSON object as payload: a Ferroamp EnergyHub's broker. */
    static Optional<FoundDevice> identify(String address, int port, Publish publish, double afterSeconds) {
        if (!publish.topic().startsWith(FERROAMP_TOPIC_PREFIX)) {
            return Optional.empty();
        }
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(new String(publish.payload(), StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                return Optional.empty();
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
        boolean ehub = FERROAMP_EHUB_TOPIC.equals(publish.topic());
        Optional<String> unitId = value(json, "id");
        Optional<String> timestamp = value(json, "ts");
        StringBuilder evidence = new StringBuilder(String.format(Locale.ROOT,
                "MQTT broker accepted a CONNECT without credentials; %s %s after %.1f s: Ferroamp extapi JSON,"
                        + " %d fields", publish.topic(), publish.retained() ? "(a retained message) came" : "published",
                afterSeconds, json.size()));
        timestamp.ifPresent(ts -> evidence.append(", ts ").append(ts));
        unitId.ifPresent(id -> evidence.append(", id ").append(id).append(" (the ")
                .append(publish.topic().substring(FERROAMP_TOPIC_PREFIX.length()).toUpperCase(Locale.ROOT))
                .append(" unit's, not the EnergyHub's serial)"));
        Optional<String> profile = ferroampProfile();
        return Optional.of(new FoundDevice(address, port, OptionalInt.empty(), FoundDevice.MQTT,
                Optional.of("Ferroamp"), ehub ? Optional.of("EnergyHub") : Optional.empty(), Optional.empty(),
                Optional.empty(), profile, profile.isPresent() ? evidence.toString()
                        : evidence + "; not supported by the Zap", 1));
    }

    /** {@code {"key": {"val": "…"}}} as Ferroamp writes it; empty when absent or blank. */
    private static Optional<String> value(JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonObject()) {
            return Optional.empty();
        }
        JsonElement val = e.getAsJsonObject().get("val");
        if (val == null || !val.isJsonPrimitive()) {
            return Optional.empty();
        }
        String s = val.getAsString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The Zap's MQTT profile for Ferroamp, from the catalogue. */
    private static Optional<String> ferroampProfile() {
        return ProfileCatalogue.builtIn().stream()
                .filter(p -> p.connectionTypes().contains(FoundDevice.MQTT))
                .filter(p -> "Ferroamp".equalsIgnoreCase(p.manufacturer()))
                .map(ProfileCatalogue.Profile::id)
                .findFirst();
    }

    /**
     * Whose broker the Zap's reference puts on this port (ProfileCatalogue's MQTT defaults, from the Zap local API
     * documentation: Ferroamp 1883 user extapi, Ambibox V2X 1884 user external-ems); worded as a hint, since any
     * broker may listen on 1883.
     */
    static Optional<String> portHint(int port) {
        List<String> hints = new ArrayList<>();
        for (ProfileCatalogue.Profile p : ProfileCatalogue.builtIn()) {
            if (!p.connectionTypes().contains(FoundDevice.MQTT)) {
                continue;
            }
            Map<String, String> defaults = ProfileCatalogue.vendorDefaults(p.id(), FoundDevice.MQTT);
            if (String.valueOf(port).equals(defaults.get("broker_port"))) {
                String user = defaults.get("username");
                hints.add("port " + port + " is where the Zap's reference puts the " + p.displayName() + " broker"
                        + (user == null ? "" : " (user " + user + ")"));
            }
        }
        return hints.isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", hints) + " — other brokers may use it too");
    }

    private static FoundDevice unidentified(String address, int port, String evidence) {
        return new FoundDevice(address, port, OptionalInt.empty(), FoundDevice.MQTT, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), evidence, 1);
    }

    // ---- packets ------------------------------------------------------------------------------------------------

    /** One packet from the socket before {@code deadline} (System.nanoTime); SocketTimeoutException when none. */
    private Packet read(long deadline) throws IOException {
        byte[] first = new byte[1];
        ModbusDeviceScanner.readFully(socket, first, deadline);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(first[0]);
        byte[] next = new byte[1];
        do {
            if (header.size() > 4) {
                throw new MalformedPacketException("remaining length longer than 4 bytes");
            }
            ModbusDeviceScanner.readFully(socket, next, deadline);
            header.write(next[0]);
        } while ((next[0] & 0x80) != 0);
        byte[] h = header.toByteArray();
        int length = remainingLength(h, 1);
        if (length > MAX_PACKET) {
            throw new MalformedPacketException("a packet of " + length + " bytes, more than the scan reads");
        }
        byte[] body = new byte[length];
        ModbusDeviceScanner.readFully(socket, body, deadline);
        return new Packet((h[0] & 0xFF) >> 4, h[0] & 0x0F, body);
    }

    /** One whole packet from bytes (what {@link #read} does on the socket); throws when malformed or cut short. */
    static Packet decode(byte[] bytes) throws MalformedPacketException {
        if (bytes.length < 2) {
            throw new MalformedPacketException("shorter than a fixed header");
        }
        int length = remainingLength(bytes, 1);
        int headerLength = 1 + remainingLengthBytes(bytes, 1);
        if (bytes.length < headerLength + length) {
            throw new MalformedPacketException("cut short: " + (bytes.length - headerLength) + " of " + length
                    + " bytes");
        }
        byte[] body = new byte[length];
        System.arraycopy(bytes, headerLength, body, 0, length);
        return new Packet((bytes[0] & 0xFF) >> 4, bytes[0] & 0x0F, body);
    }

    /** MQTT 3.1.1 §2.2.3: seven bits a byte, least significant first, the top bit says more follows; 1–4 bytes. */
    static int remainingLength(byte[] bytes, int from) throws MalformedPacketException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (from + i >= bytes.length) {
                throw new MalformedPacketException("remaining length cut short");
            }
            int b = bytes[from + i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedPacketException("remaining length longer than 4 bytes");
    }

    private static int remainingLengthBytes(byte[] bytes, int from) {
        int n = 1;
        while ((bytes[from + n - 1] & 0x80) != 0) {
            n++;
        }
        return n;
    }

    /** The remaining length's bytes for {@code length}. */
    static byte[] encodeRemainingLength(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int x = length;
        do {
            int b = x % 128;
            x /= 128;
            out.write(x > 0 ? b | 0x80 : b);
        } while (x > 0);
        return out.toByteArray();
    }

    /** A PUBLISH's variable header and payload (§3.3): topic, packet id when QoS 1 or 2, the rest. */
    static Publish publish(int flags, byte[] body) throws MalformedPacketException {
        int qos = (flags >> 1) & 0x03;
        if (qos == 3) {
            throw new MalformedPacketException("PUBLISH with QoS 3");
        }
        if (body.length < 2) {
            throw new MalformedPacketException("PUBLISH without a topic length");
        }
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        int at = 2 + topicLength;
        if (body.length < at + (qos > 0 ? 2 : 0)) {
            throw new MalformedPacketException("PUBLISH cut short in its topic or packet id");
        }
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        OptionalInt packetId = OptionalInt.empty();
        if (qos > 0) {
            packetId = OptionalInt.of(((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF));
            at += 2;
        }
        byte[] payload = new byte[body.length - at];
        System.arraycopy(body, at, payload, 0, payload.length);
        return new Publish(topic, qos, packetId, payload, (flags & 0x01) != 0);
    }

    /** MQTT 3.1.1 CONNECT, clean session, keep-alive 10 s, client id "zapc-scan", no user name, no password. */
    static byte[] connect() {
        byte[] id = "zapc-scan".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 10});
        body.write(0);
        body.write(id.length);
        body.writeBytes(id);
        return packet(CONNECT << 4, body.toByteArray());
    }

    /** SUBSCRIBE (§3.8; fixed header flags 0010) to each filter at QoS 0. */
    static byte[] subscribe(int packetId, List<String> filters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        for (String filter : filters) {
            byte[] f = filter.getBytes(StandardCharsets.UTF_8);
            body.write(f.length >> 8);
            body.write(f.length & 0xFF);
            body.writeBytes(f);
            body.write(0);
        }
        return packet((SUBSCRIBE << 4) | 0x02, body.toByteArray());
    }

    private static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.writeBytes(encodeRemainingLength(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
