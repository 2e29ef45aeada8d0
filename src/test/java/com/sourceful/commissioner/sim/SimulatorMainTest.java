package com.sourceful.commissioner.sim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest {

    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void defaults() throws Exception {
        SimulatorMain.Options o = SimulatorMain.parse(new String[0]);
        assertThat(o.host().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.novacorePort()).isEqualTo(8081);
        assertThat(o.mdns()).isTrue();
        SimulatorMain.Options p = SimulatorMain.parse(new String[]{"simulate", "--port", "9000", "--host=127.0.0.2",
                "--novacore-port=9001", "--no-mdns"});
        assertThat(p.port()).isEqualTo(9000);
        assertThat(p.novacorePort()).isEqualTo(9001);
        assertThat(p.host().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(p.mdns()).isFalse();
    }

    @Test
    void badArguments() {
        for (String[] args : new String[][]{{"--port"}, {"--port", "http"}, {"--port", "70000"}, {"--host", "my.example"},
                {"--frobnicate"}, {"--port", "9000", "--novacore-port", "9000"}}) {
            assertThatThrownBy(() -> SimulatorMain.parse(args)).isInstanceOf(SimulatorMain.UsageException.class)
                    .hasMessageContaining(args[0].startsWith("--port") && args.length == 4 ? "differ" : args[0]);
        }
        Capture out = new Capture();
        Capture err = new Capture();
        assertThat(SimulatorMain.run(new String[]{"--port", "x"}, out.stream, err.stream, new CountDownLatch(0))).isEqualTo(2);
        assertThat(err.text()).contains("--port must be a port number", "Usage:");
        assertThat(SimulatorMain.run(new String[]{"--bogus"}, out.stream, err.stream, new CountDownLatch(0))).isEqualTo(2);
    }

    @Test
    void help() {
        Capture out = new Capture();
        Capture err = new Capture();
        assertThat(SimulatorMain.run(new String[]{"--help"}, out.stream, err.stream, new CountDownLatch(1))).isZero();
        assertThat(out.text()).contains("Usage:", "--port", "--host", "--novacore-port", "--no-mdns");
        assertThat(SimulatorMain.run(new String[]{"simulate", "-h"}, out.stream, err.stream, new CountDownLatch(1))).isZero();
    }

    @Test
    void runsBothServersUntilStopped() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger(-1);
        Thread t = new Thread(() -> rc.set(SimulatorMain.run(
                new String[]{"simulate", "--port", "0", "--novacore-port", "0", "--no-mdns"}, out.stream, err.stream, stop)));
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.text().contains("Ctrl-C") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String text = out.text();
        assertThat(text).contains("Zap simulator:", "Novacore stand-in:", "serial zap-");
        Matcher zap = Pattern.compile("Zap simulator:\\s+(http://\\S+)").matcher(text);
        Matcher nova = Pattern.compile("Novacore stand-in:\\s+(http://\\S+)").matcher(text);
        assertThat(zap.find()).isTrue();
        assertThat(nova.find()).isTrue();
        assertThat(Http.get(URI.create(zap.group(1)), "/api/system").status()).isEqualTo(200);
        assertThat(Http.get(URI.create(nova.group(1)), "/sites").status()).as("stand-in requires a token").isEqualTo(401);
        assertThat(text).doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.");
        stop.countDown();
        t.join(10_000);
        assertThat(rc.get()).isZero();
        assertThatThrownBy(() -> Http.get(URI.create(zap.group(1)), "/api/system")).isInstanceOf(RuntimeException.class);
    }
}
