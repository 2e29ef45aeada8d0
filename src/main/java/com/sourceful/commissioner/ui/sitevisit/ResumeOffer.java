package com.sourceful.commissioner.ui.sitevisit;

import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.Dialogs;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.OpenChooser;

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
        DialogPane pane = Dialogs.ownedBy(alert, owner, ID);
        Button resumeButton = (Button) pane.lookupButton(resume);
        resumeButton.setDefaultButton(true);
        resumeButton.getStyleClass().add("accent");
        resumeButton.setId("resumeVisitButton");
        pane.lookupButton(startNew).setId("startNewVisitButton");
        ButtonType open = new ButtonType(Messages.get("mnemonic.visit.resume.open"), ButtonBar.ButtonData.LEFT);
        if (vm.canOpenFile()) {
            openFileButton(owner, vm, alert, open);
            // The focus starts on Resume, not on the first button of the bar: Enter on a focused button presses it.
            alert.setOnShown(e -> resumeButton.requestFocus());
        }
        FontIcon icon = new FontIcon("fth-rotate-ccw");
        icon.getStyleClass().addAll("dialog-icon", "resume-icon");
        alert.setGraphic(icon);
        alert.setOnHidden(e -> {
            if (alert.getResult() == startNew) {
                vm.startNew();
            } else if (alert.getResult() == open) {
                // a visit file was opened instead: the visit offered stays unfinished
            } else {
                vm.resume();
            }
        });
        return alert;
    }

    /**
     * "Open a visit file…": the offer stays open while the file is asked for and read; opened, the offer closes and
     * a notification says what happened (to the visit offered, too); a file that is not a visit says why in the offer.
     */
    private static void openFileButton(Window owner, ResumeOfferViewModel vm, Alert alert, ButtonType open) {
        DialogPane pane = alert.getDialogPane();
        pane.getButtonTypes().add(0, open);
        Button button = (Button) pane.lookupButton(open);
        button.setId("openVisitFileButton");
        button.disableProperty().bind(vm.openingProperty());
        String text = alert.getContentText();
        vm.openProblemProperty().addListener((o, was, now) -> alert.setContentText(now.isEmpty() ? text
                : text + "\n\n" + now));
        button.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.openChooser().chooseAndRefocus(pane.getScene().getWindow(), OpenChooser.Kind.VISIT)
                    .ifPresent(file -> vm.openFile(file, opened -> {
                        alert.setResult(open);
                        alert.close();
                        CopyDetails.notify(owner, CopyDetails.Notice.DONE, Messages.get("visit.open.opened.title"),
                                opened);
                    }));
        });
    }
}
