package com.maeworkbench.mask;

import java.util.Arrays;

/**
 * Sizes of the holes in a mask that bound how far a hole-filling method looks: the deepest masked pixel
 * (8-connected path length to the nearest known pixel, never less than the Euclidean or Chebyshev
 * distance) and the longest horizontal or vertical run of masked pixels.
 */
public record MaskGeometry(double maxDepth, int maxRun) {

    /**
     * Geometry of {@code mask} with all of {@code edited} counted as missing. When {@code edited} bounds
     * every pixel an edit changed, this mask holds both the mask before the edit and after it, so the
     * geometry bounds both (depths and runs only grow as pixels are added).
     */
    public static MaskGeometry withEdited(Mask mask, Region edited) {
        int w = mask.width();
        boolean[] m = mask.missing().clone();
        for (int y = edited.y(); y < edited.bottom(); y++) Arrays.fill(m, y * w + edited.x(), y * w + edited.right(), true);
        return of(m, w, mask.height());
    }

    private static MaskGeometry of(boolean[] m, int w, int h) {
        final float inf = 1e9f, diag = (float) Math.sqrt(2);
        float[] d = new float[m.length];
        int maxRun = 0;
        for (int yy = 0; yy < h; yy++) {
            int run = 0;
            for (int xx = 0; xx < w; xx++) {
                int i = yy * w + xx;
                run = m[i] ? run + 1 : 0;
                if (run > maxRun) maxRun = run;
                if (!m[i]) {
                    d[i] = 0;
                    continue;
                }
                float v = inf;
                if (xx > 0) v = Math.min(v, d[i - 1] + 1);
                if (yy > 0) {
                    v = Math.min(v, d[i - w] + 1);
                    if (xx > 0) v = Math.min(v, d[i - w - 1] + diag);
                    if (xx < w - 1) v = Math.min(v, d[i - w + 1] + diag);
                }
                d[i] = v;
            }
        }
        for (int xx = 0; xx < w; xx++) {
            int run = 0;
            for (int yy = 0; yy < h; yy++) {
                run = m[yy * w + xx] ? run + 1 : 0;
                if (run > maxRun) maxRun = run;
            }
        }
        float max = 0;
        for (int yy = h - 1; yy >= 0; yy--) {
            for (int xx = w - 1; xx >= 0; xx--) {
                int i = yy * w + xx;
                if (!m[i]) continue;
                float v = d[i];
                if (xx < w - 1) v = Math.min(v, d[i + 1] + 1);
                if (yy < h - 1) {
                    v = Math.min(v, d[i + w] + 1);
                    if (xx < w - 1) v = Math.min(v, d[i + w + 1] + diag);
                    if (xx > 0) v = Math.min(v, d[i + w - 1] + diag);
                }
                d[i] = v;
                if (v > max) max = v;
            }
        }
        return new MaskGeometry(max >= inf ? Double.POSITIVE_INFINITY : max, maxRun);
    }
}
