package com.maeworkbench.app.service;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;

import java.util.ArrayDeque;

/**
 * Recomputes a classical method only around a mask edit: crop, restore the crop, paste back.
 * <p>
 * Valid for methods whose fill of a hole depends only on that hole (its 8-connected component) and on
 * pixels within {@code radius} of it. The recomputed area is the edit grown by the radius plus every hole
 * reaching into it; the crop adds another radius of context, so pasted pixels never saw the crop border.
 * When that area grows past half the image a full run is as cheap, and {@link #restore} does that.
 */
public final class RegionRestore {

    private RegionRestore() {
    }

    /** A result and whether it came from a region rather than the whole image. */
    public record Outcome(FloatImage image, boolean region) {
    }

    public static Outcome restore(RestorationMethod method, int radius, FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        if (previous == null || dirty.isEmpty()) return new Outcome(method.restore(image, mask), false);
        Region work = affected(mask, dirty, radius);
        if (work == null) return new Outcome(method.restore(image, mask), false);
        Region crop = work.grow(radius, image.width(), image.height());
        FloatImage restoredCrop = method.restore(crop(image, crop), crop(mask, crop));
        return new Outcome(paste(previous, image, restoredCrop, crop, work), true);
    }

    /**
     * The rectangle whose pixels may change: {@code dirty} grown by {@code radius}, with the bounding box of
     * every hole touching it; null when that covers more than half the image.
     */
    static Region affected(Mask mask, Region dirty, int radius) {
        int w = mask.width(), h = mask.height();
        long limit = (long) w * h / 2;
        Region seedArea = dirty.grow(radius, w, h);
        boolean[] m = mask.missing();
        boolean[] seen = new boolean[m.length];
        int x0 = seedArea.x(), y0 = seedArea.y(), x1 = seedArea.right() - 1, y1 = seedArea.bottom() - 1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int y = seedArea.y(); y < seedArea.bottom(); y++) {
            for (int x = seedArea.x(); x < seedArea.right(); x++) {
                int i = y * w + x;
                if (!m[i] || seen[i]) continue;
                seen[i] = true;
                queue.add(i);
                while (!queue.isEmpty()) {
                    int p = queue.poll();
                    int px = p % w, py = p / w;
                    if (px < x0) x0 = px;
                    if (px > x1) x1 = px;
                    if (py < y0) y0 = py;
                    if (py > y1) y1 = py;
                    if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) > limit) return null;
                    for (int dy = -1; dy <= 1; dy++) {
                        int ny = py + dy;
                        if (ny < 0 || ny >= h) continue;
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = px + dx;
                            if (nx < 0 || nx >= w) continue;
                            int n = ny * w + nx;
                            if (m[n] && !seen[n]) {
                                seen[n] = true;
                                queue.add(n);
                            }
                        }
                    }
                }
            }
        }
        Region r = new Region(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        return (long) r.width() * r.height() > limit ? null : r;
    }

    static FloatImage crop(FloatImage image, Region r) {
        float[][] planes = new float[image.channels()][r.width() * r.height()];
        for (int c = 0; c < planes.length; c++) {
            float[] src = image.plane(c);
            for (int y = 0; y < r.height(); y++) {
                System.arraycopy(src, (r.y() + y) * image.width() + r.x(), planes[c], y * r.width(), r.width());
            }
        }
        return new FloatImage(r.width(), r.height(), planes, image.bitDepth(), image.window(), image.calibration(), image.alphaDropped());
    }

    static Mask crop(Mask mask, Region r) {
        boolean[] out = new boolean[r.width() * r.height()];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(mask.missing(), (r.y() + y) * mask.width() + r.x(), out, y * r.width(), r.width());
        }
        return new Mask(r.width(), r.height(), out);
    }

    /**
     * The previous result with {@code work} replaced: restored pixels from the crop, and the original where
     * the mask no longer covers (so erased strokes show the image again).
     */
    private static FloatImage paste(FloatImage previous, FloatImage original, FloatImage restoredCrop, Region crop, Region work) {
        FloatImage out = previous.copy();
        int w = original.width();
        for (int c = 0; c < out.channels(); c++) {
            float[] dst = out.plane(c), src = restoredCrop.plane(c);
            for (int y = work.y(); y < work.bottom(); y++) {
                System.arraycopy(src, (y - crop.y()) * crop.width() + (work.x() - crop.x()), dst, y * w + work.x(), work.width());
            }
        }
        return out;
    }
}
