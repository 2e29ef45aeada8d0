package com.sourceful.commissioner.ui.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.beans.property.SimpleBooleanProperty;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFileException;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The overview's export, open and finish, and each Zap's health line, against a fake store. */
class SiteOverviewVisitActionsTest {

    static final SiteVisit COLLEAGUES = new SiteVisit("v-2", Instant.EPOCH, Instant.EPOCH, false, new Snapshot(
            Optional.of(VisitSnapshots.ZAP2), Optional.of(new CommissioningSession.SiteChoice(Optional.empty(),
            "Villa Norrsken")), List.of(VisitSnapshots.visit("ZAP2", "BAT1", "Battery", false, List.of(), null,
            null)), Optional.of("ZAP2/BAT1"), List.of(), List.of(), List.of(), Map.of("ZAP2", "org-2"),
            Optional.empty(), List.of()));

    /** The visit's actions as the test says; what was exported, opened and finished. */
    static final class FakeActions implements VisitActions {
        final AtomicReference<Snapshot> now;
        final Map<Path, SiteVisit> exported = new HashMap<>();
        final List<SiteVisit> opened = new ArrayList<>();
        int finished;
        Exception importFails;
        IOException exportFails;
        Throwable finishFails;

        FakeActions(AtomicReference<Snapshot> now) {
            this.now = now;
        }

        @Override
        public SiteVisit current() {
            return new SiteVisit("v-1", Instant.parse("2026-12-06T08:00:00Z"),
                    Instant.parse("2026-12-06T09:42:00Z"), false, now.get());
        }

        @Override
        public void export(SiteVisit visit, Path target) throws IOException {
            if (exportFails != null) {
                throw exportFails;
            }
            exported.put(target, visit);
        }

        @Override
        public SiteVisit importFile(Path file) throws VisitFileException, IOException {
            if (importFails instanceof VisitFileException v) {
                throw v;
            }
            if (importFails instanceof IOException io) {
                throw io;
            }
            return COLLEAGUES;
        }

        @Override
        public void open(SiteVisit imported) {
            opened.add(imported);
            now.set(imported.session());
        }

        @Override
        public void finishAndStartNew(Consumer<Throwable> notFinished) {
            finished++;
            now.set(new Snapshot(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(),
                    List.of(), List.of(), Map.of(), Optional.empty(), List.of()));
            if (finishFails != null) {
                notFinished.accept(finishFails);
            }
        }
    }

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(VisitSnapshots.solsidan());
    private final FakeActions actions = new FakeActions(snapshot);
    private final List<WizardViewModel.Step> steps = new ArrayList<>();
    private final Map<String, FoundZap> found = new HashMap<>();
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(false);
    private final SiteOverviewViewModel vm = new SiteOverviewViewModel(snapshot::get, new CommissioningSession(),
            serial -> Optional.empty(), steps::add, serial -> Optional.ofNullable(found.get(serial)), actions,
            Tasks.currentThread(), ZoneOffset.ofHours(1), busy);

    @BeforeEach
    void english() {
        Messages.setLanguage("en");
        vm.refresh();
    }

    @AfterEach
    void defaultLanguage() {
        Messages.setLanguage(null);
    }

    private ZapProgress zap(int index) {
        return vm.progressProperty().get().get(index);
    }

    @Test
    void eachZapSaysWhereItAnswersItsFirmwareWhenTheSearchFoundItAndItsDevices() {
        found.put("ZAP1", new FoundZap("ZAP1", URI.create("http://127.0.0.1:8080"), "1.4.2", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), 3, Set.of(FoundZap.Source.MDNS),
                Instant.parse("2026-12-06T09:42:10Z"), true));
        assertThat(vm.healthLine(zap(0)))
                .isEqualTo("at 127.0.0.1:8080 · firmware 1.4.2 · answered the search at 10:42 · 3 devices at the "
                        + "last check");
        found.put("ZAP1", found.get("ZAP1").withAnswering(false).withDeviceCount(-1));
        assertThat(vm.healthLine(zap(0))).isEqualTo("at 127.0.0.1:8080 · firmware 1.4.2 · did not answer the "
                + "search's latest check (found at 10:42)");
        // Not seen by the search: what the visit knows of it (the chosen Zap), and says it was not seen.
        found.clear();
        assertThat(vm.healthLine(zap(0)))
                .isEqualTo("at 127.0.0.1:1 · firmware 1.0 · not seen by the search since the app started");
        assertThat(vm.healthLine(zap(1))).isEqualTo("not seen by the search since the app started");
        Messages.setLanguage("sv");
        assertThat(vm.healthLine(zap(1))).isEqualTo("inte sedd av sökningen sedan appen startade");
    }

    @Test
    void aZapChosenEarlierInTheVisitAndNotSeenBySearchSaysWhereTheVisitKnewIt() {
        Snapshot s = snapshot.get();
        snapshot.set(new Snapshot(s.gateway(), s.site(), s.visits(), s.currentDevice(), s.loadTests(), s.removals(),
                s.wifiChanges(), s.claims(), s.technician(), s.history(), List.of(VisitSnapshots.ZAP2)));
        vm.refresh();

        ZapProgress zap2 = vm.progressProperty().get().stream().filter(z -> z.serial().equals("ZAP2")).findFirst()
                .orElseThrow();
        assertThat(vm.healthLine(zap2)).isEqualTo("at " + VisitSnapshots.ZAP2.baseUri().getAuthority()
                + " · firmware " + VisitSnapshots.ZAP2.firmwareVersion()
                + " · not seen by the search since the app started");
    }

    @Test
    void theExportIsNamedForTheSiteAndSaysWhereItWent() {
        assertThat(vm.exportName()).isEqualTo("visit-Villa-Solsidan-20261206-1042.zapvisit.json");
        Path target = Path.of("out", "visit.zapvisit.json");
        vm.export(target);
        assertThat(actions.exported).containsOnlyKeys(target);
        assertThat(actions.exported.get(target).session()).isEqualTo(VisitSnapshots.solsidan());
        assertThat(vm.statusProperty().get()).isEqualTo("Visit exported: " + target
                + ". On another laptop, open it with “Open a visit file…” in the site overview.");
        assertThat(vm.statusToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(vm.workingProperty().get()).isFalse();

        actions.exportFails = new AccessDeniedException(target.toString());
        vm.export(target);
        assertThat(vm.statusProperty().get()).startsWith("The visit could not be exported as " + target)
                .contains("This computer does not allow writing in that folder.");
        assertThat(vm.statusToneProperty().get()).isEqualTo(Tone.ERROR);
    }

    @Test
    void anOpenedFileIsGoneOnWithAndTheVisitOpenUntilThenIsSaidToBeKept() {
        List<String> told = new ArrayList<>();
        vm.open(Path.of("in", "visit-Villa-Norrsken.zapvisit.json"), told::add);
        assertThat(actions.opened).containsExactly(COLLEAGUES);
        assertThat(steps).containsExactly(WizardViewModel.Step.VERIFY);
        assertThat(told).containsExactly("Villa Norrsken: 1 device – opened from visit-Villa-Norrsken.zapvisit.json;"
                + " it goes on here as a visit of this computer. The visit you had open (Villa Solsidan: 4 devices,"
                + " 1 waiting in the outbox) is kept unfinished on this computer and offered for resuming at a later"
                + " start.");
        assertThat(vm.progressProperty().get()).extracting(ZapProgress::serial).containsExactly("ZAP2");
    }

    @Test
    void aFileThatIsNotAVisitSaysWhatIsWrongAndChangesNothing() {
        List<String> told = new ArrayList<>();
        actions.importFails = new VisitFileException("session.visits[2].device.sn: missing");
        vm.open(Path.of("in", "broken.json"), told::add);
        assertThat(vm.statusProperty().get()).isEqualTo("broken.json could not be opened. The field "
                + "session.visits[2].device.sn is missing: the file is damaged or was changed by hand. Nothing was "
                + "changed.");
        assertThat(vm.statusToneProperty().get()).isEqualTo(Tone.ERROR);
        actions.importFails = new VisitFileException("not JSON (line 1 column 1)");
        vm.open(Path.of("in", "photo.jpg"), told::add);
        assertThat(vm.statusProperty().get())
                .isEqualTo("photo.jpg could not be opened. This file is not a visit file of Zap Commissioner. "
                        + "Nothing was changed.");
        Messages.setLanguage("sv");
        actions.importFails = new VisitFileException("larger than 16777216 bytes");
        vm.open(Path.of("in", "huge.json"), told::add);
        assertThat(vm.statusProperty().get()).isEqualTo("huge.json kunde inte öppnas. Filen är större än 16 MB – "
                + "ingen besöksfil är så stor. Inget ändrades.");
        assertThat(told).isEmpty();
        assertThat(actions.opened).isEmpty();
        assertThat(steps).isEmpty();
        assertThat(snapshot.get()).isEqualTo(VisitSnapshots.solsidan());
    }

    @Test
    void finishingListsWhatIsLeftThenANewVisitBeginsAtFind() {
        assertThat(vm.leftLines()).containsExactly(
                "P1 meter (MTR1): its DERs do not publish; not provisioned",
                "Charger (EVC1): waiting in the outbox",
                "Zap ZAP2: not claimed",
                "Battery (BAT1): not verified; its DERs do not publish; not provisioned");
        List<String> problems = new ArrayList<>();
        vm.finish(problems::add);
        assertThat(actions.finished).isEqualTo(1);
        assertThat(steps).containsExactly(WizardViewModel.Step.FIND);
        assertThat(vm.progressProperty().get()).isEmpty();
        assertThat(vm.leftLines()).isEmpty();
        assertThat(vm.statusProperty().get()).isEmpty();

        actions.finishFails = new IOException("disk");
        assertThat(problems).isEmpty();
        vm.finish(problems::add);
        assertThat(vm.statusProperty().get())
                .isEqualTo("The visit could not be marked finished; it is offered again at the next start.");
        assertThat(problems).containsExactly(vm.statusProperty().get());
    }

    @Test
    void anotherVisitIsNotOpenedNorThisOneFinishedWhileTheStepWorks() {
        assertThat(vm.canSwitchProperty().get()).isTrue();
        busy.set(true);
        assertThat(vm.canSwitchProperty().get()).isFalse();
    }
}
