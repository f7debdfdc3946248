package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/** Contract checks and edge cases shared by the fill methods. */
final class Fills {

    /** Value given to every pixel when the mask leaves no known pixel to infer from: mid-grey. */
    static final float NO_DATA_FILL = 0.5f;

    private Fills() {
    }

    static void requireSameSize(FloatImage image, Mask mask) {
        if (!mask.sameSize(image.width(), image.height())) {
            throw new IllegalArgumentException("mask " + mask.width() + "x" + mask.height()
                    + " does not match image " + image.width() + "x" + image.height());
        }
    }

    /** Throws if the calling thread was interrupted, so a UI can abandon stale work. Consumes the flag. */
    static void checkCancelled() {
        if (Thread.interrupted()) throw new CancellationException("restoration cancelled");
    }

    /**
     * Validates the arguments and answers the cases that need no method: an empty mask (a copy of the
     * input) and a fully masked image ({@link #NO_DATA_FILL} everywhere). Returns null otherwise.
     */
    static FloatImage trivialResult(FloatImage image, Mask mask) {
        requireSameSize(image, mask);
        int count = mask.count();
        if (count == 0) return image.copy();
        if (count < image.pixels()) return null;
        float[][] planes = new float[image.channels()][image.pixels()];
        for (float[] p : planes) Arrays.fill(p, NO_DATA_FILL);
        return image.withPlanes(planes);
    }

    /** Copies of the image's planes, to be written at masked pixels only. */
    static float[][] copyPlanes(FloatImage image) {
        float[][] c = new float[image.channels()][];
        for (int i = 0; i < c.length; i++) c[i] = image.plane(i).clone();
        return c;
    }
}
