#!/usr/bin/env python3
"""Trains the workbench's MAE on the set made by build_dataset.py, in the background, resumable.

  nohup /usr/bin/python3 training/train.py --data training/data --run training/runs/main --hours 2 > train.log 2>&1 &

Checkpoints (last.pt every --eval-every seconds, best.pt on validation) hold model, EMA, optimiser, step
and elapsed time, ema.pt beside them only the EMA weights; --resume continues from last.pt (or ema.pt),
--init starts a fresh schedule from an ema.pt. The learning rate follows a cosine over --hours of
wall-clock training (time, not steps, is the budget on a shared CPU). Crops and masks are made on the
training device. Same code on CUDA: bf16 autocast, fused attention, larger batch (training/gpu_run.sh).
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
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from crops import CropSampler
from mae_model import MAE
from masks import cell_masks, fix_degenerate, stroke_masks, training_masks


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


def load_split(data, split):
    images = []
    for p in sorted((data / split).glob("*.png")):
        arr = np.asarray(Image.open(p))
        images.append(arr if arr.ndim == 3 else np.repeat(arr[..., None], 3, axis=2))
    if not images:
        raise SystemExit(f"no images in {data / split}: run build_dataset.py first")
    return images


def validation_set(images, size, patch, device, per_image=24, seed=1234):
    """Fixed crops and masks like the CLI's evaluation: 16 px cells (2x2 patches) at 50% and 75%, strokes."""
    gen = torch.Generator(device=device).manual_seed(seed)
    crops = CropSampler(images, size, device).sample(len(images) * per_image, gen, gray_p=0, flips=False)
    n = len(crops)
    cells, offsets = torch.full((n,), 2 * patch, device=device), torch.zeros(n, 2, dtype=torch.long, device=device)
    sets = {}
    for ratio in (0.5, 0.75):
        ratios = torch.full((n,), ratio, device=device)
        sets[f"block{int(ratio * 100)}"] = (crops, fix_degenerate(cell_masks(n, size, cells, offsets, ratios, gen), gen))
    sets["strokes"] = (crops, fix_degenerate(stroke_masks(n, size, gen, device), gen))
    return sets


@torch.no_grad()
def evaluate(model, sets):
    """Masked-region PSNR (peak 1) per mask kind, pooled over all crops."""
    model.eval()
    out = {}
    for name, (imgs, unknown) in sets.items():
        se, count = 0.0, 0
        for i in range(0, len(imgs), 256):
            x, u = imgs[i:i + 256], unknown[i:i + 256]
            rec = model.reconstruct_pixels(x, u)
            se += ((rec - x) ** 2 * u).sum().item()
            count += 3 * u.sum().item()
        out[name] = 10 * math.log10(1 / (se / count))
    model.train()
    return out


def masked_loss(model, x, unknown):
    """Mean squared error in normalised pixel space over the unknown pixels (the only ones the workbench
    takes from the model)."""
    hidden = model.hidden_patches(unknown)
    pred = model.forward_train(x, hidden, unknown)
    target = model.patchify(model.normalize(x))
    weight = model.patchify(unknown.float().expand(-1, 3, -1, -1))
    return (((pred.float() - target) ** 2) * weight).sum() / weight.sum().clamp_min(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path(__file__).parent / "data")
    ap.add_argument("--run", type=Path, default=Path(__file__).parent / "runs" / "main")
    ap.add_argument("--hours", type=float, default=2.0, help="wall-clock budget the LR schedule spans")
    ap.add_argument("--batch", type=int, default=0, help="default 96 on CPU, 2048 on CUDA")
    ap.add_argument("--lr", type=float, default=0.0, help="default 6e-4 on CPU, 1.5e-3 on CUDA")
    ap.add_argument("--eval-every", type=float, default=600, help="seconds between validation + checkpoint")
    ap.add_argument("--img-size", type=int, default=64)
    ap.add_argument("--patch", type=int, default=8)
    ap.add_argument("--dim", type=int, default=192)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--heads", type=int, default=6)
    ap.add_argument("--dec-dim", type=int, default=128)
    ap.add_argument("--dec-depth", type=int, default=3)
    ap.add_argument("--patch-mask", action="store_true", help="the official MAE's patch-mask interface instead of pixel masks")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", type=Path, help="start from these EMA weights (ema.pt) with a fresh schedule, e.g. on new data")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    check_blas()
    cuda = device.type == "cuda"
    args.batch = args.batch or (2048 if cuda else 96)
    args.lr = args.lr or (1.5e-3 if cuda else 6e-4)
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        print(f"GPU {torch.cuda.get_device_name()}, torch {torch.__version__}", flush=True)
    args.run.mkdir(parents=True, exist_ok=True)
    train_imgs, val_imgs = load_split(args.data, "train"), load_split(args.data, "val")
    sampler = CropSampler(train_imgs, args.img_size, device)
    val_sets = validation_set(val_imgs, args.img_size, args.patch, device)
    print(f"{len(train_imgs)} train / {len(val_imgs)} val pictures, device {device}, batch {args.batch}", flush=True)

    model = MAE(args.img_size, args.patch, args.dim, args.depth, args.heads, args.dec_dim, args.dec_depth, 4,
                pixel_mask=not args.patch_mask).to(device)
    print(f"{sum(t.numel() for t in model.parameters()) / 1e6:.2f} M parameters, config {model.config}", flush=True)
    ema = MAE(**model.config).to(device)
    ema.load_state_dict(model.state_dict())
    ema.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.05)
    step, elapsed, best, samples = 0, 0.0, -1.0, 0
    last = args.run / "last.pt"
    slim = args.run / "ema.pt"
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
        print(f"resumed at step {step}, {elapsed / 3600:.2f} h, best {best:.2f} dB", flush=True)
    gen = torch.Generator(device=device).manual_seed(args.seed + step)
    budget = args.hours * 3600
    t0, last_save, last_log, loss_avg = time.time() - elapsed, time.time(), time.time(), None

    def save(path, metrics=None):
        """path gets everything for --resume; ema.pt beside it only what export.py needs (a quarter the size)."""
        state = dict(ema=ema.state_dict(), step=step, elapsed=time.time() - t0, best=best, samples=samples,
                     config=model.config, args={k: str(v) for k, v in vars(args).items()}, metrics=metrics)
        for target, extra in ((path, dict(model=model.state_dict(), opt=opt.state_dict())), (slim, {})):
            torch.save({**state, **extra}, target.with_suffix(".tmp"))
            target.with_suffix(".tmp").replace(target)

    while time.time() - t0 < budget:
        frac = (time.time() - t0) / budget
        warm = min(1.0, max(step / 2000, frac / 0.05))  
        for g in opt.param_groups:
            g["lr"] = args.lr * warm * 0.5 * (1 + math.cos(math.pi * frac))
        x = sampler.sample(args.batch, gen)
        unknown = training_masks(args.batch, args.img_size, args.patch, gen, device)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=cuda):
            loss = masked_loss(model, x, unknown)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            d = min(0.999, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(d).add_(pm.detach(), alpha=1 - d)
        step += 1
        samples += args.batch
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        if time.time() - last_log > (20 if cuda else 60):
            rate = samples / (time.time() - t0)
            print(f"step {step} {(time.time() - t0) / 60:.1f} min loss {loss_avg:.4f} lr {opt.param_groups[0]['lr']:.2e} {rate:.0f} samples/s", flush=True)
            last_log = time.time()
        if time.time() - last_save > args.eval_every:
            metrics = evaluate(ema, val_sets)
            score = metrics["block75"]
            print(f"val step {step}: " + ", ".join(f"{k} {v:.2f} dB" for k, v in metrics.items()), flush=True)
            if score > best:
                best = score
                save(args.run / "best.pt", metrics)
            save(last, metrics)
            last_save = time.time()
    metrics = evaluate(ema, val_sets)
    if metrics["block75"] > best:
        best = metrics["block75"]
        save(args.run / "best.pt", metrics)
    save(last, metrics)
    (args.run / "final.json").write_text(json.dumps(dict(step=step, samples=samples, hours=(time.time() - t0) / 3600, metrics=metrics, best=best, device=str(device)), indent=2))
    print(f"done: step {step}, {samples} samples, val {metrics}", flush=True)


if __name__ == "__main__":
    main()
