package com.maeworkbench.app.state;

import com.maeworkbench.image.FloatImage;

/**
 * A method's run in flight that has taken long enough to show: how far it got and its result so far.
 *
 * @param done    share of the work done, 0 to 1, or NaN when the method does not say
 * @param partial new pixels of the result being built to show (for display only; see {@code RestoreMonitor#progress}),
 *                or null when only the share moved
 * @param requestSeq the request the run answers (a newer run of the method replaces it)
 */
public record MethodProgress(String methodId, double done, FloatImage partial, long requestSeq) {

    /** "MAE 37%", or "MAE …" when the share is unknown. */
    public String label(String name) {
        return Double.isNaN(done) ? name + " …" : name + " " + (int) Math.floor(100 * done) + "%";
    }
}
