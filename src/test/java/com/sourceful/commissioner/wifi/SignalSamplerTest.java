package com.sourceful.commissioner.wifi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;

/** The mounting-spot check: readings every interval for a while, summed up as count, weakest and median. */
class SignalSamplerTest {

    final TestClock clock = TestClock.atNoon();
    final SignalSampler sampler = new SignalSampler(clock, clock::advance);

    /** A source giving these readings in turn (null: the Zap did not answer that time). */
    static SignalSampler.RssiSource readings(Integer... values) {
        Deque<Integer> left = new ArrayDeque<>();
        for (Integer v : values) {
            left.add(v == null ? Integer.MIN_VALUE : v);
        }
        return () -> {
            int v = left.isEmpty() ? -50 : left.poll();
            if (v == Integer.MIN_VALUE) {
                throw new ZapException(ZapException.Kind.TIMEOUT, "GET /api/system", "no answer");
            }
            return OptionalInt.of(v);
        };
    }

    @Test
    void tenSecondsEveryTwoGiveSixReadingsWithTheirWeakestAndMedian() throws Exception {
        SignalSampler.Summary s = sampler.sample(readings(-60, -72, -58, -64, -61, -80), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        assertThat(s.count()).isEqualTo(6);
        assertThat(s.min()).isEqualTo(-80);
        assertThat(s.median()).isEqualTo(-62.5); // -64 and -61 in the middle
        assertThat(s.verdict()).hasValue(RssiVerdict.WEAK);
        assertThat(s.failed()).isZero();
        assertThat(clock.instant()).isEqualTo(TestClock.atNoon().instant().plusSeconds(10));
    }

    @Test
    void anOddCountHasTheMiddleReadingAsMedianAndMissedReadingsAreCounted() throws Exception {
        SignalSampler.Summary s = sampler.sample(readings(-66, null, -70, -62), Duration.ofSeconds(3),
                Duration.ofSeconds(1));
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.median()).isEqualTo(-66.0);
        assertThat(s.min()).isEqualTo(-70);
        assertThat(s.verdict()).hasValue(RssiVerdict.FAIR);
    }

    @Test
    void cancellingStopsAfterTheCurrentReadingWithWhatItHas() throws Exception {
        int[] reads = {0};
        SignalSampler.Summary s = sampler.sample(() -> {
            if (++reads[0] == 3) {
                sampler.cancel();
            }
            return OptionalInt.of(-55);
        }, Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(s.cancelled()).isTrue();
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.verdict()).hasValue(RssiVerdict.GOOD);
    }

    @Test
    void noReadingsGiveNoVerdict() {
        SignalSampler.Summary s = SignalSampler.summary(List.of(), 4, false);
        assertThat(s.count()).isZero();
        assertThat(s.verdict()).isEmpty();
    }
}
