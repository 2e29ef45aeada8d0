package com.sourceful.commissioner.ui.sitevisit;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.OpenChooser;
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
    private final ReadOnlyStringWrapper openProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(false);
    private final VisitActions actions;
    private final Supplier<OpenChooser> opens;
    private SiteVisit offered;

    /** @param goTo opens a wizard step (the wizard's {@code open}) */
    public ResumeOfferViewModel(Tasks tasks, VisitResume visits, Consumer<WizardViewModel.Step> goTo) {
        this(tasks, visits, goTo, null, OpenChooser::fileChooser);
    }

    /**
     * With "Open a visit file…" beside Resume and Start a new visit.
     *
     * @param actions opens a visit file; null: not offered
     * @param opens   which file to open (tests answer without a dialog)
     */
    public ResumeOfferViewModel(Tasks tasks, VisitResume visits, Consumer<WizardViewModel.Step> goTo,
                                VisitActions actions, Supplier<OpenChooser> opens) {
        this.tasks = tasks;
        this.visits = visits;
        this.goTo = goTo;
        this.actions = actions;
        this.opens = opens;
    }

    /** Looks for an unfinished visit in the background; {@code offer} runs (UI thread) only when there is one. */
    public void check(Runnable offer) {
        tasks.job(visits::unfinished).onSuccess((Optional<SiteVisit> found) -> found.ifPresent(visit -> {
            offered = visit;
            summary.set(line(visit));
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

    /** Whether "Open a visit file…" is offered. */
    public boolean canOpenFile() {
        return actions != null;
    }

    /** How to ask for the file. */
    public OpenChooser openChooser() {
        return opens.get();
    }

    /** Why the file chosen could not be opened (empty: none tried, or it opened). */
    public ReadOnlyStringProperty openProblemProperty() {
        return openProblem.getReadOnlyProperty();
    }

    /** A file is being read. */
    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    /**
     * Instead of the visit offered, a visit file (a colleague's export): read in the background and, when it is a
     * visit, stored here as a new one and gone on with at the step that fits it; the visit offered stays unfinished
     * and is offered again at a later start. {@code opened} gets the line that says so. A file that is not a visit:
     * {@link #openProblemProperty()} says why, and the offer stays.
     */
    public void openFile(Path file, Consumer<String> opened) {
        SiteVisit visit = offered;
        if (visit == null || actions == null) {
            return;
        }
        opening.set(true);
        openProblem.set("");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        tasks.job(() -> actions.importFile(file)).andFinally(() -> opening.set(false)).onSuccess(imported -> {
            if (offered != visit) {
                // Resumed or started anew meanwhile: that stands; the file's visit waits, unfinished, in the store.
                return;
            }
            offered = null;
            actions.open(imported);
            goTo.accept(WizardViewModel.Step.valueOf(VisitProgress.resumeAt(imported.session()).name()));
            opened.accept(Messages.get("visit.open.opened", line(imported), name) + " "
                    + Messages.get("visit.open.keptOffered", line(visit)));
        }).onFailure(e -> openProblem.set(Messages.get("visit.open.failed", name, VisitFileTexts.whyNotOpened(e))))
                .start();
    }

    private static String line(SiteVisit visit) {
        VisitProgress.Summary s = VisitProgress.summary(visit.session());
        return Messages.get("visit.resume.summary", s.site(), s.devices(), s.waitingInOutbox());
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
