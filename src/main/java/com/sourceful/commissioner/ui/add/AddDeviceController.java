package com.sourceful.commissioner.ui.add;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

import com.sourceful.commissioner.ui.Messages;

public final class AddDeviceController {

    private final AddDeviceViewModel vm;

    @FXML
    private ComboBox<AddDeviceViewModel.ProfileChoice> profileBox;
    @FXML
    private ChoiceBox<String> connectionBox;
    @FXML
    private GridPane form;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;

    public AddDeviceController(AddDeviceViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        profileBox.setItems(vm.profiles());
        profileBox.valueProperty().bindBidirectional(vm.profileProperty());
        profileBox.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(AddDeviceViewModel.ProfileChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.displayName() + "  —  "
                        + Messages.get("group." + item.group().zapGroup()));
            }
        });
        connectionBox.setItems(vm.connectionTypes());
        connectionBox.valueProperty().bindBidirectional(vm.connectionTypeProperty());
        connectionBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String type) {
                if (type == null) {
                    return "";
                }
                String label = Messages.get("conn." + type);
                return label.startsWith("!") ? type : label;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        connectionBox.disableProperty().bind(javafx.beans.binding.Bindings.size(vm.connectionTypes()).lessThan(2));
        vm.fields().addListener((ListChangeListener<FormField>) c -> buildForm());
        buildForm();
        statusLabel.textProperty().bind(vm.statusProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        form.disableProperty().bind(vm.addingProperty());
        profileBox.disableProperty().bind(vm.addingProperty());
    }

    private void buildForm() {
        form.getChildren().clear();
        int row = 0;
        for (FormField field : vm.fields()) {
            Label label = new Label(field.label() + (field.required() ? " *" : ""));
            Control input = inputFor(field);
            input.setId("field-" + field.name());
            input.setAccessibleText(field.label());
            label.setLabelFor(input);
            if (!field.description().isBlank()) {
                input.setTooltip(new Tooltip(field.description()));
            }
            Label problem = new Label();
            problem.getStyleClass().add("field-problem");
            problem.textProperty().bind(field.problemProperty());
            form.add(label, 0, row);
            if (field.secret()) {
                form.add(secretBox(field, (PasswordField) input), 1, row);
            } else {
                form.add(input, 1, row);
            }
            form.add(problem, 2, row);
            GridPane.setHgrow(input, Priority.ALWAYS);
            row++;
        }
    }

    private Control inputFor(FormField field) {
        if (!field.choices().isEmpty()) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(field.choices());
            box.valueProperty().bindBidirectional(field.textProperty());
            box.setMaxWidth(Double.MAX_VALUE);
            return box;
        }
        TextField text = field.secret() ? new PasswordField() : new TextField();
        text.textProperty().bindBidirectional(field.textProperty());
        text.setPromptText(field.required() ? Messages.get("field.prompt.required") : "");
        return text;
    }

    /** A password with a "show" toggle: the technician can check what was typed without it being shown by default. */
    private HBox secretBox(FormField field, PasswordField masked) {
        TextField plain = new TextField();
        plain.textProperty().bindBidirectional(field.textProperty());
        plain.setVisible(false);
        plain.setManaged(false);
        ToggleButton show = new ToggleButton(Messages.get("field.password.show"));
        show.setId("show-" + field.name());
        plain.visibleProperty().bind(show.selectedProperty());
        plain.managedProperty().bind(show.selectedProperty());
        masked.visibleProperty().bind(show.selectedProperty().not());
        masked.managedProperty().bind(show.selectedProperty().not());
        HBox box = new HBox(6, masked, plain, show);
        HBox.setHgrow(masked, Priority.ALWAYS);
        HBox.setHgrow(plain, Priority.ALWAYS);
        return box;
    }
}
