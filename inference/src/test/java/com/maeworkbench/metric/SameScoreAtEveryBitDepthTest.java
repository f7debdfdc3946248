package com.maeworkbench.metric;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.method.Methods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9's bar: the same picture scores within 1 dB whether it comes as DICOM, as a 16-bit PNG of the same
 * stored values, or as an 8-bit PNG of those values quantised to 256 levels over their range.
 */
class SameScoreAtEveryBitDepthTest {

    @TempDir
    Path dir;

    @Test
    void ctSliceScoresTheSameAsDicomSixteenAndEightBitPng() throws Exception {
        FloatImage dicom = ImageFiles.read(samples().resolve("ct-small.dcm"), ImageFiles.DEFAULT_MAX_PIXELS);
        Path png16 = dir.resolve("ct16.png"), png8 = dir.resolve("ct8.png");
        ImageFiles.write(dicom.withPlanes(new float[][]{dicom.plane(0)}), png16);
        ImageFiles.write(quantised8(dicom), png8);
        FloatImage sixteen = ImageFiles.read(png16, ImageFiles.DEFAULT_MAX_PIXELS);
        FloatImage eight = ImageFiles.read(png8, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(8, eight.bitDepth());
        assertEquals(16, sixteen.bitDepth());

        Mask mask = MaskSpec.parse("patches:ratio=0.5,size=16,seed=1").generate(dicom.width(), dicom.height());
        for (String method : new String[]{"bilinear", "gaussian", "median"}) {
            Metrics d = measure(method, dicom, mask), s = measure(method, sixteen, mask), e = measure(method, eight, mask);
            String what = method + ": DICOM " + d + ", 16-bit " + s + ", 8-bit " + e;
            assertEquals(d.psnrMasked(), s.psnrMasked(), 1.0, what);
            assertEquals(d.psnrMasked(), e.psnrMasked(), 1.0, what);
            assertEquals(d.ssim(), s.ssim(), 0.02, what);
            assertEquals(d.ssim(), e.ssim(), 0.02, what);
            // The bit-depth peak is what misled: the CT's values fill a small part of its container's range.
            assertTrue(d.psnrMaskedBitDepth() - e.psnrMaskedBitDepth() > 10, what);
        }
    }

    private static Metrics measure(String method, FloatImage image, Mask mask) {
        return Quality.measure(image, Methods.byId(method).restore(image, mask), mask, 0);
    }

    /** The 8-bit PNG a user would export from a viewer: the stored values' range mapped onto 0..255. */
    private static FloatImage quantised8(FloatImage image) {
        float[] p = image.plane(0), q = new float[p.length];
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : p) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (int i = 0; i < p.length; i++) q[i] = Math.round((p[i] - lo) / (hi - lo) * 255) / 255f;
        return FloatImage.of(image.width(), image.height(), 8, q);
    }

    static Path samples() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("assets/samples"))) p = p.getParent();
        return p.resolve("assets/samples");
    }
}
