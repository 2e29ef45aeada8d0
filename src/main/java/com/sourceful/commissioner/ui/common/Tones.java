package com.sourceful.commissioner.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;

/**
 * Lines that take room only while they have something to say, and verdict lines in their {@link Tone} (ok, warning,
 * failed: the {@code .verdict} rules of app.css).
 */
public final class Tones {

    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private Tones() {
    }

    /** {@code label} shows {@code text}, and takes no room while the text is empty. */
    public static void show(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    /** {@code label} shows {@code text} in {@code tone}, and takes no room while the text is empty. */
    public static void show(Label label, ObservableStringValue text, ObservableObjectValue<Tone> tone) {
        show(label, text);
        Runnable apply = () -> {
            Tone t = tone.get();
            label.pseudoClassStateChanged(OK, t == Tone.OK);
            label.pseudoClassStateChanged(WARNING, t == Tone.WARNING);
            label.pseudoClassStateChanged(FAILED, t == Tone.ERROR);
        };
        tone.addListener((o, a, b) -> apply.run());
        apply.run();
    }
}
