package com.sourceful.commissioner.preflight;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** The TCP part the probes share: connect with a timeout, map connect failures, read with a deadline. */
final class Connect {

    private Connect() {
    }

    /** A connected socket, or the failed result that says why there is none. */
    record Outcome(Socket socket, PreflightResult failure) {
    }

    static String target(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    static Outcome open(String host, int port, Duration timeout) {
        String target = target(host, port);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new Outcome(null, PreflightResult.failed(PreflightResult.Reason.NO_ROUTE, target,
                    "unknown host " + host));
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), millis(timeout));
            return new Outcome(socket, null);
        } catch (IOException e) {
            closeQuietly(socket);
            return new Outcome(null, connectFailure(e, target, host, address, timeout));
        }
    }

    /**
     * ECONNREFUSED is a {@link ConnectException}; the OS's own SYN timeout (ETIMEDOUT) is one too, with "timed out"
     * in its message; EHOSTUNREACH is {@link NoRouteToHostException}; ENETUNREACH and anything else the OS says
     * about a connect are "no route".
     */
    static PreflightResult connectFailure(IOException e, String target, String host, InetAddress address,
                                          Duration timeout) {
        String via = address.getHostAddress().equals(host) ? "" : " to " + address.getHostAddress();
        String message = String.valueOf(e.getMessage());
        if (e instanceof SocketTimeoutException
                || (e instanceof ConnectException && message.toLowerCase().contains("timed out"))) {
            return PreflightResult.failed(PreflightResult.Reason.TIMEOUT, target,
                    "TCP connect" + via + " timed out after " + millis(timeout) + " ms");
        }
        if (e instanceof ConnectException) {
            return PreflightResult.failed(PreflightResult.Reason.CONNECTION_REFUSED, target,
                    "TCP connect" + via + " refused: " + message);
        }
        return PreflightResult.failed(PreflightResult.Reason.NO_ROUTE, target,
                "TCP connect" + via + ": " + e.getClass().getSimpleName() + ": " + message);
    }

    /** Reads exactly {@code buffer.length} bytes before the deadline (System.nanoTime based). */
    static void readFully(Socket socket, byte[] buffer, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        int off = 0;
        while (off < buffer.length) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no answer in time");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw new EOFException("connection closed after " + off + " of " + buffer.length + " bytes");
            }
            off += n;
        }
    }

    static int millis(Duration timeout) {
        long ms = timeout.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
