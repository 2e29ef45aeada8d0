package com.sourceful.commissioner.ui;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Walking a scene graph in UI tests: every node below a parent, whether a node is shown, scrolling to one. */
final class SceneNodes {

    private SceneNodes() {
    }

    /** Every node below {@code p}, depth first. */
    static List<Node> descendants(Parent p) {
        List<Node> out = new ArrayList<>();
        for (Node c : p.getChildrenUnmodifiable()) {
            out.add(c);
            if (c instanceof Parent cp) {
                out.addAll(descendants(cp));
            }
        }
        return out;
    }

    /** Visible, and so are all its parents. */
    static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The step scrolls; a robot clicks where a node is on screen, so bring it into the viewport first. */
    static void scrollIntoView(FxRobot robot, Node node) {
        robot.interact(() -> {
            Node n = node;
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            if (n instanceof ScrollPane scroll) {
                double contentHeight = scroll.getContent().getBoundsInLocal().getHeight();
                double viewport = scroll.getViewportBounds().getHeight();
                double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
                scroll.setVvalue(contentHeight <= viewport ? 0
                        : Math.min(1, Math.max(0, (y - viewport / 2) / (contentHeight - viewport))));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
