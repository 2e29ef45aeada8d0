package com.sourceful.commissioner.ui.wizard;

import java.util.List;
import java.util.Objects;

import javafx.beans.property.ObjectProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import com.sourceful.commissioner.ui.common.Converters;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Preferences;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * The footer's language and theme choices (a Label with a mnemonic for a ChoiceBox each), and the note above the
 * buttons that says what a choice did not do at once or could not save. The frame places {@link #choices()} and
 * {@link #note()}; the boxes themselves come with {@link #build()}, once the first frame is drawn.
 */
public final class FooterChoices {

    private final Tasks tasks;
    private final ObjectProperty<ThemeChoice> theme;
    private final HBox choices = new HBox(8);
    private final Label note = new Label();
    private ChoiceBox<String> languageBox;

    /**
     * @param tasks where the choices are saved (a file write, off the JavaFX thread)
     * @param theme the window's theme choice: applied at once by whoever owns it
     */
    public FooterChoices(Tasks tasks, ObjectProperty<ThemeChoice> theme) {
        this.tasks = tasks;
        this.theme = theme;
        choices.setId("choices");
        choices.getStyleClass().add("choices");
        choices.setAlignment(Pos.CENTER_LEFT);
        note.setId("languageNote");
        note.getStyleClass().add("language-note");
        note.setWrapText(true);
        // A line of its own above the buttons, there only while it says something: in the buttons' row it took their
        // room and they showed "…".
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.setMaxWidth(Double.MAX_VALUE);
        note.setMinHeight(Region.USE_PREF_SIZE);
    }

    /** Where the choices go: left of the footer's spacer, so Back/Next do not move when they come. */
    public HBox choices() {
        return choices;
    }

    /** What a choice did not do at once ("from the next start") or could not save. */
    public Label note() {
        return note;
    }

    /**
     * Makes the choices; once. Made after the first frame, like the Find step: two choice boxes (their skins, popups
     * and CSS) are work the first frame need not wait for.
     */
    public void build() {
        if (languageBox != null) {
            return;
        }
        Label languageLabel = new Label(Messages.get("wizard.language.label"));
        languageLabel.setId("languageLabel");
        languageLabel.setMnemonicParsing(true);
        languageBox = new ChoiceBox<>();
        languageBox.setId("languageBox");
        languageBox.setAccessibleText(Messages.get("wizard.language"));
        Label themeLabel = new Label(Messages.get("wizard.theme.label"));
        themeLabel.setId("themeLabel");
        themeLabel.setMnemonicParsing(true);
        ChoiceBox<ThemeChoice> themeBox = new ChoiceBox<>();
        themeBox.setId("themeBox");
        themeBox.setAccessibleText(Messages.get("wizard.theme"));
        setUpLanguageChoice(languageLabel, languageBox);
        setUpThemeChoice(themeLabel, themeBox);
        for (Region whole : List.of(languageLabel, languageBox, themeLabel, themeBox)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        choices.getChildren().setAll(languageLabel, languageBox, themeLabel, themeBox);
    }

    /** English or Swedish, saved for the next start: the open window keeps its texts (and what was typed). */
    private void setUpLanguageChoice(Label label, ChoiceBox<String> box) {
        box.getItems().setAll(Messages.LANGUAGES);
        box.setConverter(Converters.of(l -> Messages.get("language." + l)));
        box.setValue(Messages.language());
        box.setTooltip(new Tooltip(Messages.get("wizard.language")));
        // Out of the Tab order, so that it never takes the focus from a step (Enter is Next, and a focused choice box
        // would take it); the keyboard reaches it with its mnemonic (Alt+L, Alt+S in Swedish).
        box.setFocusTraversable(false);
        label.setLabelFor(box);
        openOnMnemonic(box);
        String current = Messages.language();
        box.valueProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            // A file write: off the JavaFX thread, like all disk work.
            tasks.run(() -> {
                Preferences.store(Preferences.LANGUAGE, now);
                return now;
            }, saved -> note.setText(saved.equals(current) ? "" : Messages.get("wizard.language.nextStart")),
                    e -> note.setText(Messages.get("wizard.language.notSaved", e.getMessage())));
        });
    }

    /** System, light or dark: applies at once, and is saved for the next start. */
    private void setUpThemeChoice(Label label, ChoiceBox<ThemeChoice> box) {
        box.getItems().setAll(ThemeChoice.values());
        box.setConverter(Converters.of(c -> Messages.get("wizard.theme." + c.id())));
        box.setValue(theme.get());
        box.setTooltip(new Tooltip(Messages.get("wizard.theme")));
        // As the language box: out of the Tab order, reached with its mnemonic (Alt+T).
        box.setFocusTraversable(false);
        label.setLabelFor(box);
        openOnMnemonic(box);
        box.valueProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            theme.set(now);
            // A file write: off the JavaFX thread, like all disk work.
            tasks.run(() -> {
                Preferences.store(Preferences.THEME, now.id());
                return now;
            }, saved -> { }, e -> note.setText(Messages.get("wizard.theme.notSaved", e.getMessage())));
        });
        theme.addListener((o, was, now) -> box.setValue(now));
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
}
