package com.sourceful.commissioner.devicescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.devicescan.DeviceScanner.Options;
import com.sourceful.commissioner.devicescan.DeviceScanner.Progress;
import com.sourceful.commissioner.devicescan.DeviceScanner.Report;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner.Port;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.RealPeers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan against a test site of real peers on loopback: pymodbus 3.0 servers ({@code devicescan/site_server.py})
 * with SunSpec maps of SMA, Fronius, SolarEdge and KOSTAL, Huawei's and Sungrow's identity registers, one that drops a
 * second connection, one that answers only its own unit id, a Modbus device that is no inverter, a fake Solarman V5
 * logger, a service that is not Modbus, and mosquitto. Each on a 127.0.0.x of its own (skipped where the OS lacks
 * them, as macOS does), on ports of the test's own (binding 502 needs root on some systems). Without pymodbus or
 * mosquitto the class is skipped with the reason, or fails where {@code ZAP_REQUIRE_PEERS=1}.
 */
class DeviceScanSiteTest {

    static final Subnet SITE = Subnet.parse("127.0.0.0/28");
    static final Duration TIMEOUT = Duration.ofMillis(700);

    @TempDir
    static Path dir;
    static Process site;
    static BufferedReader siteOut;
    static Process broker;
    static int modbus;
    static int solarEdge;
    static int huawei;
    static int solarman;
    static int mqtt;
    static List<Port> ports;

    @BeforeAll
    static void start() throws Exception {
        LoopbackNetwork.assumeBindable("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7",
                "127.0.0.8", "127.0.0.9", "127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14");
        List<String> python = RealPeers.python(RealPeers.PythonPeer.PYMODBUS);
        Path mosquitto = RealPeers.mosquitto();
        modbus = freePort();
        solarEdge = freePort();
        huawei = freePort();
        solarman = freePort();
        mqtt = freePort();
        ports = List.of(Port.modbus(modbus, 1, 126, 3), Port.modbus(solarEdge, 1), Port.modbus(huawei, 0, 1),
                Port.mqtt(mqtt), Port.solarmanV5(solarman));

        List<String> command = new ArrayList<>(python);
        command.addAll(List.of(resource("devicescan/site_server.py").toString(), Integer.toString(modbus),
                Integer.toString(solarEdge), Integer.toString(huawei), Integer.toString(solarman)));
        Path log = dir.resolve("site.log");
        site = new ProcessBuilder(command).redirectError(log.toFile()).start();
        siteOut = new BufferedReader(new InputStreamReader(site.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(DeviceScanSiteTest::readLine).get(20, TimeUnit.SECONDS);
        if (!"ready".equals(ready)) {
            throw new IllegalStateException("site_server.py said \"" + ready + "\"; log:\n" + Files.readString(log));
        }

        Path conf = dir.resolve("mosquitto.conf");
        List<String> lines = new ArrayList<>(List.of("listener " + mqtt + " 127.0.0.10", "allow_anonymous false",
                "persistence false", "log_dest stderr"));
        if (!HostileFiles.isWindows()) {
            lines.add("user " + System.getProperty("user.name"));
        }
        Files.write(conf, lines);
        broker = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        awaitListening("127.0.0.10", mqtt, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : new Process[] {site, broker}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void findsAndIdentifiesEveryDeviceOfTheSiteAndNothingElse() throws Exception {
        JsonObject before = stats();
        List<FoundDevice> heard = new CopyOnWriteArrayList<>();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        Report report = new ModbusDeviceScanner(ports).scan(new Options(List.of(SITE), TIMEOUT, 8),
                new DeviceScanner.Listener() {
                    @Override
                    public void found(FoundDevice device) {
                        heard.add(device);
                    }

                    @Override
                    public void progress(Progress p) {
                        progress.add(p);
                    }
                });

        Map<String, String> byAddress = report.devices().stream()
                .collect(Collectors.toMap(d -> d.address() + ":" + d.port(), DeviceScanSiteTest::summary));
        assertThat(byAddress).containsExactlyInAnyOrderEntriesOf(Map.of(
                "127.0.0.2:" + modbus, "modbus_tcp unit 126 SMA / SB5.0-1AV-41 / 3012345678 / 4.01.15.R -> sma",
                "127.0.0.3:" + modbus, "modbus_tcp unit 1 Fronius / Symo 10.0-3-M / 28123456 / 0.3.30.2 -> fronius",
                "127.0.0.4:" + solarEdge,
                "modbus_tcp unit 1 SolarEdge / SE5K-RW0TEBEN4 / 7E1234AB / 0004.0018.0518 -> solaredge",
                "127.0.0.5:" + modbus, "modbus_tcp unit 1 Sungrow / SH10RT / A2251234567 / - -> sungrow",
                "127.0.0.6:" + huawei, "modbus_tcp unit 0 Huawei / SUN2000-10KTL-M1 / HV2150123456 / - -> huawei",
                "127.0.0.7:" + modbus, "modbus_tcp unit 1 KOSTAL / PLENTICORE plus 10 / 90512ABC / 01.26 -> -",
                "127.0.0.8:" + modbus, "modbus_tcp unit 1 - / - / - / - -> -",
                "127.0.0.9:" + solarman, "solarman_v5 unit - - / - / 2712345678 / - -> -",
                "127.0.0.10:" + mqtt, "mqtt unit - - / - / - / - -> -",
                "127.0.0.12:" + modbus, "modbus_tcp unit 1 Fronius / Primo 5.0-1 / 31234567 / 0.3.28.1 -> fronius"));
        assertThat(report.devices()).allSatisfy(d -> assertThat(d.connections()).as(d.address()).isEqualTo(1));
        assertThat(find(report, "127.0.0.7").evidence()).contains("SunSpec common model at 50000")
                .contains("not supported by the Zap");
        assertThat(find(report, "127.0.0.12").evidence()).contains("SunSpec common model at 0,");
        assertThat(find(report, "127.0.0.8").evidence()).contains("no known identity registers");
        assertThat(find(report, "127.0.0.9").evidence()).contains(ModbusDeviceScanner.SOLARMAN_EXPLANATION);
        assertThat(find(report, "127.0.0.10").evidence()).contains("MQTT broker — needs its credentials");
        assertThat(heard).containsExactlyInAnyOrderElementsOf(report.devices());
        assertThat(report.hostsProbed()).isEqualTo(14);
        assertThat(report.cancelled()).isFalse();
        assertThat(progress).extracting(Progress::hostsDone).containsExactly(
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(progress).allSatisfy(p -> assertThat(p.hostsTotal()).isEqualTo(14));

        // Seen from the devices' side: never two connections at once, none dropped, and as many as the scan says.
        JsonObject after = stats();
        after.entrySet().forEach(e -> {
            JsonObject device = e.getValue().getAsJsonObject();
            assertThat(device.get("most_at_once").getAsInt()).as(e.getKey()).isLessThanOrEqualTo(1);
            assertThat(device.get("dropped").getAsInt() - count(before, e.getKey(), "dropped")).as(e.getKey())
                    .isZero();
        });
        for (FoundDevice d : report.devices()) {
            String key = d.address() + ":" + d.port();
            if (after.has(key)) {
                assertThat(count(after, key, "total") - count(before, key, "total")).as(key)
                        .isEqualTo(d.connections());
            }
        }
    }

    @Test
    void aOneClientDeviceWhoseSlotIsTakenIsReportedAsSuch() throws Exception {
        String key = "127.0.0.3:" + modbus;
        try (Socket zap = new Socket()) {
            zap.connect(new InetSocketAddress("127.0.0.3", modbus), 2000); // another client (the Zap) holds it
            awaitOpen(key);
            JsonObject before = stats();

            Report report = new ModbusDeviceScanner(ports).scan(
                    new Options(List.of(Subnet.parse("127.0.0.3/32")), TIMEOUT, 1), device -> { });

            assertThat(report.devices()).singleElement().satisfies(d -> {
                assertThat(d.port()).isEqualTo(modbus);
                assertThat(d.protocol()).isEqualTo(FoundDevice.MODBUS_TCP);
                assertThat(d.manufacturer()).isEmpty();
                assertThat(d.evidence()).contains("hung up before answering")
                        .contains("one Modbus client at a time");
                assertThat(d.connections()).isEqualTo(ModbusDeviceScanner.MODBUS_CONNECTIONS);
            });
            JsonObject after = stats();
            assertThat(count(after, key, "dropped") - count(before, key, "dropped"))
                    .isEqualTo(ModbusDeviceScanner.MODBUS_CONNECTIONS);
        }
    }

    @Test
    void aHostThatLeavesTheFirstConnectUnansweredIsSilentItsOtherPortsAreNotTried() throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, as a LAN drops them to an address no one
        // holds; the connect times out instead of being refused.
        try (ServerSocket full = new ServerSocket(modbus, 1, InetAddress.getByName("127.0.0.14"));
             ServerSocket logger = new ServerSocket(solarman, 8, InetAddress.getByName("127.0.0.14"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean dropping = false;
                for (int i = 0; i < 8 && !dropping; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress("127.0.0.14", modbus), 300);
                        queued.add(s);
                    } catch (IOException timedOut) {
                        s.close();
                        dropping = true;
                    }
                }
                assumeTrue(dropping,
                        "this OS does not drop SYNs to a listener with a full queue");
                logger.setSoTimeout(1);

                Report report = new ModbusDeviceScanner(ports).scan(
                        new Options(List.of(Subnet.parse("127.0.0.14/32")), Duration.ofMillis(300), 1), d -> { });

                assertThat(report.devices()).isEmpty();
                assertThat(acceptedAny(logger)).as("the logger port of the silent host was tried").isFalse();
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    private static boolean acceptedAny(ServerSocket server) throws IOException {
        try (Socket ignored = server.accept()) {
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }

    @Test
    void cancelStopsTheScanWithinASecond() throws Exception {
        // A device that accepts and never answers: each read would wait the whole (long) timeout.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.13", modbus));
            CountDownLatch accepted = new CountDownLatch(1);
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                        accepted.countDown();
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            ModbusDeviceScanner scanner = new ModbusDeviceScanner(ports);
            CompletableFuture<Report> scan = CompletableFuture.supplyAsync(() -> {
                try {
                    return scanner.scan(new Options(List.of(Subnet.parse("127.0.0.13/32")), Duration.ofSeconds(30),
                            4), device -> { });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(accepted.await(10, TimeUnit.SECONDS)).isTrue();
            // The scan is waiting on its first read once its request is here (cancelling before it was sent left
            // nothing to read: a race in this test, not in the scan).
            Socket connection = held.get(0);
            connection.setSoTimeout(5000);
            assertThat(connection.getInputStream().readNBytes(12)).as("the scan's one read request").hasSize(12);
            long cancelledAt = System.nanoTime();
            scanner.cancel();
            Report report = scan.get(5, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - cancelledAt) / 1_000_000;

            assertThat(tookMillis).as("ms from cancel() to the scan's return").isLessThan(1000);
            assertThat(report.cancelled()).isTrue();
            assertThat(report.devices()).isEmpty();
            // ... and let go of the device at once, not after the read's 30 s timeout: end of stream within 1 s.
            connection.setSoTimeout(1000);
            assertThat(connection.getInputStream().readAllBytes()).as("nothing more before the scan hung up")
                    .isEmpty();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static FoundDevice find(Report report, String address) {
        return report.devices().stream().filter(d -> d.address().equals(address)).findFirst().orElseThrow();
    }

    private static String summary(FoundDevice d) {
        return d.protocol() + " unit " + (d.unitId().isPresent() ? Integer.toString(d.unitId().getAsInt()) : "-")
                + " " + or(d.manufacturer()) + " / " + or(d.model()) + " / " + or(d.serial()) + " / "
                + or(d.version()) + " -> " + or(d.profile());
    }

    private static String or(Optional<String> value) {
        return value.orElse("-");
    }

    private static JsonObject stats() throws Exception {
        OutputStream in = site.getOutputStream();
        in.write("stats\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        String line = CompletableFuture.supplyAsync(DeviceScanSiteTest::readLine).get(10, TimeUnit.SECONDS);
        return JsonParser.parseString(line).getAsJsonObject();
    }

    private static int count(JsonObject stats, String key, String what) {
        return stats.has(key) ? stats.getAsJsonObject(key).get(what).getAsInt() : 0;
    }

    /** Until the front of {@code key} holds a connection open. */
    private static void awaitOpen(String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count(stats(), key, "open") < 1) {
            assertThat(System.nanoTime()).as("the front of " + key + " saw the connection").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String readLine() {
        try {
            return siteOut.readLine();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** A port free on loopback now (bound, then released); the site's addresses take the same number. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(String address, int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not listen on " + address + ":" + port + "; log:\n"
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(DeviceScanSiteTest.class.getClassLoader().getResource(name).toURI());
    }
}
