package com.sourceful.commissioner.telemetry;

import static com.sourceful.commissioner.telemetry.Readings.reading;
import static com.sourceful.commissioner.telemetry.Readings.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import com.sourceful.commissioner.telemetry.LivePolling.Answer;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.zap.TelemetrySnapshot;

import org.junit.jupiter.api.Test;

/**
 * The live poll's decisions, without a Zap or a UI: the device's readings come from a clock the test moves, and
 * "when to poll next" is the delay each answer or failure gives.
 */
class LivePollingTest {

    private final TestClock clock = TestClock.atNoon();
    private final LivePolling polling = new LivePolling(LivePolling.PERIOD);

    /** The device's reading as of now on the test clock. */
    private Optional<TelemetrySnapshot> current() {
        return Optional.of(snapshot(reading("pv", clock.millis(), "W", -2500)));
    }

    private LivePolling.Answered poll(Optional<TelemetrySnapshot> answer) {
        assertThat(polling.begin()).as("no poll in flight").isTrue();
        polling.end();
        return polling.answered(answer);
    }

    private LivePolling.Failed fail() {
        assertThat(polling.begin()).as("no poll in flight").isTrue();
        polling.end();
        return polling.failed();
    }

    @Test
    void onlyOnePollIsInFlightUntilItEnds() {
        assertThat(polling.begin()).isTrue();
        assertThat(polling.begin()).as("the Zap is never asked twice at once").isFalse();
        assertThat(polling.inFlight()).isTrue();
        polling.answered(current());
        polling.failed();
        assertThat(polling.begin()).as("still out until it ends").isFalse();
        polling.end();
        assertThat(polling.inFlight()).isFalse();
        assertThat(polling.begin()).isTrue();
        polling.restart();
        assertThat(polling.begin()).as("a poll still out stays out for another device").isFalse();
    }

    @Test
    void anAnsweringZapIsPolledEveryPeriod() {
        assertThat(poll(current()).next()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(poll(current()).next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new LivePolling(Duration.ofMillis(50)).answered(Optional.empty()).next())
                .as("tests poll faster").isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void noReadingIsWaitingBeforeTheFirstAndNoReadingAfterIt() {
        assertThat(poll(Optional.empty()).answer()).isEqualTo(Answer.WAITING);
        assertThat(poll(current()).answer()).isEqualTo(Answer.NEW_READING);
        assertThat(polling.readings()).isEqualTo(1);
        assertThat(polling.newestTimestamp()).isEqualTo(clock.millis());
        assertThat(poll(Optional.empty()).answer()).isEqualTo(Answer.NO_READING);
    }

    @Test
    void theSameReadingAgainTurnsStaleAfterThreeAnsweredPollsAndANewOneEndsIt() {
        poll(current());
        for (int i = 1; i < LivePolling.STALE_AFTER_POLLS; i++) {
            assertThat(poll(current()).answer()).isEqualTo(Answer.REPEATED);
            assertThat(polling.stale()).isFalse();
        }
        assertThat(poll(current()).answer()).isEqualTo(Answer.STALE);
        assertThat(polling.stale()).isTrue();
        assertThat(polling.unchangedPolls()).isEqualTo(LivePolling.STALE_AFTER_POLLS);
        assertThat(poll(Optional.empty()).answer()).as("a 204 does not end it").isEqualTo(Answer.NO_READING);
        assertThat(polling.stale()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(poll(current()).answer()).isEqualTo(Answer.NEW_READING);
        assertThat(polling.stale()).isFalse();
        assertThat(polling.readings()).as("a repeated reading is not a new one").isEqualTo(2);
    }

    @Test
    void anOlderReadingCountsAsTheSameAgain() {
        clock.advance(Duration.ofSeconds(5));
        poll(current());
        clock.advance(Duration.ofSeconds(-2));
        assertThat(poll(current()).answer()).isEqualTo(Answer.REPEATED);
        assertThat(polling.readings()).isEqualTo(1);
    }

    @Test
    void aSilentZapIsRetriedWithBackOffAndToldOnceLostAndOnceBack() {
        poll(current());
        LivePolling.Failed first = fail();
        assertThat(first.lost()).isTrue();
        assertThat(first.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(polling.silent()).isTrue();
        LivePolling.Failed second = fail();
        assertThat(second.lost()).as("told once").isFalse();
        assertThat(second.next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(fail().next()).isEqualTo(Duration.ofSeconds(8));
        assertThat(fail().next()).isEqualTo(Duration.ofSeconds(15));
        assertThat(fail().next()).isEqualTo(LivePolling.MAX_BACKOFF);

        LivePolling.Answered back = poll(current());
        assertThat(back.back()).isTrue();
        assertThat(back.answer()).as("the same reading, live again").isEqualTo(Answer.REPEATED);
        assertThat(back.next()).as("the back-off starts over").isEqualTo(LivePolling.PERIOD);
        assertThat(polling.silent()).isFalse();
        assertThat(poll(current()).back()).isFalse();
        assertThat(fail().next()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theBackOffDoublesFromTwiceThePeriodUpToItsCeiling() {
        assertThat(LivePolling.backoff(Duration.ofSeconds(1), 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LivePolling.backoff(Duration.ofSeconds(1), 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(LivePolling.backoff(Duration.ofMillis(100), 2)).isEqualTo(Duration.ofMillis(400));
        assertThat(LivePolling.backoff(Duration.ofSeconds(1), 4)).isEqualTo(LivePolling.MAX_BACKOFF);
        assertThat(LivePolling.backoff(Duration.ofSeconds(1), 1_000)).as("no overflow")
                .isEqualTo(LivePolling.MAX_BACKOFF);
    }

    @Test
    void anotherDeviceStartsFromScratch() {
        poll(current());
        fail();
        polling.restart();
        assertThat(polling.readings()).isZero();
        assertThat(polling.newestTimestamp()).isEqualTo(-1);
        assertThat(polling.silent()).isFalse();
        assertThat(poll(Optional.empty()).answer()).isEqualTo(Answer.WAITING);
        assertThat(fail().next()).as("failures counted afresh").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void thePeriodMustBePositive() {
        assertThatThrownBy(() -> new LivePolling(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
