package com.sourceful.commissioner.preflight;

import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks an MQTT broker whether it takes the credentials: one MQTT 3.1.1 CONNECT (clean session, keep-alive 10 s),
 * read the CONNACK, DISCONNECT, close. Plain TCP (no TLS). The password goes on the wire and nowhere else: not in
 * {@code detail}, logs or exceptions.
 */
public final class MqttProbe {

    static final int KEEP_ALIVE_SECONDS = 10;

    private MqttProbe() {
    }

    /** A client id for the check when the config names none: "zapc-preflight-" and 8 hex digits (23 characters). */
    public static String randomClientId() {
        return String.format("zapc-preflight-%08x", ThreadLocalRandom.current().nextInt());
    }

    /**
     * @param username null or empty: none (a password without a user name is sent with an empty user name, as
     *                 MQTT 3.1.1 allows a password only with a user name)
     * @param password null: none
     * @param clientId null or blank: {@link #randomClientId()}
     */
    public static PreflightResult probe(String host, int port, String username, String password, String clientId,
                                        Duration timeout) {
        String target = Connect.target(host, port);
        String id = clientId == null || clientId.isBlank() ? randomClientId() : clientId;
        byte[] connect = connectPacket(id, username, password);
        Connect.Outcome connected = Connect.open(host, port, timeout);
        if (connected.failure() != null) {
            Arrays.fill(connect, (byte) 0);
            return connected.failure();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String as = username == null || username.isEmpty() ? "without a user name" : "as user " + username;
        try (Socket socket = connected.socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(connect);
            out.flush();
            Arrays.fill(connect, (byte) 0);

            byte[] connack = new byte[4];
            Connect.readFully(socket, connack, deadline);
            if ((connack[0] & 0xFF) != 0x20 || connack[1] != 2 || (connack[2] & 0xFE) != 0) {
                return notMqtt(target, "connected, but the answer to CONNECT is not a CONNACK: "
                        + HexFormat.of().formatHex(connack));
            }
            int code = connack[3] & 0xFF;
            if (code == 0) {
                try {
                    out.write(new byte[] {(byte) 0xE0, 0});
                    out.flush();
                } catch (IOException ignored) {
                    // the broker took the credentials; how the goodbye went does not matter
                }
                return PreflightResult.passed(Reason.MQTT_ACCEPTED, target,
                        "MQTT 3.1.1 CONNECT " + as + " accepted (client id " + id + ")");
            }
            String detail = "CONNACK code " + code + " (" + connackName(code) + ") to a CONNECT " + as;
            return PreflightResult.failed(switch (code) {
                case 4 -> Reason.MQTT_BAD_CREDENTIALS;
                case 5 -> Reason.MQTT_NOT_AUTHORIZED;
                default -> Reason.MQTT_REFUSED;
            }, target, detail);
        } catch (SocketTimeoutException e) {
            return notMqtt(target, "connected, but no CONNACK within " + Connect.millis(timeout) + " ms");
        } catch (IOException e) {
            return notMqtt(target, "connected, but no CONNACK: " + e.getMessage());
        } finally {
            Arrays.fill(connect, (byte) 0);
        }
    }

    private static PreflightResult notMqtt(String target, String detail) {
        return PreflightResult.failed(Reason.MQTT_NOT_MQTT, target, detail);
    }

    static String connackName(int code) {
        return switch (code) {
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "unknown";
        };
    }

    /** The MQTT 3.1.1 CONNECT packet. */
    static byte[] connectPacket(String clientId, String username, String password) {
        boolean hasUser = (username != null && !username.isEmpty()) || password != null;
        boolean hasPassword = password != null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT".getBytes(StandardCharsets.UTF_8));
        body.write(4); // protocol level 3.1.1
        body.write((hasUser ? 0x80 : 0) | (hasPassword ? 0x40 : 0) | 0x02); // clean session
        body.write(KEEP_ALIVE_SECONDS >> 8);
        body.write(KEEP_ALIVE_SECONDS & 0xFF);
        string(body, clientId.getBytes(StandardCharsets.UTF_8));
        if (hasUser) {
            string(body, (username == null ? "" : username).getBytes(StandardCharsets.UTF_8));
        }
        byte[] secret = null;
        if (hasPassword) {
            secret = password.getBytes(StandardCharsets.UTF_8);
            string(body, secret);
        }
        byte[] payload = body.toByteArray();
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int remaining = payload.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(payload);
        Arrays.fill(payload, (byte) 0);
        return packet.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, byte[] utf8) {
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("an MQTT string is at most 65535 bytes");
        }
        out.write(utf8.length >> 8);
        out.write(utf8.length & 0xFF);
        out.writeBytes(utf8);
    }
}
