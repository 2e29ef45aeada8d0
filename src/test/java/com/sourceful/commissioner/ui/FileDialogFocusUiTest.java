package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A save dialog that takes the focus and, once closed, leaves it elsewhere (as a platform dialog may on some
 * desktops): the wizard's window and the button that opened the dialog have it again, and the keyboard works.
 */
class FileDialogFocusUiTest extends DemoAppUiTest {

    @Test
    void afterTheSaveDialogTheFocusAndTheKeysAreBackInTheWindow() throws Exception {
        fixture.sungrowAt(robot, WizardViewModel.Step.DONE, List.of("pv"));
        Scene scene = scene();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> scene.lookup("#reportButton") != null);
        Stage[] dialog = new Stage[1];
        robot.interact(() -> app.context().saveChooser((owner, name, kind) -> {
            Stage d = new Stage();
            d.initOwner(owner);
            d.setScene(new Scene(new StackPane(new Label(name))));
            d.show();
            d.requestFocus();
            d.close();
            // What such a desktop leaves: another window with the focus, the wizard's focus owner gone.
            Stage elsewhere = new Stage();
            elsewhere.setScene(new Scene(new StackPane(new Label("elsewhere"))));
            elsewhere.show();
            elsewhere.requestFocus();
            owner.getScene().getRoot().requestFocus();
            dialog[0] = elsewhere;
            return Optional.empty();
        }));
        Button report = (Button) scene.lookup("#reportButton");
        robot.interact(report::requestFocus);
        robot.interact(report::fire);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertThat(scene.getWindow().isFocused()).as("the wizard's window has the focus again").isTrue();
            assertThat(scene.getFocusOwner()).as("the button that opened the dialog").isSameAs(report);
            Node before = scene.getFocusOwner();
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(scene.getFocusOwner()).as("Tab moves on in the window").isNotSameAs(before).isNotNull();
        } finally {
            robot.interact(() -> {
                if (dialog[0] != null) {
                    dialog[0].close();
                }
            });
        }
    }
}
