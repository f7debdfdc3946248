package com.maeworkbench.app.view;

import com.maeworkbench.app.state.ViewArea;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Region;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Renders of a crop at one pixel per block: block means, clipped blocks at the image's edge, the crop for a view. */
class RendererTest {

    private static final DisplayWindow UNIT = new DisplayWindow(0, 1);

    private static int grey(int argb) {
        return argb & 0xFF;
    }

    @Test
    void levelOneCopiesTheCropAndCoarserLevelsAverageEachBlockClippedAtTheEdge() {
        // 5x3 ramp: value = (2x + 20y) / 255, so grey levels read back as 2x + 20y.
        float[] p = new float[15];
        for (int y = 0; y < 3; y++) for (int x = 0; x < 5; x++) p[y * 5 + x] = (2 * x + 20 * y) / 255f;
        FloatImage img = FloatImage.of(5, 3, 8, p);

        Region crop = new Region(1, 1, 4, 2);
        int[] one = new int[Renderer.width(crop, 1) * Renderer.height(crop, 1)];
        Renderer.window(img, UNIT, crop, 1, one);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 4; x++) assertEquals(2 * (x + 1) + 20 * (y + 1), grey(one[y * 4 + x]));

        Region all = new Region(0, 0, 5, 3);
        assertEquals(3, Renderer.width(all, 2));
        assertEquals(2, Renderer.height(all, 2));
        int[] two = new int[6];
        Renderer.window(img, UNIT, all, 2, two);
        // Blocks: x {0,1},{2,3},{4}; y {0,1},{2}. Mean of 2x + 20y over each.
        assertArrayEquals(new int[]{11, 15, 18, 41, 45, 48}, java.util.Arrays.stream(two).map(RendererTest::grey).toArray());
    }

    @Test
    void theDifferenceHeatmapAveragesBlocksAsTheImageDoes() {
        FloatImage ref = FloatImage.of(4, 2, 8, new float[8]);
        float[] p = new float[8];
        p[0] = 0.25f; // one pixel of a 2x2 block: the block's mean is 1/16
        FloatImage img = FloatImage.of(4, 2, 8, p);
        int[] out = new int[2];
        Renderer.difference(img, ref, UNIT, new Region(0, 0, 4, 2), 2, out);
        int[] full = new int[1];
        FloatImage mean = FloatImage.of(1, 1, 8, new float[]{0.0625f});
        Renderer.difference(mean, FloatImage.of(1, 1, 8, new float[1]), UNIT, new Region(0, 0, 1, 1), 1, full);
        assertEquals(full[0], out[0]);
        assertEquals(Renderer.heat(0), out[1]);
    }

    @Test
    void theDrawnPartIsWhatIsOnScreenWithHalfAScreenEachWayAtALevelTheZoomAllows() {
        assertEquals(1, RenderedImage.level(1));
        assertEquals(1, RenderedImage.level(0.6));
        assertEquals(12, RenderedImage.level(1 / 12.5));
        // A 24 MP photo fitted into a 500 px panel: all of it, one pixel per 12x12 block.
        ViewArea fitted = new ViewArea(new Region(0, 0, 6000, 4000), 500 / 6000.0);
        assertEquals(new Region(0, 0, 6000, 4000), RenderedImage.crop(fitted, 6000, 4000));
        // At 1:1, 500x400 on screen in the middle: that and 250/200 px around it, aligned to the level.
        ViewArea oneToOne = new ViewArea(new Region(2750, 1800, 500, 400), 1);
        assertEquals(new Region(2500, 1600, 1000, 800), RenderedImage.crop(oneToOne, 6000, 4000));
        // Near an edge the margin is cut at the image.
        assertEquals(new Region(0, 0, 750, 600), RenderedImage.crop(new ViewArea(new Region(0, 0, 500, 400), 1), 6000, 4000));
        // No view yet: the whole image.
        assertEquals(new Region(0, 0, 300, 200), RenderedImage.crop(null, 300, 200));
    }
}
