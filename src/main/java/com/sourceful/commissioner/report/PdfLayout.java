package com.sourceful.commissioner.report;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * A small flowing layout on A4 pages: a title, headings, paragraphs, key/value and column tables that wrap their
 * cells and continue on the next page (repeating the header row), images, and a footer with page numbers added
 * at the end. One embedded font (Liberation Sans, shipped inside PDFBox; subset) covers å ä ö and the rest of
 * Latin-1 and more; headings are drawn bold by stroking the same font. No system font is used.
 */
final class PdfLayout implements AutoCloseable {

    /** The TrueType font PDFBox itself ships for rendering; SIL Open Font License. */
    static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    static final float MARGIN = 50;
    static final float BODY = 9.5f;
    static final float SMALL = 8f;
    static final Color TEXT = new Color(0x1f, 0x23, 0x28);
    static final Color MUTED = new Color(0x59, 0x63, 0x6e);
    static final Color ACCENT = new Color(0x0b, 0x6e, 0x4f);
    static final Color RULE = new Color(0xd0, 0xd7, 0xde);
    static final Color SHADE = new Color(0xf3, 0xf5, 0xf7);

    private final PDDocument doc = new PDDocument();
    private final PDFont font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private final String headerText;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream cs;
    private float y;

    PdfLayout(String headerText) throws IOException {
        this.headerText = headerText;
        this.font = loadFont();
        newPage();
    }

    private PDFont loadFont() throws IOException {
        try (InputStream in = PdfLayout.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in != null) {
                return PDType0Font.load(doc, in, true);
            }
        }
        // Not expected (PDFBox ships it); Helvetica with WinAnsiEncoding still has å ä ö.
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    static float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private static float top() {
        return PDRectangle.A4.getHeight() - MARGIN;
    }

    private static float bottom() {
        return MARGIN + 20;
    }

    private void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        cs = new PDPageContentStream(doc, page);
        y = top();
        if (pages.size() > 1) {
            text(MARGIN, y - SMALL, headerText, SMALL, MUTED, false);
            y -= SMALL + 14;
        }
    }

    /** Starts a new page unless {@code height} still fits on this one. */
    void need(float height) throws IOException {
        if (y - height < bottom()) {
            newPage();
        }
    }

    void space(float points) {
        y -= points;
    }

    void title(String text, String subtitle) throws IOException {
        for (String line : wrap(text, 20, width())) {
            text(MARGIN, y - 20, line, 20, ACCENT, true);
            y -= 26;
        }
        if (!subtitle.isEmpty()) {
            for (String line : wrap(subtitle, BODY, width())) {
                text(MARGIN, y - BODY, line, BODY, MUTED, false);
                y -= BODY + 4;
            }
        }
        y -= 6;
        rule(ACCENT, 1.2f);
        y -= 10;
    }

    void heading(String text) throws IOException {
        // A heading never ends a page alone: room for it and a few lines under it.
        need(13 + 60);
        y -= 8;
        text(MARGIN, y - 13, text, 13, ACCENT, true);
        y -= 13 + 5;
        rule(RULE, 0.6f);
        y -= 7;
    }

    void subheading(String text) throws IOException {
        need(11 + 40);
        y -= 4;
        for (String line : wrap(text, 11, width())) {
            text(MARGIN, y - 11, line, 11, TEXT, true);
            y -= 15;
        }
        y -= 2;
    }

    void paragraph(String text, Color color) throws IOException {
        for (String line : wrap(text, BODY, width())) {
            need(BODY + 4);
            text(MARGIN, y - BODY, line, BODY, color, false);
            y -= BODY + 4;
        }
        y -= 4;
    }

    /** Label and value rows; the labels take about a third of the width. */
    void keyValues(List<String[]> rows) throws IOException {
        table(null, rows, new float[] {0.32f, 0.68f}, true);
    }

    /**
     * A table: {@code header} may be null; widths are fractions of the text width. Cells wrap; a row that does not
     * fit goes to the next page, with the header row repeated there.
     */
    void table(String[] header, List<String[]> rows, float[] widths, boolean labelColumn) throws IOException {
        float[] w = new float[widths.length];
        for (int i = 0; i < widths.length; i++) {
            w[i] = widths[i] * width();
        }
        if (header != null) {
            need(rowHeight(header, w, BODY) * 2 + 4);
            drawRow(header, w, true, false);
        }
        for (String[] row : rows) {
            float h = rowHeight(row, w, BODY);
            if (y - h < bottom()) {
                newPage();
                if (header != null) {
                    drawRow(header, w, true, false);
                }
            }
            drawRow(row, w, false, labelColumn);
        }
        y -= 8;
    }

    private float rowHeight(String[] row, float[] w, float size) throws IOException {
        int lines = 1;
        for (int i = 0; i < row.length; i++) {
            lines = Math.max(lines, wrap(row[i], size, w[i] - 8).size());
        }
        return lines * (size + 3) + 6;
    }

    private void drawRow(String[] row, float[] w, boolean header, boolean labelColumn) throws IOException {
        float h = rowHeight(row, w, BODY);
        if (header) {
            cs.setNonStrokingColor(SHADE);
            cs.addRect(MARGIN, y - h, width(), h);
            cs.fill();
        }
        float x = MARGIN;
        for (int i = 0; i < row.length; i++) {
            float ty = y - 3 - BODY;
            boolean muted = labelColumn && i == 0;
            for (String line : wrap(row[i], BODY, w[i] - 8)) {
                text(x + 4, ty, line, BODY, muted ? MUTED : TEXT, header);
                ty -= BODY + 3;
            }
            x += w[i];
        }
        y -= h;
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.4f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(MARGIN + width(), y);
        cs.stroke();
    }

    /** An image scaled to the text width (or less), kept to its aspect ratio. */
    void image(byte[] png, String name, float maxHeight) throws IOException {
        PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, name);
        float scale = Math.min(width() / image.getWidth(), maxHeight / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        need(h + 8);
        cs.drawImage(image, MARGIN, y - h, w, h);
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.5f);
        cs.addRect(MARGIN, y - h, w, h);
        cs.stroke();
        y -= h + 10;
    }

    private void rule(Color color, float lineWidth) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(lineWidth);
        cs.moveTo(MARGIN, y);
        cs.lineTo(MARGIN + width(), y);
        cs.stroke();
    }

    private void text(float x, float baseline, String text, float size, Color color, boolean bold) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(color);
        if (bold) {
            cs.setStrokingColor(color);
            cs.setLineWidth(size / 30f);
            cs.setRenderingMode(RenderingMode.FILL_STROKE);
        } else {
            cs.setRenderingMode(RenderingMode.FILL);
        }
        cs.newLineAtOffset(x, baseline);
        cs.showText(printable(text));
        cs.endText();
    }

    /** Splits text into lines that fit {@code maxWidth}; words longer than a line are broken. */
    List<String> wrap(String text, float size, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable(text == null ? "" : text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (textWidth(candidate, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (textWidth(rest, size) > maxWidth && rest.length() > 1) {
                    int n = rest.length() - 1;
                    while (n > 1 && textWidth(rest.substring(0, n), size) > maxWidth) {
                        n--;
                    }
                    // Ids break after a hyphen where one is near the end ("der-a320cfd7-" / "2960-…").
                    int hyphen = rest.lastIndexOf('-', n - 1);
                    if (hyphen >= n / 2) {
                        n = hyphen + 1;
                    }
                    lines.add(rest.substring(0, n));
                    rest = rest.substring(n);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    float textWidth(String text, float size) throws IOException {
        return font.getStringWidth(printable(text)) / 1000f * size;
    }

    /** Keeps what the font can draw; anything else (control characters, symbols it lacks) becomes a space or '?'. */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (glyphs.computeIfAbsent(cp, this::drawable)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private boolean drawable(int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Adds "header · page n of m" footers and writes the document. */
    void save(OutputStream out, String footerLeft, IntFunction<String> pageOf) throws IOException {
        cs.close();
        cs = null;
        int n = pages.size();
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream footer = new PDPageContentStream(doc, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                cs = footer;
                cs.setStrokingColor(RULE);
                cs.setLineWidth(0.5f);
                cs.moveTo(MARGIN, MARGIN);
                cs.lineTo(MARGIN + width(), MARGIN);
                cs.stroke();
                text(MARGIN, MARGIN - 12, footerLeft, SMALL, MUTED, false);
                String page = pageOf.apply(i + 1);
                text(MARGIN + width() - textWidth(page, SMALL), MARGIN - 12, page, SMALL, MUTED, false);
            }
        }
        cs = null;
        doc.save(out);
    }

    int pageCount() {
        return pages.size();
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            cs.close();
        }
        doc.close();
    }
}
