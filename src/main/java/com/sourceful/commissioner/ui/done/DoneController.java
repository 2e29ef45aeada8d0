package com.sourceful.commissioner.ui.done;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.SaveChooser;
import com.sourceful.commissioner.ui.common.Tones;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

public final class DoneController {

    private final DoneViewModel vm;
    private final WizardViewModel wizard;
    private final Supplier<SaveChooser> chooser;

    @FXML
    private Label headline;
    @FXML
    private GridPane summary;
    @FXML
    private Button reportButton;
    @FXML
    private Button bundleButton;
    @FXML
    private ProgressIndicator exportProgress;
    @FXML
    private Label exportStatus;
    @FXML
    private Label exportError;

    public DoneController(DoneViewModel vm, WizardViewModel wizard) {
        this(vm, wizard, SaveChooser::fileChooser);
    }

    /** @param chooser asks where to save (a file dialog; tests answer at once) */
    public DoneController(DoneViewModel vm, WizardViewModel wizard, Supplier<SaveChooser> chooser) {
        this.vm = vm;
        this.wizard = wizard;
        this.chooser = chooser;
    }

    @FXML
    private void initialize() {
        headline.textProperty().bind(vm.headlineProperty());
        PseudoClass queued = PseudoClass.getPseudoClass("queued");
        headline.pseudoClassStateChanged(queued, vm.queuedProperty().get());
        vm.queuedProperty().addListener((o, was, now) -> headline.pseudoClassStateChanged(queued, now));
        vm.lines().addListener((ListChangeListener<DoneViewModel.Line>) c -> rebuild());
        rebuild();
        boolean possible = vm.canExport();
        reportButton.setVisible(possible);
        bundleButton.setVisible(possible);
        reportButton.disableProperty().bind(vm.exportingProperty());
        bundleButton.disableProperty().bind(vm.exportingProperty());
        exportProgress.visibleProperty().bind(vm.exportingProperty());
        exportStatus.textProperty().bind(vm.statusProperty());
        exportStatus.managedProperty().bind(vm.statusProperty().isNotEmpty());
        Tones.show(exportError, vm.errorProperty());
        Reveal.whenShown(exportError, vm.errorProperty());
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

    @FXML
    private void onExportReport() {
        choose(vm.suggestedReportName(), SaveChooser.Kind.REPORT).ifPresent(vm::exportReport);
    }

    @FXML
    private void onSaveBundle() {
        choose(vm.suggestedBundleName(), SaveChooser.Kind.SUPPORT_BUNDLE).ifPresent(vm::exportBundle);
    }

    private Optional<Path> choose(String name, SaveChooser.Kind kind) {
        Window owner = reportButton.getScene() == null ? null : reportButton.getScene().getWindow();
        return chooser.get().chooseAndRefocus(owner, name, kind);
    }
}
