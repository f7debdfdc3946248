#!/bin/bash
# Re-runs every measurement behind inference/BENCHMARKS.md and the README's Performance section, into one folder.
# From the repository root:   bench/run-benchmarks.sh [OUT]     (default bench/results, about 20 minutes)
#   SLOW=1 also times OpenCV's Telea at 2048x2048 (one call: minutes).
# Wall-clock numbers (JMH, the CLI) are only worth quoting from a quiet machine: machine.txt records the load
# before and after. cpu-times.txt (least thread CPU time) is far less disturbed by other processes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/results}
mkdir -p "$out"
./mvnw -q -B -pl bench -am package -DskipTests   # also builds inference/target/restore-cli.jar
jar=bench/target/benchmarks.jar
jmh() { java -jar "$jar" -f 1 -wi 2 -i 3 -w 1 -r 1 "$@"; }

{
  date -u
  grep -m1 'model name' /proc/cpuinfo; echo "cores: $(nproc)"; free -g | head -2
  java -version 2>&1 | head -1
  echo "load before: $(cat /proc/loadavg)"
} > "$out/machine.txt"

# The matmul peak of one core (OpenBLAS sgemm through numpy), for the FLOP bound.
/usr/bin/python3 - > "$out/matmul-peak.txt" <<'PY'
import os, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
best = 0
for n in (256, 512, 1024):
    a = np.random.rand(n, n).astype(np.float32)
    b = np.random.rand(n, n).astype(np.float32)
    times = []
    for _ in range(13):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    best = max(best, 2 * n ** 3 / min(times[3:]) / 1e9)
print(f"{best:.1f}")
PY
peak=$(cat "$out/matmul-peak.txt")

# Classical methods and OpenCV's reference at 512x512; ours at 2048x2048 (OpenCV's inpainting would take minutes there).
jmh RestorationBench -p size=512 -rf json -rff "$out/restoration-512.json" | tee "$out/restoration-512.txt"
jmh 'RestorationBench\.(bilinear|gaussian|median|bilateral|telea|ns)$' -p size=2048 -rf json -rff "$out/restoration-2048.json" | tee "$out/restoration-2048.txt"
sizes=512,1024; [ "${SLOW:-0}" = 1 ] && sizes=512,1024,2048
java -jar "$jar" 'RestorationBench\.opencvTelea8u$' -bm ss -f 1 -wi 1 -i 1 -p size=$sizes | tee "$out/opencv-scaling.txt"

# The MAE: one tile, a brush segment, full restores at 512 and 2048 with 1 and 2 tiles at a time, 4096 once.
jmh MaeBench -p size=512,2048 -p parallel=1,2 -rf json -rff "$out/mae.json" | tee "$out/mae.txt"
java -jar "$jar" 'MaeBench\.restore$' -bm ss -f 1 -wi 1 -i 1 -p size=4096 -p parallel=2 | tee "$out/mae-4096.txt"
java -cp "$jar" com.maeworkbench.bench.FlopBound "$(echo "$peak * $(nproc)" | bc)" 512 2048 4096 | tee "$out/flop-bound.txt"
/usr/bin/python3 - "$out" <<'PY' | tee "$out/mae-vs-bound.md"
import json, re, sys
out = sys.argv[1]
bound = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^(\d+)x\d+.*bound ([\d.]+) ms", open(f"{out}/flop-bound.txt").read(), re.M)}
print("| restore | tiles at once | ms | FLOP bound, ms | ratio |\n| --- | ---: | ---: | ---: | ---: |")
for r in json.load(open(f"{out}/mae.json")):
    if not r["benchmark"].endswith(".restore"): continue
    size, par = int(r["params"]["size"]), r["params"]["parallel"]
    ms = r["primaryMetric"]["score"]
    print(f"| {size}x{size} | {par} | {ms:.0f} | {bound[size]:.0f} | {ms / bound[size]:.2f} |")
PY

# Least thread CPU time: single-threaded work, robust to other load.
java -cp "$jar" com.maeworkbench.bench.CpuTimes 20 512 bilinear,gaussian,median,bilateral,telea,ns,opencv-telea,opencv-ns,mae | tee "$out/cpu-times.txt"
java -cp "$jar" com.maeworkbench.bench.CpuTimes 3 1024,2048 telea,ns | tee -a "$out/cpu-times.txt"

# Memory: a 16 MP RGB picture through the CLI, five methods, then every method.
img=$(mktemp -d)/synthetic-4096.png
java -cp "$jar" com.maeworkbench.bench.WriteSynthetic 4096 4096 "$img"
for methods in mae,bilinear,gaussian,telea,ns all; do
  opt=(); [ "$methods" = all ] || opt=(--methods "$methods")
  /usr/bin/time -v java -jar inference/target/restore-cli.jar restore "$img" --mask patches:ratio=0.5,size=16,seed=1 \
    "${opt[@]}" --out "$(dirname "$img")/out-$methods" > "$out/memory-16mp-$methods.txt" 2>&1
  grep -E 'ms  ->|Maximum resident|Elapsed' "$out/memory-16mp-$methods.txt"
done
rm -rf "$(dirname "$img")"
echo "load after: $(cat /proc/loadavg)" >> "$out/machine.txt"
