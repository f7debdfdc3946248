package com.maeworkbench.io;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.List;

/** Conversions between decoded {@link BufferedImage}s and {@link FloatImage} planes. */
final class Rasters {

    private Rasters() {
    }

    /** Planes normalised by the samples' real bit depth; alpha is dropped and flagged. */
    static FloatImage toFloatImage(BufferedImage image) throws IOException {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel palette) return fromPalette(palette, raster);
        int colours = cm.getNumColorComponents();
        int bits = raster.getSampleModel().getSampleSize(0);
        if (isPlain(cm, raster, colours, bits)) {
            float[][] planes = new float[colours][];
            for (int c = 0; c < colours; c++) planes[c] = band(raster, c, 1f / ((1 << bits) - 1));
            return image(raster, planes, bits, cm.hasAlpha());
        }
        int type = raster.getTransferType(), space = cm.getColorSpace().getType();
        boolean deep = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE || type == DataBuffer.TYPE_INT && bits > 16;
        if (deep && (colours == 1 || colours == 3 && space == ColorSpace.TYPE_RGB)) return fromRange(raster, colours, cm.hasAlpha(), type);
        return fromRgb(image, colours == 1, cm.hasAlpha());
    }

    /**
     * Float and 32-bit integer samples (e.g. float TIFF): the real values, normalised by their range over all
     * channels, which the calibration keeps so readouts show them. The colour model's sRGB path would squeeze
     * them through 8 bits (0.5 became 188, 0..1000 all 255). Two passes row by row, so no copy of the raster
     * is held beside the planes.
     */
    private static FloatImage fromRange(Raster raster, int colours, boolean alpha, int type) throws IOException {
        int w = raster.getWidth(), h = raster.getHeight(), x0 = raster.getMinX(), y0 = raster.getMinY();
        double[] row = new double[w];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < colours; c++) {
            for (int y = 0; y < h; y++) {
                for (double v : raster.getSamples(x0, y0 + y, w, 1, c, row)) {
                    if (!Double.isFinite(v)) throw new IOException("float samples hold NaN or infinite values");
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double range = max > min ? max - min : 1;
        float[][] planes = new float[colours][w * h];
        for (int c = 0; c < colours; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(x0, y0 + y, w, 1, c, row);
                for (int x = 0; x < w; x++) planes[c][y * w + x] = (float) ((row[x] - min) / range);
            }
        }
        String kind = type == DataBuffer.TYPE_INT ? "32-bit integer" : "floating-point";
        return new FloatImage(w, h, planes, 16, DisplayWindow.FULL, new Calibration(range, min, ""),
                new SourceInfo("", 0, 1, alpha, List.of(kind + " values " + number(min) + ".." + number(max) + " normalised by their range to 0..1")));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    /** Gray or RGB component samples of 1-16 equal bits that can be taken as they are. */
    private static boolean isPlain(ColorModel cm, Raster raster, int colours, int bits) {
        int space = cm.getColorSpace().getType();
        boolean grayOrRgb = colours == 1 && space == ColorSpace.TYPE_GRAY || colours == 3 && space == ColorSpace.TYPE_RGB;
        int type = raster.getTransferType();
        if (!(cm instanceof ComponentColorModel) || !grayOrRgb || cm.isAlphaPremultiplied()
                || type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) return false;
        for (int c = 1; c < colours; c++) if (raster.getSampleModel().getSampleSize(c) != bits) return false;
        return true;
    }

    private static float[] band(Raster raster, int band, float scale) {
        int w = raster.getWidth(), h = raster.getHeight();
        float[] plane = new float[w * h];
        int[] row = new int[w]; // row by row: a whole-band int[] would double peak memory
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, band, row);
            for (int x = 0; x < w; x++) plane[y * w + x] = row[x] * scale;
        }
        return plane;
    }

    /** Palette entries are 8-bit; a palette of grays stays one channel. */
    private static FloatImage fromPalette(IndexColorModel palette, Raster raster) {
        int n = palette.getMapSize();
        float[][] lut = new float[3][n];
        boolean gray = true;
        for (int i = 0; i < n; i++) {
            int r = palette.getRed(i), g = palette.getGreen(i), b = palette.getBlue(i);
            lut[0][i] = r / 255f;
            lut[1][i] = g / 255f;
            lut[2][i] = b / 255f;
            gray &= r == g && g == b;
        }
        int w = raster.getWidth(), h = raster.getHeight();
        float[][] planes = new float[gray ? 1 : 3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int c = 0; c < planes.length; c++) {
                for (int x = 0; x < w; x++) planes[c][y * w + x] = lut[c][Math.min(row[x], n - 1)];
            }
        }
        return image(raster, planes, 8, palette.hasAlpha());
    }

    /** Anything else (packed pixels, CMYK, float samples): let the colour model convert to 8-bit sRGB. */
    private static FloatImage fromRgb(BufferedImage image, boolean gray, boolean alpha) {
        int w = image.getWidth(), h = image.getHeight();
        float[][] planes = new float[gray ? 1 : 3][w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int c = 0; c < planes.length; c++) {
                int shift = gray ? 8 : 16 - 8 * c;
                for (int x = 0; x < w; x++) planes[c][y * w + x] = ((row[x] >> shift) & 0xFF) / 255f;
            }
        }
        return image(image.getRaster(), planes, 8, alpha);
    }

    private static FloatImage image(Raster raster, float[][] planes, int bits, boolean alphaDropped) {
        return new FloatImage(raster.getWidth(), raster.getHeight(), planes, bits, DisplayWindow.FULL,
                Calibration.levels(bits), new SourceInfo("", 0, 1, alphaDropped, List.of()));
    }

    /** An opaque gray or RGB image with {@code bits} (8 or 16) per sample, values rounded from [0,1]. */
    static BufferedImage toBufferedImage(FloatImage image, int bits) {
        ColorSpace space = ColorSpace.getInstance(image.channels() == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ColorModel cm = new ComponentColorModel(space, false, false, Transparency.OPAQUE,
                bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
        int w = image.width(), h = image.height(), max = (1 << bits) - 1;
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        int[] row = new int[w];
        for (int c = 0; c < image.channels(); c++) {
            float[] plane = image.plane(c);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) row[x] = Math.round(Math.max(0f, Math.min(1f, plane[y * w + x])) * max);
                raster.setSamples(0, y, w, 1, c, row);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }
}
