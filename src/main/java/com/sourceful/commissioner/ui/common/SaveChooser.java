package com.sourceful.commissioner.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javafx.scene.Node;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to save a file. The app uses a {@link FileChooser}; tests, which cannot drive a native dialog headless,
 * put in one that answers at once ({@link AppContext#saveChooser(SaveChooser)}).
 */
@FunctionalInterface
public interface SaveChooser {

    /** What is saved: decides the dialog's title, filter and extension. */
    enum Kind {
        REPORT("done.report.chooser", "done.report.filter", ".pdf"),
        SUPPORT_BUNDLE("done.bundle.chooser", "done.bundle.filter", ".zip"),
        VISIT("visit.export.chooser", "visit.file.filter", ".zapvisit.json");

        final String titleKey;
        final String filterKey;
        final String extension;

        Kind(String titleKey, String filterKey, String extension) {
            this.titleKey = titleKey;
            this.filterKey = filterKey;
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** The chosen file, or empty when the technician cancelled. Called on the JavaFX thread. */
    Optional<Path> choose(Window owner, String suggestedName, Kind kind);

    /**
     * {@link #choose}, and then the window and the control that had the focus get it back: after a platform dialog
     * closes, some desktops leave the focus nowhere, and the keyboard (Enter, Tab, Alt+letter) did nothing until the
     * technician clicked into the window.
     */
    default Optional<Path> chooseAndRefocus(Window owner, String suggestedName, Kind kind) {
        Node focused = owner == null || owner.getScene() == null ? null : owner.getScene().getFocusOwner();
        try {
            return choose(owner, suggestedName, kind);
        } finally {
            if (owner != null) {
                owner.requestFocus();
                if (focused != null && focused.getScene() == owner.getScene()) {
                    focused.requestFocus();
                }
            }
        }
    }

    /** The platform's save dialog, starting in Documents (or the home folder). */
    static SaveChooser fileChooser() {
        return (owner, suggestedName, kind) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Messages.get(kind.titleKey));
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get(kind.filterKey),
                    "*" + kind.extension));
            Path home = Path.of(System.getProperty("user.home", "."));
            Path documents = home.resolve("Documents");
            chooser.setInitialDirectory((Files.isDirectory(documents) ? documents : home).toFile());
            File file = chooser.showSaveDialog(owner);
            return Optional.ofNullable(file).map(File::toPath).map(p -> withExtension(p, kind));
        };
    }

    /** Some platforms' dialogs do not add the extension the filter names. */
    static Path withExtension(Path p, Kind kind) {
        String name = p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(kind.extension) ? p : p.resolveSibling(name + kind.extension);
    }
}
