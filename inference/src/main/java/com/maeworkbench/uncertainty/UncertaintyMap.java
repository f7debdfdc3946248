package com.maeworkbench.uncertainty;

/**
 * Where the MAE is guessing: per pixel, the predicted standard deviation of its error in the image's
 * normalised [0,1] units (multiply by the image's {@code Calibration.scale()} for raw units such as HU);
 * 0 at known pixels.
 *
 * @param calibrated false when no calibration fitted this model and ensemble: {@code sigma} is then the raw
 *                   ensemble spread, which ranks pixels but is not an error estimate
 * @param passes     restorations run for it (the plain one included when it was not handed in)
 * @param millis     wall-clock time taken
 */
public record UncertaintyMap(int width, int height, float[] sigma, boolean calibrated, int passes, double millis) {

    public UncertaintyMap {
        if (sigma.length != width * height) throw new IllegalArgumentException("map has " + sigma.length + " values, expected " + width + "x" + height);
    }
}
