package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(o.noCrypto()).isFalse();
        assertThat(o.claimed()).as("new unless --claimed, as on a first visit").isFalse();
        assertThat(SimulatorMain.parse(new String[]{"--claimed"}).claimed()).isTrue();
        assertThat(SimulatorMain.parse(new String[]{"simulate", "--no-crypto"}).noCrypto()).isTrue();
        assertThatThrownBy(() -> SimulatorMain.parse(new String[]{"--no-crypto=yes"}))
                .hasMessageContaining("--no-crypto takes no value");
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

    /** New by default (a claim makes it ours, 201); claimed for the demo sites' org with --claimed (200). */
    @ParameterizedTest
    @CsvSource({"true, 200", "false, 201"})
    void simulatesNovacoreKnowingTheZapsKeyNewUnlessAskedClaimed(boolean claimed, int claimStatus)
            throws Exception {
        Capture out = new Capture();
        CountDownLatch stop = new CountDownLatch(1);
        List<String> args = new ArrayList<>(List.of("simulate", "--port", "0", "--novacore-port", "0", "--no-mdns"));
        if (claimed) {
            args.add("--claimed");
        }
        Thread t = new Thread(() -> SimulatorMain.run(args.toArray(String[]::new), out.stream,
                new Capture().stream, stop));
        t.start();
        try (NovacoreStandIn minter = NovacoreStandIn.start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!out.text().contains("Ctrl-C") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Matcher zapUri = Pattern.compile("Zap simulator:\\s+(http://\\S+)").matcher(out.text());
            Matcher novaUri = Pattern.compile("Novacore stand-in:\\s+(http://\\S+)").matcher(out.text());
            assertThat(zapUri.find() && novaUri.find()).as(out.text()).isTrue();
            URI zap = URI.create(zapUri.group(1));
            URI nova = URI.create(novaUri.group(1));
            // Any stand-in mints tokens the other accepts: they share the demo secret.
            String identity = NovacoreStandIn.newIdentityId();
            String token = minter.issueToken(identity, Duration.ofMinutes(5));
            JsonObject system = Http.get(zap, "/api/system").json().getAsJsonObject("zap");
            JsonObject signed = Http.post(zap, "/api/crypto/sign", "{\"message\":\"" + identity + "\"}").json();

            Http.Reply claim = Http.send(nova, "POST", "/gateways/claim", NovacoreStandInClaimTest.claimBody(
                    system.get("deviceId").getAsString(), NovacoreStandIn.DEMO_ORG,
                    system.get("publicKey").getAsString(), signed).toString(), token);

            assertThat(claim.status()).as(claim.body()).isEqualTo(claimStatus);
        } finally {
            stop.countDown();
            t.join(10_000);
        }
    }

    @Test
    void faultsAreRepeatableAndNormalized() throws Exception {
        SimulatorMain.Options o = SimulatorMain.parse(new String[]{"simulate", "--fault", "GET /api/system=latency=3s",
                "--fault=*=status=503", "--fault", "/api/devices/{sn}/data/json/=no-content", "--fault",
                "post /api/devices=huge-body=5MB", "--dead-mdns-record"});
        assertThat(o.faults()).containsExactly(
                Map.entry("GET /api/system", ZapFault.Latency.fixed(Duration.ofSeconds(3))),
                Map.entry("*", new ZapFault.Status(503)),
                Map.entry("/api/devices/{sn}/data/json", new ZapFault.NoContent()),
                Map.entry("POST /api/devices", new ZapFault.HugeBody(5L * 1024 * 1024)));
        assertThat(o.deadMdnsRecord()).isTrue();
        assertThat(SimulatorMain.parse(new String[0]).faults()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--fault|                                     needs ENDPOINT=SPEC",
            "--fault=|                                    needs ENDPOINT=SPEC",
            "--fault=reset|                               needs ENDPOINT=SPEC",
            "--fault=/api/system=|                        needs ENDPOINT=SPEC",
            "--fault=/api/nope=reset|                     unknown endpoint '/api/nope'",
            "--fault=FETCH /api/system=reset|             unknown HTTP method 'FETCH'",
            "--fault=*=slow|                              unknown fault 'slow'",
            "--fault=*=latency=20s|                       0..15 s",
            "--fault=*=latency=3s..1s|                    backwards",
            "--fault=*=status=700|                        100..599",
            "--fault=GET /api/system=huge-body=lots|      not a size",
            "--dead-mdns-record=yes|                      takes no value"})
    void badFaultsExitTwoAndSayWhy(String arg, String why) {
        Capture out = new Capture();
        Capture err = new Capture();
        String[] args = arg.equals("--fault") ? new String[]{"--fault"} : new String[]{arg};
        assertThat(SimulatorMain.run(args, out.stream, err.stream, new CountDownLatch(0))).isEqualTo(2);
        assertThat(err.text()).contains(why.strip(), "Usage:");
        assertThat(out.text()).isEmpty();
    }

    @Test
    void theSameEndpointTwiceIsAMistake() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[]{"--fault", "/api/system=reset", "--fault",
                "/api/system/=truncated"})).isInstanceOf(SimulatorMain.UsageException.class).hasMessageContaining("twice");
    }

    /** (--dead-mdns-record is left out here: jmDNS takes seconds to start and stop; DeadMdnsRecord has its own tests.) */
    @Test
    void runsWithTheFaultsSetAndListsThem() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger(-1);
        Thread t = new Thread(() -> rc.set(SimulatorMain.run(new String[]{"simulate", "--port", "0", "--novacore-port",
                "0", "--no-mdns", "--fault", "GET /api/system=status=503", "--fault", "/api/name=wrong-content-type"},
                out.stream, err.stream, stop)));
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.text().contains("Ctrl-C") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String text = out.text();
        assertThat(text).contains("fault:           GET /api/system -> status=503",
                "fault:           /api/name -> wrong-content-type");
        Matcher zap = Pattern.compile("Zap simulator:\\s+(http://\\S+)").matcher(text);
        assertThat(zap.find()).isTrue();
        URI base = URI.create(zap.group(1));
        assertThat(Http.get(base, "/api/system").status()).isEqualTo(503);
        assertThat(Http.get(base, "/api/name").raw().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(Http.get(base, "/api/crypto").status()).isEqualTo(200);
        stop.countDown();
        t.join(10_000);
        assertThat(rc.get()).isZero();
    }

    @Test
    void siteOptions() throws Exception {
        SimulatorMain.Options o = SimulatorMain.parse(new String[]{"--extra-load", "2000@L2", "--extra-load=500@l3",
                "--reversed-ct", "--time-scale", "10"});
        assertThat(o.extraLoadW()).containsExactly(Map.entry(2, 2000.0), Map.entry(3, 500.0));
        assertThat(o.reversedCt()).isTrue();
        assertThat(o.timeScale()).isEqualTo(10.0);
        SimulatorMain.Options d = SimulatorMain.parse(new String[0]);
        assertThat(d.extraLoadW()).isEmpty();
        assertThat(d.reversedCt()).isFalse();
        assertThat(d.timeScale()).isEqualTo(1.0);
        assertThat(SimulatorMain.USAGE).contains("--extra-load W@Ln", "--reversed-ct", "--time-scale N", "load off");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--extra-load|                    needs W@Ln",
            "--extra-load=2000|               needs W@Ln",
            "--extra-load=2000@L4|            needs W@Ln",
            "--extra-load=lots@L1|            needs W@Ln",
            "--extra-load=200000@L1|          within ±100000",
            "--time-scale=0|                  0.1 to 1000",
            "--time-scale=fast|               0.1 to 1000",
            "--reversed-ct=yes|               takes no value"})
    void badSiteOptionsExitTwoAndSayWhy(String arg, String why) {
        Capture out = new Capture();
        Capture err = new Capture();
        assertThat(SimulatorMain.run(new String[]{arg}, out.stream, err.stream, new CountDownLatch(0))).isEqualTo(2);
        assertThat(err.text()).contains(why.strip(), "Usage:");
    }

    @Test
    void commandsChangeTheSiteAndAnswerOneLineEach() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator zap = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO).clock(clock)
                .start()) {
            String p1 = Http.addDevice(zap.baseUri(), ZapSimulatorTest.P1);
            clock.advance(Duration.ofSeconds(2));
            double w0 = meterW(zap, p1);
            assertThat(SimulatorMain.command(zap, "load 2000 L2")).isEqualTo("ok: extra load 2000 W on L2");
            assertThat(meterW(zap, p1)).isEqualTo(w0 + 2000);
            assertThat(SimulatorMain.command(zap, "  LOAD off ")).startsWith("ok:");
            assertThat(meterW(zap, p1)).isEqualTo(w0);
            assertThat(SimulatorMain.command(zap, "ct reversed")).startsWith("ok: CT reversed");
            assertThat(meterW(zap, p1)).isEqualTo(-w0);
            assertThat(SimulatorMain.command(zap, "ct normal")).isEqualTo("ok: CT normal");
            assertThat(SimulatorMain.command(zap, "sun 0.3")).isEqualTo("ok: sun 0.3");
            assertThat(SimulatorMain.command(zap, "sun 0.8 60s")).startsWith("ok: sun ramps to 0.8");
            assertThat(SimulatorMain.command(zap, "sun auto")).isEqualTo("ok: natural sun");
            assertThat(SimulatorMain.command(zap, "battery idle")).isEqualTo("ok: battery idle");
            assertThat(SimulatorMain.command(zap, "battery -1500")).startsWith("ok: battery at -1500 W");
            assertThat(SimulatorMain.command(zap, "battery self")).startsWith("ok: battery follows");
            assertThat(SimulatorMain.command(zap, "help")).startsWith("commands: load W");
            for (String bad : new String[]{"load 2000", "load 2000 L4", "load x L1", "ct sideways", "sun 2", "sun",
                    "sun 0.5 soon", "battery max", "frobnicate", "load 1e9 L1"}) {
                String answer = SimulatorMain.command(zap, bad);
                assertThat(answer).as(bad).startsWith("error: ").doesNotContain("Exception", "\n");
            }
            assertThat(meterW(zap, p1)).isEqualTo(w0);
        }
    }

    @Test
    void controlAndSocCommandsSetHowDevicesAnswerControl() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (ZapSimulator zap = ZapSimulator.builder().serial("zap-04772a97").addDeviceDelay(Duration.ZERO).clock(clock)
                .start()) {
            assertThat(SimulatorMain.command(zap, "control ignore")).startsWith("error: no device");
            String sg = Http.addDevice(zap.baseUri(), ZapSimulatorTest.SUNGROW);
            String p1 = Http.addDevice(zap.baseUri(), ZapSimulatorTest.P1);
            zap.setSun(0);
            assertThat(SimulatorMain.command(zap, "control partial 40% " + sg.toLowerCase(Locale.ROOT)))
                    .isEqualTo("ok: " + sg + " follow 40 % of control");
            assertThat(SimulatorMain.command(zap, "soc 0.5")).isEqualTo("ok: SoC 0.5 for " + sg);
            clock.advance(Duration.ofSeconds(5));
            Http.post(zap.baseUri(), "/api/control/" + sg + "/init", "{}");
            Http.post(zap.baseUri(), "/api/control/" + sg + "/battery", "{\"power_w\":1000}");
            clock.advance(Duration.ofSeconds(30));
            assertThat(batteryW(zap, sg)).isEqualTo(400);
            assertThat(SimulatorMain.command(zap, "control partial 300w")).isEqualTo("ok: " + sg
                    + " follow control up to 300 W");
            clock.advance(Duration.ofSeconds(30));
            assertThat(batteryW(zap, sg)).isEqualTo(300);
            assertThat(SimulatorMain.command(zap, "control follow")).isEqualTo("ok: " + sg + " follow control");
            clock.advance(Duration.ofSeconds(30));
            assertThat(batteryW(zap, sg)).isEqualTo(1000);
            assertThat(SimulatorMain.command(zap, "control ignore " + sg)).startsWith("ok: " + sg + " accept control");
            for (String bad : new String[]{"control", "control maybe", "control partial", "control partial 1.5",
                    "control partial 150%", "control partial lots", "control follow " + p1, "control ignore NOPE",
                    "soc", "soc 2", "soc 0.5 " + p1, "control follow a b"}) {
                assertThat(SimulatorMain.command(zap, bad)).as(bad).startsWith("error: ").doesNotContain("\n");
            }
        }
    }

    private static double batteryW(ZapSimulator zap, String sn) {
        return Http.get(zap.baseUri(), "/api/devices/" + sn + "/data/json").json().getAsJsonObject("battery")
                .get("W").getAsDouble();
    }

    private static double meterW(ZapSimulator zap, String sn) {
        return Http.get(zap.baseUri(), "/api/devices/" + sn + "/data/json").json().getAsJsonObject("meter").get("W")
                .getAsDouble();
    }

    @Test
    void readsCommandsFromStandardInputWhileRunning() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger(-1);
        PipedOutputStream typed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typed);
        Thread t = new Thread(() -> rc.set(SimulatorMain.run(new String[]{"--port", "0", "--novacore-port", "0",
                "--no-mdns", "--extra-load", "1000@L1", "--time-scale", "10"}, stdin, out.stream, err.stream, stop)));
        t.start();
        try {
            awaitText(out, "Ctrl-C");
            assertThat(out.text()).contains("extra load:      1000 W on L1", "10 times faster", "Commands: load W");
            typed.write("load 2000 L2\nbogus\n\n".getBytes(StandardCharsets.UTF_8));
            typed.flush();
            awaitText(out, "error: unknown command 'bogus'");
            assertThat(out.text()).contains("ok: extra load 2000 W on L2");
        } finally {
            typed.close();
            stop.countDown();
            t.join(10_000);
        }
        assertThat(rc.get()).isZero();
        assertThat(err.text()).isEmpty();
    }

    private static void awaitText(Capture out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.text().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.text()).contains(text);
    }
}
