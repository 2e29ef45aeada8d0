package com.sourceful.commissioner.devicescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.devicescan.DeviceScanner.Options;
import com.sourceful.commissioner.devicescan.DeviceScanner.Report;
import com.sourceful.commissioner.devicescan.ModbusDeviceScanner.Port;
import com.sourceful.commissioner.devicescan.MqttBrokerProbe.Packet;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.testsupport.RealPeers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's MQTT part against a real mosquitto on 127.0.0.1 (one listener that takes anyone, one that refuses a
 * CONNECT without credentials), with a Java test publisher sending Ferroamp-shaped messages, and against fake
 * brokers of the test's own where the test must see what the scan sends. Without mosquitto the tests that need it
 * are skipped, or fail where {@code ZAP_REQUIRE_PEERS=1}.
 */
class DeviceScanMqttTest {

    static final Subnet HOST = Subnet.parse("127.0.0.1/32");
    static final Duration TIMEOUT = Duration.ofMillis(700);
    /** A Ferroamp ehub message, shortened (the shape of henricm/ha-ferroamp's tests and openHAB's ehub.json). */
    static final String EHUB = "{\"gridfreq\":{\"val\":\"50.07\"},\"ppv\":{\"val\":\"10107.51\"},"
            + "\"ul\":{\"L1\":\"228.81\",\"L2\":\"233.81\",\"L3\":\"231.18\"},\"state\":{\"val\":\"4097\"},"
            + "\"ts\":{\"val\":\"2021-03-08T08:43:12UTC\"}}";

    @TempDir
    static Path dir;
    static Process broker;
    static int anonymous;
    static int locked;

    /** Started by the first test that needs it (the fake-broker tests need no mosquitto). */
    static synchronized void startBroker() throws Exception {
        if (broker != null) {
            return;
        }
        Path mosquitto = RealPeers.mosquitto();
        anonymous = freePort();
        locked = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        // No password file on the locked listener: it refuses every CONNECT, which is all the test needs (and no
        // password is written anywhere).
        List<String> lines = new ArrayList<>(List.of("per_listener_settings true", "persistence false",
                "log_dest stderr",
                "listener " + anonymous + " 127.0.0.1", "allow_anonymous true",
                "listener " + locked + " 127.0.0.1", "allow_anonymous false"));
        if (!HostileFiles.isWindows()) {
            lines.add(0, "user " + System.getProperty("user.name"));
        }
        Files.write(conf, lines);
        broker = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        awaitListening(anonymous);
        awaitListening(locked);
    }

    @AfterAll
    static synchronized void stop() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(5, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
            broker = null; // a rerun of a failed test starts its own
        }
    }

    private static Report scan(int port) throws InterruptedException {
        return new ModbusDeviceScanner(List.of(Port.mqtt(port))).scan(new Options(List.of(HOST), TIMEOUT, 1),
                d -> { });
    }

    @Test
    void aBrokerWhereFerroampPublishesIsAFerroampEnergyHub() throws Exception {
        startBroker();
        try (TestPublisher ferroamp = new TestPublisher(anonymous, "extapi/data/ehub", EHUB, 200)) {
            ferroamp.awaitFirst();
            Report report = scan(anonymous);

            assertThat(report.devices()).singleElement().satisfies(d -> {
                assertThat(d.port()).isEqualTo(anonymous);
                assertThat(d.protocol()).isEqualTo(FoundDevice.MQTT);
                assertThat(d.manufacturer()).contains("Ferroamp");
                assertThat(d.model()).contains("EnergyHub");
                assertThat(d.profile()).contains("ferroamp");
                assertThat(d.serial()).isEmpty();
                assertThat(d.evidence()).contains("extapi/data/ehub").contains("Ferroamp extapi JSON")
                        .contains("ts 2021-03-08T08:43:12UTC");
                assertThat(d.connections()).isEqualTo(1);
                assertThat(FoundDeviceForm.fill(d)).isEqualTo(FoundDeviceForm.Fill.MQTT_FORM_NEEDS_CREDENTIALS);
            });
        }
    }

    @Test
    void aBrokerWhereNothingIsPublishedDoesNotTellWhoseItIs() throws Exception {
        startBroker();
        Report report = scan(anonymous);

        assertThat(report.devices()).singleElement().satisfies(d -> {
            assertThat(d.manufacturer()).isEmpty();
            assertThat(d.profile()).isEmpty();
            assertThat(d.evidence()).contains("accepted").contains("which device publishes there is not told")
                    .contains(MqttBrokerProbe.FERROAMP_TOPIC_FILTER).contains("within 1.5 s");
        });
    }

    @Test
    void aBrokerThatRefusesAConnectWithoutCredentialsNeedsThem() throws Exception {
        startBroker();
        Report report = scan(locked);

        assertThat(report.devices()).singleElement().satisfies(d -> {
            assertThat(d.manufacturer()).isEmpty();
            assertThat(d.profile()).isEmpty();
            assertThat(d.evidence()).startsWith("MQTT broker — needs its credentials (CONNACK code 5");
            assertThat(FoundDeviceForm.fill(d)).isEqualTo(FoundDeviceForm.Fill.MQTT_NEEDS_CREDENTIALS);
        });
    }

    @Test
    void cancelDuringTheWaitStopsWithinASecondAndTheScanSentNoCredentialsAndNoPublish() throws Exception {
        try (FakeBroker fake = new FakeBroker(out -> out.write(new byte[] {0x20, 2, 0, 0}), true)) {
            ModbusDeviceScanner scanner = new ModbusDeviceScanner(List.of(Port.mqtt(fake.port())));
            CompletableFuture<Report> scan = CompletableFuture.supplyAsync(() -> {
                try {
                    return scanner.scan(new Options(List.of(HOST), Duration.ofSeconds(30), 1), d -> { });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(fake.subscribed.await(10, TimeUnit.SECONDS)).as("the scan subscribed").isTrue();
            long cancelledAt = System.nanoTime();
            scanner.cancel();
            Report report = scan.get(5, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - cancelledAt) / 1_000_000;

            assertThat(tookMillis).as("ms from cancel() to the scan's return").isLessThan(1000);
            assertThat(report.cancelled()).isTrue();
            assertThat(report.devices()).isEmpty();
            assertThat(fake.closed.await(1, TimeUnit.SECONDS)).as("the scan let go of the broker").isTrue();
            assertThat(fake.received).extracting(Packet::type).doesNotContain(MqttBrokerProbe.PUBLISH)
                    .startsWith(MqttBrokerProbe.CONNECT, MqttBrokerProbe.SUBSCRIBE);
            assertThat(fake.received.get(0).body()[7] & 0xC0).as("user name and password flags").isZero();
        }
    }

    @Test
    void aQos1PublishFromABrokerThatIgnoresTheRequestedQosStillTells() throws Exception {
        byte[] publish = MqttBrokerProbeTest.publishPacket("extapi/data/ehub", 1, 42,
                EHUB.getBytes(StandardCharsets.UTF_8));
        try (FakeBroker fake = new FakeBroker(out -> out.write(new byte[] {0x20, 2, 0, 0}), true, publish)) {
            Report report = scan(fake.port());

            assertThat(report.devices()).singleElement().satisfies(d -> {
                assertThat(d.manufacturer()).contains("Ferroamp");
                assertThat(d.profile()).contains("ferroamp");
            });
            assertThat(fake.closed.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(fake.received).extracting(Packet::type).containsExactly(MqttBrokerProbe.CONNECT,
                    MqttBrokerProbe.SUBSCRIBE, MqttBrokerProbe.DISCONNECT);
        }
    }

    @Test
    void aMessageOnTheTopicsThatIsNotFerroampsJsonTellsNothingButIsNamed() throws Exception {
        byte[] publish = MqttBrokerProbeTest.publishPacket("extapi/data/ehub", 0, 0,
                "online".getBytes(StandardCharsets.UTF_8));
        try (FakeBroker fake = new FakeBroker(out -> out.write(new byte[] {0x20, 2, 0, 0}), true, publish)) {
            Report report = scan(fake.port());

            assertThat(report.devices()).singleElement().satisfies(d -> {
                assertThat(d.manufacturer()).isEmpty();
                assertThat(d.evidence()).contains("not told").contains("no telling message within 1.5 s")
                        .contains("extapi/data/ehub after").contains("not Ferroamp's extapi JSON");
            });
        }
    }

    @Test
    void aServerThatAnswersGarbageIsNoBroker() throws Exception {
        try (FakeBroker garbage = new FakeBroker(out -> out.write(
                "SSH-2.0-OpenSSH_9.2p1\r\n".getBytes(StandardCharsets.US_ASCII)), false)) {
            assertThat(scan(garbage.port()).devices()).isEmpty();
        }
        try (FakeBroker garbage = new FakeBroker(out -> out.write(new byte[] {0x20, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}), false)) {
            assertThat(scan(garbage.port()).devices()).as("a CONNACK type with a broken length").isEmpty();
        }
    }

    /** Writes the fake broker's first answer. */
    interface Answer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * One connection at a time on 127.0.0.1: reads the scan's packets (MQTT framing) when {@code speaksMqtt}, answers
     * the first with {@code first}, the SUBSCRIBE with a SUBACK and then {@code afterSubscribe}; counts down when
     * subscribed and when the scan closed the connection.
     */
    static final class FakeBroker implements AutoCloseable {
        final ServerSocket server;
        final List<Packet> received = new CopyOnWriteArrayList<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        private final Thread thread;

        FakeBroker(Answer first, boolean speaksMqtt, byte[]... afterSubscribe) throws IOException {
            server = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
            thread = new Thread(() -> serve(first, speaksMqtt, afterSubscribe), "fake-broker");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Answer first, boolean speaksMqtt, byte[]... afterSubscribe) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                if (!speaksMqtt) {
                    first.write(out);
                    out.flush();
                    in.readAllBytes();
                    closed.countDown();
                    return;
                }
                while (true) {
                    Packet p = readPacket(in);
                    if (p == null) {
                        closed.countDown();
                        return;
                    }
                    received.add(p);
                    if (p.type() == MqttBrokerProbe.CONNECT) {
                        first.write(out);
                    } else if (p.type() == MqttBrokerProbe.SUBSCRIBE) {
                        out.write(new byte[] {(byte) 0x90, 3, p.body()[0], p.body()[1], 0});
                        for (byte[] packet : afterSubscribe) {
                            out.write(packet);
                        }
                        subscribed.countDown();
                    }
                    out.flush();
                }
            } catch (IOException e) {
                closed.countDown();
            }
        }

        /** Null at the end of the stream. */
        private static Packet readPacket(InputStream in) throws IOException {
            int head = in.read();
            if (head < 0) {
                return null;
            }
            byte[] length = new byte[4];
            int n = 0;
            int b;
            do {
                b = in.read();
                if (b < 0) {
                    return null;
                }
                length[n++] = (byte) b;
            } while ((b & 0x80) != 0 && n < 4);
            byte[] body = in.readNBytes(MqttBrokerProbe.remainingLength(length, 0));
            return new Packet(head >> 4, head & 0x0F, body);
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }

    /**
     * A Ferroamp stand-in: its own MQTT 3.1.1 connection to the broker (anonymous), publishing {@code payload} on
     * {@code topic} at QoS 0 every {@code periodMillis}, as the EnergyHub publishes ehub every second.
     */
    static final class TestPublisher implements AutoCloseable {
        private final Socket socket = new Socket();
        private final Thread thread;
        private final CountDownLatch first = new CountDownLatch(1);
        private volatile boolean running = true;

        TestPublisher(int port, String topic, String payload, long periodMillis) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            byte[] id = "test-ferroamp".getBytes(StandardCharsets.US_ASCII);
            byte[] connectBody = new byte[12 + id.length];
            System.arraycopy(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, (byte) id.length}, 0,
                    connectBody, 0, 12);
            System.arraycopy(id, 0, connectBody, 12, id.length);
            OutputStream out = socket.getOutputStream();
            out.write(0x10);
            out.write(MqttBrokerProbe.encodeRemainingLength(connectBody.length));
            out.write(connectBody);
            out.flush();
            byte[] connack = socket.getInputStream().readNBytes(4);
            if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
                socket.close();
                throw new IOException("the broker did not take the test publisher");
            }
            byte[] publish = MqttBrokerProbeTest.publishPacket(topic, 0, 0, payload.getBytes(StandardCharsets.UTF_8));
            thread = new Thread(() -> {
                try {
                    while (running) {
                        out.write(publish);
                        out.flush();
                        first.countDown();
                        TimeUnit.MILLISECONDS.sleep(periodMillis);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            }, "test-ferroamp");
            thread.setDaemon(true);
            thread.start();
        }

        void awaitFirst() throws InterruptedException {
            assertThat(first.await(5, TimeUnit.SECONDS)).as("the test publisher published").isTrue();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.interrupt();
            thread.join(5000);
            socket.getOutputStream().write(new byte[] {(byte) 0xE0, 0});
            socket.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not listen on 127.0.0.1:" + port + "; log:\n"
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }
}
