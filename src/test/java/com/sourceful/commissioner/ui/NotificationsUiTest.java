package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Labeled;
import javafx.stage.PopupWindow;

import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Background events as the technician sees them: a notification in the corner of the wizard's window, not a dialog
 * (the window stays usable), once per change. The Zap stops answering Verify's polls and comes back; a request saved
 * in the outbox goes out by itself.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class NotificationsUiTest {

    private static final String DATA = "/api/devices/{sn}/data/json";
    private static DemoApp fixture;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        fixture = DemoApp.start(c -> FaultMatrixUiTest.knownAddressOnly(c, null), FaultMatrixUiTest.shortTimeouts());
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** The notifications on screen, by their text. */
    private List<String> notifications() {
        return robot.listWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".notification-bar .label").stream())
                .filter(n -> n instanceof Labeled l && l.getText() != null && !l.getText().isBlank())
                .map(n -> ((Labeled) n).getText()).toList();
    }

    private long shown(String text) {
        return notifications().stream().filter(t -> t.contains(text)).count();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void zapLostAndBackAreEachSaidOnce() throws Exception {
        App app = fixture.app;
        List<VerifyViewModel.ZapConnection> events = new CopyOnWriteArrayList<>();
        robot.interact(() -> app.context().verify().addZapConnectionListener(events::add));
        fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        var verify = app.context().verify();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> verify.der("pv").map(d -> !d.tiles().isEmpty()).orElse(false));
        String serial = fixture.demo.zap().serial();

        fixture.demo.zap().setFault(DATA, new ZapFault.Status(503));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shown("The Zap " + serial + " stopped answering") == 1);
        assertThat(notifications()).contains("The Zap " + serial + " stopped answering. The live data goes on when it is back.");
        // Several failed polls later (back-off), still one notification and one event.
        Thread.sleep(2500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("stopped answering")).isEqualTo(1);
        assertThat(events).containsExactly(VerifyViewModel.ZapConnection.LOST);
        assertThat(fixture.scene(robot).getWindow().isFocused()).as("a notification does not block the window").isTrue();
        Screenshots.take(fixture.scene(robot), "keys-notification-window");

        fixture.demo.zap().clearFault(DATA);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shown("The Zap " + serial + " answers again.") == 1);
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(events).containsExactly(VerifyViewModel.ZapConnection.LOST, VerifyViewModel.ZapConnection.BACK);
        assertThat(shown("answers again")).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aSavedRequestThatGoesOutByItselfIsSaid() throws Exception {
        App app = fixture.app;
        // On from Verify, where the first test left the Sungrow it added.
        robot.interact(() -> {
            app.context().session().publishedDers(List.of("pv"));
            app.context().wizard().skipTo(WizardViewModel.Step.PROVISION);
        });
        var provision = app.context().provision();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !provision.sites().isEmpty() && provision.readyProperty().get());
        // Saved earlier while Novacore was out of reach (the step does this when it cannot send).
        Outbox outbox = new Outbox(fixture.demo.config().outboxFolder(), Clock.systemUTC());
        outbox.add(provision.request(), fixture.demo.novacore().baseUri());
        int before = fixture.demo.novacore().provisionRequests().size();
        // The app looks every 30 s; a watcher that looks sooner, so the test need not wait.
        robot.interact(() -> provision.watchOutbox(Duration.ofMillis(300)));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shown("Saved requests now in Novacore: 1.") == 1);
        assertThat(fixture.demo.novacore().provisionRequests()).hasSize(before + 1);
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("Saved requests now in Novacore")).as("nothing more went: nothing more said").isEqualTo(1);
        assertThat(app.context().wizard().currentStep()).isEqualTo(WizardViewModel.Step.PROVISION);
    }
}
