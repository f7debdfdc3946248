package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskGeometry;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.mask.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A region update after a mask edit gives exactly what a whole-image run gives, and really uses a crop. */
class RegionUpdateTest {

    private static final List<String> MASKS = List.of("patches:ratio=0.5,size=16,seed=1", "strokes:count=6,seed=1", "rect:x=100,y=100,w=20,h=20");

    static FloatImage sample(String name) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("assets/samples"))) p = p.getParent();
        return ImageFiles.read(p.resolve("assets/samples").resolve(name), 10_000_000);
    }

    @ParameterizedTest
    @CsvSource({"bilinear, camera.png", "bilinear, astronaut.png", "median, camera.png", "median, astronaut.png"})
    void regionUpdatesEqualWholeImageRuns(String id, String file) throws Exception {
        FloatImage image = sample(file);
        RestorationMethod method = Methods.byId(id);
        int cropped = 0;
        for (String spec : MASKS) {
            Mask last = MaskSpec.parse(spec).generate(image.width(), image.height());
            FloatImage previous = method.restore(image, last);
            for (int edit = 0; edit < 3; edit++) {
                Mask next = last.copy();
                Region dirty = switch (edit) {
                    case 0 -> MaskShapes.brush(next, List.of(new double[]{200, 200}, new double[]{260, 230}), 8, true);
                    case 1 -> MaskShapes.brush(next, List.of(new double[]{230, 190}, new double[]{230, 260}), 6, false);
                    default -> MaskShapes.fillRect(next, 40, 400, 30, 20, true);
                };
                FloatImage updated = method.restore(image, next, dirty, previous);
                FloatImage full = method.restore(image, next);
                for (int c = 0; c < full.channels(); c++) {
                    for (int i = 0; i < full.pixels(); i++) {
                        assertEquals(full.plane(c)[i], updated.plane(c)[i], 0f, id + " " + spec + " edit " + edit + " pixel " + i);
                    }
                }
                if (RegionUpdate.crop(reach(id).applyAsInt(MaskGeometry.withEdited(next, dirty)), dirty, image.width(), image.height()) != null) cropped++;
                previous = updated;
                last = next;
            }
        }
        assertTrue(cropped > 0, id + " used a crop at least once");
    }

    private static ToIntFunction<MaskGeometry> reach(String id) {
        return id.equals("bilinear") ? BilinearFill.REACH : MedianFill.REACH;
    }

    @Test
    void tooSmallAReachBreaksExactness() throws Exception {
        // The test above can fail: a reach one pixel short of the holes gives different pixels.
        FloatImage image = sample("camera.png");
        Mask last = MaskShapes.rect(image.width(), image.height(), 150, 150, 100, 100);
        RestorationMethod bilinear = Methods.byId("bilinear");
        FloatImage previous = bilinear.restore(image, last);
        Mask next = last.copy();
        Region dirty = MaskShapes.fillRect(next, 195, 195, 10, 10, false); // known pixels inside a big hole
        FloatImage shortReach = RegionUpdate.restore(bilinear, g -> 1, image, next, dirty, previous);
        FloatImage full = bilinear.restore(image, next);
        boolean differs = false;
        for (int i = 0; i < full.pixels() && !differs; i++) differs = full.plane(0)[i] != shortReach.plane(0)[i];
        assertTrue(differs);
    }

    @Test
    void wholeImageMethodsAndMissingPreviousRunFull() throws Exception {
        FloatImage image = sample("camera.png");
        Mask mask = MaskSpec.parse("patches:ratio=0.5,size=16,seed=1").generate(image.width(), image.height());
        for (String id : List.of("gaussian", "bilateral", "bilinear")) {
            RestorationMethod m = Methods.byId(id);
            FloatImage full = m.restore(image, mask);
            FloatImage fromScratch = m.restore(image, mask, null, null);
            for (int i = 0; i < full.pixels(); i++) assertEquals(full.plane(0)[i], fromScratch.plane(0)[i], 0f, id);
        }
        FloatImage previous = Methods.byId("median").restore(image, mask);
        assertSame(previous, Methods.byId("median").restore(image, mask, Region.EMPTY, previous), "nothing edited, nothing redone");
        assertNotNull(RegionUpdate.crop(4, new Region(10, 10, 5, 5), 512, 512));
        assertFalse(Methods.byId("telea").interactive() || Methods.byId("ns").interactive(), "Telea and Navier-Stokes wait for the edit to end");
    }
}
