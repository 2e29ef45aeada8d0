package com.sourceful.commissioner.visit;

import java.time.Instant;

import com.sourceful.commissioner.commissioning.CommissioningSession;

/**
 * One visit to a site as saved: the session's whole state after the latest change, and when the visit began, was
 * last saved and whether the technician finished it. Never a token, password or key.
 *
 * @param id        random, stable for the visit (a UUID)
 * @param finished  the technician ended the visit ("Start a new visit", or the report handed over); an unfinished
 *                  visit is offered for resuming at the next start
 */
public record SiteVisit(String id, Instant startedAt, Instant savedAt, boolean finished,
                        CommissioningSession.Snapshot session) {
}
