package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianFillTest {

    private final GaussianFill gaussian = new GaussianFill();

    @Test
    void pixelsNearKnownDataGetTheExactSigma15NormalisedConvolution() {
        int w = 70, h = 50, r = GaussianFill.RADIUS;
        FloatImage image = TestImages.natural(w, h, 1, 3);
        Mask mask = MaskShapes.patches(w, h, 0.4, 6, 2);
        MaskShapes.fillRect(mask, 20, 10, 40, 30, true); // deep hole: later levels must not overwrite the rim
        float[] in = image.plane(0), out = gaussian.restore(image, mask).plane(0);
        int checked = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!mask.isMissing(x, y)) continue;
                double num = 0, den = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        if (mask.isMissing(xx, yy)) continue;
                        double k = Math.exp(-((xx - x) * (xx - x) + (yy - y) * (yy - y)) / (2 * 1.5 * 1.5));
                        num += k * in[yy * w + xx];
                        den += k;
                    }
                }
                if (den == 0) continue;
                assertEquals(num / den, out[y * w + x], 1e-5, "pixel " + x + "," + y);
                checked++;
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void symmetricNeighboursGiveTheirMean() {
        float[] out = gaussian.restore(FloatImage.of(3, 1, 8, new float[]{0.2f, 0, 0.6f}),
                new Mask(3, 1, new boolean[]{false, true, false})).plane(0);
        assertEquals(0.4f, out[1], 1e-6f);
    }

    @Test
    void deepHoleIsSmoothBetweenItsSides() {
        // left half 0.2, right half 0.8, a 60x60 hole across the edge: the interior goes monotonically from
        // one side to the other along each row.
        int w = 100, h = 80;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) p[i] = i % w < w / 2 ? 0.2f : 0.8f;
        float[] out = gaussian.restore(FloatImage.of(w, h, 8, p), MaskShapes.rect(w, h, 20, 10, 60, 60)).plane(0);
        int row = 40 * w;
        for (int x = 21; x < 80; x++) assertTrue(out[row + x] >= out[row + x - 1] - 1e-6f, "x " + x);
        assertTrue(out[row + 22] < 0.4f && out[row + 77] > 0.6f);
    }
}
