package com.sourceful.commissioner.ui.prepare;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

import com.sourceful.commissioner.ui.common.Tones;

/** Binds the claim panel to its {@link ClaimViewModel}. */
public final class ClaimController {

    private final ClaimViewModel vm;

    @FXML
    private ComboBox<String> organisationBox;
    @FXML
    private Label organisationHintLabel;
    @FXML
    private Label standingLabel;
    @FXML
    private Button claimButton;
    @FXML
    private Label resultLabel;

    public ClaimController(ClaimViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        organisationBox.setItems(vm.organisations());
        organisationBox.setValue(vm.organisationProperty().get());
        // Filled in from the token or the sites: the box shows it; chosen or typed (Enter, or leaving the box): the
        // panel asks again who holds the Zap.
        vm.organisationProperty().addListener((o, was, now) -> {
            if (!now.equals(organisationBox.getValue())) {
                organisationBox.setValue(now);
            }
        });
        organisationBox.valueProperty().addListener((o, was, now) -> {
            String chosen = now == null ? "" : now.strip();
            if (!chosen.equals(vm.organisationProperty().get())) {
                vm.organisationChosen(chosen);
            }
        });
        organisationHintLabel.textProperty().bind(vm.organisationHintProperty());
        Tones.show(standingLabel, vm.standingProperty(), vm.standingToneProperty());
        Tones.show(resultLabel, vm.resultProperty(), vm.resultToneProperty());
        claimButton.disableProperty().bind(vm.canClaimProperty().not());
    }

    @FXML
    private void onClaim() {
        vm.claim();
    }
}
