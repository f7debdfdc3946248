package com.maeworkbench.uncertainty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UncertaintyCalibrationTest {

    @TempDir
    Path dir;

    static UncertaintyCalibration knots(double[] spread, double[] sigma) {
        return new UncertaintyCalibration(spread, sigma, "ab", "e", Map.of());
    }

    @Test
    void mapsMonotonicallyFlatBelowProportionalAbove() {
        UncertaintyCalibration c = knots(new double[]{0.01, 0.02, 0.05}, new double[]{0.03, 0.03, 0.09});
        assertEquals(0.03, c.apply(0), 1e-12, "members that agree still err");
        assertEquals(0.03, c.apply(0.015), 1e-12);
        assertEquals(0.05, c.apply(0.03), 1e-12, "linear between knots");
        assertEquals(0.18, c.apply(0.10), 1e-12, "proportional beyond the last knot");
        double last = -1;
        for (double s = 0; s < 0.2; s += 1e-4) {
            double v = c.apply(s);
            assertTrue(v >= last, "not monotone at " + s);
            last = v;
        }
        assertEquals(0.7, UncertaintyCalibration.NONE.apply(0.7), "no calibration: the raw spread");
        assertFalse(UncertaintyCalibration.NONE.calibrated());
    }

    @Test
    void rejectsKnotsThatWouldReorderPixels() {
        assertThrows(IllegalArgumentException.class, () -> knots(new double[]{0.01, 0.02}, new double[]{0.05, 0.04}));
        assertThrows(IllegalArgumentException.class, () -> knots(new double[]{0.02, 0.02}, new double[]{0.04, 0.05}));
        assertThrows(IllegalArgumentException.class, () -> knots(new double[]{0.01}, new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> knots(new double[]{0.01}, new double[]{0.1, 0.2}));
    }

    @Test
    void readsASidecarAndNamesTheFileWhenItIsBroken() throws IOException {
        Path model = dir.resolve("my.model.onnx");
        Path sidecar = UncertaintyCalibration.sidecarOf(model);
        assertEquals("my.model.uncertainty.properties", sidecar.getFileName().toString());
        Files.writeString(sidecar, "# fitted somewhere\nformat=1\nmodel_sha256=abc\nensemble=IDENTITY;FLIP_X\nspread=0.01, 0.02\nsigma=0.03,0.04\nfitted_on=val\n");
        UncertaintyCalibration c = UncertaintyCalibration.read(sidecar);
        assertTrue(c.calibrated());
        assertEquals("IDENTITY;FLIP_X", c.ensemble());
        assertEquals(0.035, c.apply(0.015), 1e-12);
        assertEquals("val", c.provenance().get("fitted_on"));

        Files.writeString(sidecar, "format=1\nmodel_sha256=abc\nensemble=x\nspread=0.01,0.02\nsigma=0.05,0.04\n");
        IOException e = assertThrows(IOException.class, () -> UncertaintyCalibration.read(sidecar));
        assertTrue(e.getMessage().contains(sidecar.getFileName().toString()) && e.getMessage().contains("must not decrease"), e.getMessage());
        Files.writeString(sidecar, "format=1\nmodel_sha256=abc\nspread=0.01\nsigma=0.05\n");
        e = assertThrows(IOException.class, () -> UncertaintyCalibration.read(sidecar));
        assertTrue(e.getMessage().contains("missing key 'ensemble'"), e.getMessage());
        Files.writeString(sidecar, "format=1\nmodel_sha256=abc\nensemble=x\nspread=0.01,zero\nsigma=0.05,0.06\n");
        e = assertThrows(IOException.class, () -> UncertaintyCalibration.read(sidecar));
        assertTrue(e.getMessage().contains("not a number: zero"), e.getMessage());
        assertThrows(IOException.class, () -> UncertaintyCalibration.read(dir.resolve("absent.properties")));
    }
}
