package com.sourceful.commissioner.ui.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.report.AppLog;
import com.sourceful.commissioner.report.AppVersion;
import com.sourceful.commissioner.report.ReportData;
import com.sourceful.commissioner.report.ReportTexts;
import com.sourceful.commissioner.report.SupportBundle;
import com.sourceful.commissioner.ui.common.AppConfig;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.SaveChooser;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.done.DoneViewModel;
import com.sourceful.commissioner.ui.find.FindViewModel;
import com.sourceful.commissioner.ui.wizard.StepErrorActions;
import com.sourceful.commissioner.visit.SiteVisit;

/**
 * What the commissioning report and a support bundle are made of, gathered from the window's session and steps, and
 * where they are saved: for the Done step and for the buttons beside any step's error.
 */
final class ReportSources implements DoneViewModel.Sources, StepErrorActions.SupportBundles {

    private final CommissioningSession session;
    private final CompletableFuture<AppConfig> config;
    private final boolean demo;
    private final Tasks tasks;
    private final Clock clock;
    private final FindViewModel find;
    private final Supplier<Optional<String>> typedToken;
    private final Supplier<Optional<SiteVisit>> visit;
    /** Null: the platform's dialog (made when first needed, not on the way to the first frame). */
    private volatile SaveChooser saveChooser;
    private volatile Path logFile;

    /**
     * @param config     the configuration once it is known (a bundle made before says so)
     * @param find       the Zaps the search saw
     * @param typedToken the Novacore token typed on the Provision step, if it has been made: never in a bundle
     * @param visit      the visit as it is saved (id, begun at), when visits are saved
     */
    ReportSources(CommissioningSession session, CompletableFuture<AppConfig> config, boolean demo, Tasks tasks,
                  Clock clock, FindViewModel find, Supplier<Optional<String>> typedToken,
                  Supplier<Optional<SiteVisit>> visit) {
        this.session = session;
        this.config = config;
        this.demo = demo;
        this.tasks = tasks;
        this.clock = clock;
        this.find = find;
        this.typedToken = typedToken;
        this.visit = visit;
    }

    /** How to ask where to save; tests answer without a dialog. */
    void saveChooser(SaveChooser chooser) {
        this.saveChooser = chooser;
    }

    /** How to ask where to save a report or bundle (the platform's dialog unless a test put in another). */
    @Override
    public SaveChooser saveChooser() {
        SaveChooser c = saveChooser;
        return c != null ? c : SaveChooser.fileChooser();
    }

    /** The log file the support bundle takes (default: the one {@link AppLog} writes, if it runs). */
    void logFile(Path file) {
        this.logFile = file;
    }

    /** What the commissioning report shows: the visit's record as the session holds it now; on the UI thread. */
    @Override
    public ReportData reportData() {
        return ReportData.of(session.snapshot(), ZonedDateTime.now(clock), AppVersion.get(),
                new ReportTexts(Messages.bundle(), Messages.locale()));
    }

    /** What a support bundle holds, gathered now; call on the UI thread (the file is written elsewhere). */
    @Override
    public SupportBundle.Contents bundleContents() {
        AppConfig c = config.getNow(null);
        List<String> secrets = new ArrayList<>();
        typedToken.get().ifPresent(secrets::add);
        if (c != null) {
            c.demoToken().ifPresent(secrets::add);
        }
        List<SupportBundle.ZapSeen> zaps = find.zaps().stream().map(z -> new SupportBundle.ZapSeen(z.serial(),
                z.address(), z.firmwareVersion(), z.sources().toString())).toList();
        Path log = logFile != null ? logFile : AppLog.file().orElse(null);
        String described = c == null ? "not configured yet" : c + ", outbox=" + c.outboxFolder();
        return new SupportBundle.Contents(reportData(), described + ", demo=" + demo, zaps,
                log == null ? List.of() : AppLog.files(log), secrets, Messages.language(), ZonedDateTime.now(clock),
                visit.get());
    }

    /**
     * Writes a support bundle to {@code target} in the background (for any place that shows an error); exactly one
     * callback follows on the UI thread. Call on the UI thread.
     */
    @Override
    public Tasks.Handle save(Path target, Consumer<Path> onSaved, Consumer<Throwable> onFailure) {
        SupportBundle.Contents contents = bundleContents();
        return tasks.run(() -> {
            SupportBundle.write(contents, target);
            return target;
        }, onSaved, onFailure);
    }

    /** The file name a support bundle is offered under, e.g. {@code zap-support-ZAP123-20261126-0130.zip}. */
    @Override
    public String suggestedName() {
        return SupportBundle.suggestedFileName(bundleContents());
    }
}
