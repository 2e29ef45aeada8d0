package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.discovery.DiscoveryReport;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.discovery.Subnet;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code discover} on loopback only: every run names {@code --interface 127.0.0.1} and {@code --subnet 127.0.0.0/24},
 * so nothing outside 127.0.0.0/8 is ever queried or swept.
 */
class DiscoverCommandTest {

    static final String[] LOOPBACK = {"--interface", "127.0.0.1", "--subnet", "127.0.0.0/24"};

    final TestClock clock = TestClock.atNoon();
    final Streams io = new Streams();

    int discover(String... args) {
        String[] all = new String[LOOPBACK.length + args.length];
        System.arraycopy(LOOPBACK, 0, all, 0, LOOPBACK.length);
        System.arraycopy(args, 0, all, LOOPBACK.length, args.length);
        return DiscoverCommand.run(all, io.out, io.err, clock);
    }

    static String randomSerial() {
        return "zap-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @Test
    void anAnnouncedSimulatorIsListedAsJson() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        String serial = randomSerial();
        try (ZapSimulator sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0)
                .serial(serial).announceMdns(true).addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            int status = discover("--port", String.valueOf(sim.port()), "--timeout", "6", "--json");

            assertThat(status).as("exit status; stderr: %s", io.err()).isZero();
            JsonArray zaps = JsonParser.parseString(io.out()).getAsJsonArray();
            // Other processes on this machine may announce simulators on loopback too: look for ours.
            JsonObject mine = null;
            for (JsonElement e : zaps) {
                if (e.getAsJsonObject().get("serial").getAsString().equals(serial)) {
                    mine = e.getAsJsonObject();
                }
            }
            assertThat(mine).as("our simulator in %s", io.out()).isNotNull();
            assertThat(mine.get("address").getAsString()).isEqualTo("127.0.0.1");
            assertThat(mine.get("port").getAsInt()).isEqualTo(sim.port());
            assertThat(mine.get("firmware").getAsString()).isNotBlank();
            assertThat(mine.get("answering").getAsBoolean()).isTrue();
            List<String> sources = mine.get("sources").getAsJsonArray().asList().stream()
                    .map(JsonElement::getAsString).toList();
            // mDNS alone must find it; once the sweep exists it may find it too.
            assertThat(sources).contains("MDNS").isSubsetOf("MDNS", "SWEEP", "ZAP_LOCAL");
            assertThat(mine.keySet()).containsExactlyInAnyOrder("serial", "address", "port", "firmware", "sources",
                    "answering");
        }
    }

    @Test
    void nothingThereExitsOneAndExplainsWhy() throws Exception {
        int port = Streams.closedPort();
        int status = discover("--port", String.valueOf(port), "--timeout", "2.5");

        assertThat(status).as("exit status; stdout: %s", io.out()).isEqualTo(1);
        assertThat(io.out()).isEmpty();
        assertThat(io.err()).contains("No Zap found in 2.5 s", "mDNS:", "127.0.0.1", "sweep:", "127.0.0.0/24",
                "same network", "guest network", "client isolation", "Public");
    }

    @Test
    void nothingThereWithJsonPrintsAnEmptyArray() throws Exception {
        int port = Streams.closedPort();
        int status = discover("--port", String.valueOf(port), "--timeout", "1", "--json");

        assertThat(status).isEqualTo(1);
        assertThat(JsonParser.parseString(io.out()).getAsJsonArray()).isEmpty();
        assertThat(io.err()).contains("No Zap found");
    }

    @Test
    void helpIsPrintedAndSucceeds() {
        assertThat(DiscoverCommand.run(new String[]{"--help"}, io.out, io.err, clock)).isZero();
        assertThat(io.out()).contains("Usage: zap-commissioner discover", "--timeout", "--interface", "--subnet",
                "--port", "--json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--timeout=abc", "--timeout=0", "--timeout=-3", "--port=0", "--port=65536", "--port=x",
            "--subnet=10.0.0.0/16", "--subnet=127.0.0.1", "--subnet=::1/128", "--interface=localhost",
            "--interface=192.0.2.1", "--interface=300.0.0.1", "--json=yes", "--verbose", "stray",
            // found by ArgsPropertyTest: a sign, other scripts' digits and leading zeros were accepted
            "--port=+80", "--port=\uff18\uff10", "--port=\u0668\u0660", "--interface=0127.0.0.1"})
    void badArgumentsAreUsageErrors(String arg) {
        assertThat(DiscoverCommand.run(new String[]{arg}, io.out, io.err, clock)).as("exit status for %s", arg)
                .isEqualTo(2);
        assertThat(io.err()).startsWith("discover: ").contains("Usage:");
        assertThat(io.out()).isEmpty();
    }

    @Test
    void aMissingValueIsAUsageError() {
        assertThat(DiscoverCommand.run(new String[]{"--timeout"}, io.out, io.err, clock)).isEqualTo(2);
        assertThat(io.err()).contains("--timeout needs a value");
    }

    @Test
    void interfaceAloneSweepsTheSubnetAroundIt() throws Exception {
        DiscoverCommand.Options o = DiscoverCommand.parse(new String[]{"--interface", "127.0.0.1"});
        assertThat(DiscoverCommand.discoveryOptions(o).sweepSubnets()).containsExactly(Subnet.parse("127.0.0.0/24"));
        assertThat(DiscoverCommand.discoveryOptions(o).recent()).isEmpty();
        assertThat(DiscoverCommand.discoveryOptions(o).port()).isEqualTo(80);
    }

    @Test
    void aLineNamesSerialAddressFirmwareAndSources() {
        FoundZap z = new FoundZap("zap-04772a97", URI.create("http://192.168.1.20:8080/"), "1.4.2", Optional.of("Home"),
                OptionalInt.of(-60), Optional.of(true), 2, Set.of(FoundZap.Source.SWEEP, FoundZap.Source.MDNS),
                clock.instant(), true);
        assertThat(DiscoverCommand.line(z)).contains("zap-04772a97", "192.168.1.20:8080", "1.4.2",
                "mDNS, subnet sweep");
    }

    @Test
    void theExplanationSaysWhatFailedToStart() throws Exception {
        DiscoverCommand.Options o = DiscoverCommand.parse(LOOPBACK);
        DiscoveryReport r = new DiscoveryReport(List.of("127.0.0.1"), false, Optional.of(false),
                List.of("127.0.0.0/24"), 254, 254, false, 3);
        String text = DiscoverCommand.explain(o, DiscoverCommand.discoveryOptions(o), r);
        assertThat(text).contains("no multicast query was sent", "zap.local: no answer",
                "254 of 254 addresses probed on port 80", "3 addresses answered but are not Zaps");
        assertThat(DiscoverCommand.sweepCutShort(o, DiscoverCommand.discoveryOptions(o), r, "zc"))
                .as("the sweep finished").isEmpty();
        assertThat(text).doesNotContain("was announced at");
    }

    @Test
    void theExplanationNamesAnMdnsRecordWhereNothingAnswers() throws Exception {
        DiscoverCommand.Options o = DiscoverCommand.parse(LOOPBACK);
        DiscoveryReport r = new DiscoveryReport(List.of("127.0.0.1"), true, Optional.of(false), List.of(), 0, 0,
                false, 0, List.of(new DiscoveryReport.UnansweredMdns("zap-1a2b3c4d", "127.0.0.1", 40123,
                        ZapException.Kind.UNREACHABLE, 0)));
        String text = DiscoverCommand.explain(o, DiscoverCommand.discoveryOptions(o), r);
        assertThat(text).contains("zap-1a2b3c4d was announced at 127.0.0.1:40123, but nothing answered there as a Zap"
                + " (nothing accepts connections there)");
    }

    @Test
    void aTimeoutTooShortForTheSweepSaysSoAndNamesTheCommandAsRun() throws Exception {
        DiscoverCommand.Options o = DiscoverCommand.parse(new String[]{"--interface", "127.0.0.1", "--subnet",
                "127.0.0.0/24", "--timeout", "1"});
        DiscoveryReport cut = new DiscoveryReport(List.of("127.0.0.1"), true, Optional.of(false),
                List.of("127.0.0.0/24"), 100, 254, true, 1);
        assertThat(DiscoverCommand.sweepCutShort(o, DiscoverCommand.discoveryOptions(o), cut,
                "java -jar target/zap-commissioner.jar")).hasValueSatisfying(note -> assertThat(note)
                .contains("cut short by --timeout 1 s", "100 of 254 addresses probed")
                .contains("java -jar target/zap-commissioner.jar discover --interface 127.0.0.1 --subnet 127.0.0.0/24"
                        + " --timeout 30"));
        DiscoveryReport notStarted = new DiscoveryReport(List.of("127.0.0.1"), true, Optional.of(false), List.of(),
                0, 0, false, 0);
        assertThat(DiscoverCommand.sweepCutShort(o, DiscoverCommand.discoveryOptions(o), notStarted, "zc"))
                .hasValueSatisfying(note -> assertThat(note).contains("had not started"));
        String text = DiscoverCommand.explain(o, DiscoverCommand.discoveryOptions(o), cut,
                "/opt/zc/bin/zap-commissioner");
        assertThat(text).contains("Try: /opt/zc/bin/zap-commissioner check HOST")
                .contains("/opt/zc/bin/zap-commissioner discover --timeout 30")
                .contains("100 of 254 addresses probed", "1 address answered but is not a Zap")
                .doesNotContain("Try: zap-commissioner");
    }

    @Test
    void theCommandAsRunIsTheLauncherOrJavaDashJarWithTheJar() {
        Path dir = Path.of("/home/tech/work");
        assertThat(LaunchCommand.of(Optional.of("/opt/zap-commissioner/bin/zap-commissioner"),
                Optional.of(dir.resolve("x.jar")), dir)).isEqualTo("/opt/zap-commissioner/bin/zap-commissioner");
        assertThat(LaunchCommand.of(Optional.empty(), Optional.of(dir.resolve("target/zap-commissioner.jar")), dir))
                .isEqualTo("java -jar target/zap-commissioner.jar");
        assertThat(LaunchCommand.of(Optional.empty(), Optional.of(Path.of("/opt/My Apps/zc.jar")), dir))
                .isEqualTo("java -jar \"/opt/My Apps/zc.jar\"");
        assertThat(LaunchCommand.of(Optional.empty(), Optional.empty(), dir)).isEqualTo(LaunchCommand.FALLBACK);
    }

    @Test
    void givenSubnetsAreSweptAndAFinishedSweepIsNotCalledCutShort() throws Exception {
        LoopbackNetwork.assumeBindable("127.0.0.13");
        int port = Streams.closedPort();
        try (ZapSimulator hidden = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.13")).port(port)
                .serial(randomSerial()).addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            // The unannounced Zap is found by the given sweep; that it runs also after mDNS found Zaps is
            // ZapDiscoveryBackgroundSweepTest's part.
            int status = DiscoverCommand.run(new String[]{"--interface", "127.0.0.1", "--subnet", "127.0.0.12/30",
                    "--port", String.valueOf(port), "--timeout", "5", "--json"}, io.out, io.err, clock);
            assertThat(status).as("stderr: %s", io.err()).isZero();
            assertThat(io.out()).contains(hidden.serial());
            assertThat(io.err()).doesNotContain("cut short");
        }
    }
}
