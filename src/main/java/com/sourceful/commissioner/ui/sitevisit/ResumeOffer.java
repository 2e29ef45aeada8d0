package com.sourceful.commissioner.ui.sitevisit;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.Messages;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The offer to resume an unfinished visit, over the wizard's window once its first frame is drawn. Resuming loses
 * nothing and starting anew cannot be undone from the app (the old visit is no longer offered), so Enter, Esc and the
 * window's close box all resume; only "Start a new visit" (its button or Alt+N) starts a new one.
 */
public final class ResumeOffer {

    /** The dialog pane's id, for tests. */
    public static final String ID = "resumeOfferDialog";

    private ResumeOffer() {
    }

    /** Checks for an unfinished visit (in the background) and offers it over {@code owner} if there is one. */
    public static void offerIfAny(Window owner, ResumeOfferViewModel vm) {
        vm.problemProperty().addListener((o, was, now) -> {
            if (!now.isEmpty() && owner.isShowing()) {
                CopyDetails.notify(owner, CopyDetails.Notice.WARNING, Messages.get("visit.resume.title"), now);
            }
        });
        vm.check(() -> dialog(owner, vm).show());
    }

    /** The dialog for the visit {@code vm} offers; shown by the caller. JavaFX thread. */
    static Alert dialog(Window owner, ResumeOfferViewModel vm) {
        ButtonType resume = new ButtonType(Messages.get("mnemonic.visit.resume.resume"),
                ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType startNew = new ButtonType(Messages.get("mnemonic.visit.resume.startNew"),
                ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("visit.resume.text"), startNew, resume);
        alert.setTitle(Messages.get("visit.resume.title"));
        alert.setHeaderText(vm.summaryProperty().get());
        alert.initOwner(owner);
        DialogPane pane = alert.getDialogPane();
        pane.setId(ID);
        Scene scene = owner.getScene();
        if (scene != null) {
            pane.getStylesheets().setAll(scene.getStylesheets()); // the app's type sizes and tokens
        }
        Button resumeButton = (Button) pane.lookupButton(resume);
        resumeButton.setDefaultButton(true);
        resumeButton.getStyleClass().add("accent");
        resumeButton.setId("resumeVisitButton");
        pane.lookupButton(startNew).setId("startNewVisitButton");
        FontIcon icon = new FontIcon("fth-rotate-ccw");
        icon.getStyleClass().addAll("dialog-icon", "resume-icon");
        alert.setGraphic(icon);
        alert.setOnHidden(e -> {
            if (alert.getResult() == startNew) {
                vm.startNew();
            } else {
                vm.resume();
            }
        });
        return alert;
    }
}
