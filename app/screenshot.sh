#!/bin/bash
# Takes docs/screenshot.png (1600x1000) and docs/screenshot-1024x700.png of the real app: a window filling
# the screen under Debian's openbox window manager in Xvfb (needs xvfb, openbox, imagemagick, xdotool and
# x11-utils); and docs/presentation.png, presentation mode (F11) full screen at 1920x1080 on the bundled
# script's fourth step (the CT slice, three quarters hidden).
# Usage, from the repository root: app/screenshot.sh [seconds to wait for the results, default 45]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app -am package -DskipTests
mkdir -p docs
wait_s=${1:-45}

# shot WIDTHxHEIGHT FILE [KEYS]: the default start (bundled sample, start-up mask) on a fresh preferences node;
# KEYS (xdotool key names) are pressed once the window is placed, each followed by a short pause.
shot() {
  xvfb-run -a -s "-screen 0 $1x24" bash -c "
    openbox >/dev/null 2>&1 &
    sleep 1
    java -Dmae.prefs.node=com/maeworkbench/app-screenshot -jar app/target/mae-workbench.jar > /tmp/mae-screenshot-$1.log 2>&1 &
    app=\$!
    sleep 5
    # the window and its frame fill the screen (a 1024x700 one the app maximises itself)
    w=\$(xdotool search --name 'MAE Restoration Workbench' | head -1)
    set -- \$(xprop -id \$w _NET_FRAME_EXTENTS | sed 's/.*= //; s/,//g')
    xdotool windowsize --sync \$w \$((${1%x*} - \$1 - \$2)) \$((${1#*x} - \$3 - \$4))
    xdotool windowmove --sync \$w 0 0
    xdotool mousemove 0 0
    for k in $3; do sleep 3; xdotool key \$k; done
    sleep $wait_s
    import -window root $2
    kill \$app
  "
  echo "wrote $2"
}
shot 1600x1000 docs/screenshot.png
shot 1024x700 docs/screenshot-1024x700.png
shot 1920x1080 docs/presentation.png "F11 Right Right Right"
