package com.sourceful.commissioner.ui.wizard;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
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
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import com.sourceful.commissioner.details.ErrorDetails;
import com.sourceful.commissioner.ui.app.AppContext;
import com.sourceful.commissioner.ui.common.Converters;
import com.sourceful.commissioner.ui.common.CopyDetails;
import com.sourceful.commissioner.ui.common.CopyDetails.Notice;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.FxmlView;
import com.sourceful.commissioner.ui.common.Icons;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Mnemonics;
import com.sourceful.commissioner.ui.common.Preferences;
import com.sourceful.commissioner.ui.common.SaveChooser;
import com.sourceful.commissioner.ui.common.StartupProbe;
import com.sourceful.commissioner.ui.common.ThemeChoice;

import org.kordamp.ikonli.javafx.FontIcon;

/** The window's frame: title, step indicator, the current step's view, Back/Next. */
public final class WizardController {

    private static final List<FxmlView> STEP_VIEWS =
            List.of(FxmlView.FIND, FxmlView.ADD, FxmlView.VERIFY, FxmlView.PROVISION, FxmlView.DONE);

    private final WizardViewModel vm;
    private final boolean demo;
    private final AppContext context;
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
    private HBox choices;
    private Label languageNote;
    /** The footer's choices: made after the first frame ({@link #buildChoices}). */
    private ChoiceBox<String> languageBox;
    private Label languageLabel;
    private ChoiceBox<ThemeChoice> themeBox;
    private Label themeLabel;

    public WizardController(WizardViewModel vm, boolean demo, AppContext context) {
        this.vm = vm;
        this.demo = demo;
        this.context = context;
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
        HBox titleRow = new HBox(12, title, demoBadge);
        titleRow.getStyleClass().add("title-row");
        titleRow.setAlignment(Pos.CENTER_LEFT);
        stepIndicator = styled(new HBox(4), "stepIndicator", "step-indicator");
        VBox header = new VBox(titleRow, stepIndicator);
        header.getStyleClass().add("header");
        content = styled(new StackPane(), "content", "content");

        // Language and theme (a Label with a mnemonic for a ChoiceBox each): built once the first frame is drawn.
        choices = styled(new HBox(8), "choices", "choices");
        choices.setAlignment(Pos.CENTER_LEFT);
        languageNote = styled(new Label(), "languageNote", "language-note");
        languageNote.setWrapText(true);
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
        // The buttons and the choices' labels keep their whole text: shrunk, they showed "…" (a language note once
        // took their room). The note has a line of its own above them, there only while it says something.
        for (Region whole : List.of(cancelButton, backButton, nextButton)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        busyBar.setMinWidth(40);
        languageNote.visibleProperty().bind(languageNote.textProperty().isNotEmpty());
        languageNote.managedProperty().bind(languageNote.visibleProperty());
        languageNote.setMaxWidth(Double.MAX_VALUE);
        languageNote.setMinHeight(Region.USE_PREF_SIZE);
        HBox buttonRow = new HBox(8, choices, busyBar, spacer, cancelButton, backButton, nextButton);
        buttonRow.setAlignment(Pos.CENTER_RIGHT);
        VBox footer = new VBox(6, languageNote, buttonRow);
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
                        buildChoices();
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
            ScrollPane scroll = new ScrollPane(context.load(STEP_VIEWS.get(index)));
            scroll.setFitToWidth(true);
            scroll.setFitToHeight(true);
            scroll.getStyleClass().add("step-scroll");
            // Tab moves between the step's controls; the scroll pane itself needs no stop of its own.
            scroll.setFocusTraversable(false);
            Mnemonics.linkLabels(scroll.getContent());
            wireCopyDetails(index, scroll.getContent());
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

    /** "Copy details" beside a step's error: shown with the error, it copies a redacted report to the clipboard. */
    private void wireCopyDetails(int index, Node view) {
        WizardStep step = vm.step(WizardViewModel.Step.values()[index]);
        Node found = view.lookup("#copyDetailsButton");
        ObservableStringValue error = step.errorProperty();
        if (!(found instanceof Button button) || error == null) {
            return;
        }
        button.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> error.get() != null && !error.get().isBlank(), error));
        button.managedProperty().bind(button.visibleProperty());
        String activity = Messages.get("details.activity."
                + WizardViewModel.Step.values()[index].name().toLowerCase(Locale.ROOT));
        button.setOnAction(e -> {
            ObservableObjectValue<Throwable> cause = step.errorCauseProperty();
            String report = ErrorDetails.report(
                    new ErrorDetails.Context(activity, error.get(),
                            cause == null ? null : cause.get(),
                            context.session().gateway().map(g -> ErrorDetails
                                    .address(g.baseUri())).orElse(null),
                            step.serviceAddress(), Instant.now(), ZoneId.systemDefault(),
                            vm.secrets()),
                    key -> Messages.get(List.of("title", "none", "devBuild").contains(key) ? "details." + key
                            : "details.field." + key));
            Window window = root.getScene().getWindow();
            try {
                CopyDetails.toClipboard(report);
                CopyDetails.notify(window, Notice.DONE, Messages.get("mnemonic.common.copyDetails")
                        .replace("_", ""), Messages.get("details.copied"));
            } catch (RuntimeException failed) {
                CopyDetails.notify(window, Notice.FAILED, Messages.get("mnemonic.common.copyDetails")
                        .replace("_", ""), Messages.get("details.copyFailed"));
            }
        });
        addSupportBundleButton(button, view, step);
    }

    /**
     * "Save support bundle…" beside Copy details, shown with it: when something went wrong the technician may never
     * reach the Done step, where the bundle is offered too. Its Alt+letter is the first one the step leaves free.
     */
    private void addSupportBundleButton(Button copy, Node view, WizardStep step) {
        if (!(copy.getParent() instanceof Pane row)) {
            return;
        }
        String text = Messages.get("done.bundle").replace("_", "");
        Set<Character> taken = Mnemonics.taken(view, null);
        taken.addAll(Mnemonics.footer());
        // What Next says on this step ("Provision"), which it says only once the step is shown.
        ObservableStringValue nextLabel = step.nextLabelProperty();
        if (nextLabel != null) {
            Mnemonics.of(nextLabel.get()).ifPresent(taken::add);
        }
        Button bundle = new Button(Mnemonics.assignAlways(text, taken),
                new FontIcon("fth-package"));
        bundle.setId("supportBundleButton");
        bundle.setMnemonicParsing(true);
        bundle.setAccessibleText(Messages.get("done.bundle.accessible"));
        bundle.getStyleClass().add("copy-details");
        bundle.setMinWidth(Region.USE_PREF_SIZE);
        bundle.visibleProperty().bind(copy.visibleProperty());
        bundle.managedProperty().bind(bundle.visibleProperty());
        Icons.fitToText(bundle);
        row.getChildren().add(row.getChildren().indexOf(copy) + 1, bundle);
        bundle.setOnAction(e -> {
            Window window = root.getScene().getWindow();
            String title = text;
            context.saveChooser().chooseAndRefocus(window, context.suggestedSupportBundleName(),
                    SaveChooser.Kind.SUPPORT_BUNDLE).ifPresent(target -> {
                        bundle.setDisable(true);
                        context.saveSupportBundle(target, saved -> {
                            bundle.setDisable(false);
                            CopyDetails.notify(window, Notice.DONE, title,
                                    Messages.get("done.bundle.saved", saved.toAbsolutePath()));
                        }, failure -> {
                            bundle.setDisable(false);
                            CopyDetails.notify(window, Notice.FAILED, title,
                                    Messages.get("done.bundle.failed", target.toAbsolutePath(),
                                            ErrorMessages.fileNotWritten(failure)));
                        });
                    });
        });
    }

    /**
     * The language and theme choices in the footer. Made once the first frame is drawn, like the Find step: two choice
     * boxes (their skins, popups and CSS) are work the first frame need not wait for. They sit left of a spacer, so
     * Back/Next do not move when they come.
     */
    private void buildChoices() {
        if (languageBox != null) {
            return;
        }
        languageLabel = new Label(Messages.get("wizard.language.label"));
        languageLabel.setId("languageLabel");
        languageLabel.setMnemonicParsing(true);
        languageBox = new ChoiceBox<>();
        languageBox.setId("languageBox");
        languageBox.setAccessibleText(Messages.get("wizard.language"));
        themeLabel = new Label(Messages.get("wizard.theme.label"));
        themeLabel.setId("themeLabel");
        themeLabel.setMnemonicParsing(true);
        themeBox = new ChoiceBox<>();
        themeBox.setId("themeBox");
        themeBox.setAccessibleText(Messages.get("wizard.theme"));
        setUpLanguageChoice();
        setUpThemeChoice();
        for (Region whole : List.of(languageLabel, languageBox, themeLabel, themeBox)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        choices.getChildren().setAll(languageLabel, languageBox, themeLabel, themeBox);
    }

    /** English or Swedish, saved for the next start: the open window keeps its texts (and what was typed). */
    private void setUpLanguageChoice() {
        languageBox.getItems().setAll(Messages.LANGUAGES);
        languageBox.setConverter(Converters.of(l -> Messages.get("language." + l)));
        languageBox.setValue(Messages.language());
        languageBox.setTooltip(new Tooltip(Messages.get("wizard.language")));
        // Out of the Tab order, so that it never takes the focus from a step (Enter is Next, and a focused choice box
        // would take it); the keyboard reaches it with its mnemonic (Alt+L, Alt+S in Swedish).
        languageBox.setFocusTraversable(false);
        languageLabel.setLabelFor(languageBox);
        openOnMnemonic(languageBox);
        String current = Messages.language();
        languageBox.valueProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            // A file write: off the JavaFX thread, like all disk work.
            context.tasks().run(() -> {
                Preferences.store(Preferences.LANGUAGE, now);
                return now;
            }, saved -> languageNote.setText(saved.equals(current) ? "" : Messages.get("wizard.language.nextStart")),
                    e -> languageNote.setText(Messages.get("wizard.language.notSaved", e.getMessage())));
        });
    }

    /**
     * A mnemonic focuses only focus-traversable nodes; for others it fires an action. The label's Alt+letter then opens
     * the list; the action the box fires when its value changes is told apart by the value.
     */
    private static void openOnMnemonic(ChoiceBox<?> box) {
        Object[] seen = {box.getValue()};
        box.addEventHandler(ActionEvent.ACTION, e -> {
            if (!Objects.equals(seen[0], box.getValue())) {
                seen[0] = box.getValue();
                return;
            }
            if (!box.isShowing()) {
                box.requestFocus();
                box.show();
            }
        });
    }

    /** System, light or dark: applies at once, and is saved for the next start. */
    private void setUpThemeChoice() {
        ObjectProperty<ThemeChoice> choice = context.theme().choiceProperty();
        themeBox.getItems().setAll(ThemeChoice.values());
        themeBox.setConverter(Converters.of(c -> Messages.get("wizard.theme." + c.id())));
        themeBox.setValue(choice.get());
        themeBox.setTooltip(new Tooltip(Messages.get("wizard.theme")));
        // As the language box: out of the Tab order, reached with its mnemonic (Alt+T).
        themeBox.setFocusTraversable(false);
        themeLabel.setLabelFor(themeBox);
        openOnMnemonic(themeBox);
        themeBox.valueProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            choice.set(now);
            // A file write: off the JavaFX thread, like all disk work.
            context.tasks().run(() -> {
                Preferences.store(Preferences.THEME, now.id());
                return now;
            }, saved -> { }, e -> languageNote.setText(Messages.get("wizard.theme.notSaved", e.getMessage())));
        });
        choice.addListener((o, was, now) -> themeBox.setValue(now));
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
