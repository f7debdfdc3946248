package com.maeworkbench.io.dicom;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a frame's stored samples into a {@link FloatImage} in [0,1], saying each step in its {@link SourceInfo}:
 * BitsStored/HighBit masking, the signed offset, MONOCHROME1 inversion, colour conversion into RGB, range
 * normalisation of data deeper than 16 bits, and the rescale to modality units kept in the calibration.
 */
final class PixelConverter {

    private PixelConverter() {
    }

    static FloatImage integers(DicomHeader h, PixelFormat f, int frame, int[][] raw) throws IOException {
        List<String> steps = steps(h, f);
        int bits = f.bitsStored(), shift = f.highBit() + 1 - bits;
        if (bits > 16) {
            double[][] values = new double[raw.length][];
            for (int c = 0; c < raw.length; c++) values[c] = stored(raw[c], shift, bits, f.signed());
            return normalised(h, f, frame, steps, values);
        }
        int mask = (int) ((1L << bits) - 1), signBit = f.signed() ? 1 << (bits - 1) : 0;
        if (bits < f.bitsAllocated() && f.bitsAllocated() > 1) {
            steps.add(bits + " of " + f.bitsAllocated() + " allocated bits stored (high bit " + f.highBit() + "), other bits ignored");
        }
        // XOR with the sign bit turns two's complement into offset binary: level 0 is the most negative value.
        if (signBit != 0) steps.add("signed values offset by " + signBit + " so level 0 is the most negative (" + -signBit + ")");
        float scale = 1f / mask;
        float[][] planes = new float[raw.length][];
        for (int c = 0; c < raw.length; c++) {
            int[] in = raw[c];
            float[] out = planes[c] = new float[in.length];
            for (int i = 0; i < in.length; i++) out[i] = (((in[i] >>> shift) & mask) ^ signBit) * scale;
        }
        if (f.photometric().equals("PALETTE COLOR")) {
            planes = Palette.apply(h, f, raw[0], shift, mask, steps);
            return image(h, f, frame, planes, Palette.bits(h), Calibration.levels(Palette.bits(h)), steps);
        }
        if (f.photometric().startsWith("YBR_FULL") && h.syntax.codec() != TransferSyntax.Codec.JPEG2000) {
            ybrToRgb(planes, (1 << (bits - 1)) * scale);
            steps.add(f.photometric() + " converted to RGB (ITU-R BT.601 full range)");
        } else if (f.photometric().startsWith("YBR_")) {
            steps.add(f.photometric() + " decoded to RGB by the JPEG 2000 decoder");
        }
        double slope = slope(h, steps), intercept = h.number(DicomHeader.RESCALE_INTERCEPT, 0, 0);
        Calibration calibration;
        if (f.photometric().equals("MONOCHROME1")) {
            for (float[] p : planes) for (int i = 0; i < p.length; i++) p[i] = 1 - p[i];
            steps.add("MONOCHROME1 inverted: white is the highest value");
            // stored = (1 - v) * mask - signBit
            calibration = new Calibration(-slope * mask, slope * (mask - signBit) + intercept, unit(h));
        } else {
            calibration = new Calibration(slope * mask, intercept - slope * signBit, unit(h));
        }
        rescaleStep(h, slope, intercept, steps);
        return image(h, f, frame, planes, bits, calibration, steps);
    }

    /** Float or double pixel data: normalised by the frame's range, which the calibration keeps. */
    static FloatImage floats(DicomHeader h, PixelFormat f, int frame, float[] values) throws IOException {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(values[i])) throw h.fail("DICOM floating-point pixel data holds NaN or infinite values");
            v[i] = values[i];
        }
        List<String> steps = steps(h, f);
        return normalised(h, f, frame, steps, new double[][]{v});
    }

    private static double[] stored(int[] raw, int shift, int bits, boolean signed) {
        double[] v = new double[raw.length];
        long mask = (1L << bits) - 1;
        for (int i = 0; i < raw.length; i++) {
            long x = (Integer.toUnsignedLong(raw[i]) >>> shift) & mask;
            if (signed && (x >> (bits - 1)) != 0) x -= 1L << bits;
            v[i] = x;
        }
        return v;
    }

    /** Values deeper than 16 bits, normalised by their range over all channels (so colours keep their balance). */
    private static FloatImage normalised(DicomHeader h, PixelFormat f, int frame, List<String> steps, double[][] values) throws IOException {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] v : values) {
            for (double x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        double range = max > min ? max - min : 1;
        float[][] planes = new float[values.length][];
        for (int c = 0; c < values.length; c++) {
            planes[c] = new float[values[c].length];
            for (int i = 0; i < values[c].length; i++) planes[c][i] = (float) ((values[c][i] - min) / range);
        }
        steps.add((f.floating() ? "floating-point" : f.bitsStored() + "-bit") + " values " + number(min) + ".." + number(max)
                + " normalised by their range to 0..1");
        double slope = slope(h, steps), intercept = h.number(DicomHeader.RESCALE_INTERCEPT, 0, 0);
        rescaleStep(h, slope, intercept, steps);
        Calibration calibration = new Calibration(slope * range, slope * min + intercept, unit(h));
        return image(h, f, frame, planes, 16, calibration, steps);
    }

    private static FloatImage image(DicomHeader h, PixelFormat f, int frame, float[][] planes, int bitDepth,
                                    Calibration calibration, List<String> steps) {
        return new FloatImage(f.columns(), f.rows(), planes, bitDepth, window(h, calibration, planes), calibration,
                new SourceInfo("DICOM", frame, f.frames(), false, steps));
    }

    private static List<String> steps(DicomHeader h, PixelFormat f) {
        List<String> steps = new ArrayList<>();
        if (h.syntax.encapsulated() || h.syntax.deflated()) {
            steps.add("decoded from " + h.syntax.name() + (h.syntax.lossy() ? " (lossy: values differ from the acquired ones)" : ""));
        }
        steps.addAll(f.notes());
        return steps;
    }

    /** Rescale Slope, times Dose Grid Scaling for RT Dose (PS3.3 C.8.8.3.4.3). A zero slope is taken as absent. */
    private static double slope(DicomHeader h, List<String> steps) {
        double slope = h.number(DicomHeader.RESCALE_SLOPE, 0, 1);
        if (slope == 0) slope = 1;
        double dose = h.number(DicomHeader.DOSE_GRID_SCALING, 0, 0);
        if (h.string(DicomHeader.MODALITY).equals("RTDOSE") && dose != 0) slope *= dose;
        return slope;
    }

    private static void rescaleStep(DicomHeader h, double slope, double intercept, List<String> steps) {
        if (slope == 1 && intercept == 0) return;
        String unit = unit(h);
        steps.add("rescaled to " + (unit.isEmpty() ? "modality values" : unit) + " = " + number(slope) + " x stored"
                + (intercept == 0 ? "" : (intercept < 0 ? " - " : " + ") + number(Math.abs(intercept))));
    }

    static String unit(DicomHeader h) {
        String modality = h.string(DicomHeader.MODALITY);
        if (modality.equals("RTDOSE")) return h.string(DicomHeader.DOSE_UNITS);
        String type = h.string(DicomHeader.RESCALE_TYPE);
        if (!type.isEmpty() && !type.equals("US")) return type;
        return modality.equals("CT") ? "HU" : "";
    }

    /** Full-range YCbCr (PS3.3 C.7.6.3.1.2) to RGB, in place; {@code half} is the chroma zero, 2^(bits-1) normalised. */
    private static void ybrToRgb(float[][] p, float half) {
        float[] y = p[0], cb = p[1], cr = p[2];
        for (int i = 0; i < y.length; i++) {
            float l = y[i], u = cb[i] - half, v = cr[i] - half;
            p[0][i] = clamp(l + 1.402f * v);
            p[1][i] = clamp(l - 0.344136f * u - 0.714136f * v);
            p[2][i] = clamp(l + 1.772f * u);
        }
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /** The file's window (given in modality units), else the data range: a 12-bit range shown in full is nearly flat. */
    private static DisplayWindow window(DicomHeader h, Calibration calibration, float[][] planes) {
        double center = h.number(DicomHeader.WINDOW_CENTER, 0, Double.NaN), width = h.number(DicomHeader.WINDOW_WIDTH, 0, Double.NaN);
        if (planes.length == 1 && width > 0 && Double.isFinite(center)) {
            double a = calibration.toNormalised(center - width / 2), b = calibration.toNormalised(center + width / 2);
            if (Double.isFinite(a) && Double.isFinite(b) && a != b) return new DisplayWindow(Math.min(a, b), Math.max(a, b));
        }
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float[] plane : planes) {
            for (float v : plane) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > min ? new DisplayWindow(min, max) : DisplayWindow.FULL;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
