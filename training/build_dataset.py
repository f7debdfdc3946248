#!/usr/bin/env python3
"""Builds the MAE training/validation set from images shipped in Debian packages.

Writes data/{train,val}/<group>.png (8-bit, longer side <= --max-side) and data/manifest.csv with
package, version, file, sha256, licence, group and split. The split is by *group*: every file that
shows the same picture (a wallpaper's resolutions, its light/dark variants, a DICOM re-encoded in
another transfer syntax, an ITK slice shifted or rotated) lands on one side only, so no crop of a
validation picture is ever trained on.

  apt-get install gnome-backgrounds mate-backgrounds plasma-workspace-wallpapers python3-skimage \
      insighttoolkit5-examples python3-pydicom ukui-wallpapers lomiri-wallpapers lomiri-wallpapers-16.04 \
      lomiri-wallpapers-20.04 sway-backgrounds python3-pil python3-numpy
  /usr/bin/python3 training/build_dataset.py --out training/data
"""
import argparse
import csv
import hashlib
import re
import subprocess
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

PACKAGES = ["gnome-backgrounds", "mate-backgrounds", "plasma-workspace-wallpapers", "python3-skimage",
            "insighttoolkit5-examples", "python3-pydicom", "ukui-wallpapers", "lomiri-wallpapers",
            "lomiri-wallpapers-16.04", "lomiri-wallpapers-20.04", "sway-backgrounds"]
EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".dcm", ".tif", ".tiff"}
# Synthetic test patterns, masks and binary images: not the pictures users restore.
SKIP = re.compile(r"(screenshot|checker|chessboard|bw_text|horse|binary|blobs|logo|Circle|Point|Hough|FFT|"
                  r"DiagonalLines|VentricleModel|Watershed|Mask|Spikes|lfw|foo3x5|green_palette|microaneurysms|"
                  r"_GRAY|_RGB|multipage|charset|rtplan|rtstruct|emri|nested|no_meta|OBXXXX|badVR|meta_missing)", re.I)
# Pictures held out as validation on purpose: the bundled samples come from here.
FORCE_VAL = {"skimage:astronaut", "skimage:camera", "itk:BrainProtonDensitySlice", "itk:BrainT1Slice",
             "dicom:CT_small", "mate:Dune", "plasma:Autumn", "plasma:Kite", "mate:LadyBird"}
VAL_SHARE = 0.15


def package_files(pkg):
    out = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True, check=True).stdout
    return [Path(p) for p in out.splitlines() if Path(p).suffix.lower() in EXTENSIONS and Path(p).is_file()]


def package_version(pkg):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True).stdout


def licences(pkg):
    """Short licence names declared in the package's machine-readable copyright file."""
    f = Path("/usr/share/doc") / pkg / "copyright"
    names = sorted({m.strip() for m in re.findall(r"^License:\s*(.+)$", f.read_text(errors="replace"), re.M)}) if f.exists() else []
    return " | ".join(names) or "see " + str(f)


def group_of(pkg, path):
    stem = path.stem
    if pkg == "plasma-workspace-wallpapers":
        return "plasma:" + path.parts[path.parts.index("wallpapers") + 1]
    if pkg in ("mate-backgrounds", "gnome-backgrounds"):
        base = re.sub(r"(_\d+x\d+|-[dl]|-day|-night|-morning|-dark|-light|-Dark|-Light)$", "", stem)
        return ("mate:" if pkg.startswith("mate") else "gnome:") + base
    if pkg == "python3-skimage":
        # Registration pairs and stereo pairs show one scene: keep each pair on one side.
        stem = re.sub(r"^(Original|Transformed)X-?\d+Y-?\d+$", "registration", stem)
        return "skimage:" + re.sub(r"_(left|right)$", "", stem)
    if pkg == "insighttoolkit5-examples":
        m = re.match(r"(BrainProtonDensity|BrainT1|BrainMidSagittal|FatMRI|VisibleWomanEye|VisibleWomanHead)", stem)
        return "itk:" + (m.group(1) + "Slice" if m and m.group(1).startswith("Brain") and m.group(1) != "BrainMidSagittal" else (m.group(1) if m else stem))
    if pkg.startswith("lomiri-wallpapers"):
        return "lomiri:" + stem
    if pkg == "ukui-wallpapers":
        return "ukui:" + stem
    if pkg == "sway-backgrounds":
        return "sway:" + re.sub(r"_\d+x\d+(_Portrait)?$", "", stem)
    return "dicom:" + stem


def load(path):
    """8-bit gray or RGB array, or None when the file is not a usable 2-D picture."""
    if path.suffix.lower() == ".dcm":
        import pydicom
        try:
            ds = pydicom.dcmread(str(path))
            arr = ds.pixel_array.astype(np.float64)
        except Exception:
            return None, None
        if arr.ndim == 3 and arr.shape[-1] == 3:
            pass
        elif arr.ndim != 2:
            return None, None
        if getattr(ds, "PhotometricInterpretation", "") == "MONOCHROME1":
            arr = arr.max() - arr
        # The same robust range the Java runtime feeds the model for high-bit-depth images.
        lo, hi = np.percentile(arr, [0.5, 99.5])
        arr = np.clip((arr - lo) / max(hi - lo, 1e-6), 0, 1)
        return (arr * 255 + 0.5).astype(np.uint8), str(getattr(ds, "SOPInstanceUID", ""))
    try:
        with Image.open(path) as im:
            im.seek(0)
            if im.mode in ("I;16", "I;16B", "I"):
                arr = np.asarray(im, dtype=np.float64)
                lo, hi = np.percentile(arr, [0.5, 99.5])
                return (np.clip((arr - lo) / max(hi - lo, 1e-6), 0, 1) * 255 + 0.5).astype(np.uint8), None
            im = im.convert("RGB") if im.mode not in ("L",) else im
            return np.asarray(im), None
    except Exception:
        return None, None


def downscale(arr, max_side):
    h, w = arr.shape[:2]
    s = max_side / max(h, w)
    if s >= 1:
        return arr
    im = Image.fromarray(arr)
    return np.asarray(im.resize((max(1, round(w * s)), max(1, round(h * s))), Image.LANCZOS))


def is_gray(arr):
    if arr.ndim == 2:
        return True
    return bool(np.abs(arr[..., 0].astype(int) - arr[..., 1]).max() < 3 and np.abs(arr[..., 1].astype(int) - arr[..., 2]).max() < 3)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    ap.add_argument("--max-side", type=int, default=768)
    args = ap.parse_args()
    groups = {}  # group -> best candidate (pixels, record, array)
    for pkg in PACKAGES:
        version, lic = package_version(pkg), licences(pkg)
        if not version:
            raise SystemExit(f"package {pkg} is not installed (see the docstring for the apt-get line)")
        for path in package_files(pkg):
            if SKIP.search(str(path)):
                continue
            arr, uid = load(path)
            if arr is None or min(arr.shape[:2]) < 64 or arr.std() < 4:
                continue
            group = group_of(pkg, path)
            if uid:  # one DICOM picture in several encodings shares its SOP Instance UID
                group = "dicom:" + next((g.split(":", 1)[1] for g, c in groups.items() if c[1].get("uid") == uid), path.stem)
            rec = dict(package=pkg, version=version, file=str(path), licence=lic, group=group, uid=uid or "")
            pixels = arr.shape[0] * arr.shape[1]
            if group not in groups or pixels > groups[group][0]:
                groups[group] = (pixels, rec, arr)
    rows = []
    for group in sorted(groups):
        _, rec, arr = groups[group]
        # Deterministic split by group name, so reruns agree.
        val = group in FORCE_VAL or (zlib.crc32(group.encode()) % 1000) / 1000 < VAL_SHARE
        split = "val" if val else "train"
        arr = downscale(arr, args.max_side)
        if is_gray(arr) and arr.ndim == 3:
            arr = arr[..., 0]
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", group.replace(":", "-")) + ".png"
        dest = args.out / split / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(arr).save(dest)
        rec.update(split=split, sha256=hashlib.sha256(Path(rec["file"]).read_bytes()).hexdigest(), image=f"{split}/{name}",
                   width=arr.shape[1], height=arr.shape[0], channels=1 if arr.ndim == 2 else 3)
        rows.append(rec)
    with open(args.out / "manifest.csv", "w", newline="") as f:
        cols = ["image", "split", "group", "package", "version", "file", "sha256", "licence", "width", "height", "channels"]
        w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    n_val = sum(r["split"] == "val" for r in rows)
    print(f"{len(rows)} pictures: {len(rows) - n_val} train, {n_val} val -> {args.out}")


if __name__ == "__main__":
    main()
