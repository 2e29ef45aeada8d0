package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.stage.Stage;

import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * 200 % display scaling on a 1920×1080 laptop leaves about 960×520 logical pixels for the window. Every step of the
 * demo flow, laid out at that size in light and dark, in English and in Swedish: Back/Next and the footer inside the window, every visible control
 * inside the step's scrolling content (reachable by scrolling, nothing cut off at the side), and no step title, button,
 * step name or error text shortened with an ellipsis. Each step is also rendered at render scale 2 (1920×1040) into
 * {@code target/screenshots-200/} to be looked at.
 */
class SmallScreenUiTest {

    static final double WIDTH = 960;
    static final double HEIGHT = 520;

    private DemoApp fixture;
    private String suffix;
    private final FxThreadRobot robot = new FxThreadRobot();

    /** English, and Swedish (the longer texts), each in a window of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "sv"})
    void everyStepIsUsableAt960By520(String language) throws Exception {
        Locale saved = Locale.getDefault();
        suffix = language.equals("sv") ? "-sv" : "";
        try {
            Locale.setDefault(language.equals("sv") ? Locale.forLanguageTag("sv-SE") : Locale.US);
            fixture = DemoApp.start();
            walkThrough();
        } finally {
            try {
                if (fixture != null) {
                    fixture.close();
                }
            } finally {
                Locale.setDefault(saved);
            }
        }
    }

    /** The checks themselves: a check that finds nothing proves nothing. */
    @Test
    void theChecksFindWhatTheyLookFor() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<String> found = WaitForAsyncUtils.asyncFx(() -> {
            Button cut = new Button("A button whose text is far too long for its width");
            cut.setMaxWidth(80);
            cut.setMinWidth(80);
            Button whole = new Button("_Back");
            Button iconCut = new Button("An icon button that is far too long", new FontIcon("fth-x"));
            iconCut.setMaxWidth(80);
            iconCut.setMinWidth(80);
            Button iconWhole = new Button("_Next", new FontIcon("fth-arrow-right"));
            VBox wide = new VBox(new Button("x"));
            wide.setMinWidth(2000);
            ScrollPane scroll = new ScrollPane(new VBox(8, cut, whole, iconCut, iconWhole, wide));
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("step-scroll");
            BorderPane root = new BorderPane(scroll);
            root.getStyleClass().add("wizard");
            Scene scene = new Scene(root, 400, 300);
            List<String> p = problems(scene);
            assertThat(truncated(whole)).isFalse();
            assertThat(truncated(iconWhole)).as("an icon is not the button's text").isFalse();
            return p;
        }).get(10, TimeUnit.SECONDS);
        assertThat(String.join("\n", found)).contains("\"A button whose text is far too long for its width\" is cut short",
                "\"An icon button that is far too long\" is cut short", "scrolls sideways")
                .doesNotContain("\"_Back\"", "\"_Next\"");
    }

    private void walkThrough() throws Exception {
        App app = fixture.app;
        Scene scene = fixture.scene(robot);
        Stage stage = (Stage) scene.getWindow();
        assertThat(stage.getMinWidth()).as("the window may be made this small").isLessThanOrEqualTo(WIDTH);
        assertThat(stage.getMinHeight()).isLessThanOrEqualTo(HEIGHT);
        double wasWidth = stage.getWidth();
        double wasHeight = stage.getHeight();
        try {
            robot.interact(() -> {
                stage.setWidth(WIDTH);
                stage.setHeight(HEIGHT);
            });
            walkThroughTheSteps(app, scene);
        } finally {
            // TestFX keeps one primary stage for every test class: the next one gets the usual size back.
            robot.interact(() -> {
                stage.setWidth(wasWidth);
                stage.setHeight(wasHeight);
            });
        }
    }

    private void walkThroughTheSteps(App app, Scene scene) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getWidth()).isEqualTo(WIDTH);
        assertThat(scene.getHeight()).isEqualTo(HEIGHT);

        TableView<?> table = robot.lookup("#zapTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && app.context().find().selectedProperty().get() != null);
        check(scene, "1-find");

        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.PREPARE);
        // A new Zap, as on a first visit: who holds it asked and answered, the claim button ready.
        Button claim = robot.lookup("#claimButton").queryButton();
        Label standing = robot.lookup("#standingLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !claim.isDisabled() && standing.getText() != null
                && !standing.getText().isEmpty() && !standing.getText().endsWith("…"));
        check(scene, "2-prepare");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().canGoNextProperty().get());
        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.ADD);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.context().add().profiles().isEmpty());
        check(scene, "3-add-device");

        fixture.sungrowAt(robot, WizardViewModel.Step.VERIFY, List.of());
        var verify = app.context().verify();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> verify.der("pv").isPresent()
                && !verify.der("pv").orElseThrow().tiles().isEmpty());
        check(scene, "4-verify");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().canGoNextProperty().get());
        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.PROVISION);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !app.context().provision().sites().isEmpty()
                && app.context().wizard().canGoNextProperty().get());
        check(scene, "5-provision");

        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.DONE);
        check(scene, "6-done");
    }

    private void waitForStep(WizardViewModel.Step step) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fixture.app.context().wizard().currentStep() == step);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The checks and the 2× renders of the current step, in light and in dark. */
    private void check(Scene scene, String name) throws Exception {
        AppTheme theme = AppTheme.of(scene).orElseThrow();
        for (ThemeChoice choice : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> theme.choiceProperty().set(choice));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> problems = WaitForAsyncUtils.asyncFx(() -> problems(scene)).get(10, TimeUnit.SECONDS);
            assertThat(problems).as(name + " at 960×520, " + choice.id()).isEmpty();
            render(scene, name + (choice == ThemeChoice.DARK ? "-dark" : "") + suffix);
        }
        robot.interact(() -> theme.choiceProperty().set(ThemeChoice.LIGHT));
    }

    /** What is wrong with the current layout, in words; empty when nothing. JavaFX thread. */
    static List<String> problems(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        List<String> problems = new ArrayList<>();
        Region wizard = (Region) scene.getRoot().lookup(".wizard");
        if (wizard == null || wizard.getBackground() == null || wizard.getBackground().getFills().isEmpty()) {
            problems.add("the wizard has no background of its own (the scene's white fill shows)");
        }
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        for (String id : List.of("#backButton", "#nextButton", "#languageBox", "#themeBox")) {
            Node n = scene.lookup(id);
            if (n != null && SceneNodes.visible(n) && !contains(window, n.localToScene(n.getLayoutBounds()))) {
                problems.add(id + " is outside the window: " + n.localToScene(n.getLayoutBounds()));
            }
        }
        ScrollPane scroll = (ScrollPane) scene.getRoot().lookupAll(".step-scroll").stream()
                .filter(SceneNodes::visible).findFirst().orElse(null);
        if (scroll == null) {
            problems.add("no step shows");
            return problems;
        }
        Bounds viewport = scroll.getViewportBounds();
        Parent content = (Parent) scroll.getContent();
        Bounds all = content.getLayoutBounds();
        if (all.getWidth() > viewport.getWidth() + 1) {
            problems.add("the step is wider than its viewport (" + all.getWidth() + " > " + viewport.getWidth()
                    + "): it scrolls sideways");
        }
        for (Node n : SceneNodes.descendants(content)) {
            if (!(n instanceof Control) || !SceneNodes.visible(n)) {
                continue;
            }
            Bounds b = content.sceneToLocal(n.localToScene(n.getLayoutBounds()));
            if (!contains(all, b)) {
                problems.add(describe(n) + " lies outside the step's scrolling content: " + b + " not in " + all);
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && b.getWidth() < 1) {
                problems.add(describe(n) + " has no width");
            }
        }
        // The Add step's two grids (profile and connection; the profile's own fields) share one label column.
        Node profile = scene.lookup("#profileBox");
        Node firstField = scene.lookup("#field-ip");
        if (profile != null && firstField != null && SceneNodes.visible(profile) && SceneNodes.visible(firstField)) {
            double a = profile.localToScene(profile.getLayoutBounds()).getMinX();
            double b = firstField.localToScene(firstField.getLayoutBounds()).getMinX();
            if (Math.abs(a - b) > 1) {
                problems.add("the Add form's fields do not line up under Profile (x " + b + " against " + a + ")");
            }
        }
        for (Node n : SceneNodes.descendants(scene.getRoot())) {
            if (n instanceof Labeled l && SceneNodes.visible(n) && mustShowWhole(l) && truncated(l)) {
                problems.add(describe(n) + " is cut short: \"" + shown(l) + "\" for \"" + l.getText() + "\"");
            }
        }
        return problems;
    }

    /** Step titles, buttons, the step names, error and problem texts: an ellipsis there hides what matters. */
    private static boolean mustShowWhole(Labeled l) {
        var classes = l.getStyleClass();
        return l instanceof Button || classes.contains("step-title") || classes.contains("step")
                || classes.contains("error") || classes.contains("field-problem") || classes.contains("preflight")
                || classes.contains("section-title") || classes.contains("app-title") || classes.contains("demo-badge")
                || l.getParent() != null && l.getParent().getStyleClass().contains("footer");
    }

    private static boolean truncated(Labeled l) {
        String text = l.getText();
        String shown = shown(l);
        if (text == null || text.isEmpty() || shown == null) {
            return false;
        }
        String ellipsis = l.getEllipsisString();
        String full = l.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        return !ellipsis.isEmpty() && shown.contains(ellipsis) && !full.contains(ellipsis)
                || shown.replaceAll("\\s+", "").length() < full.replaceAll("\\s+", "").length();
    }

    private static String shown(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            // The label's own text node, not its graphic: an Ikonli icon is a Text too.
            if (c instanceof Text t && c != l.getGraphic()) {
                return t.getText();
            }
        }
        return null;
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getMinX() >= outer.getMinX() - 1 && inner.getMinY() >= outer.getMinY() - 1
                && inner.getMaxX() <= outer.getMaxX() + 1 && inner.getMaxY() <= outer.getMaxY() + 1;
    }

    private static String describe(Node n) {
        String text = n instanceof Labeled l ? " \"" + l.getText() + "\"" : "";
        return n.getClass().getSimpleName() + (n.getId() != null ? "#" + n.getId() : "") + n.getStyleClass() + text;
    }

    /** The window at render scale 2, as a 200 % screen shows it: 1920×1040 pixels. */
    private static void render(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
            SnapshotParameters p = new SnapshotParameters();
            p.setTransform(new Scale(2, 2));
            return scene.getRoot().snapshot(p, null);
        }).get(10, TimeUnit.SECONDS);
        Path file = Path.of(System.getProperty("screenshots200.dir", "target/screenshots-200")).resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(image.getWidth()).isEqualTo(2 * WIDTH);
        assertThat(image.getHeight()).isEqualTo(2 * HEIGHT);
    }
}
