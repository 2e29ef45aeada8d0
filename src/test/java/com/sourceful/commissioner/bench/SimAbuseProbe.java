package com.sourceful.commissioner.bench;

import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Abuse probe of both simulators on 127.0.0.1 (see bench/sim-abuse): half-sent requests (slowloris), 1000 parallel
 * requests, forged tokens and a huge chunk size. Prints one block of figures per simulator and the heap after.
 * Usage: SimAbuseProbe [slowlorisConnections, comma-separated (8,64)] [parallelRequests (1000)]
 */
public final class SimAbuseProbe {

    /** A request still unanswered after this long counts as held. */
    private static final int HELD_MS = 30_000;

    private SimAbuseProbe() {
    }

    public static void main(String[] args) throws Exception {
        int[] slow = Arrays.stream((args.length > 0 ? args[0] : "8,64").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ZapSimulator zap = ZapSimulator.builder().bindAddress(loopback).port(0).announceMdns(false)
                .start();
             NovacoreStandIn nova = NovacoreStandIn.start(loopback, 0, Clock.systemUTC())) {
            probe("zap simulator", new InetSocketAddress(loopback, zap.port()), "GET /api/system", slow, parallel);
            probe("novacore stand-in", new InetSocketAddress(loopback, nova.port()), "GET /sites", slow, parallel);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap after: %d MiB used of %d MiB max%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    private static void probe(String name, InetSocketAddress at, String requestLine, int[] slow, int parallel)
            throws Exception {
        System.out.printf("== %s (127.0.0.1:%d)%n", name, at.getPort());
        for (int n : slow) {
            slowloris(at, requestLine, n);
        }
        // many parallel requests, each waits at most HELD_MS
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger held = new AtomicInteger();
        AtomicLong maxMs = new AtomicLong();
        ConcurrentLinkedQueue<String> other = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                Result r = request(at, requestLine, "", HELD_MS);
                maxMs.accumulateAndGet(r.millis, Math::max);
                if (r.status.equals("held")) {
                    held.incrementAndGet();
                } else if (r.status.startsWith("503") || r.status.startsWith("closed") || r.status.startsWith("reset")
                        || r.status.startsWith("refused")) {
                    refused.incrementAndGet();
                } else if (Character.isDigit(r.status.charAt(0))) {
                    answered.incrementAndGet();
                } else {
                    other.add(r.status);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("%d parallel: answered %d, refused %d, held %d s+ %d, other %d, max latency %d ms%n",
                parallel, answered.get(), refused.get(), HELD_MS / 1000, held.get(), other.size(), maxMs.get());
        // forged tokens
        String forged = "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.Zm9yZ2Vk\r\n";
        System.out.printf("forged token: %s%n", request(at, requestLine, forged, 10_000).status);
        // a chunk size that does not fit an int
        Result chunk = raw(at, "POST /api/devices HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/json\r\n\r\nFFFFFFFF\r\n{}\r\n", 10_000);
        System.out.printf("chunk size FFFFFFFF: %s in %d ms%n", chunk.status, chunk.millis);
    }

    /** Opens {@code slow} connections that never finish their headers, then sends one normal request. */
    private static void slowloris(InetSocketAddress at, String requestLine, int slow) throws IOException {
        List<Socket> lorises = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            try {
                Socket s = new Socket();
                s.connect(at, 2000);
                s.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: x\r\nX-a: ").getBytes(
                        StandardCharsets.US_ASCII));
                lorises.add(s);
            } catch (IOException e) {
                break;
            }
        }
        Result normal = request(at, requestLine, "", 10_000);
        System.out.printf("slowloris %d connections: normal request -> %s in %d ms%n", lorises.size(),
                normal.status, normal.millis);
        // How long the server keeps them: each is read until it closes, at most HELD_MS from now.
        long start = System.nanoTime();
        int held = 0;
        for (Socket s : lorises) {
            try (s) {
                long left = HELD_MS - elapsed(start);
                if (left <= 0) {
                    held++;
                    continue;
                }
                s.setSoTimeout((int) left);
                while (s.getInputStream().read() >= 0) {
                    // an answer (408 or the like) is fine; the point is when it closes
                }
            } catch (SocketTimeoutException e) {
                held++;
            } catch (IOException e) {
                // reset: closed by the server
            }
        }
        System.out.printf("  then %d still open %d s later, the rest closed within %d ms%n", held, HELD_MS / 1000,
                held == lorises.size() ? 0 : elapsed(start));
    }

    private record Result(String status, long millis) {
    }

    private static Result request(InetSocketAddress at, String requestLine, String extraHeaders, int timeoutMs) {
        return raw(at, requestLine + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extraHeaders + "\r\n",
                timeoutMs);
    }

    /** Sends text and reads the status line; "held" when nothing came back within the time out. */
    private static Result raw(InetSocketAddress at, String text, int timeoutMs) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(at, timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String status = line.length() == 0 ? "closed" : line.toString().trim().replaceFirst("^HTTP/1.1 ", "");
            return new Result(status, elapsed(start));
        } catch (SocketTimeoutException e) {
            return new Result("held", elapsed(start));
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase();
            return new Result(m.contains("refused") ? "refused" : m.contains("reset") ? "reset" : "error " + m,
                    elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
