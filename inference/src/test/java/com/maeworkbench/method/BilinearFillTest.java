package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BilinearFillTest {

    private final BilinearFill bilinear = new BilinearFill();

    /** Random interior holes plus a big rectangle, with a known 1-pixel frame so every gap is two-sided. */
    private static Mask interiorHoles(int w, int h, long seed) {
        Mask mask = MaskShapes.patches(w, h, 0.5, 5, seed);
        MaskShapes.fillRect(mask, 10, 12, 30, 20, true);
        for (int x = 0; x < w; x++) {
            mask.missing()[x] = false;
            mask.missing()[(h - 1) * w + x] = false;
        }
        for (int y = 0; y < h; y++) {
            mask.missing()[y * w] = false;
            mask.missing()[y * w + w - 1] = false;
        }
        return mask;
    }

    private void assertRampFilledExactly(float a, float b, float c) {
        int w = 64, h = 48;
        FloatImage ramp = TestImages.plane(w, h, 3, a, b, c);
        for (long seed = 1; seed <= 3; seed++) {
            FloatImage out = bilinear.restore(ramp, interiorHoles(w, h, seed));
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < w * h; i++) assertEquals(ramp.plane(ch)[i], out.plane(ch)[i], 1e-6f, "pixel " + i);
            }
        }
    }

    @Test
    void horizontalRampIsExact() {
        assertRampFilledExactly(0.012f, 0, 0.1f);
    }

    @Test
    void verticalRampIsExact() {
        assertRampFilledExactly(0, 0.015f, 0.05f);
    }

    @Test
    void planarRampIsExact() {
        assertRampFilledExactly(0.006f, -0.009f, 0.6f);
    }

    @Test
    void axesAreBlendedByInverseSpan() {
        // 5 wide, 3 tall; (2,1) missing with its row neighbours (1,1) and (3,1) known: row span 2, weight 1/2,
        // estimate (v(1,1) + v(3,1)) / 2. Column (2,0) known, (2,2) missing too: one-sided, constant v(2,0),
        // span taken as 2 * distance = 2, weight 1/2. Result: 0.5 * (0.2 + 0.6) / 2 + 0.5 * 0.9 = 0.65.
        float[] p = new float[15];
        p[6] = 0.2f;
        p[8] = 0.6f;
        p[2] = 0.9f;
        boolean[] m = new boolean[15];
        m[7] = true;
        m[12] = true;
        float[] out = bilinear.restore(FloatImage.of(5, 3, 8, p), new Mask(5, 3, m)).plane(0);
        assertEquals(0.65f, out[7], 1e-6f);
        // (2,2): row neighbours (1,2) and (3,2) hold 0 (span 2, weight 1/2, estimate 0); column: only (2,0) above,
        // 2 away, one-sided span 4, weight 1/4, value 0.9. Result: (0.5 * 0 + 0.25 * 0.9) / 0.75 = 0.3.
        assertEquals(0.3f, out[12], 1e-6f);
    }

    @Test
    void longGapsCountLessThanShortOnes() {
        // (1,1) in a 13x3 image: row gap from x=0 to x=12 (span 12), column gap from y=0 to y=2 (span 2).
        // Row estimate 0 (both ends 0), column estimate 1: weights 1/12 and 1/2 give (1/2) / (1/2 + 1/12) = 6/7.
        int w = 13, h = 3;
        float[] p = new float[w * h];
        p[1] = 1;
        p[2 * w + 1] = 1;
        boolean[] m = new boolean[w * h];
        for (int x = 1; x < w - 1; x++) m[w + x] = true;
        float[] out = bilinear.restore(FloatImage.of(w, h, 8, p), new Mask(w, h, m)).plane(0);
        assertEquals(6f / 7, out[w + 1], 1e-6f);
    }
}
