package com.sourceful.commissioner.ui.sitevisit;

import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitProgress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, an unfinished visit is offered for resuming: "Villa Solsidan: 3 devices, 1 waiting in the outbox". Resumed,
 * the wizard goes on at the step that fits it; or a new visit starts and the old one is marked finished.
 */
public final class ResumeOfferViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeOfferViewModel.class);

    private final Tasks tasks;
    private final VisitResume visits;
    private final Consumer<WizardViewModel.Step> goTo;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private SiteVisit offered;

    /** @param goTo opens a wizard step (the wizard's {@code open}) */
    public ResumeOfferViewModel(Tasks tasks, VisitResume visits, Consumer<WizardViewModel.Step> goTo) {
        this.tasks = tasks;
        this.visits = visits;
        this.goTo = goTo;
    }

    /** Looks for an unfinished visit in the background; {@code offer} runs (UI thread) only when there is one. */
    public void check(Runnable offer) {
        tasks.job(visits::unfinished).onSuccess((Optional<SiteVisit> found) -> found.ifPresent(visit -> {
            offered = visit;
            VisitProgress.Summary s = VisitProgress.summary(visit.session());
            summary.set(Messages.get("visit.resume.summary", s.site(), s.devices(), s.waitingInOutbox()));
            offer.run();
        })).onFailure(e -> LOG.warn("Saved visits could not be read: {}", e.getClass().getName())).start();
    }

    /** The visit offered, summed up in a line. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the old visit could not be marked finished (empty: it was, or nothing was tried). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The visit offered, if one was. */
    public Optional<SiteVisit> offered() {
        return Optional.ofNullable(offered);
    }

    /** Goes on with the visit offered, at the step that fits where it was. */
    public void resume() {
        SiteVisit visit = offered;
        if (visit == null) {
            return;
        }
        offered = null;
        visits.resume(visit);
        goTo.accept(WizardViewModel.Step.valueOf(VisitProgress.resumeAt(visit.session()).name()));
    }

    /** A new visit: the one offered is marked finished (kept, not deleted); the wizard stays where it is. */
    public void startNew() {
        SiteVisit visit = offered;
        if (visit == null) {
            return;
        }
        offered = null;
        tasks.run(() -> {
            visits.startNew(visit);
            return visit;
        }, done -> problem.set(""), e -> {
            LOG.warn("The unfinished visit could not be marked finished: {}", e.getClass().getName());
            problem.set(Messages.get("visit.resume.notFinished"));
        });
    }
}
