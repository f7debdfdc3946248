#!/bin/bash
# Measures live-update latency in the real app under Xvfb: draws brush strokes with xdotool on the
# Original panel of the default sample (512x512 astronaut) and prints the app's own timing summary
# (median end-of-stroke -> panel per method, longest FX-thread handler). Needs xvfb and xdotool.
# With "uncertainty" as the second argument the MAE uncertainty panel is switched on (key U) before the strokes,
# so its background map runs after every stroke and is interrupted by the next one; the summary then has an
# "uncertainty map" line. A/B: run it alternately with "off" and "uncertainty".
# The window fills a 2400x1000 screen: there the panels sit 5 to a row with or without the uncertainty panel, so
# the Original panel keeps its place and zoom and both arms draw the same strokes on the same pixels (in the
# default 1500x940 window the extra panel turns 3x3 into 4x3 and shrinks the Original panel, which moved the strokes).
# Usage, from the repository root: app/measure-latency.sh [strokes, default 20] [off|uncertainty]
set -e
cd "$(dirname "$0")/.."
[ -n "$MAE_SKIP_BUILD" ] || ./mvnw -q -B -pl app -am package -DskipTests
strokes=${1:-20}
case "${2:-off}" in
  off) toggle=: ;;
  uncertainty) toggle="xdotool mousemove 400 300 key u; sleep 15" ;; # the first map, on the start-up mask
  *) echo "usage: $0 [strokes] [off|uncertainty]" >&2; exit 64 ;;
esac
log=$(mktemp)
xvfb-run -a -s '-screen 0 2400x1000x24' bash -c "
  java -Dmae.debug=true -Dmae.prefs.node=com/maeworkbench/app-latency -jar app/target/mae-workbench.jar > $log 2>&1 &
  app=\$!
  sleep 8
  w=\$(xdotool search --name 'MAE Restoration Workbench' | head -1)
  xdotool windowmove \$w 0 0 windowsize \$w 2400 1000
  sleep 32                                   # start-up and the first full restore of every method
  $toggle
  for i in \$(seq 1 $strokes); do
    x=\$((150 + (i * 37) % 180)); y=\$((160 + (i * 53) % 170))
    xdotool mousemove \$x \$y mousedown 1
    for s in 1 2 3 4 5 6; do xdotool mousemove \$((x + 6 * s)) \$((y + 3 * s)); sleep 0.03; done
    xdotool mouseup 1
    sleep 2.5                                  # let every panel settle before the next stroke
  done
  xdotool key ctrl+t
  sleep 1
  kill \$app
"
grep -A20 '\[mae-perf\] summary' "$log" | head -20
echo "full log: $log"
