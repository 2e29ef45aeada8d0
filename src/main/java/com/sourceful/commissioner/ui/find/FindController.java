package com.sourceful.commissioner.ui.find;

import java.util.Locale;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

import com.sourceful.commissioner.discovery.FoundZap;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;

public final class FindController {

    private static final PseudoClass SILENT = PseudoClass.getPseudoClass("silent");
    private static final PseudoClass UNCONFIRMED = PseudoClass.getPseudoClass("unconfirmed");

    private final FindViewModel vm;

    @FXML
    private TableView<FoundZap> zapTable;
    @FXML
    private TableColumn<FoundZap, String> serialColumn;
    @FXML
    private TableColumn<FoundZap, String> addressColumn;
    @FXML
    private TableColumn<FoundZap, String> firmwareColumn;
    @FXML
    private TableColumn<FoundZap, String> wifiColumn;
    @FXML
    private TableColumn<FoundZap, String> internetColumn;
    @FXML
    private TableColumn<FoundZap, String> devicesColumn;
    @FXML
    private TableColumn<FoundZap, String> sourceColumn;
    @FXML
    private TableColumn<FoundZap, String> noteColumn;
    @FXML
    private TextField addressField;
    @FXML
    private Button checkButton;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private Label localNetworkNotice;
    @FXML
    private ProgressIndicator searchingIndicator;
    @FXML
    private Label typedProblemLabel;
    @FXML
    private Button sweepButton;
    @FXML
    private ProgressBar sweepBar;
    @FXML
    private Label sweepLabel;
    @FXML
    private Button cancelSweepButton;

    public FindController(FindViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        zapTable.setItems(vm.zaps());
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("nothing-found");
        placeholder.setId("nothingFound");
        placeholder.textProperty().bind(Bindings.when(vm.nothingFoundProperty().isEmpty())
                .then(Messages.get("find.table.empty")).otherwise(vm.nothingFoundProperty()));
        zapTable.setPlaceholder(placeholder);
        // A Zap that stops answering stays listed, greyed, so the technician sees it went away.
        zapTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(FoundZap zap, boolean empty) {
                super.updateItem(zap, empty);
                boolean silent = !empty && zap != null && !zap.answering();
                pseudoClassStateChanged(SILENT, silent);
                pseudoClassStateChanged(UNCONFIRMED, !empty && zap != null && !zap.serialConfirmed());
                setTooltip(silent ? new Tooltip(Messages.get("find.row.silent")) : null);
            }
        });
        serialColumn.setCellValueFactory(c -> text(c.getValue().serial()));
        addressColumn.setCellValueFactory(c -> text(c.getValue().address()));
        firmwareColumn.setCellValueFactory(c -> text(c.getValue().firmwareVersion()));
        wifiColumn.setCellValueFactory(c -> text(c.getValue().ssid().orElse("–")
                + (c.getValue().rssi().isPresent() ? "  " + c.getValue().rssi().getAsInt() + " dBm" : "")));
        internetColumn.setCellValueFactory(c -> text(c.getValue().internetConnected()
                .map(b -> Messages.get(b ? "common.yes" : "common.no")).orElse("–")));
        devicesColumn.setCellValueFactory(c -> text(c.getValue().deviceCount() < 0 ? "?" : String.valueOf(c.getValue().deviceCount())));
        sourceColumn.setCellValueFactory(c -> text(c.getValue().sources().stream()
                .map(s -> Messages.get("find.source." + s.name().toLowerCase(Locale.ROOT)))
                .sorted().collect(Collectors.joining(", "))));
        // Several sources can be longer than the column (more so in Swedish): the whole list on hover.
        sourceColumn.setCellFactory(col -> withTooltip());
        // Why a Zap is silent, or that its serial is unconfirmed: in its own row, current as re-checks fail.
        noteColumn.setCellValueFactory(c -> {
            FoundZap zap = c.getValue();
            return Bindings.createStringBinding(() -> vm.rowNote(zap), vm.silentReasons());
        });
        noteColumn.setCellFactory(col -> withTooltip());
        zapTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.choose(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null) {
                zapTable.getSelectionModel().clearSelection();
            } else if (zapTable.getSelectionModel().getSelectedItem() != b) {
                zapTable.getSelectionModel().select(b);
            }
        });
        addressField.textProperty().bindBidirectional(vm.typedAddressProperty());
        typedProblemLabel.textProperty().bind(vm.typedProblemProperty());
        sweepButton.disableProperty().bind(vm.sweepRunningProperty().or(vm.sweepAvailableProperty().not()));
        sweepBar.progressProperty().bind(vm.sweepProgressProperty());
        sweepBar.visibleProperty().bind(vm.sweepRunningProperty());
        sweepBar.managedProperty().bind(vm.sweepRunningProperty());
        sweepLabel.textProperty().bind(vm.sweepTextProperty());
        sweepLabel.visibleProperty().bind(vm.sweepRunningProperty());
        sweepLabel.managedProperty().bind(vm.sweepRunningProperty());
        cancelSweepButton.visibleProperty().bind(vm.sweepRunningProperty());
        cancelSweepButton.managedProperty().bind(vm.sweepRunningProperty());
        checkButton.disableProperty().bind(vm.typedAddressValidProperty().not().or(vm.checkingProperty()));
        statusLabel.textProperty().bind(vm.statusProperty());
        Tones.show(localNetworkNotice, vm.localNetworkNoticeProperty());
        Tones.show(errorLabel, vm.errorProperty());
        // An error after Next may land below the fold: bring it into view.
        Reveal.whenShown(errorLabel, vm.errorProperty());
        searchingIndicator.visibleProperty().bind(vm.searchingProperty().or(vm.checkingProperty()));
        // Enter in the address field checks the address instead of pressing Next.
        addressField.setOnAction(e -> {
            vm.checkTypedAddress();
            e.consume();
        });
    }

    /** A text cell whose whole text shows on hover, for texts longer than their column. */
    private static TableCell<FoundZap, String> withTooltip() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        };
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    @FXML
    private void onCheck() {
        vm.checkTypedAddress();
    }

    @FXML
    private void onSweep() {
        vm.sweepNow();
    }

    @FXML
    private void onCancelSweep() {
        vm.cancelSweep();
    }
}
