package com.sourceful.commissioner.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

/** What every dialog of the app shares, whatever it shows. */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * Makes {@code dialog} one of the window {@code owner}'s: owned by it, its pane named {@code id} (how tests and
     * focus code find it) and styled with the owner's stylesheets — the app's type sizes and tokens, which a dialog,
     * a window of its own, does not inherit. Returns the pane. JavaFX thread.
     */
    public static DialogPane ownedBy(Dialog<?> dialog, Window owner, String id) {
        dialog.initOwner(owner);
        DialogPane pane = dialog.getDialogPane();
        pane.setId(id);
        Scene scene = owner.getScene();
        if (scene != null) {
            pane.getStylesheets().setAll(scene.getStylesheets());
        }
        return pane;
    }
}
