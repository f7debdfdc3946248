package com.maeworkbench.app.service;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Region recompute of the real classical methods gives exactly what a full run gives. */
class RestorersTest {

    private static FloatImage image;
    private static Mask patches, strokes;

    @BeforeAll
    static void load() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("assets"))) p = p.getParent();
        image = ImageFiles.read(p.resolve("assets/samples/camera.png"), 10_000_000);
        patches = MaskSpec.parse("patches:ratio=0.5,size=16,seed=1").generate(image.width(), image.height());
        strokes = MaskSpec.parse("strokes:count=6,seed=1").generate(image.width(), image.height());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bilinear", "gaussian", "median", "bilateral"})
    void regionRunsMatchFullRuns(String id) {
        RestorationMethod method = Methods.byId(id);
        assertTrue(Restorers.REACH.containsKey(id));
        Restorers.Incremental inc = Restorers.forMethod(method).restorer();
        int regionRuns = 0;
        for (Mask base : List.of(patches, strokes, MaskShapes.rect(image.width(), image.height(), 100, 100, 20, 20))) regionRuns += check(id, method, inc, base);
        assertTrue(regionRuns > 0, id + " used a region at least once");
    }

    /** Three edits on top of {@code base}; returns how many were recomputed as a region. */
    private static int check(String id, RestorationMethod method, Restorers.Incremental inc, Mask base) {
        FloatImage previous = method.restore(image, base);
        Mask last = base;
        int regionRuns = 0;
        for (int edit = 0; edit < 3; edit++) {
            Mask next = last.copy();
            Region dirty = switch (edit) {
                case 0 -> MaskShapes.brush(next, List.of(new double[]{200, 200}, new double[]{260, 230}), 8, true);
                case 1 -> MaskShapes.brush(next, List.of(new double[]{230, 190}, new double[]{230, 260}), 6, false);
                default -> MaskShapes.fillRect(next, 40, 400, 30, 20, true);
            };
            RegionRestore.Outcome out = inc.restore(image, next, last, dirty, previous);
            FloatImage full = method.restore(image, next);
            if (out.region()) regionRuns++;
            for (int c = 0; c < full.channels(); c++) {
                for (int i = 0; i < full.pixels(); i++) {
                    assertEquals(full.plane(c)[i], out.image().plane(c)[i], 1e-6f, id + " edit " + edit + " pixel " + i);
                }
            }
            previous = out.image();
            last = next;
        }
        return regionRuns;
    }
}
