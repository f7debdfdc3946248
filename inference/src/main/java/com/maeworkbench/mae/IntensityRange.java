package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

/**
 * The intensity window fed to the model as [0,1]. High bit-depth images (e.g. 12-bit DICOM in 16-bit
 * containers) often occupy a sliver of [0,1]; the model was trained on full-range 8-bit photos, so they are
 * stretched over the 0.5th..99.5th percentile of the KNOWN pixels (masked ones would leak the answer) and
 * mapped back afterwards. Percentiles come from a 4096-bin histogram, so the window moves in steps of
 * 1/4096 and small mask edits rarely change it. 8-bit images keep the identity.
 */
public record IntensityRange(float lo, float hi) {

    static final IntensityRange IDENTITY = new IntensityRange(0, 1);
    private static final int BINS = 4096;
    private static final double TAIL = 0.005;
    /** Narrowest window, so flat images are not blown up into noise. */
    private static final float MIN_WIDTH = 1f / 256;

    public static IntensityRange of(FloatImage image, Mask mask) {
        if (image.bitDepth() <= 8) return IDENTITY;
        long[] hist = new long[BINS];
        long total = 0;
        boolean[] missing = mask.missing();
        for (float[] plane : image.planes()) {
            for (int i = 0; i < plane.length; i++) {
                if (missing[i] || Float.isNaN(plane[i])) continue;
                hist[bin(plane[i])]++;
                total++;
            }
        }
        if (total == 0) return IDENTITY;
        long loRank = (long) Math.floor(TAIL * (total - 1)), hiRank = (long) Math.ceil((1 - TAIL) * (total - 1));
        int loBin = binOfRank(hist, loRank), hiBin = binOfRank(hist, hiRank);
        float lo = loBin / (float) BINS, hi = (hiBin + 1) / (float) BINS;
        if (hi - lo < MIN_WIDTH) {
            float centre = (lo + hi) / 2;
            lo = Math.max(0, Math.min(1 - MIN_WIDTH, centre - MIN_WIDTH / 2));
            hi = lo + MIN_WIDTH;
        }
        return new IntensityRange(lo, hi);
    }

    private static int bin(float v) {
        return Math.max(0, Math.min(BINS - 1, (int) (v * BINS)));
    }

    private static int binOfRank(long[] hist, long rank) {
        long seen = 0;
        for (int b = 0; b < hist.length; b++) {
            seen += hist[b];
            if (seen > rank) return b;
        }
        return hist.length - 1;
    }

    boolean isIdentity() {
        return lo == 0 && hi == 1;
    }

    /** Image value to model input, clipped to [0,1]. */
    float toModel(float v) {
        float x = isIdentity() ? v : (v - lo) / (hi - lo);
        return Math.max(0, Math.min(1, x));
    }

    /** Model output back to image units. */
    float toImage(float y) {
        return isIdentity() ? y : lo + y * (hi - lo);
    }
}
