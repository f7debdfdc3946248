package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Random;

/** Test models and images shared by the MAE tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** The lead's random-weight MAE exported by training/ (follows the contract; see its README). */
    static Path fixtureModel() {
        return resource("/mae/fixture.onnx");
    }

    /** Its pixel-mask twin ({@code export.py --random-init --pixel-mask}, S=32, p=8). */
    static Path pixelFixtureModel() {
        return resource("/mae-pixel/fixture.onnx");
    }

    /** Hand-written contract model: reconstruction = per-channel mean of visible pixels (S=32, p=8). */
    static Path meanFillModel() {
        return resource("/mae/contract/mean-fill.onnx");
    }

    static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) throw new IllegalStateException("test resource " + name + " missing");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MaeModel open(Path file) {
        try {
            return MaeModel.open(file, Device.CPU, 2);
        } catch (MaeModelException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static FloatImage randomRgb(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[][] planes = new float[3][w * h];
        for (float[] p : planes) {
            for (int i = 0; i < p.length; i++) p[i] = Math.round(rnd.nextFloat() * 255) / 255f;
        }
        return FloatImage.of(w, h, 8, planes);
    }

    /** Smooth content (sums of low-frequency sines) so restorations have something to continue. */
    static FloatImage smooth(int w, int h, int channels, int bitDepth, float lo, float hi) {
        float[][] planes = new float[channels][w * h];
        float levels = (1 << bitDepth) - 1;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.25 * Math.sin(x * 0.07 + c) + 0.25 * Math.cos(y * 0.05 - c * 0.5);
                    planes[c][y * w + x] = Math.round((lo + (hi - lo) * v) * levels) / levels;
                }
            }
        }
        return FloatImage.of(w, h, bitDepth, planes);
    }

    /** Random masked rectangles, not aligned to any grid. */
    static Mask blobs(int w, int h, int count, long seed) {
        Random rnd = new Random(seed);
        Mask mask = Mask.empty(w, h);
        for (int i = 0; i < count; i++) {
            int bw = 1 + rnd.nextInt(Math.max(1, w / 4)), bh = 1 + rnd.nextInt(Math.max(1, h / 4));
            com.maeworkbench.mask.MaskShapes.fillRect(mask, rnd.nextInt(w), rnd.nextInt(h), bw, bh, true);
        }
        return mask;
    }

    static Mask all(int w, int h) {
        return Mask.empty(w, h).inverted();
    }
}
