package com.sourceful.commissioner.ui.app;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.control.ControlHold;
import com.sourceful.commissioner.control.ControlLedger;
import com.sourceful.commissioner.control.ControlResult;
import com.sourceful.commissioner.ui.common.Tasks;

/**
 * The control checks' ledger is the visit record: a hold goes into the session on the JavaFX thread (its only
 * thread), and the check starts only once the visit with the hold is on disk, so a crash mid-check leaves a record
 * the next start finds ({@link ControlHolds}). Releases and results go into the session the same way, without waiting.
 */
final class SessionControlLedger implements ControlLedger {

    /** How long a check waits for the hold to be on disk before it gives up (and sends nothing). */
    static final Duration SAVE_WAIT = Duration.ofSeconds(5);

    /** Saves every change so far; false when not in time. */
    interface Saves {
        boolean flush(Duration timeout) throws InterruptedException;
    }

    private final CommissioningSession session;
    private final Tasks tasks;
    private final Saves saves;

    SessionControlLedger(CommissioningSession session, Tasks tasks, Saves saves) {
        this.session = session;
        this.tasks = tasks;
        this.saves = saves;
    }

    @Override
    public void taken(ControlHold hold) throws IOException {
        CompletableFuture<Void> inSession = new CompletableFuture<>();
        tasks.onUiThread(() -> {
            session.controlTaken(hold);
            inSession.complete(null);
        });
        try {
            inSession.get(SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!saves.flush(SAVE_WAIT)) {
                throw new IOException("the visit was not saved within " + SAVE_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notTaken(hold, new IOException("interrupted while saving the visit", e));
        } catch (ExecutionException | TimeoutException e) {
            throw notTaken(hold, new IOException("the visit could not be updated", e));
        } catch (IOException e) {
            throw notTaken(hold, e);
        }
    }

    /** The check will not start: the hold comes out again, so no later start offers to release what was never taken. */
    private IOException notTaken(ControlHold hold, IOException why) {
        tasks.onUiThread(() -> session.controlReleased(hold));
        return why;
    }

    @Override
    public void released(ControlHold hold) {
        tasks.onUiThread(() -> session.controlReleased(hold));
    }

    @Override
    public void finished(ControlResult result) {
        tasks.onUiThread(() -> session.recordControlCheck(result));
    }
}
