#!/bin/bash
# Model 3.0's whole GPU budget in one device call (the device tool's `run`, one H100 or H200), from the
# repository root with the pack carried:
#
#   run(command="training/device_run.sh 7", carry=["training/pack"], timeout_s=590)
#   training/device_run.sh [MINUTES=7] [train.py options for every phase]
#
# MINUTES of training in three phases on one pack (training/pack/pack.npz, make_pack.py), each a train.py
# process (20-40 s of start, pack decoding and validation come on top of its minutes):
#   A  tile64  (S=64,  p=8)  from scratch, 35% of MINUTES
#   B  tile128 (S=128, p=16) from scratch, 35% of MINUTES: the same GPU time as A (issue 13, item 5)
#   C  the variant with the higher validation score (train.py's tiled validation: both restore the same
#      256/128 px validation crops the way the Java runtime tiles) resumes with its optimiser state, its
#      budget extended by the last 30% of MINUTES (the cosine schedule restarts where that puts it).
# $OUT gets (the device tool returns at most 8 files of 16 MiB): A-tile64/ema.pt and B-tile128/ema.pt as
# each phase ended, C/ema.pt (the winner, continued; copied every 15 s, so a call cut off by its time
# limit still returns weights), device.log (machine, every phase's log) and summary.json (each phase's
# final.json and the decision).
# If phase A dies within 2 minutes (e.g. fused attention unsupported), it and every later phase run
# without fused attention at half the batch.
# Second call, if device time is left: `training/device_run.sh --continue MINUTES` resumes C on a machine
# still warm (runs/device/C kept), else starts afresh from the returned weights copied to training/pack/C-ema.pt.
# One variant only, e.g. 2.0.0's weights continued on the new data (no A/B):
#   training/device_run.sh --only tile64 7 --init checkpoints/ema.pt --lr 1e-3     ($OUT/only-tile64/ema.pt)
set -uo pipefail
cd "$(dirname "$0")"
out=${OUT:-/tmp/device-out}
mkdir -p "$out"
export PYTHONUNBUFFERED=1
runs=runs/device
log=$out/device.log

# train NAME MINUTES ARGS...: one phase; its ema.pt goes to $OUT/NAME/ every 15 s and at the end.
train() {
  local name=$1 minutes=$2
  shift 2
  mkdir -p "$out/$name" "$runs/$name"
  echo "== phase $name: $minutes min, train.py $*" >> "$log"
  python3 train.py --pack pack/pack.npz --run "$runs/$name" --minutes "$minutes" --eval-every 60 "$@" >> "$log" 2>&1 &
  local pid=$!
  while kill -0 $pid 2>/dev/null; do
    sleep 15
    cp "$runs/$name/ema.pt" "$out/$name/" 2>/dev/null
  done
  wait $pid
  local rc=$?
  cp "$runs/$name/ema.pt" "$out/$name/" 2>/dev/null
  python3 - "$out/summary.json" "$name" "$runs/$name/final.json" <<'PY'
import json, os, sys
path, name, final = sys.argv[1:]
summary = json.load(open(path)) if os.path.exists(path) else {}
summary[name] = json.load(open(final)) if os.path.exists(final) else "no final.json (failed or cut off)"
json.dump(summary, open(path, "w"), indent=1)
PY
  return $rc
}

score() {  # the validation score a phase ended with
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['metrics']['score'])" "$runs/$1/final.json" 2>/dev/null || echo -1
}

{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
  python3 -c "import torch, PIL, numpy; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'PIL', PIL.__version__, 'numpy', numpy.__version__)"
  echo "cpus $(nproc)"
} >> "$log" 2>&1

if [ "${1:-}" = "--only" ]; then
  ctx=$2 minutes=$3
  shift 3
  train "only-$ctx" "$minutes" --context "$ctx" "$@"
  exit $?
fi

if [ "${1:-}" = "--continue" ]; then
  minutes=${2:-3}
  shift 2 || shift $#
  if [ -f "$runs/C/last.pt" ]; then
    done_min=$(python3 -c "import torch; print(torch.load('$runs/C/last.pt', map_location='cpu', weights_only=False)['elapsed'] / 60)")
    ctx=$(python3 -c "import json; print(json.load(open('$runs/C/final.json'))['context'])")
    train C "$(python3 -c "print($done_min + $minutes)")" --context "$ctx" --resume "$@"
  else
    ctx=$(python3 -c "import torch; c = torch.load('pack/C-ema.pt', map_location='cpu', weights_only=False)['config']; print('tile128' if c['img_size'] == 128 else 'tile64')")
    train C2 "$minutes" --context "$ctx" --init pack/C-ema.pt --lr 1e-3 "$@"
  fi
  exit $?
fi

minutes=${1:-7}
shift || true
extra=("$@")
ab=$(python3 -c "print(round($minutes * 0.35, 3))")
rest=$(python3 -c "print(round($minutes * 0.30, 3))")
start=$(date +%s)
train A-tile64 "$ab" --context tile64 "${extra[@]}"
rc=$?
if [ $rc -ne 0 ] && [ $(( $(date +%s) - start )) -lt 120 ]; then
  echo "== phase A failed early (rc $rc): all phases without fused attention, half batch" >> "$log"
  export MAE_FUSED_ATTENTION=0
  extra+=(--batch-scale 0.5)
  rm -rf "$runs/A-tile64"
  train A-tile64 "$ab" --context tile64 "${extra[@]}"
fi
train B-tile128 "$ab" --context tile128 "${extra[@]}"
sa=$(score A-tile64)
sb=$(score B-tile128)
winner=$(python3 -c "print('B-tile128' if float('$sb') > float('$sa') else 'A-tile64')")
ctx=${winner#*-}
python3 - "$out/summary.json" "$sa" "$sb" "$winner" "$ab" <<'PY'
import json, os, sys
path, sa, sb, winner, minutes = sys.argv[1:]
summary = json.load(open(path)) if os.path.exists(path) else {}
summary["decision"] = {"A-tile64": float(sa), "B-tile128": float(sb), "winner": winner, "minutes_each": float(minutes)}
json.dump(summary, open(path, "w"), indent=1)
print(summary["decision"])
PY
# C continues the winner in a folder of its own, so A's and B's returned weights stay as they ended.
rm -rf "$runs/C"
cp -r "$runs/$winner" "$runs/C"
train C "$(python3 -c "print($ab + $rest)")" --context "$ctx" --resume "${extra[@]}"
nvidia-smi --query-gpu=name,memory.used --format=csv >> "$log" 2>&1
tail -4 "$log"
