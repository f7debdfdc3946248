package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HighBitDepthTest {

    @Test
    void eightBitImagesAreFedUnchanged() {
        FloatImage image = Fixtures.smooth(40, 30, 3, 8, 0.4f, 0.5f);
        assertEquals(IntensityRange.IDENTITY, IntensityRange.of(image, Mask.empty(40, 30)));
    }

    @Test
    void rangeComesFromKnownPixelsOnly() {
        FloatImage image = Fixtures.smooth(100, 100, 1, 16, 0.10f, 0.20f);
        Mask mask = MaskShapes.rect(100, 100, 30, 30, 40, 40);
        IntensityRange range = IntensityRange.of(image, mask);
        // Pixels under the mask hold the answer: making them extreme must not move the window.
        float[] leaky = image.plane(0).clone();
        for (int i = 0; i < leaky.length; i++) if (mask.missing()[i]) leaky[i] = (i % 2 == 0) ? 0f : 1f;
        assertEquals(range, IntensityRange.of(FloatImage.of(100, 100, 16, leaky), mask));
        assertTrue(range.lo() >= 0.095f && range.lo() <= 0.11f, range.toString());
        assertTrue(range.hi() >= 0.19f && range.hi() <= 0.205f, range.toString());
    }

    @Test
    void outliersAreClippedAndFlatImagesNotBlownUp() {
        float[] plane = new float[10_000];
        java.util.Arrays.fill(plane, 0.3f);
        assertTrue(IntensityRange.of(FloatImage.of(100, 100, 12, plane), Mask.empty(100, 100)).hi()
                - IntensityRange.of(FloatImage.of(100, 100, 12, plane), Mask.empty(100, 100)).lo() >= 1f / 256 - 1e-7);
        for (int i = 0; i < plane.length; i++) plane[i] = 0.3f + 0.1f * (i % 100) / 99f;
        plane[0] = 1f; // a few hot pixels (under 0.5%) must not stretch the window
        plane[1] = 0f;
        IntensityRange range = IntensityRange.of(FloatImage.of(100, 100, 12, plane), Mask.empty(100, 100));
        assertTrue(range.lo() > 0.29f && range.hi() < 0.41f, range.toString());
        assertEquals(0f, range.toModel(0.1f));
        assertEquals(1f, range.toModel(0.9f));
        assertEquals(0.35f, range.toImage(range.toModel(0.35f)), 1e-6f);
    }

    @Test
    void sixteenBitImageIsStretchedForTheModelAndMappedBack() {
        try (MaeMethod mae = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()))) {
            int w = 90, h = 75;
            FloatImage deep = Fixtures.smooth(w, h, 3, 16, 0.10f, 0.20f);
            Mask mask = Fixtures.blobs(w, h, 6, 8);
            IntensityRange range = IntensityRange.of(deep, mask);
            // The same content as an 8-bit-style image already in model units: the model sees identical tiles.
            float[][] stretched = new float[3][];
            for (int c = 0; c < 3; c++) {
                stretched[c] = deep.plane(c).clone();
                for (int i = 0; i < stretched[c].length; i++) stretched[c][i] = range.toModel(stretched[c][i]);
            }
            FloatImage direct = mae.restore(FloatImage.of(w, h, 8, stretched), mask);
            FloatImage out = mae.restore(deep, mask);
            MaeMethodTest.assertComposite(deep, mask, out);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < w * h; i++) {
                    if (!mask.missing()[i]) continue;
                    float v = out.plane(c)[i];
                    assertTrue(v >= range.lo() - 1e-6f && v <= range.hi() + 1e-6f, "pixel " + i + " = " + v + " outside " + range);
                    assertEquals(range.toImage(direct.plane(c)[i]), v, 1e-5f, "pixel " + i);
                }
            }
        }
    }

    @Test
    void sixteenBitMeanFillReturnsTheMeanOfTheKnownNeighbourhood() {
        try (MaeMethod mae = new MaeMethod(Fixtures.open(Fixtures.meanFillModel()))) {
            float[] plane = new float[32 * 32];
            for (int i = 0; i < plane.length; i++) plane[i] = (i % 2 == 0 ? 3000 : 3400) / 65535f;
            Mask mask = MaskShapes.rect(32, 32, 8, 8, 16, 16);
            FloatImage out = mae.restore(FloatImage.of(32, 32, 16, plane), mask);
            assertEquals(3200 / 65535f, out.plane(0)[16 * 32 + 16], 2e-5f);
        }
    }

    @Test
    void incrementalRestoreOfADeepImageEqualsFullRestore() {
        try (MaeMethod mae = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()))) {
            int w = 150, h = 140;
            FloatImage deep = Fixtures.smooth(w, h, 1, 12, 0.05f, 0.30f);
            Mask before = Fixtures.blobs(w, h, 4, 2);
            FloatImage previous = mae.restore(deep, before);
            Mask after = before.copy();
            Region dirty = MaskShapes.fillRect(after, 100, 100, 5, 5, true);
            FloatImage incremental = mae.restore(deep, after, dirty, previous);
            assertArrayEquals(mae.restore(deep, after).plane(0), incremental.plane(0));
            // Masking a large part moves the intensity window: every tile changes, so it must notice.
            Mask big = after.copy();
            Region bigDirty = MaskShapes.fillRect(big, 0, 0, w / 2, h, true);
            assertTrue(!IntensityRange.of(deep, big).equals(IntensityRange.of(deep, after)), "test needs a moved window");
            assertArrayEquals(mae.restore(deep, big).plane(0), mae.restore(deep, big, bigDirty, incremental).plane(0));
        }
    }
}
