package com.sourceful.commissioner.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both simulators' public ports under abuse (issue 15, item 5), on loopback with short limits. A read time-out only
 * turns "never answered" into a failure; no assertion depends on how fast anything is.
 */
class SimAbuseTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Long enough that only a server that never answers runs into it. */
    private static final int NEVER_MS = 10_000;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static SimLimits limits(int maxConnections, Duration requestRead, Duration idle) {
        return new SimLimits(maxConnections, requestRead, idle, 16 * 1024, SimHttp.MAX_BODY_BYTES);
    }

    private int zap(SimLimits limits) throws IOException {
        ZapSimulator zap = ZapSimulator.builder().port(0).limits(limits).start();
        open.add(zap);
        return zap.port();
    }

    private int novacore(SimLimits limits) throws IOException {
        NovacoreStandIn nova = NovacoreStandIn.start(LOOPBACK, 0, Clock.systemUTC(), NovacoreStandIn.DEMO_SECRET,
                limits);
        open.add(nova);
        return nova.port();
    }

    /** Connections that send a request line and part of a header, and then nothing. */
    private void slowloris(int port, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket s = connect(port);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-slow: ".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket();
        open.add(s); // closing twice is harmless
        s.connect(new InetSocketAddress(LOOPBACK, port), 2000);
        s.setSoTimeout(NEVER_MS);
        return s;
    }

    /** The status of the answer to {@code request} on a new connection, then closed; -1 when none came. */
    private int statusOf(int port, String request) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return readStatus(s);
        }
    }

    private static int readStatus(Socket s) throws IOException {
        StringBuilder line = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
        } catch (SocketException e) {
            return -1; // reset
        }
        String[] parts = line.toString().split(" ");
        return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
    }

    /** True when the server closes {@code s} (end of stream or reset) before {@link #NEVER_MS}. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // whatever it says first, the point is that it closes
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    }

    @Test
    void slowlorisDoesNotBlockANormalRequestToTheNovacoreStandIn() throws IOException {
        int port = novacore(SimLimits.DEFAULT); // the issue measured 4 such connections stopping it
        slowloris(port, 8);
        assertThat(statusOf(port, get("/sites"))).isEqualTo(401);
    }

    @Test
    void slowlorisDoesNotBlockANormalRequestToTheZapSimulator() throws IOException {
        int port = zap(limits(64, Duration.ofSeconds(30), Duration.ofSeconds(30))); // measured: 32 stopped it
        slowloris(port, 40);
        assertThat(statusOf(port, get("/api/system"))).isEqualTo(200);
    }

    @Test
    void aHalfSentRequestIsClosedAtTheReadLimit() throws IOException {
        int port = novacore(limits(8, Duration.ofMillis(200), Duration.ofSeconds(30)));
        Socket s = connect(port);
        s.getOutputStream().write("POST /auth/challenge HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\""
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(closedByServer(s)).isTrue();
    }

    @Test
    void anIdleConnectionIsClosedAtTheIdleLimit() throws IOException {
        int port = zap(limits(8, Duration.ofSeconds(30), Duration.ofMillis(200)));
        Socket s = connect(port);
        s.getOutputStream().write("GET /api/system HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readStatus(s)).isEqualTo(200);
        assertThat(closedByServer(s)).isTrue(); // keep-alive, then silence
    }

    @Test
    void anAnswerSlowerThanTheIdleLimitStillArrives() throws IOException {
        ZapSimulator zap = ZapSimulator.builder().port(0)
                .limits(limits(8, Duration.ofSeconds(30), Duration.ofMillis(100))).start();
        open.add(zap);
        zap.setFault("/api/system", new ZapFault.Latency(Duration.ofMillis(800), Duration.ofMillis(800)));
        Socket s = connect(zap.port());
        s.getOutputStream().write(get("/api/system").getBytes(StandardCharsets.US_ASCII));
        assertThat(readStatus(s)).isEqualTo(200); // waiting for an answer is not idling
    }

    @Test
    void beyondTheConnectionBoundANewConnectionIsRefused() throws IOException {
        int zapPort = zap(limits(2, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        int novaPort = novacore(limits(2, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        for (int port : new int[] {zapPort, novaPort}) {
            connect(port);
            connect(port);
            assertThat(statusOf(port, get("/"))).as("port %d", port).isIn(503, -1);
        }
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws IOException {
        int port = zap(limits(1, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        for (int i = 0; i < 20; i++) {
            // The place is freed once the front sees the client's close, a moment after the client has its answer.
            int status = 503;
            long giveUp = System.nanoTime() + Duration.ofMillis(NEVER_MS).toNanos();
            while ((status == 503 || status == -1) && System.nanoTime() < giveUp) {
                status = statusOf(port, get("/api/system"));
            }
            assertThat(status).as("request %d", i).isEqualTo(200);
        }
    }

    @Test
    void aChunkSizeBeyondAnyBodyGets400() throws IOException {
        String chunked = " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "FFFFFFFF\r\n{}\r\n";
        assertThat(statusOf(zap(SimLimits.DEFAULT), "POST /api/devices" + chunked)).isEqualTo(400);
        assertThat(statusOf(novacore(SimLimits.DEFAULT), "POST /auth/challenge" + chunked)).isEqualTo(400);
    }

    @Test
    void aWellFormedChunkedBodyStillGetsThrough() throws IOException {
        int port = novacore(SimLimits.DEFAULT);
        // 400 from the stand-in itself: the body is read and found not to be a challenge request (not 411/501)
        String request = "POST /auth/challenge HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked"
                + "\r\nContent-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        Socket s = connect(port);
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 4").contains("\"error\"");
    }
}
