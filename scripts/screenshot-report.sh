#!/bin/sh
# Renders a worksheets report (index.html) in headless Chromium and saves a screenshot, to check
# that it displays without scripts or network (MathML, embedded pictures).
#   scripts/screenshot-report.sh report/index.html docs/worksheets-report.png [WIDTHxHEIGHT]
set -eu
html=${1:?usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]}
out=${2:?usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]}
size=${3:-1400x1800}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: no chromium found (Debian: apt-get install chromium)" >&2; exit 1; }
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --hide-scrollbars \
    --window-size="$(echo "$size" | tr x ,)" --screenshot="$out" "file://$abs" >/dev/null 2>&1
[ -s "$out" ] || { echo "$0: no screenshot written" >&2; exit 1; }
echo "$out"
