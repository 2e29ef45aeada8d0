package com.sourceful.commissioner.ui.prepare;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;

/** Binds the Wi-Fi panel to its view-model; the work is the view-model's. */
public final class WifiController {

    private final WifiViewModel vm;

    @FXML
    private Label currentNetworkLabel;
    @FXML
    private Label currentSignalLabel;
    @FXML
    private Label currentInternetLabel;
    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private Button scanButton;
    @FXML
    private ProgressIndicator scanningIndicator;
    @FXML
    private TableView<WifiViewModel.NetworkRow> networkTable;
    @FXML
    private TableColumn<WifiViewModel.NetworkRow, String> ssidColumn;
    @FXML
    private TableColumn<WifiViewModel.NetworkRow, String> signalColumn;
    @FXML
    private TableColumn<WifiViewModel.NetworkRow, String> securityColumn;
    @FXML
    private PasswordField passwordField;
    @FXML
    private Button joinButton;
    @FXML
    private ProgressBar followBar;
    @FXML
    private Label wifiStatusLabel;
    @FXML
    private Label wifiWarningLabel;
    @FXML
    private Label wifiErrorLabel;
    @FXML
    private Button measureButton;
    @FXML
    private ProgressBar sampleBar;
    @FXML
    private Label signalHereLabel;

    public WifiController(WifiViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        currentNetworkLabel.textProperty().bind(vm.currentNetworkProperty());
        currentSignalLabel.textProperty().bind(vm.currentSignalProperty());
        currentInternetLabel.textProperty().bind(vm.currentInternetProperty());
        loadingIndicator.visibleProperty().bind(vm.loadingProperty());

        scanButton.disableProperty().bind(vm.busyProperty());
        scanningIndicator.visibleProperty().bind(vm.scanningProperty().or(vm.joiningProperty()));
        scanningIndicator.managedProperty().bind(scanningIndicator.visibleProperty());

        networkTable.setItems(vm.networks());
        networkTable.setPlaceholder(new Label(Messages.get("prepare.wifi.networks.none")));
        networkTable.disableProperty().bind(vm.busyProperty());
        ssidColumn.setCellValueFactory(c -> text(c.getValue().label()));
        signalColumn.setCellValueFactory(c -> text(c.getValue().signal()));
        securityColumn.setCellValueFactory(c -> text(c.getValue().security()));
        networkTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty()
                .set(now));
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                networkTable.getSelectionModel().clearSelection();
            } else if (networkTable.getSelectionModel().getSelectedItem() != now) {
                networkTable.getSelectionModel().select(now);
            }
        });

        passwordField.textProperty().bindBidirectional(vm.passwordProperty());
        // An open network takes no password; the field says so rather than waiting for one.
        passwordField.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() != null && vm.selectedProperty().get().open(),
                vm.selectedProperty())));
        joinButton.disableProperty().bind(vm.canJoinProperty().not());
        followBar.progressProperty().bind(vm.followProgressProperty());
        followBar.visibleProperty().bind(vm.joiningProperty());
        followBar.managedProperty().bind(followBar.visibleProperty());

        measureButton.disableProperty().bind(vm.samplingProperty().or(vm.busyProperty()));
        sampleBar.progressProperty().bind(vm.sampleProgressProperty());
        sampleBar.visibleProperty().bind(vm.samplingProperty());
        sampleBar.managedProperty().bind(sampleBar.visibleProperty());
        signalHereLabel.textProperty().bind(vm.signalHereProperty());

        Tones.show(wifiStatusLabel, vm.statusProperty());
        Tones.show(wifiWarningLabel, vm.warningProperty());
        Tones.show(wifiErrorLabel, vm.errorProperty());
        Reveal.whenShown(wifiErrorLabel, vm.errorProperty());
    }

    @FXML
    private void onScan() {
        vm.scan();
    }

    @FXML
    private void onJoin() {
        vm.join();
    }

    @FXML
    private void onMeasure() {
        vm.measure();
    }

    private static ReadOnlyStringWrapper text(String value) {
        return new ReadOnlyStringWrapper(value);
    }
}
