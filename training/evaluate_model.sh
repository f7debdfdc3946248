#!/bin/bash
# The model card's numbers: the CLI's `evaluate` (every method) on a held-out split, natural and medical
# pictures separately, at masks that do not flatter the model (issue 13, item 4):
#   patches of 16 px at 25/50/75% (model 2.0.0's 8 px tokens see them as whole 2x2 patch blocks),
#   cells of 12 px at 75% (off every model's token grid), brush strokes, line dropout (every 2nd row,
#   every 4th column, random dead rows), each with SEEDS seeds; then eval_report.py's tables.
#
#   training/evaluate_model.sh [--model ONNX] [--out DIR] [--seeds N] [--limit N] [--kind K] [--methods LIST] [--parts N [--part K]]
#   training/evaluate_model.sh --test --final [--model ONNX] [--out DIR]       # the frozen test split
#   training/evaluate_model.sh --sheet [--model ONNX]                         # assets/contact_sheet.png
#
# Validation is for every decision. The test split is frozen: evaluate it once, for the final table of the
# model that ships (--final says you mean it). --limit N takes N pictures per kind (a fixed subset: the
# first by name's sha256) for quick looks; the card's numbers use all. --kind natural|medical runs one
# kind (two processes can share the work). --parts N evaluates a kind in N parts one after another (each
# writes its results as it ends, so a long run keeps what it has done); --part K (with --parts N) runs part K
# only, so two processes can take halves. The classical methods do not depend on the model: evaluate a
# new model with --methods mae and let eval_report.py take the classical rows of an earlier run
# (--classical DIR). Run from the repository root, under nice: all methods take hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
split=val model="" out="" seeds=2 limit=0 final=0 sheet=0 kinds="natural medical" methods=() parts=1 only_part=0
while [ $# -gt 0 ]; do
  case $1 in
    --test) split=test ;;
    --final) final=1 ;;
    --model) model=$2; shift ;;
    --out) out=$2; shift ;;
    --seeds) seeds=$2; shift ;;
    --limit) limit=$2; shift ;;
    --sheet) sheet=1 ;;
    --kind) kinds=$2; shift ;;
    --parts) parts=$2; shift ;;
    --part) only_part=$2; shift ;;
    --methods) methods=(--methods "$2"); shift ;;
    *) echo "evaluate_model.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -f inference/target/restore-cli.jar ] || ./mvnw -q -B -o -pl inference -am package -DskipTests
# A private copy of the CLI: a build during a run of hours rewrites the jar in place, and the JVM loses the
# classes it has not loaded yet (seen twice: NoClassDefFoundError at the end). The dependency jars are
# hard-linked (copy-dependencies leaves them alone once present).
cli_dir=$(mktemp -d)
trap 'rm -rf "$cli_dir"' EXIT
cp inference/target/restore-cli.jar "$cli_dir"/
cp -al inference/target/lib "$cli_dir"/
cli=(java -Xmx3g -jar "$cli_dir/restore-cli.jar")
model_opt=()
[ -n "$model" ] && model_opt=(--model "$model")
data=training/data

if [ $sheet = 1 ]; then
  # A photograph, a gray photograph, an MR and a CT slice (all validation pictures), at 75% and strokes.
  rows=()
  for spec in patches:ratio=0.75,size=16,seed=1 strokes:count=6,seed=1; do
    for img in natural/skimage_astronaut natural/skimage_camera medical/itk_BrainProtonDensity medical/pydicom_CT_small; do
      dir=training/runs/sheet/${img#*/}-${spec%%:*}
      "${cli[@]}" restore "$data/val/$img.png" --mask "$spec" --out "$dir" "${model_opt[@]}" > /dev/null
      rows+=("$dir")
    done
  done
  /usr/bin/python3 training/contact_sheet.py "${rows[@]}" --out assets/contact_sheet.png
  exit 0
fi

if [ $split = test ] && [ $final = 0 ]; then
  echo "evaluate_model.sh: the test split is frozen for the final table; add --final to evaluate it (once)" >&2
  exit 2
fi
out=${out:-training/runs/eval-$split}
mkdir -p "$out"
masks=()
for seed in $(seq 1 "$seeds"); do
  for ratio in 0.25 0.5 0.75; do masks+=(--mask "patches:ratio=$ratio,size=16,seed=$seed"); done
  masks+=(--mask "patches:ratio=0.75,size=12,seed=$seed" --mask "strokes:count=6,seed=$seed")
done
masks+=(--mask "lines:axis=row,every=2,width=1,seed=1" --mask "lines:axis=col,every=4,width=1,seed=2"
        --mask "lines:axis=row,every=1,width=1,drop=0.25,seed=3")
# The pictures of a kind in a fixed order (sha256 of the name), so --limit and --parts are reproducible.
ordered() { ls "$1" | while read -r n; do echo "$(echo -n "$n" | sha256sum | cut -c1-16) $n"; done | sort | cut -d' ' -f2; }
for kind in $kinds; do
  images=$data/$split/$kind
  [ -d "$images" ] || { echo "no $images: run training/build_dataset.py" >&2; exit 1; }
  mapfile -t names < <(ordered "$images")
  [ "$limit" -gt 0 ] && names=("${names[@]:0:$limit}")
  for part in $(seq 0 $((parts - 1))); do
    [ "$only_part" -gt 0 ] && [ $((part + 1)) -ne "$only_part" ] && continue
    name=$kind
    [ "$parts" -gt 1 ] && name=$kind-part$((part + 1))of$parts
    subset=$out/$name-images
    rm -rf "$subset" && mkdir -p "$subset"
    for i in "${!names[@]}"; do
      [ $((i % parts)) -eq "$part" ] && ln -s "$(realpath "$images/${names[$i]}")" "$subset/${names[$i]}"
    done
    start=$(date +%s)
    "${cli[@]}" evaluate --images "$subset" "${masks[@]}" --out "$out/$name" "${model_opt[@]}" "${methods[@]}" > "$out/$name.log" 2>&1 \
      || echo "evaluate $name: exit $? (see $out/$name.log)" >&2
    echo "$name: $(ls "$subset" | wc -l) pictures x $(( ${#masks[@]} / 2 )) masks in $(( $(date +%s) - start )) s" | tee -a "$out/timing.txt"
  done
done
[ "$kinds" = "natural medical" ] && /usr/bin/python3 training/eval_report.py "$out"
