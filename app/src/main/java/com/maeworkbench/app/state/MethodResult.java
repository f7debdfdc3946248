package com.maeworkbench.app.state;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.metric.Metrics;

/**
 * The newest output of one method for the current image. {@code metrics} is null until measured (the
 * image is published first so the panel updates without waiting for SSIM); {@code error} is non-null
 * when the method failed, with {@code image} then null.
 *
 * @param restoreMillis time spent in the method itself
 * @param update        whether the method updated its previous result after an edit (where it can, it then
 *                      recomputes only what the edit reaches) rather than starting from scratch
 * @param requestNanos  {@link System#nanoTime()} of the mask edit this answers, for latency logging
 * @param preview       whether that edit was an intermediate one in the middle of a drag
 */
public record MethodResult(String methodId, FloatImage image, Metrics metrics, double restoreMillis, boolean update,
                           String error, long requestSeq, long requestNanos, boolean preview) {

    public static MethodResult failed(String methodId, String error, long requestSeq) {
        return new MethodResult(methodId, null, null, Double.NaN, false, error, requestSeq, System.nanoTime(), false);
    }

    public MethodResult withMetrics(Metrics m) {
        return new MethodResult(methodId, image, m, restoreMillis, update, error, requestSeq, requestNanos, preview);
    }
}
