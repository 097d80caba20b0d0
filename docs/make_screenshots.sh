#!/usr/bin/env bash
# Regenerates the README screenshots from ../shared/data (IDRiD photos CC BY 4.0, CODRAS boxes CC BY-SA 4.0).
# Works on a copy in a temporary folder: nothing is written into ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/codras-idrid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cases" "$work/voc"
for id in 0003 0008 0062 0064; do
  cp "$data/images/codras_$id.jpg" "$work/cases/"
  cp "$data/voc/codras_$id.xml" "$work/voc/"
done
export QT_QPA_PLATFORM=offscreen
py=.venv/bin/python
$py main.py import "$work/cases" --from "$work/voc" --format voc --label-map hard_exudates=EX,haemorrhage=HE,optic_disc=OD
$py main.py open "$work/cases" --screenshot docs/screenshot-review.png
$py docs/annotate_screenshot.py "$work/cases" docs/screenshot-annotate.png
