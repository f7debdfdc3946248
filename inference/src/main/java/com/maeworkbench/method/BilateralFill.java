package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

/**
 * Edge-aware fill: starts from the {@link GaussianFill} estimate, then replaces each missing pixel near
 * known data by a bilateral mean of the known pixels in its 7x7 window, weighted by distance (sigma 2 px)
 * and by colour similarity to the pixel's current estimate (sigma 0.1, on the RMS difference over
 * channels, so all channels share one weight and edges stay aligned). Repeated twice so the range term
 * follows the sharper estimate. Pixels with no known pixel in the window keep the Gaussian estimate.
 *
 * <p>O(holes x window) per iteration on top of the Gaussian fill; the range weight comes from a table.
 */
public final class BilateralFill implements RestorationMethod {

    static final int RADIUS = 3;
    static final double SIGMA_SPACE = 2.0;
    static final double SIGMA_RANGE = 0.1;
    static final int ITERATIONS = 2;
    /** Mean squared differences at or beyond this get range weight 0 (exp(-12.5) there). */
    private static final float MAX_D2 = (float) (25 * SIGMA_RANGE * SIGMA_RANGE);
    private static final int TABLE_SIZE = 4096;
    private static final float[] RANGE_WEIGHT = rangeTable();

    @Override
    public String id() {
        return "bilateral";
    }

    @Override
    public String displayName() {
        return "Bilateral (edge-aware)";
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        int w = image.width(), h = image.height(), n = w * h, channels = image.channels();
        boolean[] missing = mask.missing();
        float[][] src = image.planes();
        float[][] est = GaussianFill.fill(src, missing, w, h);

        int side = 2 * RADIUS + 1;
        float[] spatial = new float[side * side];
        for (int dy = -RADIUS; dy <= RADIUS; dy++) {
            for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                spatial[(dy + RADIUS) * side + dx + RADIUS] = (float) Math.exp(-(dx * dx + dy * dy) / (2 * SIGMA_SPACE * SIGMA_SPACE));
            }
        }
        int[] band = new int[n];
        int bandSize = 0;
        boolean[] near = Fills.nearKnown(missing, w, h, RADIUS);
        for (int i = 0; i < n; i++) if (near[i]) band[bandSize++] = i;

        // Gray runs through the RGB loop with its plane thrice: the mean squared difference is unchanged.
        float[] s0 = src[0], s1 = src[channels == 3 ? 1 : 0], s2 = src[channels == 3 ? 2 : 0];
        float[] e0 = est[0], e1 = est[channels == 3 ? 1 : 0], e2 = est[channels == 3 ? 2 : 0];
        float[][] next = new float[3][bandSize];
        float scale = (TABLE_SIZE - 1) / MAX_D2 / 3;
        for (int iter = 0; iter < ITERATIONS; iter++) {
            for (int k = 0; k < bandSize; k++) {
                if ((k & 0xfff) == 0) Fills.checkCancelled(); // every 65536: a stale run on a 24 MP photo took 0.53 s to stop
                int i = band[k], y = i / w, x = i - y * w;
                float r0 = e0[i], r1 = e1[i], r2 = e2[i];
                float total = 0, sum0 = 0, sum1 = 0, sum2 = 0;
                int x0 = Math.max(0, x - RADIUS), x1 = Math.min(w - 1, x + RADIUS);
                for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
                    int srow = (yy - y + RADIUS) * side + RADIUS - x;
                    for (int xx = x0, j = yy * w + x0; xx <= x1; xx++, j++) {
                        if (missing[j]) continue;
                        float v0 = s0[j], v1 = s1[j], v2 = s2[j];
                        float d0 = v0 - r0, d1 = v1 - r1, d2 = v2 - r2;
                        int bin = Math.min((int) ((d0 * d0 + d1 * d1 + d2 * d2) * scale), TABLE_SIZE - 1);
                        float weight = spatial[srow + xx] * RANGE_WEIGHT[bin];
                        total += weight;
                        sum0 += weight * v0;
                        sum1 += weight * v1;
                        sum2 += weight * v2;
                    }
                }
                boolean any = total > 0;
                next[0][k] = any ? sum0 / total : r0;
                next[1][k] = any ? sum1 / total : r1;
                next[2][k] = any ? sum2 / total : r2;
            }
            for (int k = 0; k < bandSize; k++) {
                int i = band[k];
                e0[i] = next[0][k];
                e1[i] = next[1][k];
                e2[i] = next[2][k];
            }
        }
        return image.withPlanes(est);
    }

    private static float[] rangeTable() {
        float[] t = new float[TABLE_SIZE];
        for (int k = 0; k < TABLE_SIZE - 1; k++) {
            double d2 = (k + 0.5) * MAX_D2 / (TABLE_SIZE - 1);
            t[k] = (float) Math.exp(-d2 / (2 * SIGMA_RANGE * SIGMA_RANGE));
        }
        // the last entry stays 0: every difference beyond MAX_D2 is clamped onto it
        return t;
    }
}
