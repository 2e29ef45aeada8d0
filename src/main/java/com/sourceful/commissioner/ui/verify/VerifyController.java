package com.sourceful.commissioner.ui.verify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import com.sourceful.commissioner.report.ChartImage;
import com.sourceful.commissioner.ui.Converters;
import com.sourceful.commissioner.ui.Messages;
import com.sourceful.commissioner.ui.Reveal;

import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.javafx.FontIcon;

public final class VerifyController {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final double CHART_SCALE = 1.5;

    private final VerifyViewModel vm;

    @FXML
    private LineChart<Number, Number> chart;
    @FXML
    private VBox derList;
    @FXML
    private Label statusLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private ChoiceBox<VerifyViewModel.Window> windowBox;
    @FXML
    private Slider panSlider;
    @FXML
    private Button pauseButton;
    @FXML
    private FontIcon pauseIcon;
    @FXML
    private VBox warningBox;
    @FXML
    private VBox loadTestBox;
    @FXML
    private TextField loadWattsField;
    @FXML
    private ChoiceBox<Integer> loadPhaseBox;
    @FXML
    private Button loadStartButton;
    @FXML
    private Button loadCancelButton;
    @FXML
    private Label loadResultLabel;

    public VerifyController(VerifyViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        setUpTimeAxis();
        vm.captureChartWith(this::chartPixels);
        vm.ders().addListener((ListChangeListener<DerLiveView>) c -> rebuild());
        rebuild();
        statusLabel.textProperty().bind(vm.statusProperty());
        vm.staleProperty().addListener((o, a, b) -> markStatus());
        vm.zapSilentProperty().addListener((o, a, b) -> markStatus());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        // An error after Next may land below the fold: bring it into view.
        Reveal.whenShown(errorLabel, vm.errorProperty());

        windowBox.getItems().setAll(VerifyViewModel.Window.values());
        windowBox.setConverter(Converters.of(w -> Messages.get("verify.window." + w.name().toLowerCase(Locale.ROOT))));
        windowBox.valueProperty().bindBidirectional(vm.windowProperty());
        panSlider.setMin(0);
        panSlider.maxProperty().bind(vm.sessionMinutesProperty());
        panSlider.valueProperty().bindBidirectional(vm.panMinutesProperty());
        panSlider.disableProperty().bind(vm.windowProperty().isEqualTo(VerifyViewModel.Window.SESSION));
        pauseButton.textProperty().bind(Bindings.when(vm.pausedProperty())
                .then(Messages.get("mnemonic.verify.resume")).otherwise(Messages.get("mnemonic.verify.pause")));
        vm.pausedProperty().addListener((o, a, paused) -> pauseIcon.setIconLiteral(paused ? "fth-play" : "fth-pause"));

        vm.warnings().addListener((ListChangeListener<String>) c -> showWarnings());
        showWarnings();

        loadTestBox.visibleProperty().bind(vm.hasMeterProperty());
        loadTestBox.managedProperty().bind(vm.hasMeterProperty());
        loadWattsField.textProperty().bindBidirectional(vm.loadWattsProperty());
        loadPhaseBox.getItems().setAll(List.of(0, 1, 2, 3));
        loadPhaseBox.setConverter(Converters.of(p -> p == 0 ? Messages.get("verify.load.anyPhase") : "L" + p));
        loadPhaseBox.valueProperty().addListener((o, a, b) -> vm.loadPhaseProperty().set(b == null ? 0 : b));
        loadPhaseBox.setValue(vm.loadPhaseProperty().get());
        vm.loadPhaseProperty().addListener((o, a, b) -> loadPhaseBox.setValue(b.intValue()));
        loadStartButton.disableProperty().bind(vm.loadTestPossibleProperty().not());
        loadCancelButton.visibleProperty().bind(vm.loadTestRunningProperty());
        loadCancelButton.managedProperty().bind(vm.loadTestRunningProperty());
        loadResultLabel.textProperty().bind(vm.loadTestTextProperty());
        loadResultLabel.getStyleClass().add("load-result");
        vm.loadTestFailedProperty().addListener((o, was, failed) -> loadResultLabel.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("warning"), failed));
    }

    /** Clock-time labels on round steps (0:05, 0:10 … or 1:00, 2:00 …) over the span the chart shows. */
    private void setUpTimeAxis() {
        NumberAxis time = (NumberAxis) chart.getXAxis();
        time.setAutoRanging(false);
        time.setTickLabelFormatter(Converters.of(m -> TimeTicks.label(m.doubleValue())));
        Runnable fit = () -> {
            TimeTicks.Range r = TimeTicks.of(vm.chartFromMinutesProperty().get(), vm.chartToMinutesProperty().get());
            time.setLowerBound(r.lower());
            time.setUpperBound(r.upper());
            time.setTickUnit(r.step());
        };
        vm.chartFromMinutesProperty().addListener((o, a, b) -> fit.run());
        vm.chartToMinutesProperty().addListener((o, a, b) -> fit.run());
        fit.run();
    }

    /** The chart as pixels for the report: a snapshot on the JavaFX thread; the PNG is encoded elsewhere. */
    private Optional<ChartImage.Pixels> chartPixels() {
        if (chart.getScene() == null || chart.getWidth() < 10 || chart.getHeight() < 10) {
            return Optional.empty();
        }
        SnapshotParameters params = new SnapshotParameters();
        // A little sharper than the screen, for print; the chart stays small enough to snapshot quickly.
        params.setTransform(Transform.scale(CHART_SCALE, CHART_SCALE));
        params.setFill(Color.WHITE);
        WritableImage image = chart.snapshot(params, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return Optional.of(new ChartImage.Pixels(w, h, argb));
    }

    private void markStatus() {
        statusLabel.pseudoClassStateChanged(WARNING, vm.staleProperty().get() || vm.zapSilentProperty().get());
    }

    private void showWarnings() {
        warningBox.getChildren().clear();
        if (!vm.warnings().isEmpty()) {
            Label title = new Label(Messages.get("verify.warnings.title"));
            title.getStyleClass().add("warning-title");
            warningBox.getChildren().add(title);
            for (String w : vm.warnings()) {
                Label l = new Label("⚠ " + w);
                l.setWrapText(true);
                l.getStyleClass().add("warning");
                warningBox.getChildren().add(l);
            }
        }
        warningBox.setVisible(!vm.warnings().isEmpty());
        warningBox.setManaged(!vm.warnings().isEmpty());
    }

    /** A small labelled number field with its unit, e.g. "Rated power [5000] W". */
    private static Node[] metaField(DerLiveView der, String key, StringProperty value, String unit) {
        Label label = new Label(Messages.get("der.meta." + key));
        label.getStyleClass().add("meta-label");
        HBox.setMargin(label, new Insets(0, 0, 0, 10));
        TextField field = new TextField();
        field.setPrefColumnCount(6);
        field.setId("meta-" + key + "-" + der.type());
        field.setAccessibleText(Messages.get("der.meta." + key) + " (" + unit + "), " + der.label());
        field.textProperty().bindBidirectional(value);
        label.setLabelFor(field);
        Label unitLabel = new Label(unit);
        unitLabel.getStyleClass().add("unit");
        return new Node[] {label, field, unitLabel};
    }

    private void rebuild() {
        chart.getData().setAll(vm.ders().stream().map(DerLiveView::series).toList());
        derList.getChildren().clear();
        for (DerLiveView der : vm.ders()) {
            Label name = new Label(der.label());
            name.getStyleClass().add("der-name");
            FlowPane tiles = new FlowPane(18, 4);
            tiles.setId("values-" + der.type());
            der.tiles().addListener((ListChangeListener<LiveValues.Tile>) c -> showTiles(tiles, der));
            showTiles(tiles, der);
            HBox metadata = new HBox(6);
            metadata.setAlignment(Pos.CENTER_LEFT);
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
            problem.managedProperty().bind(der.metadataProblemProperty().isNotEmpty());
            VBox text = new VBox(4, name, tiles, metadata, problem);
            HBox.setHgrow(text, Priority.ALWAYS);
            ToggleSwitch publish = new ToggleSwitch(Messages.get("verify.publish"));
            publish.setId("publish-" + der.type());
            publish.setAccessibleText(Messages.get("verify.publish.accessible", der.label()));
            publish.selectedProperty().bindBidirectional(der.publishProperty());
            if (derList.getChildren().isEmpty()) {
                // The first thing to decide on this step: whether the first DER publishes.
                publish.getStyleClass().add("initial-focus");
            }
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.SOMETIMES);
            HBox card = new HBox(12, text, spacer, publish);
            card.getStyleClass().add("der-card");
            card.setId("der-" + der.type());
            der.hasWarningProperty().addListener((o, a, b) -> card.pseudoClassStateChanged(WARNING, b));
            derList.getChildren().add(card);
        }
    }

    private static void showTiles(FlowPane pane, DerLiveView der) {
        pane.getChildren().clear();
        for (LiveValues.Tile t : der.tiles()) {
            Label label = new Label(t.label());
            label.getStyleClass().add("tile-label");
            Label value = new Label(t.value());
            value.getStyleClass().add("tile-value");
            pane.getChildren().add(new VBox(0, label, value));
        }
    }

    @FXML
    private void onPause() {
        if (vm.pausedProperty().get()) {
            vm.resume();
        } else {
            vm.pause();
        }
    }

    @FXML
    private void onLoadStart() {
        vm.startLoadTest();
    }

    @FXML
    private void onLoadCancel() {
        vm.cancelLoadTest();
    }
}
