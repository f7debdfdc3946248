#!/usr/bin/env python3
"""Exports an MAE to the workbench's ONNX contract (assets/README.md) and writes golden fixtures.

  # the shipped model, from a training run
  /usr/bin/python3 training/export.py --checkpoint training/runs/main/best.pt --out assets/model/mae.onnx
  # the small random-weight test fixture
  /usr/bin/python3 training/export.py --random-init --out inference/src/test/resources/mae/fixture.onnx \
      --golden inference/src/test/resources/mae
  # and its pixel-mask twin
  /usr/bin/python3 training/export.py --random-init --pixel-mask --out inference/src/test/resources/mae-pixel/fixture.onnx \
      --golden inference/src/test/resources/mae-pixel
  # weights in the layout of the official MAE code (models_mae.py), e.g. mae_visualize_vit_large.pth
  /usr/bin/python3 training/export.py --from-official mae_visualize_vit_large.pth --out big.onnx
  # heads are not stored in a checkpoint: defaults follow the official configs (width 768 -> 12,
  # 1024 -> 16, 1280 -> 16; decoder 512 -> 16); pass --heads/--dec-heads for anything else

Golden fixtures: for 0, 1, some, N-1 and N visible patches, the input tile, the mask and PyTorch's
output as raw little-endian float32 (golden-<case>-{image,mask,output}.f32) plus golden.json; the Java
tests check ONNX Runtime against them to 1e-4.
"""
import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import torch

from mae_model import MAE, OnnxWrapper
from official import load_official


def build(args):
    if args.from_official:
        return load_official(args.from_official, args.heads, args.dec_heads), {"source": f"converted from official MAE checkpoint {Path(args.from_official).name}"}
    if args.random_init:
        torch.manual_seed(args.seed)
        m = MAE(img_size=32, patch_size=8, dim=32, depth=2, heads=2, dec_dim=32, dec_depth=1, dec_heads=2,
                pixel_mask=args.pixel_mask)
        # Random weights, but not degenerate: spread the output so golden checks mean something.
        with torch.no_grad():
            m.decoder_pred.weight.mul_(4)
        return m, {"source": "random initialisation (test fixture, not a trained model)"}
    ck = torch.load(args.checkpoint, map_location="cpu")
    m = MAE(**ck["config"])
    m.load_state_dict(ck["ema"])
    info = {"source": f"EMA weights of {Path(args.checkpoint).name}", "step": ck["step"], "samples": ck.get("samples"),
            "train_hours": round(ck["elapsed"] / 3600, 2), "validation": ck.get("metrics"), "recipe": ck.get("args")}
    return m, info


def golden_cases(n, rng):
    """Patch masks [N] (1 = hidden) for 0, 1, some, N-1 and N visible patches."""
    order = rng.permutation(n)
    cases = {}
    for name, visible in (("none", 0), ("one", 1), ("some", n // 3), ("most", n - 1), ("all", n)):
        mask = np.ones(n, np.float32)
        mask[order[:visible]] = 0
        cases[name] = mask
    return cases


def golden_pixel_cases(s, p, rng):
    """Pixel masks [S*S] (1 = unknown) for the same five cases, plus partly known patches in "some" and
    "most" - the pixel variant's reason to exist."""
    g = s // p
    cases = {}
    for name, patches in golden_cases(g * g, rng).items():
        mask = np.kron(patches.reshape(g, g), np.ones((p, p), np.float32))
        if name in ("some", "most"):
            partial = rng.random((s, s)) < 0.5
            y, x = divmod(int(rng.integers(g * g)), g)
            mask[y * p:(y + 1) * p, x * p:(x + 1) * p] = partial[y * p:(y + 1) * p, x * p:(x + 1) * p]
            if name == "some":  # a thin stroke across the tile
                mask[s // 2 - 1:s // 2 + 2, :] = 1
        cases[name] = mask.reshape(-1)
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", type=Path)
    src.add_argument("--random-init", action="store_true")
    src.add_argument("--from-official", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--heads", type=int, help="--from-official: encoder attention heads (default: official config for the width)")
    ap.add_argument("--dec-heads", type=int, help="--from-official: decoder attention heads (default: 16 for width 512)")
    ap.add_argument("--golden", type=Path, help="folder for golden fixtures")
    ap.add_argument("--pixel-mask", action="store_true", help="--random-init: the pixel-mask variant")
    ap.add_argument("--name", default=None)
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--summary", default=None, help="training_summary paragraph (default: the checkpoint's provenance JSON, which is always stored as 'provenance')")
    ap.add_argument("--manifest", type=Path, default=Path(__file__).parent / "data" / "manifest.csv")
    ap.add_argument("--compute", default="", help="compute used, for the metadata")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    model, info = build(args)
    model.eval()
    s, p = model.img_size, model.patch_size
    n = model.num_patches
    wrapper = OnnxWrapper(model).eval()
    image = torch.rand(1, 3, s, s)
    mask_name = "pixel_mask" if model.pixel_mask else "mask"
    mask = torch.zeros(1, 1, s, s) if model.pixel_mask else torch.zeros(1, n)
    mask.view(-1)[: mask.numel() // 2] = 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp.onnx")
    torch.onnx.export(wrapper, (image, mask), str(tmp), input_names=["image", mask_name], output_names=["reconstruction"],
                      opset_version=17, do_constant_folding=True)
    graph = onnx.load(str(tmp))
    # The tracer names the output's batch dimension symbolically; the contract fixes it at 1.
    batch = graph.graph.output[0].type.tensor_type.shape.dim[0]
    batch.ClearField("dim_param")
    batch.dim_value = 1
    onnx.checker.check_model(graph)
    cfg = model.config
    kind = "-pixel" if model.pixel_mask else ""
    name = args.name or (f"mae-fixture-{s}{kind}" if args.random_init else f"mae-vit-d{cfg['dim']}x{cfg['depth']}-s{s}-p{p}{kind}")
    provenance = json.dumps(info, default=str)
    meta = {"patch_size": str(p), "image_size": str(s), "model_name": name, "model_version": args.version,
            "training_summary": args.summary or provenance, "provenance": provenance, "architecture": json.dumps(cfg), "compute": args.compute,
            "exporter": f"training/export.py, torch {torch.__version__}, opset 17"}
    if args.manifest.exists() and args.checkpoint:  # only our own runs were trained on that manifest
        meta["data_manifest_sha256"] = hashlib.sha256(args.manifest.read_bytes()).hexdigest()
    del graph.metadata_props[:]
    for k, v in meta.items():
        graph.metadata_props.add(key=k, value=v)
    onnx.save(graph, str(tmp))
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): S={s} p={p} N={n}")

    if args.golden:
        args.golden.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(args.seed)
        # A smooth tile with an edge, so the output is not just noise.
        yy, xx = np.mgrid[0:s, 0:s] / s
        tile = np.stack([0.2 + 0.6 * xx, 0.3 + 0.4 * yy, 0.5 + 0.3 * (xx > 0.5)]).astype(np.float32)[None]
        cases = {}
        masks = golden_pixel_cases(s, p, rng) if model.pixel_mask else golden_cases(n, rng)
        for case, m in masks.items():
            fed = torch.from_numpy(m).view(1, 1, s, s) if model.pixel_mask else torch.from_numpy(m)[None]
            with torch.no_grad():
                out = wrapper(torch.from_numpy(tile), fed).numpy()
                hidden = model.hidden_patches(fed > 0.5)[0] if model.pixel_mask else fed[0] > 0.5
            for part, arr in (("image", tile), ("mask", m), ("output", out)):
                arr.astype("<f4").tofile(args.golden / f"golden-{case}-{part}.f32")
            cases[case] = int(n - hidden.sum())
        (args.golden / "golden.json").write_text(json.dumps({"model": args.out.name, "image_size": s, "patch_size": p,
                                                            "mask_input": mask_name, "visible_patches": cases,
                                                            "tolerance": 1e-4}, indent=2) + "\n")
        print(f"golden fixtures for visible counts {cases} in {args.golden}")


if __name__ == "__main__":
    main()
