package com.maeworkbench.metric;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;

/**
 * {@link Quality#measure} for a sequence of restorations of one image that differ locally, as live edits
 * give them: the SSIM map (the expensive part) is recomputed only where the restoration changed, plus the
 * window's reach. The numbers are exactly those of {@link Quality#measure}. Not thread-safe: one per
 * sequence (e.g. per method), used by one thread at a time.
 */
public final class QualityTracker {

    private FloatImage original;
    private float[] originalLuma;
    private double low, range;
    private float[] restoredLuma;
    private float[] map;

    public Metrics measure(FloatImage original, FloatImage restored, Mask mask, double millis) {
        int w = original.width(), h = original.height();
        if (restored.width() != w || restored.height() != h || restored.channels() != original.channels() || !mask.sameSize(w, h)) {
            return Quality.measure(original, restored, mask, millis); // its checks name the mismatch
        }
        if (original != this.original) {
            this.original = original;
            originalLuma = original.luma();
            low = Quality.low(original);
            range = Quality.dynamicRange(original);
            map = new float[w * h];
            restoredLuma = null;
        }
        boolean[] region = mask.missing();
        double ssim = Double.NaN;
        if (range > 0) { // a flat original has no SSIM (Quality.measure: NaN)
            float[] luma = restored.luma();
            Region changed = restoredLuma == null ? new Region(0, 0, w, h) : differing(restoredLuma, luma, w).grow(Quality.ssimReach(), w, h);
            Quality.ssimMap(originalLuma, luma, w, h, low, range, changed, map);
            restoredLuma = luma;
            ssim = Quality.mean(map, region);
        }
        return Quality.metrics(original, restored, region, range, ssim, millis, MaskCoverage.of(mask));
    }

    /** Bounding box of the pixels where two planes differ. */
    private static Region differing(float[] a, float[] b, int w) {
        int x0 = Integer.MAX_VALUE, y0 = -1, x1 = -1, y1 = -1;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) == Float.floatToRawIntBits(b[i])) continue;
            int x = i % w, y = i / w;
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            if (y0 < 0) y0 = y;
            y1 = y;
        }
        return y0 < 0 ? Region.EMPTY : new Region(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
