package com.maeworkbench.app.state;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.metric.Metrics;

/**
 * The newest output of one method for the current image. {@code metrics} is null until measured (the
 * image is published first so the panel updates without waiting for SSIM); {@code error} is non-null
 * when the method failed, with {@code image} then null.
 *
 * @param restoreMillis time spent in the method itself (incremental when only a region was redone)
 * @param region        whether only a region around the edit was recomputed
 * @param requestNanos  {@link System#nanoTime()} of the mask edit this answers, for latency logging
 * @param preview       whether that edit was an intermediate one in the middle of a drag
 */
public record MethodResult(String methodId, FloatImage image, Metrics metrics, double restoreMillis, boolean region,
                           String error, long requestSeq, long requestNanos, boolean preview) {

    public static MethodResult failed(String methodId, String error, long requestSeq) {
        return new MethodResult(methodId, null, null, Double.NaN, false, error, requestSeq, System.nanoTime(), false);
    }

    public MethodResult withMetrics(Metrics m) {
        return new MethodResult(methodId, image, m, restoreMillis, region, error, requestSeq, requestNanos, preview);
    }
}
