package com.sourceful.commissioner.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class LoopbackNetworkTest {

    @Test
    @EnabledOnOs(OS.LINUX) // the premise of the loopback tests that skip elsewhere: on Linux they always run
    void onLinuxAllOfLoopbackBindsAndMulticastOnItComesBack() {
        assertThatCode(() -> LoopbackNetwork.assumeBindable("127.0.0.1", "127.0.0.3", "127.0.0.254"))
                .doesNotThrowAnyException();
        assertThat(LoopbackNetwork.multicastProblem()).isNull();
    }

    @Test
    void anAddressThisMachineDoesNotHoldIsNamedWithTheReason() {
        // Binding sends nothing: 192.0.2.1 (documentation range) is only looked for among this machine's own.
        assertThatThrownBy(() -> LoopbackNetwork.assumeBindable("127.0.0.1", "192.0.2.1"))
                .isInstanceOfAny(AssertionFailedError.class, TestAbortedException.class)
                .hasMessageContaining("192.0.2.1 cannot be bound here").hasMessageContaining("ifconfig lo0 alias");
    }

    @Test
    void onLinuxALackFailsAndElsewhereItSkips() {
        Class<?> expected = RealPeers.Os.current() == RealPeers.Os.LINUX ? AssertionFailedError.class
                : TestAbortedException.class;
        assertThatThrownBy(() -> LoopbackNetwork.assumeBindable("192.0.2.1")).isExactlyInstanceOf(expected);
    }
}
