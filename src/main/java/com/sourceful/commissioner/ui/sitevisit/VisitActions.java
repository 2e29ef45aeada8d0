package com.sourceful.commissioner.ui.sitevisit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFileException;

/**
 * What the overview and the resume offer do with whole visits: export this one, open one from a file, finish this one
 * (the composition backs it with {@code visit.VisitStore}; tests with a fake).
 */
public interface VisitActions {

    /** The visit as it is now, as an export writes it (its id, begun at, saved now, unfinished). JavaFX thread. */
    SiteVisit current();

    /** Writes {@code visit} to {@code target} as a visit file (atomically). Off the JavaFX thread. */
    void export(SiteVisit visit, Path target) throws IOException;

    /**
     * Reads {@code file} as untrusted input and stores it as a new unfinished visit (never over another). Off the
     * JavaFX thread.
     *
     * @throws VisitFileException the file is not a visit this app can open
     * @throws IOException        it cannot be read, or the visit cannot be stored
     */
    SiteVisit importFile(Path file) throws VisitFileException, IOException;

    /**
     * The session goes on from {@code imported} (already stored), recorded under its id; the visit so far is kept,
     * unfinished, in the store (offered for resuming at a later start). JavaFX thread.
     */
    void open(SiteVisit imported);

    /**
     * Ends the visit so far and begins a new one: the session starts empty (the technician's sign-in stays), recorded
     * under a new id; the visit so far is marked finished in the background (kept in the history). JavaFX thread.
     *
     * @param notFinished told (JavaFX thread) when the old visit could not be marked finished: it is then offered
     *                    again at the next start
     */
    void finishAndStartNew(Consumer<Throwable> notFinished);
}
