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

/** Writes a PNG of a scene, headless, into {@code screenshots.dir} (target/screenshots unless told otherwise). */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    public static Path take(Scene scene, String name) {
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
