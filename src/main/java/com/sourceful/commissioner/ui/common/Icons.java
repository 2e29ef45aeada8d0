package com.sourceful.commissioner.ui.common;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Icons on buttons grow with the button's font (200 % layout). Set in code, not in CSS: an {@code em} icon size in
 * CSS is relative to the icon's own font, which the size itself sets, so it would grow on every CSS pass; and a
 * fixed px size would not follow the font.
 */
public final class Icons {

    /** Icon size relative to the text beside it. */
    public static final double SCALE = 1.15;
    private static final String FITTED = Icons.class.getName() + ".fitted";

    private Icons() {
    }

    /** Every labelled control under {@code root} whose graphic is a font icon. */
    public static void fitToText(Node root) {
        if (root instanceof Labeled l && l.getGraphic() instanceof FontIcon icon) {
            fit(l, icon);
        }
        if (root instanceof ScrollPane s) {
            if (s.getContent() != null) {
                fitToText(s.getContent());
            }
        } else if (root instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(Icons::fitToText);
        }
    }

    /** {@code icon}'s size follows {@code owner}'s font size from now on. */
    public static void fit(Labeled owner, FontIcon icon) {
        if (icon.getProperties().put(FITTED, Boolean.TRUE) != null) {
            return;
        }
        Runnable apply = () -> {
            int wanted = (int) Math.round(owner.getFont().getSize() * SCALE);
            if (icon.getIconSize() != wanted) {
                icon.setIconSize(wanted);
            }
        };
        owner.fontProperty().addListener((o, was, now) -> apply.run());
        // The theme's stylesheet sets a fixed icon size (AtlantaFX: 18px) on every CSS pass, over a size set in code:
        // the size the font asks for is set again. This settles: CSS sets the size only when styles are reapplied.
        icon.iconSizeProperty().addListener((o, was, now) -> apply.run());
        apply.run();
    }
}
