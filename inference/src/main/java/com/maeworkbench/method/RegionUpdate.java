package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskGeometry;
import com.maeworkbench.mask.Region;

import java.util.function.ToIntFunction;

/**
 * Recomputes a method only around a mask edit: crop, restore the crop, paste back.
 * <p>
 * For a method whose output at a pixel depends only on pixels within {@code reach} of it (and on the mask
 * there), an edit in {@code dirty} can change only pixels within {@code reach} of it; restoring a crop
 * that adds another {@code reach} of context gives those pixels exactly the full run's values. The reach
 * comes from the holes' geometry with the edited rectangle counted as missing, which bounds the masks
 * before and after the edit. When the crop would cover most of the image a full run is as cheap.
 */
final class RegionUpdate {

    /** Above this share of the image a crop saves too little to be worth it. */
    private static final double MAX_CROP_SHARE = 0.6;

    private RegionUpdate() {
    }

    /** The contract of {@link RestorationMethod#restore(FloatImage, Mask, Region, FloatImage)} for a method of bounded reach. */
    static FloatImage restore(RestorationMethod method, ToIntFunction<MaskGeometry> reachOf, FloatImage image, Mask mask,
                              Region dirty, FloatImage previous) {
        mask.requireSize(image.width(), image.height());
        if (previous == null || dirty == null || previous.width() != image.width() || previous.height() != image.height()
                || previous.channels() != image.channels()) {
            return method.restore(image, mask);
        }
        int w = image.width(), h = image.height();
        Region edited = dirty.grow(0, w, h);
        if (edited.isEmpty()) return previous;
        MaskGeometry g = MaskGeometry.withEdited(mask, edited);
        // no known pixel at all: the fill is global
        int reach = Double.isInfinite(g.maxDepth()) ? -1 : reachOf.applyAsInt(g);
        Region crop = reach < 0 ? null : crop(reach, edited, w, h);
        if (crop == null) return method.restore(image, mask);
        Region affected = edited.grow(reach, w, h);
        return paste(previous, method.restore(crop(image, crop), crop(mask, crop)), crop, affected);
    }

    /** The area to restore for an edit in {@code edited}, or null where a full run is as cheap. */
    static Region crop(int reach, Region edited, int w, int h) {
        Region crop = edited.grow(2 * reach, w, h);
        return (double) crop.width() * crop.height() > MAX_CROP_SHARE * w * h ? null : crop;
    }

    private static FloatImage crop(FloatImage image, Region r) {
        float[][] planes = new float[image.channels()][r.width() * r.height()];
        for (int c = 0; c < planes.length; c++) {
            float[] src = image.plane(c);
            for (int y = 0; y < r.height(); y++) {
                System.arraycopy(src, (r.y() + y) * image.width() + r.x(), planes[c], y * r.width(), r.width());
            }
        }
        return new FloatImage(r.width(), r.height(), planes, image.bitDepth(), image.window(), image.calibration(), image.source());
    }

    private static Mask crop(Mask mask, Region r) {
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
