package com.sourceful.commissioner.ui.common;

import javafx.application.Platform;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Scrolls a step so that a message which just appeared can be read: an error shown below the fold after the
 * technician pressed Next at the bottom of a long step would otherwise go unseen.
 */
public final class Reveal {

    private Reveal() {
    }

    /** Each time {@code text} becomes non-empty, {@code node} is scrolled into its step's view (once laid out). */
    public static void whenShown(Node node, ObservableStringValue text) {
        text.addListener((o, was, now) -> {
            if (now != null && !now.isEmpty()) {
                Platform.runLater(() -> scrollTo(node));
            }
        });
    }

    /** Moves the enclosing scroll pane, if any, the least needed for {@code node} to be fully in view. */
    public static void scrollTo(Node node) {
        ScrollPane scroll = null;
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane s) {
                scroll = s;
                break;
            }
        }
        if (scroll == null || scroll.getContent() == null || node.getScene() == null) {
            return;
        }
        scroll.applyCss();
        scroll.layout();
        Node content = scroll.getContent();
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        double range = contentHeight - viewport;
        if (range <= 0) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double span = scroll.getVmax() - scroll.getVmin();
        double top = (scroll.getVvalue() - scroll.getVmin()) / span * range;
        double wanted = top;
        if (b.getMaxY() > top + viewport) {
            wanted = b.getMaxY() - viewport;
        }
        if (b.getMinY() < wanted) {
            wanted = b.getMinY();
        }
        if (wanted != top) {
            scroll.setVvalue(scroll.getVmin() + Math.max(0, Math.min(range, wanted)) / range * span);
        }
    }
}
