package com.maeworkbench.image;

import java.util.Objects;

/**
 * The one in-memory image type: one flat float plane per channel (1 = gray, 3 = RGB), row-major,
 * values in [0,1] normalised by the source's real bit depth. Planes are shared, not copied: treat an
 * image as immutable once built, and use {@link #copy()} before writing into its planes.
 *
 * @param bitDepth     significant bits of the source (8, 16, or a DICOM BitsStored such as 12)
 * @param window       default display window (full range unless the source says otherwise)
 * @param calibration  maps normalised values back to the source's raw units for readouts
 * @param source       what the file was and what decoding did to its values
 */
public record FloatImage(int width, int height, float[][] planes, int bitDepth,
                         DisplayWindow window, Calibration calibration, SourceInfo source) {

    public FloatImage {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty image " + width + "x" + height);
        if (planes.length != 1 && planes.length != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + planes.length);
        for (float[] p : planes) {
            if (p.length != width * height) throw new IllegalArgumentException("plane length " + p.length + " != " + width + "x" + height);
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(source, "source");
    }

    /** A plain image of the given planes: full display window, calibration to {@code bitDepth} integer levels. */
    public static FloatImage of(int width, int height, int bitDepth, float[]... planes) {
        return new FloatImage(width, height, planes, bitDepth, DisplayWindow.FULL, Calibration.levels(bitDepth), SourceInfo.NONE);
    }

    public int channels() {
        return planes.length;
    }

    public int pixels() {
        return width * height;
    }

    public float[] plane(int channel) {
        return planes[channel];
    }

    /** The same metadata around other planes (e.g. a restoration's output). */
    public FloatImage withPlanes(float[][] newPlanes) {
        return new FloatImage(width, height, newPlanes, bitDepth, window, calibration, source);
    }

    /** The same pixels and display metadata with another account of their source. */
    public FloatImage withSource(SourceInfo newSource) {
        return new FloatImage(width, height, planes, bitDepth, window, calibration, newSource);
    }

    public FloatImage copy() {
        float[][] c = new float[planes.length][];
        for (int i = 0; i < planes.length; i++) c[i] = planes[i].clone();
        return withPlanes(c);
    }

    /** Rec. 601 luma for colour images; the plane itself for gray. */
    public float[] luma() {
        if (planes.length == 1) return planes[0];
        float[] r = planes[0], g = planes[1], b = planes[2];
        float[] y = new float[r.length];
        for (int i = 0; i < y.length; i++) y[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        return y;
    }
}
