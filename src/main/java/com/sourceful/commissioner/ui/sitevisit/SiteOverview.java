package com.sourceful.commissioner.ui.sitevisit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.event.ActionEvent;

import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.Dialogs;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.OpenChooser;
import com.sourceful.commissioner.ui.common.SaveChooser;
import com.sourceful.commissioner.ui.common.Tones;
import com.sourceful.commissioner.visit.VisitProgress.DeviceProgress;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;

/**
 * The site overview as a dialog over the wizard: per Zap a line (claimed? Wi-Fi changes) and its devices, each with
 * its state, what is left and a button to the step that finishes it, and per Zap what the search knows of its health.
 * Choosing a row's button closes the overview; Esc, Enter or Close close it without going anywhere. Below, the visit as
 * a whole: Export visit… (Alt+E), Open a visit file… (Alt+O) and Finish visit… (Alt+F).
 */
public final class SiteOverview {

    /** The dialog pane's id, for tests. */
    public static final String ID = "siteOverviewDialog";
    /** The finish confirmation's dialog pane id, for tests. */
    public static final String FINISH_ID = "finishVisitDialog";
    private static final double PREFERRED_WIDTH = 800;

    private SiteOverview() {
    }

    /** Reads the session now and shows the overview over {@code owner}, with the platform's file dialogs. */
    public static Dialog<ButtonType> show(Window owner, SiteOverviewViewModel vm) {
        return show(owner, vm, SaveChooser::fileChooser, OpenChooser::fileChooser);
    }

    /**
     * Reads the session now and shows the overview over {@code owner}. JavaFX thread.
     *
     * @param saves where an export goes (tests answer without a dialog)
     * @param opens which visit file to open (tests answer without a dialog)
     */
    public static Dialog<ButtonType> show(Window owner, SiteOverviewViewModel vm, Supplier<SaveChooser> saves,
                                          Supplier<OpenChooser> opens) {
        return show(owner, vm, saves, opens, Optional::empty);
    }

    /**
     * The same, with the changes since the last visit on the chosen Zap when they were compared ({@code changes}):
     * the notification that offered them goes by itself, and its button is out of the keyboard's reach.
     */
    public static Dialog<ButtonType> show(Window owner, SiteOverviewViewModel vm, Supplier<SaveChooser> saves,
                                          Supplier<OpenChooser> opens,
                                          Supplier<Optional<ReturnVisitViewModel>> changes) {
        vm.refresh();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(Messages.get("visit.overview.title"));
        DialogPane pane = Dialogs.ownedBy(dialog, owner, ID);
        pane.getStyleClass().add("site-overview");
        ButtonType close = new ButtonType(Messages.get("mnemonic.visit.overview.close"),
                ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().add(close);
        pane.lookupButton(close).setId("closeOverviewButton");
        VBox content = new VBox();
        content.getStyleClass().add("overview-zaps");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("overview-scroll");
        scroll.setFocusTraversable(false);
        VBox body = new VBox(scroll);
        body.getStyleClass().add("overview-body");
        changes.get().ifPresent(compared -> {
            Button show = new Button(Messages.get("mnemonic.visit.overview.changes"));
            show.setMnemonicParsing(true);
            show.setId("returnChangesButton");
            show.setOnAction(e -> ReturnVisit.show(owner, compared));
            Label since = new Label(compared.notificationText());
            since.getStyleClass().add("overview-hint");
            since.setWrapText(true);
            HBox line = new HBox(show, since);
            line.getStyleClass().add("overview-changes");
            body.getChildren().add(0, line);
        });
        VBox.setVgrow(scroll, Priority.ALWAYS);
        pane.setContent(body);
        if (vm.hasActions()) {
            visitActions(owner, vm, dialog, body, saves, opens);
            // Enter on a focused button presses it: the focus starts on Close, not on Export, first in the bar.
            Node closeButton = pane.lookupButton(close);
            dialog.setOnShown(e -> closeButton.requestFocus());
        }
        // Wide enough for a row on one line where the window is (a dialog is sized before its CSS applies).
        double width = Math.max(480, Math.min(PREFERRED_WIDTH, owner.getWidth()));
        pane.setPrefWidth(width);
        pane.setMinWidth(width);
        dialog.setResizable(true);
        Runnable fill = () -> fill(content, vm, dialog);
        fill.run();
        vm.progressProperty().addListener((o, was, now) -> fill.run());
        dialog.show();
        return dialog;
    }

    private static void fill(VBox content, SiteOverviewViewModel vm, Dialog<ButtonType> dialog) {
        content.getChildren().clear();
        if (vm.progressProperty().get().isEmpty()) {
            Label empty = new Label(Messages.get("visit.overview.empty"));
            empty.getStyleClass().add("overview-empty");
            empty.setWrapText(true);
            content.getChildren().add(empty);
            return;
        }
        for (ZapProgress zap : vm.progressProperty().get()) {
            content.getChildren().add(zapSection(zap, vm, dialog));
        }
    }

    private static Node zapSection(ZapProgress zap, SiteOverviewViewModel vm, Dialog<ButtonType> dialog) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("overview-zap");
        ColumnConstraints name = new ColumnConstraints();
        name.setHgrow(Priority.SOMETIMES);
        ColumnConstraints state = new ColumnConstraints();
        ColumnConstraints left = new ColumnConstraints();
        left.setHgrow(Priority.ALWAYS);
        ColumnConstraints action = new ColumnConstraints();
        action.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().setAll(name, state, left, action);
        Label header = new Label(vm.zapLine(zap));
        header.getStyleClass().add("overview-zap-line");
        header.setWrapText(true);
        grid.add(header, 0, 0, 3, 1);
        Label health = new Label(vm.healthLine(zap));
        health.getStyleClass().add("overview-zap-health");
        health.setWrapText(true);
        grid.add(health, 0, 1, 4, 1);
        vm.actionText(zap).ifPresent(text -> grid.add(button(text, zap.serial(), "go-zap-" + zap.serial(),
                vm.canGo(zap), () -> {
                    dialog.close();
                    vm.go(zap);
                }), 3, 0));
        if (zap.devices().isEmpty()) {
            Label none = new Label(Messages.get("visit.overview.noDevices"));
            none.getStyleClass().add("overview-left");
            grid.add(none, 0, 2, 4, 1);
        }
        int row = 2;
        for (DeviceProgress device : zap.devices()) {
            Label deviceName = new Label(vm.deviceName(device));
            deviceName.getStyleClass().add("overview-device");
            if (device.current()) {
                deviceName.getStyleClass().add("current");
            }
            Label stateLabel = new Label(vm.stateText(device));
            stateLabel.getStyleClass().addAll("overview-state",
                    "state-" + device.state().name().toLowerCase(Locale.ROOT));
            Label leftLabel = new Label(vm.leftText(device));
            leftLabel.getStyleClass().add("overview-left");
            leftLabel.setWrapText(true);
            // Names and states keep their whole text; what is left wraps.
            deviceName.setMinWidth(Region.USE_PREF_SIZE);
            stateLabel.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(row, deviceName, stateLabel, leftLabel);
            vm.actionText(device).ifPresent(text -> grid.add(button(text, vm.deviceName(device),
                    "go-" + device.sn(), vm.canGo(device), () -> {
                        dialog.close();
                        vm.go(device);
                    }), 3, grid.getRowCount() - 1));
            row++;
        }
        return grid;
    }

    /**
     * Export, open a visit file and finish, in the dialog's button bar (they do not close it by themselves), and the
     * line that says how an export or an open went.
     */
    private static void visitActions(Window owner, SiteOverviewViewModel vm, Dialog<ButtonType> dialog, VBox body,
                                     Supplier<SaveChooser> saves, Supplier<OpenChooser> opens) {
        DialogPane pane = dialog.getDialogPane();
        Label hint = new Label(Messages.get("visit.open.hint"));
        hint.getStyleClass().addAll("hint", "overview-hint");
        hint.setWrapText(true);
        Label status = new Label();
        status.setId("overviewStatus");
        status.getStyleClass().addAll("verdict", "overview-status");
        status.setWrapText(true);
        Tones.show(status, vm.statusProperty(), vm.statusToneProperty());
        body.getChildren().addAll(hint, status);

        ButtonType export = new ButtonType(Messages.get("mnemonic.visit.overview.export"),
                ButtonBar.ButtonData.LEFT);
        ButtonType open = new ButtonType(Messages.get("mnemonic.visit.overview.open"), ButtonBar.ButtonData.LEFT);
        ButtonType finish = new ButtonType(Messages.get("mnemonic.visit.overview.finish"),
                ButtonBar.ButtonData.LEFT);
        pane.getButtonTypes().addAll(0, List.of(export, open, finish));
        Button exportButton = actionButton(pane, export, "exportVisitButton", () -> saves.get()
                .chooseAndRefocus(pane.getScene().getWindow(), vm.exportName(), SaveChooser.Kind.VISIT)
                .ifPresent(vm::export));
        exportButton.disableProperty().bind(vm.workingProperty());
        Button openButton = actionButton(pane, open, "openVisitFileButton", () -> opens.get()
                .chooseAndRefocus(pane.getScene().getWindow(), OpenChooser.Kind.VISIT)
                .ifPresent(file -> vm.open(file, opened -> {
                    dialog.close();
                    CopyDetails.notify(owner, CopyDetails.Notice.DONE, Messages.get("visit.open.opened.title"),
                            opened);
                })));
        openButton.disableProperty().bind(vm.canSwitchProperty().not());
        Button finishButton = actionButton(pane, finish, "finishVisitButton", () -> {
            Runnable finishNow = () -> {
                vm.finish(problem -> CopyDetails.notify(owner, CopyDetails.Notice.WARNING,
                        Messages.get("visit.finish.title"), problem));
                dialog.close();
                CopyDetails.notify(owner, CopyDetails.Notice.DONE, Messages.get("visit.finish.done.title"),
                        Messages.get("visit.finish.done"));
            };
            List<String> left = vm.leftLines();
            if (left.isEmpty()) {
                finishNow.run();
            } else {
                confirmFinish(pane.getScene().getWindow(), left, finishNow);
            }
        });
        finishButton.disableProperty().bind(vm.canSwitchProperty().not());
    }

    /** A button of the bar that acts without closing the dialog. */
    private static Button actionButton(DialogPane pane, ButtonType type, String id, Runnable action) {
        Button b = (Button) pane.lookupButton(type);
        b.setId(id);
        b.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            action.run();
        });
        return b;
    }

    /**
     * Asks before finishing a visit with work left, listing it. Enter and Esc keep the visit going (finishing ends
     * its offer for resuming); only "Finish visit" (or Alt+F) finishes.
     */
    static Alert confirmFinish(Window owner, List<String> left, Runnable finish) {
        ButtonType confirm = new ButtonType(Messages.get("mnemonic.visit.finish.confirm"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(Messages.get("mnemonic.visit.finish.keep"),
                ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                Messages.get("visit.finish.text", String.join("\n", left)), confirm, keep);
        alert.setTitle(Messages.get("visit.finish.title"));
        alert.setHeaderText(Messages.get("visit.finish.header"));
        DialogPane pane = Dialogs.ownedBy(alert, owner, FINISH_ID);
        Button keepButton = (Button) pane.lookupButton(keep);
        keepButton.setDefaultButton(true);
        keepButton.setId("keepVisitButton");
        ((Button) pane.lookupButton(confirm)).setDefaultButton(false);
        pane.lookupButton(confirm).setId("confirmFinishVisitButton");
        alert.setOnHidden(e -> {
            if (alert.getResult() == confirm) {
                finish.run();
            }
        });
        alert.show();
        return alert;
    }

    /** A row's button: its text says the step, its accessible text also the device or Zap it acts on. */
    private static Button button(String text, String what, String id, boolean enabled, Runnable action) {
        Button b = new Button(text);
        b.setId(id.replaceAll("[^A-Za-z0-9_-]", "_"));
        // Every row has one: no mnemonics (they would share letters); Tab reaches them, Space presses.
        b.setMnemonicParsing(false);
        b.setAccessibleText(Messages.get("visit.overview.go.accessible", text, what));
        b.getStyleClass().add("overview-go");
        b.setDisable(!enabled);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }
}
