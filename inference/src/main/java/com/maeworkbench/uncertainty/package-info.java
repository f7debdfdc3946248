/**
 * Where the MAE is guessing: a calibrated uncertainty map from a test-time ensemble of the MAE's own
 * restorations (model card, section "Uncertainty map").
 *
 * <pre>{@code
 * MaeMethod own = MaeMethod.load(modelFile, device);          // not the live panel's: see MaeUncertainty
 * MaeUncertainty uncertainty = MaeUncertainty.of(own);        // the calibration beside the model file
 * UncertaintyMap map = uncertainty.estimate(image, mask, liveMaeResult);   // seconds; interrupt to cancel
 * float sigmaInRawUnits = map.sigma()[i] * (float) image.calibration().scale();  // e.g. HU for CT
 * }</pre>
 *
 * {@link com.maeworkbench.uncertainty.CellScores} scores a map against the original (the CLI's metrics.json
 * and {@code training/uncertainty.py}).
 */
package com.maeworkbench.uncertainty;
