#!/bin/bash
# Measures the app on a big image in the real app under Xvfb: opens IMAGE (fitted), waits, zooms to 1:1, pans
# with right-button drags, clears the mask (a new edit that stops the runs in flight), and prints the app's own
# timing lines: open -> first pixels on screen, progress of the long runs, stale runs stopped, the longest
# FX-thread handler (brush, pan, zoom, panel layout, copies of rendered pixels). Needs xvfb and xdotool.
# Usage, from the repository root: [HEAP=4g] app/measure-big-image.sh IMAGE [seconds to let the methods run, default 60]
set -e
cd "$(dirname "$0")/.."
image=$(realpath "$1")
wait_s=${2:-60}
heap=${HEAP:-4g}                             # the installed app takes up to half the RAM (-XX:MaxRAMPercentage=50)
./mvnw -q -B -pl app -am package -DskipTests
log=$(mktemp)
xvfb-run -a -s '-screen 0 1600x1000x24' bash -c "
  java -Xmx$heap -Dmae.debug=true -Dmae.prefs.node=com/maeworkbench/app-big -jar app/target/mae-workbench.jar '$image' > $log 2>&1 &
  app=\$!
  sleep $wait_s                               # start-up, first pixels, the methods' runs with their progress
  xdotool mousemove 250 250 key 1; sleep 3    # 1:1 about the middle of the image
  for i in \$(seq 1 10); do                   # pans: right-drag 60 px in steps of 6
    xdotool mousemove 250 250 mousedown 3
    for s in \$(seq 1 10); do xdotool mousemove \$((250 + 6 * s)) \$((250 + 3 * s)); sleep 0.02; done
    xdotool mouseup 3; sleep 0.5
  done
  xdotool key Delete; sleep 5                 # a new edit while slow runs are in flight
  xdotool key ctrl+t; sleep 1
  kill \$app
"
grep -E '\[mae-perf\] (open|.*stale|FX thread)|summary' -A12 "$log" | grep -v '^--' | head -60
grep -E '\[mae-perf\] mae .*%' "$log" | head -5
echo "full log: $log"
