#!/bin/bash
# Takes docs/screenshot.png of the real app under Xvfb (needs xvfb and imagemagick).
# Usage, from the repository root: app/screenshot.sh [seconds to wait, default 45]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app -am package -DskipTests
mkdir -p docs
wait_s=${1:-45}
xvfb-run -a -s '-screen 0 1600x1000x24' bash -c "
  java -Dmae.prefs.node=com/maeworkbench/app-screenshot -jar app/target/mae-workbench.jar > /tmp/mae-screenshot.log 2>&1 &
  app=\$!
  sleep $wait_s
  import -window root docs/screenshot.png
  kill \$app
"
echo "wrote docs/screenshot.png"
