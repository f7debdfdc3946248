package com.maeworkbench.app.state;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.uncertainty.UncertaintyMap;

/**
 * The MAE's uncertainty map for one mask edit, or why there is none.
 *
 * @param map             the core's map (null when {@code error} is set)
 * @param sigma           the map as a one-plane image in the source's units: its calibration maps a value to
 *                        the predicted error std in raw units (HU for CT) with no offset, so the pixel readout
 *                        reads "12 HU" (null with {@code error})
 * @param rmsInMask       root mean square of the predicted std over the masked pixels: the predicted RMS error
 *                        of the MAE in the mask, normalised units (NaN with {@code error} or no masked pixel)
 * @param calibrationNote which calibration is in use (the data it was fitted on), or why none
 *                        ({@code UncertaintyService.calibrationSource})
 * @param maskSeq         the mask edit ({@link WorkbenchState#maskSeq()}) it answers: stale once the mask changed
 * @param error           one line when it could not be computed, else null
 */
public record UncertaintyResult(UncertaintyMap map, FloatImage sigma, double rmsInMask, String calibrationNote,
                                long maskSeq, String error) {

    /** The result for {@code map}, computed for {@code image} under {@code mask}. */
    public static UncertaintyResult of(UncertaintyMap map, FloatImage image, Mask mask, String calibrationNote, long maskSeq) {
        float[] s = map.sigma();
        boolean[] missing = mask.missing();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (!missing[i]) continue;
            sum += (double) s[i] * s[i];
            n++;
        }
        Calibration raw = image.calibration();
        FloatImage sigma = new FloatImage(map.width(), map.height(), new float[][]{s}, image.bitDepth(), image.window(),
                new Calibration(Math.abs(raw.scale()), 0, raw.unit()), image.source());
        return new UncertaintyResult(map, sigma, n == 0 ? Double.NaN : Math.sqrt(sum / n), calibrationNote, maskSeq, null);
    }

    public static UncertaintyResult failed(String error, long maskSeq) {
        return new UncertaintyResult(null, null, Double.NaN, null, maskSeq, error);
    }
}
