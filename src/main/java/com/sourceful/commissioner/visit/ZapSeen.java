package com.sourceful.commissioner.visit;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.FoundZap;

/**
 * What is known now of a Zap of the visit, for the overview: whether it answered the Find step's search and its
 * re-checks, when it was found answering, its address, firmware and number of devices. Read from what the search
 * already knows, never by asking the Zap again (it serves one request at a time). The search re-checks its Zaps only
 * while the technician is on the Find step, so this is as of then: "answered at 10:42", not "healthy".
 *
 * @param foundAt     when the search last found it answering; empty when it was not seen
 * @param address     host (and port, if not 80) it answers at, else the last known one from the visit
 * @param devices     how many devices the Zap listed at its last check; empty when not known
 */
public record ZapSeen(Answer answer, Optional<Instant> foundAt, Optional<String> address,
                        Optional<String> firmware, OptionalInt devices) {

    /** Whether the Zap answers, as far as the search knows. */
    public enum Answer {
        /** It answered, and its latest re-check (if any) too. */
        ANSWERING,
        /** The search found it, but its latest re-check got no answer. */
        SILENT,
        /** The search has not seen it since the app started (an imported or resumed visit's Zap, not here). */
        NOT_SEEN
    }

    /**
     * @param found the search's row of the Zap, if it has one
     * @param known the visit's own record of the Zap (the chosen Zap), for its address and firmware when unseen
     */
    public static ZapSeen of(Optional<FoundZap> found, Optional<CommissioningSession.Gateway> known) {
        if (found.isPresent()) {
            FoundZap z = found.get();
            return new ZapSeen(z.answering() ? Answer.ANSWERING : Answer.SILENT, Optional.ofNullable(z.lastSeen()),
                    Optional.of(z.address()), nonBlank(z.firmwareVersion()),
                    z.deviceCount() >= 0 ? OptionalInt.of(z.deviceCount()) : OptionalInt.empty());
        }
        return new ZapSeen(Answer.NOT_SEEN, Optional.empty(),
                known.map(CommissioningSession.Gateway::baseUri).filter(u -> u != null && u.getHost() != null)
                        .map(u -> u.getPort() == -1 || u.getPort() == 80 ? u.getHost()
                                : u.getHost() + ":" + u.getPort()),
                known.flatMap(g -> nonBlank(g.firmwareVersion())), OptionalInt.empty());
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
