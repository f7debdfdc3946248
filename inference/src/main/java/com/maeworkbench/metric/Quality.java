package com.maeworkbench.metric;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;

import java.util.Arrays;

/**
 * Restoration quality against the original: PSNR and SSIM (Wang et al. 2004: 11x11 Gaussian window,
 * sigma 1.5, C1 = (0.01 L)^2, C2 = (0.03 L)^2). {@link #measure} defines the numbers every report and the
 * app show: both are taken on the original's own dynamic range (see {@link Metrics}), so the same picture
 * scores the same whether it came as an 8-bit PNG, a 16-bit PNG or a 12-bit DICOM. The plane functions
 * below are the plain formulas on values in [0,1] (peak 1, L = 1).
 * At the borders the SSIM window keeps only the taps inside the image, renormalised to unit sum (no
 * padding values are invented). A {@code region} array selects pixels (row-major, true = counted); null
 * means the whole image.
 */
public final class Quality {

    /** Wang et al.'s constants for values scaled to [0,1]: (K1 L)^2 and (K2 L)^2 with K1 = 0.01, K2 = 0.03, L = 1. */
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final int SSIM_RADIUS = 5;
    private static final double SSIM_SIGMA = 1.5;

    private Quality() {
    }

    /** PSNR of one plane over the region; +Infinity if identical there, NaN for an empty region. */
    public static double psnr(float[] a, float[] b, boolean[] region) {
        return psnrFromMse(sumSquaredError(a, b, region), count(region, a.length));
    }

    /** PSNR over all channels with peak 1.0 (the bit-depth peak on normalised values). */
    public static double psnr(FloatImage a, FloatImage b, boolean[] region) {
        return psnr(a, b, region, 1.0);
    }

    /**
     * PSNR over all channels, {@code 10 log10(peak^2 / MSE)}: the MSE is averaged over channels and region
     * pixels. +Infinity where identical, NaN for an empty region or a peak that is not positive.
     */
    public static double psnr(FloatImage a, FloatImage b, boolean[] region, double peak) {
        requireSameShape(a, b);
        double sse = 0;
        for (int c = 0; c < a.channels(); c++) sse += sumSquaredError(a.plane(c), b.plane(c), region);
        if (!(peak > 0)) return Double.NaN;
        return psnrFromMse(sse, (long) count(region, a.pixels()) * a.channels()) + 20 * Math.log10(peak);
    }

    /** Highest minus lowest value over every pixel and channel: the peak of {@link Metrics#psnrMasked()}. */
    public static double dynamicRange(FloatImage image) {
        return max(image) - min(image);
    }

    private static double min(FloatImage image) {
        float lo = Float.POSITIVE_INFINITY;
        for (float[] p : image.planes()) for (float v : p) lo = Math.min(lo, v);
        return lo;
    }

    private static double max(FloatImage image) {
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] p : image.planes()) for (float v : p) hi = Math.max(hi, v);
        return hi;
    }

    /** Per-pixel SSIM of two {@code w x h} planes of values in [0,1] (L = 1). */
    public static float[] ssimMap(float[] a, float[] b, int w, int h) {
        float[] map = new float[w * h];
        ssimMap(a, b, w, h, 0, 1, new Region(0, 0, w, h), map);
        return map;
    }

    /** How far the SSIM window reaches: a change in the planes moves the map this far around it. */
    public static int ssimReach() {
        return SSIM_RADIUS;
    }

    /**
     * Writes the SSIM map of two {@code w x h} planes inside {@code area} into {@code map} (row-major over
     * the whole image; other pixels untouched), on the values' range {@code [low, low + range]}: SSIM of
     * {@code (v - low) / range} with L = 1, which is SSIM with L = range and does not depend on where the
     * range sits. The values are exactly those of the whole-image map: the windows are cut at the image's
     * borders, not the area's, and sums run in the same order.
     */
    public static void ssimMap(float[] a, float[] b, int w, int h, double low, double range, Region area, float[] map) {
        if (a.length != w * h || b.length != w * h || map.length != w * h) throw new IllegalArgumentException("planes must be " + w + "x" + h);
        if (!(range > 0)) throw new IllegalArgumentException("SSIM needs a positive dynamic range, got " + range);
        Region in = area.grow(0, w, h), src = in.grow(SSIM_RADIUS, w, h); // src: every pixel a window in `in` reads
        if (in.isEmpty()) return;
        int sw = src.width(), n = sw * src.height();
        double[] da = new double[n], db = new double[n], aa = new double[n], bb = new double[n], ab = new double[n];
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0, i = y * sw, j = (src.y() + y) * w + src.x(); x < sw; x++, i++, j++) {
                double va = (a[j] - low) / range, vb = (b[j] - low) / range;
                da[i] = va;
                db[i] = vb;
                aa[i] = va * va;
                bb[i] = vb * vb;
                ab[i] = va * vb;
            }
        }
        float[] kernel = gaussian(SSIM_SIGMA, SSIM_RADIUS);
        double[] tmp = new double[n];
        double[] muA = blur(da, tmp, kernel, src, in, w, h), muB = blur(db, tmp, kernel, src, in, w, h);
        double[] eAA = blur(aa, tmp, kernel, src, in, w, h), eBB = blur(bb, tmp, kernel, src, in, w, h), eAB = blur(ab, tmp, kernel, src, in, w, h);
        for (int y = in.y(); y < in.bottom(); y++) {
            for (int x = in.x(), i = (y - src.y()) * sw + x - src.x(); x < in.right(); x++, i++) {
                double ma = muA[i], mb = muB[i];
                double va = eAA[i] - ma * ma, vb = eBB[i] - mb * mb, cov = eAB[i] - ma * mb;
                map[y * w + x] = (float) ((2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2)));
            }
        }
    }

    /** Mean SSIM over the region; NaN for an empty region. */
    public static double ssim(float[] a, float[] b, int w, int h, boolean[] region) {
        return mean(ssimMap(a, b, w, h), region);
    }

    /** Mean of a map over the region (null: everywhere); NaN for an empty region. */
    static double mean(float[] map, boolean[] region) {
        double sum = 0;
        for (int i = 0; i < map.length; i++) if (region == null || region[i]) sum += map[i];
        int n = count(region, map.length);
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean SSIM of {@code b} against {@code reference} over the region, on luma, on the reference's dynamic range. */
    public static double ssim(FloatImage reference, FloatImage b, boolean[] region) {
        requireSameShape(reference, b);
        double low = min(reference), range = max(reference) - low;
        if (!(range > 0)) return Double.NaN;
        int w = reference.width(), h = reference.height();
        float[] map = new float[w * h];
        ssimMap(reference.luma(), b.luma(), w, h, low, range, new Region(0, 0, w, h), map);
        return mean(map, region);
    }

    /** The numbers of {@link Metrics}: PSNR over the masked pixels (two peaks) and the whole image, SSIM over the masked pixels. */
    public static Metrics measure(FloatImage original, FloatImage restored, Mask mask, double millis) {
        requireSameShape(original, restored);
        mask.requireSize(original.width(), original.height());
        boolean[] region = mask.missing();
        double low = min(original), range = max(original) - low;
        double ssim = Double.NaN;
        if (range > 0) {
            int w = original.width(), h = original.height();
            float[] map = new float[w * h];
            ssimMap(original.luma(), restored.luma(), w, h, low, range, new Region(0, 0, w, h), map);
            ssim = mean(map, region);
        }
        return metrics(original, restored, region, range, ssim, millis, MaskCoverage.of(mask));
    }

    /** Assembles {@link Metrics} around an SSIM computed by the caller (here or incrementally by {@link QualityTracker}). */
    static Metrics metrics(FloatImage original, FloatImage restored, boolean[] region, double range, double ssim,
                           double millis, MaskCoverage coverage) {
        double bitDepth = psnr(original, restored, region, 1.0); // peak 1: the range peak only shifts it
        double rangeShift = range > 0 ? 20 * Math.log10(range) : Double.NaN;
        return new Metrics(bitDepth + rangeShift, bitDepth, psnr(original, restored, null, 1.0) + rangeShift, ssim, millis, range, coverage);
    }

    /** Lowest value over every pixel and channel: where the range of {@link #dynamicRange} starts. */
    static double low(FloatImage image) {
        return min(image);
    }

    private static double sumSquaredError(float[] a, float[] b, boolean[] region) {
        if (a.length != b.length || (region != null && region.length != a.length)) {
            throw new IllegalArgumentException("lengths differ: " + a.length + ", " + b.length
                    + (region == null ? "" : ", region " + region.length));
        }
        double sse = 0;
        for (int i = 0; i < a.length; i++) {
            if (region != null && !region[i]) continue;
            double d = (double) a[i] - b[i];
            sse += d * d;
        }
        return sse;
    }

    private static double psnrFromMse(double sse, long n) {
        if (n == 0) return Double.NaN;
        if (sse == 0) return Double.POSITIVE_INFINITY;
        return 10 * Math.log10(n / sse);
    }

    private static int count(boolean[] region, int all) {
        if (region == null) return all;
        int n = 0;
        for (boolean r : region) if (r) n++;
        return n;
    }

    private static void requireSameShape(FloatImage a, FloatImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new IllegalArgumentException("images differ in shape: " + a.width() + "x" + a.height() + "x" + a.channels()
                    + " vs " + b.width() + "x" + b.height() + "x" + b.channels());
        }
    }

    /**
     * Separable Gaussian blur in place of {@code buf}, which holds the pixels of {@code src} (a region of the
     * {@code w x h} image); only the pixels of {@code out} are valid afterwards ({@code tmp} is scratch). Only
     * taps inside the image count, renormalised; for a separable kernel on a rectangle that equals 2-D
     * renormalisation.
     */
    private static double[] blur(double[] buf, double[] tmp, float[] k, Region src, Region out, int w, int h) {
        int r = k.length / 2, sw = src.width(), x0 = out.x() - src.x(), x1 = out.right() - src.x();
        for (int y = 0; y < src.height(); y++) {
            int row = y * sw;
            for (int x = out.x(); x < out.right(); x++) {
                int from = Math.max(-r, -x), to = Math.min(r, w - 1 - x), at = row + x - src.x();
                double sum = 0, norm = 0;
                for (int t = from; t <= to; t++) {
                    sum += k[t + r] * buf[at + t];
                    norm += k[t + r];
                }
                tmp[at] = sum / norm;
            }
        }
        for (int y = out.y(); y < out.bottom(); y++) {
            int from = Math.max(-r, -y), to = Math.min(r, h - 1 - y);
            double norm = 0;
            for (int t = from; t <= to; t++) norm += k[t + r];
            int row = (y - src.y()) * sw;
            Arrays.fill(buf, row + x0, row + x1, 0);
            for (int t = from; t <= to; t++) {
                double kt = k[t + r] / norm;
                for (int x = x0, j = row + t * sw + x0; x < x1; x++, j++) buf[row + x] += kt * tmp[j];
            }
        }
        return buf;
    }

    private static float[] gaussian(double sigma, int radius) {
        float[] k = new float[2 * radius + 1];
        for (int t = -radius; t <= radius; t++) k[t + radius] = (float) Math.exp(-t * t / (2 * sigma * sigma));
        return k;
    }
}
