package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

/**
 * Onion-peel median fill: each pass gives every missing pixel that has a known (or already filled)
 * pixel in its 5x5 window the per-channel median of those pixels, working from the hole borders inward
 * until nothing is missing. Medians keep edges that cross a thin hole instead of smearing them.
 *
 * <p>A pass reads only pixels filled before it, so the result does not depend on scan order. Each pass
 * visits just its frontier and collects the next one from the windows of the pixels it filled, so every
 * pixel is handled once: O(pixels x window) overall.
 */
public final class MedianFill implements RestorationMethod {

    static final int RADIUS = 2;

    @Override
    public String id() {
        return "median";
    }

    @Override
    public String displayName() {
        return "Median (onion peel, 5x5)";
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        int w = image.width(), h = image.height(), n = w * h;
        float[][] out = Fills.copyPlanes(image);
        boolean[] missing = mask.missing();
        boolean[] filled = new boolean[n];
        boolean[] queued = new boolean[n];
        int[] frontier = new int[n], next = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            filled[i] = !missing[i];
        }
        for (int i = 0; i < n; i++) {
            if (missing[i] && hasFilledNeighbour(filled, i % w, i / w, w, h)) {
                queued[i] = true;
                frontier[size++] = i;
            }
        }
        int channels = out.length;
        float[][] values = new float[channels][n]; // this pass's medians, committed after the pass
        int side = 2 * RADIUS + 1;
        int[] window = new int[side * side];
        float[] scratch = new float[side * side];
        while (size > 0) {
            Fills.checkCancelled();
            for (int k = 0; k < size; k++) {
                int i = frontier[k], x = i % w, y = i / w, count = 0;
                for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
                    for (int xx = Math.max(0, x - RADIUS), xe = Math.min(w - 1, x + RADIUS); xx <= xe; xx++) {
                        int j = yy * w + xx;
                        if (filled[j]) window[count++] = j;
                    }
                }
                for (int c = 0; c < channels; c++) {
                    float[] p = out[c];
                    for (int t = 0; t < count; t++) scratch[t] = p[window[t]];
                    values[c][k] = median(scratch, count);
                }
            }
            for (int k = 0; k < size; k++) {
                int i = frontier[k];
                for (int c = 0; c < channels; c++) out[c][i] = values[c][k];
                filled[i] = true;
            }
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                int i = frontier[k], x = i % w, y = i / w;
                for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
                    for (int xx = Math.max(0, x - RADIUS), xe = Math.min(w - 1, x + RADIUS); xx <= xe; xx++) {
                        int j = yy * w + xx;
                        if (!filled[j] && !queued[j]) {
                            queued[j] = true;
                            next[nextSize++] = j;
                        }
                    }
                }
            }
            int[] t = frontier;
            frontier = next;
            next = t;
            size = nextSize;
        }
        return image.withPlanes(out);
    }

    private static boolean hasFilledNeighbour(boolean[] filled, int x, int y, int w, int h) {
        for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
            for (int xx = Math.max(0, x - RADIUS), xe = Math.min(w - 1, x + RADIUS); xx <= xe; xx++) {
                if (filled[yy * w + xx]) return true;
            }
        }
        return false;
    }

    /** Median of {@code a[0..n)}, n >= 1 (mean of the two middle values when n is even); reorders a. */
    static float median(float[] a, int n) {
        int k = n / 2;
        select(a, n, k);
        if ((n & 1) == 1) return a[k];
        float below = a[0]; // after select, a[0..k) <= a[k]: the lower middle is their maximum
        for (int t = 1; t < k; t++) if (a[t] > below) below = a[t];
        return (below + a[k]) * 0.5f;
    }

    /** Wirth's selection: places the k-th smallest of {@code a[0..n)} at index k. */
    private static void select(float[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            float pivot = a[k];
            int i = lo, j = hi;
            do {
                while (a[i] < pivot) i++;
                while (pivot < a[j]) j--;
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) lo = i;
            if (k < i) hi = j;
        }
    }
}
