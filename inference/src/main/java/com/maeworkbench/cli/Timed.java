package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Quality;

/** One method's result on one image and mask, timed around the method alone. */
record Timed(RestorationMethod method, FloatImage restored, Metrics metrics) {

    static Timed run(RestorationMethod method, FloatImage original, Mask mask) {
        long t0 = System.nanoTime();
        FloatImage restored = method.restore(original, mask);
        double millis = (System.nanoTime() - t0) / 1e6;
        return new Timed(method, restored, Quality.measure(original, restored, mask, millis));
    }
}
