package com.maeworkbench.bench;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.OpenCvInpaint;
import com.maeworkbench.method.OpenCvNative;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.photo.Photo;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * Each restoration method on a {@code size x size} RGB image with {@code patches:ratio=0.5,size=16,seed=1}, next
 * to OpenCV on the same pixels: its Telea and Navier-Stokes (the reference ours are tested against, called as the
 * workbench called them before: one 32-bit float plane per channel) and its filters as an anchor. Add a method =
 * add one {@code @Benchmark}. OpenCV's inpainting grows with the square of the image: leave the {@code opencv*}
 * benchmarks out above 1024 (bench/run-benchmarks.sh does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RestorationBench {

    public static final String MASK = "patches:ratio=0.5,size=16,seed=1";
    /** The default picture side (other benchmarks use it too); {@code -p size=2048} for the scale run. */
    public static final int SIZE = 512;

    @Param({"" + SIZE})
    public int size;

    /** OpenCV worker threads; 1 compares like with like against the single-threaded Java methods. */
    @Param({"1"})
    public int cvThreads;

    FloatImage image;
    Mask mask;
    Mat rgb32f, rgb8u, mask8u, out;

    @Setup
    public void setup() {
        image = SyntheticImage.rgb(size, size, 1);
        mask = MaskSpec.parse(MASK).generate(size, size);
        if (!OpenCvNative.availability().available()) throw new IllegalStateException(OpenCvNative.availability().reason());
        Core.setNumThreads(cvThreads);
        int n = size * size;
        float[] interleaved = new float[3 * n];
        byte[] bytes = new byte[3 * n], maskBytes = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                interleaved[3 * i + c] = image.plane(c)[i];
                bytes[3 * i + c] = (byte) Math.round(image.plane(c)[i] * 255);
            }
            if (mask.missing()[i]) maskBytes[i] = (byte) 255;
        }
        rgb32f = new Mat(size, size, CvType.CV_32FC3);
        rgb32f.put(0, 0, interleaved);
        rgb8u = new Mat(size, size, CvType.CV_8UC3);
        rgb8u.put(0, 0, bytes);
        mask8u = new Mat(size, size, CvType.CV_8UC1);
        mask8u.put(0, 0, maskBytes);
        out = new Mat();
    }

    @TearDown
    public void tearDown() {
        rgb32f.release();
        rgb8u.release();
        mask8u.release();
        out.release();
    }

    @Benchmark
    public FloatImage bilinear() {
        return Methods.byId("bilinear").restore(image, mask);
    }

    @Benchmark
    public FloatImage gaussian() {
        return Methods.byId("gaussian").restore(image, mask);
    }

    @Benchmark
    public FloatImage median() {
        return Methods.byId("median").restore(image, mask);
    }

    @Benchmark
    public FloatImage bilateral() {
        return Methods.byId("bilateral").restore(image, mask);
    }

    /** Our fast-marching Telea on the three float planes (one march, all channels). */
    @Benchmark
    public FloatImage telea() {
        return Methods.byId("telea").restore(image, mask);
    }

    @Benchmark
    public FloatImage ns() {
        return Methods.byId("ns").restore(image, mask);
    }

    /** Reference: OpenCV's Telea on three 32F planes, as the workbench called it before (includes conversions). */
    @Benchmark
    public FloatImage opencvTelea() {
        return OpenCvInpaint.telea().restore(image, mask);
    }

    @Benchmark
    public FloatImage opencvNs() {
        return OpenCvInpaint.navierStokes().restore(image, mask);
    }

    /** Anchor: OpenCV's native 8-bit 3-channel Telea, one call, no conversion. */
    @Benchmark
    public Mat opencvTelea8u() {
        Photo.inpaint(rgb8u, mask8u, out, 5, Photo.INPAINT_TELEA);
        return out;
    }

    /** Anchor: full-image 11x11 Gaussian blur, sigma 1.5 (the window of the first gaussian-fill pass). */
    @Benchmark
    public Mat cvGaussianBlur() {
        Imgproc.GaussianBlur(rgb32f, out, new Size(11, 11), 1.5);
        return out;
    }

    /** Anchor: full-image 5x5 median (the median fill's window). */
    @Benchmark
    public Mat cvMedianBlur() {
        Imgproc.medianBlur(rgb32f, out, 5);
        return out;
    }

    /** Anchor: full-image bilateral filter, 7x7, sigma colour 0.1, sigma space 2 (the bilateral fill's settings). */
    @Benchmark
    public Mat cvBilateralFilter() {
        Imgproc.bilateralFilter(rgb32f, out, 7, 0.1, 2);
        return out;
    }
}
