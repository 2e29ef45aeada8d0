package com.sourceful.commissioner.visit;

import java.io.IOException;

/** Where {@link VisitRecorder} saves the visit: {@code store::save} of a {@link VisitStore}. */
@FunctionalInterface
public interface VisitSink {

    /** Saves the visit whole, replacing what was saved of it before (atomically: the old or the new, never half). */
    void save(SiteVisit visit) throws IOException;
}
