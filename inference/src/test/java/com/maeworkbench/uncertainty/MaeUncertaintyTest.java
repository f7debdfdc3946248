package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped model and its shipped calibration. */
class MaeUncertaintyTest {

    static MaeMethod mae;

    @BeforeAll
    static void load() {
        mae = MaeMethod.load(MaeModel.defaultModelPath(), Device.CPU);
        assertTrue(mae.availability().available(), mae.availability().reason());
    }

    @AfterAll
    static void close() {
        mae.close();
    }

    /**
     * Left half a smooth gradient the MAE continues almost exactly; right half a texture of random-phase
     * stripes at random angles, which no restoration can guess from the context. The error is known to be
     * larger on the right, so a useful map must say so.
     */
    static FloatImage halfTextured(int w, int h, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[][] planes = new float[3][w * h];
        int blocks = (w / 2) / 16;
        double[][] angle = new double[h / 16 + 1][blocks + 1], phase = new double[h / 16 + 1][blocks + 1];
        for (double[] row : angle) for (int i = 0; i < row.length; i++) row[i] = rnd.nextDouble() * Math.PI;
        for (double[] row : phase) for (int i = 0; i < row.length; i++) row[i] = rnd.nextDouble() * 2 * Math.PI;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v;
                if (x < w / 2) {
                    v = 0.3 + 0.4 * (x + y) / (double) (w / 2 + h);
                } else {
                    int by = y / 16, bx = (x - w / 2) / 16;
                    double a = angle[by][bx];
                    v = 0.5 + 0.4 * Math.sin(0.9 * (x * Math.cos(a) + y * Math.sin(a)) + phase[by][bx]);
                }
                for (int c = 0; c < 3; c++) planes[c][y * w + x] = (float) v;
            }
        }
        return FloatImage.of(w, h, 8, planes);
    }

    @Test
    void theShippedCalibrationFitsTheShippedModelAndEnsemble() {
        MaeUncertainty u = MaeUncertainty.of(mae);
        assertTrue(u.calibration().calibrated(), u.calibrationNote());
        assertEquals(MaeUncertainty.STANDARD.describe(), u.calibration().ensemble());
    }

    @Test
    void saysWhereTheErrorIsLarger() {
        int w = 128, h = 128;
        FloatImage image = halfTextured(w, h, 7);
        Mask mask = MaskShapes.patches(w, h, 0.5, 16, 1);
        FloatImage plain = mae.restore(image, mask);
        UncertaintyMap map = MaeUncertainty.of(mae).estimate(image, mask, plain);
        assertEquals(MaeUncertainty.STANDARD.members().size() - 1, map.passes());

        double[] sigma = new double[2], error = new double[2];
        int[] n = new int[2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!mask.missing()[i]) {
                    assertEquals(0, map.sigma()[i], "known pixels are certain");
                    continue;
                }
                int side = x < w / 2 ? 0 : 1;
                sigma[side] += map.sigma()[i];
                double d = plain.plane(0)[i] - image.plane(0)[i];
                error[side] += d * d;
                n[side]++;
            }
        }
        double smoothSigma = sigma[0] / n[0], textureSigma = sigma[1] / n[1];
        double smoothRmse = Math.sqrt(error[0] / n[0]), textureRmse = Math.sqrt(error[1] / n[1]);
        assertTrue(textureRmse > 3 * smoothRmse, "premise: the texture is harder, RMSE " + textureRmse + " vs " + smoothRmse);
        assertTrue(textureSigma > 2 * smoothSigma, "predicted sigma texture " + textureSigma + " vs smooth " + smoothSigma);
        CellScores cells = CellScores.measure(image, plain, mask, map.sigma(), CellScores.CELL);
        assertTrue(cells.spearman() > 0.5, "cells ranked by the map: Spearman " + cells.spearman());
    }

    @Test
    void deterministicAndZeroAtKnownPixels() {
        FloatImage image = halfTextured(96, 80, 3);
        Mask mask = MaskShapes.strokes(96, 80, 4, 9);
        TestTimeEnsemble withDropout = new TestTimeEnsemble(List.of(EnsembleMember.identity(),
                new EnsembleMember(Dihedral.ROTATE_90, 8, 16, 0.25, 8, 11)));
        MaeUncertainty u = MaeUncertainty.of(mae, withDropout, UncertaintyCalibration.NONE);
        UncertaintyMap a = u.estimate(image, mask, null), b = u.estimate(image, mask, null);
        assertArrayEquals(a.sigma(), b.sigma());
        assertFalse(a.calibrated());
        int positive = 0;
        for (int i = 0; i < a.sigma().length; i++) {
            if (!mask.missing()[i]) assertEquals(0, a.sigma()[i]);
            else if (a.sigma()[i] > 0) positive++;
        }
        assertTrue(positive > mask.count() / 2, positive + " of " + mask.count() + " masked pixels vary");
    }

    @Test
    void withoutAMatchingSidecarTheMapIsTheRawSpreadAndSaysWhy(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(MaeModel.defaultModelPath(), dir.resolve("mae.onnx"));
        try (MaeMethod other = MaeMethod.load(copy, Device.CPU)) {
            MaeUncertainty u = MaeUncertainty.of(other);
            assertFalse(u.calibration().calibrated());
            assertTrue(u.calibrationNote().contains("not found"), u.calibrationNote());
            Files.writeString(UncertaintyCalibration.sidecarOf(copy), "format=1\nmodel_sha256=0000\nensemble="
                    + MaeUncertainty.STANDARD.describe() + "\nspread=0.01\nsigma=0.02\n");
            u = MaeUncertainty.of(other);
            assertFalse(u.calibration().calibrated());
            assertTrue(u.calibrationNote().contains("another model file"), u.calibrationNote());
        }
    }

    @Test
    void interruptingTheThreadCancels() throws InterruptedException {
        FloatImage image = halfTextured(256, 256, 5);
        Mask mask = MaskShapes.patches(256, 256, 0.5, 16, 2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                MaeUncertainty.of(mae).estimate(image, mask, null);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(150);
        t.interrupt();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertInstanceOf(CancellationException.class, thrown.get());
    }
}
