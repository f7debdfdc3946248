#!/usr/bin/env python3
"""Summarises the CLI's `evaluate` results.csv files into the model card's tables: per kind (natural,
medical) and mask family, the mean masked PSNR of the MAE and of every classical method over pictures x
seeds, the MAE's lead over the best classical method (the one with the highest mean in that row), and on
how many picture x seed cases the MAE is below that method.

  /usr/bin/python3 training/eval_report.py training/runs/eval-val [--classical DIR] [--trained-on CSV] [--out FILE]

Reads <dir>/<kind>/results.csv (and <dir>/<kind>-part*/results.csv) as training/evaluate_model.sh writes them. --classical DIR adds the
classical methods' rows of an earlier run (same pictures and masks; those do not depend on the model)
where DIR itself has only the MAE's. --trained-on CSV (the manifest a model was trained with) leaves out
pictures whose source file was in that manifest's train split: model 2.0.0 trained on 8 pictures that are
now validation ones (git show 26f508f:training/manifest.csv).
"""
import argparse
import csv
import math
import re
from collections import defaultdict
from pathlib import Path

# Mask spec -> family (seeds pooled). Off-grid cells are 12 px: not a multiple of any model's patch.
FAMILIES = [
    (r"^patches:ratio=0\.25,size=16,", "patches 25% (16 px)"),
    (r"^patches:ratio=0\.5,size=16,", "patches 50% (16 px)"),
    (r"^patches:ratio=0\.75,size=16,", "patches 75% (16 px)"),
    (r"^patches:ratio=0\.75,size=12,", "cells 75% off the token grid (12 px)"),
    (r"^strokes:", "strokes (6)"),
    (r"^lines:axis=row,every=2,", "lines: every 2nd row (interlace)"),
    (r"^lines:axis=col,every=4,", "lines: every 4th column"),
    (r"^lines:.*drop=", "lines: random dead rows"),
]


def family(spec):
    for pattern, name in FAMILIES:
        if re.search(pattern, spec):
            return name
    return spec


def number(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def results(folder, kind):
    return sorted(folder.glob(f"{kind}/results.csv")) + sorted(folder.glob(f"{kind}-part*/results.csv"))


def seen_images(trained_on, manifest=Path(__file__).resolve().parent / "manifest.csv", splits=("train",)):
    """Stored names (e.g. plasma_Cluster.png) of pictures whose source file is in the other manifest's
    `splits` (its train split: what a model trained on)."""
    with open(trained_on, newline="") as f:
        files = {r["file"] for r in csv.DictReader(f) if r["split"] in splits}
    with open(manifest, newline="") as f:
        return {Path(r["image"]).name for r in csv.DictReader(f) if r["file"] in files}


SKIPPED = set()


def summarise(paths, classical=(), skip=frozenset()):
    """{family: {(image, frame, mask): {method: psnr_masked}}} from results.csv files (plus, from `classical`
    ones, every non-MAE method the first lack for the same case)."""
    cases = defaultdict(lambda: defaultdict(dict))
    for source, only_classical in [(p, False) for p in paths] + [(p, True) for p in classical]:
        with open(source, newline="") as f:
            for row in csv.DictReader(f):
                v = number(row["psnr_masked"])
                if Path(row["image"]).name in skip:
                    SKIPPED.add(Path(row["image"]).name)
                    continue
                if v is None or (only_classical and row["method"] == "mae"):
                    continue
                case = cases[family(row["mask"])][(Path(row["image"]).name, row.get("frame", ""), row["mask"])]
                if not only_classical or row["method"] not in case:
                    case[row["method"]] = v
    return cases


def table(cases, kind):
    lines = [f"### {kind}", "",
             "| mask | cases | MAE | best classical | its PSNR | MAE lead | MAE below it | all methods (mean dB) |",
             "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |"]
    order = [name for _, name in FAMILIES] + sorted(set(cases) - {name for _, name in FAMILIES})
    for fam in order:
        if fam not in cases:
            continue
        full = {k: v for k, v in cases[fam].items() if "mae" in v}
        methods = sorted({m for v in full.values() for m in v})
        means = {m: sum(v[m] for v in full.values() if m in v) / sum(m in v for v in full.values()) for m in methods}
        classical = {m: s for m, s in means.items() if m != "mae"}
        if not classical or not full:
            continue
        best = max(classical, key=classical.get)
        below = sum(v["mae"] < v[best] for v in full.values() if best in v)
        others = ", ".join(f"{m} {s:.2f}" for m, s in sorted(means.items(), key=lambda t: -t[1]))
        lines.append(f"| {fam} | {len(full)} | {means['mae']:.2f} | {best} | {classical[best]:.2f} | "
                     f"{means['mae'] - classical[best]:+.2f} | {below} | {others} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--classical", type=Path, help="an earlier run whose classical rows to use")
    ap.add_argument("--trained-on", type=Path, help="leave out pictures this manifest's train split holds")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    skip = seen_images(args.trained_on) if args.trained_on else frozenset()
    parts = []
    for kind in ("natural", "medical"):
        paths = results(args.dir, kind)
        if paths:
            parts.append(table(summarise(paths, results(args.classical, kind) if args.classical else (), skip), kind))
    if args.trained_on:
        parts.insert(0, f"Left out: {len(SKIPPED)} pictures the model trained on ({', '.join(sorted(SKIPPED))}).\n")
    text = "\n".join(parts) or "no results.csv found\n"
    out = args.out or args.dir / "report.md"
    out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
