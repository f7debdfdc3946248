package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.util.Arrays;
import java.util.List;

/**
 * How well an uncertainty map ranks a restoration's real error, per fully masked {@code cell x cell} cell
 * of the grid anchored at (0,0) (the grid of the {@code patches} masks): the cell's real RMSE against the
 * original, the map's prediction (root mean square of its sigma over the cell), and the trivial predictor,
 * the standard deviation of the known pixels within {@code cell} pixels around the cell (mean over
 * channels; the margin doubles until it holds a known pixel). Scores are Spearman's rank correlation with
 * the real RMSE, and the mean real RMSE of the 10% of cells ranked most uncertain over the mean of all.
 */
public record CellScores(double[] real, double[] predicted, double[] trivial) {

    /** Share of cells in the "most uncertain" group of {@link #topRatio}. */
    public static final double TOP_SHARE = 0.10;
    /** The evaluation's cell size: the 16 px cells of the {@code patches:...,size=16} masks. */
    public static final int CELL = 16;

    public CellScores {
        if (real.length != predicted.length || real.length != trivial.length) throw new IllegalArgumentException("score arrays differ in length");
    }

    public static CellScores measure(FloatImage original, FloatImage restored, Mask mask, float[] sigma, int cell) {
        int w = original.width(), h = original.height(), channels = original.channels();
        boolean[] missing = mask.missing();
        int cols = w / cell, rows = h / cell;
        double[] real = new double[cols * rows], predicted = new double[real.length], trivial = new double[real.length];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x0 = c * cell, y0 = r * cell;
                if (!fullyMasked(missing, w, x0, y0, cell)) continue;
                double err = 0, var = 0;
                for (int y = y0; y < y0 + cell; y++) {
                    for (int x = x0; x < x0 + cell; x++) {
                        int i = y * w + x;
                        var += (double) sigma[i] * sigma[i];
                        for (int ch = 0; ch < channels; ch++) {
                            double d = restored.plane(ch)[i] - original.plane(ch)[i];
                            err += d * d;
                        }
                    }
                }
                real[n] = Math.sqrt(err / (cell * cell * channels));
                predicted[n] = Math.sqrt(var / (cell * cell));
                trivial[n] = localStd(original, missing, x0, y0, cell);
                n++;
            }
        }
        return new CellScores(Arrays.copyOf(real, n), Arrays.copyOf(predicted, n), Arrays.copyOf(trivial, n));
    }

    /** All cells of several images as one set (the evaluation pools the pictures' cells). */
    public static CellScores pool(List<CellScores> parts) {
        int n = parts.stream().mapToInt(CellScores::count).sum(), at = 0;
        double[] real = new double[n], predicted = new double[n], trivial = new double[n];
        for (CellScores p : parts) {
            System.arraycopy(p.real, 0, real, at, p.count());
            System.arraycopy(p.predicted, 0, predicted, at, p.count());
            System.arraycopy(p.trivial, 0, trivial, at, p.count());
            at += p.count();
        }
        return new CellScores(real, predicted, trivial);
    }

    public int count() {
        return real.length;
    }

    public double spearman() {
        return spearman(predicted, real);
    }

    public double spearmanTrivial() {
        return spearman(trivial, real);
    }

    public double topRatio() {
        return topRatio(predicted, real, TOP_SHARE);
    }

    public double topRatioTrivial() {
        return topRatio(trivial, real, TOP_SHARE);
    }

    /** Spearman's rho (Pearson on mid-ranks, so ties are fair); NaN for fewer than 3 cells or a constant side. */
    public static double spearman(double[] a, double[] b) {
        if (a.length < 3) return Double.NaN;
        double[] ra = ranks(a), rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0), mb = Arrays.stream(rb).average().orElse(0);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /**
     * Mean of {@code real} over the {@code share} of items with the highest {@code score} (at least one;
     * ties broken by position), over the mean of all; NaN when there are no items or no error.
     */
    public static double topRatio(double[] score, double[] real, double share) {
        int n = score.length;
        if (n == 0) return Double.NaN;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(score[j], score[i]));
        int k = Math.max(1, (int) Math.ceil(share * n));
        double top = 0, all = 0;
        for (int i = 0; i < k; i++) top += real[order[i]];
        for (double v : real) all += v;
        return all == 0 ? Double.NaN : (top / k) / (all / n);
    }

    private static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
            double mid = (i + j) / 2.0;
            for (int k = i; k <= j; k++) rank[order[k]] = mid;
            i = j + 1;
        }
        return rank;
    }

    private static boolean fullyMasked(boolean[] missing, int w, int x0, int y0, int cell) {
        for (int y = y0; y < y0 + cell; y++) {
            for (int x = x0; x < x0 + cell; x++) if (!missing[y * w + x]) return false;
        }
        return true;
    }

    private static double localStd(FloatImage image, boolean[] missing, int x0, int y0, int cell) {
        int w = image.width(), h = image.height();
        for (int margin = cell; ; margin *= 2) {
            int xa = Math.max(0, x0 - margin), xb = Math.min(w, x0 + cell + margin);
            int ya = Math.max(0, y0 - margin), yb = Math.min(h, y0 + cell + margin);
            double sum = 0;
            int known = 0;
            for (int c = 0; c < image.channels(); c++) {
                float[] p = image.plane(c);
                // Two passes, so a flat neighbourhood scores exactly 0 and such cells tie instead of ranking by rounding noise.
                double s = 0;
                int k = 0;
                for (int y = ya; y < yb; y++) {
                    for (int x = xa; x < xb; x++) {
                        if (missing[y * w + x]) continue;
                        s += p[y * w + x];
                        k++;
                    }
                }
                if (k == 0) break;
                double mean = s / k, ss = 0;
                for (int y = ya; y < yb; y++) {
                    for (int x = xa; x < xb; x++) {
                        if (missing[y * w + x]) continue;
                        double d = p[y * w + x] - mean;
                        ss += d * d;
                    }
                }
                sum += Math.sqrt(ss / k);
                known = k;
            }
            if (known > 0) return sum / image.channels();
            if (xa == 0 && ya == 0 && xb == w && yb == h) return 0; // nothing known anywhere
        }
    }
}
