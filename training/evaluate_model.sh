#!/bin/bash
# The model card's numbers: the CLI's `evaluate` on the held-out validation pictures (training/data/val,
# made by build_dataset.py; the model never saw them), at 25/50/75% patch masks of 16 px and at stroke
# masks, every method; then a contact sheet. Usage, from the repository root:
#   training/evaluate_model.sh [out-dir, default training/runs/eval]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-training/runs/eval}
cli="java -jar inference/target/restore-cli.jar"
[ -f inference/target/restore-cli.jar ] || ./mvnw -q -B -pl inference -am package -DskipTests
$cli evaluate --images training/data/val \
  --mask patches:ratio=0.25,size=16,seed=1 --mask patches:ratio=0.5,size=16,seed=1 \
  --mask patches:ratio=0.75,size=16,seed=1 --mask strokes:count=6,seed=1 --out "$out/val"
# Contact sheet: a photograph, a gray photograph and two medical slices, at 75% and at strokes.
rows=()
for spec in patches:ratio=0.75,size=16,seed=1 strokes:count=6,seed=1; do
  for img in skimage-astronaut skimage-camera itk-BrainProtonDensitySlice itk-BrainT1Slice; do
    dir="$out/sheet/$img-${spec%%:*}"
    $cli restore "training/data/val/$img.png" --mask "$spec" --out "$dir" > /dev/null
    rows+=("$dir")
  done
done
/usr/bin/python3 training/contact_sheet.py "${rows[@]}" --out assets/contact_sheet.png
