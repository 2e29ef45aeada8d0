package com.sourceful.commissioner.preflight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sourceful.commissioner.testsupport.RealPeers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The probe against a Modbus TCP server that is not ours: pymodbus 3.0 (Debian's {@code python3-pymodbus}, bookworm:
 * 3.0.0, or pip's {@code pymodbus==3.0.0}), running {@code preflight/modbus_server.py}. Without it the class is
 * skipped with the reason, or fails where {@code ZAP_REQUIRE_PEERS=1} (CI, which installs it).
 */
class ModbusTcpPymodbusTest extends ModbusPeerCases {

    static Process server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        List<String> command = new ArrayList<>(RealPeers.python(RealPeers.PythonPeer.PYMODBUS));
        command.addAll(List.of(Peers.resource("preflight/modbus_server.py").toString(), "0", "1"));
        Path log = Files.createTempFile("pymodbus", ".log");
        log.toFile().deleteOnExit();
        server = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        String ready = Peers.firstLine(server, Duration.ofSeconds(15), log);
        if (!ready.startsWith("ready ")) {
            Peers.stop(server);
            throw new IllegalStateException("modbus_server.py said \"" + ready + "\"; log:\n" + Files.readString(log));
        }
        port = Integer.parseInt(ready.substring("ready ".length()).strip());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        Peers.stop(server);
    }

    @Override
    int port() {
        return port;
    }

    @Override
    int expectedValue(int register) {
        return 1000 + register;
    }

    @Override
    int missingRegister() {
        return 500;
    }
}
