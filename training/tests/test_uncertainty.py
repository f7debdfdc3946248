"""training/uncertainty.py's scores and fit: the same definitions as the Java CellScores, a monotone fit.

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import sys
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from uncertainty import cells_of, pava, spearman, top_ratio  # noqa: E402


class ScoresTest(unittest.TestCase):
    def test_spearman_matches_the_java_definition(self):
        # The values CellScoresTest checks in Java (mid-ranks for ties).
        self.assertAlmostEqual(spearman([5, 5, 6, 7], [1, 2, 3, 4]), 0.9486832980505138, places=12)
        self.assertAlmostEqual(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1.0, places=12)

    def test_top_ratio(self):
        real = np.where(np.isin(np.arange(20), [3, 7]), 10.0, 1.0)
        score = np.where(np.isin(np.arange(20), [3, 7]), 5.0, np.arange(20) * 0.01)
        self.assertAlmostEqual(top_ratio(score, real), 10 / 1.9, places=12)

    def test_cells_are_the_fully_masked_ones(self):
        h, w = 32, 48
        orig = np.tile(np.arange(w) / w, (h, 1))[None]
        missing = np.zeros((h, w), bool)
        missing[0:16, 16:32] = True
        missing[16:32, 0:10] = True
        restored = orig + 0.1 * missing
        sigma = 0.2 * missing.astype(np.float32)
        real, pred, trivial = cells_of(orig, restored, missing, sigma)
        self.assertEqual(len(real), 1)
        self.assertAlmostEqual(real[0], 0.1, places=6)
        self.assertAlmostEqual(pred[0], 0.2, places=6)
        self.assertGreater(trivial[0], 0.05)


class FitTest(unittest.TestCase):
    def test_pava_is_monotone_and_keeps_the_weighted_mean(self):
        rng = np.random.default_rng(0)
        y = np.linspace(0, 1, 50) + rng.normal(0, 0.2, 50)
        w = rng.uniform(1, 3, 50)
        fit = pava(y, w)
        self.assertTrue(np.all(np.diff(fit) >= -1e-12))
        self.assertAlmostEqual(float((fit * w).sum()), float((y * w).sum()), places=9)
        np.testing.assert_allclose(pava(np.array([1.0, 2, 3]), np.ones(3)), [1, 2, 3])


if __name__ == "__main__":
    unittest.main()
