package com.sourceful.commissioner.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/** The Verify step's chart for the report: pixels taken by the view, encoded as PNG off the UI thread. */
public final class ChartImage {

    /** Pixels in ARGB order, row by row: what a JavaFX {@code PixelReader} gives with the int ARGB format. */
    public record Pixels(int width, int height, int[] argb) {
        public Pixels {
            if (width <= 0 || height <= 0 || argb.length != width * height) {
                throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
            }
        }
    }

    private ChartImage() {
    }

    /** Encodes the pixels as a PNG (opaque: the chart is drawn on white). */
    public static byte[] png(Pixels pixels) throws IOException {
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, pixels.width(), pixels.height(), pixels.argb(), 0, pixels.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }
}
