package com.sourceful.commissioner.ui.common;

import java.io.File;
import java.util.Locale;

import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

import com.sourceful.commissioner.novacore.NovacoreEnvironment;

/** Binds one copy of the sign-in form to the session's {@link NovacoreSignIn}. */
public final class SignInController {

    private final NovacoreSignIn vm;

    @FXML
    private ChoiceBox<NovacoreEnvironment> environmentBox;
    @FXML
    private TextField customUrlField;
    @FXML
    private PasswordField tokenField;
    @FXML
    private Label tokenInfoLabel;
    @FXML
    private Label keyStatusLabel;

    public SignInController(NovacoreSignIn vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        environmentBox.getItems().setAll(NovacoreEnvironment.values());
        environmentBox.setConverter(Converters.of(
                env -> Messages.get("provision.env." + env.name().toLowerCase(Locale.ROOT))));
        environmentBox.valueProperty().bindBidirectional(vm.environmentProperty());
        customUrlField.textProperty().bindBidirectional(vm.customUrlProperty());
        customUrlField.disableProperty().bind(vm.environmentProperty().isNotEqualTo(NovacoreEnvironment.CUSTOM));
        tokenField.textProperty().bindBidirectional(vm.tokenTextProperty());
        tokenInfoLabel.textProperty().bind(vm.tokenInfoProperty());
        Tones.show(keyStatusLabel, vm.keyStatusProperty());
        // Not signed in: the token is the step's first field; signed in, the step's own first field is.
        vm.signedInProperty().addListener((o, was, now) -> markFirst(!now));
        markFirst(!vm.signedInProperty().get());
    }

    private void markFirst(boolean first) {
        tokenField.getStyleClass().remove("initial-focus");
        if (first) {
            tokenField.getStyleClass().add("initial-focus");
        }    }

    @FXML
    private void onSignInWithKey() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("provision.key.choose"));
        File file = chooser.showOpenDialog(tokenField.getScene().getWindow());
        if (file != null) {
            vm.signInWithKey(file.toPath());
        }
    }
}
