package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;

import com.google.gson.JsonObject;
import com.sourceful.commissioner.sim.ZapFault;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.app.AppTuning;

/**
 * The demo flow with the keyboard alone (no mouse): the first useful control has the focus on each step, Enter is
 * Next, Esc is Back (and Cancel while something runs), Tab/Shift+Tab/arrows/Space move and choose, Alt+letter
 * reaches labelled fields and buttons ("Copy details" after an error included).
 */
class KeyboardFlowUiTest extends DemoAppUiTest {

    /** What "Copy details" put on the clipboard (the system clipboard, read back on the JavaFX thread). */
    private static final List<String> COPIED = new CopyOnWriteArrayList<>();

    @Override
    DemoApp startApp() throws Exception {
        return DemoApp.start(c -> FaultMatrixUiTest.knownAddressOnly(c, null), AppTuning.defaults());
    }

    private App app() {
        return fixture.app;
    }

    private Node focused() {
        return fixture.scene(robot).getFocusOwner();
    }

    private String focusedId() {
        Node n = focused();
        return n == null ? null : n.getId();
    }

    private void waitFor(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForStep(WizardViewModel.Step step) throws Exception {
        waitFor(() -> app().context().wizard().currentStep() == step);
        // The first control takes the focus once the step is laid out.
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void alt(KeyCode letter) {
        robot.press(KeyCode.ALT, letter).release(letter, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void key(KeyCode... codes) {
        robot.type(codes);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shiftTab() {
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean shown(String text) {
        return robot.lookup(n -> n instanceof Labeled l && l.getText() != null && l.getText().contains(text)
                && n.isVisible()).tryQuery().isPresent();
    }

    @Test
    void theWholeDemoFlowByKeyboard() throws Exception {
        var wizard = app().context().wizard();
        var demo = fixture.demo;
        // Prepared before (claimed): this flow provisions; claiming is the Prepare step's own tests' subject.
        fixture.zapClaimed();

        // 1. Find: the list has the focus; an arrow key keeps the one Zap chosen; Enter is Next.
        waitFor(() -> app().context().find().selectedProperty().get() != null);
        assertThat(focusedId()).isEqualTo("zapTable");
        key(KeyCode.DOWN);
        assertThat(app().context().find().selectedProperty().get()).isNotNull();
        key(KeyCode.ENTER);
        waitForStep(WizardViewModel.Step.PREPARE);

        // 2. Prepare: nothing to do for a Zap prepared before; Enter is Next (a focused claim button would take it).
        waitFor(() -> wizard.canGoNextProperty().get() && !robot.lookup("#claimButton").queryButton().isDisabled());
        assertThat(focused()).isNotInstanceOf(Button.class);
        key(KeyCode.ENTER);
        waitForStep(WizardViewModel.Step.ADD);

        // 3. Add: Esc is Back (to Prepare, then Find), Enter Next again; the profile list has the focus.
        waitFor(() -> !app().context().add().profiles().isEmpty() && !app().context().add().busyProperty().get());
        key(KeyCode.ESCAPE);
        waitForStep(WizardViewModel.Step.PREPARE);
        key(KeyCode.ESCAPE);
        waitForStep(WizardViewModel.Step.FIND);
        assertThat(focusedId()).isEqualTo("zapTable");
        key(KeyCode.ENTER);
        waitForStep(WizardViewModel.Step.PREPARE);
        waitFor(() -> wizard.canGoNextProperty().get() && !robot.lookup("#claimButton").queryButton().isDisabled());
        assertThat(focused()).isNotInstanceOf(Button.class);
        key(KeyCode.ENTER);
        waitForStep(WizardViewModel.Step.ADD);
        waitFor(() -> !app().context().add().busyProperty().get() && "profileBox".equals(focusedId()));

        // Sungrow from the list: F4 opens it, Home and Down move, Enter takes the choice (and is not Next).
        ComboBox<?> profiles = robot.lookup("#profileBox").queryAs(ComboBox.class);
        key(KeyCode.F4);
        assertThat(profiles.isShowing()).isTrue();
        key(KeyCode.HOME);
        for (int i = 0; i < 20 && !"sungrow".equals(app().context().add().profileProperty().get().profile()); i++) {
            key(KeyCode.DOWN);
        }
        key(KeyCode.ENTER);
        assertThat(profiles.isShowing()).isFalse();
        assertThat(wizard.currentStep()).isEqualTo(WizardViewModel.Step.ADD);
        assertThat(app().context().add().profileProperty().get().profile()).isEqualTo("sungrow");

        // Alt+I is the IP address field (its mnemonic is given when the form is built), even after Prepare's Alt+i
        // ("Cla_im") was shown; type over it.
        alt(KeyCode.O);
        assertThat(focusedId()).isEqualTo("field-port");
        alt(KeyCode.I);
        assertThat(focusedId()).isEqualTo("field-ip");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("127.0.0.1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app().context().add().field("ip").orElseThrow().textProperty().get()).isEqualTo("127.0.0.1");

        // The Zap refuses once: the error has "Copy details" (Alt+D), which puts a report on the clipboard.
        demo.zap().setFault("POST /api/devices", new ZapFault.Status(503));
        key(KeyCode.ENTER);
        waitFor(() -> !app().context().add().errorProperty().get().isEmpty());
        Button copy = robot.lookup(n -> "copyDetailsButton".equals(n.getId()) && n.isVisible()).queryButton();
        assertThat(copy.getText()).isEqualTo("Copy _details");
        alt(KeyCode.D);
        String report = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        COPIED.add(report);
        assertThat(report).contains("What was being done: Adding a device to the Zap")
                .contains("Message shown: " + app().context().add().errorProperty().get())
                .contains("com.sourceful.commissioner.zap.ZapException [REJECTED]")
                .contains("HTTP status: 503").contains("Endpoint: POST /api/devices")
                .contains("Zap address: " + demo.zap().baseUri().toString().replaceAll("/$", ""))
                .contains("Time: ").contains("App version: ").contains("Java: ").contains("Operating system: ")
                .doesNotContain(app().context().provision().tokenTextProperty().get());
        waitFor(() -> shown("The details are on the clipboard."));
        demo.zap().clearFault("POST /api/devices");
        // The focus is on "Copy details" now (a mnemonic focuses its button), where Enter would press that button:
        // Alt+N reaches Next from anywhere.
        assertThat(focusedId()).isEqualTo("copyDetailsButton");
        alt(KeyCode.N);
        waitForStep(WizardViewModel.Step.VERIFY);
        String sn = app().context().session().device().orElseThrow().sn();

        // 4. Verify: the first DER's switch has the focus; Tab to the meter's, Space turns it off.
        var verify = app().context().verify();
        waitFor(() -> verify.der("meter").map(d -> d.publishProperty().get()).orElse(false)
                && verify.der("pv").map(d -> !d.tiles().isEmpty()).orElse(false));
        assertThat(focusedId()).isEqualTo("publish-pv");
        for (int i = 0; i < 30 && !"publish-meter".equals(focusedId()); i++) {
            key(KeyCode.TAB);
        }
        assertThat(focusedId()).isEqualTo("publish-meter");
        key(KeyCode.SPACE);
        assertThat(verify.der("meter").orElseThrow().publishProperty().get()).isFalse();
        shiftTab();
        assertThat(focusedId()).isNotEqualTo("publish-meter");
        key(KeyCode.TAB);
        assertThat(focusedId()).isEqualTo("publish-meter");

        // Enter publishes; the Zap does not answer; Esc cancels (it does not leave the step) and Enter tries again.
        demo.zap().setFault("POST /api/devices/{sn}/types", new ZapFault.NeverAnswers());
        key(KeyCode.ENTER);
        waitFor(() -> wizard.busyProperty().get());
        assertThat(robot.lookup("#cancelButton").queryButton().isVisible()).isTrue();
        key(KeyCode.ESCAPE);
        waitFor(() -> !wizard.busyProperty().get());
        assertThat(wizard.currentStep()).isEqualTo(WizardViewModel.Step.VERIFY);
        assertThat(verify.errorProperty().get()).contains("cancelled");
        assertThat(robot.lookup("#cancelButton").queryButton().isVisible()).isFalse();
        demo.zap().clearFault("POST /api/devices/{sn}/types");
        key(KeyCode.ENTER);
        waitForStep(WizardViewModel.Step.PROVISION);
        assertThat(demo.zap().enabledDers(sn)).containsExactlyInAnyOrder("pv", "battery");

        // 5. Provision: the site list has the focus (signed in above it with the demo's token); Alt+E is Model; Enter
        // provisions.
        waitFor(() -> !app().context().provision().sites().isEmpty() && app().context().wizard().canGoNextProperty().get());
        assertThat(focusedId()).isEqualTo("siteBox");
        alt(KeyCode.E);
        assertThat(focusedId()).isEqualTo("modelField");
        robot.write("SH10RT");
        key(KeyCode.ENTER);
        waitForStep(WizardViewModel.Step.DONE);

        // 6. Done: its button has the focus.
        waitFor(() -> "addAnotherButton".equals(focusedId()));
        List<JsonObject> requests = demo.novacore().provisionRequests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("model").getAsString()).isEqualTo("SH10RT");
        assertThat(requests.get(0).getAsJsonArray("ders").toString()).contains("pv-array").contains("battery_1")
                .doesNotContain("meter");
        assertThat(COPIED).hasSize(1);

        // The language box is out of the Tab order; Alt+L opens it, Esc closes it (and does nothing else).
        ChoiceBox<?> languages = robot.lookup("#languageBox").queryAs(ChoiceBox.class);
        alt(KeyCode.L);
        assertThat(languages.isShowing()).isTrue();
        key(KeyCode.ESCAPE);
        assertThat(languages.isShowing()).isFalse();
        assertThat(languages.getValue()).isEqualTo("en");
        assertThat(wizard.currentStep()).isEqualTo(WizardViewModel.Step.DONE);
    }
}
