package com.maeworkbench.metric;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics updated only where a restoration changed are exactly the whole-image metrics. */
class QualityTrackerTest {

    @ParameterizedTest
    @ValueSource(strings = {"camera.png", "astronaut.png"})
    void trackedMetricsEqualWholeImageMetrics(String file) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("assets/samples"))) p = p.getParent();
        FloatImage image = ImageFiles.read(p.resolve("assets/samples").resolve(file), 10_000_000);
        RestorationMethod method = Methods.byId("median");
        QualityTracker tracker = new QualityTracker();
        Mask mask = MaskSpec.parse("patches:ratio=0.5,size=16,seed=1").generate(image.width(), image.height());
        FloatImage restored = method.restore(image, mask);
        check(tracker, image, restored, mask, "first");
        List<double[]> strokes = List.of(new double[]{0, 0}, new double[]{30, 10}); // at the corner: windows cut by the border
        for (int edit = 0; edit < 4; edit++) {
            Mask next = mask.copy();
            Region dirty = switch (edit) {
                case 0 -> MaskShapes.brush(next, strokes, 6, true);
                case 1 -> MaskShapes.brush(next, List.of(new double[]{200, 220}, new double[]{260, 250}), 9, true);
                case 2 -> MaskShapes.brush(next, List.of(new double[]{210, 230}, new double[]{240, 230}), 5, false);
                default -> Region.EMPTY; // same result again: nothing to redo, same numbers
            };
            FloatImage updated = method.restore(image, next, dirty, restored);
            check(tracker, image, updated, next, "edit " + edit);
            mask = next;
            restored = updated;
        }
        FloatImage other = Methods.byId("bilinear").restore(image, mask); // a new result everywhere
        check(tracker, image, other, mask, "other method");
    }

    private static void check(QualityTracker tracker, FloatImage image, FloatImage restored, Mask mask, String what) {
        Metrics expected = Quality.measure(image, restored, mask, 1), actual = tracker.measure(image, restored, mask, 1);
        assertEquals(expected, actual, what); // every component, the peak and the coverage included
    }

    @Test
    void aFlatOriginalGivesTheSameUndefinedScores() {
        float[] flat = new float[32 * 24];
        java.util.Arrays.fill(flat, 0.25f);
        FloatImage image = FloatImage.of(32, 24, 8, flat);
        Mask mask = MaskSpec.parse("rect:x=4,y=4,w=10,h=8").generate(32, 24);
        FloatImage restored = Methods.byId("bilinear").restore(image, mask);
        check(new QualityTracker(), image, restored, mask, "flat");
        assertTrue(Double.isNaN(new QualityTracker().measure(image, restored, mask, 1).ssim()));
    }
}
