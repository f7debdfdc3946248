package com.maeworkbench.image;

/**
 * Maps a normalised value back to the source's raw units: {@code raw = value * scale + offset}
 * (e.g. stored value 0..4095 for 12-bit, or Hounsfield units after DICOM rescale).
 */
public record Calibration(double scale, double offset, String unit) {

    /** Plain integer levels of an unsigned {@code bitDepth}-bit image. */
    public static Calibration levels(int bitDepth) {
        return new Calibration((1L << bitDepth) - 1, 0, "");
    }

    public double toRaw(double normalised) {
        return normalised * scale + offset;
    }

    public double toNormalised(double raw) {
        return (raw - offset) / scale;
    }
}
