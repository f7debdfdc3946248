package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seams, measured with the mean-fill contract model (S=32, p=8, stride 16): on an intensity ramp every tile
 * predicts a different constant (the mean of its visible pixels), so taking each pixel from a single tile
 * would leave steps of {@code stride * slope} at tile borders. Blending must spread each step smoothly.
 */
class SeamTest {

    private static MaeMethod meanFill;

    @BeforeAll
    static void load() {
        meanFill = new MaeMethod(Fixtures.open(Fixtures.meanFillModel()));
    }

    @AfterAll
    static void close() {
        meanFill.close();
    }

    @Test
    void uniformImageIsRestoredExactlyAcrossTiles() {
        int w = 100, h = 70;
        float[] plane = new float[w * h];
        java.util.Arrays.fill(plane, 0.5f);
        FloatImage image = FloatImage.of(w, h, 8, plane, plane, plane);
        Mask mask = MaskShapes.rect(w, h, 10, 20, 80, 17); // crosses tile borders; every tile keeps visible patches
        FloatImage out = meanFill.restore(image, mask);
        for (int c = 0; c < 3; c++) for (float v : out.plane(c)) assertEquals(0.5f, v, 1e-6f);
    }

    @Test
    void horizontalRampHasNoSeams() {
        int w = 112, h = 80;
        float slope = 0.6f / (w - 1);
        float[] plane = new float[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) plane[y * w + x] = 0.2f + slope * x;
        Mask band = MaskShapes.rect(w, h, 0, 24, w, 32);
        FloatImage out = meanFill.restore(FloatImage.of(w, h, 8, plane), band);
        float maxJump = 0;
        for (int y = 24; y < 56; y++) {
            for (int x = 1; x < w; x++) maxJump = Math.max(maxJump, Math.abs(out.plane(0)[y * w + x] - out.plane(0)[y * w + x - 1]));
        }
        assertSmooth(maxJump, 16 * slope);
    }

    @Test
    void verticalRampHasNoSeams() {
        int w = 80, h = 112;
        float slope = 0.6f / (h - 1);
        float[] plane = new float[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) plane[y * w + x] = 0.2f + slope * y;
        Mask band = MaskShapes.rect(w, h, 24, 0, 32, h);
        FloatImage out = meanFill.restore(FloatImage.of(w, h, 8, plane), band);
        float maxJump = 0;
        for (int x = 24; x < 56; x++) {
            for (int y = 1; y < h; y++) maxJump = Math.max(maxJump, Math.abs(out.plane(0)[y * w + x] - out.plane(0)[(y - 1) * w + x]));
        }
        assertSmooth(maxJump, 16 * slope);
    }

    /** A hard switch between tiles jumps by {@code step}; the raised-cosine blend stays well under a third of it. */
    private static void assertSmooth(float maxJump, float step) {
        assertTrue(maxJump > 0, "the ramp must show through the restoration");
        assertTrue(maxJump < step / 3, "max jump " + maxJump + " vs tile step " + step + ": a seam");
    }
}
