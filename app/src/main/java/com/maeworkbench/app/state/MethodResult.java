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
 * @param maskSeq       the mask edit ({@link WorkbenchState#maskSeq()}) this result answers: a result of an
 *                      older edit is stale
 * @param requestNanos  {@link System#nanoTime()} of the mask edit this answers, for latency logging
 * @param preview       whether that edit was an intermediate one in the middle of a drag
 */
public record MethodResult(String methodId, FloatImage image, Metrics metrics, double restoreMillis, boolean update,
                           String error, long requestSeq, long maskSeq, long requestNanos, boolean preview) {

    public static MethodResult failed(String methodId, String error, long requestSeq, long maskSeq) {
        return new MethodResult(methodId, null, null, Double.NaN, false, error, requestSeq, maskSeq, System.nanoTime(), false);
    }

    public MethodResult withMetrics(Metrics m) {
        return new MethodResult(methodId, image, m, restoreMillis, update, error, requestSeq, maskSeq, requestNanos, preview);
    }

    /** The same pixels as the answer to a later request whose mask they already match. */
    public MethodResult answering(long newRequestSeq, long newMaskSeq) {
        return new MethodResult(methodId, image, metrics, restoreMillis, update, error, newRequestSeq, newMaskSeq, requestNanos, preview);
    }
}
