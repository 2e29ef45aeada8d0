package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The Add step in a real window: a failed preflight explained with the vendor's hint, "Add anyway", and an MQTT form. */
class AddStepUiTest extends DemoAppUiTest {

    @Test
    void aFailedPreflightIsExplainedAndTheTechnicianMayAddAnyway() throws Exception {
        fixture.nextFromFindToAdd(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.context().add().profiles().isEmpty());

        // SolarEdge at a port where nothing listens: refused, with SolarEdge's own hint.
        int closed = StubServer.closedPort();
        robot.interact(() -> {
            app.context().add().profileProperty().set(app.context().add().profileNamed("solaredge").orElseThrow());
            app.context().add().field("ip").orElseThrow().textProperty().set("127.0.0.1");
            app.context().add().field("port").orElseThrow().textProperty().set(String.valueOf(closed));
        });
        robot.clickOn("#testButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.context().add().preflightOutcomeProperty().get() == PreflightResult.Outcome.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.context().add().preflightProperty().get())
                .contains("Nothing accepts connections at 127.0.0.1:" + closed).contains("SetApp").contains("1502");
        Button next = robot.lookup("#nextButton").queryButton();
        assertThat(next.getText()).isEqualTo("_Add anyway");

        // The preflight advises, the Zap decides: "Add anyway" asks it, and it cannot reach the device either.
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.context().add().errorProperty().get().isEmpty());
        assertThat(app.context().add().errorProperty().get()).contains("could not reach the device");
        assertThat(app.context().add().preflightProperty().get()).contains("Nothing accepts connections");
        Screenshots.take(scene(), "3b-add-preflight-failed");

        // The right port (where the demo's Modbus stand-in listens): the preflight passes and the Zap adds it.
        robot.interact(() -> app.context().add().field("port").orElseThrow().textProperty()
                .set(String.valueOf(demo.modbus().port())));
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.context().wizard().currentStep() == WizardViewModel.Step.VERIFY);
        assertThat(app.context().session().device().orElseThrow().profile()).isEqualTo("solaredge");
        assertThat(demo.zap().devices()).hasSize(1);

        // Back to the form: an MQTT profile gets its vendor's user and port, and a masked password.
        robot.clickOn("#backButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().currentStep() == WizardViewModel.Step.ADD);
        robot.interact(() -> app.context().add().profileProperty().set(app.context().add().profileNamed("ferroamp").orElseThrow()));
        assertThat(app.context().add().field("broker_port").orElseThrow().textProperty().get()).isEqualTo("1883");
        assertThat(app.context().add().field("username").orElseThrow().textProperty().get()).isEqualTo("extapi");
        robot.interact(() -> app.context().add().field("broker_host").orElseThrow().textProperty().set("127.0.0.1"));
        robot.clickOn("#field-password").write("s3cret-pass");
        assertThat(robot.lookup("#field-password").queryAs(PasswordField.class).isVisible()).isTrue();
        assertThat(app.context().add().devices()).hasSize(1);
        Screenshots.take(scene(), "3c-add-mqtt");
    }
}
