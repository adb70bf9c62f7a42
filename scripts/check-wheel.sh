#!/usr/bin/env bash
# The wheel on its own: build it, install it with no extras into a fresh venv (outside the source tree),
# then run what an officer runs: ita addin build, samples, report, merge, guide. Usage:
#   scripts/check-wheel.sh [WORKDIR]        (default build/wheel-check; PY picks the interpreter)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mkdir -p "${1:-$ROOT/build/wheel-check}" && cd "${1:-$ROOT/build/wheel-check}" && pwd)
PY=${PY:-python3}
rm -rf "$WORK/dist" "$WORK/venv" "$WORK/run"
"$PY" -m pip wheel -q --no-deps -w "$WORK/dist" "$ROOT"
WHEEL=$(ls "$WORK"/dist/thai_ita_toolkit-*.whl)
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q "$WHEEL"
mkdir -p "$WORK/run" && cd "$WORK/run"          # nothing of the source tree is importable from here
ITA="$WORK/venv/bin/ita"
export ITA_LOG_DIR="$WORK/run/logs" ITA_SETTINGS="$WORK/run/settings.toml"
"$ITA" --version
"$ITA" addin build -o addin
"$ITA" samples -o samples
first=$(ls samples/*.xlsx | head -1)
"$ITA" report "$first" --format xlsx,docx -o reports
"$ITA" merge samples -o overview.xlsx --no-progress
guide=$("$ITA" guide)                             # the guide shipped in the wheel, as an HTML page
grep -q "ปุ่มในแท็บ ITA" "$guide" || { echo "guide page without the guide: $guide"; exit 1; }
"$WORK/venv/bin/python" -c "import actions.guide as g, sys; p = g.find_guide(); sys.exit(not p.startswith('$WORK/venv/'))"
test -s addin/ITA.xlam && test -s overview.xlsx
ls reports | grep -q docx
echo "wheel check: $(basename "$WHEEL") installs with no extras; addin build, report, merge and guide work"
