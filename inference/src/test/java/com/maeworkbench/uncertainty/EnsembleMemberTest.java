package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.method.GaussianFill;
import com.maeworkbench.method.RestorationMethod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleMemberTest {

    static FloatImage random(int w, int h, int channels, long seed) {
        Random rnd = new Random(seed);
        float[][] planes = new float[channels][w * h];
        for (float[] p : planes) for (int i = 0; i < p.length; i++) p[i] = rnd.nextFloat();
        return FloatImage.of(w, h, 8, planes);
    }

    /** Small holes well inside the image, so a Gaussian fill reaches them at full resolution. */
    static Mask holes(int w, int h) {
        Mask mask = Mask.empty(w, h);
        for (int y = 12; y < h - 12; y += 9) {
            for (int x = 12; x < w - 12; x += 11) MaskShapes.fillRect(mask, x, y, 3, 2, true);
        }
        return mask;
    }

    @Test
    void everyDihedralIsAPermutationOfThePixels() {
        int w = 7, h = 5;
        Set<List<Integer>> maps = new HashSet<>();
        for (Dihedral d : Dihedral.values()) {
            int tw = d.width(w, h), th = d.height(w, h);
            assertEquals(w * h, tw * th);
            Set<Integer> seen = new HashSet<>();
            List<Integer> map = new ArrayList<>();
            for (int v = 0; v < th; v++) {
                for (int u = 0; u < tw; u++) {
                    int s = d.source(u, v, w, h);
                    assertTrue(s >= 0 && s < w * h);
                    seen.add(s);
                    map.add(s);
                }
            }
            assertEquals(w * h, seen.size(), d + " is not a bijection");
            maps.add(map);
        }
        assertEquals(8, maps.size(), "the 8 symmetries are distinct");
    }

    /**
     * Normalised convolution with a symmetric kernel commutes with flips, rotations and (away from the
     * border) shifts, so each variation must map its result back onto the plain one: a wrong inverse
     * mapping would put other pixels' values there.
     */
    @Test
    void variationsMapBackOntoTheOriginalGeometry() {
        RestorationMethod gaussian = new GaussianFill();
        FloatImage image = random(61, 47, 3, 1);
        Mask mask = holes(61, 47);
        FloatImage plain = gaussian.restore(image, mask);
        for (Dihedral d : Dihedral.values()) {
            for (int shift : new int[]{0, 8, 13}) {
                EnsembleMember m = new EnsembleMember(d, shift, shift / 2, 0, 1, 0);
                FloatImage back = m.restore(gaussian, image, mask);
                assertEquals(image.width(), back.width());
                for (int c = 0; c < 3; c++) {
                    float[] a = plain.plane(c), b = back.plane(c);
                    for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5, m.label() + " pixel " + i);
                }
            }
        }
    }

    @Test
    void dropoutHidesWholeCellsAndIsDeterministicForItsSeed() {
        FloatImage image = random(64, 48, 1, 2);
        Mask mask = holes(64, 48);
        EnsembleMember a = new EnsembleMember(Dihedral.IDENTITY, 0, 0, 0.3, 8, 5);
        Mask dropped = a.withDropped(mask);
        assertTrue(dropped.sameContent(a.withDropped(mask)));
        assertTrue(!dropped.sameContent(new EnsembleMember(Dihedral.IDENTITY, 0, 0, 0.3, 8, 6).withDropped(mask)), "another seed drops other cells");
        FloatImage first = a.restore(new GaussianFill(), image, mask);
        assertArrayEquals(first.plane(0), a.restore(new GaussianFill(), image, mask).plane(0));

        int droppedCells = 0;
        for (int cy = 0; cy < 48; cy += 8) {
            for (int cx = 0; cx < 64; cx += 8) {
                int hidden = 0;
                for (int y = cy; y < cy + 8; y++) for (int x = cx; x < cx + 8; x++) if (dropped.isMissing(x, y) && !mask.isMissing(x, y)) hidden++;
                assertTrue(hidden == 0 || hidden + countMissing(mask, cx, cy, 8) == 64, "cell " + cx + "," + cy + " dropped in part");
                if (hidden > 0) droppedCells++;
            }
        }
        assertTrue(droppedCells >= 5 && droppedCells <= 25, droppedCells + " of 48 cells dropped at p=0.3");
        for (int i = 0; i < mask.missing().length; i++) {
            if (mask.missing()[i]) assertTrue(dropped.missing()[i], "the original holes stay hidden");
            else assertEquals(image.plane(0)[i], first.plane(0)[i], "known pixels come from the original");
        }
    }

    private static int countMissing(Mask mask, int cx, int cy, int cell) {
        int n = 0;
        for (int y = cy; y < cy + cell; y++) for (int x = cx; x < cx + cell; x++) if (mask.isMissing(x, y)) n++;
        return n;
    }

    @Test
    void spreadIsZeroAtKnownPixelsAndTheStdOfTheMembers() {
        Mask mask = Mask.empty(2, 1);
        mask.missing()[1] = true;
        List<FloatImage> results = List.of(FloatImage.of(2, 1, 8, new float[]{0.5f, 0.2f}),
                FloatImage.of(2, 1, 8, new float[]{0.5f, 0.4f}), FloatImage.of(2, 1, 8, new float[]{0.5f, 0.6f}));
        float[] sd = TestTimeEnsemble.spread(results, mask);
        assertEquals(0, sd[0]);
        assertEquals(Math.sqrt(0.08 / 3), sd[1], 1e-6);
    }

    @Test
    void rejectsBadMembers() {
        assertThrows(IllegalArgumentException.class, () -> new EnsembleMember(Dihedral.IDENTITY, -1, 0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleMember(Dihedral.IDENTITY, 0, 0, 1, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new TestTimeEnsemble(List.of(EnsembleMember.identity())));
        assertThrows(IllegalArgumentException.class, () -> new TestTimeEnsemble(List.of(
                new EnsembleMember(Dihedral.FLIP_X, 0, 0, 0, 1, 0), EnsembleMember.identity())));
    }
}
