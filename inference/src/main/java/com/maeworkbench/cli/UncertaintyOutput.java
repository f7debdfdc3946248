package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ReportFormat;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.uncertainty.CellScores;
import com.maeworkbench.uncertainty.MaeUncertainty;
import com.maeworkbench.uncertainty.UncertaintyMap;

/**
 * {@code restore --uncertainty}: the MAE's uncertainty map for the image and how well it ranks the MAE's
 * real error against the original (per fully masked 16 px cell, beside the trivial local-std predictor).
 */
record UncertaintyOutput(String file, UncertaintyMap map, CellScores scores, String note, String ensemble) {

    static UncertaintyOutput compute(MaeMethod mae, FloatImage original, Mask mask, FloatImage maeResult, String stem) {
        MaeUncertainty u = MaeUncertainty.of(mae);
        UncertaintyMap map = u.estimate(original, mask, maeResult);
        CellScores scores = CellScores.measure(original, maeResult, mask, map.sigma(), CellScores.CELL);
        return new UncertaintyOutput(stem + "-mae-uncertainty.tif", map, scores, u.calibrationNote(), u.ensemble().describe());
    }

    /** The {@code "uncertainty"} object of metrics.json. */
    String json() {
        double mean = 0;
        int n = 0;
        for (float s : map.sigma()) {
            if (s > 0) {
                mean += s;
                n++;
            }
        }
        return "{\"file\": " + ReportFormat.jsonString(file)
                + ", \"calibrated\": " + map.calibrated() + ", \"note\": " + ReportFormat.jsonString(note)
                + ", \"ensemble\": " + ReportFormat.jsonString(ensemble)
                + ", \"passes\": " + map.passes() + ", \"millis\": " + ReportFormat.jsonNumber(map.millis(), 1)
                + ", \"mean_sigma\": " + ReportFormat.jsonNumber(n == 0 ? Double.NaN : mean / n, 5)
                + ", \"cells\": " + scores.count()
                + ", \"spearman\": " + ReportFormat.jsonNumber(scores.spearman(), 4)
                + ", \"spearman_trivial\": " + ReportFormat.jsonNumber(scores.spearmanTrivial(), 4)
                + ", \"top10\": " + ReportFormat.jsonNumber(scores.topRatio(), 4)
                + ", \"top10_trivial\": " + ReportFormat.jsonNumber(scores.topRatioTrivial(), 4) + "}";
    }
}
