package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.metric.Quality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenCvInpaintTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void nativesLoadOnLinuxX64() {
        assertTrue(OpenCvNative.availability().available(), OpenCvNative.availability().reason());
    }

    @Test
    void teleaAndNavierStokesFillASmoothGradientWell() {
        assumeTrue(OpenCvNative.availability().available(), OpenCvNative.availability().reason());
        FloatImage ramp = TestImages.plane(96, 96, 3, 0.004f, 0.003f, 0.1f);
        Mask mask = MaskShapes.strokes(96, 96, 4, 3, 6, 1);
        for (OpenCvInpaint method : new OpenCvInpaint[]{OpenCvInpaint.telea(), OpenCvInpaint.navierStokes()}) {
            double psnr = Quality.psnr(ramp, method.restore(ramp, mask), mask.missing());
            assertTrue(psnr > 30, method.id() + ": " + psnr + " dB");
        }
    }
}
