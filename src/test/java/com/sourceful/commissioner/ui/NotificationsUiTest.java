package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Window;

import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.ui.verify.VerifyViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * Background events as the technician sees them: a notification in the corner of the wizard's window, not a dialog
 * (the window stays usable), once per change. The Zap stops answering Verify's polls and comes back; a request saved
 * in the outbox goes out by itself. A notification is readable in both themes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsUiTest extends DemoAppUiTest {

    private static final String DATA = "/api/devices/{sn}/data/json";

    @Override
    DemoApp startApp() throws Exception {
        return DemoApp.start(c -> FaultMatrixUiTest.knownAddressOnly(c, null), FaultMatrixUiTest.shortTimeouts());
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
    @Order(1)
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

        fixture.demo.zap().clearFault(DATA);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shown("The Zap " + serial + " answers again.") == 1);
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(events).containsExactly(VerifyViewModel.ZapConnection.LOST, VerifyViewModel.ZapConnection.BACK);
        assertThat(shown("answers again")).isEqualTo(1);
    }

    @Test
    @Order(2)
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

    @Test
    @Order(3)
    void aNotificationHasItsOwnBackgroundAndReadableTextInBothThemes() throws Exception {
        Scene scene = fixture.scene(robot);
        AppTheme theme = AppTheme.of(scene).orElseThrow();
        ThemeChoice was = theme.choiceProperty().get();
        try {
            for (ThemeChoice choice : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
                robot.interact(() -> theme.choiceProperty().set(choice));
                String title = "Look " + choice;
                robot.interact(() -> CopyDetails.notify(scene.getWindow(), CopyDetails.Notice.WARNING, title,
                        "The Zap ZAP-1 stopped answering. The live data goes on when it is back."));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(title) == 1);
                Thread.sleep(800); // ControlsFX fades it in
                WaitForAsyncUtils.waitForFxEvents();
                Window popup = robot.listWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing()
                        && w.getScene().getRoot().lookupAll(".label").stream()
                                .anyMatch(n -> n instanceof Labeled l && title.equals(l.getText())))
                        .findFirst().orElseThrow();
                Region pane = (Region) popup.getScene().getRoot().lookup(".notification-bar > .pane");
                List<BackgroundFill> fills = pane.getBackground() == null ? List.of() : pane.getBackground().getFills();
                assertThat(fills).as("%s: the bar has a background (ControlsFX's Modena colours are not defined in"
                        + " AtlantaFX)", choice).isNotEmpty();
                Color background = (Color) fills.get(fills.size() - 1).getFill();
                assertThat(background.getOpacity()).as("%s: opaque", choice).isEqualTo(1.0);
                assertThat(background.getBrightness() < 0.5).as("%s: the background follows the theme", choice)
                        .isEqualTo(choice == ThemeChoice.DARK);
                for (Node n : pane.lookupAll(".label")) {
                    Labeled label = (Labeled) n;
                    if (label.getText() != null && !label.getText().isBlank()) {
                        assertThat(contrast((Color) label.getTextFill(), background))
                                .as("%s: '%s' on its background", choice, label.getText()).isGreaterThanOrEqualTo(4.5);
                    }
                }
                FontIcon icon = (FontIcon) pane.lookup(".notice-warning");
                assertThat(icon).as("%s: our warning icon, not ControlsFX's bitmap", choice).isNotNull();
                assertThat(contrast((Color) icon.getIconColor(), background)).as("%s: the icon", choice)
                        .isGreaterThanOrEqualTo(3.0);
                Screenshots.takeOne(popup.getScene(), choice == ThemeChoice.DARK ? "notification-dark" : "notification");
            }
        } finally {
            robot.interact(() -> theme.choiceProperty().set(was));
        }
    }

    /** WCAG 2 contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
