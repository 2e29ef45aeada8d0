package com.sourceful.commissioner.ui.prepare;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import com.sourceful.commissioner.ui.common.Icons;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Reveal;
import com.sourceful.commissioner.ui.common.Tones;
import com.sourceful.commissioner.zap.HealthLine.Verdict;

import org.kordamp.ikonli.javafx.FontIcon;

/** The health panel: binds {@link HealthViewModel}'s state and draws its lines. */
public final class HealthController {

    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private final HealthViewModel vm;

    @FXML
    private Label healthStatusLabel;
    @FXML
    private ProgressIndicator readingIndicator;
    @FXML
    private Button refreshButton;
    @FXML
    private Label summaryLabel;
    @FXML
    private VBox linesBox;
    @FXML
    private Label emptyLabel;
    @FXML
    private Label healthErrorLabel;
    @FXML
    private Button restartButton;
    @FXML
    private ProgressIndicator restartIndicator;
    @FXML
    private Label restartStatusLabel;
    @FXML
    private HBox confirmBar;
    @FXML
    private Label confirmLabel;
    @FXML
    private Button keepButton;
    @FXML
    private Label restartWarningLabel;

    public HealthController(HealthViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        healthStatusLabel.textProperty().bind(vm.statusProperty());
        shownWhen(readingIndicator, vm.loadingProperty().get());
        vm.loadingProperty().addListener((o, was, now) -> shownWhen(readingIndicator, now));
        refreshButton.disableProperty().bind(vm.loadingProperty().or(vm.busyProperty()));

        Tones.show(summaryLabel, vm.summaryProperty());
        summaryLabel.pseudoClassStateChanged(WARNING, vm.summaryWarningProperty().get());
        vm.summaryWarningProperty().addListener((o, was, now) -> summaryLabel.pseudoClassStateChanged(WARNING, now));

        vm.rows().addListener((ListChangeListener<HealthViewModel.Row>) c -> rebuild());
        rebuild();
        emptyLabel.visibleProperty().bind(Bindings.isEmpty(vm.rows()));
        emptyLabel.managedProperty().bind(emptyLabel.visibleProperty());
        Tones.show(healthErrorLabel, vm.errorProperty());
        Reveal.whenShown(healthErrorLabel, vm.errorProperty());

        restartButton.disableProperty().bind(vm.busyProperty().or(vm.confirmShownProperty()));
        shownWhen(restartIndicator, vm.busyProperty().get());
        vm.busyProperty().addListener((o, was, now) -> shownWhen(restartIndicator, now));
        restartStatusLabel.textProperty().bind(vm.restartStatusProperty());
        confirmLabel.textProperty().bind(vm.confirmTextProperty());
        confirmBar.visibleProperty().bind(vm.confirmShownProperty());
        confirmBar.managedProperty().bind(confirmBar.visibleProperty());
        // The safe answer has the focus: a stray Space keeps the Zap running.
        vm.confirmShownProperty().addListener((o, was, now) -> {
            if (now) {
                keepButton.requestFocus();
                Reveal.scrollTo(confirmBar);
            }
        });
        Tones.show(restartWarningLabel, vm.restartWarningProperty());
        Reveal.whenShown(restartWarningLabel, vm.restartWarningProperty());
    }

    private static void shownWhen(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private void rebuild() {
        linesBox.getChildren().setAll(vm.rows().stream().map(HealthController::line).toList());
    }

    /** Icon and what, value, then the reason under them (wrapped), as one line for a screen reader. */
    private static Node line(HealthViewModel.Row row) {
        FontIcon icon = new FontIcon(switch (row.verdict()) {
            case OK -> "fth-check-circle";
            case UNKNOWN -> "fth-help-circle";
            case WARNING -> "fth-alert-triangle";
        });
        Label what = new Label(row.what(), icon);
        what.getStyleClass().add("health-what");
        Icons.fit(what, icon);
        Label value = new Label(row.value());
        value.getStyleClass().add("health-value");
        value.setWrapText(true);
        HBox top = new HBox(8, what, value);
        VBox line = new VBox(2, top);
        line.getStyleClass().add("health-line");
        line.pseudoClassStateChanged(UNKNOWN, row.verdict() == Verdict.UNKNOWN);
        line.pseudoClassStateChanged(WARNING, row.verdict() == Verdict.WARNING);
        if (!row.note().isEmpty()) {
            Label note = new Label(row.note());
            note.getStyleClass().addAll("health-note", row.verdict() == Verdict.WARNING ? "warning" : "hint");
            note.setWrapText(true);
            note.setMinHeight(Label.USE_PREF_SIZE);
            line.getChildren().add(note);
        }
        line.setFocusTraversable(false);
        line.setAccessibleText(Messages.get("prepare.health.a11y.line", row.what(), row.value(),
                Messages.get(switch (row.verdict()) {
                    case OK -> "prepare.health.verdict.ok";
                    case UNKNOWN -> "prepare.health.verdict.unknown";
                    case WARNING -> "prepare.health.verdict.warning";
                }), row.note()));
        return line;
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onRestart() {
        vm.askRestart();
    }

    @FXML
    private void onConfirm() {
        vm.confirmRestart();
    }

    @FXML
    private void onKeepRunning() {
        vm.keepRunning();
    }
}
