package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pixel-mask variant of the contract: per-pixel input, known pixels of partly masked patches stay in play. */
class PixelMaskTest {

    private static MaeMethod pixel;

    @BeforeAll
    static void load() {
        pixel = new MaeMethod(Fixtures.open(Fixtures.pixelFixtureModel()));
    }

    @AfterAll
    static void close() {
        pixel.close();
    }

    @Test
    void eachFixtureReportsItsVariant() {
        ModelInfo info = pixel.info();
        assertEquals(MaskInput.PIXEL, info.maskInput());
        assertEquals(32 * 32, info.maskLength());
        assertEquals(16, info.patchCount());
        assertTrue(info.maskDescription().startsWith("pixel_mask [1, 1, 32, 32]"), info.maskDescription());
        try (MaeModel patch = Fixtures.open(Fixtures.fixtureModel())) {
            assertEquals(MaskInput.PATCH, patch.info().maskInput());
            assertEquals(16, patch.info().maskLength());
            assertTrue(patch.info().maskDescription().startsWith("mask [1, 16]"), patch.info().maskDescription());
        }
    }

    /** A tile mask with a fully unknown patch, a half-known (checkerboard) patch and a one-pixel stroke. */
    private static float[] tileMask(int s, int p) {
        float[] m = new float[s * s];
        for (int y = 0; y < p; y++) for (int x = 0; x < p; x++) m[y * s + x] = 1;
        for (int y = p; y < 2 * p; y++) for (int x = 2 * p; x < 3 * p; x++) m[y * s + x] = (x + y) % 2 == 0 ? 1 : 0;
        for (int x = 0; x < s; x++) m[(s - 3) * s + x] = 1;
        return m;
    }

    private static float[] tile(int s, long seed) {
        float[][] planes = Fixtures.randomRgb(s, s, seed).planes();
        float[] rgb = new float[3 * s * s];
        for (int c = 0; c < 3; c++) System.arraycopy(planes[c], 0, rgb, c * s * s, s * s);
        return rgb;
    }

    @Test
    void unknownPixelsDoNotReachTheOutput() {
        try (MaeModel model = Fixtures.open(Fixtures.pixelFixtureModel())) {
            int s = model.info().imageSize(), p = model.info().patchSize();
            float[] mask = tileMask(s, p), rgb = tile(s, 31);
            float[] out = model.runTile(rgb, mask);
            float[] other = rgb.clone();
            for (int i = 0; i < other.length; i++) if (mask[i % (s * s)] != 0) other[i] = 1 - other[i] / 2;
            assertArrayEquals(out, model.runTile(other, mask));
        }
    }

    @Test
    void aKnownPixelInAPartlyMaskedPatchChangesTheOutput() {
        try (MaeModel model = Fixtures.open(Fixtures.pixelFixtureModel())) {
            int s = model.info().imageSize(), p = model.info().patchSize();
            float[] mask = tileMask(s, p), rgb = tile(s, 32);
            int known = p * s + 2 * p + 1; // row p, column 2p+1: a known square of the checkerboard patch
            assertEquals(0, mask[known]);
            float[] out = model.runTile(rgb, mask);
            for (int c = 0; c < 3; c++) rgb[c * s * s + known] = 1 - rgb[c * s * s + known];
            assertFalse(Arrays.equals(out, model.runTile(rgb, mask)), "the known pixel must reach the model");
        }
    }

    @Test
    void runTileWantsOneValuePerPixel() {
        try (MaeModel model = Fixtures.open(Fixtures.pixelFixtureModel())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.runTile(new float[3 * 32 * 32], new float[16]));
            assertTrue(e.getMessage().contains("pixel_mask has 16 values, expected 1024"), e.getMessage());
        }
    }

    @Test
    void strokeRestoreKeepsKnownPixelsExact() {
        FloatImage image = Fixtures.randomRgb(150, 97, 5);
        Mask mask = MaskShapes.strokes(150, 97, 5, 11);
        int changed = MaeMethodTest.assertComposite(image, mask, pixel.restore(image, mask));
        assertTrue(changed > mask.count(), "the model should replace most masked values, changed " + changed);
    }

    /**
     * A one-pixel line across the image: the pixel just below it shares its patches. A pixel-mask model reads
     * it, a patch-mask model must not (the whole patch is hidden); neither reads the line's own pixels.
     */
    @Test
    void knownPixelsBesideAStrokeReachOnlyAPixelMaskModel() {
        int s = pixel.info().imageSize();
        int w = 3 * s, h = 2 * s, line = s + 3, x = s + 5; // multiples of S: no mirrored padding
        FloatImage image = Fixtures.smooth(w, h, 3, 8, 0.1f, 0.9f);
        Mask mask = MaskShapes.rect(w, h, 0, line, w, 1);
        FloatImage knownChanged = withPixel(image, x, line + 1), unknownChanged = withPixel(image, x, line);
        try (MaeMethod patch = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()))) {
            FloatImage base = pixel.restore(image, mask), patchBase = patch.restore(image, mask);
            assertTrue(maskedDiffer(base, pixel.restore(knownChanged, mask), mask) > 0, "pixel mask model ignored a known pixel");
            assertEquals(0, maskedDiffer(base, pixel.restore(unknownChanged, mask), mask), "an unknown pixel leaked");
            assertEquals(0, maskedDiffer(patchBase, patch.restore(knownChanged, mask), mask), "patch mask model saw a hidden patch");
        }
    }

    @Test
    void incrementalRestoreEqualsFullRestoreAfterBrushAndPixelEdits() {
        int s = pixel.info().imageSize(), p = pixel.info().patchSize();
        int w = 4 * s + 9, h = 3 * s + 3, partX = 2 * s, partY = 2 * s, fullX = s, fullY = 2 * s;
        FloatImage image = Fixtures.smooth(w, h, 3, 8, 0.1f, 0.9f);
        Mask mask = MaskShapes.strokes(w, h, 4, 21);
        MaskShapes.fillRect(mask, partX, partY, p, p, false);
        MaskShapes.fillRect(mask, partX, partY, p, 1, true); // a patch with one unknown row
        MaskShapes.fillRect(mask, fullX, fullY, p, p, true); // a fully unknown patch
        FloatImage result = pixel.restore(image, mask);
        // The reference runs on its own instance, so its full restores leave this one's kept tiles alone.
        try (MaeMethod reference = new MaeMethod(Fixtures.open(Fixtures.pixelFixtureModel()))) {
            reference.restore(image, mask);
            long fullTiles = reference.tilesRun();
            for (int edit = 0; edit < 3; edit++) {
                Mask before = mask.copy();
                Region dirty = switch (edit) {
                    case 0 -> MaskShapes.brush(mask, List.of(new double[]{s, s}, new double[]{2.5 * s, 1.5 * s}), 3, true);
                    // one more unknown pixel in a patch that stays partly known: the hidden patches stay the same
                    case 1 -> MaskShapes.fillRect(mask, partX + 3, partY + 2, 1, 1, true);
                    // a known pixel inside a fully unknown patch makes it a visible token
                    default -> MaskShapes.fillRect(mask, fullX + 3, fullY + 3, 1, 1, false);
                };
                long t0 = pixel.tilesRun();
                FloatImage next = pixel.restore(image, mask, dirty, result);
                long rerun = pixel.tilesRun() - t0;
                assertTrue(rerun > 0 && rerun < fullTiles, "edit " + edit + " reran " + rerun + " of " + fullTiles + " tiles");
                FloatImage full = reference.restore(image, mask);
                for (int c = 0; c < 3; c++) assertArrayEquals(full.plane(c), next.plane(c), "edit " + edit + ", channel " + c);
                MaeMethodTest.assertComposite(image, mask, next);
                assertTrue(maskedDiffer(result, next, before, mask) > 0, "edit " + edit + " should change the model's answer");
                result = next;
            }
        }
    }

    private static FloatImage withPixel(FloatImage image, int x, int y) {
        float[][] planes = new float[3][];
        for (int c = 0; c < 3; c++) {
            planes[c] = image.plane(c).clone();
            planes[c][y * image.width() + x] = 1 - planes[c][y * image.width() + x];
        }
        return image.withPlanes(planes);
    }

    /** Values (any channel) that differ at pixels masked in every one of {@code masks}. */
    private static int maskedDiffer(FloatImage a, FloatImage b, Mask... masks) {
        int n = 0;
        for (int c = 0; c < a.channels(); c++) {
            for (int i = 0; i < a.pixels(); i++) {
                boolean masked = true;
                for (Mask m : masks) masked &= m.missing()[i];
                if (masked && a.plane(c)[i] != b.plane(c)[i]) n++;
            }
        }
        return n;
    }
}
