package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;
import com.sourceful.commissioner.ui.sitevisit.ResumeOffer;
import com.sourceful.commissioner.ui.sitevisit.ResumeOfferViewModel;
import com.sourceful.commissioner.ui.sitevisit.VisitResume;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The unfinished visit offered over the window: Enter and Esc resume it (the wizard goes on at Add: a claimed Zap, no
 * device being commissioned); Alt+N starts a new visit and marks the old one finished.
 */
class ResumeOfferUiTest extends DemoAppUiTest {

    /** One unfinished visit; resuming chooses its Zap in the app's session as restoring would. */
    private final class FakeVisits implements VisitResume {
        final List<SiteVisit> resumed = new CopyOnWriteArrayList<>();
        final List<SiteVisit> finished = new CopyOnWriteArrayList<>();
        final SiteVisit visit;

        FakeVisits(SiteVisit visit) {
            this.visit = visit;
        }

        @Override
        public Optional<SiteVisit> unfinished() {
            return Optional.of(visit);
        }

        @Override
        public void resume(SiteVisit resuming) {
            resumed.add(resuming);
            CommissioningSession session = app.context().session();
            resuming.session().gateway().ifPresent(session::selectGateway);
            resuming.session().claims().forEach(session::gatewayClaimed);
        }

        @Override
        public void startNew(SiteVisit old) {
            finished.add(old);
        }
    }

    private SiteVisit solsidan() {
        CommissioningSession.Gateway zap = new CommissioningSession.Gateway(demo.zap().serial(), demo.zap().baseUri(),
                "1");
        List<CommissioningSession.DeviceVisit> visits = List.of(
                visit(zap.serial(), "SG-1", "Sungrow", Optional.empty()),
                visit(zap.serial(), "P1-1", "P1 meter", Optional.empty()),
                visit(zap.serial(), "EVC-1", "Ambibox", Optional.of("obx-1")));
        CommissioningSession.Snapshot snapshot = new CommissioningSession.Snapshot(Optional.of(zap),
                Optional.of(new CommissioningSession.SiteChoice(Optional.empty(), "Villa Solsidan")), visits,
                Optional.empty(), List.of(), List.of(), List.of(), Map.of(zap.serial(), NovacoreStandIn.DEMO_ORG),
                Optional.empty(), List.of());
        return new SiteVisit("v-1", Instant.EPOCH, Instant.EPOCH, false, snapshot);
    }

    private static CommissioningSession.DeviceVisit visit(String zap, String sn, String name, Optional<String> outbox) {
        return new CommissioningSession.DeviceVisit(zap, new CommissioningSession.Device(sn, "sungrow", "inverters",
                name, DeviceConfig.of("modbus_tcp", Map.of()), List.of(new Der("pv", false))), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), outbox, Optional.empty(),
                Optional.empty());
    }

    @Test
    void enterAndEscResumeAndAltNStartsANewVisit() throws Exception {
        FakeVisits visits = new FakeVisits(solsidan());
        WizardViewModel wizard = app.context().wizard();

        DialogPane offer = offer(visits);
        assertThat(offer.getHeaderText()).isEqualTo("Villa Solsidan: 3 devices, 1 waiting in the outbox");
        assertThat(offer.getButtonTypes()).extracting(b -> b.getText())
                .containsExactlyInAnyOrder("_Resume", "Start a _new visit");
        Screenshots.takeOne(offer.getScene(), "0-resume-offer");
        robot.interact(() -> theme().choiceProperty().set(ThemeChoice.DARK));
        Screenshots.takeOne(offer.getScene(), "0-resume-offer-dark");
        robot.interact(() -> theme().choiceProperty().set(ThemeChoice.LIGHT));
        robot.type(KeyCode.ENTER);
        awaitClosed();
        assertThat(visits.resumed).hasSize(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.ADD);
        assertThat(app.context().session().gateway().map(CommissioningSession.Gateway::serial))
                .contains(demo.zap().serial());

        offer(visits);
        robot.type(KeyCode.ESCAPE);
        awaitClosed();
        assertThat(visits.resumed).as("Esc resumes too: nothing is lost").hasSize(2);
        assertThat(visits.finished).isEmpty();

        offer(visits);
        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        awaitClosed();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> visits.finished.size() == 1);
        assertThat(visits.resumed).hasSize(2);
    }

    private DialogPane offer(VisitResume visits) throws Exception {
        ResumeOfferViewModel vm = new ResumeOfferViewModel(app.context().tasks(), visits,
                app.context().wizard()::open);
        Window window = FxThreadRobot.onFx(() -> scene().getWindow());
        robot.interact(() -> ResumeOffer.offerIfAny(window, vm));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return dialog().orElseThrow();
    }

    private AppTheme theme() {
        return AppTheme.of(scene()).orElseThrow();
    }

    private Optional<DialogPane> dialog() {
        return robot.dialogPane(ResumeOffer.ID);
    }

    private void awaitClosed() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
