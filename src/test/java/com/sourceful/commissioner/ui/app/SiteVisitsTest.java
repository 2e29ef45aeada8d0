package com.sourceful.commissioner.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFile;
import com.sourceful.commissioner.visit.VisitStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The visit of this run against a real store: a visit file opened goes on under its new id and the visit so far
 * stays unfinished; "Finish visit" marks the visit so far finished and begins an empty one under a new id.
 */
class SiteVisitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final CommissioningSession session = new CommissioningSession();
    private final List<Exception> saveFailures = new ArrayList<>();
    private SiteVisits visits;
    /** The test's reader, made before the app's store writes: a store made cleans temporary files, a save's too. */
    private VisitStore reader;

    private SiteVisits started() throws Exception {
        reader = new VisitStore(dir.resolve("visits"));
        AppConfig config = new AppConfig(false, ZapDiscovery.Options.defaults(), Optional.empty(), Optional.empty(),
                Map.of(), dir.resolve("outbox")).withVisitsIn(dir.resolve("visits"));
        visits = new SiteVisits(CompletableFuture.completedFuture(config), session, Tasks.currentThread(),
                Clock.fixed(Instant.parse("2026-12-06T09:42:00Z"), ZoneOffset.UTC), saveFailures::add);
        visits.start();
        return visits;
    }

    @AfterEach
    void close() {
        if (visits != null) {
            visits.close();
        }
    }

    private VisitStore store() {
        return reader;
    }

    /** Polls until {@code done} (the recorder saves on its own thread), at most {@link #WAIT}. */
    private static void await(Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.call()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private Optional<SiteVisit> saved(String id) throws Exception {
        return store().history().stream().filter(v -> v.id().equals(id)).findFirst();
    }

    private static CommissioningSession.SiteChoice site(String name) {
        return new CommissioningSession.SiteChoice(Optional.empty(), name);
    }

    @Test
    void aVisitFileOpenedGoesOnUnderItsNewIdAndTheVisitSoFarStaysUnfinished() throws Exception {
        SiteVisits v = started();
        session.siteChosen(site("Villa Solsidan"));
        String mine = v.current().id();
        await(() -> saved(mine).isPresent());

        CommissioningSession elsewhere = new CommissioningSession();
        elsewhere.siteChosen(site("Villa Norrsken"));
        SiteVisit colleagues = new SiteVisit(UUID.randomUUID().toString(), Instant.parse("2026-12-05T08:00:00Z"),
                Instant.parse("2026-12-05T10:00:00Z"), false, elsewhere.snapshot());
        Path file = Files.writeString(dir.resolve("norrsken.zapvisit.json"), VisitFile.write(colleagues));

        SiteVisit imported = v.importFile(file);
        v.open(imported);
        assertThat(session.snapshot()).isEqualTo(colleagues.session());
        assertThat(v.current().id()).isEqualTo(imported.id()).isNotEqualTo(colleagues.id());
        assertThat(v.current().startedAt()).isEqualTo(colleagues.startedAt());

        session.technician("idt-2");
        await(() -> saved(imported.id()).map(s -> s.session().technician().isPresent()).orElse(false));
        assertThat(saved(mine)).as("kept, unfinished: offered again later").get()
                .satisfies(s -> {
                    assertThat(s.finished()).isFalse();
                    assertThat(s.session().site()).contains(site("Villa Solsidan"));
                });
        assertThat(store().history()).hasSize(2);
        assertThat(saveFailures).isEmpty();
    }

    @Test
    void finishingKeepsTheVisitFinishedAndBeginsAnEmptyOneUnderANewId() throws Exception {
        SiteVisits v = started();
        session.technician("idt-1");
        session.siteChosen(site("Villa Solsidan"));
        String mine = v.current().id();
        await(() -> saved(mine).map(s -> s.session().site().isPresent()).orElse(false));

        List<Throwable> notFinished = new ArrayList<>();
        v.finishAndStartNew(notFinished::add);
        assertThat(notFinished).isEmpty();
        assertThat(saved(mine)).get().extracting(SiteVisit::finished).isEqualTo(true);
        assertThat(saved(mine).orElseThrow().session().site()).as("kept whole").contains(site("Villa Solsidan"));
        CommissioningSession.Snapshot fresh = session.snapshot();
        assertThat(fresh.site()).isEmpty();
        assertThat(fresh.visits()).isEmpty();
        assertThat(fresh.technician()).as("the sign-in stays").contains("idt-1");
        String next = v.current().id();
        assertThat(next).isNotEqualTo(mine);
        assertThat(store().unfinished()).as("nothing worth resuming yet").isEmpty();

        session.siteChosen(site("Villa Norrsken"));
        await(() -> saved(next).isPresent());
        assertThat(store().unfinished().map(SiteVisit::id)).contains(next);
        assertThat(saved(mine)).get().extracting(SiteVisit::finished).isEqualTo(true);
    }
}
