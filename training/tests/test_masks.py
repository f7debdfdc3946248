"""Line-dropout masks (Java's MaskShapes.lines bit for bit), the training line masks, and the validation
tiling that mirrors the Java runtime.

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import sys
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))

import make_line_mask_fixture as fixture  # noqa: E402
import tiling  # noqa: E402
from masks import JavaRandom, line_mask, line_masks, training_masks  # noqa: E402


class JavaRandomTest(unittest.TestCase):
    def test_matches_java_util_random(self):
        # Printed by JDK 17's jshell: new Random(0).nextInt(), new Random(42).nextDouble(), and for
        # new Random(-7): nextInt(1000000007), nextInt(16), nextDouble().
        self.assertEqual(JavaRandom(0).next(32) - (1 << 32), -1155484576)
        self.assertEqual(JavaRandom(42).next_double(), 0.7275636800328681)
        r = JavaRandom(-7)
        self.assertEqual((r.next_int(1000000007), r.next_int(16), r.next_double()), (577934662, 14, 0.6731811902798038))


class LineMaskTest(unittest.TestCase):
    def test_fixture_is_current(self):
        """The committed fixture MaskShapesTest checks equals what masks.py draws today."""
        committed = fixture.OUT.read_text().splitlines()
        self.assertEqual(committed, list(fixture.rows()))
        self.assertGreaterEqual(len(committed), 10)

    def test_bands(self):
        m = line_mask(30, 40, "row", every=4, line_width=2, drop=1.0, seed=5)
        rows = m[:, 0]
        self.assertTrue((m == rows[:, None]).all())  # whole rows
        self.assertAlmostEqual(rows.mean(), 0.5, delta=2 / 40)
        starts = [y for y in range(1, 40) if rows[y] and not rows[y - 1]]
        self.assertTrue(all(b - a == 4 for a, b in zip(starts, starts[1:])), starts)
        self.assertFalse(line_mask(30, 40, "col", 3, 1, 0.0, 1).any())
        thin = line_mask(500, 10, "col", 1, 1, 0.1, 9)[0]
        self.assertAlmostEqual(thin.mean(), 0.1, delta=0.04)
        with self.assertRaises(ValueError):
            line_mask(10, 10, "row", 3, 4)
        with self.assertRaises(ValueError):
            line_mask(10, 10, "diagonal")

    def test_training_line_masks(self):
        gen = torch.Generator().manual_seed(0)
        m = line_masks(200, 64, gen, torch.device("cpu"))
        self.assertEqual((m.shape, m.dtype), ((200, 1, 64, 64), torch.bool))
        rows = (m == m[..., :, :1]).flatten(1).all(1)
        cols = (m == m[..., :1, :]).flatten(1).all(1)
        self.assertTrue(bool((rows | cols).all()))  # every mask is whole rows or whole columns
        self.assertTrue(bool(rows.any()) and bool(cols.any()))
        share = m.float().mean((1, 2, 3))
        self.assertTrue(0.05 < float(share.mean()) < 0.6)
        self.assertTrue(bool(training_masks(512, 64, 8, gen, torch.device("cpu")).view(512, -1).any(1).all()))


class ConstantModel:
    """Stands in for the MAE: every tile comes back as one value per tile, so blending is visible."""

    def __init__(self, size, patch):
        self.config = dict(img_size=size, patch_size=patch)
        self.calls = 0

    def reconstruct_pixels(self, x, unknown):
        self.calls += 1
        return torch.full_like(x, 0.25 + 0.01 * self.calls)


class TilingTest(unittest.TestCase):
    def test_axis_mirrors_java(self):
        origins, w = tiling.tile_axis(256, 64, 8)
        self.assertEqual(origins, [0, 32, 64, 96, 128, 160, 192])
        total = torch.zeros(256)
        for o, wk in zip(origins, w):
            total[o:o + 64] += wk
        self.assertTrue(torch.allclose(total, torch.ones(256), atol=1e-6))  # weights partition unity
        self.assertEqual(tiling.tile_axis(128, 128, 16)[0], [0])
        self.assertEqual(tiling.tile_axis(200, 64, 8)[0][-1], 136)  # last tile pulled back onto the grid

    def test_restore_blends_and_keeps_known_pixels(self):
        x = torch.rand(2, 3, 128, 128)
        unknown = torch.zeros(2, 1, 128, 128, dtype=torch.bool)
        unknown[:, :, 40:90, 40:90] = True
        model = ConstantModel(64, 8)
        out = tiling.restore(model, x, unknown)
        self.assertTrue(torch.equal(out[~unknown.expand_as(x)], x[~unknown.expand_as(x)]))
        inside = out[unknown.expand_as(x)]
        self.assertTrue(bool(((inside > 0.25) & (inside < 0.25 + 0.01 * model.calls + 1e-6)).all()))
        self.assertGreater(len(torch.unique(inside)), 2)  # tiles mixed, not pasted
        gray = tiling.restore(ConstantModel(128, 16), x, unknown, torch.tensor([True, False]))
        self.assertTrue(torch.allclose(gray[0, 0][unknown[0, 0]], gray[0, 1][unknown[0, 0]]))


if __name__ == "__main__":
    unittest.main()
