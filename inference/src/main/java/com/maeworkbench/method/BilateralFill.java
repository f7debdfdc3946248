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
    /** Squared RMS differences beyond this get range weight 0 (exp(-12.5) there). */
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
        for (int i = 0; i < n; i++) if (missing[i] && hasKnownNeighbour(missing, i % w, i / w, w, h)) band[bandSize++] = i;

        float[][] next = new float[channels][bandSize];
        float[] ref = new float[channels], sum = new float[channels];
        float scale = (TABLE_SIZE - 1) / MAX_D2, invChannels = 1f / channels;
        for (int iter = 0; iter < ITERATIONS; iter++) {
            Fills.checkCancelled();
            for (int k = 0; k < bandSize; k++) {
                int i = band[k], x = i % w, y = i / w;
                for (int c = 0; c < channels; c++) {
                    ref[c] = est[c][i];
                    sum[c] = 0;
                }
                float total = 0;
                int x0 = Math.max(0, x - RADIUS), x1 = Math.min(w - 1, x + RADIUS);
                for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
                    int srow = (yy - y + RADIUS) * side + RADIUS - x;
                    for (int xx = x0, j = yy * w + x0; xx <= x1; xx++, j++) {
                        if (missing[j]) continue;
                        float d2 = 0;
                        for (int c = 0; c < channels; c++) {
                            float d = src[c][j] - ref[c];
                            d2 += d * d;
                        }
                        d2 *= invChannels;
                        if (d2 >= MAX_D2) continue;
                        float weight = spatial[srow + xx] * RANGE_WEIGHT[(int) (d2 * scale)];
                        total += weight;
                        for (int c = 0; c < channels; c++) sum[c] += weight * src[c][j];
                    }
                }
                for (int c = 0; c < channels; c++) next[c][k] = total > 0 ? sum[c] / total : ref[c];
            }
            for (int k = 0; k < bandSize; k++) {
                for (int c = 0; c < channels; c++) est[c][band[k]] = next[c][k];
            }
        }
        return image.withPlanes(est);
    }

    private static boolean hasKnownNeighbour(boolean[] missing, int x, int y, int w, int h) {
        for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
            for (int xx = Math.max(0, x - RADIUS), xe = Math.min(w - 1, x + RADIUS); xx <= xe; xx++) {
                if (!missing[yy * w + xx]) return true;
            }
        }
        return false;
    }

    private static float[] rangeTable() {
        float[] t = new float[TABLE_SIZE];
        for (int k = 0; k < TABLE_SIZE; k++) {
            double d2 = (k + 0.5) * MAX_D2 / (TABLE_SIZE - 1);
            t[k] = (float) Math.exp(-d2 / (2 * SIGMA_RANGE * SIGMA_RANGE));
        }
        return t;
    }
}
