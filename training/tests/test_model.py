"""Our MAE's two inference paths, the training masks and the dataset grouping (no I/O, tiny models).

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import sys
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_dataset import group_of  # noqa: E402
from mae_model import MAE, OnnxWrapper  # noqa: E402
from masks import random_patches, strokes, training_mask  # noqa: E402

TOL = 1e-5


def tiny_mae(seed=0):
    torch.manual_seed(seed)
    m = MAE(img_size=32, patch_size=8, dim=32, depth=2, heads=2, dec_dim=32, dec_depth=1, dec_heads=2).eval()
    with torch.no_grad():  # non-trivial biases / LayerNorm affine, outputs spread over [0,1]
        for name, t in m.named_parameters():
            if t.dim() == 1:
                t.add_(0.2 * torch.randn_like(t))
        m.decoder_pred.weight.mul_(4)
    return m


def hidden_masks(n, seed=0):
    """{visible count: bool [N] mask, True = hidden} for 0, 1, some, N-1 and N visible patches."""
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    out = {}
    for visible in (0, 1, n // 3, n // 2, n - 1, n):
        h = torch.ones(n, dtype=torch.bool)
        h[order[:visible]] = False
        out[visible] = h
    return out


class ModelTest(unittest.TestCase):
    def setUp(self):
        self.m = tiny_mae()
        self.w = OnnxWrapper(self.m).eval()
        self.n = self.m.num_patches
        torch.manual_seed(1)
        self.imgs = torch.rand(1, 3, 32, 32)

    def test_train_path_matches_onnx_wrapper(self):
        for visible, h in hidden_masks(self.n).items():
            with self.subTest(visible=visible), torch.no_grad():
                a = self.m.reconstruct(self.imgs, h[None])
                b = self.w(self.imgs, h[None].float())
                self.assertLess(float((a - b).abs().max()), TOL)
                self.assertGreater(float(((b > 0) & (b < 1)).float().mean()), 0.2)  # not all clamped

    def test_batched_variable_visible_counts(self):
        # One batch mixing visible counts exercises the key-padding path used in training.
        cases = hidden_masks(self.n, seed=3)
        hs = torch.stack(list(cases.values()))
        imgs = torch.rand(len(cases), 3, 32, 32)
        with torch.no_grad():
            batched = self.m.reconstruct(imgs, hs)
            for i, h in enumerate(hs):
                single = self.w(imgs[i:i + 1], h[None].float())
                self.assertLess(float((batched[i:i + 1] - single).abs().max()), TOL, f"sample {i}")

    def test_no_leakage_from_hidden_pixels(self):
        p, g = self.m.patch_size, self.m.grid
        for visible, h in hidden_masks(self.n, seed=5).items():
            pix = h.view(g, 1, g, 1).expand(g, p, g, p).reshape(1, 1, g * p, g * p)
            other = torch.where(pix, torch.rand_like(self.imgs) * 10 - 5, self.imgs)
            with self.subTest(visible=visible), torch.no_grad():
                self.assertEqual(float((self.w(self.imgs, h[None].float()) - self.w(other, h[None].float())).abs().max()), 0.0)
                both = self.m.forward_train(torch.cat([self.imgs, other]), torch.stack([h, h]))
                self.assertLess(float((both[0] - both[1]).abs().max()), TOL)
                # The batched path also must not leak through padded slots of a shorter sample.
                full = torch.zeros(self.n, dtype=torch.bool)
                mixed = self.m.forward_train(torch.cat([self.imgs, other, self.imgs]), torch.stack([h, h, full]))
                self.assertLess(float((mixed[0] - mixed[1]).abs().max()), TOL)

    def test_visible_pixels_do_matter(self):
        h = hidden_masks(self.n)[self.n // 2]
        with torch.no_grad():
            out = self.w(self.imgs, h[None].float())
            self.assertGreater(float((self.w(1 - self.imgs, h[None].float()) - out).abs().max()), 1e-2)

    def test_patchify_roundtrip(self):
        self.assertTrue(torch.equal(self.m.unpatchify(self.m.patchify(self.imgs)), self.imgs))


class MasksTest(unittest.TestCase):
    def test_random_patches_ratio_within_one_block(self):
        rng = np.random.default_rng(0)
        for block in (1, 2, 3):
            for _ in range(200):
                grid, ratio = int(rng.integers(4, 17)), float(rng.uniform(0.05, 1.0))
                hidden = random_patches(rng, grid, ratio, block)
                target = ratio * grid * grid
                self.assertEqual(hidden.shape, (grid * grid,))
                self.assertGreaterEqual(hidden.sum(), target - 1e-9)
                self.assertLess(hidden.sum(), target + block * block)

    def test_strokes_non_empty(self):
        rng = np.random.default_rng(1)
        for _ in range(200):
            size, patch = int(rng.choice([32, 64, 128])), int(rng.choice([4, 8, 16]))
            s = strokes(rng, size, patch, int(rng.integers(1, 6)))
            self.assertEqual(s.shape, ((size // patch) ** 2,))
            self.assertTrue(s.any())

    def test_training_mask_never_all_visible(self):
        rng = np.random.default_rng(2)
        for _ in range(500):
            h = training_mask(rng, 64, 8)
            self.assertEqual((h.dtype, h.shape), (np.dtype(bool), (64,)))
            self.assertTrue(h.any())


class GroupTest(unittest.TestCase):
    def same(self, pkg, *paths):
        groups = {group_of(pkg, Path(p)) for p in paths}
        self.assertEqual(len(groups), 1, groups)
        return groups.pop()

    def test_plasma_resolutions(self):
        base = "/usr/share/wallpapers/Autumn/contents/"
        g = self.same("plasma-workspace-wallpapers", base + "images/1280x1024.jpg", base + "images/1920x1080.jpg",
                      base + "images_dark/1920x1080.jpg")
        self.assertEqual(g, "plasma:Autumn")
        self.assertNotEqual(g, group_of("plasma-workspace-wallpapers", Path("/usr/share/wallpapers/Kite/contents/images/1920x1080.jpg")))

    def test_mate_and_gnome_variants(self):
        d = "/usr/share/backgrounds/mate/abstract/"
        self.assertEqual(self.same("mate-backgrounds", d + "Elephants.jpg", d + "Elephants_3840x2160.jpg",
                                   d + "Elephants_5640x3172.jpg"), "mate:Elephants")
        d = "/usr/share/backgrounds/gnome/"
        self.assertEqual(self.same("gnome-backgrounds", d + "adwaita-l.webp", d + "adwaita-d.webp"), "gnome:adwaita")
        self.assertNotEqual(group_of("gnome-backgrounds", Path(d + "adwaita-l.webp")),
                            group_of("gnome-backgrounds", Path(d + "grid-l.webp")))

    def test_skimage_pairs(self):
        d = "/usr/lib/python3/dist-packages/skimage/"
        self.same("python3-skimage", *(d + f"registration/tests/data/{k}X{xy}.png" for k in ("Original", "Transformed")
                                       for xy in ("-130Y130", "130Y130", "75Y75")))
        self.assertEqual(self.same("python3-skimage", d + "data/motorcycle_left.png", d + "data/motorcycle_right.png"),
                         "skimage:motorcycle")
        self.assertNotEqual(group_of("python3-skimage", Path(d + "data/astronaut.png")),
                            group_of("python3-skimage", Path(d + "data/camera.png")))

    def test_itk_slice_variants(self):
        d = "/usr/share/doc/insighttoolkit5-examples/examples/Data/"
        names = ["BrainProtonDensitySlice.png", "BrainProtonDensitySlice256x256.png", "BrainProtonDensitySliceBorder20.png",
                 "BrainProtonDensitySliceShifted13x17y.png", "BrainProtonDensitySliceR10X13Y17S12.png",
                 "BrainProtonDensitySliceRotated10.png", "BrainProtonDensitySliceBSplined10.png"]
        g = self.same("insighttoolkit5-examples", *(d + n for n in names))
        self.assertEqual(g, "itk:BrainProtonDensitySlice")  # the name FORCE_VAL relies on
        self.assertEqual(group_of("insighttoolkit5-examples", Path(d + "BrainT1Slice.png")), "itk:BrainT1Slice")
        self.assertNotEqual(group_of("insighttoolkit5-examples", Path(d + "BrainMidSagittalSlice.png")), g)


if __name__ == "__main__":
    unittest.main()
