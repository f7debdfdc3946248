#!/usr/bin/env python3
"""Builds the MAE's train / validation / test pictures from the allow-listed Debian packages.

  nice -n 10 /usr/bin/python3 training/build_dataset.py --fetch     # apt-get download + dpkg-deb -x first

Writes data/{train,val,test}/{natural,medical}/<picture>.png and data/manifest.csv (copied to
training/manifest.csv, which is committed). Steps:
 1. every candidate picture, frame or slice of the packages (`sources.py`, `medical.py`);
 2. drop what is not a picture (`picture_rules.reject_reason`: small, transparent cut-outs, normal maps,
    flat fills, graphics on plain backgrounds, few-colour art), counted per package and reason;
 3. one file per picture: of the variants sharing a picture key (resolutions, light/dark, encodings) the
    largest; then across packages by content (`picture_rules`: perceptual hash and thumbnail, or fine
    detail; full frame or central square) one picture, the largest kept;
 4. split by group (`picture_rules.split_of`: a hash of the group key, so a group never moves when
    pictures are added); groups holding a bundled sample (assets/samples) are validation.
Natural pictures are stored as 8-bit RGB or gray, longer side <= 768 (sources.MAX_SIDE); medical ones at their own
size and bit depth (16-bit PNG when deeper than 8 bits; `transform` says how values were mapped).
"""
import argparse
import csv
import hashlib
import shutil
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from PIL import Image

from picture_rules import (SAME_DETAIL, SAME_PICTURE, detail, hamming, phash, reject_reason, safe_name, same_picture,
                           split_of, thumbnail)
from sources import PACKAGES, candidates, fetch, licences, versions

HERE = Path(__file__).resolve().parent
# The bundled samples' pictures (assets/samples/PROVENANCE.md) and the pictures 2.0.0 reported on in
# its README: their groups are validation, never train (and never test, which must not steer decisions).
FORCE_VAL = {"skimage:astronaut", "skimage:camera", "itk:BrainProtonDensity", "itk:BrainT1", "pydicom:CT_small",
             "mate:Dune", "plasma:Autumn", "plasma:Kite", "mate:LadyBird"}
COLUMNS = ["image", "split", "kind", "group", "picture", "package", "version", "file", "frame", "sha256", "licence",
           "width", "height", "channels", "bits", "transform", "phash"]


def gray_if_gray(arr):
    if arr.ndim == 3 and arr.dtype == np.uint8:
        a = arr.astype(np.int16)
        if np.abs(a[..., 0] - a[..., 1]).max() < 3 and np.abs(a[..., 1] - a[..., 2]).max() < 3:
            return arr[..., 1]
    return arr


def centre_square(arr):
    h, w = arr.shape[:2]
    s = min(h, w)
    return arr[(h - s) // 2:(h - s) // 2 + s, (w - s) // 2:(w - s) // 2 + s]


def sha256(path, _cache={}):
    if path not in _cache:
        _cache[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _cache[path]


def collect(cache, staging, log, only=None):
    """Step 1-3a: accepted pictures, one per picture key, staged as PNG; returns {key: record}."""
    kept, rejected, seen, names = {}, Counter(), Counter(), {}
    t0 = time.time()
    for cand in candidates(cache, only):
        seen[cand.package] += 1
        try:
            arr, alpha, bits, transform = cand.load()
        except Exception as e:  # a file PIL/pydicom cannot decode is not a picture we can use
            rejected[(cand.package, "unreadable")] += 1
            log.write(f"unreadable {cand.package} {cand.file} {cand.frame}: {type(e).__name__}: {e}\n")
            continue
        why = reject_reason(arr, cand.kind, alpha)
        if why:
            rejected[(cand.package, why)] += 1
            log.write(f"{why} {cand.package} {cand.file} {cand.frame}\n")
            continue
        if cand.kind == "natural":
            arr = gray_if_gray(arr)
        # The larger variant wins; among variants stored at the size cap, the larger file.
        pixels = (arr.shape[0] * arr.shape[1], cand.source.stat().st_size)
        old = kept.get(cand.picture)
        if old is not None and old["pixels"] >= pixels:
            rejected[(cand.package, "variant")] += 1
            continue
        if old is not None:
            rejected[(old["package"], "variant")] += 1
        name = safe_name(cand.picture.replace(":", "_"))
        if names.setdefault(name, cand.picture) != cand.picture:  # two keys, one file name
            name += "-" + hashlib.sha1(cand.picture.encode()).hexdigest()[:8]
        Image.fromarray(arr).save(staging / f"{name}.png")
        kept[cand.picture] = dict(
            image=name + ".png", kind=cand.kind, group=cand.group, picture=cand.picture, package=cand.package,
            file=cand.file, frame=cand.frame, source=str(cand.source), width=arr.shape[1], height=arr.shape[0],
            channels=1 if arr.ndim == 2 else 3, bits=bits, transform=transform, pixels=pixels,
            thumbs=(thumbnail(arr), thumbnail(centre_square(arr))),
            details=(detail(arr).astype(np.float32), detail(centre_square(arr)).astype(np.float32)), sliced=cand.sliced)
        kept[cand.picture]["hashes"] = tuple(phash(None, t) for t in kept[cand.picture]["thumbs"])
        if len(kept) % 100 == 0:
            print(f"  {len(kept)} pictures kept, {sum(seen.values())} candidates, {time.time() - t0:.0f} s", flush=True)
    return kept, rejected, seen


def deduplicate(kept, rejected, log):
    """Step 3b: a picture is dropped when a larger (or equal, earlier-named) one of its kind is the same
    picture (picture_rules: hash and thumbnail, or detail; on the full frame or the central square, for
    crops to another aspect ratio); slices of one volume are spaced apart by construction and never
    duplicates of each other."""
    keys = sorted(kept, key=lambda k: (-kept[k]["pixels"][0], -kept[k]["pixels"][1], k))
    volume = np.array([kept[k]["source"] if kept[k]["sliced"] else "" for k in keys])
    kind = np.array([kept[k]["kind"] for k in keys])
    alive = np.ones(len(keys), bool)
    for view in (0, 1):  # full frame, central square
        hashes = np.array([kept[k]["hashes"][view] for k in keys], dtype=np.uint64)
        details = np.stack([kept[k]["details"][view] for k in keys])
        for i, k in enumerate(keys):
            if not alive[i]:
                continue
            x = np.bitwise_xor(hashes[i + 1:], hashes[i])
            dist = np.unpackbits(x.view(np.uint8).reshape(-1, 8), axis=1).sum(1)
            same_detail = details[i + 1:] @ details[i] >= SAME_DETAIL
            near = ((dist <= SAME_PICTURE) | same_detail) & alive[i + 1:] & (kind[i + 1:] == kind[i])
            near &= ~((volume[i + 1:] == volume[i]) & (volume[i] != ""))
            for j in np.nonzero(near)[0] + i + 1:
                a, b = kept[k], kept[keys[j]]
                if not (same_detail[j - i - 1] or same_picture(int(hashes[i]), int(hashes[j]), a["thumbs"][view], b["thumbs"][view])):
                    continue
                alive[j] = False
                rejected[(b["package"], "duplicate")] += 1
                log.write(f"duplicate {b['picture']} of {k} ({'full frame' if view == 0 else 'central square'}, "
                          f"{hamming(int(hashes[i]), int(hashes[j]))} bits, detail {float(details[j] @ details[i]):.3f})\n")
    return {k: kept[k] for k, a in zip(keys, alive) if a}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=HERE / ".cache", help="downloaded and unpacked packages")
    ap.add_argument("--out", type=Path, default=HERE / "data")
    ap.add_argument("--fetch", action="store_true", help="apt-get download and unpack missing packages first")
    ap.add_argument("--only", type=lambda s: s.split(","), help="these packages only (to try a rule; not for training)")
    args = ap.parse_args()
    vers = fetch(args.cache) if args.fetch else versions(args.cache)
    lic = {p: licences(args.cache, p) for p in PACKAGES}
    staging = args.out.with_name(args.out.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with open(staging / "build.log", "w") as log:
        kept, rejected, seen = collect(args.cache, staging, log, args.only)
        kept = deduplicate(kept, rejected, log)
    groups = defaultdict(list)
    for rec in kept.values():
        groups[rec["group"]].append(rec)
    rows = []
    for group, recs in sorted(groups.items()):
        split = split_of(group, recs[0]["kind"], force_val=any(r["picture"] in FORCE_VAL for r in recs))
        for rec in sorted(recs, key=lambda r: r["picture"]):
            dest = Path(split) / rec["kind"] / rec["image"]
            (staging / dest).parent.mkdir(parents=True, exist_ok=True)
            (staging / rec["image"]).rename(staging / dest)
            rows.append({**rec, "image": str(dest), "split": split, "version": vers[rec["package"]],
                         "licence": lic[rec["package"]], "sha256": sha256(rec["source"]),
                         "phash": f"{rec['hashes'][0]:016x}"})
    with open(staging / "manifest.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    for leftover in staging.glob("*.png"):
        leftover.unlink()  # variants and duplicates
    shutil.rmtree(args.out, ignore_errors=True)
    staging.rename(args.out)
    if not args.only:
        shutil.copy(args.out / "manifest.csv", HERE / "manifest.csv")
    report(rows, rejected, seen, args.out)


def report(rows, rejected, seen, out):
    """Counts per package (candidates, kept, why dropped) and per split, to stdout and data/summary.txt."""
    lines = [f"{len(rows)} pictures in {len({r['group'] for r in rows})} groups -> {out}", "",
             "package | candidates | kept | dropped (reason: count)"]
    for p in PACKAGES:
        why = ", ".join(f"{r}: {n}" for (q, r), n in sorted(rejected.items()) if q == p)
        lines.append(f"{p} | {seen[p]} | {sum(r['package'] == p for r in rows)} | {why}")
    lines += ["", "split | kind | pictures | groups | files (volumes/series)"]
    for split in ("train", "val", "test"):
        for kind in ("natural", "medical"):
            sel = [r for r in rows if r["split"] == split and r["kind"] == kind]
            lines.append(f"{split} | {kind} | {len(sel)} | {len({r['group'] for r in sel})} | "
                         f"{len({(r['package'], r['file']) for r in sel})}")
    text = "\n".join(lines)
    (out / "summary.txt").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
