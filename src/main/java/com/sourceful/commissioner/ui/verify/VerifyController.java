package com.sourceful.commissioner.ui.verify;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.controlsfx.control.ToggleSwitch;

import com.sourceful.commissioner.ui.Messages;

public final class VerifyController {

    private final VerifyViewModel vm;

    @FXML
    private LineChart<Number, Number> chart;
    @FXML
    private VBox derList;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;

    public VerifyController(VerifyViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        vm.ders().addListener((ListChangeListener<DerLiveView>) c -> rebuild());
        rebuild();
        statusLabel.textProperty().bind(vm.statusProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
    }

    /** A small labelled number field with its unit, e.g. "Rated power [5000] W". */
    private static javafx.scene.Node[] metaField(DerLiveView der, String key, javafx.beans.property.StringProperty value,
                                                 String unit) {
        Label label = new Label(Messages.get("der.meta." + key));
        label.getStyleClass().add("meta-label");
        HBox.setMargin(label, new javafx.geometry.Insets(0, 0, 0, 10));
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setPrefColumnCount(6);
        field.setId("meta-" + key + "-" + der.type());
        field.setAccessibleText(Messages.get("der.meta." + key) + " (" + unit + "), " + der.label());
        field.textProperty().bindBidirectional(value);
        label.setLabelFor(field);
        Label unitLabel = new Label(unit);
        unitLabel.getStyleClass().add("unit");
        return new javafx.scene.Node[] {label, field, unitLabel};
    }

    private void rebuild() {
        chart.getData().setAll(vm.ders().stream().map(DerLiveView::series).toList());
        derList.getChildren().clear();
        for (DerLiveView der : vm.ders()) {
            Label name = new Label(der.label());
            name.getStyleClass().add("der-name");
            Label values = new Label();
            values.getStyleClass().add("der-values");
            values.setId("values-" + der.type());
            values.textProperty().bind(der.valuesProperty());
            VBox text = new VBox(2, name, values);
            HBox metadata = new HBox(6);
            metadata.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (der.hasRatedPower()) {
                metadata.getChildren().addAll(metaField(der, "ratedPower", der.ratedPowerProperty(), "W"));
            }
            if (der.hasInstalledPower()) {
                metadata.getChildren().addAll(metaField(der, "installedPower", der.installedPowerProperty(), "W"));
            }
            if (der.hasCapacity()) {
                metadata.getChildren().addAll(metaField(der, "capacity", der.capacityProperty(), "Wh"));
            }
            Label problem = new Label();
            problem.getStyleClass().add("field-problem");
            problem.textProperty().bind(der.metadataProblemProperty());
            text.getChildren().addAll(metadata, problem);
            problem.managedProperty().bind(der.metadataProblemProperty().isNotEmpty());
            ToggleSwitch publish = new ToggleSwitch(Messages.get("verify.publish"));
            publish.setId("publish-" + der.type());
            publish.setAccessibleText(Messages.get("verify.publish.accessible", der.label()));
            publish.selectedProperty().bindBidirectional(der.publishProperty());
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox card = new HBox(12, text, spacer, publish);
            card.getStyleClass().add("der-card");
            card.setId("der-" + der.type());
            derList.getChildren().add(card);
        }
    }
}
