package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe against one real Modbus TCP server that serves unit id 1 only. */
abstract class ModbusPeerCases {

    static final Duration TIMEOUT = Duration.ofMillis(1500);
    static final Duration SHORT = Duration.ofMillis(600);

    abstract int port();

    abstract int expectedValue(int register);

    /** A register the server has no data for. */
    abstract int missingRegister();

    @Test
    void aReadAtTheServedUnitIdIsAnswered() {
        PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, port(), 1, TIMEOUT);

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.PASSED);
        assertThat(r.reason()).isEqualTo(Reason.MODBUS_ANSWERED);
        assertThat(r.target()).isEqualTo("127.0.0.1:" + port());
        assertThat(r.modbusExceptionCode()).isEmpty();
        assertThat(r.detail()).isEqualTo("holding register 0 at unit id 1 = " + expectedValue(0));
    }

    @Test
    void theRegisterReadIsConfigurable() {
        PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, port(), 1, 7, TIMEOUT);

        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MODBUS_ANSWERED);
        assertThat(r.detail()).endsWith(" = " + expectedValue(7));
    }

    @Test
    void aReadOutsideTheDataIsAnExceptionAndStillPasses() {
        PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, port(), 1, missingRegister(), TIMEOUT);

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.PASSED);
        assertThat(r.reason()).isEqualTo(Reason.MODBUS_EXCEPTION);
        assertThat(r.modbusExceptionCode()).hasValue(2);
        assertThat(r.detail()).contains("exception 2 (illegal data address)");
    }

    @Test
    void aUnitIdTheServerDoesNotServeGetsNoAnswerWithinTheTimeout() {
        long start = System.nanoTime();
        PreflightResult r = ModbusTcpProbe.probe(Peers.LOOPBACK, port(), 2, SHORT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo(Reason.MODBUS_NO_ANSWER);
        assertThat(r.detail()).contains("no answer", "unit id 2", "600 ms");
        assertThat(took).isGreaterThanOrEqualTo(SHORT.minusMillis(50)).isLessThan(SHORT.plusSeconds(1));
    }

    @Test
    void theProbeLeavesTheOneClientSlotFreeForTheNext() {
        for (int i = 0; i < 3; i++) {
            assertThat(ModbusTcpProbe.probe(Peers.LOOPBACK, port(), 1, TIMEOUT).reason())
                    .isEqualTo(Reason.MODBUS_ANSWERED);
        }
    }
}
