package com.sourceful.commissioner.ui.common;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.javafx.FontIcon;

/** The system clipboard and the wizard's notifications: the two ways the app reaches outside its steps. */
public final class CopyDetails {

    private static final Consumer<String> SYSTEM = text -> {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    };
    private static volatile Consumer<String> writer = SYSTEM;

    private CopyDetails() {
    }

    /** Puts {@code text} on the clipboard (the system's, unless a test put another writer in). On the FX thread. */
    public static void toClipboard(String text) {
        writer.accept(text);
    }

    /** Tests: where copied text goes instead of the system clipboard; null restores the system clipboard. */
    static void useWriter(Consumer<String> other) {
        writer = other == null ? SYSTEM : other;
    }

    /** What a notification tells, by its icon and the icon's colour (never by colour alone: the text says it too). */
    public enum Notice {
        DONE("fth-check-circle", "notice-done"),
        WARNING("fth-alert-triangle", "notice-warning"),
        FAILED("fth-x-circle", "notice-failed");

        private final String icon;
        private final String styleClass;

        Notice(String icon, String styleClass) {
            this.icon = icon;
            this.styleClass = styleClass;
        }
    }

    /** A short, non-blocking notification in the corner of {@code owner}; it goes away by itself. */
    public static void notify(Window owner, Notice notice, String title, String text) {
        notify(owner, notice, title, text, Optional.empty());
    }

    /**
     * A notification with one action button ({@code actionText}, {@code action} run on press): for what the
     * technician may want to look at now, e.g. the changes since the last visit. It stays longer, then goes by itself.
     */
    public static void notify(Window owner, Notice notice, String title, String text, String actionText,
                              Runnable action) {
        notify(owner, notice, title, text, Optional.of(new Action(actionText, e -> action.run())));
    }

    private static void notify(Window owner, Notice notice, String title, String text, Optional<Action> action) {
        Objects.requireNonNull(owner, "owner");
        if (!owner.isShowing()) {
            // The window closed (work ended as the app closed): a popup on it would show when a window is shown again.
            return;
        }
        FontIcon icon = new FontIcon(notice.icon);
        icon.getStyleClass().add(notice.styleClass);
        // ControlsFX's own icons are glossy Modena bitmaps; ours follow the theme.
        Notifications notification = Notifications.create().owner(owner).graphic(icon).title(title).text(text)
                .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(action.isPresent() ? 15 : 8));
        action.ifPresent(notification::action);
        notification.show();
        // A popup takes Esc to close itself before the window sees it; a notification must not: Esc stays the
        // wizard's Back and Cancel (the notification goes by itself).
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow popup && popup.getOwnerWindow() == owner
                    && w.getScene() != null && w.getScene().getRoot() != null
                    && w.getScene().getRoot().lookup(".notification-bar") != null) {
                popup.setHideOnEscape(false);
            }
        }
    }
}
