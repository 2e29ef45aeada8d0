import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the app icon (a white lightning bolt on a rounded square in the Zap accent #f5a000) and writes it as
 * icon.png (512), icon-256.png, icon.ico (16..256, PNG entries) and icon.icns (ic07..ic10, PNG entries), and the
 * window icons the app puts on its Stage, icon-16/32/64/256.png, into its class path
 * ({@code src/main/resources/com/sourceful/commissioner/ui/app/icons/}, or the second argument).
 * Reproducible: no fonts, no randomness. Run from the repository root:
 * {@code java -Djava.awt.headless=true assets/MakeIcons.java}
 */
public class MakeIcons {
    private static final Color ACCENT = new Color(0xf5, 0xa0, 0x00);
    private static final Color ACCENT_LIGHT = new Color(0xff, 0xbe, 0x33);
    private static final Color ACCENT_DARK = new Color(0xd9, 0x82, 0x00);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(dir);
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
            png.put(size, encode(draw(size)));
        }
        Files.write(dir.resolve("icon.png"), png.get(512));
        Files.write(dir.resolve("icon-256.png"), png.get(256));
        Files.write(dir.resolve("icon.ico"), ico(png, 16, 24, 32, 48, 64, 128, 256));
        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("ic07", png.get(128));
        icns.put("ic08", png.get(256));
        icns.put("ic09", png.get(512));
        icns.put("ic10", png.get(1024));
        Files.write(dir.resolve("icon.icns"), icns(icns));
        System.out.println("wrote icon.png, icon-256.png, icon.ico, icon.icns to " + dir.toAbsolutePath());
        Path windowIcons = Path.of(args.length > 1 ? args[1] : "src/main/resources/com/sourceful/commissioner/ui/app/icons");
        Files.createDirectories(windowIcons);
        for (int size : new int[] {16, 32, 64, 256}) {
            Files.write(windowIcons.resolve("icon-" + size + ".png"), png.get(size));
        }
        System.out.println("wrote icon-16/32/64/256.png to " + windowIcons.toAbsolutePath());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = size / 512.0;
        // Rounded square with a small margin (as platform icon grids expect), a soft top-to-bottom gradient.
        double m = 32 * s;
        RoundRectangle2D square = new RoundRectangle2D.Double(m, m, size - 2 * m, size - 2 * m, 180 * s, 180 * s);
        g.setPaint(new GradientPaint(0, (float) m, ACCENT_LIGHT, 0, (float) (size - m), ACCENT_DARK));
        g.fill(square);
        // Lightning bolt, drawn on a 512 grid.
        double[][] pts = {{292, 84}, {140, 290}, {242, 290}, {212, 428}, {372, 206}, {268, 206}, {310, 84}};
        Path2D bolt = new Path2D.Double();
        bolt.moveTo(pts[0][0] * s, pts[0][1] * s);
        for (int i = 1; i < pts.length; i++) {
            bolt.lineTo(pts[i][0] * s, pts[i][1] * s);
        }
        bolt.closePath();
        // A faint shadow below the bolt, then the bolt in white, stroked too so it stays bold at 16 px.
        g.translate(0, 10 * s);
        g.setColor(new Color(0, 0, 0, 50));
        g.fill(bolt);
        g.translate(0, -10 * s);
        g.setColor(Color.WHITE);
        g.fill(bolt);
        g.setStroke(new BasicStroke((float) Math.max(0.5, 6 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(bolt);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO container: ICONDIR + ICONDIRENTRY per size, each image a PNG (allowed since Windows Vista). */
    static byte[] ico(Map<Integer, byte[]> png, int... sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.u16(0);
        out.u16(1); // type: icon
        out.u16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            byte[] data = png.get(size);
            out.u8(size >= 256 ? 0 : size); // 0 means 256
            out.u8(size >= 256 ? 0 : size);
            out.u8(0); // palette
            out.u8(0); // reserved
            out.u16(1); // colour planes
            out.u16(32); // bits per pixel
            out.u32(data.length);
            out.u32(offset);
            offset += data.length;
        }
        for (int size : sizes) {
            bytes.write(png.get(size));
        }
        return bytes.toByteArray();
    }

    /** ICNS container: 'icns' + big-endian total length, then per entry a 4-char type + length (incl. header) + PNG. */
    static byte[] icns(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            out.writeBytes(e.getKey());
            out.writeInt(8 + e.getValue().length);
            out.write(e.getValue());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(file);
        head.writeBytes("icns");
        head.writeInt(8 + body.size());
        body.writeTo(file);
        return file.toByteArray();
    }

    private record LittleEndian(ByteArrayOutputStream out) {
        void u8(int v) {
            out.write(v & 0xff);
        }

        void u16(int v) {
            u8(v);
            u8(v >>> 8);
        }

        void u32(int v) {
            u16(v);
            u16(v >>> 16);
        }
    }
}
