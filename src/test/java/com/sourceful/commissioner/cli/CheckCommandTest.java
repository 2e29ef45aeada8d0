package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code check HOST[:PORT]} against a simulator and a closed port on 127.0.0.1, and its argument errors. */
class CheckCommandTest {

    final TestClock clock = TestClock.atNoon();
    final Streams io = new Streams();

    int check(String... args) {
        return CheckCommand.run(args, io.out, io.err, clock);
    }

    @Test
    void aSimulatedZapIsDescribedWithItsHealth() throws Exception {
        try (ZapSimulator sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(0)
                .serial("zap-0c11c4ec").addDeviceDelay(Duration.ZERO).clock(clock).start()) {
            int status = check("127.0.0.1:" + sim.port());
            assertThat(status).as("exit status; stderr: %s", io.err()).isZero();
            assertThat(io.out()).contains("zap-0c11c4ec", "127.0.0.1:" + sim.port(), "firmware", "Wi-Fi", "internet",
                    "devices   0");
            assertThat(io.err()).isEmpty();
        }
    }

    @Test
    void aClosedPortDoesNotAnswer() throws Exception {
        int port = Streams.closedPort();
        int status = check("127.0.0.1:" + port);
        assertThat(status).isEqualTo(1);
        assertThat(io.err()).contains("127.0.0.1:" + port, "does not answer");
        assertThat(io.out()).isEmpty();
    }

    @Test
    void helpIsPrintedAndSucceeds() {
        assertThat(check("--help")).isZero();
        assertThat(io.out()).contains("Usage: zap-commissioner check HOST[:PORT]");
    }

    @Test
    void noAddressIsAUsageError() {
        assertThat(check()).isEqualTo(2);
        assertThat(io.err()).contains("which address?", "Usage:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:http", "http://127.0.0.1/", "fe80::1",
            "--verbose", "host name",
            // found by ArgsPropertyTest: accepted before ZapClient.baseUriOf checked the host
            "00.0.0.0", "0127.0.0.1:80", "2130706433", "0x7f.0.0.1"})
    void badArgumentsAreUsageErrors(String arg) {
        assertThat(check(arg)).as("exit status for '%s'", arg).isEqualTo(2);
        assertThat(io.err()).startsWith("check: ").contains("Usage:");
        assertThat(io.out()).isEmpty();
    }

    @Test
    void twoAddressesAreAUsageError() {
        assertThat(check("127.0.0.1", "127.0.0.2")).isEqualTo(2);
        assertThat(io.err()).contains("one address only");
    }
}
