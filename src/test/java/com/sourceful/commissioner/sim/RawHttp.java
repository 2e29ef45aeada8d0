package com.sourceful.commissioner.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange on a raw socket, so a test sees exactly how an answer ended: complete, cut short by a
 * FIN, cut short by a reset, or not at all in time. (java.net.http would fold these into one IOException.)
 */
final class RawHttp {

    enum Ending { COMPLETE, EOF_EARLY, RESET, TIMEOUT }

    record Reply(int status, Map<String, String> headers, byte[] body, Ending ending, String error) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        long contentLength() {
            String v = header("content-length");
            return v == null ? -1 : Long.parseLong(v.trim());
        }
    }

    private RawHttp() {
    }

    static Reply get(int port, String path, Duration timeout) {
        return send(port, "GET", path, null, timeout);
    }

    /** Sends one request ({@code Connection: close}) and reads the answer to its end, whatever that end is. */
    static Reply send(int port, String method, String path, String body, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout((int) timeout.toMillis());
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n")
                    + "\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            int status = -1;
            Map<String, String> headers = new LinkedHashMap<>();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                String statusLine = line(in);
                if (statusLine == null) {
                    return new Reply(-1, headers, new byte[0], Ending.EOF_EARLY, "no status line");
                }
                status = Integer.parseInt(statusLine.split(" ")[1]);
                for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
                    int colon = l.indexOf(':');
                    headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
                }
                String cl = headers.get("content-length");
                long expected = cl == null ? (status == 204 || status == 304 || status < 200 ? 0 : Long.MAX_VALUE)
                        : Long.parseLong(cl);
                byte[] buf = new byte[8192];
                long read = 0;
                while (read < expected) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, expected - read));
                    if (n < 0) {
                        return new Reply(status, headers, got.toByteArray(),
                                expected == Long.MAX_VALUE ? Ending.COMPLETE : Ending.EOF_EARLY, "EOF after " + read);
                    }
                    got.write(buf, 0, n);
                    read += n;
                }
                return new Reply(status, headers, got.toByteArray(), Ending.COMPLETE, null);
            } catch (SocketTimeoutException e) {
                return new Reply(status, headers, got.toByteArray(), Ending.TIMEOUT, e.toString());
            } catch (SocketException e) {
                return new Reply(status, headers, got.toByteArray(), Ending.RESET, e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
