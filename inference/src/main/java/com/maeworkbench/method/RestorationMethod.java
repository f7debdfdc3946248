package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

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
}
