#!/usr/bin/env bash
# `make demo`: the main job on built-in sample data. Grows as the toolkit grows.
set -euo pipefail
out=${1:-demo-output}
ita=.venv/bin/ita
mkdir -p "$out"
echo "== ita rate: ผล ITA ปี 2565 ของ อบต.ท่านางแนว (seed 004)"
$ita rate --year 2565 --scores 96.10,92.12,94.85,94.92,95.72,96.61,96.51,95.23,41.41,0.00
if $ita samples --help >/dev/null 2>&1; then
  echo; echo "== ita samples: แบบฟอร์มตัวอย่างที่กรอกแล้ว 5 หน่วยงาน"
  $ita samples -o "$out/samples"
fi
if $ita validate --help >/dev/null 2>&1; then
  echo; echo "== ita validate"
  $ita validate "$out"/samples/*.xlsx || true
fi
if $ita report --help >/dev/null 2>&1; then
  echo; echo "== ita report"
  for f in "$out"/samples/*.xlsx; do $ita report "$f" -o "$out/reports/$(basename "$f" .xlsx)"; done
fi
echo; echo "== ita rollover: ปีถัดไปของทุกตัวอย่าง (ปีงบประมาณ 2567 ใช้ผล ITA 2566) พร้อมคะแนนใหม่ ระยะจัดทำแผน"
next_scores=96.20,91.45,90.80,92.10,95.60,93.75,94.20,90.65,88.40,87.90
mkdir -p "$out/next"
for f in "$out"/samples/*.xlsx; do
  $ita rollover "$f" -o "$out/next/$(basename "$f")" --scores "$next_scores"
done
$ita validate "$out"/next/*.xlsx
echo; echo "== ita report: เอกสารระยะจัดทำแผนของปีถัดไป (measures-plan, by-indicator, memo) เป็น xlsx docx pdf"
$ita report "$out"/next/*.xlsx --layout measures-plan,by-indicator,memo -o "$out/next-reports" --no-progress
if $ita merge --help >/dev/null 2>&1; then
  echo; echo "== ita merge"
  $ita merge "$out/samples" -o "$out/overview.xlsx"
fi
echo; echo "ผลลัพธ์อยู่ในโฟลเดอร์ $out/"
