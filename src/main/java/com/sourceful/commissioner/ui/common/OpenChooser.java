package com.sourceful.commissioner.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.Node;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks which file to open: {@link SaveChooser}'s counterpart. The app uses a {@link FileChooser}; tests, which cannot
 * drive a native dialog headless, put in one that answers at once.
 */
@FunctionalInterface
public interface OpenChooser {

    /** What is opened: decides the dialog's title and filters. */
    enum Kind {
        VISIT("visit.open.chooser", "visit.file.filter", "*.zapvisit.json", "*.json");

        final String titleKey;
        final String filterKey;
        final String[] patterns;

        Kind(String titleKey, String filterKey, String... patterns) {
            this.titleKey = titleKey;
            this.filterKey = filterKey;
            this.patterns = patterns;
        }
    }

    /** The chosen file, or empty when the technician cancelled. Called on the JavaFX thread. */
    Optional<Path> choose(Window owner, Kind kind);

    /** {@link #choose}, and then the window and its focused control get the focus back (see {@link SaveChooser}). */
    default Optional<Path> chooseAndRefocus(Window owner, Kind kind) {
        Node focused = owner == null || owner.getScene() == null ? null : owner.getScene().getFocusOwner();
        try {
            return choose(owner, kind);
        } finally {
            if (owner != null) {
                owner.requestFocus();
                if (focused != null && focused.getScene() == owner.getScene()) {
                    focused.requestFocus();
                }
            }
        }
    }

    /** The platform's open dialog, starting in Downloads, else Documents, else the home folder. */
    static OpenChooser fileChooser() {
        return (owner, kind) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Messages.get(kind.titleKey));
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.get(kind.filterKey),
                    kind.patterns), new FileChooser.ExtensionFilter(Messages.get("chooser.allFiles"), "*"));
            Path home = Path.of(System.getProperty("user.home", "."));
            Path start = home;
            for (String folder : new String[] {"Downloads", "Documents"}) {
                if (Files.isDirectory(home.resolve(folder))) {
                    start = home.resolve(folder);
                    break;
                }
            }
            chooser.setInitialDirectory(start.toFile());
            File file = chooser.showOpenDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
