package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/** Contract checks and edge cases shared by the fill methods. */
final class Fills {

    /** Value given to every pixel when the mask leaves no known pixel to infer from: mid-grey. */
    static final float NO_DATA_FILL = 0.5f;

    private Fills() {
    }

    /** Throws if the calling thread was interrupted, so a UI can abandon stale work. Consumes the flag. */
    static void checkCancelled() {
        if (Thread.interrupted()) throw new CancellationException("restoration cancelled");
    }

    /**
     * Validates the arguments and answers the cases that need no method: an empty mask (a copy of the
     * input) and a fully masked image ({@link #NO_DATA_FILL} everywhere). Returns null otherwise.
     */
    static FloatImage trivialResult(FloatImage image, Mask mask) {
        mask.requireSize(image.width(), image.height());
        int count = mask.count();
        if (count == 0) return image.copy();
        if (count < image.pixels()) return null;
        float[][] planes = new float[image.channels()][image.pixels()];
        for (float[] p : planes) Arrays.fill(p, NO_DATA_FILL);
        return image.withPlanes(planes);
    }

    /** Copies of the image's planes, to be written at masked pixels only. */
    static float[][] copyPlanes(FloatImage image) {
        float[][] c = new float[image.channels()][];
        for (int i = 0; i < c.length; i++) c[i] = image.plane(i).clone();
        return c;
    }

    /**
     * Copies of the image's planes with the masked pixels set to 0, for methods that read pixels by position:
     * OpenCV's inpainting (and ours, which follows it) reads one row and column inward on the image's first row
     * and column, which could reach a masked pixel; what lies under the mask is the answer and must not leak.
     */
    static float[][] copyPlanesBlankingMasked(FloatImage image, boolean[] missing) {
        float[][] c = copyPlanes(image);
        for (float[] p : c) for (int i = 0; i < p.length; i++) if (missing[i]) p[i] = 0;
        return c;
    }

    /**
     * Marks the missing pixels that have a known pixel within their {@code (2r+1)^2} window. Separable
     * running counts (rows, then columns): O(pixels) whatever the radius.
     */
    static boolean[] nearKnown(boolean[] missing, int w, int h, int r) {
        int n = w * h;
        boolean[] rowHas = new boolean[n];
        for (int y = 0; y < h; y++) {
            int row = y * w, count = 0;
            for (int x = 0; x < Math.min(r, w); x++) if (!missing[row + x]) count++;
            for (int x = 0; x < w; x++) {
                if (x + r < w && !missing[row + x + r]) count++;
                if (x - r - 1 >= 0 && !missing[row + x - r - 1]) count--;
                rowHas[row + x] = count > 0;
            }
        }
        boolean[] near = new boolean[n];
        int[] count = new int[w];
        for (int y = 0; y < Math.min(r, h); y++) {
            for (int x = 0; x < w; x++) if (rowHas[y * w + x]) count[x]++;
        }
        for (int y = 0; y < h; y++) {
            int add = (y + r) * w, drop = (y - r - 1) * w, row = y * w;
            for (int x = 0; x < w; x++) {
                if (y + r < h && rowHas[add + x]) count[x]++;
                if (y - r - 1 >= 0 && rowHas[drop + x]) count[x]--;
                near[row + x] = missing[row + x] && count[x] > 0;
            }
        }
        return near;
    }
}
