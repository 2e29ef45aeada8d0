package com.sourceful.commissioner.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.ui.common.Tasks;

class SessionControlLedgerTest {

    private static final ControlHold HOLD = new ControlHold("zap-0000aaaa", URI.create("http://127.0.0.1:9/"), "SN1",
            ControlAction.CHARGE, Instant.parse("2026-12-06T10:00:00Z"));

    private final CommissioningSession session = new CommissioningSession();
    /** What the session held each time the ledger asked for a save. */
    private final List<List<ControlHold>> savedWith = new ArrayList<>();

    @Test
    void theHoldIsInTheSessionAndSavedBeforeTakenReturns() throws Exception {
        SessionControlLedger ledger = new SessionControlLedger(session, Tasks.currentThread(), timeout -> {
            savedWith.add(session.controlHolds());
            return true;
        });

        ledger.taken(HOLD);

        assertThat(savedWith).containsExactly(List.of(HOLD));
        ledger.released(HOLD);
        assertThat(session.controlHolds()).isEmpty();
    }

    @Test
    void aVisitNotSavedInTimeStopsTheCheckAndLeavesNoHoldBehind() {
        SessionControlLedger ledger = new SessionControlLedger(session, Tasks.currentThread(), timeout -> false);

        assertThatThrownBy(() -> ledger.taken(HOLD)).isInstanceOf(IOException.class)
                .hasMessageContaining("not saved within 5 s");
        assertThat(session.controlHolds()).as("no later start offers to release what was never taken").isEmpty();
    }

    @Test
    void theResultGoesIntoTheVisit() {
        SessionControlLedger ledger = new SessionControlLedger(session, Tasks.currentThread(), timeout -> true);
        ControlResult result = new ControlResult("zap-0000aaaa", "SN1", ControlAction.CHARGE, 1000, 30,
                ControlResult.Outcome.FOLLOWED, ControlResult.Stop.HELD, ControlResult.Limited.NONE, -200,
                OptionalDouble.of(990), OptionalDouble.of(7), OptionalDouble.of(1190), OptionalDouble.of(3),
                OptionalDouble.of(0.5), OptionalDouble.of(0.51), 9, HOLD.since(), HOLD.since().plusSeconds(12),
                Optional.empty(), true, Optional.empty());

        ledger.finished(result);

        assertThat(session.controlChecks()).containsExactly(result);
    }
}
