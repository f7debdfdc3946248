package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.metric.Quality;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BilateralFillTest {

    @Test
    void keepsAStepEdgeSharperThanTheGaussianFill() {
        int w = 60, h = 40;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) p[i] = i % w < 30 ? 0.2f : 0.8f;
        FloatImage image = FloatImage.of(w, h, 8, p);
        Mask mask = MaskShapes.rect(w, h, 26, 14, 8, 8);
        double bilateral = Quality.psnr(image, new BilateralFill().restore(image, mask), mask.missing());
        double gaussian = Quality.psnr(image, new GaussianFill().restore(image, mask), mask.missing());
        assertTrue(bilateral > gaussian + 3, "bilateral " + bilateral + " dB vs gaussian " + gaussian + " dB");
    }

    @Test
    void pixelsFarFromKnownDataKeepTheGaussianEstimate() {
        FloatImage image = TestImages.natural(80, 80, 3, 6);
        Mask mask = MaskShapes.rect(80, 80, 20, 20, 40, 40);
        FloatImage bilateral = new BilateralFill().restore(image, mask), gaussian = new GaussianFill().restore(image, mask);
        int far = 40 * 80 + 40, near = 21 * 80 + 40;
        for (int c = 0; c < 3; c++) {
            assertEquals(gaussian.plane(c)[far], bilateral.plane(c)[far]);
        }
        assertTrue(gaussian.plane(0)[near] != bilateral.plane(0)[near], "pixels near known data are re-estimated");
    }
}
