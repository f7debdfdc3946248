package com.maeworkbench.report;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Ranking;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.text.AttributedString;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-page comparison sheet of a {@link MetricsReport}, drawn headless with Java2D for the CLI's
 * {@code restore --sheet} and the app's export alike: the original, the masked input and every method's
 * result, each with PSNR and SSIM in the mask and its rank, under a header that says what was measured
 * (image, mask, window/level, model, workbench version, date) and the disclaimer. Every text is wrapped
 * to the width it has, never cut; {@link Sheet#texts()} lists what was drawn where, line by line.
 */
public final class ComparisonSheet {

    /** Where one line of text was drawn. */
    public record DrawnText(String text, Rectangle2D bounds) {
    }

    /** The rendered sheet and every line of text on it. */
    public record Sheet(BufferedImage image, List<DrawnText> texts) {
        /** The sheet as an 8-bit RGB image for {@code ImageFiles.write}. */
        public FloatImage toFloatImage() {
            int w = image.getWidth(), h = image.getHeight();
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
            for (int i = 0; i < rgb.length; i++) {
                r[i] = ((rgb[i] >> 16) & 0xFF) / 255f;
                g[i] = ((rgb[i] >> 8) & 0xFF) / 255f;
                b[i] = (rgb[i] & 0xFF) / 255f;
            }
            return FloatImage.of(w, h, 8, r, g, b);
        }
    }

    private static final int CELL = 300, GAP = 20, MARGIN = 36, MAX_COLUMNS = 4, MIN_COLUMNS = 3;
    private static final Color INK = new Color(0x1F2328), MUTED = new Color(0x57606A), RULE = new Color(0xD0D7DE),
            STAMP = new Color(0xB3261E), WINNER = new Color(0xD97706), WARN_FILL = new Color(0xFFF4CE), HOLE = new Color(0x3FA7F5);
    private static final String FONT = Font.SANS_SERIF;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ComparisonSheet() {
    }

    /** {@link #draw} as an image to write. */
    public static FloatImage render(MetricsReport report, FloatImage original, Mask mask, DisplayWindow window, List<FloatImage> restored) {
        return draw(report, original, mask, window, restored).toFloatImage();
    }

    /**
     * @param window   the display window the images are shown through (the app's current one, or the image's default)
     * @param restored each result's image, in the order of {@code report.results()}
     */
    public static Sheet draw(MetricsReport report, FloatImage original, Mask mask, DisplayWindow window, List<FloatImage> restored) {
        if (restored.size() != report.results().size()) {
            throw new IllegalArgumentException(restored.size() + " images for " + report.results().size() + " results");
        }
        mask.requireSize(original.width(), original.height());
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell("Original", List.of("the reference for every score"), display(original, window, null), false));
        cells.add(new Cell("Masked input", List.of(String.format(Locale.ROOT, "%,d of %,d pixels hidden (%.1f%%)", report.coverage().masked(),
                report.coverage().pixels(), 100 * report.coverage().maskedFraction())), display(original, window, mask), false));
        Ranking ranking = report.ranking();
        for (int i = 0; i < restored.size(); i++) {
            MetricsReport.Result r = report.results().get(i);
            cells.add(new Cell(r.name(), caption(r, ranking, report.results().size(), report.stale(r)), display(restored.get(i), window, null),
                    r.method().equals(ranking.winner())));
        }
        int columns = columns(cells.size());
        int width = 2 * MARGIN + columns * CELL + (columns - 1) * GAP;
        Layout layout = new Layout(report, ranking, window, original.calibration(), cells, columns, width);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        int height = (int) Math.ceil(layout.run(new Canvas(probe.createGraphics(), false)));
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Canvas canvas = new Canvas(sheet.createGraphics(), true);
        canvas.g.setColor(Color.WHITE);
        canvas.g.fillRect(0, 0, width, height);
        layout.run(canvas);
        canvas.g.dispose();
        return new Sheet(sheet, List.copyOf(canvas.texts));
    }

    /** 3 or 4 columns, whichever leaves fewer empty places in the last row (9 cells: 3 x 3, not 4 + 4 + 1). */
    static int columns(int cells) {
        int emptyOf4 = (MAX_COLUMNS - cells % MAX_COLUMNS) % MAX_COLUMNS, emptyOf3 = (MIN_COLUMNS - cells % MIN_COLUMNS) % MIN_COLUMNS;
        return cells > MIN_COLUMNS && emptyOf4 <= emptyOf3 ? MAX_COLUMNS : MIN_COLUMNS;
    }

    private record Cell(String title, List<String> lines, BufferedImage image, boolean winner) {
    }

    private static List<String> caption(MetricsReport.Result r, Ranking ranking, int methods, boolean stale) {
        Metrics m = r.metrics();
        if (m == null) return List.of("Not measured yet", "Not ranked");
        Ranking.Entry e = ranking.entry(r.method());
        List<String> lines = new ArrayList<>();
        lines.add("PSNR in mask " + ReportText.display(m.psnrMasked(), 2) + " dB · SSIM in mask " + ReportText.display(m.ssim(), 3));
        if (ranking.valid() && e.rank() != Ranking.UNRANKED) {
            String gap = ReportText.gap(e);
            lines.add("Rank " + e.rank() + " of " + methods + (gap.isEmpty() ? "" : " · " + gap));
        } else {
            lines.add(stale ? "Not ranked: measured on an earlier mask" : "Not ranked");
        }
        lines.add(String.format(Locale.ROOT, "%.0f ms", m.millis()));
        return lines;
    }

    /** The header, the grid and the footer; run once to measure (nothing drawn) and once to draw. */
    private record Layout(MetricsReport report, Ranking ranking, DisplayWindow window, Calibration calibration, List<Cell> cells,
                          int columns, int width) {

        float run(Canvas c) {
            float x = MARGIN, w = width - 2 * MARGIN, y = MARGIN;
            String name = report.image().path() == null ? "image" : java.nio.file.Path.of(report.image().path()).getFileName().toString();
            y = c.paragraph("MAE Restoration Workbench — comparison of " + name, font(Font.BOLD, 24), INK, x, y, w, false);
            y = stamp(c, x, y + 12, w);
            y += 14;
            for (String line : facts()) y = c.paragraph(line, font(Font.PLAIN, 14), MUTED, x, y, w, false) + 3;
            if (report.flagged()) y = warning(c, x, y + 10, w);
            y += 18;
            float imageHeight = (float) Math.ceil(CELL * (double) report.image().height() / Math.max(report.image().width(), report.image().height()));
            for (int row = 0; row * columns < cells.size(); row++) {
                float bottom = y;
                for (int col = 0; col < columns && row * columns + col < cells.size(); col++) {
                    bottom = Math.max(bottom, cell(c, cells.get(row * columns + col), x + col * (CELL + GAP), y, imageHeight));
                }
                y = bottom + GAP;
            }
            c.rule(x, y, w);
            y += 12;
            String legend = ranking.valid()
                    ? "Ranks by PSNR in the mask; equal scores share a rank. The orange frame marks rank 1. "
                    : "No ranking: " + ranking.reason() + ". ";
            y = c.paragraph(legend + "PSNR in dB over the masked pixels with peak = the original's dynamic range (max − min); "
                    + "SSIM (Wang et al. 2004, 11×11 Gaussian window) over the masked pixels with L = that range. Times are each method's own run.",
                    font(Font.PLAIN, 12), MUTED, x, y, w, false);
            y = stamp(c, x, y + 12, w);
            return y + MARGIN;
        }

        private List<String> facts() {
            MetricsReport.Image im = report.image();
            SourceInfo s = im.source();
            String source = (s.format().isEmpty() ? "" : s.format() + ", ")
                    + (s.frames() > 1 ? "frame " + (s.frame() + 1) + " of " + s.frames() + ", " : "")
                    + im.width() + "×" + im.height() + ", " + (im.channels() == 1 ? "gray" : "RGB") + ", " + im.bitDepth() + "-bit";
            List<String> lines = new ArrayList<>();
            lines.add("Image: " + (im.path() == null ? "(not from a file)" : im.path()) + " — " + source
                    + (s.transforms().isEmpty() ? "" : "; decoding: " + String.join("; ", s.transforms())));
            lines.add("Mask: " + (report.mask() == null ? "unspecified" : report.mask()) + String.format(Locale.ROOT,
                    " — %.1f%% of the pixels hidden", 100 * report.coverage().maskedFraction()));
            lines.add("Window/level: " + windowText(window, calibration));
            Provenance p = report.provenance();
            lines.add("Model: " + (p.model() == null ? "none (classical methods only)" : p.model().describe() + ", SHA-256 "
                    + p.model().sha256().substring(0, Math.min(16, p.model().sha256().length())) + "…, ONNX Runtime "
                    + p.onnxRuntime() + " on " + p.provider() + (p.gpu().equals("none") ? "" : " (" + p.gpu() + ")")));
            lines.add("MAE Restoration Workbench " + p.app().describe() + " · " + DATE.format(p.date()) + " · " + p.cpu());
            return lines;
        }

        private float stamp(Canvas c, float x, float y, float w) {
            float pad = 10, h = c.paragraph(MetricsReport.DISCLAIMER, font(Font.BOLD, 20), Color.WHITE, x + pad, y + pad, w - 2 * pad, true, false) - y - pad;
            c.box(x, y, w, h + 2 * pad, STAMP, null);
            return c.paragraph(MetricsReport.DISCLAIMER, font(Font.BOLD, 20), Color.WHITE, x + pad, y + pad, w - 2 * pad, true) + pad;
        }

        private float warning(Canvas c, float x, float y, float w) {
            String text = "Metrics flagged: " + report.warning() + ". No method is ranked on this mask.";
            float pad = 10, h = c.paragraph(text, font(Font.BOLD, 15), INK, x + pad, y + pad, w - 2 * pad, false, false) - y - pad;
            c.box(x, y, w, h + 2 * pad, WARN_FILL, WINNER);
            return c.paragraph(text, font(Font.BOLD, 15), INK, x + pad, y + pad, w - 2 * pad, false) + pad;
        }

        private float cell(Canvas c, Cell cell, float x, float y, float imageHeight) {
            float iw = CELL * (float) cell.image.getWidth() / Math.max(cell.image.getWidth(), cell.image.getHeight());
            c.image(cell.image, x + (CELL - iw) / 2, y, iw, imageHeight, cell.winner ? WINNER : RULE, cell.winner ? 4 : 1);
            float ty = c.paragraph(cell.title + (cell.winner ? "  ★" : ""), font(Font.BOLD, 15), cell.winner ? WINNER.darker() : INK,
                    x, y + imageHeight + 8, CELL, false);
            for (String line : cell.lines) ty = c.paragraph(line, font(Font.PLAIN, 13), MUTED, x, ty + 2, CELL, false);
            return ty;
        }
    }

    /** e.g. {@code W 400 / L 40 HU (shows −160 to 240 HU)}, in the source's raw units. */
    static String windowText(DisplayWindow window, Calibration cal) {
        double low = cal.toRaw(window.low()), high = cal.toRaw(window.high());
        String unit = cal.unit().isEmpty() ? "" : " " + cal.unit();
        return "W " + raw(high - low) + " / L " + raw((low + high) / 2) + unit + " (shows " + raw(low) + " to " + raw(high) + unit + ")";
    }

    private static String raw(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-6) return String.valueOf((long) Math.rint(v));
        String s = String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
        return s.replaceAll("\\.?0+$", "");
    }

    private static Font font(int style, int size) {
        return new Font(FONT, style, size);
    }

    /** An image through a display window; with a mask, its hidden pixels tinted as the app's overlay shows them. */
    static BufferedImage display(FloatImage img, DisplayWindow window, Mask mask) {
        int w = img.width(), h = img.height();
        int[] rgb = new int[w * h];
        double lo = window.low(), scale = 255 / window.width();
        for (int i = 0; i < rgb.length; i++) {
            int r = level(img.plane(0)[i], lo, scale), g = r, b = r;
            if (img.channels() == 3) {
                g = level(img.plane(1)[i], lo, scale);
                b = level(img.plane(2)[i], lo, scale);
            }
            if (mask != null && mask.missing()[i]) {
                r = (r + 3 * HOLE.getRed()) / 4;
                g = (g + 3 * HOLE.getGreen()) / 4;
                b = (b + 3 * HOLE.getBlue()) / 4;
            }
            rgb[i] = r << 16 | g << 8 | b;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    private static int level(float v, double lo, double scale) {
        long x = Math.round((v - lo) * scale);
        return (int) Math.max(0, Math.min(255, x));
    }

    /** Draws (or, when measuring, only lays out) wrapped text, boxes and images, and remembers every line of text. */
    private static final class Canvas {
        final Graphics2D g;
        final boolean drawing;
        final List<DrawnText> texts = new ArrayList<>();

        Canvas(Graphics2D g, boolean drawing) {
            this.g = g;
            this.drawing = drawing;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        }

        float paragraph(String text, Font font, Color color, float x, float y, float width, boolean centred) {
            return paragraph(text, font, color, x, y, width, centred, drawing);
        }

        /** Wraps {@code text} into lines of at most {@code width} (breaking inside a word only when it alone is wider); returns the y below it. */
        float paragraph(String text, Font font, Color color, float x, float y, float width, boolean centred, boolean draw) {
            if (text.isEmpty()) return y;
            AttributedString styled = new AttributedString(text);
            styled.addAttribute(TextAttribute.FONT, font);
            LineBreakMeasurer lines = new LineBreakMeasurer(styled.getIterator(), g.getFontRenderContext());
            while (lines.getPosition() < text.length()) {
                int start = lines.getPosition();
                TextLayout line = lines.nextLayout(width);
                float advance = line.getVisibleAdvance(), lx = centred ? x + (width - advance) / 2 : x;
                y += line.getAscent();
                if (draw) {
                    g.setColor(color);
                    line.draw(g, lx, y);
                    texts.add(new DrawnText(text.substring(start, lines.getPosition()).strip(),
                            new Rectangle2D.Float(lx, y - line.getAscent(), advance, line.getAscent() + line.getDescent())));
                }
                y += line.getDescent() + line.getLeading();
            }
            return y;
        }

        void box(float x, float y, float w, float h, Color fill, Color border) {
            if (!drawing) return;
            RoundRectangle2D shape = new RoundRectangle2D.Float(x, y, w, h, 10, 10);
            g.setColor(fill);
            g.fill(shape);
            if (border != null) {
                g.setColor(border);
                g.setStroke(new BasicStroke(1.5f));
                g.draw(shape);
            }
        }

        void rule(float x, float y, float w) {
            if (!drawing) return;
            g.setColor(RULE);
            g.setStroke(new BasicStroke(1));
            g.drawLine(Math.round(x), Math.round(y), Math.round(x + w), Math.round(y));
        }

        /** Scaled to the box: bilinear when shrinking, nearest neighbour when enlarging (pixels stay visible, none invented). */
        void image(BufferedImage img, float x, float y, float w, float h, Color frame, float frameWidth) {
            if (!drawing) return;
            boolean shrink = w < img.getWidth();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, shrink ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                    : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(img, Math.round(x), Math.round(y), Math.round(w), Math.round(h), null);
            g.setColor(frame);
            g.setStroke(new BasicStroke(frameWidth));
            float half = frameWidth / 2;
            g.draw(new Rectangle2D.Float(x - half, y - half, w + frameWidth, h + frameWidth));
        }
    }
}
