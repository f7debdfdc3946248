"""Our MAE's two inference paths, the training masks and the crop sampler (no I/O, tiny models).

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import sys
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mae_model import MAE, OnnxWrapper  # noqa: E402
from crops import CropSampler  # noqa: E402
from masks import cell_masks, stroke_masks, training_masks  # noqa: E402

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


class PixelModelTest(unittest.TestCase):
    """The pixel-mask variant: partly known patches stay visible, unknown pixels never count."""

    def setUp(self):
        torch.manual_seed(0)
        self.m = MAE(img_size=32, patch_size=8, dim=32, depth=2, heads=2, dec_dim=32, dec_depth=1, dec_heads=2,
                     pixel_mask=True).eval()
        with torch.no_grad():
            self.m.decoder_pred.weight.mul_(4)
        self.w = OnnxWrapper(self.m).eval()
        torch.manual_seed(1)
        self.imgs = torch.rand(1, 3, 32, 32)
        g = torch.Generator().manual_seed(2)
        self.unknown = training_masks(8, 32, 8, g, torch.device("cpu"))

    def test_train_path_matches_onnx_wrapper(self):
        with torch.no_grad():
            batched = self.m.reconstruct_pixels(self.imgs.expand(8, -1, -1, -1), self.unknown)
            for i in range(8):
                single = self.w(self.imgs, self.unknown[i:i + 1].float())
                self.assertLess(float((batched[i:i + 1] - single).abs().max()), TOL, f"mask {i}")

    def test_unknown_pixels_do_not_leak(self):
        for i in range(8):
            u = self.unknown[i:i + 1]
            other = torch.where(u, torch.rand_like(self.imgs) * 10 - 5, self.imgs)
            with torch.no_grad():
                self.assertEqual(float((self.w(self.imgs, u.float()) - self.w(other, u.float())).abs().max()), 0.0)

    def test_known_pixel_of_a_partly_masked_patch_matters(self):
        u = torch.ones(1, 1, 32, 32, dtype=torch.bool)
        u[0, 0, 3, 3] = False  # one known pixel: patch (0,0) is visible, the rest hidden
        self.assertEqual(int((~self.m.hidden_patches(u)).sum()), 1)
        changed = self.imgs.clone()
        changed[0, :, 3, 3] = 1 - changed[0, :, 3, 3]
        with torch.no_grad():
            self.assertGreater(float((self.w(self.imgs, u.float()) - self.w(changed, u.float())).abs().max()), 1e-3)

    def test_hidden_patches_rules(self):
        u = torch.zeros(1, 1, 32, 32, dtype=torch.bool)
        u[0, 0, :8, :8] = True  # patch 0 fully unknown
        u[0, 0, 8, 8] = True  # patch 5 partly unknown
        pixel = self.m.hidden_patches(u)[0]
        self.assertEqual(torch.nonzero(pixel)[:, 0].tolist(), [0])
        patch = MAE(img_size=32, patch_size=8, dim=32, depth=1, heads=2, dec_dim=32, dec_depth=1, dec_heads=2)
        self.assertEqual(torch.nonzero(patch.hidden_patches(u)[0])[:, 0].tolist(), [0, 5])


class MasksTest(unittest.TestCase):
    def setUp(self):
        self.gen = torch.Generator().manual_seed(0)
        self.cpu = torch.device("cpu")

    def test_cell_masks_follow_ratio_and_cells(self):
        n, size = 400, 64
        for cell in (8, 16):
            cells = torch.full((n,), cell)
            ratios = torch.rand(n, generator=self.gen) * 0.8 + 0.1
            m = cell_masks(n, size, cells, torch.zeros(n, 2, dtype=torch.long), ratios, self.gen)
            self.assertEqual((m.shape, m.dtype), ((n, 1, size, size), torch.bool))
            # Constant inside each cell when the grid starts at 0.
            blocks = m.view(n, size // cell, cell, size // cell, cell)
            self.assertTrue(torch.equal(blocks.all(4).all(2), blocks.any(4).any(2)))
            # The hidden share tracks the requested ratio on average.
            self.assertLess(float((m.float().mean((1, 2, 3)) - ratios).mean().abs()), 0.03)

    def test_strokes_are_drawn(self):
        m = stroke_masks(200, 64, self.gen, self.cpu)
        share = m.float().mean((1, 2, 3))
        self.assertTrue(bool((share > 0).all()))
        self.assertTrue(bool((share < 1).any()))

    def test_training_masks_never_empty(self):
        for _ in range(5):
            m = training_masks(256, 64, 8, self.gen, self.cpu)
            self.assertEqual((m.shape, m.dtype), ((256, 1, 64, 64), torch.bool))
            self.assertTrue(bool(m.view(256, -1).any(1).all()))
            self.assertTrue(0.2 < float(m.float().mean()) < 0.8)


class CropsTest(unittest.TestCase):
    def test_crops_shape_range_and_content(self):
        rng = np.random.default_rng(0)
        images = [rng.integers(0, 256, (h, w, 3), dtype=np.uint8) for h, w in ((300, 500), (64, 80), (40, 40))]
        images.append(np.full((256, 256, 3), 77, np.uint8))
        sampler = CropSampler(images, 32, torch.device("cpu"))
        x = sampler.sample(500, torch.Generator().manual_seed(1))
        self.assertEqual(x.shape, (500, 3, 32, 32))
        self.assertTrue(0 <= float(x.min()) and float(x.max()) <= 1)
        # A flat picture stays flat whatever the scale, flip or channel order: crops of it exist and are exact.
        flat = (x - 77 / 255).abs().amax((1, 2, 3)) < 1e-6
        self.assertGreater(int(flat.sum()), 50)

    def test_validation_crops_are_deterministic(self):
        rng = np.random.default_rng(0)
        images = [rng.integers(0, 256, (200, 300, 3), dtype=np.uint8)]
        a = CropSampler(images, 32, torch.device("cpu")).sample(10, torch.Generator().manual_seed(3), gray_p=0, flips=False)
        b = CropSampler(images, 32, torch.device("cpu")).sample(10, torch.Generator().manual_seed(3), gray_p=0, flips=False)
        self.assertTrue(torch.equal(a, b))


if __name__ == "__main__":
    unittest.main()
