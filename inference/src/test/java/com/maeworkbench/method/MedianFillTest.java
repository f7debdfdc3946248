package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MedianFillTest {

    private final MedianFill median = new MedianFill();

    @Test
    void singleHoleGetsTheMedianOfItsWindow() {
        // 5x5 image holding 0/24 .. 24/24, centre (12/24) missing: the other 24 values sorted are
        // 0..11, 13..24, so the two middle ones are 11 and 13 and the median is 12/24.
        float[] p = new float[25];
        for (int i = 0; i < 25; i++) p[i] = i / 24f;
        boolean[] m = new boolean[25];
        m[12] = true;
        float[] out = median.restore(FloatImage.of(5, 5, 8, p), new Mask(5, 5, m)).plane(0);
        assertEquals(0.5f, out[12], 1e-7f);
    }

    @Test
    void anEdgeAcrossAThinHoleStaysSharp() {
        int w = 40, h = 20;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) p[i] = i % w < 20 ? 0.1f : 0.9f;
        float[] out = median.restore(FloatImage.of(w, h, 8, p), MaskShapes.rect(w, h, 0, 8, w, 3)).plane(0);
        for (int i = 0; i < p.length; i++) assertEquals(p[i], out[i], "pixel " + i);
    }

    @Test
    void medianHandlesOddEvenAndNegativeValues() {
        assertEquals(0.3f, median(0.9f, 0.3f, -0.2f));
        assertEquals(0.05f, median(0.9f, -0.2f, 0.1f, 0f), 1e-7f); // middle two 0 and 0.1
        assertEquals(-0.5f, median(-0.5f, -0.25f, -1f, -3f, 2f));
        assertEquals(0.7f, median(0.7f));
    }

    @Test
    void medianAgreesWithSortingForEveryWindowSize() {
        java.util.Random rnd = new java.util.Random(4);
        for (int n = 1; n <= 25; n++) {
            for (int trial = 0; trial < 200; trial++) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = rnd.nextInt(4) == 0 ? v[rnd.nextInt(i + 1)] : rnd.nextFloat() * 2 - 0.5f;
                float[] sorted = v.clone();
                java.util.Arrays.sort(sorted);
                float expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) * 0.5f;
                assertEquals(expected, median(v), "n " + n + " " + java.util.Arrays.toString(v));
            }
        }
    }

    private static float median(float... values) {
        int[] keys = new int[values.length];
        for (int i = 0; i < keys.length; i++) keys[i] = MedianFill.sortKey(values[i]);
        return MedianFill.median(keys, keys.length);
    }
}
