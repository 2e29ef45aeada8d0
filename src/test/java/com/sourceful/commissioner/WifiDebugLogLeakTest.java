package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.sim.ZapSimulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wifi --join} with debug logging on, HttpClient's wire and header loggers named too: the Wi-Fi password,
 * read from standard input and sent in the request body, appears nowhere in what the command prints.
 */
class WifiDebugLogLeakTest {

    static final String KEY = "correct horse";

    @Test
    void debugLoggingPrintsNoWifiPassword(@TempDir Path dir) throws Exception {
        int newPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            newPort = s.getLocalPort();
        }
        Path console = dir.resolve("console.txt");
        try (ZapSimulator sim = ZapSimulator.builder().bindAddress(InetAddress.getByName("127.0.0.1"))
                .serial("zap-0de6b6f1").addDeviceDelay(Duration.ZERO).start()) {
            sim.wifi().setMoveDelay(Duration.ofMillis(300));
            sim.wifi().setMovesToPort(newPort);
            ProcessBuilder child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-Duser.home=" + dir,
                    "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=debug",
                    "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.wire=debug",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "wifi",
                    "127.0.0.1:" + sim.port(), "--join", "Site-WiFi", "--port", String.valueOf(newPort),
                    "--interface", "127.0.0.1", "--subnet", "127.0.0.1/32", "--timeout", "20"))
                    .redirectErrorStream(true).redirectOutput(console.toFile());
            child.environment().put("JDK_JAVA_OPTIONS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
            Process p = child.start();
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write((KEY + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
            String out = Files.readString(console, Charset.defaultCharset());
            assertThat(p.exitValue()).as("the child's exit status (output in %s)", console).isZero();
            assertThat(out).as("it ran at debug level and followed the Zap (output in %s)", console)
                    .contains("DEBUG", "answers on \"Site-WiFi\" at 127.0.0.1:" + newPort);
            // Say whether, never what: a finding must not print the key into this JVM's output again.
            assertThat(out.contains(KEY)).as("the Wi-Fi password in the child's output").isFalse();
        }
    }
}
