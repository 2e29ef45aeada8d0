package com.sourceful.commissioner.ui.add;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import com.sourceful.commissioner.commissioning.FieldRules;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.ui.common.Converters;
import com.sourceful.commissioner.ui.common.Dialogs;
import com.sourceful.commissioner.ui.common.Icons;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Mnemonics;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.zap.ZapDevice;

import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.javafx.FontIcon;

public final class AddDeviceController {

    /** The label column's width when every label is short (as in the FXML). */
    private static final double LABEL_COLUMN_MIN = 150;

    private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AddDeviceViewModel vm;
    private final WizardViewModel wizard;
    private ValidationSupport validation = new ValidationSupport();

    @FXML
    private ComboBox<AddDeviceViewModel.ProfileChoice> profileBox;
    @FXML
    private ChoiceBox<String> connectionBox;
    @FXML
    private GridPane form;
    /** Profile and connection, above the profile's own fields in {@link #form}. */
    @FXML
    private GridPane choiceGrid;
    @FXML
    private Label hintLabel;
    @FXML
    private Button testButton;
    @FXML
    private Label preflightLabel;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private Button openConflictButton;
    @FXML
    private TableView<ZapDevice> deviceTable;
    @FXML
    private TableColumn<ZapDevice, String> snColumn;
    @FXML
    private TableColumn<ZapDevice, String> profileColumn;
    @FXML
    private TableColumn<ZapDevice, String> connectionColumn;
    @FXML
    private TableColumn<ZapDevice, String> connectedColumn;
    @FXML
    private TableColumn<ZapDevice, String> lastReadingColumn;
    @FXML
    private Button openButton;
    @FXML
    private Button removeButton;
    @FXML
    private Button scanButton;
    @FXML
    private Label scanStatusLabel;
    @FXML
    private TableView<AddDeviceViewModel.FoundRow> foundTable;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundAddressColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundUnitColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundProtocolColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundManufacturerColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundModelColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundSerialColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundProfileColumn;
    @FXML
    private TableColumn<AddDeviceViewModel.FoundRow, String> foundOnZapColumn;
    @FXML
    private Button addFoundButton;
    @FXML
    private Label scanNoteLabel;

    public AddDeviceController(AddDeviceViewModel vm, WizardViewModel wizard) {
        this.vm = vm;
        this.wizard = wizard;
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
        connectionBox.setConverter(Converters.of(Converters::connectionType));
        connectionBox.disableProperty().bind(Bindings.size(vm.connectionTypes()).lessThan(2).or(vm.addingProperty()));
        vm.fields().addListener((ListChangeListener<FormField>) c -> buildForm());
        buildForm();

        hintLabel.textProperty().bind(vm.hintProperty());
        // After a failed preflight the hint is part of its sentence; showing it twice would only push the form down.
        hintLabel.visibleProperty().bind(vm.hintProperty().isNotEmpty()
                .and(vm.preflightOutcomeProperty().isNotEqualTo(PreflightResult.Outcome.FAILED)));
        hintLabel.managedProperty().bind(hintLabel.visibleProperty());
        testButton.disableProperty().bind(Bindings.not(vm.readyProperty()).or(vm.busyProperty()));
        Tones.show(preflightLabel, vm.preflightProperty());
        vm.preflightOutcomeProperty().addListener((o, a, outcome) -> {
            preflightLabel.pseudoClassStateChanged(PASSED, outcome == PreflightResult.Outcome.PASSED);
            preflightLabel.pseudoClassStateChanged(FAILED, outcome == PreflightResult.Outcome.FAILED);
        });
        statusLabel.textProperty().bind(vm.statusProperty());
        Tones.show(errorLabel, vm.errorProperty());
        // An error after Next may land below the fold: bring it into view.
        Reveal.whenShown(errorLabel, vm.errorProperty());
        openConflictButton.visibleProperty().bind(vm.conflictingSnProperty().isNotEmpty());
        openConflictButton.managedProperty().bind(openConflictButton.visibleProperty());
        form.disableProperty().bind(vm.addingProperty().or(vm.checkingProperty()));
        profileBox.disableProperty().bind(vm.addingProperty().or(vm.checkingProperty()));

        deviceTable.setItems(vm.devices());
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.when(vm.devicesProblemProperty().isEmpty())
                .then(Messages.get("add.devices.empty")).otherwise(vm.devicesProblemProperty()));
        deviceTable.setPlaceholder(placeholder);
        snColumn.setCellValueFactory(c -> text(c.getValue().sn()));
        profileColumn.setCellValueFactory(c -> text(c.getValue().profile().orElse("–")));
        connectionColumn.setCellValueFactory(c -> text(c.getValue().connectionType()
                .map(Converters::connectionType).orElse("–")));
        connectedColumn.setCellValueFactory(c -> text(Messages.get(c.getValue().connected() ? "common.yes" : "common.no")));
        lastReadingColumn.setCellValueFactory(c -> text(c.getValue().lastHarvestMs().isPresent()
                ? TIME.format(Instant.ofEpochMilli(c.getValue().lastHarvestMs().getAsLong())) : "–"));
        openButton.disableProperty().bind(deviceTable.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.busyProperty()));
        removeButton.disableProperty().bind(deviceTable.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        initializeScan();
    }

    /** "Find devices on this network": the results beside the Zap's own list, each with what was read (tooltip). */
    private void initializeScan() {
        scanButton.disableProperty().bind(vm.busyProperty());
        scanStatusLabel.textProperty().bind(vm.scanStatusProperty());
        Tones.show(scanNoteLabel, vm.scanNoteProperty());
        foundTable.setItems(vm.foundRows());
        Label empty = new Label(Messages.get("add.scan.empty"));
        empty.setWrapText(true);
        foundTable.setPlaceholder(empty);
        foundAddressColumn.setCellValueFactory(c -> text(c.getValue().device().address() + ":"
                + c.getValue().device().port()));
        foundUnitColumn.setCellValueFactory(c -> text(c.getValue().device().unitId().isPresent()
                ? String.valueOf(c.getValue().device().unitId().getAsInt()) : "–"));
        // The protocol as the technician reads it ("Modbus TCP", "Solarman V5 logger"), not the scan's identifier.
        foundProtocolColumn.setCellValueFactory(c -> text(Messages.get("add.scan.protocol."
                + c.getValue().device().protocol())));
        foundManufacturerColumn.setCellValueFactory(c -> text(c.getValue().device().manufacturer().orElse("–")));
        foundModelColumn.setCellValueFactory(c -> text(c.getValue().device().model().orElse("–")));
        foundSerialColumn.setCellValueFactory(c -> text(c.getValue().device().serial().orElse("–")));
        // A profile guessed from an MQTT broker's port is shown as a guess, not as what the device told.
        foundProfileColumn.setCellValueFactory(c -> text(c.getValue().device().profile()
                .or(() -> c.getValue().profileGuess().map(guess -> Messages.get("add.scan.profileGuess", guess)))
                .orElse(Messages.get("add.scan.notSupported"))));
        foundOnZapColumn.setCellValueFactory(c -> text(c.getValue().onZapSn()
                .map(sn -> Messages.get("add.scan.onZap", sn)).orElse("")));
        // The evidence (what was read) is for the curious: on the row's tooltip, not in a column of its own.
        foundTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(AddDeviceViewModel.FoundRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new Tooltip(row.device().evidence()));
            }
        });
        addFoundButton.disableProperty().bind(foundTable.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.busyProperty()));
    }

    @FXML
    private void onFindDevices() {
        vm.findDevices();
    }

    @FXML
    private void onAddFound() {
        Optional.ofNullable(foundTable.getSelectionModel().getSelectedItem())
                .ifPresent(row -> vm.fillFrom(row.device()));
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    private void buildForm() {
        form.getChildren().clear();
        // Decorations belong to the controls of one form: a fresh support per form drops the old ones.
        validation = new ValidationSupport();
        // Alt+letter for every field: the first letter of its label that the step and the footer leave free.
        Node top = form;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        Set<Character> taken = new HashSet<>(Mnemonics.footer());
        taken.addAll(Mnemonics.taken(top, form));
        // "Show" has four letters only: it picks before the fields, which have more to choose from.
        Map<FormField, String> showTexts = new HashMap<>();
        vm.fields().stream().filter(FormField::secret).forEach(f -> showTexts.put(f,
                Mnemonics.assign(Messages.get("field.password.show"), taken)));
        int row = 0;
        for (FormField field : vm.fields()) {
            // Every field is reached with Alt+letter, also when the step has used up the letters of its label.
            Label label = new Label(Mnemonics.assignAlways(field.label(), taken) + (field.required() ? " *" : ""));
            label.setMnemonicParsing(true);
            Control input = inputFor(field);
            input.setId("field-" + field.name());
            input.setAccessibleText(field.label());
            label.setLabelFor(input);
            if (!field.description().isBlank()) {
                input.setTooltip(new Tooltip(field.description()));
            }
            validation.registerValidator(input, false, (Control c, Object value) ->
                    ValidationResult.fromMessageIf(c, field.problemProperty().get(), Severity.ERROR, !field.valid()));
            field.textProperty().addListener((o, a, b) -> validation.revalidate(input));
            Label problem = new Label();
            problem.getStyleClass().add("field-problem");
            problem.setId("problem-" + field.name());
            problem.textProperty().bind(field.problemProperty());
            Label unit = new Label(FieldRules.unit(field.name()).orElse(""));
            unit.getStyleClass().add("unit");
            form.add(label, 0, row);
            if (field.secret()) {
                form.add(secretBox(field, (PasswordField) input, showTexts.get(field)), 1, row);
            } else {
                form.add(input, 1, row);
            }
            form.add(new HBox(8, unit, problem), 2, row);
            GridPane.setHgrow(input, Priority.ALWAYS);
            row++;
        }
        alignLabelColumns();
        // Once the new labels are in the window, their mnemonics point at their fields (and their widths are known).
        Platform.runLater(() -> {
            Mnemonics.relinkLabels(form);
            alignLabelColumns();
        });
    }

    /**
     * One label column for both grids, as wide as the widest label in either: otherwise a long label (Swedish
     * "Modbus-adress (unit id)") widens only its own grid, and the fields no longer line up under Profile.
     */
    private void alignLabelColumns() {
        double widest = LABEL_COLUMN_MIN;
        for (GridPane grid : List.of(choiceGrid, form)) {
            grid.applyCss();
            for (Node n : grid.getChildren()) {
                Integer column = GridPane.getColumnIndex(n);
                if (n instanceof Label && (column == null || column == 0)) {
                    widest = Math.max(widest, Math.ceil(n.prefWidth(-1)));
                }
            }
        }
        for (GridPane grid : List.of(choiceGrid, form)) {
            grid.getColumnConstraints().get(0).setMinWidth(widest);
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
    private HBox secretBox(FormField field, PasswordField masked, String showText) {
        TextField plain = new TextField();
        plain.textProperty().bindBidirectional(field.textProperty());
        plain.setAccessibleText(field.label());
        plain.setId("plain-" + field.name());
        ToggleButton show = new ToggleButton(showText);
        show.setAccessibleText(Messages.get("a11y.add.showSecret", field.label()));
        FontIcon eye = new FontIcon("fth-eye");
        show.setGraphic(eye);
        Icons.fit(show, eye);
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

    @FXML
    private void onTestConnection() {
        vm.testConnection();
    }

    @FXML
    private void onOpenConflict() {
        vm.deviceWithSn(vm.conflictingSnProperty().get()).ifPresent(this::open);
    }

    @FXML
    private void onOpen() {
        Optional.ofNullable(deviceTable.getSelectionModel().getSelectedItem()).ifPresent(this::open);
    }

    private void open(ZapDevice device) {
        vm.openExisting(device);
        wizard.skipTo(WizardViewModel.Step.VERIFY);
    }

    @FXML
    private void onRemove() {
        ZapDevice device = deviceTable.getSelectionModel().getSelectedItem();
        if (device == null) {
            return;
        }
        // The buttons say what they do, in the app's language (JavaFX's own OK/Cancel follow the OS locale, not
        // --lang). Removing cannot be undone from here, so Enter and Esc both keep the device.
        ButtonType remove = new ButtonType(Messages.get("mnemonic.add.devices.confirm.remove"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(Messages.get("add.devices.confirm.keep"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("add.devices.confirm.text"), keep,
                remove);
        confirm.setTitle(Messages.get("add.devices.confirm.title"));
        confirm.setHeaderText(Messages.get("add.devices.confirm.header", device.sn()));
        DialogPane pane = Dialogs.ownedBy(confirm, deviceTable.getScene().getWindow(), "removeDeviceDialog");
        Button removeButton = (Button) pane.lookupButton(remove);
        removeButton.setDefaultButton(false);
        removeButton.getStyleClass().add("danger");
        FontIcon icon = new FontIcon("fth-trash-2");
        icon.getStyleClass().add("dialog-icon");
        confirm.setGraphic(icon); // not Modena's glossy question mark
        ((Button) pane.lookupButton(keep)).setDefaultButton(true);
        confirm.showAndWait().filter(remove::equals).ifPresent(b -> vm.remove(device));
    }
}
