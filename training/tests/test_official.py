"""official.py against an independent re-implementation of the official MAE (official_reference.py).

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from mae_model import OnnxWrapper, sincos_pos_embed  # noqa: E402
from official import IMAGENET_MEAN, IMAGENET_STD, load_official  # noqa: E402
from official_reference import MaskedAutoencoderViT, get_2d_sincos_pos_embed  # noqa: E402

MEAN = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
STD = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
TOL = 1e-5


def random_reference(seed, **cfg):
    """Reference model with every learnable tensor random (biases and LayerNorm affine too, so a swapped or
    dropped parameter shows); positional embeddings stay the fixed sin-cos ones, as in the official code."""
    torch.manual_seed(seed)
    ref = MaskedAutoencoderViT(in_chans=3, **cfg).eval()
    with torch.no_grad():
        for name, t in ref.named_parameters():
            if "pos_embed" in name:
                continue
            if name.endswith(".weight") and t.dim() == 1:  # LayerNorm scale
                t.copy_(1 + 0.3 * torch.randn_like(t))
            elif t.dim() >= 2 and name not in ("cls_token", "mask_token"):
                t.copy_(torch.randn_like(t) * (1.0 / t[0].numel()) ** 0.5)
            else:
                t.copy_(0.3 * torch.randn_like(t))
        # Spread outputs around [0,1] after de-normalisation so the clamped comparison means something.
        ref.decoder_pred.weight.mul_(2)
    return ref


def masks(n, seed=0):
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(n, generator=g)
    out = {}
    for visible in (0, 1, 2, n // 3, n // 2, n - 1, n):
        m = torch.ones(n)
        m[order[:visible]] = 0
        out[visible] = m
    return out


class OfficialConversionTest(unittest.TestCase):
    CONFIGS = [
        # official-like, but heads != dim // 64 on both sides so the override is exercised
        dict(img_size=32, patch_size=8, embed_dim=64, depth=2, num_heads=4,
             decoder_embed_dim=32, decoder_depth=1, decoder_num_heads=4, mlp_ratio=4.),
        dict(img_size=24, patch_size=4, embed_dim=48, depth=1, num_heads=3,
             decoder_embed_dim=40, decoder_depth=2, decoder_num_heads=5, mlp_ratio=2.),
    ]

    def convert(self, ref, **kw):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "ck.pth"
            torch.save({"model": ref.state_dict()}, path)
            return load_official(path, **kw).eval()

    def test_pos_embed_matches_official(self):
        # Our own model builds the same sin-cos table as the official code (without the class-token row).
        for dim, grid in ((64, 4), (32, 8), (1024, 14)):
            official = torch.from_numpy(get_2d_sincos_pos_embed(dim, grid, cls_token=True)).float()
            self.assertEqual(float(official[0].abs().max()), 0.0)
            torch.testing.assert_close(sincos_pos_embed(dim, grid), official[1:], atol=1e-6, rtol=0)

    def test_matches_reference(self):
        for i, cfg in enumerate(self.CONFIGS):
            ref = random_reference(i, **cfg)
            ours = self.convert(ref, heads=cfg["num_heads"], dec_heads=cfg["decoder_num_heads"])
            wrapper = OnnxWrapper(ours).eval()
            n = ours.num_patches
            torch.manual_seed(100 + i)
            imgs = torch.rand(1, 3, cfg["img_size"], cfg["img_size"])
            for visible, mask in masks(n, i).items():
                with self.subTest(config=i, visible=visible), torch.no_grad():
                    want = ref.unpatchify(ref((imgs - MEAN) / STD, mask[None])) * STD + MEAN
                    raw = ours.denormalize(ours.unpatchify(ours.forward_train(imgs, mask[None].bool())))
                    self.assertLess(float((raw - want).abs().max()), TOL)
                    clamped = want.clamp(0, 1)
                    self.assertGreater(float(((clamped > 0) & (clamped < 1)).float().mean()), 0.2)
                    self.assertLess(float((ours.reconstruct(imgs, mask[None].bool()) - clamped).abs().max()), TOL)
                    self.assertLess(float((wrapper(imgs, mask[None]) - clamped).abs().max()), TOL)

    def test_cls_pos_row_folded(self):
        # Official checkpoints have a zero class-token row; should one not, the encoder's is folded into cls_token.
        cfg = self.CONFIGS[0]
        ref = random_reference(0, **cfg)
        with torch.no_grad():
            ref.pos_embed[:, 0].normal_()
        ours = self.convert(ref, heads=4, dec_heads=4)
        imgs, mask = torch.rand(1, 3, 32, 32), masks(ours.num_patches)[5]
        with torch.no_grad():
            want = ref.unpatchify(ref((imgs - MEAN) / STD, mask[None])) * STD + MEAN
            got = ours.denormalize(ours.unpatchify(ours.forward_train(imgs, mask[None].bool())))
        self.assertLess(float((got - want).abs().max()), TOL)

    def test_wrong_heads_differ(self):
        # Sanity check of the test itself: with the default heads (dim // 64 = 1) the outputs differ.
        cfg = self.CONFIGS[0]
        ref = random_reference(0, **cfg)
        ours = self.convert(ref)
        self.assertEqual((ours.config["heads"], ours.config["dec_heads"]), (1, 1))
        imgs, mask = torch.rand(1, 3, 32, 32), masks(ours.num_patches)[5]
        with torch.no_grad():
            want = ref.unpatchify(ref((imgs - MEAN) / STD, mask[None])) * STD + MEAN
            got = ours.denormalize(ours.unpatchify(ours.forward_train(imgs, mask[None].bool())))
        self.assertGreater(float((got - want).abs().max()), 1e-2)

    def test_official_head_defaults(self):
        from official import default_heads
        self.assertEqual(default_heads(768, 512), (12, 16))
        self.assertEqual(default_heads(1024, 512), (16, 16))
        self.assertEqual(default_heads(1280, 512), (16, 16))

    def test_encoder_only_checkpoint_rejected(self):
        ref = random_reference(0, **self.CONFIGS[0])
        sd = {k: v for k, v in ref.state_dict().items() if not k.startswith(("decoder", "mask_token"))}
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "enc.pth"
            torch.save({"model": sd}, path)
            with self.assertRaises(SystemExit) as ctx:
                load_official(path)
        self.assertIn("encoder-only", str(ctx.exception))

    def test_export_cli(self):
        import onnx
        cfg = self.CONFIGS[0]
        ref = random_reference(0, **cfg)
        with tempfile.TemporaryDirectory() as d:
            ck, out = Path(d) / "ck.pth", Path(d) / "x.onnx"
            torch.save({"model": ref.state_dict()}, ck)
            subprocess.run([sys.executable, str(HERE.parent / "export.py"), "--from-official", str(ck), "--out", str(out),
                            "--heads", "4", "--dec-heads", "4"], check=True, capture_output=True, text=True)
            graph = onnx.load(str(out))
            onnx.checker.check_model(graph)
            meta = {p.key: p.value for p in graph.metadata_props}
            self.assertEqual((meta["image_size"], meta["patch_size"]), ("32", "8"))
            arch = json.loads(meta["architecture"])
            self.assertEqual((arch["heads"], arch["dec_heads"]), (4, 4))
            self.assertNotIn("data_manifest_sha256", meta)
            self.assertEqual([i.name for i in graph.graph.input], ["image", "mask"])
            self.assertEqual([o.name for o in graph.graph.output], ["reconstruction"])


if __name__ == "__main__":
    unittest.main()
