#!/usr/bin/env python3
"""Trains the workbench's MAE from the data pack (make_pack.py) for a wall-clock budget, resumable.

  /usr/bin/python3 training/train.py --pack training/pack/pack.npz --run training/runs/main --minutes 120

Same code on CPU and CUDA (bf16 autocast, fused attention, larger batch there: training/device_run.sh).
--context picks the tile: tile64 (S=64, p=8, what 2.0.0 ships) or tile128 (S=128, p=16: the same 64
tokens, so the same cost per tile, over four times the area). Validation restores fixed 256/128 px crops of
the validation pictures the way the Java runtime does (tiles blended, `tiling.py`), so both contexts are
scored on the same pixels: masked PSNR per kind (natural, medical) and mask (16 px patches at 75% on the
grid, 12 px cells at 75% off it, strokes, line dropout); `score` is their mean, natural and medical
weighing the same.

Checkpoints (last.pt every --eval-every seconds, best.pt on validation score) hold model, EMA, optimiser,
step and elapsed time, ema.pt beside them only the EMA weights; --resume continues from last.pt (or ema.pt),
--init starts a fresh schedule from an ema.pt. The learning rate warms up, then follows a cosine over the
wall-clock training budget (time, not steps, is the budget on a shared CPU and on a lent GPU; validation
and checkpoints are not counted, nor is the start).
"""
import argparse
import json
import math
import os
import time

# On 2 cores, OpenMP's spin-waiting and OpenBLAS's own thread pool fight over the CPUs: measured here,
# 12 samples/s with the defaults against 117 with passive OpenMP waits and single-threaded BLAS calls.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

import tiling  # noqa: E402
from crops import CropSampler  # noqa: E402
from mae_model import MAE  # noqa: E402
from make_pack import load_pack  # noqa: E402
from masks import cell_masks, fix_degenerate, line_mask, stroke_masks, training_masks  # noqa: E402

CONTEXTS = {"tile64": (64, 8), "tile128": (128, 16)}  # tile side S, patch p
WARMUP_SHARE = 0.05  # the learning rate warms up over this share of the budget ...
WARMUP_MAX_STEPS = 2000  # ... or this many steps, whichever ends first
EMA_DECAY = 0.999  # the exported weights: an exponential moving average of the trained ones
EMA_RAMP = 10  # early on the average follows faster: decay min(EMA_DECAY, (1 + step) / (EMA_RAMP + step))
VAL_SEED = 1234


def check_blas():
    a = torch.randn(1024, 1024)
    a @ a
    t = time.time()
    for _ in range(5):
        a @ a
    gflops = 5 * 2 * 1024 ** 3 / (time.time() - t) / 1e9
    print(f"matmul: {gflops:.1f} GFLOP/s on {torch.get_num_threads()} threads", flush=True)
    if gflops < 15 and not torch.cuda.is_available():
        print("WARNING: slow BLAS - install libopenblas0-pthread (Debian's torch falls back to reference BLAS, ~10x slower)", flush=True)


def validation_sets(val, device, limit=0):
    """{(kind, side): (crops [n,3,L,L], gray [n], {mask name: unknown [n,1,L,L]})}, fixed by VAL_SEED."""
    gen = torch.Generator().manual_seed(VAL_SEED)
    sets = {}
    for kind, items in sorted(val.items()):
        for side in (256, 128):
            arrs = [a for a, _ in items if a.shape[0] == side][:limit or None]
            if not arrs:
                continue
            x = torch.from_numpy(np.stack(arrs)).permute(0, 3, 1, 2).contiguous()
            n = len(x)
            gray = (x[:, 0] == x[:, 1]).flatten(1).all(1) & (x[:, 1] == x[:, 2]).flatten(1).all(1)
            full = torch.full((n,), 0.75)
            masks = {
                "patches75": cell_masks(n, side, torch.full((n,), 16), torch.zeros(n, 2, dtype=torch.long), full, gen),
                "offgrid75": cell_masks(n, side, torch.full((n,), 12), torch.full((n, 2), 6, dtype=torch.long), full, gen),
                "strokes": torch.cat([stroke_masks(len(c), side, gen, "cpu") for c in torch.arange(n).split(16)]),
                "lines": torch.from_numpy(np.stack([line_mask(side, side, "row" if i % 2 else "col", 2 + i % 3, 1, 1.0, i)
                                                    for i in range(n)]))[:, None],
            }
            masks = {k: fix_degenerate(m, gen).to(device) for k, m in masks.items()}
            sets[(kind, side)] = (x.to(device), gray.to(device), masks)
    return sets


@torch.no_grad()
def evaluate(model, sets, batch=None):
    """Masked PSNR (peak 1, squared errors pooled over a kind's crops) per kind and mask, and their mean."""
    model.eval()
    batch = batch or (256 if next(model.parameters()).is_cuda else 32)
    se, count = {}, {}
    for (kind, _), (x, gray, masks) in sets.items():
        for name, unknown in masks.items():
            for i in range(0, len(x), batch):
                xb, ub = x[i:i + batch], unknown[i:i + batch]
                rec = tiling.restore(model, xb, ub, gray[i:i + batch])
                key = f"{kind}/{name}"
                se[key] = se.get(key, 0.0) + ((rec - xb) ** 2 * ub).sum().item()
                count[key] = count.get(key, 0.0) + 3 * ub.sum().item()
    model.train()
    out = {k: 10 * math.log10(1 / max(se[k] / count[k], 1e-12)) for k in sorted(se)}
    out["score"] = float(np.mean([v for v in out.values()]))
    return out


def masked_loss(model, x, unknown):
    """Mean squared error in normalised pixel space over the unknown pixels (the only ones the workbench
    takes from the model)."""
    hidden = model.hidden_patches(unknown)
    pred = model.forward_train(x, hidden, unknown)
    target = model.patchify(model.normalize(x))
    weight = model.patchify(unknown.float().expand(-1, 3, -1, -1))
    return (((pred.float() - target) ** 2) * weight).sum() / weight.sum().clamp_min(1)


def sampler_for(train, size, device, medical_share):
    """Crops of every training picture; medical ones drawn `medical_share` of the time (they are few)."""
    nat, med = [a for a, _ in train.get("natural", [])], [a for a, _ in train.get("medical", [])]
    if not nat and not med:
        raise SystemExit("the pack holds no training crops")
    share = medical_share if med and nat else (1.0 if med else 0.0)
    weights = [(1 - share) / max(1, len(nat))] * len(nat) + [share / max(1, len(med))] * len(med)
    return CropSampler(nat + med, size, device, weights), len(nat), len(med)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parent
    ap.add_argument("--pack", type=Path, default=here / "pack" / "pack.npz")
    ap.add_argument("--run", type=Path, default=here / "runs" / "main")
    ap.add_argument("--minutes", type=float, default=120, help="wall-clock budget the LR schedule spans")
    ap.add_argument("--context", choices=sorted(CONTEXTS), default="tile64")
    ap.add_argument("--batch", type=int, default=0, help="default 96 on CPU, 2048 on CUDA (tiles of 64 px; a quarter for 128)")
    ap.add_argument("--batch-scale", type=float, default=1.0, help="multiplies the default batch (e.g. 0.5 where memory is short)")
    ap.add_argument("--lr", type=float, default=0.0, help="default 6e-4 on CPU, 1.5e-3 on CUDA")
    ap.add_argument("--eval-every", type=float, default=600, help="seconds between validation + checkpoint")
    ap.add_argument("--medical-share", type=float, default=0.2, help="share of training crops from medical pictures")
    ap.add_argument("--val-limit", type=int, default=0, help="validation crops per kind and size (0: all)")
    ap.add_argument("--dim", type=int, default=192)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--heads", type=int, default=6)
    ap.add_argument("--dec-dim", type=int, default=128)
    ap.add_argument("--dec-depth", type=int, default=3)
    ap.add_argument("--patch-mask", action="store_true", help="the official MAE's patch-mask interface instead of pixel masks")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", type=Path, help="start from these EMA weights (ema.pt) with a fresh schedule")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--score", type=Path, help="only print this checkpoint's validation numbers on the pack (JSON)")
    return ap.parse_args()


def score_only(args, device):
    """The validation numbers of a checkpoint (e.g. the shipped 2.0.0), comparable with a run's final.json."""
    ck = torch.load(args.score, map_location=device, weights_only=False)
    model = MAE(**ck["config"]).to(device)
    model.load_state_dict(ck["ema"])
    metrics = evaluate(model, validation_sets(load_pack(args.pack)["val"], device, args.val_limit))
    print(json.dumps(dict(checkpoint=str(args.score), config=ck["config"], metrics=metrics), indent=1))


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    check_blas()
    cuda = device.type == "cuda"
    if args.score:
        return score_only(args, device)
    size, patch = CONTEXTS[args.context]
    args.batch = args.batch or max(1, int((2048 if cuda else 96) * 64 * 64 // (size * size) * args.batch_scale))
    args.lr = args.lr or (1.5e-3 if cuda else 6e-4)
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        print(f"GPU {torch.cuda.get_device_name()}, torch {torch.__version__}", flush=True)
    args.run.mkdir(parents=True, exist_ok=True)
    t_load = time.time()
    pack = load_pack(args.pack)
    sampler, n_nat, n_med = sampler_for(pack["train"], size, device, args.medical_share)
    val_sets = validation_sets(pack["val"], device, args.val_limit)
    n_val = {k: sum(len(v[0]) for (kk, _), v in val_sets.items() if kk == k) for k in ("natural", "medical")}
    print(f"pack {args.pack} in {time.time() - t_load:.1f} s: train {n_nat} natural + {n_med} medical crops, "
          f"val {n_val['natural']} natural + {n_val['medical']} medical; context {args.context} (S={size}, p={patch}), "
          f"device {device}, batch {args.batch}", flush=True)

    model = MAE(size, patch, args.dim, args.depth, args.heads, args.dec_dim, args.dec_depth, 4,
                pixel_mask=not args.patch_mask).to(device)
    print(f"{sum(t.numel() for t in model.parameters()) / 1e6:.2f} M parameters, config {model.config}", flush=True)
    ema = MAE(**model.config).to(device)
    ema.load_state_dict(model.state_dict())
    ema.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.05)
    step, elapsed, best, samples = 0, 0.0, -1.0, 0
    last, slim = args.run / "last.pt", args.run / "ema.pt"
    if args.init:
        ck = torch.load(args.init, map_location=device, weights_only=False)
        model.load_state_dict(ck["ema"])
        ema.load_state_dict(ck["ema"])
        samples = ck.get("samples", 0)
        print(f"initialised from {args.init} ({samples} samples seen before)", flush=True)
    if args.resume and (last.exists() or slim.exists()):
        ck = torch.load(last if last.exists() else slim, map_location=device, weights_only=False)
        model.load_state_dict(ck.get("model", ck["ema"]))
        ema.load_state_dict(ck["ema"])
        if "opt" in ck:
            opt.load_state_dict(ck["opt"])
        else:
            print("resuming from EMA weights alone (ema.pt): fresh optimiser state", flush=True)
        step, elapsed, best, samples = ck["step"], ck["elapsed"], ck["best"], ck.get("samples", 0)
        print(f"resumed at step {step}, {elapsed / 60:.1f} min, best {best:.2f} dB", flush=True)
    gen = torch.Generator(device=device).manual_seed(args.seed + step)
    budget = args.minutes * 60
    t0 = time.time() - elapsed
    t_start, samples_start = time.time(), samples  # this process's own throughput, not --init's or --resume's
    last_save, last_log, loss_avg = time.time(), time.time(), None

    def save(path, metrics, elapsed):
        """path gets everything for --resume; ema.pt beside it only what export.py needs (a quarter the size)."""
        state = dict(ema=ema.state_dict(), step=step, elapsed=elapsed, best=best, samples=samples,
                     config=model.config, args={k: str(v) for k, v in vars(args).items()}, metrics=metrics)
        for target, extra in ((path, dict(model=model.state_dict(), opt=opt.state_dict())), (slim, {})):
            torch.save({**state, **extra}, target.with_suffix(".tmp"))
            target.with_suffix(".tmp").replace(target)

    def validate():
        """Validation and checkpoints do not count against the budget: equal training time for every variant
        (the 64 px tile runs 49 tiles per 256 px crop, the 128 px tile 9)."""
        nonlocal best, t0
        t_val = time.time()
        elapsed = t_val - t0
        metrics = evaluate(ema, val_sets)
        print(f"val step {step}: " + ", ".join(f"{k} {v:.2f}" for k, v in metrics.items()), flush=True)
        if metrics["score"] > best:
            best = metrics["score"]
            save(args.run / "best.pt", metrics, elapsed)
        save(last, metrics, elapsed)
        t0 += time.time() - t_val
        return metrics

    while time.time() - t0 < budget:
        frac = (time.time() - t0) / budget
        warm = min(1.0, max(step / WARMUP_MAX_STEPS, frac / WARMUP_SHARE))
        for g in opt.param_groups:
            g["lr"] = args.lr * warm * 0.5 * (1 + math.cos(math.pi * frac))
        x = sampler.sample(args.batch, gen)
        unknown = training_masks(args.batch, size, patch, gen, device)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=cuda):
            loss = masked_loss(model, x, unknown)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            d = min(EMA_DECAY, (1 + step) / (EMA_RAMP + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(d).add_(pm.detach(), alpha=1 - d)
        step += 1
        samples += args.batch
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        if time.time() - last_log > (20 if cuda else 60):
            rate = (samples - samples_start) / (time.time() - t_start)
            print(f"step {step} {(time.time() - t0) / 60:.1f} min loss {loss_avg:.4f} lr {opt.param_groups[0]['lr']:.2e} "
                  f"{rate:.0f} samples/s", flush=True)
            last_log = time.time()
        if time.time() - last_save > args.eval_every:
            validate()
            last_save = time.time()
    metrics = validate()
    run_samples, run_seconds = samples - samples_start, time.time() - t_start
    (args.run / "final.json").write_text(json.dumps(dict(
        step=step, samples=samples, samples_this_run=run_samples, seconds_this_run=run_seconds,
        samples_per_s=run_samples / max(run_seconds, 1e-9), minutes=(time.time() - t0) / 60, context=args.context,
        metrics=metrics, best=best, device=str(device)), indent=2))
    print(f"done: step {step}, {run_samples} samples in this run ({samples} in all), val {metrics}", flush=True)


if __name__ == "__main__":
    main()
