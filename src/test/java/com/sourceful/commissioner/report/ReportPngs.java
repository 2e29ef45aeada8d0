package com.sourceful.commissioner.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Renders a PDF's pages to PNG files {@code <prefix>-1.png}, {@code <prefix>-2.png} … (for the committed sample). */
public final class ReportPngs {

    private ReportPngs() {
    }

    public static List<Path> render(byte[] pdf, Path dir, String prefix, float dpi) throws IOException {
        List<Path> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.RGB);
                Path file = dir.resolve(prefix + "-" + (i + 1) + ".png");
                ImageIO.write(image, "png", file.toFile());
                out.add(file);
            }
        }
        return out;
    }
}
