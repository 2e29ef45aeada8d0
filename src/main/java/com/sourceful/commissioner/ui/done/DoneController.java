package com.sourceful.commissioner.ui.done;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import com.sourceful.commissioner.ui.wizard.WizardViewModel;

public final class DoneController {

    private final DoneViewModel vm;
    private final WizardViewModel wizard;

    @FXML
    private Label headline;
    @FXML
    private GridPane summary;

    public DoneController(DoneViewModel vm, WizardViewModel wizard) {
        this.vm = vm;
        this.wizard = wizard;
    }

    @FXML
    private void initialize() {
        headline.textProperty().bind(vm.headlineProperty());
        vm.lines().addListener((ListChangeListener<DoneViewModel.Line>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        summary.getChildren().clear();
        int row = 0;
        for (DoneViewModel.Line line : vm.lines()) {
            Label label = new Label(line.label());
            label.getStyleClass().add("summary-label");
            Label value = new Label(line.value());
            value.getStyleClass().add("summary-value");
            value.setId("summary-" + row);
            summary.addRow(row++, label, value);
        }
    }

    @FXML
    private void onAddAnother() {
        vm.prepareAnotherDevice();
        wizard.addAnotherDevice();
    }
}
