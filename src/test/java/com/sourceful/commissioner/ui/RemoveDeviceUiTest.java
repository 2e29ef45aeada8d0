package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.AddedDevice;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * Removing a device from the Zap, from the Add step's list: a confirmation that names the device, buttons that say
 * what they do in the app's language, Enter and Esc keep the device, only "Remove device" removes it.
 */
class RemoveDeviceUiTest extends DemoAppUiTest {

    @Test
    void onlyTheRemoveButtonRemovesAndEnterOrEscKeepTheDevice() throws Exception {
        AddedDevice added = fixture.sungrowAt(robot, WizardViewModel.Step.ADD, List.of());
        var add = app.context().add();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> add.deviceWithSn(added.sn()).isPresent());
        Scene scene = scene();
        TableView<?> table = (TableView<?>) scene.lookup("#deviceTable");
        robot.interact(() -> table.getSelectionModel()
                .select(add.devices().indexOf(add.deviceWithSn(added.sn()).orElseThrow())));

        // Enter: the default button is Cancel.
        DialogPane dialog = openDialog();
        assertThat(dialog.getHeaderText()).contains(added.sn());
        Button remove = removeButton(dialog);
        assertThat(dialog.getButtonTypes()).extracting(b -> b.getText())
                .containsExactlyInAnyOrder("_Remove device", "Cancel");
        assertThat(remove.isDefaultButton()).as("Enter does not remove").isFalse();
        Screenshots.takeOne(dialog.getScene(), "remove-device-dialog");
        robot.interact(() -> theme().choiceProperty().set(ThemeChoice.DARK));
        Screenshots.takeOne(dialog.getScene(), "remove-device-dialog-dark");
        robot.interact(() -> theme().choiceProperty().set(ThemeChoice.LIGHT));
        robot.type(KeyCode.ENTER);
        awaitClosed();
        assertThat(onTheZap(added.sn())).as("Enter kept it").isTrue();

        openDialog();
        robot.type(KeyCode.ESCAPE);
        awaitClosed();
        assertThat(onTheZap(added.sn())).as("Esc kept it").isTrue();

        DialogPane again = openDialog();
        robot.clickOn(removeButton(again));
        awaitClosed();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !onTheZap(added.sn()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> add.deviceWithSn(added.sn()).isEmpty());
        assertThat(add.statusProperty().get()).contains("Removed " + added.sn());
    }

    private static boolean onTheZap(String sn) {
        return demo.zap().devices().stream().anyMatch(d -> sn.equals(d.get("sn").getAsString()));
    }

    private static Button removeButton(DialogPane pane) {
        return (Button) pane.getButtonTypes().stream().filter(b -> b.getText().contains("Remove"))
                .map(pane::lookupButton).findFirst().orElseThrow();
    }

    private AppTheme theme() {
        return AppTheme.of(scene()).orElseThrow();
    }

    private DialogPane openDialog() throws Exception {
        // The Add step's view is made on first use: right after skipping to it, it may not be shown yet. Below the
        // form the button may also be under the fold (TestFX clicks only what is inside the window).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#removeButton").tryQuery()
                .filter(b -> !b.isDisabled() && b.getScene() != null && SceneNodes.visible(b)).isPresent());
        Node remove = robot.lookup("#removeButton").query();
        robot.interact(() -> Reveal.scrollTo(remove));
        robot.clickOn(remove);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return dialog().orElseThrow();
    }

    private Optional<DialogPane> dialog() {
        return robot.dialogPane("removeDeviceDialog");
    }

    private void awaitClosed() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
