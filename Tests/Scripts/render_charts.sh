#!/usr/bin/env bash
# Renders every kind of chart Parley draws, and the HTML report, to PNG with headless Chromium,
# so that a person can look at them as a reader would: the notebook notebooks/time-and-charts.md
# (a time series, lines per speaker, a barcode plot and a keyness chart), a bar chart of freq,
# and `parley export` of that notebook. Skipped (exit 0) when Chromium is not installed.
#
#   Tests/Scripts/render_charts.sh [OUT_DIR]     (default .build/charts; needs a built parley)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-.build/charts}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "render_charts: no Chromium here; skipped"
    exit 0
fi
parley=${PARLEY:-.build/debug/parley}
[ -x "$parley" ] || swift build --product parley
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$parley" replay notebooks/time-and-charts.md
"$parley" export notebooks/time-and-charts.md --html "$out/time-and-charts.html"
"$parley" notebooks/corpora/briefings-sample <<< "freq --top 15 --format svg --out $out/freq.svg" 2>/dev/null
cp notebooks/time-and-charts.files/*.svg "$out/"
shot() { # FILE WIDTH HEIGHT
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$2,$3" --screenshot="${1%.*}.png" "file://$1" 2>/dev/null
    [ -s "${1%.*}.png" ] || { echo "render_charts: no picture of $1" >&2; exit 1; }
    echo "$1 -> ${1%.*}.png"
}
for svg in "$out"/*.svg; do shot "$svg" 820 620; done
shot "$out/time-and-charts.html" 1100 4200
