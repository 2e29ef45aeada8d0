package com.sourceful.commissioner.ui.prepare;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;

/** A line of the Prepare step in its tone (ok, warning, failed: the {@code .verdict} rules of app.css). */
final class Tones {

    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private Tones() {
    }

    /** {@code label} shows {@code text} in {@code tone}, and takes no room while the text is empty. */
    static void show(Label label, ObservableStringValue text, ObservableObjectValue<ClaimViewModel.Tone> tone) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        Runnable apply = () -> {
            ClaimViewModel.Tone t = tone.get();
            label.pseudoClassStateChanged(OK, t == ClaimViewModel.Tone.OK);
            label.pseudoClassStateChanged(WARNING, t == ClaimViewModel.Tone.WARNING);
            label.pseudoClassStateChanged(FAILED, t == ClaimViewModel.Tone.ERROR);
        };
        tone.addListener((o, a, b) -> apply.run());
        apply.run();
    }
}
