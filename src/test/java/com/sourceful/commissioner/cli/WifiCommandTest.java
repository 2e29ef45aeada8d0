package com.sourceful.commissioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.InetAddress;
import java.time.Duration;

import com.sourceful.commissioner.sim.SimWifi;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.OutputCapture;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wifi HOST[:PORT] [--scan | --join SSID]} end to end against the simulator on 127.0.0.1. */
class WifiCommandTest {

    static final String KEY = "correct horse";
    static final String WRONG_KEY = "w1fi-wrong-key";

    final TestClock clock = TestClock.atNoon();
    final Streams io = new Streams();

    int wifi(String stdin, String... args) {
        return WifiCommand.run(args, new StringReader(stdin), null, io.out, io.err, clock, clock::advance);
    }

    ZapSimulator simulator(String serial) throws Exception {
        ZapSimulator sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1")).serial(serial)
                .addDeviceDelay(Duration.ZERO).clock(clock).start();
        sim.wifi().setMoveDelay(Duration.ofMillis(300));
        return sim;
    }

    @Test
    void withoutAnOptionItShowsTheNetworkWithTheVerdict() throws Exception {
        try (ZapSimulator sim = simulator("zap-0c11f1f1")) {
            int status = wifi("", "127.0.0.1:" + sim.port());
            assertThat(status).as("stderr: %s", io.err()).isZero();
            assertThat(io.out()).contains("zap-0c11f1f1", "\"" + SimWifi.START_SSID + "\"", "dBm, good",
                    "internet  yes");
        }
    }

    @Test
    void scanListsWhatTheZapHeardStrongestFirstOnceTheScanIsDone() throws Exception {
        try (ZapSimulator sim = simulator("zap-0c11f1f2")) {
            sim.wifi().setScanTime(Duration.ofSeconds(4));
            int status = wifi("", "127.0.0.1:" + sim.port(), "--scan");
            assertThat(status).as("stderr: %s", io.err()).isZero();
            String out = io.out();
            assertThat(out).contains("good  WPA2_PSK   \"Site-WiFi\"", "fair  OPEN       \"Guest\"",
                    "weak  WPA3_PSK   \"Neighbour\"");
            assertThat(out.indexOf("Site-WiFi")).isLessThan(out.indexOf("Guest"));
            assertThat(out.indexOf("Guest")).isLessThan(out.indexOf("Neighbour"));
            assertThat(io.err()).isEmpty();
        }
    }

    @Test
    void joinWithTheRightKeyFollowsTheZapToItsNewAddress() throws Exception {
        int newPort = Streams.closedPort();
        try (ZapSimulator sim = simulator("zap-0c11f1f3")) {
            sim.wifi().setMovesToPort(newPort);
            int status = wifi(KEY + "\n", "127.0.0.1:" + sim.port(), "--join", "Site-WiFi", "--port",
                    String.valueOf(newPort), "--interface", "127.0.0.1", "--subnet", "127.0.0.1/32",
                    "--timeout", "20");
            assertThat(status).as("stderr: %s", io.err()).isZero();
            assertThat(io.out()).contains("Zap zap-0c11f1f3 answers on \"Site-WiFi\" at 127.0.0.1:" + newPort);
            assertThat(io.out() + io.err()).doesNotContain(KEY);
        }
        assertThat(OutputCapture.text()).doesNotContain(KEY);
    }

    @Test
    void joinWithAWrongKeyGivesUpAfterItsTimeAndSaysWhatToCheck() throws Exception {
        int newPort = Streams.closedPort();
        try (ZapSimulator sim = simulator("zap-0c11f1f4")) {
            sim.wifi().setMovesToPort(newPort);
            int status = wifi(WRONG_KEY + "\r\n", "127.0.0.1:" + sim.port(), "--join", "Site-WiFi", "--port",
                    String.valueOf(newPort), "--interface", "127.0.0.1", "--subnet", "127.0.0.1/32",
                    "--timeout", "2");
            assertThat(status).isEqualTo(1);
            assertThat(io.err()).contains("did not answer on \"Site-WiFi\" within 2 s", "the password",
                    "the signal", "this computer");
            assertThat(io.out() + io.err()).doesNotContain(WRONG_KEY);
        }
        assertThat(OutputCapture.installed()).isTrue();
        assertThat(OutputCapture.text()).doesNotContain(WRONG_KEY);
    }

    @Test
    void thePasswordIsOneLineOfInputWithoutItsLineEnd() throws Exception {
        assertThat(WifiCommand.readPassword(new StringReader("a b c\r\nmore"), null, "x")).containsExactly(
                'a', ' ', 'b', ' ', 'c');
        assertThat(WifiCommand.readPassword(new StringReader(""), null, "x")).isEmpty();
    }

    @Test
    void aClosedPortDoesNotAnswer() throws Exception {
        int port = Streams.closedPort();
        assertThat(wifi("", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(io.err()).contains("does not answer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--scan", "127.0.0.1 --scan --join X", "127.0.0.1 --join", "127.0.0.1 --psk x",
            "127.0.0.1 --timeout 0", "127.0.0.1 other", "http://127.0.0.1/"})
    void badArgumentsAreUsageErrors(String line) {
        assertThat(wifi("", line.isEmpty() ? new String[0] : line.split(" "))).isEqualTo(2);
        assertThat(io.err()).contains("wifi: ", "Usage:");
    }

    @Test
    void helpIsPrintedAndSucceeds() {
        assertThat(wifi("", "--help")).isZero();
        assertThat(io.out()).contains("Usage: zap-commissioner wifi HOST[:PORT] [--scan | --join SSID]");
    }
}
