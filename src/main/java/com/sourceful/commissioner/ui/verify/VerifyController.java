package com.sourceful.commissioner.ui.verify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.transform.Transform;

import com.sourceful.commissioner.control.ControlAction;
import com.sourceful.commissioner.control.ControlPlan;
import com.sourceful.commissioner.report.ChartImage;
import com.sourceful.commissioner.telemetry.ChartWindow;
import com.sourceful.commissioner.ui.common.Converters;
import com.sourceful.commissioner.ui.common.Dialogs;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;

import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.javafx.FontIcon;

public final class VerifyController {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    /** The control check's confirmation, as tests find it. */
    static final String CONTROL_CONFIRM_ID = "controlCheckConfirm";
    private static final double CHART_SCALE = 1.5;
    /**
     * The chart's share of the window's height, and its least height: at 1040×800 the plot is about 340 px (43 % of
     * the window, was 96 px), at 960×520 still about 195 px, chart and legend fitting the step's viewport.
     */
    static final double CHART_SHARE = 0.52;
    static final double MIN_CHART_HEIGHT = 260;
    /** Every value tile is this wide, so that the values (and L1, L2, L3) stand in the same columns on every card. */
    static final double TILE_WIDTH = 156;
    private static final double TILE_GAP = 12;
    /** A style class that gives the chart the light theme's colours for a moment: the report is printed on white. */
    private static final String PRINT = "print";

    private final VerifyViewModel vm;

    @FXML
    private LineChart<Number, Number> chart;
    @FXML
    private VBox chartBox;
    @FXML
    private FlowPane legend;
    @FXML
    private VBox derList;
    @FXML
    private Label statusLabel;
    @FXML
    private Label identityLabel;
    @FXML
    private Label errorLabel;
    @FXML
    private ChoiceBox<ChartWindow> windowBox;
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
    @FXML
    private VBox controlBox;
    @FXML
    private Label controlIntroLabel;
    @FXML
    private ChoiceBox<ControlAction> controlActionBox;
    @FXML
    private TextField controlPowerField;
    @FXML
    private TextField controlDurationField;
    @FXML
    private Button controlStartButton;
    @FXML
    private Button controlCancelButton;
    @FXML
    private VBox controlProblemBox;
    @FXML
    private Label controlProgressLabel;
    @FXML
    private Label controlLiveLabel;
    @FXML
    private Label controlVerdictLabel;
    @FXML
    private Button controlReleaseButton;

    public VerifyController(VerifyViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        // Our own legend: one entry per DER with its line's dash, evenly spaced (the built-in one is a grid of cells
        // as wide as the widest name, with round symbols that cannot show a dash).
        chart.setLegendVisible(false);
        chart.sceneProperty().addListener((o, was, scene) -> fitChartHeight(scene));
        setUpTimeAxis();
        setUpPowerAxis();
        vm.captureChartWith(this::chartPixels);
        vm.ders().addListener((ListChangeListener<DerLiveView>) c -> rebuild());
        rebuild();
        statusLabel.textProperty().bind(vm.statusProperty());
        Tones.show(identityLabel, vm.identityCheck().textProperty(), vm.identityCheck().toneProperty());
        vm.staleProperty().addListener((o, a, b) -> markStatus());
        vm.zapSilentProperty().addListener((o, a, b) -> markStatus());
        Tones.show(errorLabel, vm.errorProperty());
        // An error after Next may land below the fold: bring it into view.
        Reveal.whenShown(errorLabel, vm.errorProperty());

        windowBox.getItems().setAll(ChartWindow.values());
        windowBox.setConverter(Converters.of(w -> Messages.get("verify.window." + w.name().toLowerCase(Locale.ROOT))));
        windowBox.valueProperty().bindBidirectional(vm.windowProperty());
        panSlider.setMin(0);
        panSlider.maxProperty().bind(vm.sessionMinutesProperty());
        panSlider.valueProperty().bindBidirectional(vm.panMinutesProperty());
        panSlider.disableProperty().bind(vm.windowProperty().isEqualTo(ChartWindow.SESSION));
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
        Reveal.whenShown(loadResultLabel, vm.loadTestTextProperty());
        vm.loadTestRunningProperty().addListener((o, was, running) -> {
            if (!running) {
                // Asked now: JavaFX moves the focus off the hidden Cancel only in the next pulse.
                boolean cancelHadFocus = loadCancelButton.isFocused();
                Platform.runLater(() -> keepFocusOnTheLoadTest(cancelHadFocus));
            }
        });
        setUpControlCheck();
    }

    /** The control check's box: only for a device with a battery or PV; its confirmation is a dialog of the window. */
    private void setUpControlCheck() {
        ControlCheckViewModel control = vm.controlCheck();
        controlBox.visibleProperty().bind(control.availableProperty());
        controlBox.managedProperty().bind(control.availableProperty());
        controlIntroLabel.setText(control.intro());
        controlActionBox.setItems(control.actions());
        controlActionBox.setConverter(Converters.of(ControlCheckViewModel::label));
        controlActionBox.valueProperty().bindBidirectional(control.actionProperty());
        controlPowerField.textProperty().bindBidirectional(control.powerProperty());
        controlDurationField.textProperty().bindBidirectional(control.durationProperty());
        controlActionBox.disableProperty().bind(control.runningProperty());
        controlPowerField.disableProperty().bind(control.runningProperty());
        controlDurationField.disableProperty().bind(control.runningProperty());
        controlStartButton.disableProperty().bind(control.canStartProperty().not());
        controlStartButton.visibleProperty().bind(control.runningProperty().not());
        controlStartButton.managedProperty().bind(control.runningProperty().not());
        controlCancelButton.visibleProperty().bind(control.runningProperty());
        controlCancelButton.managedProperty().bind(control.runningProperty());
        controlCancelButton.disableProperty().bind(control.stoppingProperty());
        control.problems().addListener((ListChangeListener<String>) c -> showControlProblems());
        showControlProblems();
        Tones.show(controlProgressLabel, control.progressTextProperty());
        Tones.show(controlLiveLabel, control.liveTextProperty());
        Tones.show(controlVerdictLabel, control.verdictTextProperty(), control.verdictToneProperty());
        Reveal.whenShown(controlVerdictLabel, control.verdictTextProperty());
        // The check's progress and its Cancel come below the box's inputs, at the foot of a long step: brought into
        // view as the check starts (found on the walk: the running check was below the fold).
        Reveal.whenShown(controlLiveLabel, control.liveTextProperty());
        controlReleaseButton.visibleProperty().bind(control.releaseNeededProperty());
        controlReleaseButton.managedProperty().bind(control.releaseNeededProperty());
        controlReleaseButton.disableProperty().bind(control.releasingProperty());
        control.runningProperty().addListener((o, was, running) -> {
            // Cancel goes away with the check; JavaFX would hand its focus to the footer's Back (where Enter leaves
            // the step): it stays in the box instead.
            if (!running && controlCancelButton.isFocused()) {
                Platform.runLater(() -> (controlStartButton.isDisabled() ? controlPowerField : controlStartButton)
                        .requestFocus());
            }
        });
    }

    private void showControlProblems() {
        controlProblemBox.getChildren().setAll(vm.controlCheck().problems().stream().map(text -> {
            Label l = new Label(text);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add("field-problem");
            return l;
        }).toList());
        controlProblemBox.setVisible(!vm.controlCheck().problems().isEmpty());
        controlProblemBox.setManaged(!vm.controlCheck().problems().isEmpty());
    }

    /**
     * "Check control…": what will happen to the customer's installation, on which device of which Zap, and the
     * limits; only Start starts (Enter and Esc keep it from starting).
     */
    @FXML
    private void onControlStart() {
        ControlCheckViewModel control = vm.controlCheck();
        Optional<ControlPlan> plan = control.planToConfirm();
        if (plan.isEmpty() || controlBox.getScene() == null) {
            return;
        }
        controlConfirmation(plan.get()).show();
    }

    private Alert controlConfirmation(ControlPlan plan) {
        ControlCheckViewModel control = vm.controlCheck();
        ButtonType start = new ButtonType(Messages.get("mnemonic.verify.control.confirm.start"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(Messages.get("verify.control.confirm.keep"),
                ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, control.confirmationText(plan), keep, start);
        alert.setTitle(Messages.get("verify.control.confirm.title"));
        alert.setHeaderText(control.confirmationHeader(plan));
        DialogPane pane = Dialogs.ownedBy(alert, controlBox.getScene().getWindow(), CONTROL_CONFIRM_ID);
        Button startButton = (Button) pane.lookupButton(start);
        startButton.setDefaultButton(false);
        startButton.setId("controlConfirmStartButton");
        Button keepButton = (Button) pane.lookupButton(keep);
        keepButton.setDefaultButton(true);
        keepButton.setId("controlConfirmKeepButton");
        FontIcon icon = new FontIcon("fth-sliders");
        icon.getStyleClass().add("dialog-icon");
        alert.setGraphic(icon);
        alert.setOnHidden(e -> {
            if (alert.getResult() == start) {
                control.confirm(plan);
            }
        });
        return alert;
    }

    @FXML
    private void onControlCancel() {
        vm.controlCheck().cancel();
    }

    @FXML
    private void onControlRelease() {
        vm.controlCheck().releaseAgain();
    }

    /**
     * Cancel goes away with the test that ran; JavaFX hands its focus to the footer's Back, where the next Enter would
     * leave the step, or to the control check below. The focus stays with the load test instead: Start, or the load
     * field while Start waits.
     */
    private void keepFocusOnTheLoadTest(boolean cancelHadFocus) {
        Scene scene = loadTestBox.getScene();
        if (scene == null || !loadTestBox.isVisible()) {
            return;
        }
        Node owner = scene.getFocusOwner();
        boolean inStep = false;
        for (Node n = owner; n != null && !inStep; n = n.getParent()) {
            inStep = n instanceof ScrollPane;
        }
        if (cancelHadFocus || owner == null || owner == loadCancelButton || !owner.isVisible() || !inStep) {
            (loadStartButton.isDisabled() ? loadWattsField : loadStartButton).requestFocus();
        }
    }

    /**
     * Power labels in the app's language (0,25 in Swedish also on an English computer), with as many decimals as the
     * tick step needs, and no "−0,00" where a tick lands a rounding error below zero.
     */
    private void setUpPowerAxis() {
        NumberAxis power = (NumberAxis) chart.getYAxis();
        power.setTickLabelFormatter(Converters.of(kw -> powerLabel(kw.doubleValue(), power.getTickUnit())));
    }

    static String powerLabel(double kw, double tickUnit) {
        int decimals = 0;
        while (decimals < 3 && Math.abs(tickUnit * Math.pow(10, decimals) - Math.rint(tickUnit * Math.pow(10, decimals)))
                > 1e-6) {
            decimals++;
        }
        return Messages.decimal(Math.abs(kw) < tickUnit / 1000 ? 0 : kw, decimals);
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

    /** The chart takes its share of the window's height, so it stays a real chart at every window size. */
    private void fitChartHeight(Scene scene) {
        chart.minHeightProperty().unbind();
        chart.prefHeightProperty().unbind();
        if (scene != null) {
            DoubleBinding height = Bindings.createDoubleBinding(
                    () -> Math.max(MIN_CHART_HEIGHT, Math.round(CHART_SHARE * scene.getHeight())),
                    scene.heightProperty());
            chart.minHeightProperty().bind(height);
            chart.prefHeightProperty().bind(height);
        }
    }

    /**
     * The chart with its legend as pixels for the report: a snapshot on the JavaFX thread, in the light theme's
     * colours whatever the screen shows (the report is read on white paper); the PNG is encoded elsewhere.
     */
    private Optional<ChartImage.Pixels> chartPixels() {
        if (chart.getScene() == null || chart.getWidth() < 10 || chart.getHeight() < 10) {
            return Optional.empty();
        }
        SnapshotParameters params = new SnapshotParameters();
        // A little sharper than the screen, for print; the chart stays small enough to snapshot quickly.
        params.setTransform(Transform.scale(CHART_SCALE, CHART_SCALE));
        params.setFill(Color.WHITE);
        WritableImage image;
        // Within one event: the screen never draws the print colours.
        chartBox.getStyleClass().add(PRINT);
        try {
            chartBox.applyCss();
            image = chartBox.snapshot(params, null);
        } finally {
            chartBox.getStyleClass().remove(PRINT);
            chartBox.applyCss();
        }
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

    /** A DER's line and legend sample: the same colour and dash for the same DER on every device (app.css). */
    private static void styleAsDer(Node line, DerLiveView der) {
        for (String c : List.of("der-line", "der-" + der.type())) {
            if (!line.getStyleClass().contains(c)) {
                line.getStyleClass().add(c);
            }
        }
    }

    private static Node legendItem(DerLiveView der) {
        Line sample = new Line(0, 0, 30, 0);
        styleAsDer(sample, der);
        sample.getStyleClass().add("legend-line");
        Label item = new Label(der.series().getName(), sample);
        item.setId("legend-" + der.type());
        item.getStyleClass().add("der-legend-item");
        return item;
    }

    private void rebuild() {
        chart.getData().setAll(vm.ders().stream().map(DerLiveView::series).toList());
        for (DerLiveView der : vm.ders()) {
            // The chart made the series' line just now.
            styleAsDer(der.series().getNode(), der);
        }
        legend.getChildren().setAll(vm.ders().stream().map(VerifyController::legendItem).toList());
        derList.getChildren().clear();
        for (DerLiveView der : vm.ders()) {
            Label name = new Label(der.label());
            name.getStyleClass().add("der-name");
            VBox tiles = new VBox(4);
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

    /**
     * The values in columns of one width on every card: the DER's own values first, then L1, L2, L3 on a row of
     * their own, in the first three columns (an empty cell for a phase the reading lacks).
     */
    private static void showTiles(VBox box, DerLiveView der) {
        TilePane values = tilePane();
        TilePane phases = tilePane();
        Node[] phaseCells = new Node[3];
        for (LiveValues.Tile t : der.tiles()) {
            Label label = new Label(t.label());
            label.getStyleClass().add("tile-label");
            Label value = new Label(t.value());
            value.getStyleClass().add("tile-value");
            VBox tile = new VBox(0, label, value);
            if (!t.detail().isEmpty()) {
                Label detail = new Label(t.detail());
                detail.getStyleClass().add("tile-detail");
                tile.getChildren().add(detail);
            }
            tile.getStyleClass().add("tile");
            if (t.phase() >= 1 && t.phase() <= 3) {
                tile.setId("phase-" + der.type() + "-L" + t.phase());
                phaseCells[t.phase() - 1] = tile;
            } else {
                values.getChildren().add(tile);
            }
        }
        box.getChildren().setAll(values);
        if (phaseCells[0] != null || phaseCells[1] != null || phaseCells[2] != null) {
            for (Node cell : phaseCells) {
                phases.getChildren().add(cell != null ? cell : new Region());
            }
            box.getChildren().add(phases);
        }
    }

    private static TilePane tilePane() {
        TilePane pane = new TilePane(TILE_GAP, 4);
        pane.setPrefTileWidth(TILE_WIDTH);
        pane.setTileAlignment(Pos.TOP_LEFT);
        pane.setPrefColumns(4);
        return pane;
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
