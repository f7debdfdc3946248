package com.maeworkbench.metric;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class QualityTest {

    @Test
    void psnrOfOnePlaneMatchesHandArithmetic() {
        float[] a = {0.2f, 0.4f, 0.6f, 0.8f};
        float[] b = {0.2f, 0.5f, 0.6f, 0.6f};
        // errors 0, 0.1, 0, 0.2: SSE = 0.01 + 0.04 = 0.05, MSE = 0.05 / 4 = 0.0125, PSNR = 10 log10(1 / 0.0125) = 19.0309 dB
        assertEquals(19.0309, Quality.psnr(a, b, null), 1e-3);
        // region {1, 3}: MSE = 0.05 / 2 = 0.025, PSNR = 10 log10(40) = 16.0206 dB
        assertEquals(16.0206, Quality.psnr(a, b, new boolean[]{false, true, false, true}), 1e-3);
    }

    @Test
    void psnrOverChannelsAveragesTheMse() {
        FloatImage a = FloatImage.of(2, 1, 8, new float[]{0.1f, 0.5f}, new float[]{0.3f, 0.3f}, new float[]{0.9f, 0.2f});
        FloatImage b = FloatImage.of(2, 1, 8, new float[]{0.2f, 0.5f}, new float[]{0.3f, 0.3f}, new float[]{0.9f, 0.4f});
        // errors R 0.1, 0; G 0, 0; B 0, 0.2: SSE = 0.05 over 6 values, MSE = 1/120, PSNR = 10 log10(120) = 20.7918 dB
        assertEquals(20.7918, Quality.psnr(a, b, null), 1e-3);
        // region {pixel 1}: SSE = 0.04 over 3 values, PSNR = 10 log10(75) = 18.7506 dB
        assertEquals(18.7506, Quality.psnr(a, b, new boolean[]{false, true}), 1e-3);
    }

    @Test
    void psnrEdgeCases() {
        float[] a = {0.1f, 0.2f};
        assertEquals(Double.POSITIVE_INFINITY, Quality.psnr(a, a.clone(), null));
        assertTrue(Double.isNaN(Quality.psnr(a, new float[]{0.3f, 0.3f}, new boolean[2])));
        assertThrows(IllegalArgumentException.class, () -> Quality.psnr(a, new float[3], null));
    }

    @Test
    void ssimOfIdenticalImagesIsOne() {
        float[] a = randomPlane(37, 23, 1);
        for (float v : Quality.ssimMap(a, a.clone(), 37, 23)) assertEquals(1f, v);
        assertEquals(1.0, Quality.ssim(a, a.clone(), 37, 23, null));
    }

    @Test
    void ssimOfConstantImagesIsTheLuminanceTerm() {
        float[] a = new float[16 * 16], b = new float[16 * 16];
        java.util.Arrays.fill(a, 0.5f);
        java.util.Arrays.fill(b, 0.25f);
        // no variance anywhere, so the contrast-structure term is C2 / C2 = 1 and SSIM is the luminance term:
        // (2 * 0.5 * 0.25 + C1) / (0.5^2 + 0.25^2 + C1) = 0.2501 / 0.3126 = 0.800064
        for (float v : Quality.ssimMap(a, b, 16, 16)) assertEquals(0.800064, v, 1e-5);
    }

    @Test
    void ssimOfTwoPixelsMatchesHandArithmetic() {
        // a = [0, 1], b = [0.5, 0.5], 2x1. Window taps inside the image: offsets 0 and 1, weights 1 and
        // g = exp(-1 / (2 * 1.5^2)) = 0.800737, renormalised: w0 = 1 / 1.800737 = 0.555328, w1 = 0.444672.
        // Pixel 0: mu_a = w1 = 0.444672, var_a = w1 - w1^2 = 0.246939, mu_b = 0.5, var_b = cov = 0:
        //   (2 * 0.444672 * 0.5 + C1) * C2 / ((0.444672^2 + 0.25 + C1) * (0.246939 + C2)) = 0.0036066
        // Pixel 1: mu_a = w0 = 0.555328, same variance: 0.0036115. Mean: 0.0036090.
        float[] a = {0, 1}, b = {0.5f, 0.5f};
        float[] map = Quality.ssimMap(a, b, 2, 1);
        assertEquals(0.0036066, map[0], 1e-6);
        assertEquals(0.0036115, map[1], 1e-6);
        assertEquals(0.0036090, Quality.ssim(a, b, 2, 1, null), 1e-6);
        assertEquals(0.0036115, Quality.ssim(a, b, 2, 1, new boolean[]{false, true}), 1e-6);
    }

    @Test
    void ssimDropsWithNoiseAndIsSymmetric() {
        float[] a = randomPlane(40, 30, 2), b = a.clone();
        Random rnd = new Random(3);
        for (int i = 0; i < b.length; i++) b[i] += 0.1f * (float) rnd.nextGaussian();
        // uniform signal variance 1/12, noise variance 0.01: SSIM ~ 2(1/12) / (2(1/12) + 0.01) = 0.943
        double s = Quality.ssim(a, b, 40, 30, null);
        assertEquals(0.943, s, 0.02);
        assertEquals(s, Quality.ssim(b, a, 40, 30, null), 1e-9);
    }

    @Test
    void measureUsesTheMaskForPsnrAndSsim() {
        float[] p = randomPlane(32, 32, 4);
        FloatImage original = FloatImage.of(32, 32, 8, p);
        float[] q = p.clone();
        Mask mask = MaskShapes.rect(32, 32, 8, 8, 8, 8);
        for (int i = 0; i < q.length; i++) if (mask.missing()[i]) q[i] = 0.5f;
        FloatImage restored = FloatImage.of(32, 32, 8, q);
        Metrics m = Quality.measure(original, restored, mask, 12.5);
        double range = Quality.dynamicRange(original);
        assertEquals(Quality.psnr(p, q, mask.missing()), m.psnrMaskedBitDepth(), 1e-12);
        assertEquals(Quality.psnr(p, q, mask.missing()) + 20 * Math.log10(range), m.psnrMasked(), 1e-9);
        // the full-image MSE is the masked one diluted by 64 / 1024 pixels: +10 log10(16) dB
        assertEquals(m.psnrMasked() + 10 * Math.log10(16), m.psnrFull(), 1e-6);
        assertEquals(Quality.ssim(original, restored, mask.missing()), m.ssim(), 1e-12);
        assertTrue(m.ssim() < 1);
        assertEquals(12.5, m.millis());

        assertFalse(m.flagged());
        assertNull(m.warning());

        Metrics none = Quality.measure(original, original.copy(), Mask.empty(32, 32), 0);
        assertTrue(Double.isNaN(none.psnrMasked()) && Double.isNaN(none.ssim()));
        assertEquals(Double.POSITIVE_INFINITY, none.psnrFull());
        assertTrue(none.flagged(), "an empty mask measures nothing");
        assertThrows(IllegalArgumentException.class, () -> Quality.measure(original, restored, Mask.empty(31, 32), 0));
    }

    @Test
    void colourSsimIsComputedOnLumaScaledByTheReferencesRange() {
        FloatImage a = FloatImage.of(20, 20, 8, randomPlane(20, 20, 5), randomPlane(20, 20, 6), randomPlane(20, 20, 7));
        FloatImage b = FloatImage.of(20, 20, 8, randomPlane(20, 20, 8), randomPlane(20, 20, 9), randomPlane(20, 20, 10));
        double low = Double.MAX_VALUE, high = -Double.MAX_VALUE;
        for (float[] p : a.planes()) for (float v : p) { low = Math.min(low, v); high = Math.max(high, v); }
        float[] la = a.luma().clone(), lb = b.luma().clone();
        for (int i = 0; i < la.length; i++) {
            la[i] = (float) ((la[i] - low) / (high - low));
            lb[i] = (float) ((lb[i] - low) / (high - low));
        }
        assertEquals(Quality.ssim(la, lb, 20, 20, null), Quality.ssim(a, b, null), 1e-6);
    }

    @Test
    void psnrPeakIsTheOriginalsDynamicRange() {
        // original spans 0.10 .. 0.35 (range 0.25); errors 0, 0.05 at the masked pixel 1 and 3:
        // MSE over the mask = (0.05^2 + 0.05^2) / 2 = 0.0025, bit-depth PSNR = 10 log10(1 / 0.0025) = 26.0206 dB,
        // range PSNR = 10 log10(0.25^2 / 0.0025) = 13.9794 dB
        FloatImage original = FloatImage.of(4, 1, 16, new float[]{0.10f, 0.20f, 0.35f, 0.30f});
        FloatImage restored = FloatImage.of(4, 1, 16, new float[]{0.10f, 0.25f, 0.35f, 0.25f});
        Mask mask = new Mask(4, 1, new boolean[]{false, true, false, true});
        Metrics m = Quality.measure(original, restored, mask, 0);
        assertEquals(0.25, m.peak(), 1e-6);
        assertEquals(26.0206, m.psnrMaskedBitDepth(), 1e-3);
        assertEquals(13.9794, m.psnrMasked(), 1e-3);
        assertEquals(13.9794 + 10 * Math.log10(2), m.psnrFull(), 1e-3, "the full image spreads the same SSE over 4 pixels instead of 2");
        assertEquals(m.psnrMasked(), Quality.psnr(original, restored, mask.missing(), 0.25), 1e-4);
    }

    @Test
    void rangeScoresDoNotDependOnHowTheValuesAreStored() {
        // The same picture stored at 1/16 of the scale with an offset (a 12-bit image in a 16-bit container,
        // a signed DICOM shifted by half the range) scores the same PSNR and SSIM; only the bit-depth PSNR moves.
        float[] p = randomPlane(48, 40, 11), q = p.clone();
        Mask mask = MaskShapes.rect(48, 40, 10, 8, 20, 16);
        for (int i = 0; i < q.length; i++) if (mask.missing()[i]) q[i] = 0.5f;
        Metrics full = Quality.measure(FloatImage.of(48, 40, 8, p), FloatImage.of(48, 40, 8, q), mask, 0);
        float[] ps = p.clone(), qs = q.clone();
        for (int i = 0; i < p.length; i++) {
            ps[i] = 0.3f + p[i] / 16;
            qs[i] = 0.3f + q[i] / 16;
        }
        Metrics scaled = Quality.measure(FloatImage.of(48, 40, 16, ps), FloatImage.of(48, 40, 16, qs), mask, 0);
        assertEquals(full.psnrMasked(), scaled.psnrMasked(), 1e-3);
        assertEquals(full.psnrFull(), scaled.psnrFull(), 1e-3);
        assertEquals(full.ssim(), scaled.ssim(), 1e-4);
        assertEquals(full.psnrMaskedBitDepth() + 20 * Math.log10(16), scaled.psnrMaskedBitDepth(), 1e-3, "errors 16 times smaller on the container scale");
    }

    @Test
    void aFlatOriginalHasNoRangeScoresAndIsFlagged() {
        float[] flat = new float[16 * 16];
        java.util.Arrays.fill(flat, 0.4f);
        float[] other = flat.clone();
        other[17] = 0.5f;
        Mask mask = MaskShapes.rect(16, 16, 0, 0, 4, 4);
        Metrics m = Quality.measure(FloatImage.of(16, 16, 8, flat), FloatImage.of(16, 16, 8, other), mask, 0);
        assertEquals(0, m.peak());
        assertTrue(Double.isNaN(m.psnrMasked()) && Double.isNaN(m.psnrFull()) && Double.isNaN(m.ssim()), m.toString());
        assertEquals(10 * Math.log10(16 / 0.01), m.psnrMaskedBitDepth(), 1e-3, "the bit-depth PSNR is still given");
        assertTrue(m.flagged());
        assertTrue(m.warning().contains("flat"), m.warning());
        assertFalse(m.coverage().flagged());
    }

    private static float[] randomPlane(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) p[i] = rnd.nextFloat();
        return p;
    }
}
