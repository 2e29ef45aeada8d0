package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;

import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Provisioning with Novacore down, then up: the request waits in the outbox and is delivered once, nothing lost. */
class ProvisionStepUiTest extends DemoAppUiTest {

    @Test
    void aRequestMadeWhileNovacoreIsDownIsDeliveredOnceWhenItIsBack() throws Exception {
        AddedDevice added = fixture.sungrowAt(robot, WizardViewModel.Step.PROVISION, List.of("pv", "battery"));
        var provision = app.context().provision();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().canGoNextProperty().get());
        WaitForAsyncUtils.asyncFx(() -> {
            assertThat(((Button) scene().lookup("#nextButton")).getText()).as("Next sends").isEqualTo("_Provision");
            // One control for the site: the chosen one shows its name and id, and another id can be typed in it.
            ComboBox<?> site = (ComboBox<?>) scene().lookup("#siteBox");
            assertThat(site.isEditable()).isTrue();
            assertThat(site.getEditor().getText()).contains(provision.siteIdProperty().get());
            TableView<?> outbox = (TableView<?>) scene().lookup("#outboxTable");
            assertThat(outbox.getItems()).isEmpty();
            assertThat(((Labeled) outbox.getPlaceholder()).getText()).as("nothing was sent yet")
                    .doesNotContain("reached Novacore");
            return null;
        }).get(5, TimeUnit.SECONDS);

        demo.novacore().setAvailable(false);
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().wizard().currentStep() == WizardViewModel.Step.DONE);
        assertThat(app.context().session().queuedOutboxId()).isPresent();
        assertThat(demo.novacore().devices()).isEmpty();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> provision.outboxEntries().size() == 1);
        assertThat(provision.outboxEntries().get(0).state()).isEqualTo(Outbox.State.PENDING);
        // Waiting in the outbox is not a success yet: the headline is not shown in the success colour.
        WaitForAsyncUtils.asyncFx(() -> {
            Label headline = (Label) scene().lookup(".done-headline");
            assertThat(headline.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("queued"));
            return null;
        }).get(5, TimeUnit.SECONDS);
        Screenshots.take(scene(), "6b-done-queued");

        // Novacore answers again: the outbox goes out by itself (here: the watch's tick, fired by the test).
        demo.novacore().setAvailable(true);
        robot.interact(provision::sendOutbox);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> provision.outboxEntries().size() == 1
                && provision.outboxEntries().get(0).state() == Outbox.State.SENT);
        assertThat(demo.novacore().devices()).hasSize(1);
        assertThat(demo.novacore().devices().get(0).get("hardware_id").getAsString()).isEqualTo(added.sn());
        robot.interact(provision::sendOutbox);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(demo.novacore().provisionRequests()).as("sent once").hasSize(1);
        assertThat(provision.outboxNoticeProperty().get()).contains("1 sent");
    }
}
