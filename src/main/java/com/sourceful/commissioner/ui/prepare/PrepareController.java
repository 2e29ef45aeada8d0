package com.sourceful.commissioner.ui.prepare;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;

/** The Prepare step's frame: which Zap, and the step's error line; each panel has its own controller. */
public final class PrepareController {

    private final PrepareViewModel vm;

    @FXML
    private Label zapLabel;
    @FXML
    private Label errorLabel;

    public PrepareController(PrepareViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        zapLabel.textProperty().bind(vm.zapProperty());
        Tones.show(errorLabel, vm.errorProperty());
        Reveal.whenShown(errorLabel, vm.errorProperty());
    }
}
