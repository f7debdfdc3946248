package com.maeworkbench.bench;

import com.maeworkbench.image.FloatImage;

import java.util.Random;

/** A deterministic natural-ish RGB test image: smooth gradients, hard edges, texture and sensor noise. */
public final class SyntheticImage {

    private SyntheticImage() {
    }

    public static FloatImage rgb(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[][] planes = new float[3][w * h];
        double[] tint = {0.9, 0.7, 0.5};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x / (double) w, v = y / (double) h;
                double sky = 0.25 + 0.5 * v;                              // vertical gradient
                double hill = v > 0.6 + 0.1 * Math.sin(6 * u) ? 0.35 : 0; // curved horizon (edge)
                double disc = (u - 0.3) * (u - 0.3) + (v - 0.3) * (v - 0.3) < 0.01 ? 0.3 : 0;
                double stripes = x > w * 0.7 && x < w * 0.9 ? 0.1 * Math.signum(Math.sin(y * 0.4)) : 0;
                double texture = 0.05 * Math.sin(x * 0.21) * Math.cos(y * 0.17);
                for (int c = 0; c < 3; c++) {
                    double value = tint[c] * sky - hill * (c == 1 ? 0.2 : 0.6) + disc * (c == 0 ? 1 : 0.3)
                            + stripes + texture + 0.01 * rnd.nextGaussian();
                    planes[c][y * w + x] = (float) Math.min(1, Math.max(0, value));
                }
            }
        }
        return FloatImage.of(w, h, 8, planes);
    }
}
