package com.sourceful.commissioner.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.ZapDiscovery;
import com.sourceful.commissioner.testsupport.TempFolders;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.NovacoreSignIn;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.ui.sitevisit.ReturnVisitViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitComparison;
import com.sourceful.commissioner.visit.VisitStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which earlier visit a chosen Zap is compared with: one begun before this run, never the one resumed (that is this
 * run's own record), and each choice of another Zap compares anew. The Zap does not answer here (port 9): the
 * comparison still comes, saying the Zap was not checked.
 */
class ReturnVisitsTest {

    private static final String ZAP = "zap-0a1b2c3d";
    private static final Instant RUN_START = Instant.parse("2026-12-06T08:00:00Z");

    private Path folder;
    private VisitStore store;
    private final Tasks tasks = Tasks.currentThread();
    private final CommissioningSession session = new CommissioningSession();
    private final List<ReturnVisitViewModel> heard = new ArrayList<>();
    private ReturnVisits returnVisits;
    /** The visit going on, as SiteVisits knows it. */
    private volatile String currentId;

    @BeforeEach
    void start() throws IOException {
        folder = Files.createTempDirectory("return-visits");
        store = new VisitStore(folder);
    }

    @AfterEach
    void stop() throws IOException {
        returnVisits.close();
        TempFolders.deleteTree(folder);
    }

    private void startReturnVisits() {
        AppConfig config = new AppConfig(false, new ZapDiscovery.Options(List.of(), List.of(), 80, List.of(),
                Optional.empty(), null, null), Optional.empty(), Optional.empty()).withVisitsIn(folder);
        Clock clock = Clock.fixed(RUN_START, ZoneOffset.UTC);
        NovacoreSignIn signIn = new NovacoreSignIn(tasks, CompletableFuture.completedFuture(
                config), session, clock);
        returnVisits = new ReturnVisits(new ReturnVisits.Visits() {
            @Override
            public Optional<VisitStore> store() {
                return Optional.of(store);
            }

            @Override
            public Optional<String> currentId() {
                return Optional.ofNullable(currentId);
            }
        }, session, tasks, clock, new ZapClients(), () -> signIn, Optional::empty);
        returnVisits.addListener(heard::add);
        returnVisits.start();
    }

    private SiteVisit saved(Instant startedAt, String serial) throws IOException {
        CommissioningSession.Snapshot snapshot = new CommissioningSession.Snapshot(
                Optional.of(new CommissioningSession.Gateway(serial, URI.create("http://127.0.0.1:9"), "1.4.2")),
                Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), List.of(), Map.of(),
                Optional.empty(), List.of());
        SiteVisit visit = new SiteVisit(UUID.randomUUID().toString(), startedAt, startedAt.plusSeconds(60), false,
                snapshot);
        store.save(visit);
        return visit;
    }

    private void choose(String serial) {
        session.selectGateway(new CommissioningSession.Gateway(serial, URI.create("http://127.0.0.1:9"), "1.4.2"));
    }

    @Test
    void theNewestVisitBegunBeforeThisRunIsComparedNotThisRunsOwn() throws IOException {
        saved(RUN_START.minusSeconds(86_400 * 30), ZAP); // older than the next
        SiteVisit earlier = saved(RUN_START.minusSeconds(86_400), ZAP);
        saved(RUN_START, ZAP); // this run's own visit, saved once it did some work
        startReturnVisits();

        choose(ZAP);

        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).result().earlier().id()).isEqualTo(earlier.id());
        assertThat(heard.get(0).result().changes())
                .extracting(VisitComparison.Change::kind, VisitComparison.Change::subject)
                .containsExactly(tuple(VisitComparison.Kind.NOT_CHECKED, VisitComparison.Kind.ZAP));

        choose(ZAP);
        assertThat(heard).as("the same Zap again: not compared again").hasSize(1);
        choose("zap-99999999");
        assertThat(heard).as("a Zap no visit worked on: nothing to compare").hasSize(1);
        choose(ZAP);
        assertThat(heard).as("back to the first: compared anew").hasSize(2);
    }

    @Test
    void theVisitGoingOnResumedOrOpenedFromAFileIsNotAnEarlierOne() throws IOException {
        SiteVisit earlier = saved(RUN_START.minusSeconds(86_400 * 30), ZAP);
        SiteVisit goingOn = saved(RUN_START.minusSeconds(3_600), ZAP); // begun before this run: crashed, or imported
        startReturnVisits();

        currentId = goingOn.id(); // what SiteVisits does on resuming or opening a file, before the session changes
        session.resumeFrom(goingOn.session());

        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).result().earlier().id()).isEqualTo(earlier.id());
    }
}
