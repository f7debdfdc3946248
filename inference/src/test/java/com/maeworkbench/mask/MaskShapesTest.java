package com.maeworkbench.mask;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

class MaskShapesTest {

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        assertTrue(MaskShapes.patches(100, 80, 0.5, 8, 7).sameContent(MaskShapes.patches(100, 80, 0.5, 8, 7)));
        assertFalse(MaskShapes.patches(100, 80, 0.5, 8, 7).sameContent(MaskShapes.patches(100, 80, 0.5, 8, 8)));
        assertTrue(MaskShapes.strokes(100, 80, 5, 7).sameContent(MaskShapes.strokes(100, 80, 5, 7)));
        assertFalse(MaskShapes.strokes(100, 80, 5, 7).sameContent(MaskShapes.strokes(100, 80, 5, 8)));
    }

    @Test
    void patchesHitTheRatioWithinOnePatchAndMaskWholeCells() {
        int[][] sizes = {{512, 512, 16}, {100, 70, 8}, {37, 23, 5}, {64, 64, 1}};
        for (int[] s : sizes) {
            int w = s[0], h = s[1], size = s[2];
            double share = size * size / (double) (w * h);
            for (double ratio : new double[]{0.1, 0.25, 0.5, 0.75, 0.9}) {
                Mask mask = MaskShapes.patches(w, h, ratio, size, 3);
                assertEquals(ratio, mask.ratio(), share, w + "x" + h + " size " + size + " ratio " + ratio);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertEquals(mask.isMissing(x / size * size, y / size * size), mask.isMissing(x, y), "cell not whole at " + x + "," + y);
                    }
                }
            }
        }
        assertTrue(MaskShapes.patches(50, 30, 0, 8, 1).isEmpty());
        assertEquals(50 * 30, MaskShapes.patches(50, 30, 1, 8, 1).count());
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.patches(50, 30, 1.5, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.patches(50, 30, Double.NaN, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.patches(50, 30, 0.5, 0, 1));
    }

    @Test
    void brushPaintsPixelsWhoseCentresLieWithinTheRadius() {
        Mask mask = Mask.empty(30, 20);
        // one point at (10.5, 10.5), radius 2: pixel centres (x + 0.5, y + 0.5) within 2, i.e.
        // dx^2 + dy^2 <= 4 over integer offsets: 1 + 4 + 4 + 4 (at 2 and 1 away on each axis... ) = 13 pixels
        Region r = MaskShapes.brush(mask, List.<double[]>of(new double[]{10.5, 10.5}), 2, true);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                int dx = x - 10, dy = y - 10;
                assertEquals(dx * dx + dy * dy <= 4, mask.isMissing(x, y), x + "," + y);
            }
        }
        assertEquals(13, mask.count());
        assertEquals(new Region(8, 8, 5, 5), r);

        // a stroke from (2.5, 5.5) to (12.5, 5.5), radius 1: row 5 spans x 1..13 (caps), rows 4 and 6 x 2..12
        Mask line = Mask.empty(30, 20);
        MaskShapes.brush(line, List.of(new double[]{2.5, 5.5}, new double[]{12.5, 5.5}), 1, true);
        assertEquals(13 + 11 + 11, line.count());
        assertTrue(line.isMissing(1, 5) && line.isMissing(13, 5) && !line.isMissing(1, 4) && line.isMissing(2, 4));

        // erasing with the same stroke clears it, and painting off the image touches nothing
        MaskShapes.brush(line, List.of(new double[]{2.5, 5.5}, new double[]{12.5, 5.5}), 1, false);
        assertTrue(line.isEmpty());
        assertTrue(MaskShapes.brush(line, List.<double[]>of(new double[]{-50, -50}), 3, true).isEmpty());
        assertTrue(line.isEmpty());
    }

    @Test
    void rectAndEllipseAreClippedAndExact() {
        Mask rect = MaskShapes.rect(20, 10, 15, -2, 10, 5);
        assertEquals(5 * 3, rect.count());
        assertTrue(rect.isMissing(19, 0) && rect.isMissing(15, 2) && !rect.isMissing(15, 3));
        Mask ellipse = MaskShapes.ellipse(20, 20, 2, 4, 16, 12);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                double dx = (x + 0.5 - 10) / 8, dy = (y + 0.5 - 10) / 6;
                assertEquals(dx * dx + dy * dy <= 1, ellipse.isMissing(x, y), x + "," + y);
            }
        }
    }

    @Test
    void strokesStayInsideAndRespectCount() {
        assertTrue(MaskShapes.strokes(64, 64, 0, 1).isEmpty());
        double r = MaskShapes.strokes(256, 256, 6, 1).ratio();
        assertTrue(r > 0.01 && r < 0.6, "ratio " + r);
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.strokes(64, 64, 2, 5, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.strokes(64, 64, -1, 1));
    }

    @Test
    void linesAreBandsAtTheirPeriodAcrossTheWholeImage() {
        // every=4, width=1, drop=1: one whole row in four at one phase; the same seed gives the same phase
        Mask rows = MaskShapes.lines(30, 40, false, 4, 1, 1, 9);
        int first = -1;
        for (int y = 0; y < 40; y++) {
            boolean row = rows.isMissing(0, y);
            for (int x = 0; x < 30; x++) assertEquals(row, rows.isMissing(x, y), "whole row " + y);
            if (row && first < 0) first = y;
        }
        for (int y = 0; y < 40; y++) assertEquals((y - first) % 4 == 0 && y >= first, rows.isMissing(0, y), "row " + y);
        assertTrue(first >= 0 && first < 4);
        assertEquals(0.25, rows.ratio(), 1.0 / 40);
        // columns, bands 2 px wide every 5: each column band is whole and 2 px wide (bar the image edge)
        Mask cols = MaskShapes.lines(50, 7, true, 5, 2, 1, 3);
        for (int x = 0; x < 50; x++) {
            for (int y = 1; y < 7; y++) assertEquals(cols.isMissing(x, 0), cols.isMissing(x, y));
        }
        assertEquals(0.4, cols.ratio(), 2.0 / 50);
        // drop thins the bands out at random; drop=0 hides nothing; every=1 with drop picks single lines
        assertTrue(MaskShapes.lines(64, 64, false, 4, 1, 0, 1).isEmpty());
        double thin = MaskShapes.lines(400, 400, true, 1, 1, 0.1, 5).ratio();
        assertTrue(thin > 0.05 && thin < 0.15, "ratio " + thin);
        assertFalse(MaskShapes.lines(64, 64, false, 4, 1, 0.5, 1).sameContent(MaskShapes.lines(64, 64, false, 4, 1, 0.5, 2)));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.lines(10, 10, false, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.lines(10, 10, false, 4, 5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.lines(10, 10, false, 4, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MaskShapes.lines(10, 10, false, 4, 1, 1.5, 1));
    }

    /** The training pipeline's generator (training/masks.py line_mask) wrote this fixture: same masks, bit for bit. */
    @Test
    void linesMatchTheTrainingPipelineBitForBit() throws IOException {
        String fixture;
        try (InputStream in = MaskShapesTest.class.getResourceAsStream("/mask/line-masks.tsv")) {
            assertNotNull(in, "fixture missing: run training/fixtures/make_line_mask_fixture.py");
            fixture = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<String> rows = fixture.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(rows.size() >= 10, "fixture rows " + rows.size());
        for (String row : rows) {
            String[] f = row.split("\t");
            int w = Integer.parseInt(f[1]), h = Integer.parseInt(f[2]);
            byte[] packed = HexFormat.of().parseHex(f[3]);
            Mask mask = MaskSpec.parse(f[0]).generate(w, h);
            boolean[] m = mask.missing();
            assertEquals((m.length + 7) / 8, packed.length, f[0]);
            for (int i = 0; i < m.length; i++) {
                boolean expected = (packed[i >> 3] >> (7 - (i & 7)) & 1) == 1;
                assertEquals(expected, m[i], f[0] + " " + w + "x" + h + " pixel " + (i % w) + "," + (i / w));
            }
        }
    }

    @Test
    void specParsesGeneratesAndKeepsItsText() {
        MaskSpec spec = MaskSpec.parse("patches:ratio=0.5,size=16,seed=1");
        assertEquals("patches", spec.kind());
        assertEquals("patches:ratio=0.5,size=16,seed=1", spec.toString());
        assertTrue(spec.generate(128, 96).sameContent(MaskShapes.patches(128, 96, 0.5, 16, 1)));
        assertTrue(MaskSpec.parse(" PATCHES:Ratio=0.25 ").generate(64, 64).sameContent(MaskShapes.patches(64, 64, 0.25, 16, 1)));
        assertTrue(MaskSpec.parse("strokes:count=3,seed=9").generate(80, 60).sameContent(MaskShapes.strokes(80, 60, 3, 9)));
        assertTrue(MaskSpec.parse("strokes:count=3,seed=9,minwidth=4,maxwidth=8").generate(80, 60)
                .sameContent(MaskShapes.strokes(80, 60, 3, 4, 8, 9)));
        assertTrue(MaskSpec.parse("rect:x=1,y=2,w=3,h=4").generate(10, 10).sameContent(MaskShapes.rect(10, 10, 1, 2, 3, 4)));
        assertTrue(MaskSpec.parse("ellipse:x=1,y=2,w=6,h=4").generate(10, 10).sameContent(MaskShapes.ellipse(10, 10, 1, 2, 6, 4)));
        assertTrue(MaskSpec.parse("patches").generate(32, 32).sameContent(MaskShapes.patches(32, 32, 0.5, 16, 1)));
        assertTrue(MaskSpec.parse("lines:axis=col,every=3,width=2,drop=0.5,seed=4").generate(40, 30)
                .sameContent(MaskShapes.lines(40, 30, true, 3, 2, 0.5, 4)));
        assertTrue(MaskSpec.parse("LINES:AXIS=ROW").generate(40, 30).sameContent(MaskShapes.lines(40, 30, false, 4, 1, 1, 1)));
        assertEquals("lines", MaskSpec.parse("lines").kind());
    }

    @Test
    void specErrorsNameTheProblem() {
        assertMessage("unknown kind", "blobs:ratio=0.5");
        assertMessage("bad parameter", "patches:ratio=0.5,colour=3");
        assertMessage("bad parameter", "patches:ratio");
        assertMessage("not a number", "patches:ratio=half");
        assertMessage("needs x, y, w and h", "rect:x=1,y=2,w=3");
        assertMessage("not a finite number", "strokes:count=Infinity");
        assertMessage("axis must be row or col", "lines:axis=diagonal");
        assertMessage("bad parameter", "lines:size=4");
        IllegalArgumentException lines = assertThrows(IllegalArgumentException.class, () -> MaskSpec.parse("lines:every=2,width=3").generate(10, 10));
        assertTrue(lines.getMessage().contains("lines:every=2,width=3") && lines.getMessage().contains("width"), lines.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskSpec.parse("patches:ratio=2").generate(10, 10));
        assertTrue(e.getMessage().contains("patches:ratio=2") && e.getMessage().contains("ratio"), e.getMessage());
    }

    @Test
    void specParsingIgnoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // "I".toLowerCase() is a dotless i here
            assertEquals("ellipse", MaskSpec.parse("ELLIPSE:X=1,Y=1,W=4,H=4").kind());
            assertEquals("strokes", MaskSpec.parse("strokes:MINWIDTH=3").kind());
        } finally {
            Locale.setDefault(before);
        }
    }

    private static void assertMessage(String part, String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskSpec.parse(spec));
        assertTrue(e.getMessage().contains(part) && e.getMessage().contains(spec), e.getMessage());
    }
}
