package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaeMethodTest {

    private static MaeMethod mae;

    @BeforeAll
    static void load() {
        mae = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()));
    }

    @AfterAll
    static void close() {
        mae.close();
    }

    /** Known pixels bit-identical to the input, masked pixels finite in [0,1]; returns how many masked pixels changed. */
    static int assertComposite(FloatImage in, Mask mask, FloatImage out) {
        assertEquals(in.width(), out.width());
        assertEquals(in.height(), out.height());
        assertEquals(in.channels(), out.channels());
        assertEquals(in.bitDepth(), out.bitDepth());
        int changed = 0;
        for (int c = 0; c < in.channels(); c++) {
            float[] a = in.plane(c), b = out.plane(c);
            for (int i = 0; i < a.length; i++) {
                if (mask.missing()[i]) {
                    assertTrue(Float.isFinite(b[i]) && b[i] >= 0 && b[i] <= 1, "masked pixel " + i + " = " + b[i]);
                    if (b[i] != a[i]) changed++;
                } else {
                    assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "known pixel " + i + " changed");
                }
            }
        }
        return changed;
    }

    @Test
    void identity() {
        assertEquals("mae", mae.id());
        assertEquals("MAE", mae.displayName());
        assertTrue(mae.availability().available());
        assertEquals("CPU", mae.execution().provider());
        assertTrue(mae.info().imageSize() > 0);
    }

    @Test
    void knownPixelsAreExactlyTheInput() {
        FloatImage image = Fixtures.randomRgb(150, 97, 5);
        Mask mask = MaskShapes.strokes(150, 97, 5, 11);
        float[] before = image.plane(1).clone();
        FloatImage out = mae.restore(image, mask);
        int changed = assertComposite(image, mask, out);
        assertTrue(changed > mask.count(), "the model should replace most masked values, changed " + changed);
        assertArrayEquals(before, image.plane(1), "input must not be modified");
    }

    @Test
    void emptyMaskReturnsTheInputWithoutRunningTheModel() {
        FloatImage image = Fixtures.randomRgb(90, 60, 6);
        long tiles = mae.tilesRun();
        FloatImage out = mae.restore(image, Mask.empty(90, 60));
        assertEquals(0, assertComposite(image, Mask.empty(90, 60), out));
        assertEquals(tiles, mae.tilesRun());
    }

    @Test
    void allMaskedImageIsFinite() {
        int s = mae.info().imageSize();
        for (int[] size : new int[][]{{s, s}, {s + 13, 2 * s + 5}}) {
            FloatImage image = Fixtures.randomRgb(size[0], size[1], 7);
            Mask mask = Fixtures.all(size[0], size[1]);
            int changed = assertComposite(image, mask, mae.restore(image, mask));
            assertTrue(changed > 0.9 * 3 * mask.count(), "changed " + changed + " of " + 3 * mask.count());
        }
    }

    @Test
    void imagesSmallerThanOnePatchWork() {
        FloatImage one = Fixtures.randomRgb(1, 1, 8);
        assertComposite(one, Fixtures.all(1, 1), mae.restore(one, Fixtures.all(1, 1)));
        FloatImage small = Fixtures.randomRgb(5, 7, 9);
        Mask mask = MaskShapes.rect(5, 7, 1, 2, 2, 3);
        assertTrue(assertComposite(small, mask, mae.restore(small, mask)) > 0);
        FloatImage gray = Fixtures.smooth(5, 7, 1, 8, 0, 1);
        assertComposite(gray, mask, mae.restore(gray, mask));
    }

    @Test
    void grayIsTheMeanOfTheThreeChannelAnswer() {
        FloatImage gray = Fixtures.smooth(101, 77, 1, 8, 0, 1);
        FloatImage rgb = FloatImage.of(101, 77, 8, gray.plane(0), gray.plane(0), gray.plane(0));
        Mask mask = Fixtures.blobs(101, 77, 6, 3);
        FloatImage g = mae.restore(gray, mask);
        FloatImage c = mae.restore(rgb, mask);
        assertEquals(1, g.channels());
        assertComposite(gray, mask, g);
        for (int i = 0; i < gray.pixels(); i++) {
            if (!mask.missing()[i]) continue;
            float mean = (c.plane(0)[i] + c.plane(1)[i] + c.plane(2)[i]) / 3;
            assertEquals(mean, g.plane(0)[i], 2e-6f, "pixel " + i);
        }
    }

    @Test
    void incrementalRestoreEqualsFullRestore() {
        int s = mae.info().imageSize();
        int w = 4 * s + 9, h = 3 * s + 3;
        FloatImage image = Fixtures.smooth(w, h, 3, 8, 0.1f, 0.9f);
        Mask before = Fixtures.blobs(w, h, 5, 21);
        FloatImage previous = mae.restore(image, before);

        Mask after = before.copy();
        Region dirty = MaskShapes.fillEllipse(after, w - s, h - s / 2, s / 3, s / 4, true);
        dirty = dirty.union(MaskShapes.fillRect(after, w - s - 6, h - s / 2, 4, 4, false)); // erasing is an edit too
        long t0 = mae.tilesRun();
        FloatImage incremental = mae.restore(image, after, dirty, previous);
        long incrementalTiles = mae.tilesRun() - t0;
        long t1 = mae.tilesRun();
        FloatImage full = mae.restore(image, after);
        long fullTiles = mae.tilesRun() - t1;

        for (int c = 0; c < 3; c++) assertArrayEquals(full.plane(c), incremental.plane(c), "channel " + c);
        assertTrue(incrementalTiles < fullTiles, incrementalTiles + " tiles vs " + fullTiles + " for a full restore");
        assertComposite(image, after, incremental);
    }

    @Test
    void chainedEditsRerunOnlyTheTilesWhoseInputChanged() {
        int s = mae.info().imageSize();
        int w = 6 * s, h = 5 * s;
        FloatImage image = Fixtures.randomRgb(w, h, 5);
        Mask mask = Fixtures.blobs(w, h, 12, 3);
        // The reference runs on its own instance, so its full restores leave this one's kept tiles alone.
        try (MaeMethod reference = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()))) {
            FloatImage result = mae.restore(image, mask);
            for (int edit = 0; edit < 3; edit++) {
                // A small dab inside one tile-stride cell, away from the borders: at most 2x2 tile windows see it.
                int cx = s + s / 2 + edit * s + s / 4, cy = 2 * s + s / 4;
                Region dirty = MaskShapes.fillRect(mask, cx, cy, 3, 3, true);
                long t0 = mae.tilesRun();
                result = mae.restore(image, mask, dirty, result);
                long rerun = mae.tilesRun() - t0;
                assertTrue(rerun <= 4, "edit " + edit + " reran " + rerun + " tiles");
                FloatImage full = reference.restore(image, mask);
                for (int c = 0; c < 3; c++) assertArrayEquals(full.plane(c), result.plane(c), "edit " + edit + ", channel " + c);
            }
        }
    }

    @Test
    void tilesSideBySideGiveTheSameResultAsOneAtATime() {
        int s = mae.info().imageSize();
        FloatImage image = Fixtures.randomRgb(5 * s + 7, 3 * s + 1, 14);
        Mask mask = Fixtures.blobs(image.width(), image.height(), 9, 5);
        try (MaeMethod one = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()), 1);
             MaeMethod three = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()), 3)) {
            FloatImage a = one.restore(image, mask), b = three.restore(image, mask);
            assertEquals(one.tilesRun(), three.tilesRun());
            for (int c = 0; c < 3; c++) assertArrayEquals(a.plane(c), b.plane(c), "channel " + c);
        }
    }

    @Test
    void restoringWithAClosedMethodSaysTheModelIsClosed() {
        MaeMethod closed = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()), 2);
        closed.close();
        FloatImage image = Fixtures.randomRgb(100, 80, 15);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.restore(image, Fixtures.blobs(100, 80, 4, 2)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void incrementalWithoutPreviousIsAFullRestore() {
        FloatImage image = Fixtures.randomRgb(70, 50, 12);
        Mask mask = Fixtures.blobs(70, 50, 3, 4);
        FloatImage full = mae.restore(image, mask);
        FloatImage inc = mae.restore(image, mask, new Region(0, 0, 1, 1), null);
        for (int c = 0; c < 3; c++) assertArrayEquals(full.plane(c), inc.plane(c));
    }

    @Test
    void interruptCancelsBetweenTiles() {
        FloatImage image = Fixtures.randomRgb(200, 200, 13);
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> mae.restore(image, Fixtures.all(200, 200)));
        assertFalse(Thread.interrupted(), "the interrupt is consumed by the cancellation");
    }

    @Test
    void maskOfAnotherSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> mae.restore(Fixtures.randomRgb(10, 10, 1), Mask.empty(10, 11)));
    }

    @Test
    void differentMasksGiveDifferentAnswers() {
        FloatImage image = Fixtures.smooth(80, 80, 3, 8, 0, 1);
        Mask a = MaskShapes.rect(80, 80, 20, 20, 16, 16);
        Mask b = a.copy();
        MaskShapes.fillRect(b, 40, 20, 16, 16, true);
        FloatImage ra = mae.restore(image, a), rb = mae.restore(image, b);
        int differ = 0; // pixels masked in both whose context differs
        for (int i = 0; i < 80 * 80; i++) if (a.missing()[i] && ra.plane(0)[i] != rb.plane(0)[i]) differ++;
        assertTrue(differ > a.count() / 4, differ + " of " + a.count());
    }
}
