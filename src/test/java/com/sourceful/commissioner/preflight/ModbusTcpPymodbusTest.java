package com.sourceful.commissioner.preflight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The probe against a Modbus TCP server that is not ours: Debian's {@code python3-pymodbus} (bookworm: 3.0.0), running
 * {@code preflight/modbus_server.py}. Fails (never skips) when it is missing: {@code .ci/run} installs it.
 */
class ModbusTcpPymodbusTest extends ModbusPeerCases {

    static final String PYTHON = "/usr/bin/python3";
    static Process server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        // pymodbus.server imports serial and serial_asyncio, which the Debian package only recommends.
        Peers.require("python3-pymodbus python3-serial-asyncio", PYTHON, "-c",
                "import pymodbus, serial, serial_asyncio; from pymodbus.server import StartAsyncTcpServer");
        Path log = Files.createTempFile("pymodbus", ".log");
        log.toFile().deleteOnExit();
        server = new ProcessBuilder(PYTHON, Peers.resource("preflight/modbus_server.py").toString(), "0", "1")
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
