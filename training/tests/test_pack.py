"""The data pack: the runtime's intensity window, and a pack built from a tiny data folder decodes back
(temporary files only).

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import csv
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_pack  # noqa: E402
from test_data import photo  # noqa: E402


class PackTest(unittest.TestCase):
    def test_window_follows_the_java_runtime(self):
        self.assertEqual(make_pack.intensity_window(np.zeros((4, 4), np.uint8)), (0.0, 1.0))
        v = np.linspace(10000, 20000, 100000).astype(np.uint16)
        lo, hi = make_pack.intensity_window(v)
        self.assertAlmostEqual(lo, 10050 / 65535, delta=1 / 4096 + 1e-9)
        self.assertAlmostEqual(hi, 19950 / 65535, delta=2 / 4096 + 1e-9)
        lo, hi = make_pack.intensity_window(np.full((8, 8), 30000, np.uint16))
        self.assertAlmostEqual(hi - lo, 1 / 256)

    def test_round_trip(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            rows = []
            for i, (split, kind) in enumerate([("train", "natural"), ("train", "natural"), ("train", "medical"),
                                               ("val", "natural"), ("val", "medical"), ("test", "natural")]):
                name = f"{split}/{kind}/p{i}.png"
                (data / name).parent.mkdir(parents=True, exist_ok=True)
                rng = np.random.default_rng(i)
                arr = photo(300, 400, seed=i) if kind == "natural" else \
                    (photo(200, 180, seed=i)[..., 0].astype(np.uint16) * 40 + rng.integers(0, 40, (200, 180)) + 5000).astype(np.uint16)
                Image.fromarray(arr).save(data / name)
                rows.append(dict(image=name, split=split, kind=kind, picture=f"p{i}"))
            with open(data / "manifest.csv", "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
            manifest, entries, quality = make_pack.build(data, 2 * 2 ** 20)
            out = data / "pack.npz"
            make_pack.save(out, manifest, entries, quality)
            self.assertLessEqual(out.stat().st_size, 2 * 2 ** 20)
            pack = make_pack.load_pack(out)
        self.assertNotIn("test", pack)  # the frozen split never reaches training
        self.assertGreaterEqual(len(pack["train"]["natural"]), 2)
        self.assertEqual(len(pack["train"]["medical"]), 1)
        med, _ = pack["train"]["medical"][0]
        self.assertEqual(med.shape, (200, 180, 3))  # a whole slice under 256 px
        self.assertLess(abs(float(np.percentile(med, 50)) - 0.5), 0.3)  # windowed, not a sliver of [0,1]
        self.assertGreater(len(np.unique(med)), 256)  # more than 8 bits of levels survive
        val, _ = pack["val"]["natural"][0]
        self.assertEqual(val.shape, (256, 256, 3))
        self.assertEqual(pack["val"]["medical"][0][0].shape, (128, 128, 3))


if __name__ == "__main__":
    unittest.main()
