package com.sourceful.commissioner.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;

import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.common.AppTheme;
import com.sourceful.commissioner.ui.common.ThemeChoice;

/**
 * Writes PNGs of a scene, headless, into {@code screenshots.dir} (target/screenshots unless told otherwise): as it is
 * (light, unless the test chose dark), and, for the app's window, once more in the dark theme ({@code 1-find-dark},
 * {@code 1-find-dark-sv}), after which the theme goes back to what it was.
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    public static Path take(Scene scene, String name) {
        Path file = takeOne(scene, name);
        AppTheme.of(scene).filter(t -> !t.darkProperty().get()).ifPresent(theme -> {
            ThemeChoice was = theme.choiceProperty().get();
            WaitForAsyncUtils.asyncFx(() -> theme.choiceProperty().set(ThemeChoice.DARK));
            try {
                takeOne(scene, darkName(name));
            } finally {
                WaitForAsyncUtils.asyncFx(() -> theme.choiceProperty().set(was));
                WaitForAsyncUtils.waitForFxEvents();
            }
        });
        return file;
    }

    /** {@code 4-verify} → {@code 4-verify-dark}, {@code 4-verify-sv} → {@code 4-verify-dark-sv}. */
    static String darkName(String name) {
        return name.endsWith("-sv") ? name.substring(0, name.length() - 3) + "-dark-sv" : name + "-dark";
    }

    /** {@code scene} as it is now, in the current theme only (a popup or a dialog has no theme switch of its own). */
    static Path takeOne(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image;
        try {
            image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        } catch (Exception e) {
            throw new IllegalStateException("snapshot failed", e);
        }
        Path file = dir().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** For tests that only need the toolkit. */
    static void ensureToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }
}
