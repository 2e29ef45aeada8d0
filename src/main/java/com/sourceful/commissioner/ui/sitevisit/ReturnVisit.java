package com.sourceful.commissioner.ui.sitevisit;

import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.Dialogs;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.visit.VisitComparison.Tone;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What changed since the earlier visit on the chosen Zap: offered by a notification ("Show changes") once it is
 * known, shown as a dialog over the wizard. "Since the visit on 3 Nov 2026 (Anna Andersson)", then per device its
 * changes, each with an icon for its tone (never colour alone: the text says it). Esc or Close closes it.
 */
public final class ReturnVisit {

    /** The dialog pane's id, for tests. */
    public static final String ID = "returnVisitDialog";
    private static final double PREFERRED_WIDTH = 720;

    private ReturnVisit() {
    }

    /** The notification over {@code owner} that the Zap was visited before, with "Show changes". JavaFX thread. */
    public static void notify(Window owner, ReturnVisitViewModel vm) {
        CopyDetails.Notice notice = vm.tone() == Tone.WARNING ? CopyDetails.Notice.WARNING : CopyDetails.Notice.DONE;
        CopyDetails.notify(owner, notice, vm.notificationTitle(), vm.notificationText(),
                Messages.get("visit.return.notify.show"), () -> show(owner, vm));
    }

    /** Shows the changes over {@code owner}. JavaFX thread. */
    public static Dialog<ButtonType> show(Window owner, ReturnVisitViewModel vm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(Messages.get("visit.return.title"));
        DialogPane pane = Dialogs.ownedBy(dialog, owner, ID);
        pane.getStyleClass().add("return-visit");
        ButtonType close = new ButtonType(Messages.get("mnemonic.visit.return.close"),
                ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().add(close);
        pane.lookupButton(close).setId("closeReturnVisitButton");
        Label since = new Label(vm.sinceLine());
        since.getStyleClass().add("return-since");
        since.setWrapText(true);
        VBox content = new VBox(since);
        content.getStyleClass().add("return-groups");
        if (vm.nothingChanged()) {
            content.getChildren().add(line(vm.nothingLine(), Tone.INFO));
        }
        for (ReturnVisitViewModel.Group group : vm.groups()) {
            content.getChildren().add(group(group));
        }
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("return-scroll");
        scroll.setFocusTraversable(false);
        pane.setContent(scroll);
        double width = Math.max(440, Math.min(PREFERRED_WIDTH, owner.getWidth()));
        pane.setPrefWidth(width);
        pane.setMinWidth(width);
        dialog.setResizable(true);
        dialog.show();
        return dialog;
    }

    private static Node group(ReturnVisitViewModel.Group group) {
        VBox box = new VBox();
        box.getStyleClass().add("return-group");
        Label header = new Label(group.header());
        header.getStyleClass().add("return-group-header");
        header.setWrapText(true);
        box.getChildren().add(header);
        for (ReturnVisitViewModel.Line l : group.lines()) {
            box.getChildren().add(line(l.text(), l.tone()));
        }
        return box;
    }

    private static Label line(String text, Tone tone) {
        FontIcon icon = new FontIcon(tone == Tone.WARNING ? "fth-alert-triangle" : "fth-info");
        Label label = new Label(text, icon);
        label.getStyleClass().addAll("return-change", "tone-" + tone.name().toLowerCase(Locale.ROOT));
        label.setWrapText(true);
        return label;
    }
}
