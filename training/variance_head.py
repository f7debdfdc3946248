#!/usr/bin/env python3
"""The alternative to the test-time ensemble: a small variance head on the frozen shipped MAE, trained with
a Gaussian negative log-likelihood on the training split only, compared with the ensemble on validation
crops under the same conditions (both in PyTorch, one 64 px tile at a time, no tiling).

  /usr/bin/python3 training/variance_head.py --minutes 30 --out training/runs/varhead

The head reads the decoder's last hidden state of each patch (after its LayerNorm) and the patch's predicted
pixels, and predicts the log-variance of the squared error (mean over channels) of each pixel:
Linear(dec_dim + 3p^2, 256) - GELU - Linear(256, p^2). Loss: 0.5 (log v + e^2 / v) over unknown pixels.
Crops and masks as in training (train.py's mix). Only the head learns; the MAE's weights stay as shipped.

Comparison on fixed validation crops (native resolution, 64 px, 16 px cells at 50% on the tile's grid), per
fully masked cell: Spearman of the predicted against the real RMSE, and the real RMSE of the 10% most
uncertain cells over the mean, for the head, the ensembles and the trivial local-std predictor.
"""
import argparse
import json
import math
import os
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

from crops import CropSampler
from mae_model import MAE
from masks import cell_masks, fix_degenerate, training_masks
from train import load_split

HERE = Path(__file__).parent


class VarianceHead(nn.Module):
    def __init__(self, dec_dim, patch):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dec_dim + 3 * patch * patch, 256), nn.GELU(), nn.Linear(256, patch * patch))
        nn.init.zeros_(self.net[2].weight)
        nn.init.constant_(self.net[2].bias, math.log(0.01))  # sigma 0.1 to start

    def forward(self, feats, pred):
        return self.net(torch.cat([feats, pred], -1)).clamp(math.log(1e-6), 0)


def frozen_mae(checkpoint):
    ck = torch.load(checkpoint, map_location="cpu")
    m = MAE(**ck["config"])
    m.load_state_dict(ck["ema"])
    m.eval()
    for p in m.parameters():
        p.requires_grad_(False)
    feats = {}
    m.decoder_norm.register_forward_hook(lambda mod, inp, out: feats.__setitem__("x", out[:, 1:]))
    return m, feats


def unpatchify1(m, x):
    """[B,N,p*p] -> [B,1,S,S]."""
    b, p, g = x.shape[0], m.patch_size, m.grid
    return x.reshape(b, g, g, p, p).permute(0, 1, 3, 2, 4).reshape(b, 1, g * p, g * p)


@torch.no_grad()
def reconstruct(m, feats, x, unknown):
    pred = m.forward_train(x, m.hidden_patches(unknown), unknown)
    return m.denormalize(m.unpatchify(pred)).clamp(0, 1), pred, feats["x"]


def train_head(m, feats, images, minutes, batch, seed):
    head = VarianceHead(m.config["dec_dim"], m.patch_size)
    opt = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=0.01)
    sampler = CropSampler(images, m.img_size, "cpu")
    gen = torch.Generator().manual_seed(seed)
    start, step, seen, log = time.time(), 0, 0, []
    budget = minutes * 60
    while time.time() - start < budget:
        lr = 1e-3 * 0.5 * (1 + math.cos(math.pi * min(1.0, (time.time() - start) / budget)))
        for g in opt.param_groups:
            g["lr"] = lr
        x = sampler.sample(batch, gen)
        unknown = training_masks(batch, m.img_size, m.patch_size, gen, "cpu")
        rec, pred, f = reconstruct(m, feats, x, unknown)
        e2 = ((rec - x) ** 2).mean(1, keepdim=True)
        logv = unpatchify1(m, head(f, pred))
        u = unknown.float()
        loss = (0.5 * (logv + e2 / logv.exp()) * u).sum() / u.sum().clamp_min(1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step, seen = step + 1, seen + batch
        if step % 50 == 0:
            log.append(dict(step=step, samples=seen, seconds=round(time.time() - start), nll=round(loss.item(), 4)))
            print(log[-1], flush=True)
    return head, dict(steps=step, samples=seen, seconds=round(time.time() - start), log=log)


def validation_crops(images, size, per_image, seed):
    """Native-resolution crops (no rescaling: the CLI restores pictures at their stored size)."""
    rng = np.random.default_rng(seed)
    out = []
    for img in images:
        h, w = img.shape[:2]
        for _ in range(per_image):
            y, x = rng.integers(0, h - size + 1), rng.integers(0, w - size + 1)
            out.append(img[y:y + size, x:x + size])
    return torch.from_numpy(np.stack(out)).permute(0, 3, 1, 2).float() / 255


DIHEDRAL = [lambda t: t, lambda t: t.flip(-1), lambda t: t.flip(-2), lambda t: t.flip(-1).flip(-2),
            lambda t: t.transpose(-1, -2), lambda t: t.transpose(-1, -2).flip(-1),
            lambda t: t.transpose(-1, -2).flip(-2), lambda t: t.transpose(-1, -2).flip(-1).flip(-2)]
INVERSE = [lambda t: t, lambda t: t.flip(-1), lambda t: t.flip(-2), lambda t: t.flip(-1).flip(-2),
           lambda t: t.transpose(-1, -2), lambda t: t.flip(-1).transpose(-1, -2),
           lambda t: t.flip(-2).transpose(-1, -2), lambda t: t.flip(-1).flip(-2).transpose(-1, -2)]


def spread(recs):
    """Population std over members, root of the channels' mean variance: [B,1,S,S]."""
    r = torch.stack(recs)
    return r.var(0, unbiased=False).mean(1, keepdim=True).sqrt()


@torch.no_grad()
def predictors(m, feats, head, x, unknown, gen):
    rec, pred, f = reconstruct(m, feats, x, unknown)
    out = {"head": unpatchify1(m, head(f, pred)).exp().sqrt()}
    dihedral = [rec] + [INVERSE[k](reconstruct(m, feats, DIHEDRAL[k](x), DIHEDRAL[k](unknown))[0]) for k in range(1, 8)]
    out["ensemble flip2"] = spread(dihedral[:2])
    out["ensemble dihedral4"] = spread(dihedral[:4])
    out["ensemble dihedral8"] = spread(dihedral)
    drops = [rec]
    for _ in range(4):  # hide 25% of the 8 px patches as well (MAEDAY)
        extra = torch.rand(x.shape[0], 1, m.grid, m.grid, generator=gen) < 0.25
        extra = extra.repeat_interleave(m.patch_size, 2).repeat_interleave(m.patch_size, 3)
        drops.append(reconstruct(m, feats, x, unknown | extra)[0])
    out["ensemble drop25x4"] = spread(drops)
    return rec, out


def cell_table(x, rec, unknown, maps, cell=16):
    """Per fully masked cell: real RMSE, trivial local std, each map's RMS."""
    rows = {"real": [], "trivial": [], **{k: [] for k in maps}}
    b, _, s, _ = x.shape
    for i in range(b):
        for cy in range(0, s, cell):
            for cx in range(0, s, cell):
                if not bool(unknown[i, 0, cy:cy + cell, cx:cx + cell].all()):
                    continue
                rows["real"].append(((rec[i, :, cy:cy + cell, cx:cx + cell] - x[i, :, cy:cy + cell, cx:cx + cell]) ** 2).mean().sqrt().item())
                ya, yb, xa, xb = max(0, cy - cell), min(s, cy + 2 * cell), max(0, cx - cell), min(s, cx + 2 * cell)
                known = ~unknown[i, 0, ya:yb, xa:xb]
                win = x[i, :, ya:yb, xa:xb][:, known]
                rows["trivial"].append(win.std(1, unbiased=False).mean().item() if win.shape[1] else 0.0)
                for k, v in maps.items():
                    rows[k].append((v[i, 0, cy:cy + cell, cx:cx + cell] ** 2).mean().sqrt().item())
    return {k: np.array(v) for k, v in rows.items()}


def spearman(a, b):
    ra, rb = rank(a), rank(b)
    return float(np.corrcoef(ra, rb)[0, 1])


def rank(v):
    order = np.argsort(v, kind="stable")
    r = np.empty(len(v))
    r[order] = np.arange(len(v))
    # mid-ranks for ties
    vals, inv, counts = np.unique(v, return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=r)
    return (sums / counts)[inv]


def top_ratio(score, real, share=0.10):
    k = max(1, math.ceil(share * len(score)))
    top = np.argsort(-score, kind="stable")[:k]
    return float(real[top].mean() / real.mean())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=HERE / "data")
    ap.add_argument("--checkpoint", type=Path, default=HERE / "checkpoints" / "ema.pt")
    ap.add_argument("--out", type=Path, default=HERE / "runs" / "varhead")
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--per-image", type=int, default=24, help="validation crops per picture")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    m, feats = frozen_mae(args.checkpoint)
    head, run = train_head(m, feats, load_split(args.data, "train"), args.minutes, args.batch, args.seed)
    torch.save({"head": head.state_dict(), "run": run}, args.out / "head.pt")

    x = validation_crops(load_split(args.data, "val"), m.img_size, args.per_image, 1234)
    gen = torch.Generator().manual_seed(1234)
    n = len(x)
    unknown = fix_degenerate(cell_masks(n, m.img_size, torch.full((n,), 16), torch.zeros(n, 2, dtype=torch.long),
                                        torch.full((n,), 0.5), gen), gen)
    tables = []
    t = time.time()
    for i in range(0, n, 64):
        rec, maps = predictors(m, feats, head, x[i:i + 64], unknown[i:i + 64], gen)
        tables.append(cell_table(x[i:i + 64], rec, unknown[i:i + 64], maps))
    cells = {k: np.concatenate([tb[k] for tb in tables]) for k in tables[0]}
    result = {"cells": int(len(cells["real"])), "crops": n, "train": {k: v for k, v in run.items() if k != "log"}, "scores": {}}
    for k in cells:
        if k == "real":
            continue
        result["scores"][k] = dict(spearman=round(spearman(cells[k], cells["real"]), 4), top10=round(top_ratio(cells[k], cells["real"]), 3))
    # Calibration of the head as it stands (it needs none if the NLL did its job): mean predicted vs real per decile.
    order = np.argsort(cells["head"])
    result["head_deciles"] = [dict(predicted=round(float(np.sqrt((cells["head"][d] ** 2).mean())), 4),
                                   real=round(float(np.sqrt((cells["real"][d] ** 2).mean())), 4))
                              for d in np.array_split(order, 10)]
    result["eval_seconds"] = round(time.time() - t)
    print(json.dumps(result, indent=1))
    (args.out / "compare.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
