package com.maeworkbench.app.service;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;

/**
 * Recomputes a classical method only around a mask edit: crop, restore the crop, paste back.
 * <p>
 * For a method whose output at a pixel depends only on pixels within {@code reach} of it (and on the mask
 * there), an edit in {@code dirty} can change only pixels within {@code reach} of it; restoring a crop
 * that adds another {@code reach} of context gives those pixels exactly the full run's values. When the
 * crop would cover most of the image a full run is as cheap, and {@link #restore} does that.
 */
public final class RegionRestore {

    /** Above this share of the image a crop saves too little to be worth it. */
    private static final double MAX_CROP_SHARE = 0.6;

    private RegionRestore() {
    }

    /** A result and whether it came from a region rather than the whole image. */
    public record Outcome(FloatImage image, boolean region) {
    }

    public static Outcome restore(RestorationMethod method, int reach, FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        if (previous == null || dirty.isEmpty() || reach < 0) return new Outcome(method.restore(image, mask), false);
        int w = image.width(), h = image.height();
        Region affected = dirty.grow(reach, w, h);
        Region crop = affected.grow(reach, w, h);
        if ((double) crop.width() * crop.height() > MAX_CROP_SHARE * w * h) return new Outcome(method.restore(image, mask), false);
        FloatImage restoredCrop = method.restore(crop(image, crop), crop(mask, crop));
        return new Outcome(paste(previous, restoredCrop, crop, affected), true);
    }

    static FloatImage crop(FloatImage image, Region r) {
        float[][] planes = new float[image.channels()][r.width() * r.height()];
        for (int c = 0; c < planes.length; c++) {
            float[] src = image.plane(c);
            for (int y = 0; y < r.height(); y++) {
                System.arraycopy(src, (r.y() + y) * image.width() + r.x(), planes[c], y * r.width(), r.width());
            }
        }
        return new FloatImage(r.width(), r.height(), planes, image.bitDepth(), image.window(), image.calibration(), image.alphaDropped());
    }

    static Mask crop(Mask mask, Region r) {
        boolean[] out = new boolean[r.width() * r.height()];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(mask.missing(), (r.y() + y) * mask.width() + r.x(), out, y * r.width(), r.width());
        }
        return new Mask(r.width(), r.height(), out);
    }

    /**
     * The previous result with {@code affected} taken from the restored crop (which also holds the original
     * where the mask no longer covers, so erased strokes show the image again).
     */
    private static FloatImage paste(FloatImage previous, FloatImage restoredCrop, Region crop, Region affected) {
        FloatImage out = previous.copy();
        int w = previous.width();
        for (int c = 0; c < out.channels(); c++) {
            float[] dst = out.plane(c), src = restoredCrop.plane(c);
            for (int y = affected.y(); y < affected.bottom(); y++) {
                System.arraycopy(src, (y - crop.y()) * crop.width() + (affected.x() - crop.x()), dst, y * w + affected.x(), affected.width());
            }
        }
        return out;
    }
}
