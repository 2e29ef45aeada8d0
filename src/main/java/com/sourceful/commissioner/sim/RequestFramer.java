package com.sourceful.commissioner.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads whole HTTP/1.1 requests (line, headers and body) off a client socket within {@link SimLimits}, so the
 * simulator behind only ever sees complete requests and no slow client holds one of its threads.
 * <p>
 * Framing only: the bytes are passed on as they came. What cannot be framed safely is refused with a status
 * ({@link Refused}): a bad or oversized chunk size or Content-Length 400 / 413, headers too large 431.
 */
final class RequestFramer {

    /** A request that is not passed on; the client gets {@code status} and the connection closes. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private static final int MAX_CHUNK_LINE = 256;

    private final Socket socket;
    private final InputStream in;
    private final SimLimits limits;
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int end;
    private long deadline;

    RequestFramer(Socket socket, SimLimits limits) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.limits = limits;
    }

    /**
     * Waits up to {@code waitMillis} for the next request's first byte: true when one came, false at end of stream.
     *
     * @throws SocketTimeoutException when nothing came in that time
     */
    boolean awaitRequest(int waitMillis) throws IOException {
        if (pos < end) {
            return true;
        }
        socket.setSoTimeout(waitMillis);
        return fill();
    }

    /**
     * Reads one whole request, which must end within {@link SimLimits#requestRead()} of now.
     *
     * @throws SocketTimeoutException when it does not
     * @throws Refused                when it cannot be passed on
     * @throws IOException            when the stream ends inside it or breaks
     */
    byte[] readRequest() throws IOException, Refused {
        deadline = System.nanoTime() + limits.requestRead().toNanos();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        long contentLength = -1;
        boolean chunked = false;
        boolean expectContinue = false;
        int headerBytes = 0;
        boolean firstLine = true;
        while (true) {
            String line = readLine(request, limits.maxHeaderBytes() - headerBytes, 431);
            headerBytes = request.size();
            if (line.isEmpty()) {
                if (firstLine) {
                    continue; // stray CRLF between requests is allowed
                }
                break;
            }
            firstLine = false;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    long n = parseLength(value);
                    if (contentLength >= 0 && contentLength != n) {
                        throw new Refused(400, "conflicting Content-Length");
                    }
                    contentLength = n;
                }
                case "transfer-encoding" -> {
                    if (!value.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                        throw new Refused(501, "transfer coding not spoken here");
                    }
                    chunked = true;
                }
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                default -> {
                    // passed on as is
                }
            }
        }
        if (chunked && contentLength >= 0) {
            throw new Refused(400, "both Content-Length and Transfer-Encoding");
        }
        if (contentLength > limits.maxBodyBytes()) {
            throw new Refused(413, "body too large");
        }
        if (expectContinue && (chunked || contentLength > 0) && pos == end) {
            // The client waits for this before it sends the body; the server behind may say it again (allowed).
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if (chunked) {
            readChunkedBody(request);
        } else if (contentLength > 0) {
            for (long i = 0; i < contentLength; i++) {
                request.write(next());
            }
        }
        return request.toByteArray();
    }

    private void readChunkedBody(ByteArrayOutputStream request) throws IOException, Refused {
        long total = 0;
        while (true) {
            String line = readLine(request, MAX_CHUNK_LINE, 400);
            int semicolon = line.indexOf(';');
            String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
            long size = parseChunkSize(hex);
            if (size == 0) {
                // trailers, up to an empty line
                int trailerStart = request.size();
                while (!readLine(request, limits.maxHeaderBytes() - (request.size() - trailerStart), 431).isEmpty()) {
                    // passed on as is
                }
                return;
            }
            total += size;
            if (total > limits.maxBodyBytes()) {
                throw new Refused(413, "body too large");
            }
            for (long i = 0; i < size; i++) {
                request.write(next());
            }
            if (!readLine(request, 2, 400).isEmpty()) {
                throw new Refused(400, "chunk longer than its size");
            }
        }
    }

    private static long parseLength(String value) throws Refused {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw new Refused(400, "bad Content-Length");
        }
        return Long.parseLong(value);
    }

    /** A chunk size in hex; more than 8 digits is already beyond any body taken here. */
    private long parseChunkSize(String hex) throws Refused {
        if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new Refused(400, "bad chunk size");
        }
        long size = Long.parseLong(hex, 16);
        if (size > limits.maxBodyBytes()) {
            throw new Refused(400, "chunk size beyond any body taken here");
        }
        return size;
    }

    /** Reads one line (CRLF or LF) into {@code request} and returns it without its end; longer than max: refused. */
    private String readLine(ByteArrayOutputStream request, int max, int statusWhenLong) throws IOException, Refused {
        StringBuilder line = new StringBuilder();
        int length = 0;
        while (true) {
            int b = next();
            request.write(b);
            if (++length > max) {
                throw new Refused(statusWhenLong, "line too long");
            }
            if (b == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    private int next() throws IOException {
        if (pos == end) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("request not read in time");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            if (!fill()) {
                throw new IOException("end of stream inside a request");
            }
        }
        return buffer[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
