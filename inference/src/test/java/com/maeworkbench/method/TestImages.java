package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;

import java.util.Random;

/** Small deterministic images for the method tests. */
final class TestImages {

    private TestImages() {
    }

    static FloatImage constant(int w, int h, int channels, float value) {
        float[][] planes = new float[channels][w * h];
        for (float[] p : planes) java.util.Arrays.fill(p, value);
        return FloatImage.of(w, h, 8, planes);
    }

    /** {@code a*x + b*y + c} in every channel (channel k adds 0.05*k so channels differ). */
    static FloatImage plane(int w, int h, int channels, float a, float b, float c) {
        float[][] planes = new float[channels][w * h];
        for (int k = 0; k < channels; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) planes[k][y * w + x] = a * x + b * y + c + 0.05f * k;
            }
        }
        return FloatImage.of(w, h, 16, planes);
    }

    /** Smooth gradients, a diagonal edge and mild noise in [0,1]. */
    static FloatImage natural(int w, int h, int channels, long seed) {
        Random rnd = new Random(seed);
        float[][] planes = new float[channels][w * h];
        for (int k = 0; k < channels; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.3 + 0.2 * Math.sin(x * 0.05 + k) * Math.cos(y * 0.04) + (x + y > w ? 0.3 : 0);
                    planes[k][y * w + x] = (float) Math.min(1, Math.max(0, v + 0.02 * rnd.nextGaussian()));
                }
            }
        }
        return FloatImage.of(w, h, 8, planes);
    }

    static float[][] snapshot(FloatImage image) {
        float[][] c = new float[image.channels()][];
        for (int i = 0; i < c.length; i++) c[i] = image.plane(i).clone();
        return c;
    }
}
