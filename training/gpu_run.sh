#!/bin/bash
# The GPU run behind the shipped model, as given to the lent accelerator (device tool, one H100):
#   training/gpu_run.sh MINUTES [train.py options]
# from the repository root, with training/data carried and $OUT the folder that comes back. Records the
# machine, trains for MINUTES of wall clock (bf16, batch 2048), and copies the slim checkpoint (ema.pt,
# ~14 MB) and the log to $OUT every 15 s, so a run cut off by the time limit still returns its weights.
minutes=${1:-7}
shift
extra=("$@")
out=${OUT:-/tmp/gpu-out}
mkdir -p "$out"
{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'cudnn', torch.backends.cudnn.version())"
  echo "ONNX Runtime Java GPU needs CUDA 12 + cuDNN 9 system libraries; found:"
  ldconfig -p | grep -E 'libcublasLt\.so|libcudnn\.so|libcudart\.so' || echo "  none in ldconfig"
  ls -d /usr/local/cuda* 2>/dev/null
  command -v java || echo "no java"
} > "$out/env.txt" 2>&1
cd "$(dirname "$0")"
hours=$(python3 -c "print($minutes / 60)")
train() {
  PYTHONUNBUFFERED=1 python3 train.py --data data --run /tmp/run --hours "$hours" --eval-every 90 "${extra[@]}" "$@" >> "$out/train.log" 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null; do
    sleep 15
    cp /tmp/run/ema.pt /tmp/run/final.json "$out/" 2>/dev/null
  done
  wait $pid
}
start=$(date +%s)
train || { [ $(( $(date +%s) - start )) -lt 120 ] && echo "== retry without fused attention, batch 1024" >> "$out/train.log" \
  && rm -rf /tmp/run && MAE_FUSED_ATTENTION=0 train --batch 1024; }
cp /tmp/run/ema.pt /tmp/run/final.json "$out/" 2>/dev/null
nvidia-smi --query-gpu=name,memory.used --format=csv >> "$out/env.txt" 2>&1
tail -5 "$out/train.log"
