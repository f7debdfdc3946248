package com.maeworkbench.app.view;

import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;

/** Turns normalised float images into opaque ARGB pixels: through a display window, or as an error heatmap. */
final class Renderer {

    /**
     * The heatmap is white-hot at this share of the display window's width, so it follows window/level: a CT
     * shown at W 400 HU tops out at 100 HU, not at a quarter of the whole 16-bit range (nearly black).
     */
    static final double DIFF_WINDOW_SHARE = 0.25;
    private static final int[] HEAT = heatLut();

    private Renderer() {
    }

    static void window(FloatImage img, DisplayWindow w, int[] out) {
        float lo = (float) w.low(), scale = (float) (255.0 / w.width());
        int n = img.pixels();
        if (img.channels() == 1) {
            float[] p = img.plane(0);
            for (int i = 0; i < n; i++) {
                int v = level(p[i], lo, scale);
                out[i] = 0xFF000000 | v << 16 | v << 8 | v;
            }
        } else {
            float[] r = img.plane(0), g = img.plane(1), b = img.plane(2);
            for (int i = 0; i < n; i++) {
                out[i] = 0xFF000000 | level(r[i], lo, scale) << 16 | level(g[i], lo, scale) << 8 | level(b[i], lo, scale);
            }
        }
    }

    /** |difference| (normalised units) at the top of the heatmap under display window {@code w}. */
    static double differenceFullScale(DisplayWindow w) {
        return DIFF_WINDOW_SHARE * w.width();
    }

    /** Heatmap of the largest per-channel |img - reference|, 0 black to {@link #differenceFullScale} white-hot. */
    static void difference(FloatImage img, FloatImage reference, DisplayWindow w, int[] out) {
        int n = img.pixels();
        float scale = (float) (255 / differenceFullScale(w));
        for (int i = 0; i < n; i++) {
            float d = 0;
            for (int c = 0; c < img.channels(); c++) d = Math.max(d, Math.abs(img.plane(c)[i] - reference.plane(c)[i]));
            out[i] = HEAT[Math.min(255, (int) (d * scale))];
        }
    }

    /**
     * Heatmap of a one-plane map of magnitudes (the MAE's predicted error std) on the difference heatmap's scale,
     * so a predicted error and a real one show in the same colour.
     */
    static void magnitude(FloatImage map, DisplayWindow w, int[] out) {
        float[] v = map.plane(0);
        float scale = (float) (255 / differenceFullScale(w));
        for (int i = 0; i < v.length; i++) out[i] = HEAT[Math.min(255, (int) (Math.abs(v[i]) * scale))];
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
