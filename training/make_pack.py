#!/usr/bin/env python3
"""The data pack a lent GPU trains from: pre-cut crops of the training pictures in one .npz of at most
--budget-mib, plus fixed validation crops. The device tool carries 64 MiB in all, the repository's
tracked files included (35 MB, 33.4 MiB, today): hence the 26 MiB default, which leaves ~4 MiB to spare.

  /usr/bin/python3 training/make_pack.py            # data/ (build_dataset.py) -> pack/pack.npz

- train, natural: one 192 px crop per picture (the whole picture when smaller), at a random place from a
  seed per picture, JPEG 4:4:4 at the highest quality in QUALITIES that fits the budget; more crops
  per picture in turn while room is left. 192 px leaves room for the crop sampler's scale jitter (a 64 px
  tile drawn from up to 3x its side, a 128 px tile from up to 1.5x).
- train, medical: whole slices up to 256 px (else a 256 px crop), lossless 8- or 16-bit PNG, with the
  intensity window the Java runtime would stretch over (`intensity_window`, IntensityRange.java).
- val: the centre 256 px (else 128 px) of every validation picture and its window; medical lossless,
  natural JPEG 4:4:4 at quality 95 (the same pixels for every model compared; the card's numbers come
  from the CLI on the original files).
Every crop records its picture's kind and manifest row. Decoding needs numpy and PIL only.
"""
import argparse
import csv
import io
import json
import math
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
CROP = 192  # training crops of natural pictures
MEDICAL_CROP = VAL_CROP = 256
VAL_QUALITY = 95
QUALITIES = (95, 92, 90, 87, 85)
BINS, TAIL, MIN_WIDTH = 4096, 0.005, 1 / 256  # IntensityRange.java


def intensity_window(arr):
    """(lo, hi) in [0,1] of full scale: IntensityRange.of over every pixel (8-bit data: the identity)."""
    if arr.dtype == np.uint8:
        return 0.0, 1.0
    v = arr.astype(np.float64).ravel() / 65535
    hist = np.bincount(np.clip((v * BINS).astype(np.int64), 0, BINS - 1), minlength=BINS)
    cum = np.cumsum(hist)
    lo_rank, hi_rank = math.floor(TAIL * (v.size - 1)), math.ceil((1 - TAIL) * (v.size - 1))
    lo, hi = np.searchsorted(cum, lo_rank, side="right") / BINS, (np.searchsorted(cum, hi_rank, side="right") + 1) / BINS
    if hi - lo < MIN_WIDTH:
        lo = max(0.0, min(1 - MIN_WIDTH, (lo + hi) / 2 - MIN_WIDTH / 2))
        hi = lo + MIN_WIDTH
    return float(lo), float(hi)


def crop_at(arr, side, rng):
    h, w = arr.shape[:2]
    y = int(rng.integers(0, h - side + 1)) if h > side else 0
    x = int(rng.integers(0, w - side + 1)) if w > side else 0
    return arr[y:y + side, x:x + side]


def centre(arr, side):
    h, w = arr.shape[:2]
    return arr[(h - side) // 2:(h - side) // 2 + side, (w - side) // 2:(w - side) // 2 + side]


def encode(arr, quality=None):
    buf = io.BytesIO()
    if quality:
        Image.fromarray(arr).save(buf, "JPEG", quality=quality, subsampling=0)
    else:
        Image.fromarray(arr).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def seed_of(name):
    return zlib.crc32(name.encode())


def build(data, budget):
    with open(data / "manifest.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    load = lambda r: np.asarray(Image.open(data / r["image"]))  # noqa: E731
    entries = []  # (split, kind, row index, window, bytes)
    for i, r in enumerate(rows):
        if r["split"] == "val":
            arr = load(r)
            side = VAL_CROP if min(arr.shape[:2]) >= VAL_CROP else 128 if min(arr.shape[:2]) >= 128 else 0
            if side:
                c = centre(arr, side)
                quality = VAL_QUALITY if r["kind"] == "natural" else None
                entries.append(("val", r["kind"], i, intensity_window(arr), encode(c, quality)))
        elif r["split"] == "train" and r["kind"] == "medical":
            arr = load(r)
            entries.append(("train", "medical", i, intensity_window(arr),
                            encode(crop_at(arr, MEDICAL_CROP, np.random.default_rng(seed_of(r["picture"]))))))
    fixed = sum(len(e[4]) for e in entries)
    natural = [i for i, r in enumerate(rows) if r["split"] == "train" and r["kind"] == "natural"]
    room = budget - fixed - 65536 - 300 * len(rows)  # index arrays, names and zip headers (~0.4 MiB for 2,000 crops)
    pictures = {i: load(rows[i]) for i in natural}
    for q in QUALITIES:  # the best quality at which every picture gets one crop
        rngs = {i: np.random.default_rng(seed_of(rows[i]["picture"])) for i in natural}
        first = [(i, encode(crop_at(pictures[i], CROP, rngs[i]), q)) for i in natural]
        if sum(len(b) for _, b in first) <= room:
            break
    else:
        raise SystemExit(f"{len(natural)} natural crops do not fit {budget / 2**20:.0f} MiB even at quality {q}")
    chosen, used = list(first), sum(len(b) for _, b in first)
    more = True
    while more:  # second, third ... crops round-robin while room is left
        more = False
        for i in natural:
            if min(pictures[i].shape[:2]) <= CROP * 1.25:
                continue  # little more to see in a picture barely larger than one crop
            b = encode(crop_at(pictures[i], CROP, rngs[i]), q)
            if used + len(b) > room:
                break
            chosen.append((i, b))
            used += len(b)
            more = True
    entries += [("train", "natural", i, (0.0, 1.0), b) for i, b in chosen]
    return rows, entries, q


def save(path, rows, entries, quality):
    blobs = [e[4] for e in entries]
    offsets = np.cumsum([0] + [len(b) for b in blobs]).astype(np.int64)
    meta = dict(quality=quality, crop=CROP, val_quality=VAL_QUALITY, images=[rows[e[2]]["image"] for e in entries])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, blob=np.frombuffer(b"".join(blobs), np.uint8), offsets=offsets,
             split=np.array([e[0] for e in entries]), kind=np.array([e[1] for e in entries]),
             window=np.array([e[3] for e in entries], np.float64), meta=np.array(json.dumps(meta)))
    tmp.replace(path)


def load_pack(path):
    """{split: {kind: [(float32 HxWx3 in [0,1], image name)]}}: crops decoded and windowed like the runtime."""
    z = np.load(path)
    blob, offsets, meta = z["blob"], z["offsets"], json.loads(str(z["meta"]))
    out = {}
    for k, (split, kind) in enumerate(zip(z["split"], z["kind"])):
        arr = np.asarray(Image.open(io.BytesIO(blob[offsets[k]:offsets[k + 1]].tobytes())))
        scale = 65535.0 if arr.dtype == np.uint16 or arr.dtype == np.int32 else 255.0
        lo, hi = z["window"][k]
        x = np.clip((arr.astype(np.float32) / scale - lo) / (hi - lo), 0, 1)
        if x.ndim == 2:
            x = np.repeat(x[..., None], 3, axis=2)
        out.setdefault(str(split), {}).setdefault(str(kind), []).append((x, meta["images"][k]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=HERE / "data")
    ap.add_argument("--out", type=Path, default=HERE / "pack" / "pack.npz")
    ap.add_argument("--budget-mib", type=float, default=26)
    args = ap.parse_args()
    rows, entries, q = build(args.data, int(args.budget_mib * 2 ** 20))
    save(args.out, rows, entries, q)
    size = args.out.stat().st_size
    counts = {}
    for split, kind, *_ in entries:
        counts[f"{split} {kind}"] = counts.get(f"{split} {kind}", 0) + 1
    print(f"{args.out}: {size / 2**20:.1f} MiB, natural JPEG quality {q}, crops: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
