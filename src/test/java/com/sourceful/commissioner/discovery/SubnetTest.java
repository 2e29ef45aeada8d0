package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class SubnetTest {

    @Test
    void parsesCidrAndMasksTheNetwork() {
        assertThat(Subnet.parse("127.0.0.0/24").toString()).isEqualTo("127.0.0.0/24");
        assertThat(Subnet.parse(" 192.168.1.77/25 ").toString()).isEqualTo("192.168.1.0/25");
        assertThat(Subnet.parse("10.0.0.5/32").toString()).isEqualTo("10.0.0.5/32");
    }

    @Test
    void refusesWhatIsNotASweepableIpv4Subnet() {
        assertThatThrownBy(() -> Subnet.parse("192.168.1.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ADDRESS/PREFIX");
        assertThatThrownBy(() -> Subnet.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subnet.parse("zap.local/24")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Subnet.parse("fe80::1/120")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Subnet.parse("300.1.1.1/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subnet.parse("192.168.1.0/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> Subnet.parse("10.0.0.0/16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/24 or smaller");
        assertThatThrownBy(() -> Subnet.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Found by SubnetPropertyTest: a sign, other scripts' digits and leading-zero octets were accepted. */
    @Test
    void onlyAsciiDigitsAndCanonicalOctets() {
        for (String bad : new String[] {"0.0.0.0/\u0662\u0664", "127.0.0.0/+24", "127.0.0.0/\uff12\uff14",
                "010.0.0.0/24", "127.000.0.0/24", "999.1.1.1/24"}) {
            assertThatThrownBy(() -> Subnet.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Subnet.parse("127.0.0.0/024").prefix()).isEqualTo(24);
    }

    @Test
    void aroundNarrowsWideSubnetsToTheSlash24OfTheAddress() throws Exception {
        InetAddress laptop = InetAddress.getByName("10.20.30.40");
        assertThat(Subnet.around(laptop, 8).toString()).isEqualTo("10.20.30.0/24");
        assertThat(Subnet.around(laptop, 16).toString()).isEqualTo("10.20.30.0/24");
        assertThat(Subnet.around(laptop, 24).toString()).isEqualTo("10.20.30.0/24");
        assertThat(Subnet.around(laptop, 26).toString()).isEqualTo("10.20.30.0/26");
        assertThat(Subnet.around(laptop, 28).toString()).isEqualTo("10.20.30.32/28");
        assertThat(Subnet.around(InetAddress.getByName("127.0.0.1"), 8).toString()).isEqualTo("127.0.0.0/24");
        assertThat(Subnet.around(laptop, 24).contains(InetAddress.getByName("10.20.30.254"))).isTrue();
        assertThat(Subnet.around(laptop, 24).contains(InetAddress.getByName("10.20.31.1"))).isFalse();
        assertThatThrownBy(() -> Subnet.around(InetAddress.getByName("::1"), 64))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsLeaveOutNetworkAndBroadcast() {
        Subnet s24 = Subnet.parse("127.0.0.0/24");
        assertThat(s24.size()).isEqualTo(254);
        assertThat(s24.hosts().get(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(s24.hosts().get(253).getHostAddress()).isEqualTo("127.0.0.254");
        assertThat(Subnet.parse("192.168.1.4/30").hosts()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.5", "192.168.1.6");
        assertThat(Subnet.parse("192.168.1.4/31").hosts()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.4", "192.168.1.5");
        assertThat(Subnet.parse("192.168.1.9/32").hosts()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.9");
    }
}
