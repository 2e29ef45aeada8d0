package com.sourceful.commissioner.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.PopupWindow;
import javafx.stage.Window;

import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.service.locator.impl.BoundsLocatorImpl;
import org.testfx.service.query.PointQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * TestFX's robot, but every node's place on screen is worked out on the JavaFX thread. TestFX's own {@code
 * clickOn("#id")} and {@code clickOn(node)} compute bounds on the test thread (visibility filter, then the node's
 * screen bounds), which lays out text while the JavaFX thread may be laying out the same nodes for background work
 * (discovery, the Wi-Fi follow, health reads): that corrupted JavaFX's text layout in clean-clone runs and failed every
 * later UI test of the JVM. Queries that only read properties ({@code lookup(...).query()}) stay TestFX's.
 */
public class FxThreadRobot extends FxRobot {

    private static final long FX_TIMEOUT_SECONDS = 10;

    @Override
    public PointQuery point(Node node) {
        Window window = onFx(() -> node.getScene() == null ? null : node.getScene().getWindow());
        if (window == null) {
            throw new IllegalStateException("the node " + node + " is not in a shown window");
        }
        Bounds onScreen = onFx(() -> new BoundsLocatorImpl().boundsOnScreenFor(node));
        targetWindow(window);
        return point(onScreen);
    }

    @Override
    public FxRobot clickOn(String query, Motion motion, MouseButton... buttons) {
        return clickOn(visibleNode(query), motion, buttons);
    }

    @Override
    public FxRobot doubleClickOn(String query, Motion motion, MouseButton... buttons) {
        return doubleClickOn(visibleNode(query), motion, buttons);
    }

    @Override
    public FxRobot moveTo(String query, Motion motion) {
        return moveTo(point(visibleNode(query)), motion);
    }

    /**
     * The first node of a shown window that matches the query (a CSS selector or a shown text) and is visible with all its parents, looked up on
     * the JavaFX thread.
     */
    public Node visibleNode(String query) {
        Node found = onFx(() -> {
            for (Window window : Window.getWindows()) {
                Scene scene = window.getScene();
                if (!window.isShowing() || scene == null) {
                    continue;
                }
                for (Node n : matches(scene, query)) {
                    if (SceneNodes.visible(n)) {
                        return n;
                    }
                }
            }
            return null;
        });
        if (found == null) {
            throw new IllegalStateException("the query \"" + query + "\" finds no visible node in a shown window");
        }
        return found;
    }

    /** Like TestFX: a CSS selector, or else the text a label, text field or text shows (e.g. a table cell's). */
    private static List<Node> matches(Scene scene, String query) {
        List<Node> bySelector = new ArrayList<>();
        try {
            bySelector.addAll(scene.getRoot().lookupAll(query));
        } catch (RuntimeException notASelector) {
            // e.g. "Site-WiFi 2": a text, not a selector
        }
        if (!bySelector.isEmpty()) {
            return bySelector;
        }
        List<Node> all = new ArrayList<>(List.of(scene.getRoot()));
        all.addAll(SceneNodes.descendants(scene.getRoot()));
        return all.stream().filter(n -> query.equals(n instanceof Labeled l ? l.getText()
                : n instanceof TextInputControl t ? t.getText() : n instanceof Text t ? t.getText() : null)).toList();
    }

    /** The shown dialog whose pane has {@code id}, looked up on the JavaFX thread. */
    public Optional<DialogPane> dialogPane(String id) {
        return onFx(() -> Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene)
                .filter(s -> s != null && s.getRoot() instanceof DialogPane p && id.equals(p.getId()))
                .map(s -> (DialogPane) s.getRoot()).findFirst());
    }

    /**
     * Hides every notification showing, as a technician closes one that lies over the button they want (they sit at
     * the window's top right, over the site overview's button). Hidden, not clicked: Monocle does not deliver a click
     * into a popup reliably while ControlsFX slides it in.
     */
    public void closeNotifications() {
        onFx(() -> {
            Window.getWindows().stream()
                    .filter(w -> w instanceof PopupWindow && w.isShowing() && w.getScene() != null
                            && w.getScene().getRoot().lookup(".notification-bar") != null)
                    .toList().forEach(Window::hide);
            return null;
        });
    }

    /** Scrolls the scroll pane that holds {@code query}'s button to its end, then clicks it (a button below the fold). */
    public void clickAtEndOfScroll(String query) {
        Node button = visibleNode(query);
        onFx(() -> {
            Node n = button;
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            if (n instanceof ScrollPane s) {
                s.setVvalue(1.0);
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        clickOn(button);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** {@code call}'s answer, computed on the JavaFX thread. */
    public static <T> T onFx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX thread did not answer in " + FX_TIMEOUT_SECONDS + " s", e);
        }
    }
}
