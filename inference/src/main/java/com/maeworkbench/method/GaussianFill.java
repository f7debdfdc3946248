package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

/**
 * Normalised convolution: each missing pixel becomes the Gaussian-weighted mean of the known pixels
 * around it, {@code blur(value * known) / blur(known)}. Sigma starts at 1.5 and doubles until every hole
 * has known pixels within its window (3 sigma); a pixel keeps the estimate from the smallest sigma that
 * reached it, so hole borders stay sharp and only deep interiors get the wide, smooth estimates.
 *
 * <p>Both separable passes are evaluated only where needed: the vertical pass at the remaining holes, the
 * horizontal pass at pixels within the kernel radius above or below them. That is O(holes x window) per
 * sigma, and the holes left shrink as the window grows.
 */
public final class GaussianFill implements RestorationMethod {

    static final double FIRST_SIGMA = 1.5;
    /** Kernel weight (of a unit-sum kernel) below which a pixel counts as not reached yet. */
    private static final float MIN_WEIGHT = 1e-12f;

    @Override
    public String id() {
        return "gaussian";
    }

    @Override
    public String displayName() {
        return "Gaussian (normalised convolution)";
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        return image.withPlanes(fill(image.planes(), mask.missing(), image.width(), image.height()));
    }

    /** New planes with the missing pixels filled; needs at least one known pixel. */
    static float[][] fill(float[][] planes, boolean[] missing, int w, int h) {
        int n = w * h, channels = planes.length;
        float[][] out = new float[channels][];
        float[][] weighted = new float[channels + 1][n]; // value * known per channel, then known itself
        for (int c = 0; c < channels; c++) {
            out[c] = planes[c].clone();
            for (int i = 0; i < n; i++) if (!missing[i]) weighted[c][i] = planes[c][i];
        }
        for (int i = 0; i < n; i++) weighted[channels][i] = missing[i] ? 0 : 1;

        int[] holes = new int[n];
        int holeCount = 0;
        for (int i = 0; i < n; i++) if (missing[i]) holes[holeCount++] = i;
        float[][] horizontal = new float[channels + 1][n];
        int[] stamp = new int[n]; // level at which a pixel's horizontal sums were last computed
        int[] needed = new int[n];
        int level = 0;
        for (double sigma = FIRST_SIGMA; holeCount > 0; sigma *= 2) {
            if (sigma > 4.0 * Math.max(w, h)) throw new IllegalStateException("no known pixel to fill from");
            level++;
            int radius = (int) Math.ceil(3 * sigma);
            float[] kernel = kernel(sigma, radius);
            int neededCount = 0;
            for (int k = 0; k < holeCount; k++) {
                int i = holes[k], x = i % w, y = i / w;
                for (int yy = Math.max(0, y - radius), end = Math.min(h - 1, y + radius); yy <= end; yy++) {
                    int j = yy * w + x;
                    if (stamp[j] != level) {
                        stamp[j] = level;
                        needed[neededCount++] = j;
                    }
                }
            }
            Fills.checkCancelled();
            for (int k = 0; k < neededCount; k++) {
                int i = needed[k], x = i % w;
                int from = Math.max(-radius, -x), to = Math.min(radius, w - 1 - x);
                for (int c = 0; c <= channels; c++) {
                    float[] src = weighted[c];
                    float sum = 0;
                    for (int t = from; t <= to; t++) sum += kernel[t + radius] * src[i + t];
                    horizontal[c][i] = sum;
                }
                if ((k & 0xffff) == 0) Fills.checkCancelled();
            }
            int left = 0;
            for (int k = 0; k < holeCount; k++) {
                int i = holes[k], y = i / w;
                int from = Math.max(-radius, -y), to = Math.min(radius, h - 1 - y);
                float weight = dotColumn(kernel, radius, horizontal[channels], i, w, from, to);
                if (weight <= MIN_WEIGHT) {
                    holes[left++] = i;
                    continue;
                }
                for (int c = 0; c < channels; c++) out[c][i] = dotColumn(kernel, radius, horizontal[c], i, w, from, to) / weight;
            }
            holeCount = left;
        }
        return out;
    }

    private static float dotColumn(float[] kernel, int radius, float[] src, int i, int w, int from, int to) {
        float sum = 0;
        for (int t = from, j = i + from * w; t <= to; t++, j += w) sum += kernel[t + radius] * src[j];
        return sum;
    }

    /** Unit-sum Gaussian taps for offsets -radius..radius. */
    static float[] kernel(double sigma, int radius) {
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int t = -radius; t <= radius; t++) sum += Math.exp(-t * t / (2 * sigma * sigma));
        for (int t = -radius; t <= radius; t++) k[t + radius] = (float) (Math.exp(-t * t / (2 * sigma * sigma)) / sum);
        return k;
    }
}
