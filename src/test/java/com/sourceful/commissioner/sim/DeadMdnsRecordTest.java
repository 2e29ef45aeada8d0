package com.sourceful.commissioner.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;

import org.junit.jupiter.api.Test;

/** The dead record is for loopback only: any other address is refused before a packet is sent. */
class DeadMdnsRecordTest {

    @Test
    void refusesAddressesOffLoopback() throws Exception {
        InetAddress lan = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        assertThatThrownBy(() -> DeadMdnsRecord.announce(lan, "zap-0badc0de"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
    }

    @Test
    void refusesALoopbackAddressNoInterfaceHolds() throws Exception {
        // Linux answers 127.0.0.2 but lists it on no interface: jmDNS would fall back to the real network.
        InetAddress unlisted = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        if (NetworkInterface.getByInetAddress(unlisted) == null) {
            assertThatThrownBy(() -> DeadMdnsRecord.announce(unlisted, "zap-0badc0de"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void refusesASerialThatIsNotAZaps() {
        assertThatThrownBy(() -> DeadMdnsRecord.announce(InetAddress.getLoopbackAddress(), "printer"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
