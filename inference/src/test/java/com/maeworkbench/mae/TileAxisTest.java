package com.maeworkbench.mae;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TileAxisTest {

    @Test
    void originsArePatchAlignedAndCoverTheAxis() {
        for (int length : new int[]{1, 7, 63, 64, 65, 100, 129, 500}) {
            TileAxis axis = new TileAxis(length, 64, 8, 32);
            int last = axis.origins[axis.count() - 1];
            for (int o : axis.origins) assertEquals(0, o % 8, "origin " + o);
            assertTrue(last + 64 >= length, "last tile must reach the end of " + length);
            assertTrue(length <= 64 || last + 64 < length + 8, "padding beyond " + length + " must stay under one patch");
            for (int k = 1; k < axis.count(); k++) {
                int gap = axis.origins[k] - axis.origins[k - 1];
                assertTrue(gap > 0 && gap <= 32, "gap " + gap);
            }
        }
    }

    @Test
    void weightsCoverEveryPixelAndSumToOneOnRegularSpacing() {
        TileAxis axis = new TileAxis(160, 64, 8, 32); // origins 0, 32, 64, 96: regular
        assertArrayEquals(new int[]{0, 32, 64, 96}, axis.origins);
        for (int x = 0; x < 160; x++) {
            double sum = 0;
            for (int k = 0; k < axis.count(); k++) {
                int t = x - axis.origins[k];
                if (t >= 0 && t < 64) sum += axis.weights[k][t];
            }
            assertEquals(1.0, sum, 1e-6, "weights at " + x);
        }
        // inner tiles ignore their outer (S - stride)/4 = 8 pixels: those lack context
        assertEquals(0f, axis.weights[1][7]);
        assertTrue(axis.weights[1][8] > 0);
        assertEquals(32 + 8, axis.supportStart[1]);
        assertEquals(32 + 56, axis.supportEnd[1]);
        assertEquals(0, axis.supportStart[0]);
        assertEquals(160, axis.supportEnd[3]);
    }

    @Test
    void weightsSumToOneAtTheShippedStride() {
        TileAxis axis = new TileAxis(184, 64, 8, 40); // origins 0, 40, 80, 120: band 6, ramp 12
        assertArrayEquals(new int[]{0, 40, 80, 120}, axis.origins);
        for (int x = 0; x < 184; x++) {
            double sum = 0;
            for (int k = 0; k < axis.count(); k++) {
                int t = x - axis.origins[k];
                if (t >= 0 && t < 64) sum += axis.weights[k][t];
            }
            assertEquals(1.0, sum, 1e-6, "weights at " + x);
        }
    }

    @Test
    void strideMustBeWholePatchesUpToTheTile() {
        assertThrows(IllegalArgumentException.class, () -> new TileAxis(100, 64, 8, 36));
        assertThrows(IllegalArgumentException.class, () -> new TileAxis(100, 64, 8, 72));
    }

    @Test
    void irregularLastTileStillCovers() {
        TileAxis axis = new TileAxis(100, 64, 8, 32); // origins 0, 32, 40
        assertArrayEquals(new int[]{0, 32, 40}, axis.origins);
        for (int x = 0; x < 100; x++) {
            double sum = 0;
            for (int k = 0; k < axis.count(); k++) {
                int t = x - axis.origins[k];
                if (t >= 0 && t < 64) sum += axis.weights[k][t];
            }
            assertTrue(sum > 0, "pixel " + x + " has no tile");
        }
    }

    @Test
    void onePatchTilesDoNotOverlap() {
        TileAxis axis = new TileAxis(20, 8, 8, 8);
        assertArrayEquals(new int[]{0, 8, 16}, axis.origins);
        for (float[] w : axis.weights) for (float v : w) assertEquals(1f, v);
    }

    @Test
    void mirrorReflectsForAnyDistance() {
        assertEquals(4, TileAxis.mirror(5, 5));
        assertEquals(0, TileAxis.mirror(9, 5));
        assertEquals(0, TileAxis.mirror(10, 5));
        assertEquals(0, TileAxis.mirror(63, 1));
        assertEquals(1, TileAxis.mirror(-2, 5));
    }
}
