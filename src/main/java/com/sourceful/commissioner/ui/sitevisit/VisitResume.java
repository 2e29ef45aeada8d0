package com.sourceful.commissioner.ui.sitevisit;

import java.io.IOException;
import java.util.Optional;

import com.sourceful.commissioner.visit.SiteVisit;

/**
 * The saved visits as the resume offer needs them (the composition backs it with {@code visit.VisitStore} and
 * {@code CommissioningSession.restore}; tests with a fake).
 */
public interface VisitResume {

    /** No saved visits: nothing is ever offered. */
    VisitResume NONE = new VisitResume() {
        @Override
        public Optional<SiteVisit> unfinished() {
            return Optional.empty();
        }

        @Override
        public void resume(SiteVisit visit) {
        }

        @Override
        public void startNew(SiteVisit visit) {
        }
    };

    /** The newest visit not finished, if any. Reads files: never on the JavaFX thread. */
    Optional<SiteVisit> unfinished() throws IOException;

    /** The session goes on from {@code visit}'s. On the JavaFX thread (the session's). */
    void resume(SiteVisit visit);

    /** {@code visit} is marked finished (kept in the history, not deleted); a new visit starts. Off the FX thread. */
    void startNew(SiteVisit visit) throws IOException;
}
