package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;

/**
 * One way of filling the masked pixels of an image. Implementations are stateless or thread-safe,
 * return a new image in which only masked pixels differ from the input, and never modify the input.
 */
public interface RestorationMethod {

    /** Short stable id used by the CLI and in result files, e.g. {@code bilinear}. */
    String id();

    /** Human name for panels and reports. */
    String displayName();

    /** Whether this method can run here, and if not why (e.g. native library missing). */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Restores the masked pixels. The mask must have the image's size. Implementations check
     * {@link Thread#interrupted()} in long loops so stale work can be cancelled.
     */
    FloatImage restore(FloatImage image, Mask mask);

    /**
     * Restores after a mask edit, reusing {@code previous}: this method's result for the same image under a
     * mask that differs from {@code mask} only inside {@code dirty}. The result equals
     * {@link #restore(FloatImage, Mask)}; a method that can recompute only what the edit reaches overrides
     * this (the default recomputes the whole image). Null {@code previous} or {@code dirty} means a full run.
     */
    default FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        return restore(image, mask);
    }

    /**
     * As {@link #restore(FloatImage, Mask, Region, FloatImage)}, watched by {@code monitor}: a method that restores
     * piece by piece does the part {@link RestoreMonitor#focus()} names first (the MAE, tile by tile) and reports how
     * far it got, with the result so far where it has one (the MAE, Telea, Navier-Stokes). The result equals
     * {@link #restore(FloatImage, Mask, Region, FloatImage)} bit for bit, whatever the focus. The default reports
     * nothing.
     */
    default FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous, RestoreMonitor monitor) {
        return restore(image, mask, dirty, previous);
    }

    /**
     * Whether a run on a typical image (512x512) is fast enough, tens of milliseconds on two cores, to
     * repeat on every step of a brush drag; slower methods run once the edit is done.
     */
    default boolean interactive() {
        return true;
    }
}
