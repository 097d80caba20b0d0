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
export PYTHONPATH=.  # the docs/ scripts import this checkout's packages, not those an editable install points to
py=.venv/bin/python
$py main.py import "$work/cases" --from "$work/voc" --format voc --label-map hard_exudates=EX,haemorrhage=HE,optic_disc=OD
rm -f docs/screenshot-review.png  # the earlier one: --overwrite refuses one saved before screenshots carried the mark
$py main.py open "$work/cases" --screenshot docs/screenshot-review.png
$py docs/annotate_screenshot.py "$work/cases" docs/screenshot-annotate.png
$py docs/chinese_screenshots.py "$work/cases" docs/screenshots  # the Chinese interface (README)
mkdir -p "$work/full"  # a class's probability as the heat map, on the full-size (12 MP) photo
cp ../shared/data/fullsize/codras_0008.jpg "$work/full/"
$py docs/heatmap_screenshot.py "$work/full" docs/screenshot-heatmap.png
$py docs/heatmap_screenshot.py "$work/full" docs/screenshots/zh-heatmap.png zh_CN
$py docs/heatmap_screenshot.py "$work/full" docs/screenshot-heatmap-ma.png en MA  # the ma-candidates model's dots
$py docs/heatmap_screenshot.py "$work/full" docs/screenshot-heatmap-he.png en HE  # he-candidates + idrid-lesions
mkdir -p "$work/pair"  # patient section, Objects dock and two-eye dialog: a left-eye and a right-eye photo
cp "$data/images/codras_0003.jpg" "$data/images/codras_0014.jpg" "$work/pair/"
cp "$data/voc/codras_0014.xml" "$work/voc/"
$py main.py import "$work/pair" --from "$work/voc" --format voc --label-map hard_exudates=EX,haemorrhage=HE,optic_disc=OD
$py docs/workflow_screenshots.py "$work/pair" docs
# example report pages: the shipped models' own analysis of two of the photos (they are not one patient's eyes); the
# two-eye ones of the pair's right eye (codras_0014, disc on the right) and left eye (codras_0003, disc on the left)
$py main.py report "$work/pair/codras_0014.jpg" "$work/pair/codras_0003.jpg" --out "$work/two-eye.pdf" \
  --patient-name "王小明 (example)" --patient-id DEMO-0001 --age 58 --sex M --eye OD --eye OS --exam-date 2026-11-22 \
  --reader "Dr A. Example" --clinic-name "Example Eye Clinic"
$py main.py report "$work/cases/codras_0062.jpg" --out "$work/one-eye.pdf" --patient-name "Example Patient" \
  --patient-id DEMO-0002 --age 64 --sex F --eye OS --exam-date 2026-11-22 --clinic-name "Example Eye Clinic"
$py docs/pdf_page_png.py "$work/two-eye.pdf" 100 docs/report-example-two-eye.png
$py docs/pdf_page_png.py "$work/one-eye.pdf" 100 docs/report-example-one-eye.png
# the same two-eye report in Chinese, and the report dialog in Chinese
$py main.py report "$work/pair/codras_0014.jpg" "$work/pair/codras_0003.jpg" --out "$work/two-eye-zh.pdf" \
  --patient-name "王小明（示例）" --patient-id DEMO-0001 --age 58 --sex M --eye OD --eye OS --exam-date 2026-11-22 \
  --reader "李医生" --clinic-name "示例眼科诊所" --lang zh_CN
$py docs/pdf_page_png.py "$work/two-eye-zh.pdf" 60 docs/screenshots/report_zh_CN_page1.png
$py docs/report_dialog_zh_screenshot.py "$work/pair/codras_0014.jpg" "$work/pair/codras_0003.jpg" \
  docs/screenshots/report_dialog_zh_CN.png
