#!/usr/bin/env bash
# Redraws the launcher icon (committed; run only to change it). Needs ImageMagick 6 and icnsutils (png2icns).
# A landscape cut into 16 patches, three masked out, one outlined being restored: what the MAE does.
set -euo pipefail
cd "$(dirname "$0")"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
convert -size 512x512 xc:none \
  \( -size 448x448 gradient:'#1e3a5f-#3a7ca5' \) -geometry +32+32 -composite \
  -fill '#f6c453' -stroke none -draw "circle 350,150 350,198" \
  -fill '#2f5d50' -draw "polygon 32,400 150,230 250,330 330,250 480,400 480,480 32,480" \
  -fill '#4f8a6b' -draw "polygon 32,480 32,420 180,330 300,420 400,370 480,430 480,480" \
  -stroke '#ffffff40' -strokewidth 3 \
  -draw "line 144,32 144,479" -draw "line 256,32 256,479" -draw "line 368,32 368,479" \
  -draw "line 32,144 479,144" -draw "line 32,256 479,256" -draw "line 32,368 479,368" \
  -stroke none -fill '#0d1b2acc' \
  -draw "rectangle 146,146 254,254" -draw "rectangle 258,258 366,366" -draw "rectangle 370,34 477,142" \
  -stroke '#f6c453' -strokewidth 6 -fill none -draw "rectangle 258,258 366,366" \
  "$t/scene.png"
convert -size 512x512 xc:black -fill white -draw "roundrectangle 32,32 479,479 72,72" "$t/mask.png"
convert "$t/scene.png" "$t/mask.png" -alpha off -compose CopyOpacity -composite "$t/512.png"
convert "$t/512.png" -resize 256x256 mae-workbench.png                                   # Linux
convert "$t/512.png" -define icon:auto-resize=256,128,64,48,32,16 mae-workbench.ico     # Windows
for s in 256 128 32 16; do convert "$t/512.png" -resize ${s}x${s} "$t/$s.png"; done
png2icns mae-workbench.icns "$t/512.png" "$t/256.png" "$t/128.png" "$t/32.png" "$t/16.png"  # macOS
