package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * The language chosen in the footer while the app runs, from English to Swedish and from Swedish to English, in the
 * light and the dark theme, at the default window size and at 960 wide (200 % scaling): Back, Next, the footer's
 * labels and the note saying when the language applies are all shown whole, none shortened to "…".
 */
class LanguageSwitchUiTest {

    private final FxThreadRobot robot = new FxThreadRobot();

    @ParameterizedTest
    @ValueSource(strings = {"en", "sv"})
    void switchingTheLanguageCutsNothingInTheFooter(String startLanguage) throws Exception {
        Locale saved = Locale.getDefault();
        DemoApp fixture = null;
        try {
            Locale.setDefault(startLanguage.equals("sv") ? Locale.forLanguageTag("sv-SE") : Locale.US);
            fixture = DemoApp.start();
            Scene scene = fixture.scene(robot);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> scene.lookup("#languageBox") != null);
            @SuppressWarnings("unchecked")
            ChoiceBox<String> languages = (ChoiceBox<String>) scene.lookup("#languageBox");
            @SuppressWarnings("unchecked")
            ChoiceBox<ThemeChoice> themes = (ChoiceBox<ThemeChoice>) scene.lookup("#themeBox");
            String other = startLanguage.equals("sv") ? "en" : "sv";
            Stage stage = (Stage) scene.getWindow();
            for (double width : new double[] {stage.getWidth(), 960}) {
                robot.interact(() -> stage.setWidth(width));
                for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
                    robot.interact(() -> themes.setValue(theme));
                    String where = startLanguage + "→" + other + ", " + theme + ", " + width + " wide";
                    robot.interact(() -> languages.setValue(other));
                    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                            () -> !((Labeled) scene.lookup("#languageNote")).getText().isEmpty());
                    assertThat(cutInFooter(scene)).as(where).isEmpty();
                    robot.interact(() -> languages.setValue(startLanguage));
                    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                            () -> ((Labeled) scene.lookup("#languageNote")).getText().isEmpty());
                    assertThat(cutInFooter(scene)).as(where + ", and back").isEmpty();
                }
            }
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

    /** Every labelled control below the step's content (the footer) shown shortened or outside the window. */
    private static List<String> cutInFooter(Scene scene) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            List<String> cut = new ArrayList<>();
            Node content = scene.lookup("#content");
            double contentBottom = content.localToScene(content.getLayoutBounds()).getMaxY();
            for (Node n : SceneNodes.descendants(scene.getRoot())) {
                if (!(n instanceof Labeled l) || !SceneNodes.visible(n)) {
                    continue;
                }
                Bounds b = n.localToScene(n.getLayoutBounds());
                if (b.getMinY() < contentBottom) {
                    continue;
                }
                String text = l.getText() == null ? "" : l.getText();
                String full = l.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
                String shown = shown(l);
                if (!full.isEmpty() && (shown == null || !squeezed(shown).equals(squeezed(full)))) {
                    cut.add(n.getId() + " shows \"" + shown + "\" for \"" + full + "\"");
                }
                if (b.getMinX() < -1 || b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1) {
                    cut.add(n.getId() + " is outside the window: " + b);
                }
            }
            return cut;
        }).get(5, TimeUnit.SECONDS);
    }

    /** The text as wrapped lines show it, without the line breaks and spaces. */
    private static String squeezed(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** The label's own text node, not its graphic (an Ikonli icon is a Text too). */
    private static String shown(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c != l.getGraphic()) {
                return t.getText();
            }
        }
        return null;
    }
}
