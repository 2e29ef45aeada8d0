package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.visit.ZapSeen.Answer;

import org.junit.jupiter.api.Test;

/** A Zap's health as the search knows it: answering or not, since when, where, which firmware, how many devices. */
class ZapSeenTest {

    static final Instant AT = Instant.parse("2026-12-06T09:42:00Z");
    static final CommissioningSession.Gateway KNOWN =
            new CommissioningSession.Gateway("ZAP1", URI.create("http://127.0.0.1:8080"), "1.4.0");

    static FoundZap found(boolean answering, int devices) {
        return new FoundZap("ZAP1", URI.create("http://127.0.0.1:9090"), "1.4.2", Optional.empty(), OptionalInt.empty(),
                Optional.empty(), devices, Set.of(FoundZap.Source.MDNS), AT, answering);
    }

    @Test
    void aZapTheSearchFoundSaysWhetherItAnswersItsAddressFirmwareAndDevices() {
        ZapSeen h = ZapSeen.of(Optional.of(found(true, 3)), Optional.of(KNOWN));
        assertThat(h).isEqualTo(new ZapSeen(Answer.ANSWERING, Optional.of(AT), Optional.of("127.0.0.1:9090"),
                Optional.of("1.4.2"), OptionalInt.of(3)));
        assertThat(ZapSeen.of(Optional.of(found(false, -1)), Optional.empty()))
                .isEqualTo(new ZapSeen(Answer.SILENT, Optional.of(AT), Optional.of("127.0.0.1:9090"),
                        Optional.of("1.4.2"), OptionalInt.empty()));
    }

    @Test
    void aZapTheSearchHasNotSeenSaysSoWithWhatTheVisitKnows() {
        assertThat(ZapSeen.of(Optional.empty(), Optional.of(KNOWN))).isEqualTo(new ZapSeen(Answer.NOT_SEEN,
                Optional.empty(), Optional.of("127.0.0.1:8080"), Optional.of("1.4.0"), OptionalInt.empty()));
        assertThat(ZapSeen.of(Optional.empty(), Optional.empty())).isEqualTo(new ZapSeen(Answer.NOT_SEEN,
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty()));
    }
}
