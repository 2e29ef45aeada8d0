package com.sourceful.commissioner.ui.provision;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.util.StringConverter;

import com.sourceful.commissioner.novacore.Site;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.ui.common.Converters;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;

public final class ProvisionController {

    @FXML
    private void onSendOutbox() {
        vm.sendOutbox();
    }

    private final ProvisionViewModel vm;

    @FXML
    private ComboBox<Site> siteBox;
    @FXML
    private TextField gatewayField;
    @FXML
    private Label serialUnconfirmedLabel;
    @FXML
    private CheckBox serialCheckedBox;
    @FXML
    private TextField hardwareField;
    @FXML
    private ChoiceBox<String> deviceTypeBox;
    @FXML
    private TextField nameField;
    @FXML
    private TextField manufacturerField;
    @FXML
    private TextField modelField;
    @FXML
    private TableView<DerEntryRow> derTable;
    @FXML
    private TableColumn<DerEntryRow, String> derNameColumn;
    @FXML
    private TableColumn<DerEntryRow, String> derZapTypeColumn;
    @FXML
    private TableColumn<DerEntryRow, String> derNovacoreTypeColumn;
    @FXML
    private Label siteWarningLabel;
    @FXML
    private Label outboxNoticeLabel;
    @FXML
    private TableView<Outbox.Entry> outboxTable;
    @FXML
    private TableColumn<Outbox.Entry, String> outboxDeviceColumn;
    @FXML
    private TableColumn<Outbox.Entry, String> outboxSiteColumn;
    @FXML
    private TableColumn<Outbox.Entry, String> outboxStateColumn;
    @FXML
    private TableColumn<Outbox.Entry, String> outboxReasonColumn;
    @FXML
    private Button sendOutboxButton;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;

    public ProvisionController(ProvisionViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        vm.tokenProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.loadSites();
            }
        });

        // One control for the site: choose one Novacore lists, or type a site id (also when the list failed).
        siteBox.setEditable(true);
        siteBox.setItems(vm.sites());
        siteBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Site site) {
                return site == null ? "" : site.toString();
            }

            @Override
            public Site fromString(String text) {
                return vm.siteFor(text).orElse(null);
            }
        });
        // While the sites load, the list says so (it is quick, but on a slow link the empty list would puzzle).
        siteBox.promptTextProperty().bind(Bindings.when(vm.loadingSitesProperty())
                .then(Messages.get("provision.sites.loading")).otherwise(Messages.get("provision.site.prompt")));
        siteBox.valueProperty().addListener((o, a, site) -> vm.chooseSite(site));
        TextField siteEditor = siteBox.getEditor();
        siteEditor.setText(vm.siteLabel(vm.siteIdProperty().get()));
        siteEditor.textProperty().addListener((o, a, text) -> vm.siteTyped(text));
        vm.siteIdProperty().addListener((o, a, id) -> {
            String shownId = vm.siteFor(siteEditor.getText()).map(Site::id).orElse("");
            if (!shownId.equals(id == null ? "" : id.strip())) {
                siteEditor.setText(vm.siteLabel(id));
            }
        });

        gatewayField.textProperty().bind(vm.gatewaySerialProperty());
        // A serial not confirmed by /api/crypto is sent only once the technician has checked it on the label.
        serialUnconfirmedLabel.visibleProperty().bind(vm.serialUnconfirmedProperty());
        serialUnconfirmedLabel.managedProperty().bind(vm.serialUnconfirmedProperty());
        serialCheckedBox.visibleProperty().bind(vm.serialUnconfirmedProperty());
        serialCheckedBox.managedProperty().bind(vm.serialUnconfirmedProperty());
        serialCheckedBox.selectedProperty().bindBidirectional(vm.serialCheckedProperty());
        hardwareField.textProperty().bind(vm.hardwareIdProperty());
        deviceTypeBox.getItems().setAll(ProvisionViewModel.DEVICE_TYPES);
        // The values are Novacore's identifiers; the technician sees them in the app's language.
        deviceTypeBox.setConverter(Converters.of(t -> Messages.get("provision.deviceType." + t)));
        deviceTypeBox.valueProperty().bindBidirectional(vm.deviceTypeProperty());
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        manufacturerField.textProperty().bindBidirectional(vm.manufacturerProperty());
        modelField.textProperty().bindBidirectional(vm.modelProperty());

        derTable.setItems(vm.ders());
        derTable.setEditable(true);
        derNameColumn.setCellValueFactory(c -> c.getValue().nameProperty());
        derNameColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        derZapTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().zapType()));
        derNovacoreTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().novacoreType()));

        Tones.show(siteWarningLabel, vm.siteWarningProperty());
        outboxNoticeLabel.textProperty().bind(vm.outboxNoticeProperty());
        outboxTable.setItems(vm.outboxEntries());
        outboxTable.setPlaceholder(new Label(Messages.get("provision.outbox.empty")));
        outboxDeviceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().request().name()
                + " (" + c.getValue().request().hardwareId() + ")"));
        outboxSiteColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().request().siteId()));
        outboxStateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                Messages.get("provision.outbox.state." + c.getValue().state().name().toLowerCase(Locale.ROOT))));
        outboxReasonColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(vm.outboxDetail(c.getValue())));
        // A reason longer than the column ends in "…": the whole of it on hovering.
        outboxReasonColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                boolean shown = !empty && text != null && !text.isBlank();
                setText(shown ? text : null);
                setTooltip(shown ? new Tooltip(text) : null);
            }
        });
        // Which entries wait for another environment depends on the one chosen now.
        vm.environmentProperty().addListener((o, a, b) -> outboxTable.refresh());
        vm.customUrlProperty().addListener((o, a, b) -> outboxTable.refresh());
        sendOutboxButton.disableProperty().bind(vm.tokenProperty().isNull()
                .or(Bindings.isEmpty(vm.outboxEntries())));
        statusLabel.textProperty().bind(vm.statusProperty());
        Tones.show(errorLabel, vm.errorProperty());
        // An error after Next may land below the fold: bring it into view.
        Reveal.whenShown(errorLabel, vm.errorProperty());
    }
}
