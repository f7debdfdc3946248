package com.maeworkbench.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mask generators and drawing primitives. Every random generator is deterministic from its seed, so
 * the CLI and the GUI produce the same mask for the same spec and image size.
 */
public final class MaskShapes {

    private MaskShapes() {
    }

    /**
     * Masks whole {@code size x size} cells of a grid anchored at (0,0), chosen at random until the masked
     * pixel share reaches {@code ratio} (to within one cell).
     */
    public static Mask patches(int width, int height, double ratio, int size, long seed) {
        if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("ratio must be in [0,1], got " + ratio);
        if (size < 1) throw new IllegalArgumentException("patch size must be >= 1, got " + size);
        Mask mask = Mask.empty(width, height);
        int cols = (width + size - 1) / size, rows = (height + size - 1) / size;
        int[] order = shuffled(cols * rows, new Random(seed));
        long target = Math.round(ratio * width * height);
        long covered = 0;
        for (int cell : order) {
            int x0 = (cell % cols) * size, y0 = (cell / cols) * size;
            int area = Math.min(size, width - x0) * Math.min(size, height - y0);
            // Stop at the cell count that lands nearest the target.
            if (covered + area / 2.0 > target) break;
            fillRect(mask, x0, y0, size, size, true);
            covered += area;
        }
        return mask;
    }

    /**
     * Free-form brush strokes in the style of irregular inpainting masks (Liu et al. 2018, Yu et al. 2019):
     * each stroke is a random walk of 4-10 segments drawn with a random width in [minWidth, maxWidth].
     */
    public static Mask strokes(int width, int height, int count, double minWidth, double maxWidth, long seed) {
        if (count < 0) throw new IllegalArgumentException("stroke count must be >= 0, got " + count);
        if (!(minWidth >= 1 && maxWidth >= minWidth)) {
            throw new IllegalArgumentException("stroke widths need 1 <= min <= max, got " + minWidth + ".." + maxWidth);
        }
        Mask mask = Mask.empty(width, height);
        Random rnd = new Random(seed);
        double maxStep = Math.max(4, Math.min(width, height) / 6.0);
        for (int s = 0; s < count; s++) {
            int vertices = 4 + rnd.nextInt(7);
            double radius = (minWidth + rnd.nextDouble() * (maxWidth - minWidth)) / 2;
            List<double[]> points = new ArrayList<>();
            double x = rnd.nextDouble() * width, y = rnd.nextDouble() * height;
            double angle = rnd.nextDouble() * 2 * Math.PI;
            points.add(new double[]{x, y});
            for (int v = 0; v < vertices; v++) {
                angle += (rnd.nextDouble() - 0.5) * Math.PI; // gentle turns, like a hand-drawn stroke
                double step = maxStep * (0.3 + 0.7 * rnd.nextDouble());
                x = clamp(x + Math.cos(angle) * step, 0, width - 1);
                y = clamp(y + Math.sin(angle) * step, 0, height - 1);
                points.add(new double[]{x, y});
            }
            brush(mask, points, radius, true);
        }
        return mask;
    }

    /** Default stroke widths for an image: 2%..6% of its shorter side, at least 3..6 px. */
    public static Mask strokes(int width, int height, int count, long seed) {
        double side = Math.min(width, height);
        double min = Math.max(3, side * 0.02);
        return strokes(width, height, count, min, Math.max(min, Math.max(6, side * 0.06)), seed);
    }

    /**
     * Line dropout: missing detector rows or columns (CT, DR), the dropped field of an interlaced scan.
     * Bands of {@code lineWidth} pixels repeat every {@code every} pixels across the image; with
     * {@code columns} false they are whole rows, else whole columns. The seed draws, from
     * {@code new Random(seed)}, first the phase ({@code nextInt(every)}: coordinate c lies in band
     * {@code (c + phase) / every} when {@code (c + phase) % every < lineWidth}), then one {@code nextDouble()}
     * per band in order: a band is missing when that number is below {@code drop}. So {@code drop = 1}
     * gives a regular pattern at a random phase, {@code every = 1} with {@code drop = 0.1} one dead line in
     * ten at random places. training/masks.py ({@code line_mask}) draws the same masks bit for bit.
     */
    public static Mask lines(int width, int height, boolean columns, int every, int lineWidth, double drop, long seed) {
        if (every < 1) throw new IllegalArgumentException("every must be >= 1, got " + every);
        if (lineWidth < 1 || lineWidth > every) throw new IllegalArgumentException("line width must be in [1, every=" + every + "], got " + lineWidth);
        if (!(drop >= 0 && drop <= 1)) throw new IllegalArgumentException("drop must be in [0,1], got " + drop);
        Mask mask = Mask.empty(width, height);
        Random rnd = new Random(seed);
        int length = columns ? width : height;
        int phase = rnd.nextInt(every);
        int bands = (length - 1 + phase) / every + 1;
        for (int band = 0; band < bands; band++) {
            if (rnd.nextDouble() >= drop) continue;
            int from = Math.max(0, band * every - phase), to = Math.min(length, band * every - phase + lineWidth);
            if (columns) fillRect(mask, from, 0, to - from, height, true);
            else fillRect(mask, 0, from, width, to - from, true);
        }
        return mask;
    }

    public static Mask rect(int width, int height, int x, int y, int w, int h) {
        Mask mask = Mask.empty(width, height);
        fillRect(mask, x, y, w, h, true);
        return mask;
    }

    /** Axis-aligned ellipse inscribed in the rectangle {@code (x, y, w, h)}. */
    public static Mask ellipse(int width, int height, int x, int y, int w, int h) {
        Mask mask = Mask.empty(width, height);
        fillEllipse(mask, x, y, w, h, true);
        return mask;
    }

    /** Sets a clipped rectangle to {@code value}; returns the pixels touched. */
    public static Region fillRect(Mask mask, int x, int y, int w, int h, boolean value) {
        int x0 = Math.max(0, x), y0 = Math.max(0, y);
        int x1 = Math.min(mask.width(), x + w), y1 = Math.min(mask.height(), y + h);
        if (x1 <= x0 || y1 <= y0) return Region.EMPTY;
        boolean[] m = mask.missing();
        for (int yy = y0; yy < y1; yy++) {
            java.util.Arrays.fill(m, yy * mask.width() + x0, yy * mask.width() + x1, value);
        }
        return new Region(x0, y0, x1 - x0, y1 - y0);
    }

    /** Sets the ellipse inscribed in {@code (x, y, w, h)} to {@code value}; returns the pixels touched. */
    public static Region fillEllipse(Mask mask, int x, int y, int w, int h, boolean value) {
        Region box = fillBox(mask, x, y, w, h);
        if (box.isEmpty()) return box;
        double cx = x + w / 2.0, cy = y + h / 2.0, rx = w / 2.0, ry = h / 2.0;
        boolean[] m = mask.missing();
        for (int yy = box.y(); yy < box.bottom(); yy++) {
            double dy = (yy + 0.5 - cy) / ry;
            for (int xx = box.x(); xx < box.right(); xx++) {
                double dx = (xx + 0.5 - cx) / rx;
                if (dx * dx + dy * dy <= 1) m[yy * mask.width() + xx] = value;
            }
        }
        return box;
    }

    /**
     * The brush: paints every pixel whose centre lies within {@code radius} of the polyline through
     * {@code points} (each {x, y} in pixel coordinates). One point paints a disc. Cost is proportional to
     * the painted area, so the UI can call it on every drag event. Returns the bounding box touched.
     */
    public static Region brush(Mask mask, List<double[]> points, double radius, boolean value) {
        Region touched = Region.EMPTY;
        if (points.isEmpty()) return touched;
        double[] prev = points.get(0);
        touched = capsule(mask, prev, prev, radius, value);
        for (int i = 1; i < points.size(); i++) {
            double[] p = points.get(i);
            touched = touched.union(capsule(mask, prev, p, radius, value));
            prev = p;
        }
        return touched;
    }

    private static Region capsule(Mask mask, double[] a, double[] b, double r, boolean value) {
        int x0 = (int) Math.floor(Math.min(a[0], b[0]) - r), y0 = (int) Math.floor(Math.min(a[1], b[1]) - r);
        int x1 = (int) Math.ceil(Math.max(a[0], b[0]) + r), y1 = (int) Math.ceil(Math.max(a[1], b[1]) + r);
        Region box = fillBox(mask, x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        if (box.isEmpty()) return box;
        double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy, r2 = r * r;
        boolean[] m = mask.missing();
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = box.y(); y < box.bottom(); y++) {
            double py = y + 0.5 - a[1];
            for (int x = box.x(); x < box.right(); x++) {
                double px = x + 0.5 - a[0];
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
                double ex = px - t * dx, ey = py - t * dy;
                if (ex * ex + ey * ey <= r2) {
                    m[y * mask.width() + x] = value;
                    if (x < minX) minX = x;
                    if (x > maxX) maxX = x;
                    if (y < minY) minY = y;
                    if (y > maxY) maxY = y;
                }
            }
        }
        return maxX < 0 ? Region.EMPTY : new Region(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static Region fillBox(Mask mask, int x, int y, int w, int h) {
        return new Region(x, y, w, h).grow(0, mask.width(), mask.height());
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
