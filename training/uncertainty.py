#!/usr/bin/env python3
"""The MAE uncertainty map: choose the ensemble, calibrate it, evaluate it - always from the shipped Java code.

  study      pools the cells written by the Java study tool (bench: UncertaintyStudy) on the validation
             split: which test-time variations are worth their passes.
  calibrate  runs `restore-cli restore --uncertainty` on the validation split with the model copied where no
             calibration sits beside it (so the CLI writes the raw ensemble spread), fits the monotone map
             spread -> predicted error std on every masked pixel, and writes the sidecar
             assets/model/mae.uncertainty.properties with its provenance.
  evaluate   runs the CLI with the shipped calibration on one split and scores the maps it wrote, per fully
             masked 16 px cell at `patches:ratio=0.5,size=16,seed=1`, beside the trivial predictor (std of
             the known pixels around the cell); also how well the predicted std matches the real error.

  nice -n 10 /usr/bin/python3 training/uncertainty.py study /tmp/study          # after UncertaintyStudy
  nice -n 10 /usr/bin/python3 training/uncertainty.py calibrate --split val
  nice -n 10 /usr/bin/python3 training/uncertainty.py evaluate --split val --out docs/eval/uncertainty/val
  nice -n 10 /usr/bin/python3 training/uncertainty.py evaluate --split test --out docs/eval/uncertainty/test   # once

Needs the CLI built (./mvnw -q -B -pl inference -am package -DskipTests) and the data (build_dataset.py).
The split's pictures are never trained on; the test split is evaluated once, after every choice was made.
"""
import argparse
import csv
import datetime
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from eval_report import seen_images

HERE = Path(__file__).parent
ROOT = HERE.parent
MODEL = ROOT / "assets" / "model" / "mae.onnx"
SIDECAR = MODEL.with_name("mae.uncertainty.properties")
CLI = ROOT / "inference" / "target" / "restore-cli.jar"
EVAL_MASK = "patches:ratio=0.5,size=16,seed=1"
# Calibration sees every kind of mask the workbench offers, with seeds the evaluation does not use.
CALIBRATION_MASKS = ["patches:ratio=0.25,size=16,seed=2", "patches:ratio=0.5,size=16,seed=2",
                     "patches:ratio=0.75,size=16,seed=2", "patches:ratio=0.5,size=8,seed=2", "strokes:count=6,seed=2"]
CELL = 16
TOP_SHARE = 0.10
KNOTS = 24


# --- scores (the same definitions as com.maeworkbench.uncertainty.CellScores) ---------------------------
def rank(v):
    order = np.argsort(v, kind="stable")
    r = np.empty(len(v))
    r[order] = np.arange(len(v))
    _, inv, counts = np.unique(v, return_inverse=True, return_counts=True)
    return (np.bincount(inv, weights=r) / counts)[inv]  # mid-ranks for ties


def spearman(a, b):
    if len(a) < 3:
        return float("nan")
    return float(np.corrcoef(rank(np.asarray(a)), rank(np.asarray(b)))[0, 1])


def top_ratio(score, real, share=TOP_SHARE):
    if len(score) == 0:
        return float("nan")
    k = max(1, math.ceil(share * len(score)))
    top = np.argsort(-np.asarray(score), kind="stable")[:k]
    return float(np.asarray(real)[top].mean() / np.mean(real))


def cells_of(original, restored, missing, sigma, cell=CELL):
    """Per fully masked cell of the grid anchored at (0,0): real RMSE, the map's RMS, the trivial local std."""
    h, w = missing.shape
    real, pred, trivial = [], [], []
    for y0 in range(0, h - cell + 1, cell):
        for x0 in range(0, w - cell + 1, cell):
            if not missing[y0:y0 + cell, x0:x0 + cell].all():
                continue
            d = restored[:, y0:y0 + cell, x0:x0 + cell] - original[:, y0:y0 + cell, x0:x0 + cell]
            real.append(math.sqrt(float((d.astype(np.float64) ** 2).mean())))
            pred.append(math.sqrt(float((sigma[y0:y0 + cell, x0:x0 + cell].astype(np.float64) ** 2).mean())))
            margin = cell
            while True:
                ya, yb, xa, xb = max(0, y0 - margin), min(h, y0 + cell + margin), max(0, x0 - margin), min(w, x0 + cell + margin)
                known = ~missing[ya:yb, xa:xb]
                if known.any():
                    trivial.append(float(np.mean([original[c, ya:yb, xa:xb][known].astype(np.float64).std() for c in range(original.shape[0])])))
                    break
                if (ya, yb, xa, xb) == (0, h, 0, w):
                    trivial.append(0.0)
                    break
                margin *= 2
    return np.array(real), np.array(pred), np.array(trivial)


def score_table(real, pred, trivial):
    return dict(cells=int(len(real)), spearman=spearman(pred, real), spearman_trivial=spearman(trivial, real),
                top10=top_ratio(pred, real), top10_trivial=top_ratio(trivial, real))


def bar(s):
    return dict(spearman_margin=s["spearman"] - s["spearman_trivial"], spearman_ok=s["spearman"] >= s["spearman_trivial"] + 0.10,
                top10_ok=s["top10"] >= 1.8)


# --- study --------------------------------------------------------------------------------------------
def study(args):
    rows = list(csv.DictReader(open(args.dir / "cells.csv")))
    times = list(csv.DictReader(open(args.dir / "members.csv")))
    cols = [c for c in rows[0] if c not in ("image", "cell", "real", "trivial")]
    real = np.array([float(r["real"]) for r in rows])
    images = sorted({r["image"] for r in rows})
    # Cost per member at 512x512: each member's time per megapixel, mean over pictures, scaled to 0.262 MP.
    per_member = {}
    for t in times:
        per_member.setdefault(t["member"], []).append(float(t["millis"]) / int(t["pixels"]) * 512 * 512)
    ms = {k: float(np.mean(v)) for k, v in per_member.items()}
    print(f"{len(real)} cells from {len(images)} pictures; ms per member at 512x512 (measured under load): "
          + ", ".join(f"{k} {v:.0f}" for k, v in ms.items()))
    print(f"| predictor | passes | Spearman | top 10% / mean | median per-picture Spearman |")
    print("|---|---:|---:|---:|---:|")
    def line(name, score, passes):
        per = [spearman(score[[r["image"] == im for r in rows]], real[[r["image"] == im for r in rows]]) for im in images]
        print(f"| {name} | {passes} | {spearman(score, real):.3f} | {top_ratio(score, real):.2f} | {np.nanmedian(per):.3f} |")
    line("trivial (local std)", np.array([float(r["trivial"]) for r in rows]), 0)
    members = json.loads(args.members) if args.members else {}
    for c in cols:
        line(c, np.array([float(r[c]) for r in rows]), members.get(c.split("/")[0], "?"))


# --- running the CLI ----------------------------------------------------------------------------------
def split_images(args):
    """The split's pictures (natural/ and medical/), less those whose source file the manifest of --seen-by
    had in its train or validation split: what the shipped model trained on and the old calibration saw."""
    d = HERE / "data" / args.split
    files = sorted(p for p in d.rglob("*") if p.is_file())
    if not files:
        sys.exit(f"no pictures in {d}: run build_dataset.py")
    if args.seen_by:
        seen = seen_images(args.seen_by, splits=("train", "val"))
        left_out = sorted(p.name for p in files if p.name in seen)
        files = [p for p in files if p.name not in seen]
        print(f"left out {len(left_out)} pictures seen by {args.seen_by}: {' '.join(left_out)}", flush=True)
        args.left_out = left_out
    return files


def run_cli(model, image, mask, out):
    cmd = ["java", "-Xmx3g", "-jar", str(CLI), "restore", str(image), "--mask", mask, "--methods", "mae",
           "--uncertainty", "--model", str(model), "--out", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    return json.loads((out / "metrics.json").read_text())


def planes(path):
    """[C,H,W] float64 in [0,1] by the file's bit depth (the CLI's own normalisation for 8/16-bit PNG)."""
    im = Image.open(path)
    a = np.asarray(im)
    scale = 65535.0 if a.dtype == np.uint16 or im.mode.startswith("I") else 255.0
    a = a.astype(np.float64) / scale
    return a[None] if a.ndim == 2 else a.transpose(2, 0, 1)


def outputs(out, image):
    stem = image.stem
    restored = planes(out / f"{stem}-mae{image.suffix if image.suffix in ('.png', '.tif') else '.png'}")
    missing = np.asarray(Image.open(out / f"{stem}-mask.png")) > 127
    sigma = np.asarray(Image.open(out / f"{stem}-mae-uncertainty.tif"), dtype=np.float32)
    return restored, missing, sigma


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def manifest_sha():
    m = HERE / "data" / "manifest.csv"
    return sha256(m) if m.exists() else "missing"


# --- calibrate ----------------------------------------------------------------------------------------
def pava(y, w):
    """Isotonic (non-decreasing) weighted least squares fit: pool adjacent violators."""
    blocks = []  # [value, weight, count]
    for v, wt in zip(y, w):
        blocks.append([v, wt, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, c2 = blocks.pop()
            v1, w1, c1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    return np.concatenate([[b[0]] * b[2] for b in blocks])


def calibrate(args):
    images = split_images(args)
    spreads, errors, ensemble = [], [], None
    with tempfile.TemporaryDirectory(prefix="mae-uncal-") as tmp:
        model = Path(tmp) / "mae.onnx"
        shutil.copyfile(MODEL, model)  # no sidecar beside it: the CLI writes the raw spread
        for image in images:
            original = planes(image)
            for mask in CALIBRATION_MASKS:
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                metrics = run_cli(model, image, mask, out)
                if metrics["uncertainty"]["calibrated"]:
                    sys.exit("the CLI applied a calibration; expected the raw spread")
                ensemble = metrics["uncertainty"]["ensemble"]
                restored, missing, sigma = outputs(out, image)
                e2 = ((restored - original) ** 2).mean(0)
                spreads.append(sigma[missing].astype(np.float64))
                errors.append(e2[missing])
                print(f"{image.name} {mask}: {missing.sum()} px", flush=True)
    s, e2 = np.concatenate(spreads), np.concatenate(errors)
    # Quantile bins of the spread; each bin's RMS error, made non-decreasing; knots at the bins' mean spread.
    order = np.argsort(s, kind="stable")
    bins = np.array_split(order, KNOTS)
    xs = np.array([s[b].mean() for b in bins])
    ms = np.array([e2[b].mean() for b in bins])
    mono = pava(ms, np.array([len(b) for b in bins], dtype=float))
    sig = np.sqrt(mono)
    keep = np.concatenate([[True], np.diff(xs) > 1e-9])  # knots must increase strictly
    xs, sig = xs[keep], sig[keep]
    xs = np.maximum(xs, 1e-7)
    lines = [
        "# MAE uncertainty calibration: ensemble spread -> predicted error std (root of the expected squared error),",
        "# both in the model's [0,1] intensity units. Read by com.maeworkbench.uncertainty.UncertaintyCalibration.",
        "# Written by training/uncertainty.py calibrate; see assets/MODEL_CARD.md, 'Uncertainty map'.",
        "format=1",
        f"model_sha256={sha256(MODEL)}",
        f"ensemble={ensemble}",
        "spread=" + ",".join(f"{v:.6g}" for v in xs),
        "sigma=" + ",".join(f"{v:.6g}" for v in sig),
        f"fitted_on={args.split} split: {len(images)} pictures of training/data/{args.split} (data manifest sha256 {manifest_sha()}), {len(s)} masked pixels",
        "masks=" + " ".join(CALIBRATION_MASKS),
        f"method=quantile bins of the spread ({KNOTS}), RMS error per bin, isotonic (pool adjacent violators); flat below the first knot, proportional beyond the last",
        f"created={datetime.date.today().isoformat()} by training/uncertainty.py calibrate --split {args.split}",
    ]
    SIDECAR.write_text("\n".join(lines) + "\n")
    print(f"wrote {SIDECAR}: {len(xs)} knots, spread {xs[0]:.4g}..{xs[-1]:.4g} -> sigma {sig[0]:.4g}..{sig[-1]:.4g}")


# --- evaluate -----------------------------------------------------------------------------------------
def evaluate(args):
    images = split_images(args)
    args.out.mkdir(parents=True, exist_ok=True)
    reals, preds, trivials, per_image, pixel_pred, pixel_e2, millis, deviation = [], [], [], [], [], [], [], {}
    for image in images:
        out = args.out / "runs" / image.stem
        metrics = run_cli(MODEL, image, args.mask, out)
        u = metrics["uncertainty"]
        if not u["calibrated"]:
            sys.exit(f"{image.name}: the CLI ran without a calibration ({u.get('calibration')})")
        original = planes(image)
        restored, missing, sigma = outputs(out, image)
        real, pred, trivial = cells_of(original, restored, missing, sigma)
        s = score_table(real, pred, trivial)
        # The shipped Java code's own per-image numbers must agree with this script's. Java scores its float
        # result, this script the 8-bit file the CLI wrote (what users get): on dark, smooth pictures the
        # rounding (1/510 at most) is as large as the error itself and moves the real RMSE of the best cells.
        # 16-bit files round too: on a CT with much air (CT-MONO2-16-ankle) the near-zero errors of the flat
        # cells reorder, and the trivial Spearman read 0.663 here against 0.641 in Java. The largest deviation
        # of each score is kept in uncertainty.json; beyond these limits the definitions themselves differ.
        for key, tolerance in (("spearman", 0.05), ("spearman_trivial", 0.05), ("top10", 0.05), ("top10_trivial", 0.05)):
            java = u.get(key)
            if java is None or math.isnan(s[key]):
                continue
            deviation[key] = max(deviation.get(key, 0.0), abs(java - s[key]))
            if abs(java - s[key]) > tolerance * max(1.0, abs(java)):
                sys.exit(f"{image.name}: {key} {s[key]:.4f} here but {java} in metrics.json")
        per_image.append(dict(image=image.name, millis=u["millis"], passes=u["passes"], **{k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}))
        reals.append(real), preds.append(pred), trivials.append(trivial)
        pixel_pred.append(sigma[missing].astype(np.float64))
        pixel_e2.append(((restored - original) ** 2).mean(0)[missing])
        millis.append(u["millis"] / (original.shape[1] * original.shape[2]) * 512 * 512)
        print(f"{image.name}: {s['cells']} cells, Spearman {s['spearman']:.3f} (trivial {s['spearman_trivial']:.3f}), top10 {s['top10']:.2f} ({s['top10_trivial']:.2f})", flush=True)
        shutil.rmtree(out)  # keep the numbers, not 27 copies of the pictures
    (args.out / "runs").rmdir()
    real, pred, trivial = np.concatenate(reals), np.concatenate(preds), np.concatenate(trivials)
    pooled = score_table(real, pred, trivial)
    kinds = [image.parent.name for image in images]
    by_kind = {k: score_table(*(np.concatenate([a for a, kk in zip(arrays, kinds) if kk == k]) for arrays in (reals, preds, trivials)))
               for k in sorted(set(kinds))}
    # Calibration: cells in deciles of the predicted std, mean predicted vs real RMSE; and per pixel.
    order = np.argsort(pred, kind="stable")
    deciles = [dict(predicted=float(np.sqrt((pred[d] ** 2).mean())), real=float(np.sqrt((real[d] ** 2).mean())), cells=int(len(d)))
               for d in np.array_split(order, 10)]
    pp, pe = np.concatenate(pixel_pred), np.concatenate(pixel_e2)
    result = dict(split=args.split, mask=args.mask, pictures=len(images), data_manifest_sha256=manifest_sha(),
                  model_sha256=sha256(MODEL), calibration_sha256=sha256(SIDECAR), pooled=pooled, bar=bar(pooled),
                  by_kind=by_kind, left_out=getattr(args, "left_out", []),
                  per_picture_median=dict(spearman=float(np.nanmedian([p["spearman"] for p in per_image])),
                                          spearman_trivial=float(np.nanmedian([p["spearman_trivial"] for p in per_image]))),
                  cell_deciles=deciles,
                  pixels=dict(count=int(len(pp)), mean_predicted_sigma=float(pp.mean()), rms_predicted_sigma=float(np.sqrt((pp ** 2).mean())),
                              real_rmse=float(np.sqrt(pe.mean())), mean_abs_error=float(np.sqrt(pe).mean()),
                              within_1_sigma=float((np.sqrt(pe) <= pp).mean()), within_2_sigma=float((np.sqrt(pe) <= 2 * pp).mean())),
                  ms_per_512x512=dict(mean=float(np.mean(millis)), median=float(np.median(millis))),
                  max_deviation_from_java=deviation,
                  per_picture=per_image)
    (args.out / "uncertainty.json").write_text(json.dumps(result, indent=1) + "\n")
    md = [f"Uncertainty map on the {args.split} split ({len(images)} pictures), `{args.mask}`, per fully masked 16 px cell "
          f"({pooled['cells']} cells pooled). Written by `training/uncertainty.py evaluate` from `restore-cli restore --uncertainty`.", "",
          "| predictor | Spearman vs real RMSE | top 10% / mean RMSE |", "|---|---:|---:|",
          f"| MAE uncertainty | {pooled['spearman']:.3f} | {pooled['top10']:.2f} |",
          f"| trivial (local std) | {pooled['spearman_trivial']:.3f} | {pooled['top10_trivial']:.2f} |", ""]
    for k, t in by_kind.items():
        md += [f"{k} ({kinds.count(k)} pictures, {t['cells']} cells): Spearman {t['spearman']:.3f} (trivial {t['spearman_trivial']:.3f}), "
               f"top 10% / mean {t['top10']:.2f} (trivial {t['top10_trivial']:.2f})."]
    if getattr(args, "left_out", None):
        md += [f"Left out: {len(args.left_out)} pictures the shipped model trained on or the calibration saw ({' '.join(args.left_out)})."]
    md += ["",
          "Calibration, cells in deciles of the predicted std (RMS over the cells of each decile):", "",
          "| decile | predicted | real |", "|---:|---:|---:|"]
    md += [f"| {i + 1} | {d['predicted']:.4f} | {d['real']:.4f} |" for i, d in enumerate(deciles)]
    px = result["pixels"]
    md += ["", f"Per masked pixel: RMS predicted std {px['rms_predicted_sigma']:.4f} against real RMSE {px['real_rmse']:.4f}; "
           f"|error| <= sigma for {100 * px['within_1_sigma']:.1f}% and <= 2 sigma for {100 * px['within_2_sigma']:.1f}% of pixels "
           f"(a Gaussian would give 68.3% / 95.4%).", "",
           f"Time per picture scaled to 512x512: mean {result['ms_per_512x512']['mean']:.0f} ms, median {result['ms_per_512x512']['median']:.0f} ms "
           "(2-core AMD EPYC VM, shared, measured under load).", ""]
    (args.out / "summary.md").write_text("\n".join(md))
    print("\n".join(md))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("study")
    s.add_argument("dir", type=Path, help="UncertaintyStudy's output folder (cells.csv, members.csv)")
    s.add_argument("--members", help='JSON {"ensemble": passes} for the table')
    c = sub.add_parser("calibrate")
    c.add_argument("--split", default="val")
    c.add_argument("--seen-by", type=Path, help="leave out pictures this manifest's train or val split holds")
    e = sub.add_parser("evaluate")
    e.add_argument("--split", default="val")
    e.add_argument("--mask", default=EVAL_MASK)
    e.add_argument("--seen-by", type=Path, help="leave out pictures this manifest's train or val split holds")
    e.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    {"study": study, "calibrate": calibrate, "evaluate": evaluate}[args.cmd](args)


if __name__ == "__main__":
    main()
