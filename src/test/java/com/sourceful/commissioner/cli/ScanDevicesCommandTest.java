package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.discovery.Subnet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code scan-devices} against a fake scanner: arguments, output, the JSON's shape, exit statuses. No network. */
class ScanDevicesCommandTest {

    static final FoundDevice SMA = new FoundDevice("127.0.0.20", 502, OptionalInt.of(126), FoundDevice.MODBUS_TCP,
            Optional.of("SMA"), Optional.of("SB5.0-1AV-41"), Optional.of("3001234567"), Optional.of("1.2.3"),
            Optional.of("sma"), "SunSpec common model at 40000: SMA / SB5.0-1AV-41", 1);
    static final FoundDevice BROKER = new FoundDevice("127.0.0.3", 1883, OptionalInt.empty(), FoundDevice.MQTT,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            "MQTT broker — needs its credentials", 1);

    final Streams io = new Streams();

    /** Tells the devices it was given and records what it was asked; with {@code untilCancelled}, waits for cancel. */
    static final class FakeScanner implements DeviceScanner {
        final List<FoundDevice> devices;
        final boolean untilCancelled;
        final List<Options> asked = new ArrayList<>();
        final CountDownLatch cancelled = new CountDownLatch(1);

        FakeScanner(boolean untilCancelled, FoundDevice... devices) {
            this.devices = List.of(devices);
            this.untilCancelled = untilCancelled;
        }

        @Override
        public Report scan(Options options, Listener listener) throws InterruptedException {
            asked.add(options);
            devices.forEach(listener::found);
            boolean wasCancelled = untilCancelled && cancelled.await(30, TimeUnit.SECONDS);
            int hosts = options.subnets().stream().mapToInt(s -> s.hosts().size()).sum();
            return new Report(devices, untilCancelled ? hosts / 2 : hosts, List.of(502, 1502, 6607, 1883, 1884, 8899),
                    Duration.ofMillis(1234), wasCancelled);
        }

        @Override
        public void cancel() {
            cancelled.countDown();
        }
    }

    int scan(FakeScanner scanner, List<Subnet> defaults, String... args) {
        return ScanDevicesCommand.run(args, io.out, io.err, scanner, () -> defaults);
    }

    @Test
    void listsOneLinePerDeviceInAddressOrderAndScansTheGivenSubnets() {
        FakeScanner scanner = new FakeScanner(false, SMA, BROKER);
        int status = scan(scanner, List.of(), "--subnet", "127.0.0.0/24", "--subnet=127.0.1.0/25");

        assertThat(status).isZero();
        List<String> lines = io.out().lines().toList();
        assertThat(lines).hasSize(2);
        // As found (not sorted: printed the moment the scanner tells them).
        assertThat(lines.get(0)).startsWith("127.0.0.20:502").contains("unit 126", "modbus_tcp", "SMA SB5.0-1AV-41",
                "serial 3001234567", "profile sma", "SunSpec common model at 40000");
        // A broker that did not say whose it is: no verdict on the Zap's support, the port's guess as a guess.
        assertThat(lines.get(1)).startsWith("127.0.0.3:1883").contains("mqtt", "unknown maker",
                "profile unknown (port suggests ferroamp)", "needs its credentials").doesNotContain("unit ")
                .doesNotContain("not supported by the Zap");
        assertThat(scanner.asked).singleElement().satisfies(o -> {
            assertThat(o.subnets()).containsExactly(Subnet.parse("127.0.0.0/24"), Subnet.parse("127.0.1.0/25"));
            assertThat(o.connectTimeout()).isEqualTo(ScanDevicesCommand.CONNECT_TIMEOUT);
            assertThat(o.parallelHosts()).isEqualTo(ScanDevicesCommand.PARALLEL_HOSTS);
        });
        assertThat(io.err()).isEmpty();
    }

    @Test
    void jsonIsAnArrayOfTheIssuesFieldsWithNullsWrittenOutSortedByAddress() {
        int status = scan(new FakeScanner(false, SMA, BROKER), List.of(), "--subnet", "127.0.0.0/24", "--json");

        assertThat(status).isZero();
        JsonArray array = JsonParser.parseString(io.out()).getAsJsonArray();
        assertThat(array).hasSize(2);
        JsonObject broker = array.get(0).getAsJsonObject();
        JsonObject sma = array.get(1).getAsJsonObject();
        assertThat(broker.keySet()).containsExactly("address", "port", "unit_id", "protocol", "manufacturer", "model",
                "serial", "profile", "evidence");
        assertThat(broker.get("address").getAsString()).isEqualTo("127.0.0.3"); // .3 before .20: numeric order
        assertThat(broker.get("unit_id").isJsonNull()).isTrue();
        assertThat(broker.get("profile").isJsonNull()).isTrue();
        assertThat(broker.get("protocol").getAsString()).isEqualTo("mqtt");
        assertThat(sma.get("port").getAsInt()).isEqualTo(502);
        assertThat(sma.get("unit_id").getAsInt()).isEqualTo(126);
        assertThat(sma.get("manufacturer").getAsString()).isEqualTo("SMA");
        assertThat(sma.get("model").getAsString()).isEqualTo("SB5.0-1AV-41");
        assertThat(sma.get("serial").getAsString()).isEqualTo("3001234567");
        assertThat(sma.get("profile").getAsString()).isEqualTo("sma");
        assertThat(sma.get("evidence").getAsString()).startsWith("SunSpec common model");
    }

    @Test
    void nothingFoundExitsOneSayingWhatWasTried() {
        int status = scan(new FakeScanner(false), List.of(), "--subnet", "127.0.0.0/24");

        assertThat(status).isEqualTo(1);
        assertThat(io.out()).isEmpty();
        assertThat(io.err()).contains("No energy device found in 1.2 s",
                "127.0.0.0/24: 254 addresses on TCP ports 502, 1502, 6607, 1883, 1884, 8899", "Check:");
    }

    @Test
    void withoutSubnetsTheDefaultOnesAreScanned() {
        FakeScanner scanner = new FakeScanner(false, SMA);
        int status = scan(scanner, List.of(Subnet.parse("127.0.5.0/24")));

        assertThat(status).isZero();
        assertThat(scanner.asked).singleElement()
                .satisfies(o -> assertThat(o.subnets()).containsExactly(Subnet.parse("127.0.5.0/24")));
    }

    @Test
    void withoutSubnetsAndWithoutAnInterfaceItSaysSoAndScansNothing() {
        FakeScanner scanner = new FakeScanner(false, SMA);
        int status = scan(scanner, List.of());

        assertThat(status).isEqualTo(1);
        assertThat(scanner.asked).isEmpty();
        assertThat(io.err()).contains("no LAN interface", "--subnet");
    }

    @Test
    void theTimeoutCancelsTheScanAndSaysItWasCutShortKeepingWhatWasFound() {
        FakeScanner scanner = new FakeScanner(true, SMA);
        int status = scan(scanner, List.of(), "--subnet", "127.0.0.0/24", "--timeout", "0.2");

        assertThat(scanner.cancelled.getCount()).isZero();
        assertThat(status).isZero();
        assertThat(io.out()).contains("127.0.0.20:502");
        assertThat(io.err()).contains("cut short by --timeout 0.2 s", "127 of 254 addresses scanned",
                "scan-devices --subnet 127.0.0.0/24 --timeout 300");
    }

    @Test
    void helpPrintsTheUsageAndScansNothing() {
        FakeScanner scanner = new FakeScanner(false, SMA);
        assertThat(scan(scanner, List.of(), "--help")).isZero();
        assertThat(io.out()).contains("Usage: zap-commissioner scan-devices", "--subnet CIDR", "--timeout", "--json",
                "Exit status");
        assertThat(scanner.asked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--subnet 10.0.0.0/16", "--subnet nonsense", "--subnet", "--timeout 0", "--timeout x",
            "--json=yes", "--verbose", "127.0.0.1"})
    void badArgumentsExitTwoWithTheUsageAndScanNothing(String args) {
        FakeScanner scanner = new FakeScanner(false, SMA);
        int status = scan(scanner, List.of(), args.split(" "));

        assertThat(status).isEqualTo(2);
        assertThat(io.err()).startsWith("scan-devices: ").contains("Usage: zap-commissioner scan-devices");
        assertThat(io.out()).isEmpty();
        assertThat(scanner.asked).isEmpty();
    }
}
