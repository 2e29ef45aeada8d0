package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/** The theme choice in the footer switches light and dark at once, back and forth, with the pointer over the window. */
class ThemeSwitchUiTest extends DemoAppUiTest {

    @Test
    @SuppressWarnings("unchecked")
    void theFooterChoiceSwitchesTheWholeWindow() throws Exception {
        Scene scene = fixture.scene(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> scene.lookup("#themeBox") != null);
        ChoiceBox<ThemeChoice> box = (ChoiceBox<ThemeChoice>) scene.lookup("#themeBox");
        AppTheme theme = AppTheme.of(scene).orElseThrow();
        assertThat(box.getItems()).containsExactly(ThemeChoice.SYSTEM, ThemeChoice.LIGHT, ThemeChoice.DARK);
        assertThat(box.isFocusTraversable()).as("out of the Tab order, like the language").isFalse();
        assertThat(((Labeled) scene.lookup("#themeLabel")).getText()).isEqualTo("_Theme");
        assertThat(box.getConverter().toString(ThemeChoice.SYSTEM)).isEqualTo("System");
        for (int i = 0; i < 3; i++) {
            robot.moveTo("#nextButton");
            robot.interact(() -> box.setValue(ThemeChoice.DARK));
            assertThat(theme.darkProperty().get()).isTrue();
            assertBackground(scene, true);
            robot.moveTo("#step-find");
            robot.interact(() -> box.setValue(ThemeChoice.LIGHT));
            assertThat(theme.darkProperty().get()).isFalse();
            assertBackground(scene, false);
        }
        robot.interact(() -> theme.choiceProperty().set(ThemeChoice.DARK));
        assertThat(box.getValue()).as("the box follows the choice").isEqualTo(ThemeChoice.DARK);
        robot.interact(() -> box.setValue(ThemeChoice.SYSTEM));
        assertThat(theme.choiceProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
    }

    /** The window's own background, as drawn: dark or light (never missing, which would show the white scene fill). */
    private void assertBackground(Scene scene, boolean dark) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Color c = WaitForAsyncUtils.asyncFx(() -> {
            scene.getRoot().applyCss();
            var bg = ((Region) scene.getRoot()).getBackground();
            return bg == null || bg.getFills().isEmpty() ? null : (Color) bg.getFills().get(0).getFill();
        }).get(5, TimeUnit.SECONDS);
        assertThat(c).as("the window's background").isNotNull();
        assertThat(c.getBrightness()).as("brightness of " + c).isLessThan(dark ? 0.2 : 1.01).isGreaterThan(dark ? -1 : 0.9);
        var snap = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(5, TimeUnit.SECONDS);
        Color drawn = snap.getPixelReader().getColor(5, (int) scene.getHeight() / 2);
        assertThat(drawn.getBrightness()).as("drawn at the left edge: " + drawn)
                .isLessThan(dark ? 0.2 : 1.01).isGreaterThan(dark ? -1 : 0.9);
    }
}
