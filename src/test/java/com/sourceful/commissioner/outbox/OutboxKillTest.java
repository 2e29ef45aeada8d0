package com.sourceful.commissioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.sim.NovacoreStandIn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process sending the outbox is killed mid-send ({@link Process#destroyForcibly()}): after Novacore received the
 * request but before the sender could mark it SENT, and before the request left. Nothing is lost or duplicated.
 */
class OutboxKillTest {

    static final String HARDWARE_ID = "SG1A2B3C4D";

    @TempDir
    Path dir;
    NovacoreStandIn nova;
    String jwt;

    @BeforeEach
    void setUp() throws Exception {
        nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, Clock.systemUTC());
        jwt = nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        nova.close();
    }

    @Test
    void killedAfterNovacoreReceivedTheRequest() throws Exception {
        Outbox.Entry entry = killMidSend(HoldingProxy.Mode.FORWARD_THEN_HOLD);
        assertThat(nova.provisionRequests()).hasSize(1);
        assertThat(nova.devices()).hasSize(1);

        Outbox.Entry sent = sendAgain(entry);

        assertThat(sent.result()).hasValueSatisfying(r -> assertThat(r.created()).as("answered created:false").isFalse());
        assertThat(nova.provisionRequests()).hasSize(2);
        assertThat(devicesFor(HARDWARE_ID)).isEqualTo(1);
    }

    @Test
    void killedBeforeTheRequestLeft() throws Exception {
        Outbox.Entry entry = killMidSend(HoldingProxy.Mode.HOLD);
        assertThat(nova.provisionRequests()).isEmpty();

        Outbox.Entry sent = sendAgain(entry);

        assertThat(sent.result()).hasValueSatisfying(r -> assertThat(r.created()).isTrue());
        assertThat(nova.provisionRequests()).hasSize(1);
        assertThat(devicesFor(HARDWARE_ID)).isEqualTo(1);
    }

    /** Queues one request addressed to a holding proxy, forks a sender, kills it once the proxy has the request. */
    private Outbox.Entry killMidSend(HoldingProxy.Mode mode) throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        Outbox.Entry entry;
        try (HoldingProxy proxy = new HoldingProxy(nova.baseUri(), mode)) {
            entry = new Outbox(dir, Clock.systemUTC()).add(OutboxTest.request(HARDWARE_ID), proxy.baseUri());

            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), OutboxChild.class.getName(), dir.toString())
                    .redirectErrorStream(true);
            pb.environment().put("OUTBOX_TOKEN", jwt);
            Process child = pb.start();
            Thread drain = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.add(line);
                    }
                } catch (Exception ignored) {
                    // The child is gone.
                }
            }, "child-output");
            drain.setDaemon(true);
            drain.start();
            try {
                assertThat(proxy.awaitReceived(20)).as("the child sent the request; output: %s", output).isTrue();
                assertThat(child.isAlive()).as("still waiting for Novacore's answer").isTrue();
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                drain.join(5000);
            }
        }
        assertThat(output).contains("sending " + entry.id()).noneMatch(l -> l.startsWith("done"));
        assertThat(String.join("\n", output)).doesNotContain(jwt).doesNotContain("eyJ");

        // The child died while SENDING: the file says so, whole, and a fresh outbox reads it as PENDING.
        assertThat(Files.readString(dir.resolve(entry.id() + ".json"))).contains("\"SENDING\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(entry.id() + ".json");
        }
        Outbox fresh = new Outbox(dir, Clock.systemUTC());
        assertThat(fresh.entries()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(entry.id());
            assertThat(e.state()).isEqualTo(Outbox.State.PENDING);
        });
        return entry;
    }

    /** A fresh outbox and sender in this process; the proxy is gone, so its address is mapped to the stand-in. */
    private Outbox.Entry sendAgain(Outbox.Entry entry) throws Exception {
        Outbox fresh = new Outbox(dir, Clock.systemUTC());
        OutboxSender sender = new OutboxSender(fresh, uri -> new NovacoreClient(nova.baseUri(), Clock.systemUTC()));
        URI signedIn = URI.create(entry.novacoreBase());
        assertThat(sender.sendPending(AccessToken.parse(jwt), signedIn)).isEqualTo(new OutboxSender.Report(1, 0, 0));
        Outbox.Entry sent = fresh.entry(entry.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(Outbox.State.SENT);
        assertThat(sender.sendPending(AccessToken.parse(jwt), signedIn)).isEqualTo(new OutboxSender.Report(0, 0, 0));
        return sent;
    }

    private long devicesFor(String hardwareId) {
        return nova.devices().stream().filter(d -> hardwareId.equals(d.get("hardware_id").getAsString())).count();
    }
}
