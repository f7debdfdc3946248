package com.maeworkbench.app.view;

import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Region;

import java.util.Arrays;

/**
 * Turns normalised float images into opaque ARGB pixels: through a display window, or as an error heatmap; a crop of
 * the image, one pixel per block of {@code level x level} (the block's mean) where the zoom makes finer pointless.
 */
final class Renderer {

    /**
     * The heatmap is white-hot at this share of the display window's width, so it follows window/level: a CT
     * shown at W 400 HU tops out at 100 HU, not at a quarter of the whole 16-bit range (nearly black).
     */
    static final double DIFF_WINDOW_SHARE = 0.25;
    private static final int[] HEAT = heatLut();

    private Renderer() {
    }

    /**
     * Draws {@code crop} of {@code img} through display window {@code w} into {@code out}, one pixel per
     * {@code level x level} block (the block's mean, clipped at the image's edge), row-major at
     * {@link #width}{@code (crop, level)} pixels a row.
     */
    static void window(FloatImage img, DisplayWindow w, Region crop, int level, int[] out) {
        float lo = (float) w.low(), scale = (float) (255.0 / w.width());
        int ow = width(crop, level), channels = img.channels();
        float[][] sums = new float[channels][ow];
        float[] count = new float[ow];
        for (int oy = 0, y0 = crop.y(); y0 < crop.bottom(); oy++, y0 += level) {
            int y1 = Math.min(crop.bottom(), y0 + level);
            if (level == 1) {
                for (int c = 0; c < channels; c++) System.arraycopy(img.plane(c), y0 * img.width() + crop.x(), sums[c], 0, ow);
                Arrays.fill(count, 1);
            } else {
                blockSums(img, crop, level, y0, y1, sums, count);
            }
            int row = oy * ow;
            if (channels == 1) {
                for (int x = 0; x < ow; x++) {
                    int v = level(sums[0][x] / count[x], lo, scale);
                    out[row + x] = 0xFF000000 | v << 16 | v << 8 | v;
                }
            } else {
                for (int x = 0; x < ow; x++) {
                    float n = count[x];
                    out[row + x] = 0xFF000000 | level(sums[0][x] / n, lo, scale) << 16 | level(sums[1][x] / n, lo, scale) << 8
                            | level(sums[2][x] / n, lo, scale);
                }
            }
        }
    }

    /** Rendered pixels a row for {@code crop} at {@code level}. */
    static int width(Region crop, int level) {
        return (crop.width() + level - 1) / level;
    }

    /** Rendered rows for {@code crop} at {@code level}. */
    static int height(Region crop, int level) {
        return (crop.height() + level - 1) / level;
    }

    /** Per block column: the sums of each channel over rows {@code [y0, y1)} and the pixel count. */
    private static void blockSums(FloatImage img, Region crop, int level, int y0, int y1, float[][] sums, float[] count) {
        for (float[] s : sums) Arrays.fill(s, 0);
        Arrays.fill(count, 0);
        int w = img.width();
        for (int c = 0; c < sums.length; c++) {
            float[] p = img.plane(c), s = sums[c];
            for (int y = y0; y < y1; y++) {
                for (int bx = 0, x = crop.x(), base = y * w; x < crop.right(); bx++) {
                    float sum = 0;
                    for (int end = Math.min(crop.right(), x + level); x < end; x++) sum += p[base + x];
                    s[bx] += sum;
                }
            }
        }
        for (int bx = 0, x = crop.x(); x < crop.right(); bx++, x += level) count[bx] = (Math.min(crop.right(), x + level) - x) * (y1 - y0);
    }

    /** |difference| (normalised units) at the top of the heatmap under display window {@code w}. */
    static double differenceFullScale(DisplayWindow w) {
        return DIFF_WINDOW_SHARE * w.width();
    }

    /**
     * Heatmap of the largest per-channel |img - reference|, 0 black to {@link #differenceFullScale} white-hot, of
     * {@code crop} at {@code level} (the mean over each block) as {@link #window} lays it out.
     */
    static void difference(FloatImage img, FloatImage reference, DisplayWindow w, Region crop, int level, int[] out) {
        heatBlocks(i -> {
            float d = 0;
            for (int c = 0; c < img.channels(); c++) d = Math.max(d, Math.abs(img.plane(c)[i] - reference.plane(c)[i]));
            return d;
        }, img.width(), w, crop, level, out);
    }

    /**
     * Heatmap of a one-plane map of magnitudes (the MAE's predicted error std) on the difference heatmap's scale,
     * so a predicted error and a real one show in the same colour.
     */
    static void magnitude(FloatImage map, DisplayWindow w, Region crop, int level, int[] out) {
        float[] v = map.plane(0);
        heatBlocks(i -> Math.abs(v[i]), map.width(), w, crop, level, out);
    }

    /** A pixel's value by its index in the image's planes. */
    private interface PixelValue {
        float at(int index);
    }

    /** The heatmap of {@code value}'s block means over {@code crop}, laid out as {@link #window} lays it out. */
    private static void heatBlocks(PixelValue value, int imageWidth, DisplayWindow w, Region crop, int level, int[] out) {
        float scale = (float) (255 / differenceFullScale(w));
        int ow = width(crop, level);
        float[] sums = new float[ow], count = new float[ow];
        for (int oy = 0, y0 = crop.y(); y0 < crop.bottom(); oy++, y0 += level) {
            Arrays.fill(sums, 0);
            Arrays.fill(count, 0);
            for (int y = y0; y < Math.min(crop.bottom(), y0 + level); y++) {
                for (int bx = 0, x = crop.x(); x < crop.right(); bx++) {
                    for (int end = Math.min(crop.right(), x + level); x < end; x++) {
                        sums[bx] += value.at(y * imageWidth + x);
                        count[bx]++;
                    }
                }
            }
            for (int x = 0; x < ow; x++) out[oy * ow + x] = HEAT[Math.min(255, (int) (sums[x] / count[x] * scale))];
        }
    }

    /** Colour {@code i} (0..255) of the heatmap ramp, for its colour bar. */
    static int heat(int i) {
        return HEAT[i];
    }

    private static int level(float v, float lo, float scale) {
        int x = (int) ((v - lo) * scale + 0.5f);
        return x < 0 ? 0 : Math.min(x, 255);
    }

    /** A perceptually ordered black-purple-orange-yellow ramp (after matplotlib's "inferno"). */
    private static int[] heatLut() {
        double[][] stops = {{0, 0, 0, 4}, {0.25, 87, 16, 110}, {0.5, 188, 55, 84}, {0.75, 249, 142, 9}, {1, 252, 255, 164}};
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0;
            int k = 0;
            while (k < stops.length - 2 && t > stops[k + 1][0]) k++;
            double f = (t - stops[k][0]) / (stops[k + 1][0] - stops[k][0]);
            int r = (int) Math.round(stops[k][1] + f * (stops[k + 1][1] - stops[k][1]));
            int g = (int) Math.round(stops[k][2] + f * (stops[k + 1][2] - stops[k][2]));
            int b = (int) Math.round(stops[k][3] + f * (stops[k + 1][3] - stops[k][3]));
            lut[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return lut;
    }
}
