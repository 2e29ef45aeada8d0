package com.sourceful.commissioner.preflight;

import com.sourceful.commissioner.sim.ModbusTcpStandIn;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The probe against the app's own Java Modbus TCP stand-in (demo mode, UI tests). */
class ModbusTcpStandInProbeTest extends ModbusPeerCases {

    static ModbusTcpStandIn standIn;

    @BeforeAll
    static void start() throws Exception {
        standIn = ModbusTcpStandIn.start(InetAddress.getByName(Peers.LOOPBACK), 0, Set.of(1));
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Override
    int port() {
        return standIn.port();
    }

    @Override
    int expectedValue(int register) {
        return ModbusTcpStandIn.value(1, register);
    }

    @Override
    int missingRegister() {
        return 10_000;
    }
}
