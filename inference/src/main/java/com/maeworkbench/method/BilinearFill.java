package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskGeometry;
import com.maeworkbench.mask.Region;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * Fills each missing pixel from the nearest known pixels to its left, right, above and below: linear
 * interpolation along the row and along the column, the two blended with weight 1/span (a short gap is
 * more trustworthy than a long one). Linear ramps are reproduced exactly (to float rounding).
 *
 * <p>An axis with a known pixel on one side only extrapolates that value as a constant; its span is
 * taken as twice the distance to that pixel, i.e. weighted like the midpoint of a gap of that size,
 * so a near one-sided neighbour still counts but a two-sided gap of equal reach is preferred.
 *
 * <p>O(pixels): one downward and one upward sweep find the column neighbours, one row scan does the rest.
 * A pixel with no known pixel in its row or column is filled in a second round that also uses the first
 * round's values; any known pixel fills its whole row and column in round one, so two rounds suffice.
 */
public final class BilinearFill implements RestorationMethod {

    @Override
    public String id() {
        return "bilinear";
    }

    @Override
    public String displayName() {
        return "Bilinear (row/column)";
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        float[][] out = Fills.copyPlanes(image);
        boolean[] todo = mask.missing().clone();
        for (int round = 0; round < 2 && fillRound(out, todo, image.width(), image.height()); round++) {
            Fills.checkCancelled();
        }
        return image.withPlanes(out);
    }

    /** How far a filled pixel looks: to the nearest known pixel left, right, above and below, at most one run away. */
    static final ToIntFunction<MaskGeometry> REACH = g -> g.maxRun() + 2;

    /** Exact region update within {@link #REACH}. */
    @Override
    public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        return RegionUpdate.restore(this, REACH, image, mask, dirty, previous);
    }

    /**
     * Fills the {@code todo} pixels that have a non-todo pixel in their row or column, clearing their
     * flags afterwards. Returns whether any pixel is left.
     */
    static boolean fillRound(float[][] planes, boolean[] todo, int w, int h) {
        int n = w * h;
        int[] up = new int[n], down = new int[n]; // row of the nearest usable pixel above / below, -1 if none
        int[] last = new int[w];
        Arrays.fill(last, -1);
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                if (todo[i]) up[i] = last[x];
                else last[x] = y;
            }
        }
        Arrays.fill(last, -1);
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1, i = y * w + x; x >= 0; x--, i--) {
                if (todo[i]) down[i] = last[x];
                else last[x] = y;
            }
        }
        boolean[] next = new boolean[n];
        boolean left = false;
        double[] c = new double[4]; // coefficients of the left, right, up and down neighbours
        for (int y = 0; y < h; y++) {
            if ((y & 63) == 0) Fills.checkCancelled();
            int row = y * w;
            int x = 0;
            while (x < w) {
                if (!todo[row + x]) {
                    x++;
                    continue;
                }
                int l = x - 1;
                while (x < w && todo[row + x]) x++;
                int r = x < w ? x : -1; // run is (l, x); l or r is -1 where the row has no known pixel
                for (int xx = l + 1; xx < x; xx++) {
                    int i = row + xx;
                    double rowWeight = axisCoefficients(l, r, xx, c, 0);
                    double colWeight = axisCoefficients(up[i], down[i], y, c, 2);
                    double total = rowWeight + colWeight;
                    if (total == 0) {
                        next[i] = true;
                        left = true;
                        continue;
                    }
                    double fl = c[0] * rowWeight / total, fr = c[1] * rowWeight / total;
                    double fu = c[2] * colWeight / total, fd = c[3] * colWeight / total;
                    int il = row + Math.max(l, 0), ir = row + Math.max(r, 0);
                    int iu = Math.max(up[i], 0) * w + xx, id = Math.max(down[i], 0) * w + xx;
                    for (float[] p : planes) {
                        p[i] = (float) (fl * p[il] + fr * p[ir] + fu * p[iu] + fd * p[id]);
                    }
                }
            }
        }
        System.arraycopy(next, 0, todo, 0, n);
        return left;
    }

    /**
     * Interpolation coefficients at position {@code t} between known positions {@code a < t < b}
     * (-1 = absent) written to {@code c[at]} and {@code c[at + 1]}; returns the axis weight 1/span.
     */
    private static double axisCoefficients(int a, int b, int t, double[] c, int at) {
        if (a >= 0 && b >= 0) {
            double span = b - a;
            c[at] = (b - t) / span;
            c[at + 1] = (t - a) / span;
            return 1 / span;
        }
        c[at] = a >= 0 ? 1 : 0;
        c[at + 1] = b >= 0 ? 1 : 0;
        if (a >= 0) return 1.0 / (2 * (t - a));
        if (b >= 0) return 1.0 / (2 * (b - t));
        return 0;
    }
}
