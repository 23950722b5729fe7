#!/usr/bin/env bash
# Rebuild the dashboard's vendored front-end files from npm, exact versions.
# Usage: scripts/vendor_web.sh   (needs npm; writes src/communique/web/static/vendor/)
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/communique/web/static/vendor
PACKAGES=(leaflet@1.9.4 uplot@1.6.32 cytoscape@3.35.0 topojson-client@3.1.0 world-atlas@2.0.2)
# package file -> vendored file name
FILES=(
  "leaflet dist/leaflet.js leaflet.js"
  "leaflet dist/leaflet.css leaflet.css"
  "leaflet LICENSE leaflet.LICENSE"
  "uplot dist/uPlot.iife.min.js uPlot.iife.min.js"
  "uplot dist/uPlot.min.css uPlot.min.css"
  "uplot LICENSE uplot.LICENSE"
  "cytoscape dist/cytoscape.min.js cytoscape.min.js"
  "cytoscape LICENSE cytoscape.LICENSE"
  "topojson-client dist/topojson-client.min.js topojson-client.min.js"
  "topojson-client LICENSE topojson-client.LICENSE"
  "world-atlas countries-110m.json countries-110m.json"
  "world-atlas LICENSE world-atlas.LICENSE"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for spec in "${PACKAGES[@]}"; do
  name=${spec%@*}
  mkdir -p "$work/$name"
  (cd "$work" && npm pack "$spec" --silent >/dev/null)
  tar xzf "$work/$name-${spec##*@}.tgz" -C "$work/$name" --strip-components=1
done
mkdir -p "$VENDOR"
for entry in "${FILES[@]}"; do
  read -r name source target <<<"$entry"
  cp "$work/$name/$source" "$VENDOR/$target"
done
echo "vendored ${#PACKAGES[@]} packages into $VENDOR"
