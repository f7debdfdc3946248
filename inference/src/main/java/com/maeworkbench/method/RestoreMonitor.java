package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Region;

/**
 * Whoever watches a long restore (a panel on screen): where it would like the pixels first, and how far the
 * restore got. Both are called on the restoring thread, so implementations must be quick and thread-safe.
 */
public interface RestoreMonitor {

    /** Wants nothing first and hears nothing. */
    RestoreMonitor NONE = new RestoreMonitor() {
    };

    /**
     * The part of the image to restore first, e.g. what is on screen; asked again as the restore goes on, so it may
     * follow the view. Null for no preference.
     */
    default Region focus() {
        return null;
    }

    /**
     * {@code done} (0 to 1) of the work is finished. {@code partial}, when not null, is the result being built,
     * for display only: its known pixels are the input's, masked pixels restored so far hold their final values
     * and the others the previous result's (or 0); it keeps changing until the restore returns.
     */
    default void progress(double done, FloatImage partial) {
    }
}
