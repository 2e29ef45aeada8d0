package com.sourceful.commissioner.ui.done;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.report.CommissioningReport;
import com.sourceful.commissioner.report.ReportData;
import com.sourceful.commissioner.report.SupportBundle;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.wizard.StepViewModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 5: what was created, the way to add another device to the same Zap, the report and the support bundle. */
public final class DoneViewModel extends StepViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(DoneViewModel.class);

    /** A line of the summary: a label and its value. */
    public record Line(String label, String value) {
    }

    /** What the report and the bundle are made from, gathered on the UI thread. */
    public interface Sources {
        ReportData reportData();

        SupportBundle.Contents bundleContents();
    }

    private final CommissioningSession session;
    private final Tasks tasks;
    private final Sources sources;
    private final StringProperty headline = new SimpleStringProperty("");
    /** The request waits in the outbox: not yet a success, and the view must not colour it as one. */
    private final BooleanProperty queued = new SimpleBooleanProperty();
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private Tasks.Handle running;

    public DoneViewModel(CommissioningSession session) {
        this(session, null, null);
    }

    public DoneViewModel(CommissioningSession session, Tasks tasks, Sources sources) {
        this.session = session;
        this.tasks = tasks;
        this.sources = sources;
        busyWhen(exporting);
        // Done is the last step: there is no Next.
        readyWhen(new SimpleBooleanProperty(false));
    }

    @Override
    public void enter() {
        statusProperty().set("");
        clearError();
        CommissioningSession.Device device = session.device().orElseThrow();
        if (session.provisionResult().isEmpty()) {
            // Saved in the outbox: nothing is lost, it is sent when Novacore can be reached.
            queued.set(true);
            headline.set(Messages.get("done.headline.queued", device.displayName()));
            lines.setAll(List.of(new Line(Messages.get("done.gateway"), session.gateway().orElseThrow().serial()),
                    new Line(Messages.get("done.hardwareId"), device.sn()),
                    new Line(Messages.get("done.outbox"), session.queuedOutboxId().orElse("?"))));
            return;
        }
        ProvisionResult result = session.provisionResult().orElseThrow();
        queued.set(false);
        headline.set(result.created() ? Messages.get("done.headline.created", device.displayName())
                : Messages.get("done.headline.existing", device.displayName()));
        lines.clear();
        lines.add(new Line(Messages.get("done.gateway"), session.gateway().orElseThrow().serial()));
        lines.add(new Line(Messages.get("done.hardwareId"), result.hardwareId()));
        lines.add(new Line(Messages.get("done.deviceId"), result.deviceId()));
        lines.add(new Line(Messages.get("done.site"), result.siteId()));
        lines.add(new Line(Messages.get("done.state"), novacoreState(result.state())));
        for (ProvisionResult.ProvisionedDer der : result.ders()) {
            lines.add(new Line(Messages.get("done.der", der.name(), der.type()), der.id()));
        }
        lines.add(new Line(Messages.get("done.session"), Messages.get("done.sessionCount", session.history().size())));
    }

    /** Novacore's state in words; a state the app does not know as Novacore sent it. */
    private static String novacoreState(String state) {
        return Messages.getOr("novacore.state." + state, state);
    }

    /** Same Zap, next device. */
    public void prepareAnotherDevice() {
        session.startNextDevice();
    }

    // ---- report and support bundle --------------------------------------------------------------------------

    /** Reports and bundles can be made (the app wires them; a bare view-model in a test may not). */
    public boolean canExport() {
        return tasks != null && sources != null;
    }

    public String suggestedReportName() {
        return CommissioningReport.suggestedFileName(sources.reportData());
    }

    public String suggestedBundleName() {
        return SupportBundle.suggestedFileName(sources.bundleContents());
    }

    /** Makes the PDF in the background and writes it to {@code target} whole or not at all. */
    public void exportReport(Path target) {
        ReportData data = sources.reportData();
        run(target, "done.report", () -> CommissioningReport.write(data, target));
    }

    /** Writes the support bundle (log, session, versions, report; secrets removed) in the background. */
    public void exportBundle(Path target) {
        SupportBundle.Contents contents = sources.bundleContents();
        run(target, "done.bundle", () -> SupportBundle.write(contents, target));
    }

    private interface Work {
        void run() throws IOException;
    }

    private void run(Path target, String key, Work work) {
        if (exporting.get()) {
            return;
        }
        exporting.set(true);
        clearError();
        statusProperty().set(Messages.get(key + ".writing"));
        running = tasks.job(() -> {
            work.run();
            return target;
        }).andFinally(() -> {
            running = null;
            exporting.set(false);
        }).onSuccess(saved -> {
            statusProperty().set(Messages.get(key + ".saved", saved.toAbsolutePath()));
            LOG.info("Saved {}", saved.getFileName());
        }).on(CancellationException.class, cancelled -> statusProperty().set("")).onFailure(e -> {
            statusProperty().set("");
            LOG.warn("Could not save {}: {}", target.getFileName(), e.toString());
            showError(Messages.get(key + ".failed", target.toAbsolutePath(), reason(e)), e);
        }).start();
    }

    /** Why a file could not be written, in words; the path is already in the message. */
    static String reason(Throwable e) {
        return ErrorMessages.fileNotWritten(e);
    }

    public BooleanProperty exportingProperty() {
        return exporting;
    }

    public ObservableBooleanValue queuedProperty() {
        return queued;
    }

    public StringProperty headlineProperty() {
        return headline;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    @Override
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public void next(Runnable proceed) {
        // Done is the last step; "Add another device" is its way on.
    }
}
