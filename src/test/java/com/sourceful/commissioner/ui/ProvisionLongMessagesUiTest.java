package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Provision step with the long messages of an intercepted connection and a refused outbox file: the labels beside
 * them stay readable (seen in a real window: "Signed in as …" squeezed to one letter a line, "Outbox" to "…", the
 * field names cut short).
 */
class ProvisionLongMessagesUiTest extends DemoAppUiTest {

    private static final Locale SAVED = Locale.getDefault();

    /** In Swedish, whose field names are the longest ("Gatewayens serienummer"). */
    @Override
    DemoApp startApp() throws Exception {
        Locale.setDefault(Locale.forLanguageTag("sv-SE"));
        return DemoApp.start();
    }

    @AfterAll
    void restoreLocale() {
        Locale.setDefault(SAVED);
    }

    @Test
    void aLongSignInOrOutboxMessageLeavesTheLabelsBesideItReadable() throws Exception {
        fixture.sungrowAt(robot, WizardViewModel.Step.PROVISION, List.of("pv", "battery"));
        var provision = app.context().provision();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> provision.tokenProperty().get() != null);
        robot.interact(() -> {
            provision.keyStatusProperty().set(Messages.get("error.novacore.intercepted"));
            provision.outboxNoticeProperty().set(Messages.get("provision.outbox.refused", 1,
                    "obx-0badc0de-0000-4000-8000-000000000001.json (not an entry of this app: unknown field 'hello')"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            Label tokenInfo = (Label) scene().lookup("#tokenInfoLabel");
            Label keyStatus = (Label) scene().lookup("#keyStatusLabel");
            Label outboxTitle = (Label) scene().lookup("#outboxTitleLabel");
            assertThat(tokenInfo.getText()).isNotBlank();
            assertThat(tokenInfo.getWidth()).as("who is signed in, not squeezed by the sign-in message")
                    .isGreaterThanOrEqualTo(Math.min(tokenInfo.prefWidth(-1), 300) - 1);
            assertThat(keyStatus.getWidth()).as("the sign-in message has the field's width").isGreaterThan(300);
            // The form's field names keep their width (a long message must not shrink their column).
            List<Label> fieldNames = scene().getRoot().lookupAll("Label").stream()
                    .filter(n -> n.getId() != null && n.getId().startsWith("for-") && n.isVisible())
                    .map(Label.class::cast).toList();
            assertThat(fieldNames).hasSizeGreaterThan(5);
            assertThat(fieldNames).allSatisfy(name -> assertThat(name.getWidth()).as(name.getText())
                    .isGreaterThanOrEqualTo(name.prefWidth(-1) - 0.5));
            assertThat(outboxTitle.getWidth()).as("\"Outbox\" whole, not \"…\"")
                    .isGreaterThanOrEqualTo(outboxTitle.prefWidth(-1) - 0.5);
            return null;
        }).get(5, TimeUnit.SECONDS);
        Screenshots.take(scene(), "5c-provision-long-messages");
    }
}
