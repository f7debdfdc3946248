#!/usr/bin/env python3
"""Contact sheet from the CLI's `restore` outputs: one row per image; original, masked input, then every
method's result labelled with its masked-region PSNR and SSIM (as measured by the CLI, metrics.json).

  java -jar inference/target/restore-cli.jar restore IMG --mask SPEC --out out/IMG_STEM   # per image
  /usr/bin/python3 training/contact_sheet.py out/* --out assets/contact_sheet.png
"""
import argparse
import json
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

CELL = 192
LABEL = 30


def tile(img, caption, font):
    img = img.convert("RGB")
    img.thumbnail((CELL, CELL), Image.NEAREST if img.width < CELL else Image.LANCZOS)
    cell = Image.new("RGB", (CELL, CELL + LABEL), (24, 24, 24))
    cell.paste(img, ((CELL - img.width) // 2, (CELL - img.height) // 2))
    draw = ImageDraw.Draw(cell)
    for i, line in enumerate(caption.split("\n")):
        draw.text((4, CELL + 2 + 13 * i), line, fill=(235, 235, 235), font=font)
    return cell


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    font = ImageFont.load_default()
    rows = []
    for d in args.dirs:
        metrics = json.loads((d / "metrics.json").read_text())
        image = metrics["image"]["path"]  # schema: docs/reports.md
        stem = Path(image).stem
        original = Image.open(image).convert("RGB")
        mask = np.asarray(Image.open(d / f"{stem}-mask.png").convert("L")) > 127
        masked = np.asarray(original).copy()
        masked[mask] = (255, 0, 255)  # magenta: unmistakably "missing", never a plausible pixel
        cells = [tile(original, f"{stem}\noriginal", font),
                 tile(Image.fromarray(masked), f"masked input\n{metrics['mask']}"[:60], font)]
        results = metrics["results"]
        best = max(r["psnr_masked"] or 0 for r in results)
        for r in results:
            star = " *" if r["psnr_masked"] == best else ""
            cells.append(tile(Image.open(d / r["file"]), f"{r['method']}{star}\n{r['psnr_masked']:.2f} dB  SSIM {r['ssim']:.3f}", font))
        rows.append(cells)
    width = max(len(r) for r in rows) * CELL
    sheet = Image.new("RGB", (width, len(rows) * (CELL + LABEL) + 18), (12, 12, 12))
    for y, cells in enumerate(rows):
        for x, c in enumerate(cells):
            sheet.paste(c, (x * CELL, y * (CELL + LABEL)))
    ImageDraw.Draw(sheet).text((4, sheet.height - 15), "AI reconstruction - not for diagnostic use. PSNR/SSIM over the masked pixels; * = best.",
                               fill=(255, 200, 80), font=font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(args.out)
    print(f"wrote {args.out} ({sheet.width}x{sheet.height})")


if __name__ == "__main__":
    main()
