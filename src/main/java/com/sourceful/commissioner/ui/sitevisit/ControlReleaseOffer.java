package com.sourceful.commissioner.ui.sitevisit;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

import org.kordamp.ikonli.javafx.FontIcon;

import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.Dialogs;
import com.sourceful.commissioner.ui.common.Messages;

/**
 * The offer at start to give back control an earlier run may still hold ({@link ControlReleaseOfferViewModel}). It
 * comes before the resume offer: a customer's battery steered by nobody matters more. "Release control" (Enter) keeps
 * the dialog open while the Zaps answer; all released, it closes and says so; "Later" (Esc) leaves the holds for the
 * next start.
 */
public final class ControlReleaseOffer {

    /** The dialog pane's id, for tests. */
    public static final String ID = "controlReleaseOfferDialog";

    private ControlReleaseOffer() {
    }

    /** Checks in the background; offers over {@code owner} when control may be held, then runs {@code next}. */
    public static void offerIfAny(Window owner, ControlReleaseOfferViewModel vm, Runnable next) {
        vm.check(() -> {
            Alert alert = dialog(owner, vm);
            alert.setOnHidden(e -> next.run());
            alert.show();
        }, next);
    }

    /** The dialog for the holds {@code vm} found; shown by the caller. JavaFX thread. */
    static Alert dialog(Window owner, ControlReleaseOfferViewModel vm) {
        ButtonType release = new ButtonType(Messages.get("mnemonic.control.held.release"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType later = new ButtonType(Messages.get("mnemonic.control.held.later"),
                ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", release, later);
        alert.setTitle(Messages.get("control.held.title"));
        alert.setHeaderText(Messages.get("control.held.header"));
        alert.contentTextProperty().bind(Bindings.createStringBinding(() -> vm.textProperty().get() + "\n\n"
                + (vm.problemProperty().get().isEmpty() ? Messages.get("control.held.text") : vm.problemProperty().get()),
                vm.textProperty(), vm.problemProperty()));
        DialogPane pane = Dialogs.ownedBy(alert, owner, ID);
        Button releaseButton = (Button) pane.lookupButton(release);
        releaseButton.setDefaultButton(true);
        releaseButton.getStyleClass().add("accent");
        releaseButton.setId("releaseControlButton");
        releaseButton.disableProperty().bind(vm.releasingProperty());
        pane.lookupButton(later).setId("releaseLaterButton");
        FontIcon icon = new FontIcon("fth-alert-triangle");
        icon.getStyleClass().add("dialog-icon");
        alert.setGraphic(icon);
        releaseButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.release();
        });
        vm.allReleasedProperty().addListener((o, was, now) -> {
            if (now) {
                alert.setResult(release);
                alert.close();
                CopyDetails.notify(owner, CopyDetails.Notice.DONE, Messages.get("control.held.doneTitle"),
                        Messages.get("control.held.done"));
            }
        });
        return alert;
    }
}
