package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.testsupport.LoopbackNetwork;

import org.junit.jupiter.api.Test;

/** zap.local over mDNS on the loopback interface only; the packet code on canned bytes. */
class ZapLocalLookupTest {

    static InetAddress loopback() throws Exception {
        return InetAddress.getByName("127.0.0.1");
    }

    @Test
    void aSimulatorAnnouncingOnLoopbackAnswersZapLocal() throws Exception {
        LoopbackNetwork.assumeMulticast(); // mDNS on 127.0.0.1
        try (ZapSimulator sim = ZapSimulator.builder().bindAddress(loopback()).port(0).announceMdns(true).start()) {
            List<Inet4Address> found = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // The simulator's jmDNS answers its host name only some seconds after it started: ask until it does.
            while (found.isEmpty() && System.nanoTime() < deadline) {
                found = ZapLocalLookup.lookup(List.of(loopback()), Duration.ofMillis(500));
            }
            assertThat(found).contains((Inet4Address) loopback());
        }
    }

    @Test
    void nothingAnsweringIsEmptyWithinTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        List<Inet4Address> found = ZapLocalLookup.lookup("nobody-" + Long.toHexString(System.nanoTime()) + ".local",
                List.of(loopback()), Duration.ofMillis(500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(found).isEmpty();
        assertThat(ms).isLessThan(1500);
    }

    @Test
    void noInterfacesAndAZeroTimeoutNeverThrow() {
        assertThat(ZapLocalLookup.lookup(List.of(), Duration.ZERO)).isNotNull();
        assertThat(ZapLocalLookup.lookup(List.of(), Duration.ofMillis(-5))).isNotNull();
    }

    @Test
    void theQueryAsksForZapLocalAWithTheUnicastBit() {
        byte[] q = ZapLocalLookup.queryPacket("zap.local");
        assertThat(q).containsExactly(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                3, 'z', 'a', 'p', 5, 'l', 'o', 'c', 'a', 'l', 0, 0, 1, 0x80, 1);
    }

    @Test
    void answersAreParsedWithNameCompression() throws Exception {
        List<Integer> m = new ArrayList<>(List.of(0, 0, 0x84, 0, 0, 1, 0, 3, 0, 0, 0, 1));
        // question at offset 12: zap.local A IN
        m.addAll(List.of(3, (int) 'z', (int) 'a', (int) 'p', 5, (int) 'l', (int) 'o', (int) 'c', (int) 'a', (int) 'l', 0,
                0, 1, 0, 1));
        // answer 1: pointer to offset 12, A, cache-flush IN, ttl 120, 192.168.1.23
        m.addAll(List.of(0xc0, 12, 0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 192, 168, 1, 23));
        // answer 2: another name "other" + pointer to "local" (offset 16): not ours
        m.addAll(List.of(5, (int) 'o', (int) 't', (int) 'h', (int) 'e', (int) 'r', 0xc0, 16, 0, 1, 0, 1, 0, 0, 0, 120,
                0, 4, 10, 0, 0, 9));
        // answer 3: a TXT record for zap.local, skipped
        m.addAll(List.of(0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 120, 0, 2, 1, (int) 'x'));
        // additional: "ZAP.LOCAL" spelled out, A 192.168.1.24
        m.addAll(List.of(3, (int) 'Z', (int) 'A', (int) 'P', 5, (int) 'L', (int) 'O', (int) 'C', (int) 'A', (int) 'L', 0,
                0, 1, 0, 1, 0, 0, 0, 120, 0, 4, 192, 168, 1, 24));
        byte[] msg = new byte[m.size()];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) (int) m.get(i);
        }
        assertThat(ZapLocalLookup.answers("zap.local", msg, msg.length)).extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.23", "192.168.1.24");
        // Truncated or looping messages are ignored, never thrown.
        assertThat(ZapLocalLookup.answers("zap.local", msg, 30)).isEmpty();
        byte[] loop = {0, 0, (byte) 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4};
        assertThat(ZapLocalLookup.answers("zap.local", loop, loop.length)).isEmpty();
        // A query (QR bit clear) is not an answer.
        byte[] query = ZapLocalLookup.queryPacket("zap.local");
        assertThat(ZapLocalLookup.answers("zap.local", query, query.length)).isEmpty();
    }
}
