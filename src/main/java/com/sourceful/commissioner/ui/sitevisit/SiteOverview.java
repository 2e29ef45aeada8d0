package com.sourceful.commissioner.ui.sitevisit;

import java.util.Locale;

import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.visit.VisitProgress.DeviceProgress;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;

/**
 * The site overview as a dialog over the wizard: per Zap a line (claimed? Wi-Fi changes) and its devices, each with
 * its state, what is left and a button to the step that finishes it. Choosing one closes the overview; Esc or Close
 * closes it without going anywhere.
 */
public final class SiteOverview {

    /** The dialog pane's id, for tests. */
    public static final String ID = "siteOverviewDialog";
    private static final double PREFERRED_WIDTH = 800;

    private SiteOverview() {
    }

    /** Reads the session now and shows the overview over {@code owner}. JavaFX thread. */
    public static Dialog<ButtonType> show(Window owner, SiteOverviewViewModel vm) {
        vm.refresh();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(Messages.get("visit.overview.title"));
        dialog.initOwner(owner);
        DialogPane pane = dialog.getDialogPane();
        pane.setId(ID);
        pane.getStyleClass().add("site-overview");
        Scene scene = owner.getScene();
        if (scene != null) {
            pane.getStylesheets().setAll(scene.getStylesheets()); // the app's type sizes and tokens
        }
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
        pane.setContent(scroll);
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
        vm.actionText(zap).ifPresent(text -> grid.add(button(text, zap.serial(), "go-zap-" + zap.serial(),
                vm.canGo(zap), () -> {
                    dialog.close();
                    vm.go(zap);
                }), 3, 0));
        if (zap.devices().isEmpty()) {
            Label none = new Label(Messages.get("visit.overview.noDevices"));
            none.getStyleClass().add("overview-left");
            grid.add(none, 0, 1, 4, 1);
        }
        int row = 1;
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
