package com.sourceful.commissioner.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command-line form of a fault: every kind parses, writes itself back, and a mistake says what is accepted. */
class ZapFaultTest {

    @Test
    void parsesEveryKind() {
        assertThat(ZapFault.parse("latency=2s")).isEqualTo(ZapFault.Latency.fixed(Duration.ofSeconds(2)));
        assertThat(ZapFault.parse("latency=500ms")).isEqualTo(ZapFault.Latency.fixed(Duration.ofMillis(500)));
        assertThat(ZapFault.parse("latency=1.5s")).isEqualTo(ZapFault.Latency.fixed(Duration.ofMillis(1500)));
        assertThat(ZapFault.parse("latency=1s..15s"))
                .isEqualTo(new ZapFault.Latency(Duration.ofSeconds(1), Duration.ofSeconds(15)));
        assertThat(ZapFault.parse("status=500")).isEqualTo(new ZapFault.Status(500));
        assertThat(ZapFault.parse("low-memory")).isEqualTo(new ZapFault.LowMemory());
        assertThat(ZapFault.parse("no-content")).isEqualTo(new ZapFault.NoContent());
        assertThat(ZapFault.parse("malformed-json")).isEqualTo(new ZapFault.MalformedJson());
        assertThat(ZapFault.parse("truncated")).isEqualTo(new ZapFault.TruncatedBody());
        assertThat(ZapFault.parse("wrong-content-type")).isEqualTo(new ZapFault.WrongContentType());
        assertThat(ZapFault.parse("huge-body")).isEqualTo(new ZapFault.HugeBody(50L * 1024 * 1024));
        assertThat(ZapFault.parse("huge-body=3MB")).isEqualTo(new ZapFault.HugeBody(3L * 1024 * 1024));
        assertThat(ZapFault.parse("huge-body=512kb")).isEqualTo(new ZapFault.HugeBody(512L * 1024));
        assertThat(ZapFault.parse("huge-body=1000")).isEqualTo(new ZapFault.HugeBody(1000));
        assertThat(ZapFault.parse(" RESET ")).isEqualTo(new ZapFault.ResetMidBody());
        assertThat(ZapFault.parse("never-answers")).isEqualTo(new ZapFault.NeverAnswers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latency=2s", "latency=250ms", "latency=1s..15s", "status=418", "low-memory", "no-content",
            "malformed-json", "truncated", "wrong-content-type", "huge-body=50MB", "huge-body=100", "reset",
            "never-answers"})
    void specRoundTrips(String spec) {
        ZapFault f = ZapFault.parse(spec);
        assertThat(f.spec()).isEqualTo(spec);
        assertThat(ZapFault.parse(f.spec())).isEqualTo(f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "slow", "latency", "latency=", "latency=2", "latency=16s", "latency=5s..1s",
            "latency=-1s", "latency=1.5ms", "status", "status=99", "status=600", "status=abc", "reset=1",
            "never-answers=yes", "huge-body=0", "huge-body=5PB", "huge-body=lots"})
    void badSpecsSayWhatIsWrong(String spec) {
        assertThatThrownBy(() -> ZapFault.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null")
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void unknownKindListsTheAcceptedOnes() {
        assertThatThrownBy(() -> ZapFault.parse("slow"))
                .hasMessageContaining("unknown fault 'slow'")
                .hasMessageContaining("latency=2s")
                .hasMessageContaining("never-answers");
    }

    @Test
    void valuesCheckTheirRanges() {
        assertThatThrownBy(() -> new ZapFault.Latency(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("backwards");
        assertThatThrownBy(() -> ZapFault.Latency.fixed(Duration.ofSeconds(16))).hasMessageContaining("0..15 s");
        assertThatThrownBy(() -> new ZapFault.Status(600)).hasMessageContaining("100..599");
        assertThatThrownBy(() -> new ZapFault.HugeBody(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ZapFault.Latency.fixed(Duration.ofSeconds(15)).max()).isEqualTo(ZapFault.MAX_LATENCY);
    }
}
