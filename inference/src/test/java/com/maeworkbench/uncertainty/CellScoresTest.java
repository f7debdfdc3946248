package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellScoresTest {

    @Test
    void spearmanRanksWithMidRanksForTies() {
        assertEquals(1, CellScores.spearman(new double[]{1, 2, 3, 4}, new double[]{10, 20, 30, 400}), 1e-12);
        assertEquals(-1, CellScores.spearman(new double[]{1, 2, 3, 4}, new double[]{4, 3, 2, 1}), 1e-12);
        // Ties: ranks (1.5, 1.5, 3, 4) against (1, 2, 3, 4): Pearson of those.
        assertEquals(0.9486832980505138, CellScores.spearman(new double[]{5, 5, 6, 7}, new double[]{1, 2, 3, 4}), 1e-12);
        assertTrue(Double.isNaN(CellScores.spearman(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
    }

    @Test
    void topRatioIsTheMostUncertainTenthsErrorOverTheMean() {
        double[] real = new double[20], score = new double[20];
        for (int i = 0; i < 20; i++) {
            real[i] = i == 3 || i == 7 ? 10 : 1;
            score[i] = i == 3 || i == 7 ? 5 : i * 0.01;
        }
        // Top 10% of 20 cells = 2 cells, both with error 10; mean error = (18 + 20) / 20 = 1.9.
        assertEquals(10 / 1.9, CellScores.topRatio(score, real, 0.10), 1e-12);
    }

    @Test
    void measuresFullyMaskedCellsOnly() {
        int w = 48, h = 32;
        float[] orig = new float[w * h], rest = new float[w * h], sigma = new float[w * h];
        for (int i = 0; i < orig.length; i++) orig[i] = (i % w) / (float) w;
        Mask mask = Mask.empty(w, h);
        MaskShapes.fillRect(mask, 16, 0, 16, 16, true);  // one full cell
        MaskShapes.fillRect(mask, 0, 16, 10, 16, true);  // part of a cell: not scored
        for (int i = 0; i < orig.length; i++) {
            rest[i] = mask.missing()[i] ? orig[i] + 0.1f : orig[i];
            sigma[i] = mask.missing()[i] ? 0.2f : 0;
        }
        CellScores s = CellScores.measure(FloatImage.of(w, h, 8, orig), FloatImage.of(w, h, 8, rest), mask, sigma, 16);
        assertEquals(1, s.count());
        assertEquals(0.1, s.real()[0], 1e-6);
        assertEquals(0.2, s.predicted()[0], 1e-6);
        assertTrue(s.trivial()[0] > 0.05, "the ramp around the cell varies: " + s.trivial()[0]);
        assertEquals(2, CellScores.pool(List.of(s, s)).count());
    }
}
