package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.report.MetricsReport;
import com.maeworkbench.uncertainty.CellScores;
import com.maeworkbench.uncertainty.MaeUncertainty;
import com.maeworkbench.uncertainty.UncertaintyMap;

/**
 * {@code restore --uncertainty}: the MAE's uncertainty map for the image and how well it ranks the MAE's
 * real error against the original (per fully masked 16 px cell, beside the trivial local-std predictor).
 */
record UncertaintyOutput(UncertaintyMap map, MetricsReport.Uncertainty summary) {

    static UncertaintyOutput compute(MaeMethod mae, FloatImage original, Mask mask, FloatImage maeResult, String stem) {
        MaeUncertainty u = MaeUncertainty.of(mae);
        UncertaintyMap map = u.estimate(original, mask, maeResult);
        CellScores s = CellScores.measure(original, maeResult, mask, map.sigma(), CellScores.CELL);
        double sum = 0;
        boolean[] missing = mask.missing();
        for (int i = 0; i < missing.length; i++) if (missing[i]) sum += map.sigma()[i];
        return new UncertaintyOutput(map, new MetricsReport.Uncertainty(stem + "-mae-uncertainty.tif", map.calibrated(), u.calibrationNote(),
                u.ensemble().describe(), map.passes(), map.millis(), mask.count() == 0 ? Double.NaN : sum / mask.count(), s.count(),
                s.spearman(), s.spearmanTrivial(), s.topRatio(), s.topRatioTrivial()));
    }
}
