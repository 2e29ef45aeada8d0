package com.sourceful.commissioner.ui;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;

/** Walking a scene graph in UI tests: every node below a parent, and whether a node is shown. */
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
}
