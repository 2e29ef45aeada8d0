package com.sourceful.commissioner.ui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import com.sourceful.commissioner.ui.common.FxmlView;
import com.sourceful.commissioner.ui.common.Icons;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Mnemonics;
import com.sourceful.commissioner.ui.common.StartupProbe;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's frame: title, step indicator, the current step's view (loaded when first shown), its first focus, Esc,
 * Back/Next. What a step's error offers beside it ({@link StepErrorActions}) and the footer's language and theme
 * choices ({@link FooterChoices}) are classes of their own.
 */
public final class WizardController {

    private static final List<FxmlView> STEP_VIEWS =
            List.of(FxmlView.FIND, FxmlView.PREPARE, FxmlView.ADD, FxmlView.VERIFY, FxmlView.PROVISION, FxmlView.DONE);

    /** Loads a step's view with its controller. */
    @FunctionalInterface
    public interface StepViews {
        Parent load(FxmlView view);
    }

    private final WizardViewModel vm;
    private final boolean demo;
    private final StepViews stepViews;
    private final FooterChoices footerChoices;
    private final StepErrorActions errorActions;
    private final List<ScrollPane> views = new ArrayList<>();
    private final List<Label> indicators = new ArrayList<>();

    private BorderPane root;
    private HBox stepIndicator;
    private StackPane content;
    private Label demoBadge;
    private Button backButton;
    private Button cancelButton;
    private FontIcon nextIcon;
    private Button nextButton;
    private ProgressBar busyBar;
    private HBox titleRow;

    /**
     * @param stepViews     loads a step's view the first time it is shown
     * @param footerChoices the language and theme choices, and their note
     * @param errorActions  what a step's error offers beside it (Copy details, Save support bundle…)
     */
    public WizardController(WizardViewModel vm, boolean demo, StepViews stepViews, FooterChoices footerChoices,
                            StepErrorActions errorActions) {
        this.vm = vm;
        this.demo = demo;
        this.stepViews = stepViews;
        this.footerChoices = footerChoices;
        this.errorActions = errorActions;
    }

    /**
     * The window's frame (title, steps, the step's place, Back/Next), built in code, not FXML: it is on the way to
     * the first frame, where the FXML loader's first use (XML parser, reflection) cost about 300 ms of the 380–420 ms
     * that loading it took. The steps stay FXML; the first of them loads after the first frame.
     */
    public BorderPane createView() {
        Label title = new Label(Messages.get("app.title"));
        title.getStyleClass().add("app-title");
        demoBadge = styled(new Label(Messages.get("wizard.demo")), "demoBadge", "demo-badge");
        titleRow = new HBox(12, title, demoBadge);
        titleRow.getStyleClass().add("title-row");
        titleRow.setAlignment(Pos.CENTER_LEFT);
        stepIndicator = styled(new HBox(4), "stepIndicator", "step-indicator");
        VBox header = new VBox(titleRow, stepIndicator);
        header.getStyleClass().add("header");
        content = styled(new StackPane(), "content", "content");

        busyBar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        busyBar.setId("busyBar");
        busyBar.setPrefWidth(160);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        cancelButton = footerButton("cancelButton", "mnemonic.wizard.cancel", new FontIcon("fth-x"), this::onCancel);
        cancelButton.setAccessibleText(Messages.get("mnemonic.wizard.cancel.accessible"));
        backButton = footerButton("backButton", "mnemonic.wizard.back", new FontIcon("fth-arrow-left"), this::onBack);
        nextIcon = new FontIcon("fth-arrow-right");
        nextButton = footerButton("nextButton", "mnemonic.wizard.next", nextIcon, this::onNext);
        nextButton.setDefaultButton(true);
        nextButton.getStyleClass().add("accent");
        nextButton.setContentDisplay(ContentDisplay.RIGHT);
        // The buttons keep their whole text: shrunk, they showed "…".
        for (Region whole : List.of(cancelButton, backButton, nextButton)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        busyBar.setMinWidth(40);
        // Language and theme: the choice boxes come once the first frame is drawn.
        HBox buttonRow = new HBox(8, footerChoices.choices(), busyBar, spacer, cancelButton, backButton, nextButton);
        buttonRow.setAlignment(Pos.CENTER_RIGHT);
        VBox footer = new VBox(6, footerChoices.note(), buttonRow);
        footer.getStyleClass().add("footer");

        root = styled(new BorderPane(content, header, null, footer, null), "root", "wizard");
        initialize();
        return root;
    }

    private static <T extends Node> T styled(T node, String id, String styleClass) {
        node.setId(id);
        node.getStyleClass().add(styleClass);
        return node;
    }

    private static Button footerButton(String id, String textKey, FontIcon icon, Runnable action) {
        Button b = new Button(Messages.get(textKey), icon);
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * The site overview's button at the right of the title row, on every step (issue 19): Alt+X ("Site overview
     * (_X)"; no letter of its name is free on every step). Call after {@link #createView()}.
     */
    public Button siteOverview(Runnable open) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button button = footerButton("siteOverviewButton", "mnemonic.wizard.overview", new FontIcon("fth-list"), open);
        button.getStyleClass().add("overview-button");
        button.setMinWidth(Region.USE_PREF_SIZE);
        titleRow.getChildren().addAll(gap, button);
        Icons.fitToText(button);
        return button;
    }

    private void initialize() {
        demoBadge.setVisible(demo);
        demoBadge.setManaged(demo);
        demoBadge.setTooltip(new Tooltip(Messages.get("wizard.demo.tooltip")));
        Icons.fitToText(root);
        for (WizardViewModel.Step step : WizardViewModel.Step.values()) {
            Label label = new Label(Messages.get("wizard.step." + step.name().toLowerCase(Locale.ROOT),
                    step.ordinal() + 1));
            label.getStyleClass().add("step");
            label.setId("step-" + step.name().toLowerCase(Locale.ROOT));
            indicators.add(label);
            stepIndicator.getChildren().add(label);
        }
        // Step views load on first use: the first frame waits only for the Find step's.
        STEP_VIEWS.forEach(view -> views.add(null));
        backButton.disableProperty().bind(vm.canGoBackProperty().not());
        nextButton.disableProperty().bind(vm.canGoNextProperty().not());
        busyBar.visibleProperty().bind(vm.busyProperty());
        // While something runs, Back waits and Cancel (or Esc) stops it.
        cancelButton.visibleProperty().bind(vm.busyProperty());
        cancelButton.managedProperty().bind(vm.busyProperty());
        vm.currentProperty().addListener((o, was, now) -> show(now.intValue()));
        // The first frame is the wizard's frame with a placeholder; the Find step loads right after it is drawn.
        // Its FXML, table and theme rules are most of the start-up time, and a window that is there at once is what
        // tells the technician the app started.
        Label starting = new Label(Messages.get("wizard.starting"));
        starting.getStyleClass().add("wizard-starting");
        content.getChildren().setAll(starting);
        root.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> o,
                                Scene was, Scene scene) {
                if (scene != null) {
                    root.sceneProperty().removeListener(this);
                    // Queued once more, so that whatever else waits for the first frame (the start-up probe) goes first.
                    StartupProbe.afterFirstFrame(scene, () -> Platform.runLater(() -> {
                        footerChoices.build();
                        if (content.getChildren().contains(starting)) {
                            show(vm.currentProperty().get());
                        }
                    }));
                }
            }
        });
        // Esc is Back, or Cancel while something runs; Enter is Next (the default button).
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !escapeBelongsToTarget(e.getTarget())) {
                vm.back();
                e.consume();
            }
        });
    }

    /** An open list closes and a table cell being edited goes back to its value with Esc, not the wizard. */
    private static boolean escapeBelongsToTarget(Object target) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n instanceof ComboBoxBase<?> c && c.isShowing()
                    || n instanceof ChoiceBox<?> c2 && c2.isShowing()
                    || n instanceof TableView<?> t && t.getEditingCell() != null) {
                return true;
            }
        }
        return false;
    }

    /** The step's view, loaded the first time it is shown. */
    private ScrollPane view(int index) {
        if (views.get(index) == null) {
            // Long forms scroll instead of squeezing (small laptop screens, 200 % scaling).
            ScrollPane scroll = new ScrollPane(stepViews.load(STEP_VIEWS.get(index)));
            scroll.setFitToWidth(true);
            scroll.setFitToHeight(true);
            scroll.getStyleClass().add("step-scroll");
            // Tab moves between the step's controls; the scroll pane itself needs no stop of its own.
            scroll.setFocusTraversable(false);
            Mnemonics.linkLabels(scroll.getContent());
            WizardViewModel.Step step = WizardViewModel.Step.values()[index];
            errorActions.wire(step, vm.step(step), scroll.getContent());
            Icons.fitToText(scroll.getContent());
            views.set(index, scroll);
        }
        return views.get(index);
    }

    private void show(int index) {
        content.getChildren().setAll(view(index));
        for (int i = 0; i < indicators.size(); i++) {
            Label l = indicators.get(i);
            l.getStyleClass().removeAll("active", "done");
            if (i == index) {
                l.getStyleClass().add("active");
            } else if (i < index) {
                l.getStyleClass().add("done");
            }
        }
        nextButton.textProperty().unbind();
        ObservableStringValue label = vm.step().nextLabelProperty();
        if (label != null) {
            nextButton.textProperty().bind(Bindings.when(
                    Bindings.createBooleanBinding(() -> label.get() == null || label.get().isEmpty(), label))
                    .then(Messages.get("mnemonic.wizard.next")).otherwise(label));
        } else {
            nextButton.setText(Messages.get("mnemonic.wizard.next"));
        }
        // On the Provision step, Next sends to the cloud.
        nextIcon.setIconLiteral(index == WizardViewModel.Step.PROVISION.ordinal() ? "fth-upload-cloud" : "fth-arrow-right");
        boolean last = index == WizardViewModel.Step.DONE.ordinal();
        nextButton.setVisible(!last);
        backButton.setVisible(!last);
        focusFirst(index);
    }

    /**
     * The step's first useful control takes the focus, once the step has entered (Verify builds its switches then)
     * and the view is laid out; if it is not there or cannot take the focus, the step's first focusable control.
     */
    private void focusFirst(int index) {
        Platform.runLater(() -> {
            if (vm.currentProperty().get() != index) {
                return;
            }
            Mnemonics.relinkLabels(root);
            Node content = view(index).getContent();
            Node first = content.lookupAll(".initial-focus").stream()
                    .filter(n -> n.isVisible() && !n.isDisabled()).findFirst().orElse(null);
            if (first == null) {
                first = content.lookupAll("*").stream().filter(n -> n.isFocusTraversable() && n.isVisible()
                        && !n.isDisabled() && n != content).findFirst().orElse(null);
            }
            if (first != null) {
                first.requestFocus();
            }
        });
    }

    private void onNext() {
        vm.next();
    }

    private void onBack() {
        vm.back();
    }

    private void onCancel() {
        if (vm.busyProperty().get()) {
            vm.back(); // cancels, never leaves: the wizard goes back only when nothing runs
        }
    }
}
