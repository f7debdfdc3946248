package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestoreMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MAE restores the monitor's focus first, reports progress with the result so far, and ends bit for bit where a plain restore does. */
class MaeFocusTest {

    private static MaeMethod mae;
    private static MaeMethod reference;

    @BeforeAll
    static void load() {
        mae = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()), 2);
        reference = new MaeMethod(Fixtures.open(Fixtures.fixtureModel()), 1);
    }

    @AfterAll
    static void close() {
        mae.close();
        reference.close();
    }

    /** Records every report: the share done and a copy of the partial result's first plane. */
    private static final class Recorder implements RestoreMonitor {
        final IntFunction<Region> focusAtReport;
        final List<Double> done = new ArrayList<>();
        final List<float[]> partials = new ArrayList<>();

        Recorder(IntFunction<Region> focusAtReport) {
            this.focusAtReport = focusAtReport;
        }

        @Override
        public Region focus() {
            return focusAtReport.apply(done.size());
        }

        @Override
        public void progress(double share, FloatImage partial) {
            done.add(share);
            partials.add(partial.plane(0).clone());
        }
    }

    @Test
    void focusIsRestoredFirstAndTheResultEqualsAPlainRestore() {
        int s = mae.info().imageSize();
        int w = 7 * s + 5, h = 5 * s + 3;
        FloatImage image = Fixtures.smooth(w, h, 3, 8, 0.1f, 0.9f);
        Mask mask = MaskShapes.patches(w, h, 0.5, 8, 4);
        Region focus = new Region(4 * s + 3, 3 * s + 1, s + 9, s / 2 + 5); // bottom right, off the tile grid
        long r0 = reference.tilesRun();
        FloatImage plain = reference.restore(image, mask);
        long plainTiles = reference.tilesRun() - r0;

        Recorder rec = new Recorder(k -> focus);
        long t0 = mae.tilesRun();
        FloatImage focused = mae.restore(image, mask, null, null, rec);
        long tiles = mae.tilesRun() - t0;
        for (int c = 0; c < 3; c++) assertArrayEquals(plain.plane(c), focused.plane(c), "channel " + c);
        assertEquals(plainTiles, tiles, "every tile runs once");

        assertEquals(1.0, rec.done.get(rec.done.size() - 1));
        for (int k = 1; k < rec.done.size(); k++) assertTrue(rec.done.get(k) >= rec.done.get(k - 1), "progress never goes back");
        // The first report with the whole focus restored comes before most of the rest is.
        int first = -1;
        for (int k = 0; k < rec.partials.size() && first < 0; k++) {
            if (finalIn(rec.partials.get(k), plain, mask, focus, true) == count(mask, focus, true)) first = k;
        }
        assertTrue(first >= 0 && first < rec.partials.size() - 1, "focus done at report " + first + " of " + rec.partials.size());
        int outside = count(mask, focus, false), doneOutside = finalIn(rec.partials.get(first), plain, mask, focus, false);
        assertTrue(doneOutside < outside / 4, doneOutside + " of " + outside + " pixels outside the focus done with it");
        // Pixels not restored yet hold 0 (no previous result), never a value from under the mask.
        float[] early = rec.partials.get(0);
        for (int i = 0; i < early.length; i++) if (!mask.missing()[i]) assertEquals(image.plane(0)[i], early[i]);
    }

    @Test
    void aFocusThatMovesMidwayStillGivesThePlainResult() {
        int s = mae.info().imageSize();
        int w = 6 * s, h = 4 * s + 7;
        FloatImage image = Fixtures.randomRgb(w, h, 3);
        Mask mask = Fixtures.blobs(w, h, 14, 8);
        FloatImage plain = reference.restore(image, mask);
        Recorder rec = new Recorder(k -> switch (k % 3) {
            case 0 -> new Region(w - s, 0, s, s);
            case 1 -> null;
            default -> new Region(s / 2, h - s, 2 * s, s);
        });
        FloatImage moved = mae.restore(image, mask, null, null, rec);
        for (int c = 0; c < 3; c++) assertArrayEquals(plain.plane(c), moved.plane(c), "channel " + c);
        assertTrue(rec.done.size() > 3, "reports: " + rec.done.size());
    }

    @Test
    void anIncrementalRestoreWithAFocusEqualsAFullOne() {
        int s = mae.info().imageSize();
        int w = 5 * s + 1, h = 4 * s;
        FloatImage image = Fixtures.smooth(w, h, 3, 8, 0, 1);
        Mask mask = Fixtures.blobs(w, h, 6, 2);
        FloatImage previous = mae.restore(image, mask);
        Region dirty = MaskShapes.fillRect(mask, 2 * s, s, s, 2 * s, true);
        Recorder rec = new Recorder(k -> new Region(2 * s + s / 2, 2 * s, s / 3, s / 3));
        FloatImage incremental = mae.restore(image, mask, dirty, previous, rec);
        FloatImage full = reference.restore(image, mask);
        for (int c = 0; c < 3; c++) assertArrayEquals(full.plane(c), incremental.plane(c), "channel " + c);
        // Until a pixel is restored again the partial result shows the previous one there, not 0.
        float[] early = rec.partials.get(0);
        for (int i = 0; i < early.length; i++) {
            assertTrue(early[i] == previous.plane(0)[i] || early[i] == full.plane(0)[i], "pixel " + i + " is neither before nor after");
        }
    }

    /** Masked pixels inside (or outside) {@code r} whose partial value already equals the final one. */
    private static int finalIn(float[] partial, FloatImage result, Mask mask, Region r, boolean inside) {
        int n = 0, w = mask.width();
        for (int i = 0; i < partial.length; i++) {
            if (mask.missing()[i] && contains(r, i % w, i / w) == inside && partial[i] == result.plane(0)[i]) n++;
        }
        return n;
    }

    private static int count(Mask mask, Region r, boolean inside) {
        int n = 0, w = mask.width();
        for (int i = 0; i < mask.missing().length; i++) if (mask.missing()[i] && contains(r, i % w, i / w) == inside) n++;
        return n;
    }

    private static boolean contains(Region r, int x, int y) {
        return x >= r.x() && x < r.right() && y >= r.y() && y < r.bottom();
    }
}
