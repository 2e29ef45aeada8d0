package com.sourceful.commissioner.ui.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFileException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The unfinished visit is offered in a line; resumed, the wizard goes on where it was; or it is marked finished. */
class ResumeOfferViewModelTest {

    /** Saved visits as the test says; what was resumed and finished. */
    static final class FakeVisits implements VisitResume {
        Optional<SiteVisit> unfinished = Optional.empty();
        IOException readFails;
        IOException finishFails;
        final List<SiteVisit> resumed = new ArrayList<>();
        final List<SiteVisit> finished = new ArrayList<>();

        @Override
        public Optional<SiteVisit> unfinished() throws IOException {
            if (readFails != null) {
                throw readFails;
            }
            return unfinished;
        }

        @Override
        public void resume(SiteVisit visit) {
            resumed.add(visit);
        }

        @Override
        public void startNew(SiteVisit visit) throws IOException {
            if (finishFails != null) {
                throw finishFails;
            }
            finished.add(visit);
        }
    }

    static final SiteVisit SOLSIDAN = new SiteVisit("v-1", Instant.EPOCH, Instant.EPOCH, false,
            VisitSnapshots.solsidan());

    private final FakeVisits visits = new FakeVisits();
    private final List<WizardViewModel.Step> opened = new ArrayList<>();
    private final ResumeOfferViewModel vm = new ResumeOfferViewModel(Tasks.currentThread(), visits, opened::add);
    private int offers;

    @BeforeEach
    void english() {
        Messages.setLanguage("en");
    }

    @AfterEach
    void defaultLanguage() {
        Messages.setLanguage(null);
    }

    @Test
    void nothingUnfinishedOffersNothing() {
        vm.check(() -> offers++);
        assertThat(offers).isZero();
        assertThat(vm.offered()).isEmpty();
        vm.resume();
        assertThat(visits.resumed).isEmpty();
        assertThat(opened).isEmpty();
    }

    @Test
    void savedVisitsThatCannotBeReadOfferNothing() {
        visits.unfinished = Optional.of(SOLSIDAN);
        visits.readFails = new IOException("disk");
        vm.check(() -> offers++);
        assertThat(offers).isZero();
    }

    @Test
    void theOfferSumsTheVisitUpAndResumingGoesOnWhereItWas() {
        visits.unfinished = Optional.of(SOLSIDAN);
        vm.check(() -> offers++);
        assertThat(offers).isOne();
        assertThat(vm.summaryProperty().get()).isEqualTo("Villa Solsidan: 4 devices, 1 waiting in the outbox");
        vm.resume();
        assertThat(visits.resumed).containsExactly(SOLSIDAN);
        assertThat(visits.finished).isEmpty();
        assertThat(opened).as("its current device is provisioned").containsExactly(WizardViewModel.Step.DONE);
        vm.resume();
        assertThat(visits.resumed).as("once").hasSize(1);
    }

    @Test
    void inSwedishWithOneDeviceAndNothingInTheOutbox() {
        Messages.setLanguage("sv");
        CommissioningSession.Snapshot one = new CommissioningSession.Snapshot(
                Optional.of(VisitSnapshots.ZAP1), Optional.empty(),
                List.of(VisitSnapshots.visit("ZAP1", "A", "A", false, List.of(), null, null)), Optional.of("ZAP1/A"),
                List.of(), List.of(), List.of(), Map.of(), Optional.empty(), List.of());
        visits.unfinished = Optional.of(new SiteVisit("v-2", Instant.EPOCH, Instant.EPOCH, false, one));
        vm.check(() -> offers++);
        assertThat(vm.summaryProperty().get()).isEqualTo("ZAP1: 1 enhet");
        vm.resume();
        assertThat(opened).containsExactly(WizardViewModel.Step.VERIFY);
    }

    @Test
    void startingANewVisitMarksTheOldOneFinishedAndStaysPut() {
        visits.unfinished = Optional.of(SOLSIDAN);
        vm.check(() -> offers++);
        vm.startNew();
        assertThat(visits.finished).containsExactly(SOLSIDAN);
        assertThat(visits.resumed).isEmpty();
        assertThat(opened).isEmpty();
        assertThat(vm.problemProperty().get()).isEmpty();
    }

    @Test
    void anOldVisitThatCouldNotBeMarkedFinishedIsSaidToComeBack() {
        visits.unfinished = Optional.of(SOLSIDAN);
        visits.finishFails = new IOException("read-only");
        vm.check(() -> offers++);
        vm.startNew();
        assertThat(vm.problemProperty().get()).contains("offered again at the next start");
    }

    @Test
    void aVisitFileOpenedInsteadIsGoneOnWithAndTheOfferedOneStaysUnfinished() {
        AtomicReference<CommissioningSession.Snapshot> now = new AtomicReference<>(SOLSIDAN.session());
        SiteOverviewVisitActionsTest.FakeActions actions = new SiteOverviewVisitActionsTest.FakeActions(now);
        ResumeOfferViewModel withFiles = new ResumeOfferViewModel(Tasks.currentThread(), visits, opened::add,
                actions, () -> (owner, kind) -> Optional.empty());
        assertThat(withFiles.canOpenFile()).isTrue();
        assertThat(vm.canOpenFile()).as("not wired: not offered").isFalse();
        visits.unfinished = Optional.of(SOLSIDAN);
        withFiles.check(() -> offers++);

        List<String> told = new ArrayList<>();
        actions.importFails = new VisitFileException("version: the file is of version 2, written by a newer app");
        withFiles.openFile(Path.of("new.zapvisit.json"), told::add);
        assertThat(withFiles.openProblemProperty().get()).isEqualTo("new.zapvisit.json could not be opened. The "
                + "file was written by a newer Zap Commissioner (visit format 2). Update the app to open it. Nothing "
                + "was changed.");
        assertThat(withFiles.offered()).as("still offered").contains(SOLSIDAN);
        assertThat(told).isEmpty();

        actions.importFails = null;
        withFiles.openFile(Path.of("norrsken.zapvisit.json"), told::add);
        assertThat(actions.opened).containsExactly(SiteOverviewVisitActionsTest.COLLEAGUES);
        assertThat(opened).containsExactly(WizardViewModel.Step.VERIFY);
        assertThat(visits.resumed).isEmpty();
        assertThat(visits.finished).as("the visit offered stays unfinished").isEmpty();
        assertThat(withFiles.offered()).isEmpty();
        assertThat(told).containsExactly("Villa Norrsken: 1 device – opened from norrsken.zapvisit.json; it goes on "
                + "here as a visit of this computer. The unfinished visit offered (Villa Solsidan: 4 devices, 1 "
                + "waiting in the outbox) stays unfinished and is offered again at a later start.");
        withFiles.resume();
        assertThat(visits.resumed).as("the offer is over").isEmpty();
    }
}
