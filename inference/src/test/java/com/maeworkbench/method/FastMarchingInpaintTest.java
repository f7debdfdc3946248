package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.photo.Photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our fast-marching Telea and Navier-Stokes against OpenCV's {@code Photo.inpaint}, the reference. */
class FastMarchingInpaintTest {

    private static final String[] MASKS = {"patches:ratio=0.5,size=16,seed=1", "strokes:count=6,seed=2",
            "patches:ratio=0.25,size=4,seed=3", "rect:x=0,y=0,w=30,h=12", "ellipse:x=60,y=70,w=37,h=30"};

    @BeforeAll
    static void openCv() {
        assumeTrue(OpenCvNative.availability().available(), OpenCvNative.availability().reason());
    }

    /** 8-bit planes: every pixel equals OpenCV's 8-bit output (tolerance 1e-3 of the range: not one level off). */
    @ParameterizedTest
    @CsvSource({"telea, 1", "telea, 3", "ns, 1", "ns, 3"})
    void eightBitOutputIsOpenCvs(String id, int channels) {
        FloatImage image = TestImages.natural(131, 97, channels, 7);
        for (String spec : MASKS) {
            Mask mask = MaskSpec.parse(spec).generate(image.width(), image.height());
            float[][] ours = new float[channels][];
            for (int c = 0; c < channels; c++) {
                ours[c] = image.plane(c).clone();
                for (int i = 0; i < ours[c].length; i++) ours[c][i] = mask.missing()[i] ? 0 : Math.round(ours[c][i] * 255);
            }
            if (id.equals("telea")) TeleaInpaint.inpaint(ours, image.width(), image.height(), mask.missing(), 5, true, done -> { });
            else NavierStokesInpaint.inpaint(ours, image.width(), image.height(), mask.missing(), 5, true, done -> { });
            float[][] cv = openCv8(image, mask, id);
            int differing = 0;
            double worst = 0;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < cv[c].length; i++) {
                    double d = Math.abs(ours[c][i] - cv[c][i]) / 255;
                    if (d > 0) differing++;
                    worst = Math.max(worst, d);
                }
            }
            assertTrue(worst <= 1e-3, id + " " + spec + ": " + differing + " values differ, worst by " + worst);
        }
    }

    /**
     * The workbench's float planes: within 1e-4 of OpenCV on 32-bit float planes scaled by 2^24 (how it called
     * OpenCV); 1e-3 would pass with queue ties popped in the wrong order. The masks keep 8 pixels from the top and
     * left edges, where ours reads each pixel where it is and OpenCV the next one inward.
     */
    @ParameterizedTest
    @CsvSource({"telea", "ns"})
    void floatOutputMatchesOpenCvs(String id) {
        FloatImage image = TestImages.natural(131, 97, 3, 11);
        RestorationMethod ours = Methods.byId(id);
        OpenCvInpaint reference = id.equals("telea") ? OpenCvInpaint.telea() : OpenCvInpaint.navierStokes();
        for (String spec : MASKS) {
            Mask mask = MaskSpec.parse(spec).generate(image.width(), image.height());
            for (int i = 0; i < image.pixels(); i++) if (i / image.width() < 8 || i % image.width() < 8) mask.missing()[i] = false;
            FloatImage a = ours.restore(image, mask), b = reference.restore(image, mask);
            double worst = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < image.pixels(); i++) {
                    if (!mask.missing()[i]) assertEquals(image.plane(c)[i], a.plane(c)[i], 0f, "known pixel changed");
                    worst = Math.max(worst, Math.abs(a.plane(c)[i] - b.plane(c)[i]));
                }
            }
            assertTrue(worst <= 1e-4, id + " " + spec + ": worst difference " + worst);
        }
    }

    /** OpenCV on the image rounded to 8 bits: one 8UC1 call per plane, or one 8UC3 call. */
    private static float[][] openCv8(FloatImage image, Mask mask, String id) {
        int w = image.width(), h = image.height(), n = w * h, channels = image.channels();
        byte[] pixels = new byte[n * channels], maskBytes = new byte[n];
        for (int i = 0; i < n; i++) {
            // masked pixels as 0 on both sides: OpenCV reads some on the first row and column (see Fills)
            for (int c = 0; c < channels; c++) pixels[i * channels + c] = mask.missing()[i] ? 0 : (byte) Math.round(image.plane(c)[i] * 255);
            if (mask.missing()[i]) maskBytes[i] = (byte) 255;
        }
        Mat src = new Mat(h, w, channels == 1 ? CvType.CV_8UC1 : CvType.CV_8UC3), cvMask = new Mat(h, w, CvType.CV_8UC1), dst = new Mat();
        try {
            src.put(0, 0, pixels);
            cvMask.put(0, 0, maskBytes);
            Photo.inpaint(src, cvMask, dst, 5, id.equals("telea") ? Photo.INPAINT_TELEA : Photo.INPAINT_NS);
            dst.get(0, 0, pixels);
        } finally {
            src.release();
            cvMask.release();
            dst.release();
        }
        float[][] out = new float[channels][n];
        for (int i = 0; i < n; i++) for (int c = 0; c < channels; c++) out[c][i] = pixels[i * channels + c] & 0xff;
        return out;
    }
}
